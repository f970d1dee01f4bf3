"""Reporting pages in a real browser: Changes, Record (sign in, check, save), KPI history,
the last-valid-data banner, and markup in the data shown as text (no script ever runs)."""

from __future__ import annotations

import json
import shutil

import pytest

from model import passwords
from scripts.apphost import VIEWPORT
from tests.browser.conftest import ARTIFACTS, FIXTURES, running_app
from tests.browser.test_browser import assert_clean, open_page, page_html, wait_for_app, wait_for_chart
from tests.test_app_changes import MARKDOWN, _rewrite_cell, make_history

pytestmark = pytest.mark.browser
SEEDS = FIXTURES / "seeds"
NO_SNAPSHOTS = FIXTURES / "no-snapshots"
XSS_NAME = "<img src=x onerror=alert(1)>"
PASSWORD = "correct horse battery staple"


def banner(page):
    return page.locator('[data-testid="stAlertContentWarning"]').filter(has_text="読み込めません")


def test_changes_record_and_history(browser, tmp_path) -> None:
    copy = make_history(tmp_path)
    secrets = tmp_path / "secrets.toml"
    encoded = passwords.hash_password(PASSWORD, passwords.MIN_ITERATIONS)
    secrets.write_text(f'[editing]\npassword_hash = "{encoded}"\n', encoding="utf-8")
    snapshots = tmp_path / "snapshots"
    with running_app(copy, SEEDS, name="reporting", snapshots=snapshots, secrets=secrets) as url:
        page = browser.new_page(viewport=VIEWPORT)
        try:
            for lang, title in (("ja", "変更点"), ("en", "Changes")):
                open_page(page, f"{url}/changes?from=snapshot-2024-03-31&to=snapshot-2025-03-31&lang={lang}")
                assert_clean(page)
                assert page.get_by_role("heading", name=title).first.is_visible()
                wait_for_chart(page)
                assert "from=snapshot-2024-03-31" in page.url
                page.screenshot(path=ARTIFACTS / f"changes-{lang}.png", full_page=True)

            open_page(page, f"{url}/record")
            assert_clean(page)
            page.get_by_label("編集者名（変更記録に残ります）").fill("analyst-a")
            page.get_by_label("パスワード", exact=True).fill("wrong password")
            page.get_by_role("button", name="サインイン").click()
            page.get_by_text("パスワードが違います").wait_for()
            assert page.get_by_role("button", name="保存").count() == 0
            page.wait_for_timeout(1500)  # the throttle after one failure
            page.get_by_label("編集者名（変更記録に残ります）").fill("analyst-a")
            page.get_by_label("パスワード", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="サインイン").click()
            page.get_by_text("analyst-a としてサインイン中").wait_for()
            wait_for_app(page)
            page.get_by_label("期間", exact=True).fill("FY2024Q4")
            page.get_by_label("値", exact=True).fill("885")
            page.get_by_label("出典の記述", exact=True).fill("2024(R6)年度末までに約885か所を整備する計画")
            page.get_by_text("概数（約）").click()
            page.get_by_role("button", name="確認").click()
            page.get_by_text("確認済み。保存する内容").wait_for()
            wait_for_app(page)
            page.screenshot(path=ARTIFACTS / "record-checked-ja.png", full_page=True)
            page.get_by_role("button", name="保存").click()
            page.get_by_text("保存しました").wait_for()
            entries = (copy.parent / "audit.jsonl").read_text(encoding="utf-8").splitlines()
            assert json.loads(entries[-1])["editor"] == "analyst-a"

            open_page(page, f"{url}/kpi?kpi=wifi-sites")
            assert_clean(page)
            html = page_html(page)
            assert "analyst-a" in html and "2024年度 第4四半期" in html
            page.get_by_role("heading", name="履歴").scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=ARTIFACTS / "kpi-history-ja.png")
        finally:
            page.close()


def test_record_page_is_closed_without_configuration(browser, app) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    try:
        open_page(page, f"{app}/record?lang=en")
        assert_clean(page)
        page.get_by_text("editing is off now").wait_for()
        assert "python" not in page.inner_text("body") and "secrets" not in page.inner_text("body")
        assert page.get_by_role("button", name="Save").count() == 0
        assert page.get_by_role("button", name="Check").count() == 0
        page.screenshot(path=ARTIFACTS / "record-off-en.png")
    finally:
        page.close()


def test_broken_file_keeps_serving_the_last_valid_data(browser, tmp_path) -> None:
    copy = tmp_path / "kpis.yaml"
    shutil.copyfile(FIXTURES / "kpis.yaml", copy)
    good = copy.read_text(encoding="utf-8")
    with running_app(copy, SEEDS, name="stale", snapshots=NO_SNAPSHOTS) as url:
        page = browser.new_page(viewport=VIEWPORT)
        try:
            open_page(page, f"{url}/kpi?kpi=wifi-sites")
            page.get_by_role("heading", name="Wi-Fi整備施設数").wait_for()
            assert banner(page).count() == 0
            copy.write_text(good[: len(good) // 2], encoding="utf-8")  # truncated
            open_page(page, f"{url}/kpi?kpi=wifi-sites")
            banner(page).wait_for()
            assert banner(page).count() == 1
            assert "kpis.yaml" in banner(page).inner_text()
            assert page.get_by_role("heading", name="Wi-Fi整備施設数").is_visible()
            wait_for_chart(page)
            page.screenshot(path=ARTIFACTS / "stale-data-ja.png")
            copy.write_text(good.replace("Wi-Fi整備施設数", "公衆Wi-Fi施設数"), encoding="utf-8")
            open_page(page, f"{url}/kpi?kpi=wifi-sites")
            page.get_by_role("heading", name="公衆Wi-Fi施設数").wait_for()
            assert banner(page).count() == 0
            wait_for_chart(page)
            page.screenshot(path=ARTIFACTS / "recovered-ja.png")
        finally:
            page.close()


def test_markup_in_the_data_is_shown_literally_and_never_runs(browser) -> None:
    with running_app(FIXTURES / "xss.yaml", SEEDS, name="xss", snapshots=NO_SNAPSHOTS) as url:
        page = browser.new_page(viewport=VIEWPORT)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        try:
            for path, name in (
                ("?as_of=2025-03-31", "overview"),
                ("kpi?kpi=xss", "kpi"),
                ("bureaus?bureau=digital-service", "bureaus"),
                ("years?fy=FY2025", "years"),
            ):
                open_page(page, f"{url}/{path}")
                assert_clean(page)
                html = page_html(page)
                assert "&lt;img src=x onerror=alert(1)&gt;" in html, name
                assert page.locator('img[src="x"]').count() == 0
                assert page.locator("svg[onload]").count() == 0
                ran = "[...document.scripts].some(s => s.textContent.includes('alert('))"
                assert not page.evaluate(ran)
                if name == "kpi":
                    assert page.get_by_role("heading", name=XSS_NAME).is_visible()
                    assert "<script>alert(2)</script>" in page.inner_text("body")
                    assert "<svg onload=alert(3)>局" in page.inner_text("body")
                page.screenshot(path=ARTIFACTS / f"xss-{name}.png")
            assert dialogs == []
        finally:
            page.close()


def test_markdown_in_a_snapshot_is_shown_as_text(browser, tmp_path) -> None:
    """A snapshot cell with a markdown link and image: shown literally, nothing is fetched."""
    copy = make_history(tmp_path)
    _rewrite_cell(tmp_path / "snapshots" / "2025-03-31.csv", "value", MARKDOWN)
    with running_app(copy, SEEDS, name="snapshot-markdown", snapshots=tmp_path / "snapshots") as url:
        page = browser.new_page(viewport=VIEWPORT)
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        try:
            open_page(page, f"{url}/changes?from=snapshot-2024-03-31&to=snapshot-2025-03-31")
            page.locator('[data-testid="stAlertContentError"]').wait_for()
            assert MARKDOWN in page.locator('[data-testid="stText"]').first.inner_text()
            main = page.locator('[data-testid="stMain"]')
            assert main.locator('a[href*="127.0.0.1:9"], img[src*="127.0.0.1:9"]').count() == 0
            assert not [u for u in requested if "127.0.0.1:9/" in u]
            page.screenshot(path=ARTIFACTS / "snapshot-markdown-ja.png")
        finally:
            page.close()


def test_password_guesses_from_fresh_sessions_are_limited_per_address(browser, tmp_path) -> None:
    """Five failures from one address (a new browser each time) lock it out; another address
    may still sign in. The address is the one a proxy on this machine forwards."""
    copy = tmp_path / "kpis.yaml"
    shutil.copyfile(FIXTURES / "kpis.yaml", copy)
    secrets = tmp_path / "secrets.toml"
    encoded = passwords.hash_password(PASSWORD, passwords.MIN_ITERATIONS)
    secrets.write_text(f'[editing]\npassword_hash = "{encoded}"\n', encoding="utf-8")

    def try_password(url: str, address: str, password: str) -> str:
        context = browser.new_context(viewport=VIEWPORT, extra_http_headers={"X-Forwarded-For": address})
        page = context.new_page()
        try:
            open_page(page, f"{url}/record")
            page.get_by_label("編集者名（変更記録に残ります）").fill("mallory")
            page.get_by_label("パスワード", exact=True).fill(password)
            page.get_by_role("button", name="サインイン").click()
            outcome = page.locator('[data-testid="stAlertContentError"]').or_(
                page.get_by_text("としてサインイン中")
            )
            outcome.first.wait_for()
            return outcome.first.inner_text()
        finally:
            context.close()

    with running_app(copy, SEEDS, name="throttle", snapshots=NO_SNAPSHOTS, secrets=secrets) as url:
        for i in range(5):
            assert "パスワードが違います" in try_password(url, "198.51.100.7", f"guess {i}")
        assert "このアドレスからのサインイン失敗が多すぎます" in try_password(url, "198.51.100.7", PASSWORD)
        assert "mallory としてサインイン中" in try_password(url, "203.0.113.9", PASSWORD)
