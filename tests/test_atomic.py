import os
import stat
from datetime import date

import pytest

from model import update
from model.atomic import write_atomic
from model.export import write_snapshot
from model.snapshots import take

from conftest import MINIMAL, SEEDS


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test (restored afterwards)."""
    saved = os.umask(0o022)
    os.umask(saved)

    def set_umask(value: int) -> None:
        os.umask(value)

    yield set_umask
    os.umask(saved)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664, 0o600, 0o444])
def test_rewrite_keeps_the_mode_of_the_old_file(tmp_path, mode):
    path = tmp_path / "kpis.yaml"
    path.write_bytes(b"old")
    path.chmod(mode)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert oct(mode_of(path)) == oct(mode)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_file_follows_the_umask(tmp_path, umask, mask, mode):
    umask(mask)
    path = tmp_path / "snapshot.csv"
    write_atomic(path, b"x")
    assert oct(mode_of(path)) == oct(mode)


def temp_files(folder, name="kpis.yaml"):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.suffix == ".tmp")


def test_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "kpis.yaml"
    path.write_bytes(b"old")

    def fail(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert temp_files(tmp_path) == []


def test_record_snapshot_and_export_keep_the_mode_of_the_files_they_replace(tmp_path, minimal):
    data = tmp_path / "kpis.yaml"
    data.write_bytes(MINIMAL.read_bytes())
    csv = tmp_path / "out.csv"
    csv.write_bytes(b"")
    folder = tmp_path / "snapshots"
    folder.mkdir()
    (folder / "2025-03-31.csv").write_bytes(b"")
    for path in (data, csv, folder / "2025-03-31.csv"):
        path.chmod(0o644)
    fig = update.Figure(149, "sample.txt", "2023.11 149")
    update.apply(data, SEEDS, update.record("antenna-sites", "2023-12", "actual", fig), "tester")
    write_snapshot(minimal, csv, date(2025, 3, 31))
    take(minimal, date(2025, 3, 31), folder)
    assert [oct(mode_of(p)) for p in (data, csv, folder / "2025-03-31.csv")] == [oct(0o644)] * 3
