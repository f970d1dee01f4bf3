"""KPI detail: trajectory with every target and the expected path, the figures with sources, status."""

import streamlit as st

from dashboard import state, ui
from dashboard.figures import trajectory
from dashboard.i18n import t
from dashboard.tables import audit_table, kpi_figures, status_text, target_history
from model import audit
from model.explain import explain
from model.frames import BUREAU_JOIN
from model.progress import assess
from model.schema import note_text

ctx = state.context()
lang = ctx.lang
names = ctx.names()
ids = list(ctx.frame["kpi_id"])
linked = st.session_state.get("kpi")
if linked in names and linked not in ids:  # a deep-linked KPI stays reachable under any filter
    ids.append(linked)

st.title(t("page_kpi", lang))
if not ids:
    st.info(t("none_match", lang))
else:
    kpi_id = state.choice("kpi", t("choose_kpi", lang), ids, names.get, ids[0])
    kpi = ctx.kpi(kpi_id)
    assessment = assess(kpi, ctx.as_of, ctx.dataset.timeline)
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    row = ctx.overview.set_index("kpi_id").loc[kpi_id]

    st.header(state.md(names[kpi_id]))
    st.markdown(
        f"**{state.md(status_text(assessment.status, assessment.basis, lang))}** — "
        f"{state.md(explain(kpi, assessment, lang))}"
    )
    st.caption(
        " · ".join(
            [
                f"{t('bureau', lang)}: {state.md(BUREAU_JOIN[lang].join(row[f'bureau_names_{lang}']))}",
                f"{t('pillar', lang)}: {state.md(row[f'pillar_{lang}'])}",
                f"{t('unit', lang)}: {state.md(unit)}",
                f"{t('measure', lang)}: {t(f'measure_{kpi.measure}', lang)}",
                f"ID: {kpi.id}",
            ]
        )
    )
    figure = trajectory(kpi, assessment, lang, ctx.dataset.timeline)
    ui.chart(figure, alt=explain(kpi, assessment, lang), key="trajectory")
    st.subheader(t("data_table", lang))
    figures_table = kpi_figures(ctx.figures, kpi_id, unit, lang, kpi.measure)
    ui.table(figures_table, lang, f"{kpi_id}-figures", wide=t("quote", lang))
    st.caption(t("verified_help", lang))
    if kpi.note:
        st.subheader(t("note", lang))
        st.text(note_text(kpi.note, lang))
    st.subheader(t("history", lang))
    st.markdown(f"**{t('target_history', lang)}**")
    ui.table(target_history(kpi, lang), lang, f"{kpi_id}-targets", wide=t("reason", lang))
    st.markdown(f"**{t('audit_entries', lang)}**")
    entries = audit.read(audit.audit_path(ctx.dataset.path), kpi=kpi_id)
    if entries:
        ui.table(audit_table(entries, lang), lang, f"{kpi_id}-audit", wide=t("audit_reason", lang))
    else:
        st.caption(t("no_audit", lang))
