"""The two sides of the Changes page, without Streamlit: a saved snapshot or the current data.

A side is written ``snapshot-<as_of>`` (a snapshot listed in ``snapshots/index.json``) or
``<YYYY-MM-DD>`` (the current data evaluated at that date), as in the page's URL.

Snapshot files and their index are outside input: an entry whose date is not ``YYYY-MM-DD`` is
not offered, and a status the app does not know is a SnapshotError, never a page exception.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.i18n import date_text, t
from model.export import snapshot_frame
from model.loader import Dataset
from model.progress import STATUSES
from model.snapshots import SnapshotError, read_snapshot

PREFIX = "snapshot-"


def snapshot_options(index: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Index entries by side name, oldest first; entries without an ISO date or a plain file name
    are skipped."""
    out = {}
    for entry in sorted(index, key=lambda e: str(e.get("as_of"))):
        name, file = str(entry.get("as_of", "")), str(entry.get("file", ""))
        if _is_date(name) and file and Path(file).name == file and not file.startswith("."):
            out[PREFIX + name] = entry
    return out


def _is_date(text: str) -> bool:
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def is_snapshot(side: str) -> bool:
    return side.startswith(PREFIX)


def side_label(side: str, lang: str) -> str:
    """``スナップショット 2025年3月31日`` / ``現在のデータ（2025年3月31日時点）``."""
    day = side.removeprefix(PREFIX)
    shown = date_text(date.fromisoformat(day), lang) if _is_date(day) else day
    if is_snapshot(side):
        return t("snapshot_label", lang, as_of=shown)
    return t("current_at", lang, date=shown)


def side_frame(
    side: str, dataset: Dataset, folder: Path, snapshots: dict[str, dict[str, Any]]
) -> pd.DataFrame:
    """The snapshot frame of one side; SnapshotError when a snapshot cannot be read."""
    if is_snapshot(side):
        entry = snapshots.get(side)
        if entry is None:
            raise SnapshotError(f"{side} is not in {folder / 'index.json'}")
        path = Path(folder) / entry["file"]
        frame = read_snapshot(path)
        unknown = sorted(set(frame["status"]) - set(STATUSES))
        if unknown:
            raise SnapshotError(f"{path}: unknown status {unknown[0]!r}")
        return frame
    return snapshot_frame(dataset, date.fromisoformat(side))
