"""KPI detail: status sentence and comments, trajectory, the figures with their sources and the
passages they quote, the note, target revisions and saved edits."""

from datetime import date

import streamlit as st

from dashboard import data, passages, selectors, state, ui
from dashboard.history import audit_table, target_history
from dashboard.i18n import date_text, period_label, t
from dashboard.markdown import md
from dashboard.tables import kpi_figures, status_text
from dashboard.trajectory_chart import trajectory
from model import audit
from model.explain import explain
from model.frames import BUREAU_JOIN
from model.progress import assess
from model.schema import note_text

ctx = state.context()
lang = ctx.lang
names = data.derived("kpi.names", ctx.dataset, ctx.as_of, lang, ctx.names)
st.title(t("page_kpi", lang))

ids = list(ctx.frame["kpi_id"])
if not ids:  # the filters leave nothing: say so, and still offer every KPI
    ui.empty_state(ctx, "kpi")
    ids = list(names)
chosen = st.session_state.get("kpi")
if chosen in names and chosen not in ids:  # a linked or chosen KPI stays reachable under any filter
    ids.append(chosen)
kpi_id = selectors.choice("kpi", t("choose_kpi", lang), ids, names.get, ids[0])
if ctx.filtered and not ctx.frame.empty and kpi_id not in set(ctx.frame["kpi_id"]):
    st.caption(t("kpi_outside_filters", lang, filters=md(ctx.filter_summary())))
    st.button(t("clear_filters", lang), on_click=state.clear_filters, key="clear_filters_kpi_outside")

kpi = data.kpis_by_id(ctx.dataset)[kpi_id]
assessment = assess(kpi, ctx.as_of, ctx.dataset.timeline)
unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
by_id = data.derived("kpi.by_id", ctx.dataset, ctx.as_of, None, lambda: ctx.overview.set_index("kpi_id"))
row = by_id.loc[kpi_id]
book = data.source_book(ctx.dataset)

st.header(md(names[kpi_id]))
sentence = explain(kpi, assessment, lang)
st.markdown(f"**{md(status_text(assessment.status, assessment.basis, lang))}** — {md(sentence)}")
st.page_link("app_pages/method.py", label=t("how_statuses", lang), icon=":material/help:")
for comment in reversed(kpi.comments):  # newest first, under the status they explain
    about = t("comment_about", lang, period=period_label(comment.period, lang)) if comment.period else ""
    with st.container(border=True):
        when = date_text(date.fromisoformat(comment.date), lang)
        st.caption(t("comment_meta", lang, date=when, author=md(comment.author), about=md(about)))
        st.text(note_text(comment.text, lang))
st.caption(
    " · ".join(
        [
            f"{t('bureau', lang)}: {md(BUREAU_JOIN[lang].join(row[f'bureau_names_{lang}']))}",
            f"{t('pillar', lang)}: {md(row[f'pillar_{lang}'])}",
            f"{t('unit', lang)}: {md(unit)}",
            f"{t('measure', lang)}: {t(f'measure_{kpi.measure}', lang)}",
            f"ID: {md(kpi.id)}",
        ]
    )
)
chart = data.derived(
    "kpi.trajectory", ctx.dataset, ctx.as_of, (lang, kpi_id),
    lambda: trajectory(kpi, assessment, lang, ctx.dataset.timeline),
)  # fmt: skip
ui.chart(chart, alt=sentence, lang=lang, key="trajectory")

st.subheader(t("data_table", lang))
figures_table = data.derived(
    "kpi.figures", ctx.dataset, ctx.as_of, (lang, kpi_id),
    lambda: kpi_figures(ctx.figures, kpi_id, unit, lang, kpi.measure, book),
)  # fmt: skip
link = t("link", lang)
ui.table(
    figures_table, lang, f"{kpi_id}-figures", wide=t("quote", lang),
    config={
        link: st.column_config.LinkColumn(link, display_text=t("open_link", lang)),
        t("source", lang): st.column_config.TextColumn(width="medium"),
    },
)  # fmt: skip
st.caption(t("verified_help", lang))
passages.show(kpi, ctx.dataset.timeline, ctx.as_of, book, lang)

if kpi.note:
    st.subheader(t("note", lang))
    st.text(note_text(kpi.note, lang))
st.subheader(t("history", lang))
st.markdown(f"**{t('target_history', lang)}**")
ui.table(target_history(kpi, lang, book), lang, f"{kpi_id}-targets", wide=t("reason", lang))
st.markdown(f"**{t('audit_entries', lang)}**")
entries = audit.read(audit.audit_path(ctx.dataset.path), kpi=kpi_id)
if entries:
    ui.table(audit_table(entries, lang), lang, f"{kpi_id}-audit", wide=t("audit_reason", lang))
else:
    st.caption(t("no_audit", lang))
