# Two commands on a fresh machine with Python 3.11 and make: `make run`, `make test`.
PYTHON ?= python3.11
# compiled modules and pytest's rewritten tests are kept between runs (some shells turn that off)
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8501

.PHONY: run test check types lint validate export schema readme fuzz fuzz-long bench serve-replicas load-test clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# serve.py passes every setting of .streamlit/config.toml and the secrets file explicitly.
run: $(VENV)/.installed
	$(PY) dashboard/serve.py --address $(HOST) --port $(PORT)

# lint, types, the data's own checks and every test that needs no browser, on every core
# (pytest-xdist); the fuzz tests try 25 inputs each here, 150 in `make fuzz`, the concurrency
# tests 60 rewrites here, 200 there
check: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m model validate
	$(PY) -m model coverage
	HYPOTHESIS_PROFILE=check $(PY) -m pytest -n auto -m "not browser and not nginx"

# everything: check, the fuzz and concurrency tests with their full budget, then the browser and nginx tests
test: check fuzz
	$(PY) -m pytest -m "browser or nginx"

fuzz: $(VENV)/.installed-dev
	HYPOTHESIS_PROFILE=ci $(PY) -m pytest tests/test_fuzz.py tests/test_concurrency.py -q

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

validate: $(VENV)/.installed
	$(PY) -m model validate

export: $(VENV)/.installed
	$(PY) -m model export --out snapshot.csv

schema: $(VENV)/.installed
	$(PY) -m model schema --out data/kpis.schema.json

readme: $(VENV)/.installed
	$(PY) -m scripts.readme_examples --write
	$(PY) -m model coverage --doc docs/coverage.md

fuzz-long: $(VENV)/.installed-dev
	HYPOTHESIS_PROFILE=long $(PY) -m pytest tests/test_fuzz.py -p no:cacheprovider --hypothesis-show-statistics

bench: $(VENV)/.installed-dev
	$(PY) -m tools.bench --kpis 1000

serve-replicas: $(VENV)/.installed
	PYTHON=$(PY) bash scripts/serve_replicas.sh

load-test: $(VENV)/.installed-dev
	$(PY) scripts/load_test.py --start --sessions 10 --seconds 60

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache
