"""Overview: status counts, bureau × status matrix, targets due soon, past-due KPIs, data freshness."""

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st

from dashboard import data, state, ui
from dashboard.figures import status_bar
from dashboard.i18n import date_text, status_label, t
from dashboard.problem_text import problem_text
from dashboard.tables import due_soon, newest_actual, past_due, status_counts, status_matrix, unverified_count
from model.periods import parse_period
from model.progress import STATUSES

T = TypeVar("T")
ctx = state.context()
lang = ctx.lang
st.title(t("app_title", lang))
st.caption(t("app_subtitle", lang))
latest = date_text(ctx.latest, lang) if ctx.latest else t("unknown", lang)
st.markdown(t("as_of_line", lang, as_of=date_text(ctx.as_of, lang), latest=latest))
#: Everything the tables below depend on besides the dataset and the date.
VIEW = (lang, ctx.bureau, ctx.pillar, tuple(ctx.statuses), ctx.query, ctx.awaiting)


def memo(kind: str, build: Callable[[], T]) -> T:
    """Built once per dataset, date and view, shared by every rerun (``data.derived``)."""
    return data.derived(f"overview.{kind}", ctx.dataset, ctx.as_of, VIEW, build)


def warning_table() -> pd.DataFrame:
    """The data warnings in words, one row each."""
    titles = {s.id: s.title for s in ctx.dataset.document.sources}
    texts = [problem_text(w, lang, titles) for w in ctx.dataset.warnings]
    return pd.DataFrame({t("data_warnings_column", lang): texts})


def page() -> None:

    counts = memo("counts", lambda: status_counts(ctx.frame))
    with st.container(key="status-tiles"):
        for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
            column.metric(status_label(status, lang), f"{counts[status]:,}")
    st.caption(t("no_target_note", lang))
    awaiting = memo("awaiting", lambda: int((ctx.frame["report_due"] != "").sum()))
    st.metric(t("awaiting_report", lang), f"{awaiting:,}", help=t("awaiting_help", lang))

    left, right = st.columns([3, 2])
    with left:
        summary = ", ".join(f"{status_label(s, lang)}: {counts[s]}" for s in STATUSES)
        ui.chart(status_bar(counts, lang), alt=f"{t('status_counts', lang)}: {summary}", lang=lang)
    with right:
        st.subheader(t("freshness", lang))
        newest = memo("newest", lambda: newest_actual(ctx.figures_shown))
        if newest is None:  # some KPIs are shown, none of them has an actual
            st.caption(t("no_actuals_filtered" if ctx.filtered else "no_actuals", lang))
        else:
            days = (state.today() - newest).days
            st.metric(t("newest_actual", lang), parse_period(newest.isoformat()).label(lang))
            st.metric(t("age", lang), t("age_value", lang, days=days))
            st.caption(t("age_months", lang, months=round(days / 30.44)))
        unverified = memo("unverified", lambda: unverified_count(ctx.figures_shown))
        st.caption(t("unverified_count", lang, n=unverified))

    st.subheader(t("matrix", lang))
    matrix = memo("matrix", lambda: status_matrix(ctx.frame, lang, ctx.dataset.document.bureaus))
    ui.table(matrix, lang, "status-matrix", hide_zero=True)

    st.subheader(t("due_soon", lang))
    st.caption(t("due_soon_help", lang, start=date_text(ctx.as_of, lang)))
    soon = memo("due_soon", lambda: due_soon(ctx.figures_shown, ctx.frame, ctx.as_of, lang))
    ui.table(soon, lang, "due-soon")

    st.subheader(t("overdue_list", lang))
    st.caption(t("overdue_help", lang))
    ui.kpis(memo("past_due", lambda: past_due(ctx.frame)), lang, key="overdue", memo=memo)

    if ctx.dataset.warnings:
        with st.expander(t("data_warnings", lang, n=len(ctx.dataset.warnings))):
            warnings = data.derived("overview.warnings", ctx.dataset, date.min, lang, warning_table)
            st.dataframe(warnings, hide_index=True)  # one virtualised table, not an element per warning
            ui.download(warnings, "warnings", lang)


if ctx.frame.empty:
    ui.empty_state(ctx, "overview")
else:
    page()
