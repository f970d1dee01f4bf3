"""By bureau or organisation: the chosen one's (or every one's) KPIs with progress bars, and the
roll-up across them, grouped by kind (局, 室・本部, 区市町村, 会議体, 都全体 …)."""

import streamlit as st

from dashboard import state, ui
from dashboard.figures import bureau_status_bar
from dashboard.i18n import t
from dashboard.markdown import md
from dashboard.search import filter_overview
from dashboard.tables import per_bureau, status_matrix

ctx = state.context()
lang = ctx.lang
st.title(t("page_bureaus", lang))


def page() -> None:

    bureaus = {b.id: b for b in ctx.dataset.document.bureaus}
    name = getattr(bureaus[ctx.bureau], lang) if ctx.bureau else t("all_bureaus", lang)
    st.caption(t("bureau_hint", lang))
    st.subheader(t("bureau_kpis", lang, bureau=md(name)))
    ui.kpis(ctx.frame, lang, key="bureau-kpis")

    # The roll-up compares bureaus, so it keeps every bureau but honours the other filters.
    across = filter_overview(
        ctx.overview, None, ctx.pillar, ctx.statuses, ctx.query, ctx.awaiting, ctx.search
    )
    st.subheader(t("rollup", lang))
    matrix = status_matrix(across, lang, ctx.dataset.document.bureaus)  # grouped by kind
    order = list(matrix[t("bureau", lang)])
    ui.chart(bureau_status_bar(per_bureau(across), lang, order), alt=t("rollup", lang), lang=lang)
    ui.table(matrix, lang, "rollup", hide_zero=True)


if ctx.frame.empty:
    ui.empty_state(ctx, "bureaus")
else:
    page()
