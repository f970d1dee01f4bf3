"""Tokyo KPI Tracker dashboard: entry script (navigation, sidebar, URL state).

Run: ``python dashboard/serve.py`` (``make run``), which passes the project's settings to
``streamlit run`` whatever the current folder. ``KPI_DATA`` / ``KPI_SEEDS`` / ``KPI_SNAPSHOTS``
override the data file, seed folder and snapshot folder.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import data, responsive, serve, sidebar, state, ui
from dashboard.i18n import t
from dashboard.problem_text import problem_list

FAVICON = Path(__file__).with_name("favicon.png")  # local: an emoji or material icon is fetched online
st.set_page_config(
    page_title="東京KPIトラッカー / Tokyo KPI Tracker",
    page_icon=str(FAVICON),
    layout="wide",
    initial_sidebar_state="auto",  # closed on a phone, open on a wide screen
)

incoming = state.incoming_params()
lang, messages = sidebar.language(incoming)
ui.page_language(lang)
PAGES = [
    ("app_pages/overview.py", "page_overview", ":material/dashboard:", ""),
    ("app_pages/years.py", "page_years", ":material/calendar_month:", "years"),
    ("app_pages/bureaus.py", "page_bureaus", ":material/account_balance:", "bureaus"),
    ("app_pages/kpi.py", "page_kpi", ":material/show_chart:", "kpi"),
    ("app_pages/changes.py", "page_changes", ":material/compare_arrows:", "changes"),
    ("app_pages/export.py", "page_export", ":material/download:", "export"),
    ("app_pages/record.py", "page_record", ":material/edit_note:", "record"),
    ("app_pages/method.py", "page_method", ":material/help:", "method"),
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

responsive.install()
loaded = data.current()
if loaded.dataset is None:  # invalid from the start: show where, never a traceback
    st.title(t("app_title", lang))
    st.error(t("data_error", lang) + "\n\n" + problem_list(loaded.problems, lang))
    st.stop()
if loaded.stale:  # the file broke after a valid load: keep serving that one, say why and since when
    since = loaded.failing_since.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if loaded.failing_since else "?"
    titles = {s.id: s.title for s in loaded.dataset.document.sources}
    st.warning(
        t("stale_data", lang, since=since) + "\n\n" + problem_list(loaded.problems, lang, titles),
        icon=":material/sync_problem:",
    )

ctx, more = sidebar.draw(loaded.dataset, lang, incoming)
responsive.close_sidebar_after_a_choice()
for message in messages + more:
    st.warning(message, icon=":material/warning:")
page.run()  # pages never st.stop(): the URL is written after them
state.write_query_params(ctx)
