"""Tokyo KPI Tracker dashboard: entry script (navigation, sidebar, URL state).

Run: ``python -m streamlit run dashboard/streamlit_app.py``. ``KPI_DATA`` / ``KPI_SEEDS``
override the data file and seed folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:  # streamlit puts only this script's folder on sys.path
    sys.path.insert(0, ROOT)

import streamlit as st  # noqa: E402

from dashboard import state  # noqa: E402
from dashboard.data import load_dataset  # noqa: E402
from dashboard.i18n import t  # noqa: E402

st.set_page_config(
    page_title="東京KPIトラッカー / Tokyo KPI Tracker", page_icon=":material/monitoring:", layout="wide"
)

incoming = state.incoming_params()
lang, messages = state.pick_language(incoming)
PAGES = [
    ("app_pages/overview.py", "page_overview", ":material/dashboard:", ""),
    ("app_pages/years.py", "page_years", ":material/calendar_month:", "years"),
    ("app_pages/bureaus.py", "page_bureaus", ":material/account_balance:", "bureaus"),
    ("app_pages/kpi.py", "page_kpi", ":material/show_chart:", "kpi"),
    ("app_pages/export.py", "page_export", ":material/download:", "export"),
]
page = st.navigation(
    [
        st.Page(path, title=t(key, lang), icon=icon, url_path=url or None, default=not url)
        for path, key, icon, url in PAGES
    ]
)

loaded = load_dataset()
if isinstance(loaded, list):  # the data file is invalid: show where, never a traceback
    st.title(t("app_title", lang))
    st.error(t("data_error", lang) + "\n\n" + "\n".join(f"- {state.md(p)}" for p in loaded))
    st.stop()

ctx, more = state.sidebar(loaded, lang, incoming)
for message in messages + more:
    st.warning(message, icon=":material/warning:")
page.run()
state.write_query_params(ctx)
