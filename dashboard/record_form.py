"""The Record page's form (Streamlit): the fields of ``record`` / ``retarget`` and the check messages."""

from __future__ import annotations

import streamlit as st

from dashboard import editing, state
from dashboard.i18n import t
from model.problems import Problem


def form(lang: str) -> editing.Request | None:
    """Draw the form; the request when "check" was pressed, else None."""
    ctx = state.context()
    names = ctx.names()
    seeds = sorted(p.name for p in ctx.dataset.seeds.glob("*.txt"))
    registered = {s.id: s.title for s in ctx.dataset.document.sources}
    action = st.radio(
        t("action", lang), ["record", "retarget"], key="edit_action", horizontal=True,
        format_func=lambda a: t(f"action_{a}", lang),
    )  # fmt: skip
    retarget = action == "retarget"
    with st.form("edit"):
        kpi = st.selectbox(t("kpi", lang), list(names), format_func=names.get, key="edit_kpi")
        left, middle, right = st.columns(3)
        when = t("due" if retarget else "period", lang)
        period = left.text_input(when, placeholder="FY2024Q2", key="edit_period")
        value = middle.text_input(t("value", lang), placeholder="1300", key="edit_value")
        kind, set_on = "actual", ""
        if retarget:
            set_on = right.text_input(t("set_on", lang), placeholder="2024-10-15", key="edit_set_on")
        else:
            kinds = ["actual", "plan", "estimate"]
            kind = right.selectbox(t("kind", lang), kinds, format_func=lambda k: t(k, lang), key="edit_kind")
        source = st.selectbox(
            t("source_any", lang), seeds + list(registered), key="edit_source",
            format_func=lambda s: f"{s} — {registered[s]}" if s in registered else s,
        )  # fmt: skip
        quote = st.text_area(t("quote", lang), help=t("quote_help", lang), key="edit_quote")
        note = st.text_input(t("note", lang), key="edit_note")
        reason = st.text_input(t("reason", lang), help=t("reason_help", lang), key="edit_reason")
        approximate = st.checkbox(t("approximate", lang), key="edit_approximate")
        replace = False
        if not retarget:
            replace = st.checkbox(t("replace", lang), help=t("replace_help", lang), key="edit_replace")
        checked = st.form_submit_button(t("check", lang), icon=":material/fact_check:", key="edit_check")
    if not checked:
        return None
    return editing.Request(
        kpi, action, period, value, source, quote, kind, note, reason, approximate, replace, set_on
    )


def problems(found: list[Problem], lang: str) -> None:
    """Errors (file:line, KPI, field: message) in red; warnings folded away."""
    errors = [p for p in found if p.level == "error"]
    if errors:
        st.error(t("check_errors", lang) + "\n\n" + state.md_list(errors), icon=":material/error:")
    warnings = [p for p in found if p.level == "warning"]
    if warnings:
        with st.expander(t("data_warnings", lang, n=len(warnings))):
            st.markdown(state.md_list(warnings))
