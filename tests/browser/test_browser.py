"""The dashboard in a real browser: every page in both languages, a deep link, the CSV download."""

from __future__ import annotations

import pytest

from scripts.apphost import VIEWPORT
from tests.browser.conftest import ARTIFACTS, running_app

pytestmark = pytest.mark.browser

PAGES = {
    "": "overview", "years": "years", "bureaus": "bureaus", "kpi": "kpi", "export": "export",
    "method": "method",
}  # fmt: skip
TITLES = {
    "ja": {
        "": "東京KPIトラッカー",
        "years": "年度別",
        "bureaus": "局・組織別",
        "kpi": "KPI詳細",
        "export": "エクスポート",
        "method": "判定方法",
    },
    "en": {
        "": "Tokyo KPI Tracker",
        "years": "By fiscal year",
        "bureaus": "By bureau or organisation",
        "kpi": "KPI detail",
        "export": "Export",
        "method": "How statuses are decided",
    },
}
#: A KPI of the fixture shown on each page (the overview lists the overdue one).
KPI_NAMES = {
    "ja": {"": "研修受講者数", **dict.fromkeys(("years", "bureaus", "kpi", "export"), "Wi-Fi整備施設数")},
    "en": {
        "": "People trained per year",
        **dict.fromkeys(("years", "bureaus", "kpi"), "Facilities with Wi-Fi"),
    },
}
KPI_NAMES["en"]["export"] = "Facilities with Wi-Fi"
KPI_NAMES["ja"]["method"], KPI_NAMES["en"]["method"] = "状況ごとの例", "An example of each status"
ERROR_SELECTORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


def wait_for_app(page) -> None:
    """Wait until the script run has finished and the main block has content."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const state = app && app.getAttribute('data-test-script-state');
            return state === 'notRunning' && !document.querySelector('[data-testid="stStatusWidget"] button');
        }""",
        timeout=30_000,
    )
    page.wait_for_timeout(400)  # let plotly finish drawing


def wait_for_chart(page, count: int = 1) -> None:
    """Plotly is loaded lazily: wait until ``count`` charts have drawn their SVG."""
    page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {count}", timeout=30_000
    )


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def page_html(page) -> str:
    """The page's HTML after scrolling through it (tables below the fold render lazily)."""
    for _ in range(12):
        page.mouse.wheel(0, 800)
        page.wait_for_timeout(150)
    html = page.content()
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]')?.scrollTo(0, 0)")
    page.mouse.wheel(0, -20_000)
    page.wait_for_timeout(300)
    return html


def assert_clean(page) -> None:
    assert page.locator(ERROR_SELECTORS).count() == 0, page.inner_text("body")[:2000]
    body = page.inner_text("body")
    assert "Traceback" not in body


def test_every_page_in_both_languages(browser, app) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    try:
        for lang in ("ja", "en"):
            for path, name in PAGES.items():
                open_page(page, f"{app}/{path}?lang={lang}")
                assert_clean(page)
                assert page.get_by_role("heading", name=TITLES[lang][path]).first.is_visible()
                if path != "export":
                    wait_for_chart(page)
                # tables are canvases with an accessible grid in the DOM: look at the HTML
                expected = KPI_NAMES[lang][path]
                assert expected in page_html(page), f"{expected} not on /{path} ({lang})"
                page.screenshot(path=ARTIFACTS / f"{name}-{lang}.png")
    finally:
        page.close()


def test_deep_link_to_one_kpi(browser, app) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    try:
        open_page(page, f"{app}/kpi?kpi=startup-projects&lang=en&as_of=2024-03-31")
        assert_clean(page)
        body = page.inner_text("body")
        assert "Public-private projects with startups" in body
        assert "achieved" in body  # the status sentence
        wait_for_chart(page)
        assert "kpi=startup-projects" in page.url and "lang=en" in page.url
        page.screenshot(path=ARTIFACTS / "deep-link-kpi-en.png")
    finally:
        page.close()


def test_csv_download(browser, app) -> None:
    page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
    try:
        open_page(page, f"{app}/export?as_of=2024-03-31")
        assert_clean(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="CSVをダウンロード").click()
        download = info.value
        assert download.suggested_filename == "kpi-snapshot-2024-03-31.csv"
        target = ARTIFACTS / download.suggested_filename
        download.save_as(target)
        data = target.read_bytes()
        assert data.startswith(b"\xef\xbb\xbfkpi_id,kpi_name_ja,kpi_name_en,")
        assert "Wi-Fi整備施設数" in data.decode("utf-8-sig")
    finally:
        page.close()


def test_real_data_screenshots(browser) -> None:
    """The app on data/kpis.yaml: overview and one KPI page (copied by hand to docs/screenshots)."""
    with running_app(name="real") as url:
        page = browser.new_page(viewport=VIEWPORT)
        try:
            open_page(page, f"{url}/")
            assert_clean(page)
            wait_for_chart(page)
            page.screenshot(path=ARTIFACTS / "real-overview.png")
            open_page(page, f"{url}/kpi?kpi=openroaming-wifi-metro-facilities")
            if "openroaming-wifi-metro-facilities" not in page.inner_text("body"):
                open_page(page, f"{url}/kpi")  # the KPI was renamed: any KPI will do
            assert_clean(page)
            wait_for_chart(page)
            page.screenshot(path=ARTIFACTS / "real-kpi.png")
        finally:
            page.close()
