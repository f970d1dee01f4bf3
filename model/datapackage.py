"""``datapackage.json``: the snapshots folder described as a Frictionless Tabular Data Package.

One resource per snapshot CSV listed in the index, each with the same Table Schema (every
column's type, Japanese and English title, description and constraints, from
:mod:`model.columns`) and the file's size and SHA-256, so that a catalogue or
``frictionless validate`` can check a snapshot before it is published.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from model.atomic import write_atomic
from model.columns import SNAPSHOT_FIELDS, STATUS_RULE_EN, STATUS_RULE_JA, Column
from model.export import ESCAPE, FORMULA_PREFIXES
from model.loader import Dataset

PACKAGE_FILE = "datapackage.json"
PACKAGE_NAME = "tokyo-kpi-tracker-snapshots"
#: Observations are unique per KPI, kind and period (the loader checks it); a target is told
#: apart by its due period and value, as ``diff`` matches them.
PRIMARY_KEY = ["kpi_id", "row_type", "period", "value"]
CSV_ENCODING = "utf-8-sig"


def field_descriptor(column: Column) -> dict[str, Any]:
    """A Table Schema field for one snapshot column."""
    field: dict[str, Any] = {
        "name": column.key,
        "type": column.type,
        "title": f"{column.ja} / {column.en}",
        "description": f"{column.about_ja} / {column.about_en}",
    }
    if column.type == "boolean":
        field |= {"trueValues": ["True"], "falseValues": ["False"]}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.pattern:
        constraints["pattern"] = column.pattern
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema() -> dict[str, Any]:
    return {
        "fields": [field_descriptor(c) for c in SNAPSHOT_FIELDS],
        "primaryKey": PRIMARY_KEY,
        "missingValues": [""],
    }


def resource(folder: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """The resource of one index entry; its bytes and hash are read from the file."""
    path = Path(folder) / str(entry["file"])
    raw = path.read_bytes()
    return {
        "name": f"snapshot-{entry['as_of']}",
        "path": path.name,
        "profile": "tabular-data-resource",
        "title": f"KPIスナップショット {entry['as_of']} / KPI snapshot as of {entry['as_of']}",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": CSV_ENCODING,
        "bytes": len(raw),
        "hash": f"sha256:{hashlib.sha256(raw).hexdigest()}",
        "dialect": {"delimiter": ",", "quoteChar": '"', "lineTerminator": "\r\n", "header": True},
        "schema": table_schema(),
    }


def _description() -> str:
    prefixes = " ".join(repr(p)[1:-1] for p in FORMULA_PREFIXES)
    return (
        "スマート東京実施戦略の数値目標と進捗を、評価日ごとに1行1数値で記録したスナップショット。"
        f"{STATUS_RULE_JA} 表計算ソフトが数式として扱わないよう、{prefixes} で始まる文字列には"
        f"先頭に {ESCAPE} を付けています（{ESCAPE} で始まる文字列にも付けるので、"
        "1文字除けば元の文字列です）。\n\n"
        "Dated snapshots of the numeric targets of the Smart Tokyo strategy and the figures reported "
        f"against them, one row per target or figure. {STATUS_RULE_EN} Text starting with {prefixes} "
        f"(or with {ESCAPE}) carries a leading {ESCAPE} so that no spreadsheet runs it as a formula; "
        "remove one to get the original text."
    )


def package(folder: Path, entries: list[dict[str, Any]], dataset: Dataset) -> dict[str, Any]:
    """The package descriptor for the snapshots of ``entries`` present in ``folder``."""
    present = [e for e in entries if (Path(folder) / str(e.get("file", ""))).is_file()]
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "東京KPIトラッカー スナップショット / Tokyo KPI Tracker snapshots",
        "description": _description(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "sources": [
            {"title": s.title, **({"path": s.url} if s.url else {})} for s in dataset.document.sources
        ],
        "resources": [resource(folder, e) for e in present],
    }


def write_package(folder: Path, entries: list[dict[str, Any]], dataset: Dataset) -> Path:
    """Write ``datapackage.json`` beside the snapshots, atomically."""
    path = Path(folder) / PACKAGE_FILE
    text = json.dumps(package(folder, entries, dataset), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return path
