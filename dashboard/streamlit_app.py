"""Tokyo KPI Tracker dashboard: entry script (navigation, sidebar, URL state).

Run: ``python dashboard/serve.py`` (``make run``), which passes the project's settings to
``streamlit run`` whatever the current folder. ``KPI_DATA`` / ``KPI_SEEDS`` / ``KPI_SNAPSHOTS``
override the data file, seed folder and snapshot folder.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import data, serve, state  # the project is installed into the venv (make run)
from dashboard.i18n import t

FAVICON = Path(__file__).with_name("favicon.png")  # local: an emoji or material icon is fetched online
st.set_page_config(page_title="東京KPIトラッカー / Tokyo KPI Tracker", page_icon=str(FAVICON), layout="wide")

incoming = state.incoming_params()
lang, messages = state.pick_language(incoming)
PAGES = [
    ("app_pages/overview.py", "page_overview", ":material/dashboard:", ""),
    ("app_pages/years.py", "page_years", ":material/calendar_month:", "years"),
    ("app_pages/bureaus.py", "page_bureaus", ":material/account_balance:", "bureaus"),
    ("app_pages/kpi.py", "page_kpi", ":material/show_chart:", "kpi"),
    ("app_pages/changes.py", "page_changes", ":material/compare_arrows:", "changes"),
    ("app_pages/export.py", "page_export", ":material/download:", "export"),
    ("app_pages/record.py", "page_record", ":material/edit_note:", "record"),
]
page = st.navigation(
    [
        st.Page(path, title=t(key, lang), icon=icon, url_path=url or None, default=not url)
        for path, key, icon, url in PAGES
    ]
)

# The settings viewers' safety depends on that a script may set (no error details, no developer
# menu, no raw table export), from the project's config.toml whatever folder Streamlit was
# started in; they reach the browser with the next run, hence the rerun (once per process; after
# st.navigation, so that the rerun stays on the page the link asked for).
CLIENT = {k: v for k, v in serve.settings().items() if k.startswith("client.")}
if any(st.get_option(k) != v for k, v in CLIENT.items()):
    for key, value in CLIENT.items():
        st.set_option(key, value)
    st.rerun()

loaded = data.current()
if loaded.dataset is None:  # invalid from the start: show where, never a traceback
    st.title(t("app_title", lang))
    st.error(t("data_error", lang) + "\n\n" + state.md_list(loaded.problems))
    st.stop()
if loaded.stale:  # the file broke after a valid load: keep serving that one, say why and since when
    since = loaded.failing_since.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if loaded.failing_since else "?"
    st.warning(
        t("stale_data", lang, since=since) + "\n\n" + state.md_list(loaded.problems),
        icon=":material/sync_problem:",
    )

ctx, more = state.sidebar(loaded.dataset, lang, incoming)
for message in messages + more:
    st.warning(message, icon=":material/warning:")
page.run()
state.write_query_params(ctx)
