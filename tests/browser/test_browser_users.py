"""The dashboard as its users work, in a real browser, in Japanese and English, on a desktop and on
a 390×844 phone: today's past-due targets, a typed date applied with Enter, a filtered KPI page
with its selector and a reset, search, no file system path, and the curator's form."""

from __future__ import annotations

import pytest

from model import passwords
from scripts.apphost import VIEWPORT
from tests.browser.conftest import ARTIFACTS, FIXTURES, running_app
from tests.browser.test_browser import assert_clean, page_html, wait_for_app
from tests.browser.test_browser import open_page as open_bare

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
LAYOUTS = {"desktop": VIEWPORT, "phone": PHONE}
LOCALES = {"ja": "ja-JP", "en": "en-GB"}
WORDS = {
    "ja": {"past_due": "期限を過ぎた目標", "trainees": "研修受講者数", "wifi": "Wi-Fi整備施設数",
           "typed": "2025年3月31日", "as_of": "評価日 2025年3月31日", "reset": "絞り込みを解除",
           "selector": "KPIを選択", "shown": "1 / 6 件"},
    "en": {"past_due": "Targets past due", "trainees": "People trained per year",
           "wifi": "Facilities with Wi-Fi", "typed": "31 Mar 2025", "as_of": "Evaluation date 31 Mar 2025",
           "reset": "Clear filters",
           "selector": "Choose a KPI", "shown": "Showing 1 of 6"},
}  # fmt: skip


@pytest.fixture(params=[(lang, layout) for layout in LAYOUTS for lang in LOCALES], ids=lambda p: "-".join(p))
def view(request, browser):
    """A page in one language and layout (the browser speaking that language, as its users' do)."""
    lang, layout = request.param
    context = browser.new_context(viewport=LAYOUTS[layout], locale=LOCALES[lang])
    page = context.new_page()
    yield page, lang, layout
    context.close()


def open_page(page, url: str) -> None:
    """Open and wait until the widgets' code has loaded too (they draw as skeletons until then)."""
    open_bare(page, url)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("!document.querySelector('[data-testid^=\"stSkeleton\"]')", timeout=30_000)


def open_sidebar(page, layout: str) -> None:
    """A phone starts with the sidebar closed: open it."""
    if layout == "phone":
        page.locator('[data-testid="stExpandSidebarButton"]').first.click()
        page.locator('[data-testid="stSidebar"][data-collapsed="false"]').wait_for()
        page.wait_for_timeout(400)


def sidebar_open(page) -> bool:
    return page.locator('[data-testid="stSidebar"][data-collapsed="false"]').count() > 0


def test_the_overview_at_todays_date_lists_the_past_due_targets(app, view) -> None:
    page, lang, layout = view
    open_page(page, f"{app}/?lang={lang}")
    assert_clean(page)
    assert "as_of=" not in page.url  # today, not pinned
    heading = page.get_by_role("heading", name=WORDS[lang]["past_due"])
    heading.scroll_into_view_if_needed()
    section = page_html(page).split(WORDS[lang]["past_due"], 1)[1]
    assert WORDS[lang]["trainees"] in section and WORDS[lang]["wifi"] in section
    page.screenshot(path=ARTIFACTS / f"users-overview-{lang}-{layout}.png")


def test_a_typed_date_and_enter_change_the_url_and_the_page(app, view) -> None:
    page, lang, layout = view
    open_page(page, f"{app}/?lang={lang}")
    open_sidebar(page, layout)
    field = page.locator(".st-key-as_of_text input")
    field.fill("2025-03-31")
    field.press("Enter")
    page.wait_for_url("**as_of=2025-03-31**", timeout=30_000)
    wait_for_app(page)
    assert WORDS[lang]["as_of"] in " ".join(page.inner_text('[data-testid="stMain"]').split())
    assert page.locator(".st-key-as_of_text input").input_value() == WORDS[lang]["typed"]
    if layout == "phone":  # the sidebar closed after the choice, the page is in view
        page.wait_for_function(
            '!document.querySelector(\'[data-testid="stSidebar"][data-collapsed="false"]\')'
        )
        assert not sidebar_open(page)


def test_a_filtered_kpi_page_has_a_selector_and_a_reset(app, view) -> None:
    page, lang, _ = view
    open_page(page, f"{app}/kpi?kpi=wifi-sites&status=achieved&as_of=2024-03-31&lang={lang}")
    assert_clean(page)
    selector = page.get_by_role("combobox", name=WORDS[lang]["selector"])
    selector.wait_for()
    assert selector.input_value() == WORDS[lang]["wifi"]
    reset = page.get_by_role("button", name=WORDS[lang]["reset"]).last
    reset.scroll_into_view_if_needed()
    reset.click()
    page.wait_for_function("!location.search.includes('status=')", timeout=30_000)
    wait_for_app(page)
    assert page.get_by_role("combobox", name=WORDS[lang]["selector"]).input_value() == WORDS[lang]["wifi"]


@pytest.mark.parametrize("query", ["8,000", "trainees"])
def test_search_finds_the_training_kpi(app, view, query) -> None:
    page, lang, layout = view
    open_page(page, f"{app}/?lang={lang}")
    open_sidebar(page, layout)
    field = page.locator(".st-key-q input")
    field.fill(query)
    field.press("Enter")
    page.wait_for_url("**q=**", timeout=30_000)
    wait_for_app(page)
    open_sidebar(page, layout) if layout == "phone" and not sidebar_open(page) else None
    assert WORDS[lang]["shown"] in page.locator('[data-testid="stSidebar"]').inner_text()
    assert WORDS[lang]["trainees"] in page_html(page)


PAGES = ("", "years", "bureaus", "kpi", "changes", "export", "record", "method")


def test_no_page_shows_a_file_system_path(app, view) -> None:
    page, lang, _ = view
    for path in PAGES:
        open_page(page, f"{app}/{path}?lang={lang}&kpi=wifi-sites")
        assert_clean(page)
        text = page_html(page)
        for leak in (
            str(FIXTURES),
            "/tmp/",
            "/work/",
            "/home/",
            "seeds/",
            ".venv",
            "python -m",
            "secrets.toml",
        ):
            assert leak not in text, (path, leak)


def test_on_a_phone_status_and_target_are_visible_without_scrolling_sideways(app, browser) -> None:
    context = browser.new_context(viewport=PHONE, locale="ja-JP")
    page = context.new_page()
    try:
        open_page(page, f"{app}/?lang=ja")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        card = page.locator(".kpt-card").filter(has_text=WORDS["ja"]["trainees"]).first
        card.scroll_into_view_if_needed()
        for part in (card.locator(".kpt-status"), card.locator("dd").first):
            assert part.is_visible()
            box = part.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert "⚠ 期限超過" in card.inner_text() and "8,000人/年" in card.inner_text()
        wide = page.locator('[class*="st-key-kpt-wide-"]').first
        assert not wide.is_visible()  # the tables give way to the cards
        page.screenshot(path=ARTIFACTS / "users-phone-cards.png")
    finally:
        context.close()


def test_the_record_form_accepts_reiwa_years_and_approximate_values(browser, tmp_path) -> None:
    import shutil

    copy = tmp_path / "kpis.yaml"
    shutil.copyfile(FIXTURES / "kpis.yaml", copy)
    secrets = tmp_path / "secrets.toml"
    encoded = passwords.hash_password("correct horse battery staple", passwords.MIN_ITERATIONS)
    secrets.write_text(f'[editing]\npassword_hash = "{encoded}"\n', encoding="utf-8")
    with running_app(copy, FIXTURES / "seeds", name="form", snapshots=tmp_path / "s", secrets=secrets) as url:
        page = browser.new_page(viewport=VIEWPORT)
        try:
            open_page(page, f"{url}/record")
            page.get_by_label("編集者名（変更記録に残ります）").fill("analyst-a")
            page.get_by_label("パスワード", exact=True).fill("correct horse battery staple")
            page.get_by_role("button", name="サインイン").click()
            page.get_by_text("analyst-a としてサインイン中").wait_for()
            wait_for_app(page)
            page.locator(".st-key-edit_kpi").click()
            page.get_by_role("option", name="紙の使用量").click()
            wait_for_app(page)
            page.get_by_label("期間", exact=True).fill("令和6年度")
            page.get_by_label("値", exact=True).fill("約900")
            page.get_by_label("出典の記述", exact=True).fill("2023(R5)年度の紙の使用量は900万枚")
            page.get_by_role("button", name="確認").click()
            page.get_by_text("確認済み。保存する内容").wait_for()
            wait_for_app(page)
            page.screenshot(path=ARTIFACTS / "users-record-checked.png", full_page=True)
            page.get_by_role("button", name="保存").click()
            page.get_by_text("保存しました").wait_for()
            saved = copy.read_text(encoding="utf-8")
            assert (
                "period: FY2024\n        kind: actual\n        value: 900\n        approximate: true" in saved
            )
        finally:
            page.close()


def test_the_chart_toolbar_and_the_calendar_speak_japanese(app, browser) -> None:
    """plotly's toolbar through the inline locale; the calendar through the browser's language."""
    context = browser.new_context(viewport=VIEWPORT, locale="ja-JP")
    page = context.new_page()
    try:
        open_page(page, f"{app}/?lang=ja")
        page.locator(".js-plotly-plot").first.hover()
        titles = page.evaluate("[...document.querySelectorAll('.modebar-btn')].map(b => b.dataset.title)")
        assert "PNG画像としてダウンロード" in titles and "軸をリセット" in titles
        page.locator(".st-key-as_of_calendar button").first.click()
        page.locator('[data-testid="stPopoverBody"] button').last.click()
        grid = page.get_by_role("grid").first
        grid.wait_for()
        assert "月" in grid.inner_text() and "火" in grid.inner_text()
        page.screenshot(path=ARTIFACTS / "users-calendar-ja.png")
    finally:
        context.close()
