"""The overview charts of the dashboard, built from the model without Streamlit: KPIs per status,
the bureau roll-up, the target timeline, cumulative progress and status transitions.

Fiscal-year axes are categorical (``2024年度`` / ``FY2024``); numbers carry thousands
separators; statuses and kinds of figures differ by marker and dash, not by colour alone.
The KPI trajectory is in :mod:`dashboard.trajectory_chart`, what all charts share in
:mod:`dashboard.chart_layout`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.chart_layout import AXIS_NAME, count_axis, esc, fy_axis, layout, short_names
from dashboard.i18n import status_label, t
from dashboard.style import OKABE_ITO, SERIES_STYLES, STATUS_COLOURS, text_on
from model.explain import format_number, format_quantity
from model.periods import fy_axis_label
from model.progress import STATUSES


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
    return layout(
        fig,
        t("status_counts", lang),
        "status-counts",
        height=340,
        xaxis=count_axis(counts.max() if len(counts) else 0, lang),
        yaxis={"autorange": "reversed", "type": "category"},
    )


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
            insidetextfont={"color": text_on(STATUS_COLOURS[status])},  # 4.5:1 on the bar
            hovertemplate="%{customdata}<br>" + status_label(status, lang) + ": %{x:,}<extra></extra>",
        )
    return layout(
        fig,
        t("rollup", lang),
        "bureau-rollup",
        height=max(260, 90 + 50 * len(table)),
        xaxis=count_axis(table.sum(axis=1).max() if len(table) else 0, lang),
        yaxis={"type": "category", "autorange": "reversed"},
        barmode="stack",
    )


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
    height = max(300, 140 + 40 * rows["kpi_id"].nunique())
    return layout(
        fig,
        t("timeline", lang),
        "target-timeline",
        height=height,
        xaxis=fy_axis(years, lang),
        yaxis={"type": "category"},
    )


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
    hundred = {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": 100, "y1": 100}
    return layout(
        fig,
        t("cumulative_progress", lang),
        "cumulative-progress",
        xaxis=fy_axis([int(y) for y in progress["fiscal_year"]], lang),
        yaxis={"title": {"text": t("pct_of_target", lang)}, "ticksuffix": "%", "rangemode": "tozero"},
        shapes=[hundred | {"line": {"color": OKABE_ITO["black"], "dash": "dot", "width": 1}}],
    )


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
    return layout(
        fig,
        t("transitions", lang),
        "status-transitions",
        height=150 + 45 * len(groups),
        top=50,
        xaxis=count_axis(max((len(part) for _, part in groups), default=0), lang),
        yaxis={"autorange": "reversed", "type": "category"},
        bargap=0.35,
    )
