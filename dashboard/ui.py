"""Small Streamlit helpers shared by the pages: charts with their toolbar, KPI tables.

Streamlit's own table toolbar download (and clipboard copy) is off (``client.disableDataExport``
in ``.streamlit/config.toml``): it would write text such as ``=cmd|' /C calc'!A0`` as it is.
Every table has its own download button instead, through :func:`model.export.to_csv_bytes`,
which prefixes such text with ``'``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.figures import CHART_CONFIG
from dashboard.i18n import t
from dashboard.style import OKABE_ITO
from dashboard.tables import kpi_table
from model.export import ESCAPE, FORMULA_PREFIXES, to_csv_bytes


def chart(fig: go.Figure, alt: str, key: str | None = None) -> None:
    """A plotly chart with the modebar (download as PNG) and a text alternative."""
    st.plotly_chart(fig, config=CHART_CONFIG, theme=None, alt=alt, key=key)


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


def kpis(frame: pd.DataFrame, lang: str, key: str) -> None:
    """KPI rows with status (icon + name) and a progress bar of the percent of the current target."""
    if frame.empty:
        st.info(t("nothing", lang))
        return
    table = kpi_table(frame, lang)
    pct = t("pct_of_target", lang)
    st.dataframe(
        table,
        hide_index=True,
        key=key,
        column_config={
            table.columns[0]: st.column_config.TextColumn(width="large"),
            pct: st.column_config.ProgressColumn(
                pct, format="%.0f%%", min_value=0, max_value=100, color=OKABE_ITO["blue"]
            ),
        },
    )
    download(table, key, lang)


def table(frame: pd.DataFrame, lang: str, name: str, wide: str | None = None) -> None:
    """A read-only table (an accessible grid for screen readers) with its CSV download; one column
    (the first, or ``wide``) kept wide. ``name`` names the file and the button's key."""
    if frame.empty:
        st.info(t("nothing", lang))
    else:
        config = {wide or frame.columns[0]: st.column_config.TextColumn(width="large")}
        st.dataframe(frame, hide_index=True, column_config=config)
        download(frame, name, lang)
