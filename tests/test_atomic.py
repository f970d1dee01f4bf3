import fcntl
import os
import signal
import stat
import subprocess
import sys
from datetime import date

import pytest

from model import update
from model.atomic import write_atomic
from model.export import write_snapshot
from model.snapshots import take

from conftest import MINIMAL, PROJECT, SEEDS


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


def _killed_before_fsync(path) -> int:
    """Run write_atomic in a child process that is killed (-9) just before its fsync."""
    code = (
        "import os, signal, sys\n"
        "from model import atomic\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
        "atomic.write_atomic(sys.argv[1], b'half')\n"
    )
    child = subprocess.run([sys.executable, "-c", code, str(path)], cwd=PROJECT, timeout=60)
    return child.returncode


def temp_files(folder, name="kpis.yaml"):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}.") and p.suffix == ".tmp")


def test_temporary_file_of_a_killed_writer_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "kpis.yaml"
    path.write_bytes(b"old")
    assert _killed_before_fsync(path) == -signal.SIGKILL
    assert path.read_bytes() == b"old"
    assert len(temp_files(tmp_path)) == 1  # what the kill leaves behind
    (tmp_path / ".kpis.yaml.k3y_9ab.tmp").write_bytes(b"left by an older version (mkstemp names)")
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert temp_files(tmp_path) == []


def test_temporary_file_of_a_live_writer_is_left_alone(tmp_path):
    path = tmp_path / "kpis.yaml"
    busy = tmp_path / ".kpis.yaml.0123abcd.tmp"
    busy.write_bytes(b"being written")
    with open(busy, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as a writer at work holds it
        write_atomic(path, b"new")
        assert busy.read_bytes() == b"being written"
    assert path.read_bytes() == b"new"


def test_other_files_are_left_alone(tmp_path):
    others = [".kpis.yaml.lock", "kpis.yaml.tmp", ".other.yaml.0123abcd.tmp", ".kpis.yaml.pending.json"]
    for name in others:
        (tmp_path / name).write_bytes(b"x")
    write_atomic(tmp_path / "kpis.yaml", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*others, "kpis.yaml"])


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
    fig = update.FigureInput(149, "sample.txt", "2023.11 149")
    update.apply(data, SEEDS, update.record("antenna-sites", "2023-12", "actual", fig), "tester")
    write_snapshot(minimal, csv, date(2025, 3, 31))
    take(minimal, date(2025, 3, 31), folder)
    assert [oct(mode_of(p)) for p in (data, csv, folder / "2025-03-31.csv")] == [oct(0o644)] * 3
