"""The audit log: one JSON line per saved change, beside the data file (``audit.jsonl``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from model import settings

AUDIT_FILE = settings.AUDIT_FILE


@dataclass(frozen=True)
class Change:
    """What one update did, in words an auditor reads."""

    action: str  # record | correct | retarget | source-add | accept
    kpi: str | None
    field: str
    old: Any
    new: Any
    reason: str | None = None
    source: str | None = None
    quote: str | None = None

    def summary(self) -> str:
        """``record wifi-sites actual FY2024Q2: 780`` (``old → new`` for a correction): the
        one line the command line prints and the Record form shows."""
        what = f"{self.old} → {self.new}" if self.old is not None else f"{self.new}"
        subject = " ".join(x for x in (self.action, self.kpi, self.field) if x)
        return f"{subject}: {what}"


def audit_path(data_path: Path) -> Path:
    """The audit log of a data file (see :mod:`model.settings`)."""
    return settings.audit_path(data_path)


def entry_of(change: Change, editor: str, when: datetime | None = None) -> dict[str, Any]:
    """The log entry of a change: time, editor, then the change's fields."""
    out: dict[str, Any] = {"time": (when or datetime.now(UTC)).isoformat(timespec="seconds")}
    out["editor"] = editor
    out.update(asdict(change))
    return out


def append(path: Path, change: Change, editor: str, when: datetime | None = None) -> dict[str, Any]:
    """Append one entry; a single short ``write`` in append mode, so entries never interleave.

    (Edits of the data file save their entry through :mod:`model.commit` instead.)
    """
    entry = entry_of(change, editor, when)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def read(path: Path, kpi: str | None = None) -> list[dict[str, Any]]:
    """Entries, oldest first, optionally for one KPI; unreadable lines are skipped."""
    if not Path(path).is_file():
        return []
    entries = []
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and (kpi is None or entry.get("kpi") == kpi):
            entries.append(entry)
    return entries
