"""The Excel workbook read back with openpyxl (and, where installed, converted by LibreOffice)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from openpyxl import Workbook

from model.columns import COMMENT_FIELDS, KPI_FIELDS, SNAPSHOT_FIELDS
from model.export import ExportError, snapshot_frame, to_csv_bytes
from model.loader import load
from model.snapshots import read_snapshot
from model.workbook import (
    SHEET_ABOUT,
    SHEET_COMMENTS,
    SHEET_FIGURES,
    SHEET_KPIS,
    CellWriter,
    formula_like,
    kpi_rows,
    workbook_bytes,
    write_workbook,
)

from conftest import MINIMAL, PROJECT, SEEDS

AS_OF = date(2025, 3, 31)
#: What openpyxl reports for each column type (dates come back as datetime).
CELL_TYPES = {
    "string": ("s", (str,)),
    "number": ("n", (int, float)),  # whole numbers come back as int
    "date": ("d", (datetime,)),
    "boolean": ("b", (bool,)),
}


def open_book(raw: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(raw))


def sheet_xml(raw: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def with_name(tmp_path, name_en: str):
    """The minimal dataset with the first KPI's English name replaced."""
    path = tmp_path / "kpis.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    quoted = (
        name_en.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\u3000", "\\u3000")
    )
    path.write_text(text.replace("en: Facilities with Wi-Fi", f'en: "{quoted}"'), encoding="utf-8")
    return load(path, SEEDS)


def test_sheets_headers_frozen_and_filtered(minimal):
    book = open_book(workbook_bytes(minimal, AS_OF))
    assert book.sheetnames == [SHEET_KPIS, SHEET_FIGURES, SHEET_COMMENTS, SHEET_ABOUT]
    for name, fields, rows in ((SHEET_KPIS, KPI_FIELDS, 3), (SHEET_FIGURES, SNAPSHOT_FIELDS, 6)):
        sheet = book[name]
        assert [c.value for c in sheet[1]] == [f.ja for f in fields]
        assert [c.value for c in sheet[2]] == [f.key for f in fields]
        assert sheet.freeze_panes == "A3"
        assert sheet.max_row == 2 + rows
        last = openpyxl.utils.get_column_letter(len(fields))
        assert sheet.auto_filter.ref == f"A2:{last}{2 + rows}"
        widths = [
            sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
            for i in range(1, 1 + len(fields))
        ]
        assert all(8 <= w <= 60 for w in widths), widths
    quote_col = [f.key for f in SNAPSHOT_FIELDS].index("quote") + 1
    assert book[SHEET_FIGURES].column_dimensions[openpyxl.utils.get_column_letter(quote_col)].width > 30


def test_cells_are_typed_and_never_formulas(minimal):
    raw = workbook_bytes(minimal, AS_OF)
    book = open_book(raw)
    for name, fields in ((SHEET_KPIS, KPI_FIELDS), (SHEET_FIGURES, SNAPSHOT_FIELDS)):
        for row in book[name].iter_rows(min_row=3):
            for cell, field in zip(row, fields, strict=True):
                if cell.value is None:
                    continue
                data_type, python_types = CELL_TYPES[field.type]
                assert cell.data_type == data_type, (name, field.key)
                assert type(cell.value) in python_types, (name, field.key)
    for sheet in book:
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert "<f>" not in sheet_xml(raw) and "<f " not in sheet_xml(raw)


def test_figure_sheet_holds_the_snapshot_rows(minimal):
    sheet = open_book(workbook_bytes(minimal, AS_OF))[SHEET_FIGURES]
    frame = snapshot_frame(minimal, AS_OF)
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(frame)
    for record, row in zip(frame.to_dict("records"), rows, strict=True):
        cells = dict(zip([f.key for f in SNAPSHOT_FIELDS], row, strict=True))
        assert cells["value"] == record["value"]
        assert cells["period_end"].date() == date.fromisoformat(record["period_end"])
        assert cells["as_of"].date() == AS_OF
        assert cells["approximate"] is bool(record["approximate"])
        assert (cells["quote"] or "") == record["quote"]
        assert cells["kpi_name_ja"] == record["kpi_name_ja"]
    wifi = next(r for r in rows if r[0] == "wifi-sites" and r[7] == "actual")
    assert dict(zip([f.key for f in SNAPSHOT_FIELDS], wifi, strict=True))["derived"] == "330 + 320"


def test_kpi_sheet_one_row_per_kpi(minimal):
    frame = kpi_rows(minimal, AS_OF)
    assert list(frame["kpi_id"]) == ["wifi-sites", "trainees", "antenna-sites"]
    trainees = frame.set_index("kpi_id").loc["trainees"]
    assert trainees["status"] == "overdue" and trainees["status_ja"] == "期限超過"
    assert trainees["latest"] == 7900 and trainees["latest_period"] == "FY2024"
    assert trainees["latest_period_end"] == date(2025, 3, 31)
    assert trainees["target"] == 8000 and trainees["target_due"] == "FY2024"
    assert trainees["expected"] == 8000 and trainees["pct_of_target"] == pytest.approx(0.9875)
    assert trainees["basis"] == "actual"
    assert "期限超過" in trainees["explanation_ja"] and "overdue" in trainees["explanation_en"]
    sheet = open_book(workbook_bytes(minimal, AS_OF))[SHEET_KPIS]
    cells = dict(zip([f.key for f in KPI_FIELDS], [c for c in sheet[4]], strict=True))
    assert cells["pct_of_target"].number_format == "0%" and cells["latest"].number_format == "#,##0"
    assert cells["latest_period_end"].number_format == "yyyy-mm-dd"


def test_filtered_workbook_keeps_only_those_kpis(minimal):
    book = open_book(workbook_bytes(minimal, AS_OF, ["trainees"]))
    assert [r[3] for r in book[SHEET_KPIS].iter_rows(min_row=3, values_only=True)] == ["trainees"]
    assert {r[0] for r in book[SHEET_FIGURES].iter_rows(min_row=3, values_only=True)} == {"trainees"}


def test_about_sheet_explains(minimal):
    sheet = open_book(workbook_bytes(minimal, AS_OF))[SHEET_ABOUT]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "90%以上で「順調」" in text and "at least 70% at risk" in text
    assert sheet["B3"].value == datetime(2025, 3, 31) and sheet["B3"].number_format == "yyyy-mm-dd"
    for field in (*KPI_FIELDS, *SNAPSHOT_FIELDS):
        assert field.about_ja in text and field.about_en in text, field.key
    assert "Fixture strategy document" in text and "sample.txt" in text


@pytest.mark.parametrize(
    "text",
    ["=1+1", '=HYPERLINK("http://x")', "+81", "-5", "@SUM(A1)", " =1+1", "\u3000=1+1",
     "＝1+1", "＋81", "－5", "＠x", "'quoted"],
)  # fmt: skip
def test_formula_like_text_stays_text(tmp_path, text):
    raw = workbook_bytes(with_name(tmp_path, text), AS_OF)
    book = open_book(raw)
    kpi_cell = book[SHEET_KPIS]["F3"]
    figure_cell = book[SHEET_FIGURES]["C3"]
    for cell in (kpi_cell, figure_cell):
        assert (cell.value, cell.data_type) == (text, "s")
        assert cell.quotePrefix is (text != "'quoted")
    assert "<f>" not in sheet_xml(raw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=x", True),
        ("  +1", True),
        ("\u3000＝x", True),
        ("－", True),
        ("a=b", False),
        ("", False),
        ("東京", False),
    ],
)
def test_formula_like(text, expected):
    assert formula_like(text) is expected


def test_a_control_character_is_an_error_naming_the_cell():
    writer = CellWriter(Workbook().active)
    with pytest.raises(ExportError, match=r"Sheet!B3 \(kpi x, note\): control character U\+0001"):
        writer.text(3, 2, "a\x01b", "kpi x, note")


def test_write_is_atomic(minimal, tmp_path, monkeypatch):
    out = tmp_path / "book.xlsx"
    out.write_bytes(b"old")
    assert write_workbook(minimal, out, AS_OF) == (3, 6)
    assert out.read_bytes().startswith(b"PK")
    monkeypatch.setattr("model.workbook.snapshot_frame", lambda *a: (_ for _ in ()).throw(ExportError("x")))
    with pytest.raises(ExportError):
        write_workbook(minimal, out, AS_OF)
    assert out.read_bytes().startswith(b"PK") and list(tmp_path.iterdir()) == [out]


# --- LibreOffice: the workbook converted to CSV equals the CSV export ------------------------------

SOFFICE = shutil.which("soffice")
#: LibreOffice's CSV filter: comma, double quote, UTF-8, raw values (not as shown), every sheet.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def libreoffice_csv(paths, folder) -> dict[str, dict[str, list[list[str]]]]:
    """Every sheet of each workbook in ``paths`` as CSV rows (by the workbook's stem), converted
    by one headless LibreOffice (one start for all: it is the slow part)."""
    out = folder / "lo"
    profile = (folder / "lo-profile").as_uri()
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", CSV_FILTER,
               "--outdir", str(out), *map(str, paths)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    books: dict[str, dict[str, list[list[str]]]] = {path.stem: {} for path in paths}
    for file in out.glob("*.csv"):
        stem, name = file.stem.split("-", 1)
        books[stem][name] = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"))))
    return books


def same(kind: str, lo: str, exported: str) -> bool:
    if kind == "number":
        return (lo == exported == "") or (lo != "" and exported != "" and float(lo) == float(exported))
    if kind == "boolean":
        return lo.lower() == exported.lower()
    return lo == exported


#: The workbooks LibreOffice reads: (dataset, evaluation date) by name.
LO_BOOKS = {
    "minimal": lambda folder: (load(MINIMAL, SEEDS), AS_OF),
    "real": lambda folder: (load(), date(2024, 3, 31)),
    "formula": lambda folder: (with_name(folder, "=1+1"), AS_OF),
}


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory):
    """Each of :data:`LO_BOOKS` written as a workbook and read back by LibreOffice: name →
    (dataset, evaluation date, folder, sheets)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    folder = tmp_path_factory.mktemp("libreoffice")
    books = {}
    for name, make in LO_BOOKS.items():
        (folder / name).mkdir()
        dataset, as_of = make(folder / name)
        write_workbook(dataset, folder / f"{name}.xlsx", as_of)
        books[name] = (dataset, as_of, folder / name)
    sheets = libreoffice_csv([folder / f"{name}.xlsx" for name in LO_BOOKS], folder)
    return {name: (*books[name], sheets[name]) for name in LO_BOOKS}


@pytest.mark.parametrize("name", ["minimal", "real"], ids=["minimal", "real-data"])
def test_libreoffice_reads_the_same_rows_as_the_csv(libreoffice, name):
    dataset, as_of, folder, sheets = libreoffice[name]
    assert set(sheets) == {SHEET_KPIS, SHEET_FIGURES, SHEET_COMMENTS, SHEET_ABOUT}
    (folder / "export.csv").write_bytes(to_csv_bytes(snapshot_frame(dataset, as_of)))
    exported = read_snapshot(folder / "export.csv").astype(str)
    rows = sheets[SHEET_FIGURES]
    assert rows[1] == list(exported.columns)
    assert len(rows) - 2 == len(exported)
    for got, want in zip(rows[2:], exported.itertuples(index=False), strict=True):
        for field, lo, value in zip(SNAPSHOT_FIELDS, got, want, strict=True):
            assert same(field.type, lo, value), (field.key, lo, value)
    assert [r[3] for r in sheets[SHEET_KPIS][2:]] == [k.id for k in dataset.kpis]


def test_libreoffice_keeps_formula_like_text_as_text(libreoffice):
    rows = libreoffice["formula"][3][SHEET_FIGURES]
    assert rows[2][2] == "=1+1"  # the text, not 2


def test_every_kpi_sheet_column_is_documented():
    doc = (PROJECT / "docs" / "users-tools.md").read_text(encoding="utf-8")
    assert [f.key for f in KPI_FIELDS if f"`{f.key}`" not in doc] == []


def test_the_comment_sheet_holds_the_comments_made_by_the_evaluation_date() -> None:
    dashboard = PROJECT / "tests" / "fixtures" / "dashboard"
    dataset = load(dashboard / "kpis.yaml", dashboard / "seeds")
    sheet = open_book(workbook_bytes(dataset, date(2024, 6, 30)))[SHEET_COMMENTS]
    assert [c.value for c in sheet[2]] == [f.key for f in COMMENT_FIELDS]
    (row,) = list(sheet.iter_rows(min_row=3, values_only=True))
    assert row[0] == "trainees" and row[3] == datetime(2024, 5, 10) and row[5] == "FY2023"
    assert row[6] == "年度末の研修2回が中止になったため未達。" and row[7].startswith("Two end-of-year")
    earlier = open_book(workbook_bytes(dataset, date(2024, 5, 9)))[SHEET_COMMENTS]
    assert earlier.max_row == 2  # made later than that day: not yet there
