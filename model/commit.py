"""Save an edited data file and its audit line together, or neither.

Called by :func:`model.update.apply` under the writer's lock:

1. the audit log is opened for appending (a log that cannot be opened stops everything);
2. a journal beside the data file (``.kpis.yaml.pending.json``) records the audit entry
   and the SHA-256 of the old and the new file;
3. the new file is written atomically (renamed into place);
4. the audit line is appended and synced; the journal is removed.

If step 4 fails, the old file is put back, the log is cut back to its size before the
append (a write that failed partway leaves no line of the undone change), and the error
says nothing was saved. If the
process dies between steps 3 and 4 (kill -9, power loss), the journal survives it, and the
next edit (:func:`recover`) appends the entry if the file is the new one, marked
``"recovered": true``, or drops it if the file is still the old one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
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


def _append(handle: BinaryIO, *entries: dict[str, Any]) -> None:
    """One JSON line per entry, in one write, synced to disk."""
    lines = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
    handle.write(lines.encode("utf-8"))
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


def save(data: Path, new: bytes, old: bytes, change: Change | Sequence[Change], editor: str) -> None:
    """Write ``new`` over ``data`` (whose content was ``old``) and append the audit entry
    (one entry per change when several entries were added at once, e.g. by ``accept``)."""
    log = audit.audit_path(data)
    changes = [change] if isinstance(change, Change) else list(change)
    entries = [audit.entry_of(c, editor) for c in changes]
    try:
        handle = _open_log(log)
    except OSError as exc:
        raise CommitError(f"nothing saved: cannot write the audit log {log} ({exc.strerror})") from None
    journal = journal_path(data)
    with handle:
        record = {"entries": entries, "old_sha256": _sha256(old), "new_sha256": _sha256(new)}
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
        size = handle.seek(0, os.SEEK_END)  # where this save's lines start
        try:
            _append(handle, *entries)
        except OSError as exc:
            _roll_back(data, old, journal, (handle, size), exc)
    journal.unlink(missing_ok=True)


def _roll_back(data: Path, old: bytes, journal: Path, log: tuple[BinaryIO, int], exc: OSError) -> None:
    """Put the old file back and cut the log back to ``log``'s size before the append, so no
    line of the undone change stays (a write that failed partway may have left a few)."""
    handle, size = log
    why = f"cannot write the audit log {handle.name!s} ({exc.strerror})"
    try:
        write_atomic(data, old)
    except OSError as again:
        raise CommitError(
            f"the change was saved but {why}, and the old file could not be put back "
            f"({again.strerror}); the audit entry waits in {journal} and is added by the next edit"
        ) from None
    try:
        handle.truncate(size)
        os.fsync(handle.fileno())
    except OSError as again:
        journal.unlink(missing_ok=True)
        raise CommitError(
            f"nothing saved: {why}; the data file is as it was, but the log could not be cut back "
            f"({again.strerror}): its last lines after byte {size} belong to no change"
        ) from None
    journal.unlink(missing_ok=True)
    raise CommitError(f"nothing saved: {why}; the data file is as it was") from None


def recover(data: Path) -> str | None:
    """Finish a save that was interrupted: ``"added"``, ``"dropped"`` or None (nothing pending)."""
    journal = journal_path(data)
    try:
        record = json.loads(journal.read_bytes())
        entries = [dict(e) for e in record.get("entries") or [record["entry"]]]
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
        for entry in entries:
            entry["recovered"] = True if current == record.get("new_sha256") else "unconfirmed"
        log = audit.audit_path(data)
        try:
            missing = _not_appended(log, entries)
            if missing:
                with _open_log(log) as handle:
                    _append(handle, *missing)
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


def _not_appended(log: Path, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries not yet at the end of the log (a torn write may have appended the first few)."""
    logged = [_time_and_change(e) for e in audit.read(log)[-len(entries) :]]
    wanted = [_time_and_change(e) for e in entries]
    for done in range(len(wanted), 0, -1):
        if logged[-done:] == wanted[:done]:
            return entries[done:]
    return entries
