"""A change and its audit line are saved together or not at all."""

import json
import signal
import subprocess
import sys

import pytest

from model import audit, commit, update
from model.update import FigureInput, UpdateError

from conftest import MINIMAL, PROJECT, SEEDS

FIRST = update.record("antenna-sites", "2023-12", "actual", FigureInput(149, "sample.txt", "2023.11 149"))
SECOND = update.record("antenna-sites", "2024-01", "actual", FigureInput(149, "sample.txt", "2023.11 149"))


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "kpis.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    return path


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".pending.json")))


def test_audit_log_that_cannot_be_written_saves_nothing(data):
    before = data.read_bytes()
    audit.audit_path(data).mkdir()  # a folder where the log should be
    with pytest.raises(UpdateError, match=r"nothing saved: cannot write the audit log .*audit\.jsonl"):
        update.apply(data, SEEDS, FIRST, "tester")
    assert data.read_bytes() == before
    assert leftovers(data.parent) == []


def test_audit_line_that_fails_to_append_rolls_the_change_back(data, monkeypatch):
    before = data.read_bytes()

    def disk_full(handle, entry):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(commit, "_append", disk_full)
    with pytest.raises(UpdateError, match=r"nothing saved: .*No space left on device.*as it was"):
        update.apply(data, SEEDS, FIRST, "tester")
    assert data.read_bytes() == before
    assert leftovers(data.parent) == []


def _killed(data, at: str) -> int:
    """Run an edit in a child process killed (-9) at ``at``: "append" (after the rename,
    before the audit line) or "rename" (before the new file is renamed into place)."""
    code = f"""
import os, signal, sys
from pathlib import Path
from model import commit, update
from model.update import FigureInput

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if {at!r} == "append":
    commit._append = die
else:
    real = commit.write_atomic
    commit.write_atomic = lambda path, data: die() if Path(path).name == "kpis.yaml" else real(path, data)
edit = update.record("antenna-sites", "2023-12", "actual", FigureInput(149, "sample.txt", "2023.11 149"))
update.apply(Path(sys.argv[1]), Path(sys.argv[2]), edit, "killed")
"""
    child = subprocess.run([sys.executable, "-c", code, str(data), str(SEEDS)], cwd=PROJECT, timeout=120)
    return child.returncode


def test_killed_after_the_rename_the_next_edit_adds_the_missing_audit_line(data):
    assert _killed(data, "append") == -signal.SIGKILL
    assert "2023-12" in data.read_text(encoding="utf-8")  # the change landed ...
    assert audit.read(audit.audit_path(data)) == []  # ... without its audit line
    assert commit.journal_path(data).exists()
    update.apply(data, SEEDS, SECOND, "tester")
    entries = audit.read(audit.audit_path(data))
    assert [(e["editor"], e["field"], e.get("recovered")) for e in entries] == [
        ("killed", "actual 2023-12", True),
        ("tester", "actual 2024-01", None),
    ]
    assert leftovers(data.parent) == []


def test_killed_before_the_rename_the_next_edit_drops_the_pending_line(data):
    before = data.read_bytes()
    assert _killed(data, "rename") == -signal.SIGKILL
    assert data.read_bytes() == before
    update.apply(data, SEEDS, SECOND, "tester")
    assert [e["editor"] for e in audit.read(audit.audit_path(data))] == ["tester"]
    assert leftovers(data.parent) == []


def test_recovery_does_not_add_a_line_twice(data, monkeypatch):
    """Killed after the audit line but before the journal was removed."""
    update.apply(data, SEEDS, FIRST, "tester")
    (entry,) = audit.read(audit.audit_path(data))
    record = {"entry": entry, "old_sha256": "0" * 64, "new_sha256": commit._sha256(data.read_bytes())}
    commit.journal_path(data).write_text(json.dumps(record), encoding="utf-8")
    assert commit.recover(data) == "added"
    assert len(audit.read(audit.audit_path(data))) == 1


def test_a_torn_last_line_does_not_swallow_the_next_entry(data):
    log = audit.audit_path(data)
    log.write_bytes(b'{"time": "2024-01-01T00:00:00+00:00", "editor": "x", "act')  # no newline
    update.apply(data, SEEDS, FIRST, "tester")
    assert [e["editor"] for e in audit.read(log)] == ["tester"]


def test_command_line_says_nothing_was_saved(data):
    audit.audit_path(data).mkdir()
    before = data.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "model", "record", "antenna-sites", "--period", "2023-12", "--value", "149",
         "--source", "sample.txt", "--quote", "2023.11 149", "--data", str(data), "--seeds", str(SEEDS)],
        cwd=PROJECT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "error: nothing saved: cannot write the audit log" in result.stderr
    assert data.read_bytes() == before


@pytest.mark.parametrize("written", [0, 1, 2])
def test_an_append_that_fails_after_some_lines_leaves_none_of_them(data, monkeypatch, written):
    """The disk fills after ``written`` of three lines reached the log: the change is rolled
    back, and so are those lines (the log is as it was before the save)."""
    log = audit.audit_path(data)
    update.apply(data, SEEDS, FIRST, "tester")  # one line already there, which must stay
    before_log, before_data = log.read_bytes(), data.read_bytes()

    def partial(handle, *entries):
        handle.write("".join(json.dumps(e) + "\n" for e in entries[:written]).encode("utf-8"))
        handle.flush()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(commit, "_append", partial)
    changes = [audit.Change("record", "antenna-sites", f"actual 2024-0{i}", None, i) for i in (2, 3, 4)]
    with pytest.raises(commit.CommitError, match=r"nothing saved: .*as it was"):
        commit.save(data, b"kpis: []\n", before_data, changes, "tester")
    assert data.read_bytes() == before_data
    assert log.read_bytes() == before_log
    assert leftovers(data.parent) == []


def test_an_old_journal_whose_line_is_missing_gets_it_added(data):
    """A journal of the one-entry format (``"entry"``) left by a save killed before its line."""
    update.apply(data, SEEDS, FIRST, "tester")
    log = audit.audit_path(data)
    (entry,) = audit.read(log)
    log.write_text("", encoding="utf-8")
    record = {"entry": entry, "old_sha256": "0" * 64, "new_sha256": commit._sha256(data.read_bytes())}
    commit.journal_path(data).write_text(json.dumps(record), encoding="utf-8")
    assert commit.recover(data) == "added"
    assert [(e["field"], e.get("recovered")) for e in audit.read(log)] == [("actual 2023-12", True)]
    assert leftovers(data.parent) == []
