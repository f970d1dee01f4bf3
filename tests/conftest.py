"""Shared test fixtures: paths to the fixture files and a loaded minimal dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.loader import Dataset, load

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"
PROJECT = Path(__file__).resolve().parent.parent


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
    from dashboard import data

    def install(path: Path, seeds: Path = DASHBOARD_FIXTURES / "seeds") -> Path:
        monkeypatch.setenv("KPI_DATA", str(path))
        monkeypatch.setenv("KPI_SEEDS", str(seeds))
        monkeypatch.setenv("KPI_SNAPSHOTS", str(tmp_path / "snapshots"))
        data.clear_cache()
        data.forget()
        return path

    copy = tmp_path / "kpis.yaml"
    shutil.copyfile(DASHBOARD_FIXTURES / "kpis.yaml", copy)
    install.copy = install(copy)  # type: ignore[attr-defined]
    yield install
    data.clear_cache()
    data.forget()
