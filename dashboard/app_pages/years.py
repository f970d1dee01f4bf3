"""By fiscal year: targets due and figures reported in one year; targets by due year; cumulative progress."""

import streamlit as st

from dashboard import selectors, state, ui
from dashboard.figures import cumulative_chart, target_timeline
from dashboard.i18n import fy_label, t
from dashboard.tables import chart_kpis, cumulative_progress, figure_table, fiscal_year_rows

ctx = state.context()
lang = ctx.lang
st.title(t("page_years", lang))

years = {int(y) for y in ctx.figures["fiscal_year"]} | {state.default_fy(ctx)}
requested = st.session_state.get("fy")
if isinstance(requested, int):
    years.add(requested)
options = list(range(min(years), max(years) + 1))
fy = selectors.choice("fy", t("choose_fy", lang), options, lambda y: fy_label(y, lang), state.default_fy(ctx))


def page() -> None:

    st.subheader(t("fy_due", lang, fy=fy_label(fy, lang)))
    due = figure_table(fiscal_year_rows(ctx.figures_shown, fy, ["target"]), ctx.frame, lang)
    ui.table(due, lang, f"FY{fy}-due")
    st.subheader(t("fy_reported", lang, fy=fy_label(fy, lang)))
    reported = fiscal_year_rows(ctx.figures_shown, fy, ["actual", "plan", "estimate"])
    ui.table(figure_table(reported, ctx.frame, lang), lang, f"FY{fy}-reported")

    targets = ctx.figures_shown[ctx.figures_shown["row_type"] == "target"]
    if targets.empty:  # the charts carry their titles; an empty one says what it would have shown
        st.caption(t("empty_chart", lang, chart=t("timeline", lang), why=t("no_targets_shown", lang)))
    else:
        rows, total = chart_kpis(targets.merge(ctx.frame, on="kpi_id", suffixes=("", "_kpi")))
        ui.chart(target_timeline(rows, lang), alt=t("timeline", lang), lang=lang)
        ui.limited(rows, total, lang)

    progress = cumulative_progress(ctx.figures_shown, ctx.frame, ctx.as_of)
    if progress.empty:
        st.caption(t("empty_chart", lang, chart=t("cumulative_progress", lang), why=t("no_cumulative", lang)))
    else:
        progress, total = chart_kpis(progress, order_by="fiscal_year")
        ui.chart(cumulative_chart(progress, ctx.names(), lang), alt=t("cumulative_progress", lang), lang=lang)
        ui.limited(progress, total, lang)


if ctx.frame.empty:
    ui.empty_state(ctx, "years")
else:
    page()
