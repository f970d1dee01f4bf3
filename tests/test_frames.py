from datetime import date

from model.frames import (
    STATUS_COLUMNS,
    figure_frame,
    figure_frame_at,
    kpi_frame,
    overview_frame,
    status_frame,
)
from model.loader import load

from conftest import FIXTURES, SEEDS


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


def _with(dataset, kpis):
    """The dataset with its KPIs replaced (sources, seeds and path kept)."""
    from model.loader import Dataset

    return Dataset(dataset.document.model_copy(update={"kpis": kpis}), dataset.path, dataset.seeds)


def test_figures_at_a_date_leave_out_what_was_reported_later(minimal):
    wifi = minimal.kpis[0]
    late = wifi.observations[0].model_copy(update={"period": "FY2024", "reported_on": "2025-06-01"})
    dataset = _with(minimal, [wifi.model_copy(update={"observations": [*wifi.observations, late]})])
    before = figure_frame_at(dataset, date(2025, 5, 31))
    after = figure_frame_at(dataset, date(2025, 6, 1))
    assert list(before["period"]) == ["FY2025", "FY2023"]
    assert list(after["period"]) == ["FY2025", "FY2023", "FY2024"]
    assert after["known_from"].iloc[-1] == date(2025, 6, 1)
    assert overview_frame(dataset, date(2025, 5, 31))["actual_period"].iloc[0] == "FY2023"
    assert overview_frame(dataset, date(2025, 6, 1))["actual_period"].iloc[0] == "FY2024"


def test_a_target_revised_later_is_current_until_the_revision_is_public(minimal):
    wifi = minimal.kpis[0]
    (old,) = wifi.targets
    new = old.model_copy(update={"value": 1300.0, "due": "FY2026", "reported_on": "2025-01-10"})
    revised = wifi.model_copy(update={"targets": [old.model_copy(update={"superseded": True}), new]})
    dataset = _with(minimal, [revised])
    before = figure_frame_at(dataset, date(2024, 12, 31))
    assert list(zip(before["period"], before["superseded"], strict=True))[:1] == [("FY2025", False)]
    after = figure_frame_at(dataset, date(2025, 1, 10))
    targets = after[after["row_type"] == "target"]
    assert list(zip(targets["period"], targets["superseded"], strict=True)) == [
        ("FY2025", True),
        ("FY2026", False),
    ]


def test_status_frame_carries_the_engines_result(minimal):
    frame = status_frame(minimal, date(2025, 3, 31)).set_index("kpi_id")
    assert list(frame.columns) == STATUS_COLUMNS[1:]
    wifi = frame.loc["wifi-sites"]
    assert wifi["status"] == "no_data" and not wifi["measured"]  # one figure: the start
    assert wifi["basis"] == "actual" and wifi["path_kind"] == "straight"
    assert frame.loc["trainees", "expected"] == 8000


def test_a_joint_kpi_keeps_its_leading_bureau_and_lists_every_bureau():
    frame = kpi_frame(load(FIXTURES / "valid" / "joint.yaml", SEEDS)).set_index("kpi_id")
    assert frame.loc["trainees", "bureau_id"] == "public-health"
    assert frame.loc["trainees", "bureau_ja"] == "保健医療局"
    assert frame.loc["trainees", "bureau_ids"] == ("public-health", "social-welfare")
    assert frame.loc["trainees", "bureau_names_en"] == ("Bureau of Public Health", "Bureau of Social Welfare")
    assert frame.loc["wifi-sites", "bureau_ids"] == ("digital-service",)


def test_derived_values_show_their_formula():
    frame = figure_frame(load(FIXTURES / "valid" / "derived.yaml", SEEDS)).set_index("kpi_id")
    assert frame.loc["budget-share", "derived"] == "100 × 1688 / 3371"
    assert frame.loc["budget-share", "value"] == 50.07
    assert frame.loc["agile-projects", "derived"] == "1 + 1 + 7"
