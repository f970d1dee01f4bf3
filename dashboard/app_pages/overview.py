"""Overview: status counts, bureau × status matrix, targets due soon, overdue KPIs, data freshness."""

import pandas as pd
import streamlit as st

from dashboard import state, ui
from dashboard.figures import status_bar
from dashboard.i18n import status_label, t
from dashboard.tables import due_soon, newest_actual, status_counts, status_matrix, unverified_count
from model.periods import parse_period
from model.progress import STATUSES

ctx = state.context()
lang = ctx.lang
st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))

counts = status_counts(ctx.frame)
for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
    column.metric(status_label(status, lang), f"{counts[status]:,}")
st.caption(t("no_target_note", lang))
awaiting = ctx.frame[ctx.frame["report_due"] != ""]
st.metric(t("awaiting_report", lang), f"{len(awaiting):,}", help=t("awaiting_help", lang))

left, right = st.columns([3, 2])
with left:
    summary = ", ".join(f"{status_label(s, lang)}: {counts[s]}" for s in STATUSES)
    ui.chart(status_bar(counts, lang), alt=f"{t('status_counts', lang)}: {summary}")
with right:
    st.subheader(t("freshness", lang))
    newest = newest_actual(ctx.figures_shown)
    if newest is None:
        st.info(t("no_actuals", lang))
    else:
        days = (state.today() - newest).days
        st.metric(t("newest_actual", lang), parse_period(newest.isoformat()).label(lang))
        st.metric(t("age", lang), t("age_value", lang, days=days))
        st.caption(t("age_months", lang, months=round(days / 30.44)))
    st.caption(t("unverified_count", lang, n=unverified_count(ctx.figures_shown)))

st.subheader(t("matrix", lang))
ui.table(status_matrix(ctx.frame, lang), lang, "status-matrix")

st.subheader(t("due_soon", lang))
ui.table(due_soon(ctx.figures_shown, ctx.frame, ctx.as_of, lang), lang, "due-soon")

st.subheader(t("overdue_list", lang))
ui.kpis(ctx.frame[ctx.frame["status"] == "overdue"], lang, key="overdue")

if ctx.dataset.warnings:
    with st.expander(t("data_warnings", lang, n=len(ctx.dataset.warnings))):
        warnings = pd.DataFrame({t("data_warnings_column", lang): [str(w) for w in ctx.dataset.warnings]})
        st.dataframe(warnings, hide_index=True)  # one virtualised table, not an element per warning
        ui.download(warnings, "warnings", lang)
