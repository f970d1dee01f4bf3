"""Real-browser fixtures: Debian's Chromium driven by Playwright, and the app on a free port.

Without /usr/bin/chromium or the playwright package the browser tests are skipped with the
reason shown; with REQUIRE_BROWSER=1 (set by CI) they fail instead.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import apphost
from scripts.apphost import CHROMIUM, CHROMIUM_ARGS, app_env

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
FIXTURES = ROOT / "tests" / "fixtures" / "dashboard"


def _unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def running_app(
    data: Path | None = None,
    seeds: Path | None = None,
    name: str = "app",
    snapshots: Path | None = None,
    secrets: Path | None = None,
) -> Iterator[str]:
    """Start ``streamlit run`` on a free port, wait for its health check, stop it afterwards.

    ``secrets``: a secrets.toml to use instead of the project's (tests never write that one).
    """
    env = app_env(data=data, seeds=seeds, snapshots=snapshots)
    extra = ["--secrets", str(secrets)] if secrets is not None else []
    with apphost.running_app(ARTIFACTS / f"{name}-server.log", env, extra) as (url, _):
        yield url


@pytest.fixture(scope="module")
def app(browser) -> Iterator[str]:  # needs Chromium first: skips without it
    """The app on the dashboard fixture data (stable, whatever data/kpis.yaml holds)."""
    with running_app(
        FIXTURES / "kpis.yaml", FIXTURES / "seeds", name="fixture", snapshots=FIXTURES / "no-snapshots"
    ) as url:
        yield url
