"""A date people can type (2024年3月31日, R6.3.31, 2024-03-31 …; Enter applies it), pick from a
calendar, or set to today, written the one way of each language (:func:`dashboard.i18n.date_text`).

``st.date_input`` alone opens its calendar on Enter and keeps the old date until the field
loses focus; here the text field commits on Enter (or 「適用」), and the calendar sits in a
popover beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from dashboard.i18n import date_text, t
from model.userinput import InputError, read_date


def _typed(key: str, lang: str, apply: Callable[[date], None]) -> None:
    text = st.session_state.get(f"{key}_text", "")
    try:
        day = read_date(text)
    except InputError as exc:
        st.session_state[f"{key}_error"] = t(exc.key, lang, text=exc.text[:40])
        return
    apply(day)


def _picked(key: str, apply: Callable[[date], None]) -> None:
    day = st.session_state.get(f"{key}_pick")
    if isinstance(day, date):
        apply(day)


def date_field(
    key: str,
    label: str,
    value: date,
    lang: str,
    apply: Callable[[date], None],
    today: Callable[[], None] | None = None,
    bounds: tuple[date, date] = (date(1900, 1, 1), date(2200, 12, 31)),
    help: str | None = None,
) -> None:
    """Draw the field for ``value``; ``apply(day)`` runs (as a callback) when a date is typed and
    applied or picked, ``today()`` when 「今日」 is pressed (no button without it)."""
    text_key, pick_key = f"{key}_text", f"{key}_pick"
    st.session_state[text_key] = date_text(value, lang)
    st.session_state[pick_key] = min(max(value, bounds[0]), bounds[1])
    st.text_input(
        label, key=text_key, help=help, on_change=_typed, args=(key, lang, apply),
        placeholder=t("date_placeholder", lang),
    )  # fmt: skip
    error = st.session_state.pop(f"{key}_error", None)
    if error:
        st.error(error, icon=":material/event_busy:")
    with st.container(horizontal=True, gap="small", key=f"{key}_buttons"):
        st.button(t("apply", lang), key=f"{key}_apply", help=t("apply_help", lang))
        if today is not None:
            st.button(t("today", lang), key=f"{key}_today", on_click=today, icon=":material/today:")
        with st.popover(t("calendar", lang), icon=":material/calendar_month:", key=f"{key}_calendar"):
            st.date_input(
                label, key=pick_key, min_value=bounds[0], max_value=bounds[1], on_change=_picked,
                args=(key, apply), format="YYYY/MM/DD" if lang == "ja" else "DD/MM/YYYY",
            )  # fmt: skip
