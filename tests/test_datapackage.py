"""datapackage.json beside the snapshots, checked with frictionless (a dev dependency)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date

import pytest

from model.columns import SNAPSHOT_FIELDS
from model.datapackage import PACKAGE_FILE, PRIMARY_KEY, field_descriptor, table_schema
from model.export import EXTRA_COLUMNS, SNAPSHOT_COLUMNS, snapshot_frame, to_csv_bytes
from model.loader import load
from model.progress import STATUSES
from model.snapshots import sha256_of, take

from conftest import MINIMAL
from conftest import SEEDS as FIXTURE_SEEDS

frictionless = pytest.importorskip(
    "frictionless", reason="frictionless is a dev dependency (requirements-dev.txt)"
)

DATES = (date(2024, 3, 31), date(2025, 6, 30))


def validate(folder):
    return frictionless.validate(str(folder / PACKAGE_FILE))


def errors(report) -> set[tuple[str, str | None]]:
    return {(e.type, getattr(e, "field_name", None)) for task in report.tasks for e in task.errors}


def edit_cell(path, row: int, column: str, value: str) -> None:
    """Replace one cell of a snapshot CSV in place (row 1 = first data row)."""
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    rows[row][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))


@pytest.fixture(scope="module")
def taken(tmp_path_factory):
    """The minimal data's snapshots at :data:`DATES`, taken once for the module."""
    folder = tmp_path_factory.mktemp("snapshots")
    minimal = load(MINIMAL, FIXTURE_SEEDS)
    for day in DATES:
        take(minimal, day, folder)
    return folder


@pytest.fixture
def folder(taken, tmp_path):
    """A test's own copy of those snapshots (tests edit and delete files in it)."""
    shutil.copytree(taken, tmp_path, dirs_exist_ok=True)
    return tmp_path


def test_one_resource_per_snapshot(folder):
    descriptor = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    names = [r["name"] for r in descriptor["resources"]]
    assert names == ["snapshot-2024-03-31", "snapshot-2025-06-30"]
    first = descriptor["resources"][0]
    assert first["path"] == "2024-03-31.csv" and first["encoding"] == "utf-8-sig"
    assert first["hash"] == "sha256:" + sha256_of(folder / "2024-03-31.csv")
    assert first["bytes"] == (folder / "2024-03-31.csv").stat().st_size
    assert first["schema"] == table_schema()
    assert {"title": "Fixture strategy document"} in descriptor["sources"]


def test_schema_describes_every_snapshot_column():
    schema = table_schema()
    names = [f["name"] for f in schema["fields"]]
    assert names == SNAPSHOT_COLUMNS + EXTRA_COLUMNS  # the CSV's columns, in order
    assert schema["primaryKey"] == PRIMARY_KEY
    for field in schema["fields"]:
        assert field["type"] in {"string", "number", "date", "boolean"}
        assert " / " in field["title"] and " / " in field["description"], field["name"]
    by_name = {f["name"]: f for f in schema["fields"]}
    assert by_name["status"]["constraints"] == {"required": True, "enum": list(STATUSES)}
    assert by_name["row_type"]["constraints"]["enum"] == ["baseline", "target", "actual", "plan", "estimate"]
    assert by_name["basis"]["constraints"] == {"enum": ["actual", "estimate"]}
    assert by_name["value"]["constraints"] == {"required": True, "minimum": 0}
    assert by_name["superseded"]["trueValues"] == ["True"]


def test_field_titles_are_japanese_and_english():
    status = next(c for c in SNAPSHOT_FIELDS if c.key == "status")
    assert field_descriptor(status)["title"] == "状態 / Status"


def test_every_snapshot_and_the_package_are_valid(folder):
    report = validate(folder)
    assert report.valid, report.flatten(["type", "fieldName", "note"])
    assert len(report.tasks) == 2 and all(task.stats["rows"] == 6 for task in report.tasks)


def test_the_real_data_snapshot_is_valid(tmp_path):
    take(load(), date(2024, 3, 31), tmp_path)
    report = validate(tmp_path)
    assert report.valid, report.flatten(["type", "fieldName", "note"])


def test_formula_escaped_text_is_still_valid(minimal, tmp_path):
    take(minimal, DATES[0], tmp_path)
    frame = snapshot_frame(minimal, DATES[0])
    frame["note"] = "=1+1"
    (tmp_path / "2024-03-31.csv").write_bytes(to_csv_bytes(frame))
    take(minimal, DATES[1], tmp_path)  # rewrites the package with the new file's hash
    assert validate(tmp_path).valid


@pytest.mark.parametrize(
    ("column", "bad", "error"),
    [
        ("status", "sleeping", "constraint-error"),
        ("status", "", "constraint-error"),
        ("row_type", "guess", "constraint-error"),
        ("value", "abc", "type-error"),
        ("value", "1,300", "type-error"),
        ("value", "-5", "constraint-error"),
        ("period_end", "2024-13-01", "type-error"),
        ("period", "FY24", "constraint-error"),
        ("approximate", "yes", "type-error"),
        ("kpi_id", "Wifi Sites", "constraint-error"),
    ],
)
def test_a_wrong_snapshot_fails_validation(folder, column, bad, error):
    edit_cell(folder / "2025-06-30.csv", 4, column, bad)
    report = validate(folder)
    assert not report.valid
    assert (error, column) in errors(report)
    assert report.tasks[0].valid  # the other snapshot is untouched


def test_a_duplicated_row_breaks_the_primary_key(folder):
    path = folder / "2025-06-30.csv"
    lines = path.read_bytes().split(b"\r\n")
    path.write_bytes(b"\r\n".join([*lines[:5], lines[4], *lines[5:]]))
    assert "primary-key" in {kind for kind, _ in errors(validate(folder))}


def test_a_changed_file_fails_its_hash(folder):
    path = folder / "2024-03-31.csv"
    path.write_bytes(path.read_bytes().replace(b"Wi-Fi", b"WiFi", 1))
    kinds = {kind for kind, _ in errors(validate(folder))}
    assert {"hash-count", "byte-count"} <= kinds


def test_a_snapshot_missing_from_the_folder_is_left_out(folder, minimal):
    (folder / "2024-03-31.csv").unlink()
    take(minimal, DATES[1], folder)
    descriptor = json.loads((folder / PACKAGE_FILE).read_text(encoding="utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == ["2025-06-30.csv"]
    assert validate(folder).valid
