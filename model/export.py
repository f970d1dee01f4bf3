"""The CSV snapshot: one row per target or observation, for Excel and other tools."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from model.atomic import write_atomic
from model.frames import bureau_names, figure_frame_at, overview_frame
from model.loader import Dataset
from model.problems import ExportError
from model.settings import CSV_ENCODINGS

#: The snapshot's leading columns, in order (more follow).
SNAPSHOT_COLUMNS = [
    "kpi_id",
    "kpi_name_ja",
    "kpi_name_en",
    "bureau_ja",
    "bureau_en",
    "pillar",
    "unit",
    "row_type",
    "period",
    "period_end",
    "value",
    "status",
    "source_file",
    "quote",
]
EXTRA_COLUMNS = [
    "as_of",
    "pillar_en",
    "unit_en",
    "measure",
    "direction",
    "approximate",
    "superseded",
    "derived",
    "verified",
    "note",
    "bound",
    "known_from",
    "basis",
    "expected",
    "report_due",
    "note_ja",
]
ENCODINGS = CSV_ENCODINGS
#: A text cell starting with one of these could run as a formula in a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Their full-width forms, which spreadsheets also take for formula characters.
FULL_WIDTH_PREFIXES = ("\uff1d", "\uff0b", "\uff0d", "\uff20")  # ＝ ＋ － ＠
#: Such a character after leading whitespace (spaces, line breaks, U+3000...) is as risky.
_AFTER_WHITESPACE = r"^\s*[" + re.escape("=+-@" + "".join(FULL_WIDTH_PREFIXES)) + "]"
#: Prefixed to such cells; cells already starting with it get it too, so reading back is exact.
ESCAPE = "'"


def snapshot_frame(dataset: Dataset, as_of: date, kpi_ids: list[str] | None = None) -> pd.DataFrame:
    """The snapshot rows for ``as_of`` (what was public then), optionally limited to some KPIs.

    ``status``, ``basis``, ``expected`` and ``report_due`` are the KPI's (repeated on each of
    its rows); ``bound`` and ``known_from`` are the row's own.
    """
    kpis = overview_frame(dataset, as_of)
    figures = figure_frame_at(dataset, as_of)
    frame = figures.merge(kpis, on="kpi_id", how="left", suffixes=("", "_kpi"))
    if kpi_ids is not None:
        frame = frame[frame["kpi_id"].isin(kpi_ids)]
    frame = frame.rename(
        columns={
            "name_ja": "kpi_name_ja",
            "name_en": "kpi_name_en",
            "pillar_ja": "pillar",
            "unit_ja": "unit",
            "note_en": "note",  # the column predates Japanese notes: English, then note_ja
        }
    )
    for lang in ("ja", "en"):  # a joint KPI names every bureau, leading first
        frame[f"bureau_{lang}"] = bureau_names(frame, lang)
    frame["period_end"] = frame["period_end"].map(date.isoformat)
    frame["known_from"] = frame["known_from"].map(lambda d: "" if d == date.min else d.isoformat())
    frame["as_of"] = as_of.isoformat()
    return frame[SNAPSHOT_COLUMNS + EXTRA_COLUMNS].reset_index(drop=True)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix ``'`` to text cells that a spreadsheet would run as a formula.

    That is a cell starting with = + - @ or their full-width forms, also after leading
    whitespace, or with a tab or carriage return. Only text columns are touched: numbers
    stay numbers. Cells that already start with ``'`` are prefixed too, so that stripping
    one ``'`` gives back the original text.
    """
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column]):
            continue
        text = out[column].astype("string")
        risky = text.str.startswith((*FORMULA_PREFIXES, *FULL_WIDTH_PREFIXES, ESCAPE))
        risky = (risky | text.str.contains(_AFTER_WHITESPACE)).fillna(False).astype(bool)
        out[column] = text.where(~risky, ESCAPE + text)
    return out


def _plain_numbers(values: pd.Series) -> pd.Series:
    """1300.0 → "1300", 0.5 → "0.5": a plain number, '.' decimal, no separators."""
    whole = values == values.round()
    integers = values.where(whole).astype("Int64").astype("string")
    return values.map(repr).where(~whole, integers)


def to_csv_bytes(frame: pd.DataFrame, encoding: str = "utf-8-sig") -> bytes:
    if encoding not in ENCODINGS:
        raise ExportError(f"unknown encoding {encoding!r}; choose one of {', '.join(ENCODINGS)}")
    safe = neutralise(frame)
    if "value" in safe.columns:
        safe["value"] = _plain_numbers(frame["value"].astype("float64"))
    text = safe.to_csv(index=False, lineterminator="\r\n")
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        line_no = exc.object.count("\n", 0, exc.start) + 1
        raise ExportError(
            f"{encoding} cannot encode the character {char!r} (U+{ord(char):04X}) on line "
            f"{line_no} of the CSV; use --encoding utf-8-sig"
        ) from None


def write_snapshot(dataset: Dataset, out: Path, as_of: date, encoding: str = "utf-8-sig") -> pd.DataFrame:
    """Write the snapshot atomically and return the rows written."""
    frame = snapshot_frame(dataset, as_of)
    write_atomic(out, to_csv_bytes(frame, encoding))
    return frame
