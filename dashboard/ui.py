"""Small Streamlit helpers shared by the pages: charts, tables (cards on a phone), empty states,
and the page's language for screen readers (``<html lang>``).

Streamlit's own table toolbar download (and clipboard copy) is off (``client.disableDataExport``
in ``.streamlit/config.toml``): it would write text such as ``=cmd|' /C calc'!A0`` as it is.
Every table has its own download button instead, through :func:`model.export.to_csv_bytes`,
which prefixes such text with ``'``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import state
from dashboard.cards import cards_html
from dashboard.chart_layout import chart_config, file_name
from dashboard.i18n import t
from dashboard.markdown import md
from dashboard.responsive import NARROW, WIDE
from dashboard.style import OKABE_ITO
from dashboard.tables import kpi_table
from model.export import ESCAPE, FORMULA_PREFIXES, to_csv_bytes

#: ``<html lang>`` follows the page's language (Streamlit's page shell says ``en`` and offers no
#: setting in 1.67): set by a script at every run, and put back should anything change it.
LANG_JS = """
<script>
(() => {{
  const root = document.documentElement;
  window.__kptLang = "{lang}";
  root.lang = window.__kptLang;
  if (window.__kptLangKeeper) return;
  window.__kptLangKeeper = new MutationObserver(() => {{
    if (root.lang !== window.__kptLang) root.lang = window.__kptLang;
  }});
  window.__kptLangKeeper.observe(root, {{ attributes: true, attributeFilter: ["lang"] }});
}})();
</script>
"""
LANG_KEY = "kpt-page-lang"


def page_language(lang: str) -> None:
    """Say the page's language to screen readers and the browser (``<html lang="ja">`` or ``en``).

    The script's element is hidden (a script in ``st.html`` takes a line otherwise); it runs again
    whenever the language changes, since its text changes with it."""
    st.html(f"<style>.st-key-{LANG_KEY} {{ display: none; }}</style>")
    with st.sidebar.container(key=LANG_KEY):
        st.html(LANG_JS.format(lang="en" if lang == "en" else "ja"), unsafe_allow_javascript=True)


T = TypeVar("T")
#: Keeps what a builder makes under a name (or just builds it): ``memo(name, build)``.
Memo = Callable[[str, Callable[[], Any]], Any]


def built(_name: str, build: Callable[[], T]) -> T:
    """No memo: build every time."""
    return build()


def chart(fig: go.Figure, alt: str, lang: str, key: str | None = None) -> None:
    """A plotly chart with the modebar (download as PNG) in the page's language, and a text alternative."""
    st.plotly_chart(fig, config=chart_config(lang, file_name(fig)), theme=None, alt=alt, key=key)


def limited(rows: pd.DataFrame, total: int, lang: str) -> None:
    """Say so when a chart shows only some of the KPIs."""
    shown = rows["kpi_id"].nunique()
    if shown < total:
        st.caption(t("chart_limited", lang, shown=shown, total=total))


def table_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV that no spreadsheet runs as a formula: text cells and column names too."""
    risky = (*FORMULA_PREFIXES, ESCAPE)
    named = frame.rename(columns=lambda c: ESCAPE + str(c) if str(c).startswith(risky) else c)
    return to_csv_bytes(named)


def download(frame: pd.DataFrame, name: str, lang: str) -> None:
    """The formula-safe CSV of a table, made only when the button is clicked."""
    st.download_button(
        t("download_table", lang),
        lambda: table_csv(frame),
        file_name=f"kpi-{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        type="tertiary",
        on_click="ignore",
        key=f"download_{name}",
    )


def _both(
    frame: pd.DataFrame,
    name: str,
    lang: str,
    config: dict,
    status: str | None,
    percent: tuple[str, ...] = (),
    hide_zero: bool = False,
    memo: Memo = built,
) -> None:
    """The table on a wide screen, the same rows as cards on a phone; the CSV download under both."""
    with st.container(key=f"{WIDE}{name}"):
        st.dataframe(frame, hide_index=True, column_config=config, placeholder="")
    with st.container(key=f"{NARROW}{name}"):
        st.html(memo(f"cards.{name}", lambda: cards_html(frame, status, percent, hide_zero=hide_zero)))
    download(frame, name, lang)


def kpis(frame: pd.DataFrame, lang: str, key: str, memo: Memo = built) -> None:
    """KPI rows with status (icon + name) and a progress bar of the percent of the current target.

    ``memo`` keeps the readable rows and the cards across reruns (a page passes
    ``dashboard.data.derived`` bound to its dataset, date and view)."""
    if frame.empty:
        st.caption(t("nothing", lang))
        return
    table = memo(f"kpi_table.{key}", lambda: kpi_table(frame, lang))
    pct = t("pct_of_target", lang)
    config = {
        table.columns[0]: st.column_config.TextColumn(width="large"),
        pct: st.column_config.ProgressColumn(
            pct, format="%.0f%%", min_value=0, max_value=100, color=OKABE_ITO["blue"]
        ),
    }
    _both(table, key, lang, config, t("status", lang), (pct,), memo=memo)


def table(
    frame: pd.DataFrame,
    lang: str,
    name: str,
    wide: str | None = None,
    config: dict | None = None,
    hide_zero: bool = False,
) -> None:
    """A read-only table (an accessible grid for screen readers; cards on a phone, without counts of
    0 if ``hide_zero``) with its CSV download; one column (the first, or ``wide``) kept wide.
    ``name`` names the file and keys."""
    if frame.empty:
        st.caption(t("nothing", lang))
        return
    status = t("status", lang) if t("status", lang) in frame.columns else None
    columns = {wide or frame.columns[0]: st.column_config.TextColumn(width="large"), **(config or {})}
    _both(frame, name, lang, columns, status, hide_zero=hide_zero)


def empty_state(ctx: state.Context, key: str) -> None:
    """The one message of a page whose filters leave nothing: which filters, and a way out."""
    st.info(t("empty_filtered", ctx.lang, filters=md(ctx.filter_summary())), icon=":material/filter_alt:")
    st.button(
        t("clear_filters", ctx.lang), on_click=state.clear_filters, icon=":material/filter_alt_off:",
        key=f"clear_filters_{key}", type="primary",
    )  # fmt: skip
