"""Dated snapshots: ``snapshots/<as_of>.csv`` plus an index, and reading a snapshot back."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from model.atomic import write_atomic
from model.datapackage import write_package
from model.export import ESCAPE, SNAPSHOT_COLUMNS, snapshot_frame, to_csv_bytes
from model.loader import Dataset
from model.problems import SnapshotError
from model.progress import STATUSES

INDEX_FILE = "index.json"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Counts of KPIs by status, every status present (0 when none)."""
    per_kpi = frame.drop_duplicates("kpi_id")["status"].value_counts()
    return {status: int(per_kpi.get(status, 0)) for status in STATUSES}


def read_index(folder: Path) -> list[dict[str, Any]]:
    path = Path(folder) / INDEX_FILE
    if not path.is_file():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SnapshotError(f"{path} is not valid JSON ({exc}); remove it to rebuild the index") from None
    if not isinstance(entries, list):
        raise SnapshotError(f"{path} must hold a JSON list")
    return entries


def take(dataset: Dataset, as_of: date, folder: Path) -> dict[str, Any]:
    """Write ``<as_of>.csv``, record it in the index (an existing as-of is replaced) and
    rewrite ``datapackage.json`` for every snapshot of the index."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    frame = snapshot_frame(dataset, as_of)
    name = f"{as_of.isoformat()}.csv"
    write_atomic(folder / name, to_csv_bytes(frame))
    entry = {
        "as_of": as_of.isoformat(),
        "file": name,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "data_sha256": sha256_of(dataset.path),
        "kpis": int(frame["kpi_id"].nunique()),
        "rows": len(frame),
        "status_counts": status_counts(frame),
    }
    entries = [e for e in read_index(folder) if e.get("as_of") != entry["as_of"]] + [entry]
    entries.sort(key=lambda e: str(e.get("as_of")))
    text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    write_atomic(folder / INDEX_FILE, text.encode("utf-8"))
    write_package(folder, entries, dataset)
    return entry


def read_snapshot(path: Path) -> pd.DataFrame:
    """A snapshot CSV as written by the export, with formula escaping undone."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot read the snapshot ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp932")
        except UnicodeDecodeError:
            raise SnapshotError(f"{path}: neither UTF-8 nor cp932") from None
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SnapshotError(f"{path}: not a readable CSV ({exc})") from None
    missing = [c for c in SNAPSHOT_COLUMNS if c not in frame.columns]
    if missing:
        raise SnapshotError(f"{path}: not a snapshot (missing columns: {', '.join(missing)})")
    for column in frame.columns:
        escaped = frame[column].str.startswith(ESCAPE)
        frame[column] = frame[column].where(~escaped, frame[column].str[1:])
    try:
        frame["value"] = pd.to_numeric(frame["value"], errors="raise")
    except ValueError as exc:
        raise SnapshotError(f"{path}: a value is not a number ({exc})") from None
    if "superseded" in frame.columns:
        frame["superseded"] = frame["superseded"].eq("True")
    return frame
