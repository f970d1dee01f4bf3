"""A page's own selectors (KPI, fiscal year, the sides of the Changes page), kept in the URL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from dashboard.compare import side_label
from dashboard.datefield import date_field
from dashboard.i18n import t
from dashboard.state import MAX_DATE, MIN_DATE, PAGE_PARAMS, SIDE, side_ok


def choice(name: str, label: str, options: list, format_func: Callable[[Any], str], default: Any) -> Any:
    """A selector remembered across pages and written to the URL (``kpi``, ``fy``)."""
    if st.session_state.get(name) not in options:
        st.session_state[name] = default
    pick = f"{name}_pick"
    if st.session_state.get(pick) not in options:
        st.session_state[pick] = st.session_state[name]
    value = st.selectbox(label, options, format_func=format_func, key=pick)
    st.session_state[name] = value
    st.session_state[PAGE_PARAMS][name] = value
    return value


def side_choice(name: str, label: str, snapshots: list[str], default: str, lang: str) -> str:
    """One side of the Changes page: a snapshot, or the current data at a date; kept in the URL."""
    value = st.session_state.get(name)
    if not isinstance(value, str) or not side_ok(value):
        value = default
    elif value.startswith("snapshot-") and value not in snapshots:
        st.warning(t("unknown_snapshot", lang, name=side_label(value, lang)), icon=":material/warning:")
        value = default
    kinds = [*snapshots, "data"]
    kind_key, date_key = f"{name}_kind", f"{name}_date"
    if st.session_state.get(kind_key) not in kinds:
        st.session_state[kind_key] = value if value in snapshots else "data"
    if not isinstance(st.session_state.get(date_key), date):
        match = SIDE.fullmatch(value)
        day = match.group(2) if match else default[-10:]
        st.session_state[date_key] = min(max(date.fromisoformat(day), MIN_DATE), MAX_DATE)
    kind = st.selectbox(
        label,
        kinds,
        key=kind_key,
        format_func=lambda k: t("current_data", lang) if k == "data" else side_label(k, lang),
    )
    if kind == "data":

        def apply(day: date) -> None:
            st.session_state[date_key] = min(max(day, MIN_DATE), MAX_DATE)

        date_field(
            name, t("eval_date", lang), st.session_state[date_key], lang, apply, bounds=(MIN_DATE, MAX_DATE)
        )
        value = st.session_state[date_key].isoformat()
    else:
        value = kind
    st.session_state[name] = value
    st.session_state[PAGE_PARAMS][name] = value
    return value
