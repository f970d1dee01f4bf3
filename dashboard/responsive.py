"""The phone layout (below :data:`PHONE_PX` wide): cards instead of tables, status tiles two to a
row, titles that break only where Japanese allows, and a sidebar that closes after a choice.

Tables and their cards are both drawn, each in a container whose key says which it is; the
CSS below shows one or the other by the width of the screen (Streamlit cannot know it).
"""

from __future__ import annotations

import streamlit as st

PHONE_PX = 640
#: Container key prefixes: what is shown on a wide screen, what on a phone.
WIDE, NARROW = "kpt-wide-", "kpt-narrow-"

CSS = f"""
<style>
[class*="st-key-{NARROW}"] {{ display: none; }}
h1, h2, h3 {{ line-break: strict; }}
.kpt-cards {{ display: flex; flex-direction: column; gap: 0.5rem; }}
.kpt-card {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0.5rem 0.75rem; }}
.kpt-card .kpt-title {{ font-weight: 600; margin-bottom: 0.2rem; }}
.kpt-card .kpt-status {{ font-weight: 600; }}
.kpt-card dl {{ display: grid; grid-template-columns: auto 1fr; gap: 0 0.6rem; margin: 0; padding: 0; }}
.kpt-card dt {{ color: rgba(49, 51, 63, 0.7); white-space: nowrap; margin: 0; padding: 0; }}
.kpt-card dd {{ margin: 0; padding: 0; overflow-wrap: anywhere; }}
.kpt-context {{ font-family: "Noto Sans Mono CJK JP", monospace; white-space: pre-wrap;
  background: #f6f6f9; border-radius: 0.4rem; padding: 0.6rem; font-size: 0.9rem; }}
.kpt-context mark {{ background: #F0E442; padding: 0 0.1rem; }}
@media (max-width: {PHONE_PX}px) {{
  [class*="st-key-{WIDE}"] {{ display: none; }}
  [class*="st-key-{NARROW}"] {{ display: block; }}
  h1 {{ font-size: 1.7rem !important; }}
  h2 {{ font-size: 1.35rem !important; }}
  h3 {{ font-size: 1.15rem !important; }}
  .st-key-status-tiles [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; gap: 0.5rem; }}
  .st-key-status-tiles [data-testid="stColumn"] {{
    min-width: calc(50% - 0.5rem) !important; flex: 1 1 calc(50% - 0.5rem) !important; width: auto !important;
  }}
}}
</style>
"""

#: On a phone the sidebar covers the page: close it once a choice made in it starts a run.
CLOSE_SIDEBAR_JS = f"""
<script>
(() => {{
  if (window.__kptSidebarCloser) return;
  window.__kptSidebarCloser = true;
  let fromSidebar = false;
  const inSidebar = (el) => !!(el && el.closest && el.closest('[data-testid="stSidebar"]'));
  const DROPDOWN = '[role="listbox"], [role="option"], [data-baseweb="popover"]';
  const inDropdown = (el) => !!(el && el.closest && el.closest(DROPDOWN));
  const note = (event) => {{
    if (inSidebar(event.target)) fromSidebar = true;
    else if (!inDropdown(event.target)) fromSidebar = false;
  }};
  document.addEventListener('pointerdown', note, true);
  document.addEventListener('keydown', note, true);
  const close = () => {{
    if (window.innerWidth > {PHONE_PX} || !fromSidebar) return;
    fromSidebar = false;
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button')
      || document.querySelector('[data-testid="stSidebarHeader"] button');
    const open = document.querySelector('[data-testid="stSidebar"][data-collapsed="false"]');
    if (button && open) button.click();
  }};
  const watch = () => {{
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) {{ setTimeout(watch, 200); return; }}
    new MutationObserver(() => {{
      if (app.getAttribute('data-test-script-state') === 'running') close();
    }}).observe(app, {{ attributes: true, attributeFilter: ['data-test-script-state'] }});
  }};
  watch();
}})();
</script>
"""


def install() -> None:
    """Add the phone layout's CSS to the page (style only: it takes no room)."""
    st.html(CSS)


def close_sidebar_after_a_choice() -> None:
    """The sidebar closer, at the foot of the sidebar (a script is an element: it takes a line)."""
    st.sidebar.html(CLOSE_SIDEBAR_JS, unsafe_allow_javascript=True)
