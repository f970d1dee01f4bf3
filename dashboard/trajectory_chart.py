"""The trajectory of one KPI (the KPI page, the method page, the meeting pack): what was public at
the assessment's date, every target, and the expected path of the status engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go

from dashboard.chart_layout import esc, fy_axis, layout
from dashboard.i18n import t
from dashboard.style import SERIES_STYLES, text_colour
from model.explain import format_quantity, milestone_state, path_name
from model.periods import Period, fiscal_year_of, fy_axis_label, parse_period
from model.progress import Assessment
from model.schema import Kpi
from model.timeline import TIMELESS, Timeline, superseded_at


@dataclass(frozen=True)
class _Point:
    period: Period
    value: float
    approximate: bool = False
    at_least: bool = False


def trajectory(kpi: Kpi, assessment: Assessment, lang: str, timeline: Timeline = TIMELESS) -> go.Figure:
    """What was public at the assessment's date: actuals, plans and estimates (distinct markers
    and dashes), every target, and the expected path of the progress engine."""
    as_of = assessment.as_of
    unit = esc(kpi.unit.ja if lang == "ja" else kpi.unit.en)
    milestone = kpi.measure == "milestone"
    series: dict[str, list[_Point]] = {"baseline": [], "actual": [], "plan": [], "estimate": []}
    if kpi.baseline is not None and timeline.known(kpi.baseline, as_of):
        series["baseline"].append(_Point(parse_period(kpi.baseline.period), kpi.baseline.value))
    for obs in kpi.observations:
        if timeline.known(obs, as_of):
            point = _Point(parse_period(obs.period), obs.value, obs.approximate, obs.bound == "at_least")
            series[obs.kind].append(point)
    gone = superseded_at(kpi, as_of, timeline)
    targets = [
        (_Point(parse_period(tg.due), tg.value, tg.approximate), i in gone, tg.recurring)
        for i, tg in enumerate(kpi.targets)
        if timeline.known(tg, as_of)
    ]
    periods = [p.period for pts in series.values() for p in pts] + [p.period for p, _, _ in targets]
    periods = periods or [parse_period(f"FY{fiscal_year_of(as_of)}")]
    by_year = all(p.kind == "fy" for p in periods)
    last_year = max([p.fiscal_year for p in periods] + [fiscal_year_of(as_of)])
    years = [p.fiscal_year for p in periods]
    if any(recurring for _, _, recurring in targets):
        years.append(last_year)

    def x_of(period: Period) -> str | date:
        return fy_axis_label(period.fiscal_year, lang) if by_year else period.end

    def shown(p: _Point) -> str:
        if milestone:
            return milestone_state(p.value, lang)
        return format_quantity(p.value, unit, lang, p.approximate, p.at_least)

    def hover(name: str, p: _Point) -> str:
        return f"{name} {p.period.label(lang)}: {shown(p)}"

    fig = go.Figure()
    for kind, points in series.items():
        if not points:
            continue
        points = sorted(points, key=lambda p: p.period.end)
        style = SERIES_STYLES[kind]
        fig.add_scatter(
            name=t(kind, lang),
            x=[x_of(p.period) for p in points],
            y=[p.value for p in points],
            mode="lines+markers+text" if any(p.at_least for p in points) else "lines+markers",
            line={"color": style["color"], "dash": style["dash"], "width": 2.5},
            marker={"symbol": style["symbol"], "size": 11, "color": style["color"], "line": {"width": 2}},
            text=[shown(p) if p.at_least else "" for p in points],  # a floor says so on the chart
            textposition="middle right",
            hovertext=[hover(t(kind, lang), p) for p in points],
            hoverinfo="text",
            meta=kind,
        )
    for point, superseded, recurring in targets:
        key, short = ("superseded", "superseded_short") if superseded else ("target", "target_short")
        style = SERIES_STYLES[key]
        xs = [point.period]
        if recurring and by_year:
            xs = [parse_period(f"FY{y}") for y in range(point.period.fiscal_year, last_year + 1)]
        value = (
            t("milestone_due", lang)
            if milestone
            else format_quantity(point.value, "", lang, point.approximate).strip()
        )
        fig.add_scatter(
            name=f"{t(key, lang)} {value}",
            x=[x_of(p) for p in xs],
            y=[point.value] * len(xs),
            mode="lines+markers+text" if len(xs) > 1 else "markers+text",
            line={"color": style["color"], "dash": style["dash"], "shape": "hv"},
            marker={"symbol": style["symbol"], "size": 16, "color": style["color"]},
            text=[f"{t(short, lang)} {value}"] + [""] * (len(xs) - 1),
            textposition="bottom center" if superseded else "top center",
            cliponaxis=False,
            textfont={"color": text_colour(style["color"])},  # the same hue, 4.5:1 on white
            hovertext=[f"{t(key, lang)} {p.label(lang)}: {value}" for p in xs],
            hoverinfo="text",
            meta=key,
        )
    path = assessment.path
    if path and not milestone:
        style = SERIES_STYLES["expected"]
        name = path_name(assessment.path_kind, lang)
        name = name[:1].upper() + name[1:]
        fig.add_scatter(
            name=name,
            x=[x_of(p.period) for p in path],
            y=[p.value for p in path],
            mode="lines",
            line={"color": style["color"], "dash": style["dash"], "width": 2},
            hovertext=[hover(name, _Point(p.period, p.value)) for p in path],
            hoverinfo="text",
            meta=f"expected_{assessment.path_kind}",
        )
    if by_year:
        xaxis = fy_axis(years, lang)
    else:
        days = (max(p.end for p in periods) - min(p.end for p in periods)).days
        step = "M1" if days <= 550 else "M3" if days <= 1500 else "M12"
        xaxis = {
            "type": "date",
            "title": {"text": t("date", lang)},
            "dtick": step,
            "tickformat": t("month_axis", lang),
        }
    if milestone:
        ticks = [milestone_state(0, lang), milestone_state(1, lang)]
        yaxis = {"tickvals": [0, 1], "ticktext": ticks, "range": [-0.3, 1.4]}
    else:
        yaxis = {"title": {"text": unit}, "tickformat": ",", "rangemode": "tozero", "separatethousands": True}
    file = f"{kpi.id}-{as_of.isoformat()}"  # the KPI id and the assessment's date
    # the page's heading names the KPI
    return layout(fig, t("trajectory", lang), file, height=500, top=110, xaxis=xaxis, yaxis=yaxis)
