"""Tokyo KPI Tracker dashboard (stub: the KPI list; the full dashboard is a later issue)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.cli import evaluation_date
from model.frames import overview_frame
from model.loader import DEFAULT_DATA, DEFAULT_SEEDS, Dataset, load
from model.problems import DataError

st.set_page_config(page_title="東京KPIトラッカー / Tokyo KPI Tracker", layout="wide")


@st.cache_data
def _load(path: str, seeds: str, mtime: float) -> Dataset:
    return load(Path(path), Path(seeds))


st.title("東京KPIトラッカー / Tokyo KPI Tracker")
try:
    dataset = _load(str(DEFAULT_DATA), str(DEFAULT_SEEDS), DEFAULT_DATA.stat().st_mtime)
except DataError as exc:
    st.error(
        "データファイルに問題があります / The data file has problems:\n\n"
        + "\n".join(f"- `{p}`" for p in exc.errors)
    )
    st.stop()
as_of = evaluation_date(dataset, None)
st.caption(f"評価日 / As of: {as_of.isoformat()}")
frame = overview_frame(dataset, as_of)
st.dataframe(
    frame[["kpi_id", "name_ja", "name_en", "bureau_ja", "status", "actual", "target", "target_due"]],
    hide_index=True,
)
