"""The two sides of the Changes page, without Streamlit: a saved snapshot or the current data.

A side is written ``snapshot-<as_of>`` (a snapshot listed in ``snapshots/index.json``) or
``<YYYY-MM-DD>`` (the current data evaluated at that date), as in the page's URL.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.i18n import t
from model.export import snapshot_frame
from model.loader import Dataset
from model.snapshots import SnapshotError, read_snapshot

PREFIX = "snapshot-"


def snapshot_options(index: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Index entries by side name, oldest first; entries without a plain file name are skipped."""
    out = {}
    for entry in sorted(index, key=lambda e: str(e.get("as_of"))):
        name, file = str(entry.get("as_of", "")), str(entry.get("file", ""))
        if name and file and Path(file).name == file and not file.startswith("."):
            out[PREFIX + name] = entry
    return out


def is_snapshot(side: str) -> bool:
    return side.startswith(PREFIX)


def side_label(side: str, lang: str) -> str:
    if is_snapshot(side):
        return t("snapshot_label", lang, as_of=side.removeprefix(PREFIX))
    return t("current_at", lang, date=side)


def side_frame(
    side: str, dataset: Dataset, folder: Path, snapshots: dict[str, dict[str, Any]]
) -> pd.DataFrame:
    """The snapshot frame of one side; SnapshotError when a snapshot cannot be read."""
    if is_snapshot(side):
        entry = snapshots.get(side)
        if entry is None:
            raise SnapshotError(f"{side} is not in {folder / 'index.json'}")
        return read_snapshot(Path(folder) / entry["file"])
    return snapshot_frame(dataset, date.fromisoformat(side))
