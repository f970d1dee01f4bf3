from datetime import date

from model.frames import figure_frame, kpi_frame, overview_frame


def test_kpi_frame_one_row_per_kpi_with_labels(minimal):
    frame = kpi_frame(minimal)
    assert list(frame["kpi_id"]) == ["wifi-sites", "trainees", "antenna-sites"]
    assert set(frame["bureau_ja"]) == {"デジタルサービス局"}
    assert set(frame["pillar_en"]) == {"Connected Tokyo"}


def test_figure_frame_one_row_per_figure(minimal):
    frame = figure_frame(minimal)
    assert len(frame) == 6
    rows = frame.set_index(["kpi_id", "row_type", "period"])
    assert rows.loc[("wifi-sites", "target", "FY2025"), "value"] == 1300
    assert rows.loc[("wifi-sites", "target", "FY2025"), "period_end"] == date(2026, 3, 31)
    assert rows.loc[("wifi-sites", "actual", "FY2023"), "derived"] == "330 + 320"
    assert rows.loc[("antenna-sites", "actual", "2023-11"), "fiscal_year"] == 2023
    assert frame["value"].dtype == "float64"


def test_overview_frame_has_status(minimal):
    frame = overview_frame(minimal, date(2025, 3, 31)).set_index("kpi_id")
    assert frame.loc["trainees", "status"] == "overdue"  # 7,900 of 8,000 in a closed year
    assert frame.loc["antenna-sites", "status"] == "no_target"
    assert frame.loc["wifi-sites", "pct_of_target"] == 50.0
