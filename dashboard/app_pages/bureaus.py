"""By bureau: the chosen bureau's (or every bureau's) KPIs with progress bars, and the roll-up."""

import streamlit as st

from dashboard import state, ui
from dashboard.figures import bureau_status_bar
from dashboard.i18n import t
from dashboard.tables import filter_overview, per_bureau, status_matrix

ctx = state.context()
lang = ctx.lang
st.title(t("page_bureaus", lang))

bureaus = {b.id: b for b in ctx.dataset.document.bureaus}
name = getattr(bureaus[ctx.bureau], lang) if ctx.bureau else t("all_bureaus", lang)
st.caption(t("bureau_hint", lang))
st.subheader(t("bureau_kpis", lang, bureau=state.md(name)))
ui.kpis(ctx.frame, lang, key="bureau-kpis")

# The roll-up compares bureaus, so it keeps every bureau but honours the other filters.
across = filter_overview(ctx.overview, None, ctx.pillar, ctx.statuses, ctx.query)
st.subheader(t("rollup", lang))
if across.empty:
    st.info(t("none_match", lang))
else:
    ui.chart(bureau_status_bar(per_bureau(across), lang), alt=t("rollup", lang))
    ui.table(status_matrix(across, lang), lang, "rollup")
