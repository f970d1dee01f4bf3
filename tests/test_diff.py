from datetime import date

import pytest

from model.diff import as_table, as_text, diff
from model.export import snapshot_frame
from model.snapshots import read_snapshot

from conftest import FIXTURES

BEFORE = FIXTURES / "snapshots" / "2025-06-30-before.csv"
AFTER = FIXTURES / "snapshots" / "2025-06-30-after.csv"


def rows(changes):
    return [
        tuple(r)
        for r in as_table(changes)[
            ["change", "kpi_id", "row_type", "period", "old_value", "new_value"]
        ].itertuples(index=False)
    ]


def test_diff_of_two_fixture_snapshots_is_exactly_the_changes_made():
    assert rows(diff(read_snapshot(BEFORE), read_snapshot(AFTER))) == [
        ("kpi_added", "paper-sheets", "", "", "", "no_target"),
        ("status_changed", "trainees", "", "", "overdue", "achieved"),
        ("target_revised", "wifi-sites", "target", "FY2025", "1300", "1,300 due FY2026"),
        ("figure_added", "antenna-sites", "actual", "2023-12", "", "149"),
        ("value_changed", "trainees", "actual", "FY2024", "7900", "8000"),
    ]


def test_reverse_diff():
    assert rows(diff(read_snapshot(AFTER), read_snapshot(BEFORE))) == [
        ("kpi_removed", "paper-sheets", "", "", "no_target", ""),
        ("status_changed", "trainees", "", "", "achieved", "overdue"),
        ("target_removed", "wifi-sites", "target", "FY2026", "1300", ""),
        ("figure_removed", "antenna-sites", "actual", "2023-12", "149", ""),
        ("value_changed", "trainees", "actual", "FY2024", "8000", "7900"),
    ]


def test_no_changes_between_identical_sides():
    assert diff(read_snapshot(BEFORE), read_snapshot(BEFORE)).empty


def test_status_transitions_between_two_dates_of_the_same_data(minimal):
    changes = diff(snapshot_frame(minimal, date(2024, 3, 31)), snapshot_frame(minimal, date(2025, 6, 30)))
    assert rows(changes) == [("status_changed", "trainees", "", "", "no_data", "overdue")]


def test_text_report():
    text = as_text(diff(read_snapshot(BEFORE), read_snapshot(AFTER)), "before", "after")
    assert text.splitlines()[0] == "Changes from before to after: 5"
    assert "  trainees  actual FY2024  7,900 → 8,000" in text
    assert "  wifi-sites  target FY2025  1,300 → 1,300 due FY2026" in text


@pytest.mark.parametrize("path", [BEFORE, AFTER])
def test_snapshot_reads_back_to_the_same_values_as_written(minimal, path):
    frame = read_snapshot(path)
    assert frame["value"].dtype.kind in "if"
    assert set(frame["row_type"]) <= {"target", "actual", "plan", "estimate", "baseline"}


def test_a_figure_published_between_two_dates_is_added_besides_the_status_change():
    """xss.yaml: a FY2024Q2 actual (780) quoted from a page published 2024-10-15."""
    from model.loader import load

    from conftest import DASHBOARD_FIXTURES

    dataset = load(DASHBOARD_FIXTURES / "xss.yaml", DASHBOARD_FIXTURES / "seeds")
    old, new = snapshot_frame(dataset, date(2024, 10, 14)), snapshot_frame(dataset, date(2024, 10, 15))
    changes = rows(diff(old, new))
    assert ("figure_added", "xss", "actual", "FY2024Q2", "", "780") in changes
    assert "FY2024Q2" not in set(old["period"])
