"""The sidebar: language, evaluation date (today unless chosen), filters; builds the page context.

The URL's parameters are applied first (:mod:`dashboard.state`), then the widgets are drawn
from the session state. Bureaus are listed by kind (局, 室・本部, 区市町村, 会議体, 都全体 …).
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from dashboard import data, state
from dashboard.datefield import date_field
from dashboard.i18n import LANG_NAMES, LANGS, date_text, status_label, t
from dashboard.state import MAX_DATE, MIN_DATE, Context
from model.loader import Dataset
from model.progress import STATUSES
from model.schema import BUREAU_KINDS


def language(incoming: dict[str, str]) -> tuple[str, list[str]]:
    """The language switch (the URL's ``lang`` applied first) and any message about the URL."""
    messages = state.apply_language(incoming)
    st.session_state.setdefault("lang", "ja")
    lang = st.sidebar.radio(t("language"), LANGS, format_func=LANG_NAMES.get, key="lang", horizontal=True)
    return lang, messages


def bureau_options(ds: Dataset) -> list[str]:
    """Bureau ids grouped by kind, in the order of :data:`model.schema.BUREAU_KINDS`, then file order."""
    order = {kind: i for i, kind in enumerate(BUREAU_KINDS)}
    return [b.id for b in sorted(ds.document.bureaus, key=lambda b: order[b.kind])]


def bureau_label(ds: Dataset, lang: str):
    """``局 · デジタルサービス局``: the kind first, so the grouped list reads as groups."""
    bureaus = {b.id: b for b in ds.document.bureaus}

    def label(bureau_id: str) -> str:
        if not bureau_id:
            return t("all", lang)
        b = bureaus[bureau_id]
        return f"{t(f'kind_{b.kind}', lang)} · {getattr(b, lang)}"

    return label


def _evaluation_date(ds: Dataset, lang: str) -> None:
    side = st.sidebar
    with side:
        date_field(
            "as_of", t("as_of", lang), st.session_state["as_of"], lang,
            apply=lambda day: state.set_as_of(day, chosen=True),
            today=lambda: state.set_as_of(state.today(), chosen=False),
            bounds=(MIN_DATE, MAX_DATE), help=t("as_of_help", lang),
        )  # fmt: skip
    as_of = st.session_state["as_of"]
    latest = data.newest_actual(ds, as_of)
    if latest is not None:
        side.caption(t("latest_actual", lang, date=date_text(latest, lang)))
    if as_of < state.today() - timedelta(days=365):
        side.info(t("as_of_old", lang, as_of=date_text(as_of, lang)), icon=":material/history:")


def draw(ds: Dataset, lang: str, incoming: dict[str, str]) -> tuple[Context, list[str]]:
    """Apply the URL, draw the evaluation date and filters, and build the page context."""
    messages = state.apply_params(incoming, ds, lang)
    if "as_of" not in st.session_state:
        state.set_as_of(state.today(), chosen=False)
    pillars = {p.id: p for p in ds.document.pillars}
    bureaus = bureau_options(ds)
    for key, known in (("bureau", bureaus), ("pillar", list(pillars))):
        if st.session_state.get(key) not in known:
            st.session_state[key] = ""
    _evaluation_date(ds, lang)
    side = st.sidebar
    side.subheader(t("filters", lang))
    bureau = side.selectbox(
        t("bureau", lang), ["", *bureaus], format_func=bureau_label(ds, lang), key="bureau"
    )
    pillar = side.selectbox(
        t("pillar", lang), ["", *pillars],
        format_func=lambda k: getattr(pillars[k], lang) if k else t("all", lang), key="pillar",
    )  # fmt: skip
    statuses = side.multiselect(
        t("status", lang), list(STATUSES), format_func=lambda s: status_label(s, lang), key="status",
        placeholder=t("any_status", lang), select_all=False,
    )  # fmt: skip
    awaiting = side.checkbox(t("awaiting_only", lang), key="awaiting", help=t("awaiting_help", lang))
    query = side.text_input(
        t("search", lang), key="q", placeholder=t("search_placeholder", lang), help=t("search_help", lang)
    )
    as_of = st.session_state["as_of"]
    ctx = Context(
        ds, lang, as_of, bureau or None, pillar or None, statuses, query,
        data.overview(ds, as_of), data.figures(ds, as_of), awaiting, data.search_texts(ds),
        data.newest_actual(ds, as_of),
    )  # fmt: skip
    side.caption(t("shown", lang, n=len(ctx.frame), total=len(ctx.overview)))
    if ctx.filtered:
        side.button(
            t("clear_filters", lang), on_click=state.clear_filters, icon=":material/filter_alt_off:",
            key="clear_filters_sidebar",
        )  # fmt: skip
    st.session_state["_ctx"] = ctx
    return ctx, messages
