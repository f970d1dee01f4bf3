"""Overview: status counts, bureau × status matrix, targets due soon, overdue KPIs, data freshness."""

import streamlit as st

from dashboard import state, ui
from dashboard.figures import status_bar
from dashboard.i18n import status_label, t
from dashboard.views import due_soon, status_counts, status_matrix, unverified_count
from model.periods import parse_period
from model.progress import STATUSES, latest_actual_end

ctx = state.context()
lang = ctx.lang
st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))

counts = status_counts(ctx.frame)
for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
    column.metric(status_label(status, lang), f"{counts[status]:,}")
st.caption(t("no_target_note", lang))

left, right = st.columns([3, 2])
with left:
    summary = ", ".join(f"{status_label(s, lang)}: {counts[s]}" for s in STATUSES)
    ui.chart(status_bar(counts, lang), alt=f"{t('status_counts', lang)}: {summary}")
with right:
    st.subheader(t("freshness", lang))
    newest = latest_actual_end([ctx.kpi(k) for k in ctx.frame["kpi_id"]])
    if newest is None:
        st.info(t("no_actuals", lang))
    else:
        days = (state.today() - newest).days
        st.metric(t("newest_actual", lang), parse_period(newest.isoformat()).label(lang))
        st.metric(t("age", lang), t("age_value", lang, days=days))
        st.caption(t("age_months", lang, months=round(days / 30.44)))
    st.caption(t("unverified_count", lang, n=unverified_count(ctx.figures, list(ctx.frame["kpi_id"]))))

st.subheader(t("matrix", lang))
ui.table(status_matrix(ctx.frame, lang), lang)

st.subheader(t("due_soon", lang))
ui.table(due_soon(ctx.figures, ctx.frame, ctx.as_of, lang), lang)

st.subheader(t("overdue_list", lang))
ui.kpis(ctx.frame[ctx.frame["status"] == "overdue"], lang, key="overdue")

if ctx.dataset.warnings:
    with st.expander(t("data_warnings", lang, n=len(ctx.dataset.warnings))):
        for warning in ctx.dataset.warnings:
            st.text(str(warning))
