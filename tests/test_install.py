"""The installed command works from any folder, and writes where the dashboard reads.

End-to-end: real subprocesses of ``kpi`` (the console script ``make`` installs) and
``python -m model``, started from an empty folder outside the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model import settings

from conftest import PROJECT

KPI = Path(sys.executable).with_name("kpi")
pytestmark = pytest.mark.skipif(not KPI.is_file(), reason="the kpi command is not installed (run make test)")


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, env=env, check=False)


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def test_validate_from_an_empty_folder_outside_the_repository(elsewhere):
    done = run(str(KPI), "validate", "--data", str(PROJECT / "data" / "kpis.yaml"), "--seeds",
               str(PROJECT / "seeds"), cwd=elsewhere)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "valid (" in done.stdout
    assert list(elsewhere.iterdir()) == []  # nothing written to the current folder


def test_python_dash_m_model_works_from_anywhere_too(elsewhere):
    done = run(sys.executable, "-m", "model", "validate", cwd=elsewhere)
    assert done.returncode == 0, done.stderr


def test_snapshot_writes_beside_the_data_file_where_the_dashboard_looks(elsewhere, tmp_path, monkeypatch):
    copy = tmp_path / "copy"
    (copy / "data").mkdir(parents=True)
    shutil.copy(PROJECT / "data" / "kpis.yaml", copy / "data" / "kpis.yaml")
    shutil.copytree(PROJECT / "seeds", copy / "seeds")
    data = copy / "data" / "kpis.yaml"
    done = run(str(KPI), "snapshot", "--data", str(data), "--seeds", str(copy / "seeds"), "--as-of",
               "2025-03-31", cwd=elsewhere)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(elsewhere.iterdir()) == []
    monkeypatch.setenv("KPI_DATA", str(data))
    monkeypatch.delenv("KPI_SNAPSHOTS", raising=False)
    from dashboard import data as app_data

    assert (app_data.snapshots_folder() / "2025-03-31.csv").is_file()
    assert app_data.snapshots_folder() == settings.snapshots_folder(data) == copy / "data" / "snapshots"
