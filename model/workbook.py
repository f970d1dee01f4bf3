"""The Excel workbook: 「KPI一覧」 (one row per KPI), 「数値と出典」 (the snapshot's rows),
「コメント」 (the owners' dated comments on a status), 「説明」.

Numbers, dates and flags are typed cells; text is always stored as text, never as a formula
(openpyxl would write a string starting with "=" as one). Each table has its Japanese headers
on row 1 and the English column keys (the CSV's names) on row 2, frozen, with filters.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.worksheet import Worksheet

from model.atomic import write_atomic
from model.columns import COMMENT_FIELDS, KPI_FIELDS, SNAPSHOT_FIELDS, STATUS_RULE_EN, STATUS_RULE_JA, Column
from model.explain import STATUS_NAMES, explain
from model.export import FORMULA_PREFIXES, snapshot_frame
from model.frames import assessments, overview_frame
from model.loader import Dataset
from model.periods import parse_period
from model.problems import ExportError
from model.schema import note_text

SHEET_KPIS = "KPI一覧"
SHEET_FIGURES = "数値と出典"
SHEET_COMMENTS = "コメント"
SHEET_ABOUT = "説明"
#: Text starting with one of these (after any white space) could be read as a formula: such
#: cells also get Excel's quote prefix, so that editing them keeps them text.
FORMULA_LIKE = (*FORMULA_PREFIXES, "＝", "＋", "－", "＠")
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
KEY_FONT = Font(color="595959", italic=True, size=9)
MIN_WIDTH, MAX_WIDTH = 8, 60


def formula_like(text: str) -> bool:
    """True for text a spreadsheet might take for a formula: ``=1+1``, ``＋81``, `` @x``."""
    return text.lstrip(" \u3000\t\r\n").startswith(FORMULA_LIKE) or text.startswith(("\t", "\r"))


def display_width(text: str) -> int:
    """Width in Excel's character units: full-width characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class CellWriter:
    """Writes typed cells and says where a value cannot be written (sheet, row, column, KPI)."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet

    def text(self, row: int, col: int, value: str, where: str = "") -> Cell:
        if len(value) > MAX_CELL_TEXT:
            raise ExportError(
                f"{self._at(row, col, where)}: text longer than Excel's {MAX_CELL_TEXT} characters"
            )
        cell = self.sheet.cell(row=row, column=col)
        try:
            cell.value = value
        except IllegalCharacterError:
            bad = next(ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
            raise ExportError(
                f"{self._at(row, col, where)}: control character U+{ord(bad):04X} cannot be stored in xlsx"
            ) from None
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if formula_like(value):
            cell.quotePrefix = True
        return cell

    def put(self, row: int, col: int, column: Column, value: Any, where: str = "") -> None:
        value = _typed(column, value)
        if value is None:
            return
        if isinstance(value, str):
            self.text(row, col, value, where)
            return
        cell = self.sheet.cell(row=row, column=col, value=value)
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
        elif column.key == "pct_of_target":
            cell.number_format = "0%"
        elif isinstance(value, float):
            cell.number_format = "#,##0" if value.is_integer() else "#,##0.0##"

    def _at(self, row: int, col: int, where: str) -> str:
        cell = f"{self.sheet.title}!{get_column_letter(col)}{row}"
        return f"{cell} ({where})" if where else cell


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _typed(column: Column, value: Any) -> Any:
    """The cell value for ``column``: float, date, bool or str; None for an empty cell."""
    if _missing(value) or (isinstance(value, str) and value == ""):
        return None
    if column.type == "number":
        return float(value)
    if column.type == "date":
        return value if isinstance(value, date) else date.fromisoformat(str(value))
    if column.type == "boolean":
        return value if isinstance(value, bool) else str(value) == "True"
    return str(value)


def _table(sheet: Worksheet, fields: Iterable[Column], frame: pd.DataFrame) -> None:
    """Headers (Japanese, then the English key), typed rows, frozen headers, filters, widths."""
    fields = list(fields)
    out = CellWriter(sheet)
    widths = []
    for col, column in enumerate(fields, start=1):
        out.text(1, col, column.ja).font = Font(bold=True)
        sheet.cell(row=1, column=col).fill = HEADER_FILL
        out.text(2, col, column.key).font = KEY_FONT
        widths.append(max(display_width(column.ja), display_width(column.key)))
    for i, record in enumerate(frame.itertuples(index=False), start=3):
        values = dict(zip(frame.columns, record, strict=True))
        where = f"kpi {values.get('kpi_id', '')}, {{key}}"
        for col, column in enumerate(fields, start=1):
            value = values.get(column.key)
            out.put(i, col, column, value, where.format(key=column.key))
            if i < 503 and not _missing(value):  # widths from the first 500 rows
                shown = (
                    "2024-03-31"
                    if column.type == "date"
                    else f"{value:,}"
                    if column.type == "number"
                    else value
                )
                widths[col - 1] = max(widths[col - 1], display_width(str(shown)))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    last = get_column_letter(len(fields))
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{last}{max(len(frame) + 2, 3)}"


def kpi_rows(dataset: Dataset, as_of: date, kpi_ids: list[str] | None = None) -> pd.DataFrame:
    """One row per KPI with the columns of :data:`~model.columns.KPI_FIELDS`."""
    frame = overview_frame(dataset, as_of)
    by_id = {k.id: k for k in dataset.kpis}
    sentences = {
        a.kpi_id: (explain(by_id[a.kpi_id], a, "ja"), explain(by_id[a.kpi_id], a, "en"))
        for a in assessments(dataset, as_of)
    }
    if kpi_ids is not None:
        frame = frame[frame["kpi_id"].isin(kpi_ids)]
    frame = frame.rename(
        columns={"pillar_ja": "pillar", "name_ja": "kpi_name_ja", "name_en": "kpi_name_en", "unit_ja": "unit"}
    )
    frame["status_ja"] = frame["status"].map(lambda s: STATUS_NAMES[s]["ja"])
    frame["status_en"] = frame["status"].map(lambda s: STATUS_NAMES[s]["en"])
    frame["latest"] = frame["actual"]
    frame["latest_period"] = frame["actual_period"]
    frame["latest_period_end"] = frame["actual_period"].map(_period_end)
    frame["target_due_end"] = frame["target_due"].map(_period_end)
    frame["pct_of_target"] = frame["pct_of_target"] / 100
    frame["explanation_ja"] = frame["kpi_id"].map(lambda k: sentences[k][0])
    frame["explanation_en"] = frame["kpi_id"].map(lambda k: sentences[k][1])
    return frame[[c.key for c in KPI_FIELDS]].reset_index(drop=True)


def comment_rows(dataset: Dataset, as_of: date, kpi_ids: list[str] | None = None) -> pd.DataFrame:
    """The owners' comments made by ``as_of``, one row each, by KPI then date
    (:data:`~model.columns.COMMENT_FIELDS`)."""
    rows = [
        (k.id, k.name.ja, k.name.en, date.fromisoformat(c.date), c.author, c.period or "",
         note_text(c.text, "ja"), note_text(c.text, "en"))
        for k in dataset.kpis
        if kpi_ids is None or k.id in kpi_ids
        for c in sorted(k.comments, key=lambda c: c.date)
        if date.fromisoformat(c.date) <= as_of
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=[c.key for c in COMMENT_FIELDS])


def _period_end(text: object) -> date | None:
    return parse_period(text).end if isinstance(text, str) and text else None


def _about(sheet: Worksheet, dataset: Dataset, as_of: date) -> None:
    """As-of date, the status rule, the statuses, every column's meaning and the sources."""
    out = CellWriter(sheet)
    row = 1
    out.text(row, 1, "東京KPIトラッカー 進捗ブック / Tokyo KPI Tracker workbook").font = Font(
        bold=True, size=14
    )
    row += 2
    lines = [
        ("評価日 / As of", as_of),
        ("データ / Data", dataset.path.name),
        (
            "数式 / Formulas",
            "このブックに数式はありません。すべてのセルは値です（= + - @ で始まる文字列も文字として保存）。",
        ),
        (
            "",
            "No cell is a formula: every cell holds a value (text starting with = + - @ is stored as text).",
        ),
        ("状態の判定", STATUS_RULE_JA),
        ("Status rule", STATUS_RULE_EN),
    ]
    for label, value in lines:
        out.text(row, 1, label).font = Font(bold=True)
        if isinstance(value, date):
            sheet.cell(row=row, column=2, value=value).number_format = DATE_FORMAT
        else:
            value = str(value)
            out.text(row, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
            if len(value) > 120:
                sheet.row_dimensions[row].height = 15 * (1 + display_width(value) // 150)
        row += 1
    row = _block(out, row + 1, "状態 / Statuses", ["状態", "表示", "Label"],
                 [(key, names["ja"], names["en"]) for key, names in STATUS_NAMES.items()])  # fmt: skip
    columns = [(SHEET_KPIS, c) for c in KPI_FIELDS] + [(SHEET_FIGURES, c) for c in SNAPSHOT_FIELDS]
    columns += [(SHEET_COMMENTS, c) for c in COMMENT_FIELDS]
    row = _block(
        out,
        row + 1,
        "列の説明 / Columns",
        ["シート", "列（英語キー）", "見出し", "型", "説明", "Meaning"],
        [(sheet_name, c.key, c.ja, c.type, c.about_ja, c.about_en) for sheet_name, c in columns],
    )
    sources = [
        (s.id, s.title, s.publisher or "", s.url or "", s.published or "") for s in dataset.document.sources
    ]
    _block(out, row + 1, "出典 / Sources", ["ID", "題名", "発行者", "URL", "公表日"], sources)
    for col, width in enumerate((22, 60, 26, 10, 60, 60), start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width


def _block(out: CellWriter, row: int, title: str, headers: list[str], rows: Iterable[tuple[str, ...]]) -> int:
    out.text(row, 1, title).font = Font(bold=True, size=12)
    row += 1
    for col, header in enumerate(headers, start=1):
        out.text(row, col, header).font = Font(bold=True)
        out.sheet.cell(row=row, column=col).fill = HEADER_FILL
    for values in rows:
        row += 1
        for col, value in enumerate(values, start=1):
            if value:
                out.text(row, col, value)
    return row + 1


def build_workbook(dataset: Dataset, as_of: date, kpi_ids: list[str] | None = None) -> Workbook:
    book = Workbook()
    kpis = book.active
    kpis.title = SHEET_KPIS
    _table(kpis, KPI_FIELDS, kpi_rows(dataset, as_of, kpi_ids))
    _table(book.create_sheet(SHEET_FIGURES), SNAPSHOT_FIELDS, snapshot_frame(dataset, as_of, kpi_ids))
    _table(book.create_sheet(SHEET_COMMENTS), COMMENT_FIELDS, comment_rows(dataset, as_of, kpi_ids))
    _about(book.create_sheet(SHEET_ABOUT), dataset, as_of)
    book.properties.title = f"Tokyo KPI Tracker {as_of.isoformat()}"
    book.properties.creator = "Tokyo KPI Tracker"
    return book


def workbook_bytes(dataset: Dataset, as_of: date, kpi_ids: list[str] | None = None) -> bytes:
    """The workbook as .xlsx bytes (for a download)."""
    buffer = io.BytesIO()
    build_workbook(dataset, as_of, kpi_ids).save(buffer)
    return buffer.getvalue()


def write_workbook(dataset: Dataset, out: Path, as_of: date) -> tuple[int, int]:
    """Write the workbook atomically; return (KPIs, figure rows) written."""
    book = build_workbook(dataset, as_of)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(out, buffer.getvalue())
    return book[SHEET_KPIS].max_row - 2, book[SHEET_FIGURES].max_row - 2
