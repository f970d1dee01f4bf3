"""Save an edited data file and its audit line together, or neither.

Called by :func:`model.update.apply` under the writer's lock:

1. the audit log is opened for appending (a log that cannot be opened stops everything);
2. a journal beside the data file (``.kpis.yaml.pending.json``) records the audit entry
   and the SHA-256 of the old and the new file;
3. the new file is written atomically (renamed into place);
4. the audit line is appended and synced; the journal is removed.

If step 4 fails, the old file is put back and the error says nothing was saved. If the
process dies between steps 3 and 4 (kill -9, power loss), the journal survives it, and the
next edit (:func:`recover`) appends the entry if the file is the new one, marked
``"recovered": true``, or drops it if the file is still the old one.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, BinaryIO

from model import audit
from model.atomic import write_atomic
from model.audit import Change


class CommitError(Exception):
    """The change could not be saved with its audit line (the message says what was kept)."""


def journal_path(data: Path) -> Path:
    return Path(data).with_name(f".{Path(data).name}.pending.json")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _append(handle: BinaryIO, entry: dict[str, Any]) -> None:
    """One JSON line, synced to disk."""
    handle.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
    handle.flush()
    os.fsync(handle.fileno())


def _open_log(log: Path) -> BinaryIO:
    """The audit log opened for appending, starting on a fresh line (after a torn last line)."""
    handle = open(log, "ab+")  # noqa: SIM115 - closed by the caller
    try:
        size = handle.seek(0, os.SEEK_END)
        if size:
            handle.seek(size - 1)
            if handle.read(1) != b"\n":
                handle.write(b"\n")
    except OSError:
        handle.close()
        raise
    return handle


def save(data: Path, new: bytes, old: bytes, change: Change, editor: str) -> None:
    """Write ``new`` over ``data`` (whose content was ``old``) and append the audit entry."""
    log = audit.audit_path(data)
    entry = audit.entry_of(change, editor)
    try:
        handle = _open_log(log)
    except OSError as exc:
        raise CommitError(f"nothing saved: cannot write the audit log {log} ({exc.strerror})") from None
    journal = journal_path(data)
    with handle:
        record = {"entry": entry, "old_sha256": _sha256(old), "new_sha256": _sha256(new)}
        target = journal
        try:
            write_atomic(journal, json.dumps(record, ensure_ascii=False).encode("utf-8"))
            target = data
            write_atomic(data, new)
        except OSError as exc:
            journal.unlink(missing_ok=True)
            raise CommitError(f"nothing saved: cannot write {target} ({exc.strerror})") from None
        except BaseException:
            journal.unlink(missing_ok=True)
            raise
        try:
            _append(handle, entry)
        except OSError as exc:
            _roll_back(data, old, journal, log, exc)
    journal.unlink(missing_ok=True)


def _roll_back(data: Path, old: bytes, journal: Path, log: Path, exc: OSError) -> None:
    why = f"cannot write the audit log {log} ({exc.strerror})"
    try:
        write_atomic(data, old)
    except OSError as again:
        raise CommitError(
            f"the change was saved but {why}, and the old file could not be put back "
            f"({again.strerror}); the audit entry waits in {journal} and is added by the next edit"
        ) from None
    journal.unlink(missing_ok=True)
    raise CommitError(f"nothing saved: {why}; the data file is as it was") from None


def recover(data: Path) -> str | None:
    """Finish a save that was interrupted: ``"added"``, ``"dropped"`` or None (nothing pending)."""
    journal = journal_path(data)
    try:
        record = json.loads(journal.read_bytes())
        entry = dict(record["entry"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CommitError(
            f"{journal} is unreadable ({exc}); move it away after checking the audit log"
        ) from None
    current = _sha256(Path(data).read_bytes()) if Path(data).exists() else None
    if current != record.get("new_sha256") and current == record.get("old_sha256"):
        outcome = "dropped"  # the new file never replaced the old one
    else:
        # the new file landed (or, if it is neither, it was edited by hand since)
        entry["recovered"] = True if current == record.get("new_sha256") else "unconfirmed"
        log = audit.audit_path(data)
        try:
            if _last_entry_time_and_change(log) != _time_and_change(entry):  # not appended yet
                with _open_log(log) as handle:
                    _append(handle, entry)
        except OSError as exc:
            raise CommitError(
                f"nothing saved: the audit entry of an interrupted change (kept in {journal}) "
                f"cannot be added to {log} ({exc.strerror})"
            ) from None
        outcome = "added"
    journal.unlink()
    return outcome


def _time_and_change(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k != "recovered"}


def _last_entry_time_and_change(log: Path) -> dict[str, Any] | None:
    entries = audit.read(log)
    return _time_and_change(entries[-1]) if entries else None
