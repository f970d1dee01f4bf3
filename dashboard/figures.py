"""Plotly figures of the dashboard, built from the model without Streamlit.

Fiscal-year axes are categorical (``2024年度`` / ``FY2024``); numbers carry thousands
separators; statuses and kinds of figures differ by marker and dash, not by colour alone.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import status_label, t
from dashboard.style import OKABE_ITO, SERIES_STYLES, STATUS_COLOURS
from model.explain import format_number, format_quantity, milestone_state, path_name
from model.periods import Period, fiscal_year_of, fy_axis_label, parse_period
from model.progress import STATUSES, Assessment
from model.schema import Kpi
from model.timeline import TIMELESS, Timeline, superseded_at

FONT = "Noto Sans CJK JP, Noto Sans JP, Source Sans Pro, sans-serif"
#: Plotly options for st.plotly_chart: keep the toolbar so a chart can be saved as PNG.
CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
#: plotly.js's own English texts (toolbar, hints) and the words that translate them.
PLOTLY_TEXTS = {
    "Autoscale": "chart_autoscale",
    "Box Select": "chart_box_select",
    "Compare data on hover": "chart_compare",
    "Double-click on legend to isolate one trace": "chart_isolate",
    "Double-click to zoom back out": "chart_zoom_back",
    "Download plot": "chart_download",
    "Download plot as a PNG": "chart_download_png",
    "Image download succeeded": "chart_downloaded",
    "Lasso Select": "chart_lasso",
    "Pan": "chart_pan",
    "Preparing image - this may take a few seconds": "chart_preparing",
    "Reset": "chart_reset",
    "Reset axes": "chart_reset_axes",
    "Show closest data on hover": "chart_closest",
    "Sorry, there was a problem downloading your image!": "chart_download_failed",
    "Toggle Spike Lines": "chart_spikes",
    "Toggle show closest data on hover": "chart_toggle_closest",
    "Zoom": "chart_zoom",
    "Zoom in": "chart_zoom_in",
    "Zoom out": "chart_zoom_out",
}


def chart_config(lang: str) -> dict:
    """:data:`CHART_CONFIG` with plotly's toolbar and hints in ``lang`` (a locale given inline,
    so nothing is fetched: plotly's own locale files are not part of its Python package)."""
    if lang != "ja":
        return dict(CHART_CONFIG)
    months = [t(f"month_{m}", lang) for m in range(1, 13)]
    locale = {
        "dictionary": {english: t(key, lang) for english, key in PLOTLY_TEXTS.items()},
        "format": {"months": months, "shortMonths": months, "date": "%Y/%m/%d"},
    }
    return {**CHART_CONFIG, "locale": "ja", "locales": {"ja": locale}}


def esc(text: object) -> str:
    """Text from the data for plotly, which reads a subset of HTML: shown literally, never as markup."""
    return html.escape(str(text), quote=False)


def _layout(fig: go.Figure, title: str, height: int = 420, top: int = 90) -> go.Figure:
    """Shared layout: title on top, legend under it (never over an axis title), CJK font."""
    fig.update_layout(
        title={"text": title, "y": 0.99, "yref": "container", "yanchor": "top"},
        height=height,
        font={"family": FONT},
        margin={"l": 10, "r": 30, "t": top, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
        separators=".,",
        hoverlabel={"font": {"family": FONT}},
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def count_axis(largest: float, lang: str) -> dict:
    """An x axis of KPI counts: one tick per integer for small counts (never 0, 0, 1, 1)."""
    axis = {"title": {"text": t("count", lang)}, "tickformat": ",d", "rangemode": "tozero"}
    if largest <= 10:
        axis |= {"tick0": 0, "dtick": 1}
    return axis


def fy_axis(years: list[int], lang: str) -> dict:
    """A categorical x axis with one category per fiscal year from the first to the last."""
    labels = [fy_axis_label(y, lang) for y in range(min(years), max(years) + 1)] if years else []
    return {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": labels,
        "range": [-0.5, len(labels) - 0.5] if labels else None,
        "title": {"text": t("fiscal_year", lang)},
    }


def status_bar(counts: pd.Series, lang: str) -> go.Figure:
    """KPIs per status as horizontal bars, labelled with icon, name and count."""
    labels = [status_label(s, lang) for s in counts.index]
    fig = go.Figure(
        go.Bar(
            x=counts.to_list(),
            y=labels,
            orientation="h",
            marker={
                "color": [STATUS_COLOURS[s] for s in counts.index],
                "line": {"color": "#333", "width": 1},
            },
            text=[f"{n:,}" for n in counts],
            textposition="outside",
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", type="category", automargin=True)
    fig.update_xaxes(**count_axis(counts.max() if len(counts) else 0, lang))
    return _layout(fig, t("status_counts", lang), height=340)


#: KPI names on a chart's axis are cut to this many characters (the hover shows them whole).
AXIS_NAME = 26


def short_names(names: list[str], limit: int = AXIS_NAME) -> dict[str, str]:
    """Each name cut to ``limit`` characters with an ellipsis; a name whose cut form another name
    shares stays whole (categories must stay apart)."""
    cut = {n: n if len(n) <= limit else n[: limit - 1] + "…" for n in names}
    taken = [c for c in cut.values()]
    return {n: c if taken.count(c) == 1 else n for n, c in cut.items()}


def bureau_status_bar(frame: pd.DataFrame, lang: str, order: list[str] | None = None) -> go.Figure:
    """Stacked bars: per bureau, the number of KPIs in each status (roll-up across bureaus), top to
    bottom in ``order`` (bureau names, e.g. grouped by kind) when given."""
    table = pd.crosstab(frame[f"bureau_{lang}"], frame["status"]).reindex(
        columns=list(STATUSES), fill_value=0
    )
    if order:
        table = table.reindex([b for b in order if b in table.index])
    short = short_names(list(table.index), limit=AXIS_NAME + 6)
    fig = go.Figure()
    for status in STATUSES:
        if table[status].sum() == 0:
            continue
        fig.add_bar(
            name=status_label(status, lang),
            y=[esc(short[b]) for b in table.index],
            customdata=[esc(b) for b in table.index],
            x=table[status].to_list(),
            orientation="h",
            marker={"color": STATUS_COLOURS[status], "line": {"color": "#333", "width": 1}},
            text=[status_label(status, lang)[0] if n else "" for n in table[status]],
            textposition="inside",
            hovertemplate="%{customdata}<br>" + status_label(status, lang) + ": %{x:,}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(**count_axis(table.sum(axis=1).max() if len(table) else 0, lang))
    fig.update_yaxes(type="category", autorange="reversed", automargin=True)
    return _layout(fig, t("rollup", lang), height=max(260, 90 + 50 * len(table)))


def target_timeline(rows: pd.DataFrame, lang: str) -> go.Figure:
    """Targets by due fiscal year (categorical x) and KPI (y); superseded ones in grey with x marks.

    ``rows``: target rows of ``figure_frame`` merged with the KPI names and units.
    """
    years = [int(y) for y in rows["fiscal_year"]]
    short = short_names(list(dict.fromkeys(rows[f"name_{lang}"])))
    fig = go.Figure()
    for superseded, key in ((False, "target"), (True, "superseded")):
        part = rows[rows["superseded"] == superseded]
        if part.empty:
            continue
        style = SERIES_STYLES[key]
        fig.add_scatter(
            name=t(key, lang),
            x=[fy_axis_label(int(y), lang) for y in part["fiscal_year"]],
            y=[esc(short[n]) for n in part[f"name_{lang}"]],
            mode="markers+text",
            marker={"symbol": style["symbol"], "size": 16, "color": style["color"]},
            text=[
                t("milestone_due", lang) if m == "milestone" else format_number(v, lang)
                for v, m in zip(part["value"], part["measure"], strict=True)
            ],
            textposition="bottom right" if superseded else "middle right",
            cliponaxis=False,
            hovertext=[
                f"{esc(n)}<br>{t(key, lang)}: "
                + (t("measure_milestone", lang) if m == "milestone" else esc(format_quantity(v, u, lang, a)))
                for n, v, u, a, m in zip(
                    part[f"name_{lang}"],
                    part["value"],
                    part[f"unit_{lang}"],
                    part["approximate"],
                    part["measure"],
                    strict=True,
                )
            ],
            hoverinfo="text",
        )
    fig.update_xaxes(**fy_axis(years, lang))
    fig.update_yaxes(type="category", automargin=True)
    return _layout(fig, t("timeline", lang), height=max(300, 140 + 40 * rows["kpi_id"].nunique()))


def cumulative_chart(progress: pd.DataFrame, names: dict[str, str], lang: str) -> go.Figure:
    """Percent of the final target reached at the end of each fiscal year, one line per KPI."""
    fig = go.Figure()
    symbols = ["circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon"]
    colours = [c for k, c in OKABE_ITO.items() if k not in ("yellow", "grey")]
    for i, (kpi_id, part) in enumerate(progress.groupby("kpi_id", sort=True)):
        fig.add_scatter(
            name=esc(names.get(kpi_id, kpi_id)),
            x=[fy_axis_label(int(y), lang) for y in part["fiscal_year"]],
            y=part["pct"].to_list(),
            mode="lines+markers",
            marker={"symbol": symbols[i % len(symbols)], "size": 10, "color": colours[i % len(colours)]},
            line={"color": colours[i % len(colours)]},
            hovertemplate="%{x}: %{y:,.0f}%<extra>" + esc(names.get(kpi_id, kpi_id)) + "</extra>",
        )
    fig.add_hline(y=100, line={"color": OKABE_ITO["black"], "dash": "dot", "width": 1})
    fig.update_xaxes(**fy_axis([int(y) for y in progress["fiscal_year"]], lang))
    fig.update_yaxes(title={"text": t("pct_of_target", lang)}, ticksuffix="%", rangemode="tozero")
    return _layout(fig, t("cumulative_progress", lang))


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
            textfont={"color": style["color"]},
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
        fig.update_xaxes(**fy_axis(years, lang))
    else:
        days = (max(p.end for p in periods) - min(p.end for p in periods)).days
        step = "M1" if days <= 550 else "M3" if days <= 1500 else "M12"
        fig.update_xaxes(
            type="date", title={"text": t("date", lang)}, dtick=step, tickformat=t("month_axis", lang)
        )
    if milestone:
        ticks = [milestone_state(0, lang), milestone_state(1, lang)]
        fig.update_yaxes(tickvals=[0, 1], ticktext=ticks, range=[-0.3, 1.4])
    else:
        fig.update_yaxes(title={"text": unit}, tickformat=",", rangemode="tozero", separatethousands=True)
    return _layout(fig, t("trajectory", lang), height=500, top=110)  # the page's heading names the KPI


def transition_bar(changes: pd.DataFrame, lang: str) -> go.Figure:
    """Status transitions (from → to) as horizontal bars with their number of KPIs.

    Each bar is named with both statuses' icons and names and coloured by the new status;
    hovering lists the KPIs. ``changes``: rows of ``model.diff.diff``.
    """
    rows = changes[changes["change"] == "status_changed"]
    order = {s: i for i, s in enumerate(STATUSES)}
    groups = sorted(rows.groupby(["old", "new"], sort=False), key=lambda g: (order[g[0][0]], order[g[0][1]]))
    labels = [f"{status_label(a, lang)} → {status_label(b, lang)}" for (a, b), _ in groups]
    names = ["<br>".join(esc(n) for n in part[f"kpi_name_{lang}"]) for _, part in groups]
    fig = go.Figure(
        go.Bar(
            x=[len(part) for _, part in groups],
            y=labels,
            orientation="h",
            marker={
                "color": [STATUS_COLOURS[b] for (_, b), _ in groups],
                "line": {"color": "#333", "width": 1},
            },
            text=[f"{len(part):,}" for _, part in groups],
            textposition="outside",
            hovertext=[f"{label}<br>{n}" for label, n in zip(labels, names, strict=True)],
            hoverinfo="text",
        )
    )
    fig.update_yaxes(autorange="reversed", type="category", automargin=True)
    fig.update_layout(bargap=0.35)
    fig.update_xaxes(**count_axis(max((len(part) for _, part in groups), default=0), lang))
    return _layout(fig, t("transitions", lang), height=150 + 45 * len(groups), top=50)
