"""Accessibility in a real browser (JIS X 8341-3:2016 AA = WCAG 2.0 AA; docs/accessibility.md):
axe-core on every page in both languages, ``<html lang>``, and a keyboard-only walk."""

from __future__ import annotations

import pytest

from scripts.apphost import VIEWPORT
from tests.browser import axe_pages
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_browser import open_page, wait_for_app

pytestmark = pytest.mark.browser


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, tmp_path) -> None:
    results = axe_pages.measure(browser, tmp_path)
    table = axe_pages.table(results)
    (ARTIFACTS / "axe-table.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    assert len(results) == 2 * (len(axe_pages.PAGES) + 2)  # every page and both banners, twice
    failures = {f"{label} ({lang})": axe_pages.serious(found) for (label, lang), found in results.items()}
    assert not {k: v for k, v in failures.items() if v}, table


def test_the_page_language_follows_the_language_switch(browser, app) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    try:
        open_page(page, f"{app}/kpi?lang=ja")
        page.wait_for_function("document.documentElement.lang === 'ja'", timeout=10_000)
        page.get_by_text("English", exact=True).click()  # the language switch in the sidebar
        wait_for_app(page)
        page.wait_for_function("document.documentElement.lang === 'en'", timeout=10_000)
        assert page.get_by_role("heading", name="KPI detail").is_visible()
        open_page(page, f"{app}/years?lang=en")
        page.wait_for_function("document.documentElement.lang === 'en'", timeout=10_000)
        page.get_by_text("日本語", exact=True).click()
        wait_for_app(page)
        page.wait_for_function("document.documentElement.lang === 'ja'", timeout=10_000)
        assert page.get_by_role("heading", name="年度別").is_visible()
        page.evaluate("document.documentElement.lang = 'en'")  # anything that resets it is undone
        page.wait_for_timeout(200)
        assert html_lang(page) == "ja"
        page.screenshot(path=ARTIFACTS / "a11y-lang-ja.png")
    finally:
        page.close()
