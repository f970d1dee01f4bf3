import io
from datetime import date

import pandas as pd
import pytest

from model.export import (
    SNAPSHOT_COLUMNS,
    ExportError,
    neutralise,
    snapshot_frame,
    to_csv_bytes,
    write_snapshot,
)
from model.loader import load
from model.snapshots import read_snapshot

from conftest import FIXTURES, SEEDS


def read_back(raw: bytes, encoding="utf-8-sig") -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), encoding=encoding, dtype={"period": str})


def test_snapshot_columns_and_values(minimal, tmp_path):
    out = tmp_path / "snap.csv"
    write_snapshot(minimal, out, date(2025, 3, 31))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"kpi_id,kpi_name_ja,")
    frame = read_back(raw)
    assert list(frame.columns[: len(SNAPSHOT_COLUMNS)]) == SNAPSHOT_COLUMNS
    rows = frame.set_index(["kpi_id", "row_type", "period"])
    target = rows.loc[("wifi-sites", "target", "FY2025")]
    assert target["value"] == 1300 and target["period_end"] == "2026-03-31"
    # one figure (FY2023) is the start of the path: no measured progress yet
    assert target["status"] == "no_data" and target["source_file"] == "sample.txt"
    assert target["basis"] == "actual" and target["known_from"] == "2020-04-30"
    assert target["quote"] == "2025(R7)年度末までに、都有施設約1,300か所に整備"
    assert rows.loc[("trainees", "actual", "FY2024"), "status"] == "overdue"
    assert pd.isna(rows.loc[("trainees", "actual", "FY2024"), "report_due"])  # reported
    assert rows.loc[("trainees", "actual", "FY2024"), "expected"] == 8000
    assert b",1300," in raw and b"1300.0" not in raw


def test_snapshot_row_types(minimal):
    frame = snapshot_frame(minimal, date(2025, 3, 31))
    assert sorted(frame["row_type"].unique()) == ["actual", "target"]
    assert len(frame) == 6


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+81",
        "-5",
        "@SUM(A1)",
        "\tx",
        "\rx",
        # full-width forms, which Excel also reads as formula characters
        "\uff1d1+1",
        "\uff0b81",
        "\uff0d5",
        "\uff20SUM(A1)",
        # whitespace before a formula character
        " =1+1",
        "\n=1+1",
        "\u3000=1+1",
        " \t @SUM(A1)",
        "\u00a0\uff1d1+1",
    ],
)
def test_formula_injection_is_neutralised(text):
    frame = pd.DataFrame({"quote": [text, "safe"], "value": [-5.0, 1.0]})
    out = neutralise(frame)
    assert out["quote"][0] == "'" + text
    assert out["quote"][1] == "safe"
    assert out["value"][0] == -5.0  # numbers stay numbers


@pytest.mark.parametrize("text", ["1+1=2", " 東京", "約1,300か所", "x =1", "", " "])
def test_harmless_text_is_left_as_it_is(text):
    assert neutralise(pd.DataFrame({"note": [text]}))["note"][0] == text


@pytest.mark.parametrize("text", [" =1+1", "\n=1+1", "\uff1d1+1", "\u3000\uff20x", " 東京"])
def test_neutralised_text_reads_back_as_it_was(minimal, tmp_path, text):
    frame = snapshot_frame(minimal, date(2025, 3, 31))
    frame["kpi_name_en"] = text
    path = tmp_path / "s.csv"
    path.write_bytes(to_csv_bytes(frame))
    assert list(read_snapshot(path)["kpi_name_en"]) == [text] * len(frame)


def test_injection_in_data_reaches_csv_escaped(minimal, tmp_path):
    frame = snapshot_frame(minimal, date(2025, 3, 31))
    frame.loc[0, "kpi_name_en"] = '=HYPERLINK("http://x")'
    back = read_back(to_csv_bytes(frame))
    assert back.loc[0, "kpi_name_en"] == '\'=HYPERLINK("http://x")'


def test_cp932_is_readable_in_excel_encoding(minimal):
    frame = snapshot_frame(minimal, date(2025, 3, 31))
    back = read_back(to_csv_bytes(frame, "cp932"), "cp932")
    assert back.loc[0, "kpi_name_ja"] == "Wi-Fi整備施設数"


def test_cp932_names_the_character_it_cannot_encode(minimal):
    frame = snapshot_frame(minimal, date(2025, 3, 31))
    frame.loc[2, "note"] = "🙂"
    with pytest.raises(ExportError, match=r"U\+1F642.*line 4"):
        to_csv_bytes(frame, "cp932")


def test_failed_export_leaves_no_file(minimal, tmp_path, monkeypatch):
    out = tmp_path / "snap.csv"
    out.write_bytes(b"old")
    monkeypatch.setattr("model.export.to_csv_bytes", lambda *a, **k: (_ for _ in ()).throw(ExportError("x")))
    with pytest.raises(ExportError):
        write_snapshot(minimal, out, date(2025, 3, 31))
    assert out.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [out]


def test_values_are_plain_numbers(minimal):
    frame = snapshot_frame(minimal, date(2025, 3, 31))
    frame["value"] = [1300.0, 0.5, 1.5, 2_000_000.0, 7900.0, 0.1]
    back = read_back(to_csv_bytes(frame))
    assert list(back["value"]) == [1300, 0.5, 1.5, 2_000_000, 7900, 0.1]
    assert b",2000000," in to_csv_bytes(frame) and b"e+" not in to_csv_bytes(frame)


def test_a_joint_kpi_names_every_bureau_in_the_snapshot():
    frame = snapshot_frame(load(FIXTURES / "valid" / "joint.yaml", SEEDS), date(2025, 3, 31))
    rows = frame.drop_duplicates("kpi_id").set_index("kpi_id")
    assert rows.loc["trainees", "bureau_ja"] == "保健医療局・福祉局"
    assert rows.loc["trainees", "bureau_en"] == "Bureau of Public Health / Bureau of Social Welfare"
    assert rows.loc["wifi-sites", "bureau_ja"] == "デジタルサービス局"
