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


#: What a keyboard user must reach on the KPI page (ja): (role, accessible name), in Tab order.
KEYBOARD_TARGETS = [
    ("radio", "日本語"),
    ("textbox", "評価日"),
    ("button", "適用"),
    ("combobox", "局・組織"),
    ("combobox", "柱"),
    ("combobox", "状況"),
    ("checkbox", "報告待ちのKPIのみ"),
    ("textbox", "検索"),
    ("combobox", "KPIを選択"),
    ("button", "PNG画像としてダウンロード"),
    ("button", "この表をCSVでダウンロード"),
]


def focused(page, handles) -> int:
    """The index in ``handles`` of the element that has the keyboard focus (-1 for another one)."""
    return page.evaluate("els => els.indexOf(document.activeElement)", handles)


def tab_to(page, handle, limit: int = 80) -> int:
    """Press Tab until ``handle`` has the focus; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused(page, [handle]) == 0:
            return presses
    raise AssertionError(f"not reached with {limit} presses of Tab")


def test_a_keyboard_reaches_every_filter_the_kpi_chooser_and_the_downloads(browser, app) -> None:
    page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
    try:
        open_page(page, f"{app}/kpi?kpi=wifi-sites&lang=ja")
        axe_pages.settle(page)
        locators = [page.get_by_role(role, name=name, exact=True).first for role, name in KEYBOARD_TARGETS]
        handles = [locator.element_handle() for locator in locators]
        reached: list[int] = []
        for _ in range(120):  # Tab through the page once, noting each target as it is reached
            page.keyboard.press("Tab")
            index = focused(page, handles)
            if index >= 0 and index not in reached:
                reached.append(index)
            if len(reached) == len(handles):
                break
        missing = [KEYBOARD_TARGETS[i] for i in range(len(handles)) if i not in reached]
        assert not missing, f"never focused by Tab: {missing}"
        assert reached == sorted(reached), [KEYBOARD_TARGETS[i] for i in reached]  # in reading order

        bureau, pillar = handles[3], handles[4]  # Shift+Tab goes back, Tab forward again
        pillar.focus()
        page.keyboard.press("Shift+Tab")
        assert focused(page, [bureau]) == 0
        page.keyboard.press("Tab")
        assert focused(page, [pillar]) == 0

        tab_to(page, handles[-1])  # Enter on a focused download button saves the table
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        assert info.value.suggested_filename == "kpi-wifi-sites-figures.csv"

        heading = page.get_by_role("heading", level=2).first
        assert heading.inner_text() == "Wi-Fi整備施設数"
        open_page(page, f"{app}/kpi?kpi=wifi-sites&lang=ja")  # from the top again: choose a KPI
        axe_pages.settle(page)
        tab_to(page, page.get_by_role("combobox", name="KPIを選択", exact=True).element_handle())
        page.keyboard.press("ArrowDown")  # opens the list
        page.get_by_role("option").first.wait_for()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        wait_for_app(page)
        page.wait_for_function("document.querySelector('h2')?.innerText !== 'Wi-Fi整備施設数'", timeout=9_000)
        # the URL is written at the end of the run, after the page has drawn its heading
        page.wait_for_url(lambda url: "kpi=" in url and "kpi=wifi-sites" not in url, timeout=9_000)

        open_page(page, f"{app}/kpi?lang=ja")  # and the language with the arrow keys
        axe_pages.settle(page)
        tab_to(page, page.get_by_role("radio", name="日本語", exact=True).element_handle())
        page.keyboard.press("ArrowRight")
        wait_for_app(page)
        page.get_by_role("heading", name="KPI detail").wait_for()
        page.wait_for_function("document.documentElement.lang === 'en'", timeout=10_000)
        page.screenshot(path=ARTIFACTS / "a11y-keyboard-en.png")
    finally:
        page.close()
