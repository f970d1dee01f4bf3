"""Started from another folder through dashboard/serve.py, the app keeps the project's settings:
that folder's .streamlit/config.toml and secrets.toml count for nothing."""

from __future__ import annotations

import pytest

from model import passwords
from scripts import apphost
from scripts.apphost import VIEWPORT, app_env
from tests.browser.conftest import ARTIFACTS, FIXTURES
from tests.browser.test_browser import assert_clean, open_page
from tests.browser.test_browser_downloads import TABLE_DOWNLOAD
from tests.test_serve import HOSTILE_CONFIG, _listening

pytestmark = pytest.mark.browser


def test_another_folders_settings_and_secrets_are_ignored(browser, tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / ".streamlit").mkdir(parents=True)
    (elsewhere / ".streamlit" / "config.toml").write_text(HOSTILE_CONFIG, encoding="utf-8")
    encoded = passwords.hash_password("guessable", passwords.MIN_ITERATIONS)
    (elsewhere / ".streamlit" / "secrets.toml").write_text(
        f'[editing]\npassword_hash = "{encoded}"\n', encoding="utf-8"
    )
    env = app_env(data=FIXTURES / "kpis.yaml", seeds=FIXTURES / "seeds", snapshots=FIXTURES / "no-snapshots")
    log = ARTIFACTS / "elsewhere-server.log"
    with apphost.running_app(log, env, ["--secrets", str(tmp_path / "none.toml")], cwd=elsewhere) as (url, _):
        assert _listening(int(url.rsplit(":", 1)[1])) == {"0100007F"}
        page = browser.new_page(viewport=VIEWPORT)
        try:
            open_page(page, f"{url}/record")
            assert_clean(page)
            assert "管理者に連絡" in page.inner_text("body")  # editing off: not the other folder's password
            assert page.get_by_label("パスワード", exact=True).count() == 0
            open_page(page, f"{url}/")
            table = page.locator('[data-testid="stDataFrame"]').first
            table.hover()
            page.wait_for_timeout(300)
            assert page.locator('[data-testid="stElementToolbar"]').count() > 0
            assert page.locator(TABLE_DOWNLOAD).count() == 0  # disableDataExport stays on
            page.locator('[data-testid="stMainMenuButton"]').click()
            page.wait_for_timeout(300)
            menu = page.locator('[data-testid="stMainMenuList"], [role="menu"]').first.inner_text()
            assert "Clear cache" not in menu and "Rerun" not in menu  # the viewer's menu only
            page.screenshot(path=ARTIFACTS / "elsewhere-menu.png")
        finally:
            page.close()
