"""Two app replicas behind nginx (scripts/serve_replicas.sh) in a real browser.

Two browser contexts (two users with separate cookie jars) go through nginx: the first gets its
replica from nginx (the kpi_route cookie), the second brings a cookie for the other replica, so
both replicas serve a session whatever nginx picked. Each opens a KPI deep link and downloads the
CSV from the export page; nginx's access log (with $upstream_addr) then shows that every request
of a session, including its WebSocket and the /media/ download, went to that session's replica.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from scripts.apphost import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from tests.replicas.conftest import ARTIFACTS, Replicas

pytestmark = [pytest.mark.nginx, pytest.mark.browser]

KPI_PATH = "/kpi?kpi=openroaming-wifi-metro-facilities&lang=en"
KPI_NAME = "Metropolitan facilities with OpenRoaming Wi-Fi"
CSV_BUTTON = "Download CSV"  # dashboard/i18n.py "download_csv" in English
CSV_HEAD = b"\xef\xbb\xbfkpi_id,kpi_name_ja"
LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) .* route=(?P<route>\S+) upstream=(?P<up>\S+)'
)
PROBLEMS = '[data-testid="stException"]'


def wait_for_app(page) -> None:
    """The script run has finished (Streamlit's running state is gone)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
                   ?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=30_000,
    )


def assert_clean(page) -> None:
    assert page.locator(PROBLEMS).count() == 0, page.inner_text("body")[:2000]
    assert "Traceback" not in page.inner_text("body")


def one_user(front: str, route: str | None, name: str) -> str:
    """Open the KPI page and download the CSV through nginx; return the session's route."""
    from playwright.sync_api import sync_playwright

    host = urlsplit(front).netloc
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
            # Only 127.0.0.1: the page icon's favicon (fonts.gstatic.com) is answered locally.
            context.route(lambda url: urlsplit(url).netloc != host, lambda r: r.fulfill(status=204, body=""))
            if route:
                context.add_cookies([{"name": "kpi_route", "value": route, "url": front}])
            page = context.new_page()
            page.goto(front + KPI_PATH)
            wait_for_app(page)
            page.get_by_role("heading", name=KPI_NAME).wait_for(timeout=30_000)
            page.wait_for_function(
                "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 1", timeout=30_000
            )
            assert_clean(page)
            page.screenshot(path=ARTIFACTS / f"replicas-kpi-{name}.png")

            page.goto(front + "/export?lang=en")
            wait_for_app(page)
            assert_clean(page)
            with page.expect_download(timeout=30_000) as info:
                page.get_by_role("button", name=CSV_BUTTON).click()
            target = ARTIFACTS / f"replicas-{name}.csv"
            info.value.save_as(target)
            head = target.read_bytes()[:200]
            assert head.startswith(CSV_HEAD), head
            cookies = {c["name"]: c["value"] for c in context.cookies(front)}
            assert "kpi_route" in cookies, f"nginx set no kpi_route cookie: {cookies}"
            context.close()  # closes the WebSocket, so nginx logs it
            return cookies["kpi_route"]
        finally:
            browser.close()


def in_thread(function, *args):
    """Run Playwright's sync API in a thread of its own: other browser tests in this pytest run
    may hold a sync Playwright (an asyncio loop) open in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(function, *args).result()


def log_lines(replicas: Replicas, wait_for: int, timeout: float = 20) -> list[dict]:
    """Parsed access-log lines once ``wait_for`` WebSocket lines are there (logged on close)."""
    deadline = time.monotonic() + timeout
    while True:
        text = replicas.access_log.read_text() if replicas.access_log.exists() else ""
        lines = [m.groupdict() for m in map(LOG_LINE.search, text.splitlines()) if m]
        streams = [x for x in lines if x["path"].startswith("/_stcore/stream")]
        if len(streams) >= wait_for or time.monotonic() > deadline:
            return lines
        time.sleep(0.5)


def test_two_replicas_behind_nginx(replicas: Replicas) -> None:
    first = in_thread(one_user, replicas.front, None, "first")
    assert first in replicas.replicas, f"unknown route {first!r}"
    other = next(r for r in replicas.replicas if r != first)
    second = in_thread(one_user, replicas.front, other, "second")
    assert second == other  # nginx kept the valid cookie

    lines = log_lines(replicas, wait_for=2)
    by_route: dict[str, list[dict]] = {}
    for line in lines:
        by_route.setdefault(line["route"], []).append(line)
    log = replicas.access_log.read_text()
    for route, url in replicas.replicas.items():
        mine = by_route.get(route, [])
        address = urlsplit(url).netloc
        assert mine, f"no request routed to {route}:\n{log}"
        # affinity: every request of the session went to its replica (no failover happened)
        assert {x["up"] for x in mine} == {address}, f"{route} not sticky to {address}:\n{log}"
        assert any(x["path"].startswith("/_stcore/stream") and x["status"] == "101" for x in mine), log
        assert any(x["path"].startswith("/media/") and x["status"] == "200" for x in mine), log
    served = {x["up"] for x in lines}
    assert served == {urlsplit(u).netloc for u in replicas.replicas.values()}, f"both replicas served:\n{log}"
