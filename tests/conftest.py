"""Shared test fixtures: paths to the fixture files and a loaded minimal dataset."""

from __future__ import annotations

import functools
import re
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from model.loader import Dataset, load

if TYPE_CHECKING:  # Streamlit is imported by the app tests only: processes that tests start
    # import this module (multiprocessing's spawn), and they need no Streamlit
    from streamlit.testing.v1 import AppTest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"
PROJECT = Path(__file__).resolve().parent.parent
ENTRY = PROJECT / "dashboard" / "streamlit_app.py"


@pytest.fixture(scope="session", autouse=True)
def cache_secret(tmp_path_factory):
    """The secret that signs cache entries, for every test and every app the tests start: a
    file of the test session (tests never create one in the home folder). One cache folder for
    the session too: entries are keyed on content, so the many tests that copy the same fixture
    load it validated once (tests of where the cache lives unset ``KPI_CACHE_DIR``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KPI_CACHE_SECRET", str(tmp_path_factory.mktemp("secret") / "cache-secret"))
        patch.setenv("KPI_CACHE_DIR", str(tmp_path_factory.mktemp("dataset-cache")))
        yield


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once():
    """Every AppTest run looks through all installed packages for Streamlit components (a third of
    an app test's time); the installed packages do not change within a test session, so the
    first look is kept."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", functools.cache(scan))
        yield


#: "Today" for every dashboard test: the day the fixture's newest actual (FY2023) was over.
TODAY = date(2024, 3, 31)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The dashboard's today (the default evaluation date) is :data:`TODAY` in every test."""
    monkeypatch.setattr("dashboard.state.today", lambda: TODAY)
    return TODAY


@pytest.fixture
def minimal() -> Dataset:
    return load(MINIMAL, SEEDS)


DASHBOARD_FIXTURES = FIXTURES / "dashboard"


@pytest.fixture
def app_data(tmp_path, monkeypatch):
    """Point the dashboard at a fresh copy of the dashboard fixture data, with empty caches.

    Yields a function that installs a given data file and seed folder instead (for tests that
    build their own data); by default the copy of ``tests/fixtures/dashboard/kpis.yaml``.
    """
    from dashboard import auth

    auth.THROTTLE.clear()  # sign-in failures of earlier tests are not this test's

    def install(path: Path, seeds: Path = DASHBOARD_FIXTURES / "seeds") -> Path:
        point_at(monkeypatch, path, seeds, tmp_path / "snapshots")
        return path

    copy = tmp_path / "kpis.yaml"
    shutil.copyfile(DASHBOARD_FIXTURES / "kpis.yaml", copy)
    install.copy = install(copy)  # type: ignore[attr-defined]
    yield install
    forget_data()
    auth.THROTTLE.clear()


def forget_data() -> None:
    """Empty the dashboard's caches (the loaded data and what was drawn from it)."""
    from dashboard import data

    data.clear_cache()
    data.forget()


def point_at(monkeypatch, data_file: Path | None, seeds: Path, snapshots: Path | None = None) -> None:
    """Point the app at a data file, seeds and snapshot folder (those given), with empty caches."""
    for name, path in (("KPI_DATA", data_file), ("KPI_SEEDS", seeds), ("KPI_SNAPSHOTS", snapshots)):
        if path is not None:
            monkeypatch.setenv(name, str(path))
    forget_data()


def serve_data(monkeypatch, data_file: Path, seeds: Path, snapshots: Path):
    """Point the app at a data file, seeds and snapshot folder, with empty caches before and
    after (a generator: ``yield from`` it in a fixture)."""
    point_at(monkeypatch, data_file, seeds, snapshots)
    yield
    forget_data()


@pytest.fixture
def dashboard_fixture_data(monkeypatch):
    """The app on the dashboard fixture data."""
    yield from serve_data(
        monkeypatch,
        DASHBOARD_FIXTURES / "kpis.yaml",
        DASHBOARD_FIXTURES / "seeds",
        DASHBOARD_FIXTURES / "no-snapshots",
    )


def open_app(
    page: str | None = None, secrets: dict | None = None, user: dict | None = None, **params: str
) -> AppTest:
    """Open the dashboard on ``page`` ("kpi" → app_pages/kpi.py, the overview if None) with
    ``params`` in the URL (and ``secrets``/``user`` if given), as a link to /page?params would:
    the first run is that page's; no exception allowed."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ENTRY), default_timeout=60)
    at.query_params.update(params)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    if page:  # before the first run a page is known by its file name, which is its URL path here
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # which page ran (AppTest keeps it privately; no public way to ask in Streamlit 1.67)
    ran = at._registered_pages.get(at._finished_page_script_hash, {}).get("script_path")
    assert Path(str(ran)).name == f"{page or 'overview'}.py", f"the run showed {ran}, not {page}"
    return at


def plain(text: str) -> str:
    """Markdown-escaped data text as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", text)
