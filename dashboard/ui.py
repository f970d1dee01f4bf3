"""Small Streamlit helpers shared by the pages: charts with their toolbar, KPI tables."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.figures import CHART_CONFIG
from dashboard.i18n import t
from dashboard.style import OKABE_ITO
from dashboard.views import kpi_table


def chart(fig: go.Figure, alt: str, key: str | None = None) -> None:
    """A plotly chart with the modebar (download as PNG) and a text alternative."""
    st.plotly_chart(fig, config=CHART_CONFIG, theme=None, alt=alt, key=key)


def limited(rows: pd.DataFrame, total: int, lang: str) -> None:
    """Say so when a chart shows only some of the KPIs."""
    shown = rows["kpi_id"].nunique()
    if shown < total:
        st.caption(t("chart_limited", lang, shown=shown, total=total))


def kpis(frame: pd.DataFrame, lang: str, key: str | None = None) -> None:
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


def table(frame: pd.DataFrame, lang: str, wide: str | None = None) -> None:
    """A read-only table (an accessible grid for screen readers); one column (the first) kept wide."""
    if frame.empty:
        st.info(t("nothing", lang))
    else:
        config = {wide or frame.columns[0]: st.column_config.TextColumn(width="large")}
        st.dataframe(frame, hide_index=True, column_config=config)
