import json
from datetime import date

import pandas as pd
import pytest

from model.export import snapshot_frame, to_csv_bytes
from model.snapshots import SnapshotError, read_index, read_snapshot, sha256_of, take


def test_take_writes_csv_and_index(minimal, tmp_path):
    entry = take(minimal, date(2025, 6, 30), tmp_path)
    assert (tmp_path / "2025-06-30.csv").read_bytes().startswith(b"\xef\xbb\xbfkpi_id,")
    (stored,) = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert stored == entry
    assert stored["as_of"] == "2025-06-30" and stored["file"] == "2025-06-30.csv"
    assert stored["data_sha256"] == sha256_of(minimal.path)
    assert stored["kpis"] == 3 and stored["rows"] == 6
    assert stored["status_counts"] == {
        "achieved": 0,
        "on_track": 0,
        "at_risk": 0,
        "off_track": 0,
        "overdue": 1,
        "no_data": 1,
        "no_target": 1,
    }


def test_index_keeps_one_entry_per_date_sorted(minimal, tmp_path):
    take(minimal, date(2025, 6, 30), tmp_path)
    take(minimal, date(2024, 3, 31), tmp_path)
    take(minimal, date(2025, 6, 30), tmp_path)
    assert [e["as_of"] for e in read_index(tmp_path)] == ["2024-03-31", "2025-06-30"]


def test_corrupted_index_is_an_error_not_a_silent_reset(minimal, tmp_path):
    (tmp_path / "index.json").write_text("{not json")
    with pytest.raises(SnapshotError, match="not valid JSON"):
        take(minimal, date(2025, 6, 30), tmp_path)


@pytest.mark.parametrize("text", ["=1+1", "'quoted", "+81 3", "-", "@x", "''"])
def test_snapshot_text_round_trips_through_formula_escaping(minimal, tmp_path, text):
    frame = snapshot_frame(minimal, date(2025, 6, 30))
    frame["note"] = text
    frame["kpi_name_en"] = text
    path = tmp_path / "s.csv"
    path.write_bytes(to_csv_bytes(frame))
    back = read_snapshot(path)
    assert list(back["note"]) == [text] * len(frame)
    assert list(back["kpi_name_en"]) == [text] * len(frame)
    assert list(back["value"]) == list(frame["value"])


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"a,b\n1,2\n", "not a snapshot"), (b"\x82\xff\x82", "neither UTF-8"), (b"", "not a readable CSV")],
)
def test_unreadable_snapshots_are_errors(tmp_path, content, fragment):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(SnapshotError, match=fragment):
        read_snapshot(path)


def test_bad_value_in_snapshot(minimal, tmp_path):
    frame = snapshot_frame(minimal, date(2025, 6, 30)).astype({"value": "object"})
    frame.loc[0, "value"] = "lots"
    path = tmp_path / "s.csv"
    path.write_text(frame.to_csv(index=False), encoding="utf-8")
    with pytest.raises(SnapshotError, match="not a number"):
        read_snapshot(path)
    assert isinstance(frame, pd.DataFrame)


def test_missing_snapshot_is_a_snapshot_error(tmp_path):
    with pytest.raises(SnapshotError, match="cannot read the snapshot"):
        read_snapshot(tmp_path / "gone.csv")
