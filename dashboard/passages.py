"""「原文を表示」: the passages a KPI's figures quote, in their seed with the lines around them."""

from __future__ import annotations

import html
from datetime import date

import streamlit as st

from dashboard.i18n import t
from dashboard.markdown import md
from dashboard.sources import SourceBook
from model.rules import evidence_of
from model.schema import Kpi
from model.timeline import Timeline


def quotes_of(kpi: Kpi, timeline: Timeline, as_of: date) -> list[tuple[str, str]]:
    """(source id, quote) of every figure of the KPI public at ``as_of`` (a derived value: each
    part's), each once, baseline first, then targets and figures."""
    pairs: dict[tuple[str, str], None] = {}
    for _, figure in evidence_of(kpi):
        if not timeline.known(figure, as_of):
            continue
        if figure.derived is not None:
            pairs.update(((p.source, p.quote), None) for p in figure.derived.parts)
        elif figure.source and figure.quote:
            pairs[(figure.source, figure.quote)] = None
    return list(pairs)


def passage_html(before: str, quote: str, after: str) -> str:
    """The passage as plain text (every character escaped), the quote marked."""
    return (
        f'<div class="kpt-context">{html.escape(before)}<mark>{html.escape(quote)}</mark>'
        f"{html.escape(after)}</div>"
    )


def show(kpi: Kpi, timeline: Timeline, as_of: date, book: SourceBook, lang: str) -> None:
    """The expander with every quoted passage, its source cited by title and date."""
    quotes = quotes_of(kpi, timeline, as_of)
    if not quotes:
        return
    with st.expander(t("show_original", lang), icon=":material/menu_book:"):
        for source, quote in quotes:
            st.markdown(f"**{md(book.cited(source, lang))}**")
            found = book.passage(source, quote)
            if found is not None:
                st.html(passage_html(found.before, found.quote, found.after))
                continue
            url = book.url(source)
            st.caption(t("original_elsewhere" if url else "original_missing", lang))
            st.text(quote)
            if url:
                st.link_button(t("open_link", lang), url, icon=":material/open_in_new:")
