"""The Record page's form (Streamlit): a figure, a revised target or a comment, typed as people
write them, with the source picked by title and the quote picked from its text.

Periods may be typed 2024年度, 令和6年度, R6, FY2024 or 2024年度第2四半期, values 1,300 or
約900 (model.userinput). Messages are one per field, in the page's language.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data, editing, state
from dashboard.i18n import date_text, t
from dashboard.markdown import md
from dashboard.problem_text import message_text
from model.problems import Problem

LINES_SHOWN = 4000


def _sources(lang: str) -> tuple[list[str], dict[str, str]]:
    """Source ids (registered ones first, by title; then other seed files) and their labels."""
    ctx = state.context()
    book = data.source_book(ctx.dataset)
    registered = sorted(book.sources, key=book.title)
    seeds = sorted(p.name for p in ctx.dataset.seeds.glob("*") if p.is_file() and p.name not in book.sources)
    labels = {s: book.cited(s, lang) for s in registered} | {s: s for s in seeds}
    return registered + seeds, labels


def _lines(source: str) -> list[str]:
    """The lines of a seed that hold a number (what a quote states), each once, for the picker."""
    folder = state.context().dataset.seeds
    path = folder / source
    if "/" in source or not path.is_file():
        return []
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    lines = (" ".join(line.split()) for line in text.splitlines())
    return list(dict.fromkeys(line for line in lines if any(c.isdigit() for c in line)))[:LINES_SHOWN]


def _pick_quote() -> None:
    picked = st.session_state.get("edit_quote_pick")
    if picked:
        st.session_state["edit_quote"] = picked


def _source_and_quote(lang: str) -> str:
    """The source by title and, for a seed, its lines to pick the quote from (outside the form, so
    that a choice fills the quote at once)."""
    ids, labels = _sources(lang)
    source = st.selectbox(
        t("source_pick", lang),
        ids,
        format_func=labels.get,
        key="edit_source",
        help=t("source_pick_help", lang),
    )
    lines = _lines(source) if source else []
    if lines:
        st.selectbox(
            t("quote_pick", lang), lines, index=None, key="edit_quote_pick", on_change=_pick_quote,
            placeholder=t("quote_pick_placeholder", lang), help=t("quote_pick_help", lang),
        )  # fmt: skip
    elif source:
        st.caption(t("quote_paste", lang))
    return source or ""


def _comment(lang: str, kpi: str, editor: str) -> editing.Request | None:
    st.session_state.setdefault("edit_comment_date", date_text(state.today(), lang))
    st.session_state.setdefault("edit_comment_author", editor)
    with st.form("edit_comment"):
        left, middle, right = st.columns(3)
        day = left.text_input(t("comment_date", lang), key="edit_comment_date")
        author = middle.text_input(t("comment_author", lang), key="edit_comment_author")
        period = right.text_input(
            t("comment_period", lang), key="edit_comment_period", placeholder=t("period_placeholder", lang)
        )
        text_ja = st.text_area(t("comment_ja", lang), key="edit_comment_ja")
        text_en = st.text_area(t("comment_en", lang), key="edit_comment_en", help=t("comment_en_help", lang))
        checked = st.form_submit_button(t("check", lang), icon=":material/fact_check:", key="edit_check")
    if not checked:
        return None
    return editing.Request(
        kpi, "comment", period, "", "", "", text_ja=text_ja, text_en=text_en, author=author, day=day
    )


def form(lang: str, editor: str) -> editing.Request | None:
    """Draw the form; the request when 「確認」 was pressed, else None."""
    ctx = state.context()
    names = ctx.names()
    action = st.radio(
        t("action", lang), ["record", "retarget", "comment"], key="edit_action", horizontal=True,
        format_func=lambda a: t(f"action_{a}", lang),
    )  # fmt: skip
    kpi = st.selectbox(t("kpi", lang), list(names), format_func=names.get, key="edit_kpi")
    if action == "comment":
        return _comment(lang, kpi, editor)
    retarget = action == "retarget"
    source = _source_and_quote(lang)
    with st.form("edit"):
        left, middle, right = st.columns(3)
        when = t("due" if retarget else "period", lang)
        period = left.text_input(when, placeholder=t("period_placeholder", lang), key="edit_period")
        value = middle.text_input(
            t("value", lang),
            placeholder=t("value_placeholder", lang),
            key="edit_value",
            help=t("value_help", lang),
        )
        kind, set_on = "actual", ""
        if retarget:
            set_on = right.text_input(
                t("set_on", lang), placeholder=t("period_placeholder", lang), key="edit_set_on"
            )
        else:
            kinds = ["actual", "plan", "estimate"]
            kind = right.selectbox(t("kind", lang), kinds, format_func=lambda k: t(k, lang), key="edit_kind")
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


def field_messages(errors: dict[str, tuple[str, dict[str, str]]], lang: str) -> None:
    """One message per field, named as the form names it."""
    for field, (key, values) in errors.items():
        message = t(key, lang, **values)
        st.error(f"{t(f'form_field_{field}', lang)}: {md(message)}", icon=":material/error:")


def problems(found: list[Problem], kpi: str, lang: str) -> bool:
    """The model's check of the edited file: errors one per field (in the form's words), this KPI's
    warnings folded away. True when there are errors."""
    titles = {s.id: s.title for s in state.context().dataset.document.sources}
    errors = [p for p in found if p.level == "error"]
    by_field: dict[str, str] = {}
    for problem in errors:
        by_field.setdefault(editing.problem_field(problem), message_text(problem.message, lang, titles))
    for field, message in by_field.items():
        label = t(f"form_field_{field}", lang) if field else t("form_field_other", lang)
        st.error(f"{label}: {md(message)}", icon=":material/error:")
    warnings = [p for p in found if p.level == "warning" and p.kpi_id == kpi]
    if warnings:
        with st.expander(t("data_warnings", lang, n=len(warnings))):
            for warning in warnings:
                st.caption(md(message_text(warning.message, lang, titles)))
    return bool(errors)
