"""Fuzzing the loader: mutated copies of the real data file are accepted or rejected with
problems, never with an exception.

Budget: the `ci` profile (default; `make fuzz`, part of `make test`) tries 150 mutations per
test, `HYPOTHESIS_PROFILE=check` (`make check`) 25, `HYPOTHESIS_PROFILE=long` (`make fuzz-long`)
3,000.
"""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from model import update
from model.loader import check_text, load
from model.problems import DataError

from conftest import PROJECT

DATA = PROJECT / "data" / "kpis.yaml"
SEEDS = PROJECT / "seeds"
TEXT = DATA.read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)

for name, examples in (("check", 25), ("ci", 150), ("long", 3000)):
    settings.register_profile(
        name, max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: Replacement values that change a scalar's type or meaning.
RETYPES = [
    "",
    "~",
    "true",
    "-1",
    ".nan",
    ".inf",
    "1e309",
    "[1, 2]",
    "{a: 1}",
    "'x'",
    "&a 1",
    "*a",
    "!!str 1",
    "0x1F",
]


@st.composite
def mutations(draw: st.DrawFn) -> str:
    lines = list(LINES)
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "retype", "truncate", "bytes", "indent"]))
    i = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i : i + draw(st.integers(1, 5))]
    elif kind == "duplicate":
        lines[i:i] = lines[i : i + draw(st.integers(1, 8))]
    elif kind == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "retype":
        line = lines[i]
        if ":" in line:
            key = line.split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(RETYPES))}\n"
    elif kind == "indent":
        lines[i] = draw(st.sampled_from(["", "  ", "\t", "    "])) + lines[i].lstrip()
    text = "".join(lines)
    if kind == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    elif kind == "bytes":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(max_size=8)) + text[at:]
    return text


def assert_clean(text: str) -> None:
    document, problems = check_text(text, DATA, SEEDS)
    errors = [p for p in problems if p.level == "error"]
    event("rejected" if document is None else "accepted")
    if document is None:
        assert errors, "rejected without saying why"
    else:
        assert not errors
    for problem in problems:
        assert problem.line is not None and problem.line >= 1, str(problem)
        assert "internal check" not in problem.message, str(problem)


@given(mutations())
def test_mutated_data_is_accepted_or_rejected_with_problems(text):
    assert_clean(text)


@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    assert_clean(text)


#: An edit of the first KPI, as the Record form's "check" would preview it.
EDIT = update.record(load(DATA, SEEDS).kpis[0].id, "FY2030", "actual", update.FigureInput(1, "x.txt", "1件"))


@given(mutations())
def test_editing_mutated_data_gives_problems_or_a_clear_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kpis.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            update.preview(path, SEEDS, EDIT)
        except DataError as exc:
            assert exc.errors and all(str(p) for p in exc.errors)
            event("data error")
        except update.UpdateError as exc:
            assert str(exc)
            event("update error")
