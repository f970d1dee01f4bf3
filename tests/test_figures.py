"""The dashboard's plotly figures, checked on fig.data and fig.layout (no browser, no Streamlit)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard import chart_layout, figures, trajectory_chart
from dashboard.style import SERIES_STYLES, STATUS_COLOURS, contrast
from dashboard.tables import cumulative_progress, status_counts
from model.frames import figure_frame, overview_frame
from model.loader import Dataset, load
from model.progress import STATUSES, assess
from model.schema import Kpi
from model.timeline import Timeline

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
AS_OF = date(2024, 3, 31)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(FIXTURE / "kpis.yaml", FIXTURE / "seeds")


def kpi(dataset: Dataset, kpi_id: str):
    return next(k for k in dataset.kpis if k.id == kpi_id)


def traces(fig, meta: str) -> list:
    return [trace for trace in fig.data if trace.meta == meta]


@pytest.mark.parametrize(("lang", "label"), [("ja", "2023年度"), ("en", "FY2023")])
def test_trajectory_has_a_categorical_fiscal_year_axis(dataset, lang, label) -> None:
    wifi = kpi(dataset, "wifi-sites")
    fig = trajectory_chart.trajectory(wifi, assess(wifi, AS_OF), lang)
    axis = fig.layout.xaxis
    assert axis.type == "category"
    assert label in axis.categoryarray
    assert list(axis.categoryarray) == [figures.fy_axis_label(y, lang) for y in range(2020, 2027)]
    for trace in fig.data:
        assert all(isinstance(x, str) for x in trace.x), "no numeric years such as 2,023.5"
    assert fig.layout.yaxis.tickformat == ","
    assert fig.layout.yaxis.title.text == ("か所" if lang == "ja" else "sites")


def test_trajectory_draws_every_target_including_superseded(dataset) -> None:
    wifi = kpi(dataset, "wifi-sites")
    fig = trajectory_chart.trajectory(wifi, assess(wifi, AS_OF), "en")
    current, old = traces(fig, "target"), traces(fig, "superseded")
    assert [(t.x[0], t.y[0]) for t in current] == [("FY2025", 1300)]
    assert [(t.x[0], t.y[0]) for t in old] == [("FY2026", 1000)]
    assert old[0].marker.symbol != current[0].marker.symbol
    assert "~1,300" in current[0].name


def test_plan_actual_and_estimate_differ_in_marker_and_dash(dataset) -> None:
    wifi = kpi(dataset, "wifi-sites")
    fig = trajectory_chart.trajectory(wifi, assess(wifi, AS_OF), "ja")
    actual, plan, estimate = (traces(fig, kind)[0] for kind in ("actual", "plan", "estimate"))
    assert list(actual.x) == ["2021年度", "2022年度", "2023年度"]
    assert list(plan.y) == [885] and list(estimate.y) == [1100]
    symbols = {actual.marker.symbol, plan.marker.symbol, estimate.marker.symbol}
    dashes = {actual.line.dash, plan.line.dash, estimate.line.dash}
    assert len(symbols) == 3 and len(dashes) == 3
    assert plan.name == "計画" and actual.name == "実績" and estimate.name == "見込み"


def test_expected_path_runs_through_the_plan_to_the_current_target(dataset) -> None:
    wifi = kpi(dataset, "wifi-sites")
    assessment = assess(wifi, AS_OF, dataset.timeline)
    fig = trajectory_chart.trajectory(wifi, assessment, "en", dataset.timeline)
    (path,) = traces(fig, "expected_plan")
    assert list(path.x) == ["FY2020", "FY2024", "FY2025"]
    assert list(path.y) == [100, 885, 1300]  # baseline, the FY2024 plan, the target
    assert path.name == "Expected along the plan"
    assert path.line.dash == SERIES_STYLES["expected"]["dash"]


def test_without_plans_the_legend_says_straight_line(dataset) -> None:
    paper = kpi(dataset, "paper-sheets")
    fig = trajectory_chart.trajectory(paper, assess(paper, AS_OF, dataset.timeline), "ja", dataset.timeline)
    (path,) = traces(fig, "expected_straight")
    assert path.name == "直線の想定" and list(path.y) == [2000, 600]


def test_the_chart_shows_only_what_was_public_at_the_date(dataset) -> None:
    wifi = kpi(dataset, "wifi-sites")
    late = Timeline({"strategy.txt": date(2020, 4, 30)})
    early = date(2020, 4, 1)  # before the fixture's source was published
    fig = trajectory_chart.trajectory(wifi, assess(wifi, early, late), "en", late)
    assert traces(fig, "actual") == [] and traces(fig, "target") == []


def test_milestone_chart_says_done_or_not(dataset) -> None:
    k = Kpi.model_validate(
        {
            "id": "m", "name": {"ja": "新システム稼働", "en": "New system live"},
            "bureau": "b", "pillar": "p",
            "unit": {"ja": "件", "en": "item"}, "measure": "milestone",
            "targets": [{"value": 1, "due": "FY2025", "source": "s.txt", "quote": "2025年度稼働"}],
            "observations": [{"period": "FY2024", "value": 1, "source": "s.txt", "quote": "稼働した"}],
        }
    )  # fmt: skip
    fig = trajectory_chart.trajectory(k, assess(k, date(2025, 6, 30)), "ja")
    assert list(fig.layout.yaxis.ticktext) == ["未了", "完了"]
    (actual,) = traces(fig, "actual")
    assert actual.hovertext[0].endswith("完了")
    assert traces(fig, "expected_plan") == traces(fig, "expected_straight") == []


def test_per_year_target_repeats_and_has_no_expected_path(dataset) -> None:
    trainees = kpi(dataset, "trainees")
    fig = trajectory_chart.trajectory(trainees, assess(trainees, AS_OF), "en")
    (target,) = traces(fig, "target")
    assert list(target.x) == ["FY2022", "FY2023"] and set(target.y) == {8000}
    assert traces(fig, "expected") == []


def test_monthly_figures_use_a_date_axis_with_month_ticks(dataset) -> None:
    antenna = kpi(dataset, "antenna-sites")
    fig = trajectory_chart.trajectory(antenna, assess(antenna, AS_OF), "ja")
    assert fig.layout.xaxis.type == "date" and fig.layout.xaxis.dtick == "M1"
    (actual,) = traces(fig, "actual")
    assert list(actual.x) == [date(2023, 10, 31), date(2023, 11, 30), date(2024, 1, 31)]
    assert "2024年1月: 225件" in actual.hovertext[-1]


def test_status_bar_labels_every_status_with_icon_and_colour(dataset) -> None:
    counts = status_counts(overview_frame(dataset, AS_OF))
    fig = figures.status_bar(counts, "en")
    (bar,) = fig.data
    assert list(bar.y) == [
        "◎ achieved",
        "○ on track",
        "△ at risk",
        "✕ off track",
        "⚠ overdue",
        "－ no data",
        "◇ no target",
    ]
    assert list(bar.marker.color) == [STATUS_COLOURS[s] for s in STATUSES]
    assert list(bar.x) == [1, 2, 0, 0, 1, 1, 1]  # Wi-Fi is on its plan path, paper on its line


def test_timeline_and_cumulative_charts_use_fiscal_year_categories(dataset) -> None:
    overview = overview_frame(dataset, AS_OF)
    figs = figure_frame(dataset)
    rows = figs[figs["row_type"] == "target"].merge(overview, on="kpi_id", suffixes=("", "_kpi"))
    timeline = figures.target_timeline(rows, "ja")
    assert timeline.layout.xaxis.type == "category"
    assert timeline.layout.xaxis.categoryarray[0] == "2022年度"
    assert {t.name for t in timeline.data} == {"目標", "旧目標（改定前）"}
    progress = cumulative_progress(figs, overview, AS_OF)
    wifi = progress[progress["kpi_id"] == "wifi-sites"]
    assert list(wifi["fiscal_year"]) == [2021, 2022, 2023]
    assert list(wifi["pct"].round(1)) == [23.1, 38.5, 50.0]
    chart = figures.cumulative_chart(progress, {"wifi-sites": "Wi-Fi"}, "en")
    assert chart.layout.xaxis.type == "category" and chart.layout.yaxis.ticksuffix == "%"
    (hundred,) = chart.layout.shapes  # the target line at 100 %, across the whole plot
    assert (hundred.type, hundred.y0, hundred.y1, hundred.xref, hundred.x0, hundred.x1) == (
        "line", 100, 100, "x domain", 0, 1
    )  # fmt: skip


def test_bureau_roll_up_stacks_statuses(dataset) -> None:
    fig = figures.bureau_status_bar(overview_frame(dataset, AS_OF), "en")
    assert fig.layout.barmode == "stack"
    assert {t.name for t in fig.data} == {
        "◎ achieved", "○ on track", "⚠ overdue", "－ no data", "◇ no target"
    }  # fmt: skip


def test_charts_keep_the_modebar_for_png_download() -> None:
    assert chart_layout.CHART_CONFIG.get("displayModeBar", True) is not False
    assert chart_layout.CHART_CONFIG["toImageButtonOptions"]["format"] == "png"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_png_is_named_by_the_chart_at_twice_the_size(dataset, lang) -> None:
    wifi = kpi(dataset, "wifi-sites")
    fig = trajectory_chart.trajectory(wifi, assess(wifi, AS_OF), lang)
    assert chart_layout.file_name(fig) == "wifi-sites-2024-03-31"
    options = chart_layout.chart_config(lang, chart_layout.file_name(fig))["toImageButtonOptions"]
    assert options == {"format": "png", "scale": 2, "filename": "wifi-sites-2024-03-31"}
    counts = status_counts(overview_frame(dataset, AS_OF))
    assert chart_layout.file_name(figures.status_bar(counts, lang)) == "status-counts"
    assert chart_layout.file_name(go.Figure()) == "chart"  # a figure that never got a name
    assert "filename" not in chart_layout.CHART_CONFIG["toImageButtonOptions"]  # not changed in place


def test_every_chart_names_a_japanese_font_first(dataset) -> None:
    """The PNG is drawn by the browser from the SVG: the font must be one it has (fonts-noto-cjk)."""
    wifi = kpi(dataset, "wifi-sites")
    rows = overview_frame(dataset, AS_OF)
    charts = [
        trajectory_chart.trajectory(wifi, assess(wifi, AS_OF), "ja"),
        figures.status_bar(status_counts(rows), "ja"),
        figures.bureau_status_bar(rows, "ja"),
    ]
    for fig in charts:
        assert fig.layout.font.family.startswith("Noto Sans CJK JP,")
        assert fig.layout.hoverlabel.font.family == fig.layout.font.family
        assert contrast(fig.layout.font.color, "#FFFFFF") >= 4.5


def test_text_in_a_status_colour_reads_on_the_chart(dataset) -> None:
    """Target labels take the darker shade of their colour; labels inside bars black or white."""
    wifi = kpi(dataset, "wifi-sites")
    fig = trajectory_chart.trajectory(wifi, assess(wifi, AS_OF), "ja", dataset.timeline)
    coloured = [trace for trace in fig.data if trace.textfont.color]
    assert coloured, "the target labels are coloured"
    assert all(contrast(trace.textfont.color, "#FFFFFF") >= 4.5 for trace in coloured)
    bars = figures.bureau_status_bar(overview_frame(dataset, AS_OF), "ja")
    for trace in bars.data:
        assert contrast(trace.insidetextfont.color, trace.marker.color) >= 4.5, trace.name


def test_data_text_in_charts_is_escaped_for_plotly() -> None:
    """Plotly reads a subset of HTML in titles, labels and hovers: data text must stay literal."""
    xss = load(FIXTURE / "xss.yaml", FIXTURE / "seeds")
    k = kpi(xss, "xss")
    fig = trajectory_chart.trajectory(k, assess(k, AS_OF), "ja")
    assert fig.layout.title.text == "推移と目標"  # the page's heading names the KPI
    assert fig.layout.yaxis.title.text == "&lt;i&gt;か所&lt;/i&gt;"
    targets = figure_frame(xss).merge(overview_frame(xss, AS_OF), on="kpi_id", suffixes=("", "_kpi"))
    timeline = figures.target_timeline(targets[targets["row_type"] == "target"], "ja")
    names = [y for trace in timeline.data for y in trace.y]
    assert "&lt;img src=x onerror=alert(" in " ".join(names) and not any("<img" in n for n in names)
    rows = overview_frame(xss, AS_OF)
    bars = figures.bureau_status_bar(rows, "en")
    assert all("<svg" not in y for trace in bars.data for y in trace.y)


def test_small_counts_get_one_tick_per_kpi(dataset) -> None:
    counts = status_counts(overview_frame(dataset, AS_OF))
    axis = figures.status_bar(counts, "ja").layout.xaxis
    assert axis.dtick == 1 and axis.tickformat == ",d"
    assert "dtick" not in chart_layout.count_axis(250, "ja")


def test_a_floor_is_labelled_on_the_chart() -> None:
    k = Kpi.model_validate(
        {
            "id": "f", "name": {"ja": "協働数", "en": "Projects"}, "bureau": "b", "pillar": "p",
            "unit": {"ja": "件", "en": "projects"}, "measure": "cumulative",
            "targets": [{"value": 40, "due": "FY2023", "source": "s.txt", "quote": "40件"}],
            "observations": [
                {"period": "FY2023", "value": 40, "bound": "at_least", "source": "s.txt", "quote": "40件"}
            ],
        }
    )  # fmt: skip
    (actual,) = traces(trajectory_chart.trajectory(k, assess(k, date(2024, 3, 31)), "ja"), "actual")
    assert list(actual.text) == ["40件以上"] and "40件以上" in actual.hovertext[0]
    (actual,) = traces(trajectory_chart.trajectory(k, assess(k, date(2024, 3, 31)), "en"), "actual")
    assert list(actual.text) == ["≥ 40 projects"]


def test_long_kpi_names_are_cut_on_an_axis_but_stay_apart() -> None:
    names = ["短い名前", "あ" * 40 + "一", "あ" * 40 + "二", "い" * 40]
    short = chart_layout.short_names(names, limit=10)
    assert short["短い名前"] == "短い名前" and short["い" * 40] == "い" * 9 + "…"
    assert short["あ" * 40 + "一"] == "あ" * 40 + "一"  # cut, both would read the same: kept whole


def test_the_rollup_bars_follow_the_order_given(dataset) -> None:
    rows = overview_frame(dataset, AS_OF).assign(
        bureau_ja=lambda f: (
            f["bureau_id"].map({"digital-service": "デジタルサービス局"}).fillna("スタートアップ戦略室")
        )
    )
    order = ["デジタルサービス局", "スタートアップ戦略室"]  # not the alphabetical order
    fig = figures.bureau_status_bar(rows, "ja", order)
    assert list(dict.fromkeys(y for trace in fig.data for y in trace.y)) == order
