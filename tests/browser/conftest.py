"""Real-browser fixtures: Debian's Chromium driven by Playwright, and the app on a free port.

Without /usr/bin/chromium or the playwright package the browser tests are skipped with the
reason shown; with REQUIRE_BROWSER=1 (set by CI) they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
FIXTURES = ROOT / "tests" / "fixtures" / "dashboard"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    port = free_port()
    env = dict(os.environ)
    for key in ("KPI_DATA", "KPI_SEEDS", "KPI_SNAPSHOTS"):
        env.pop(key, None)
    if data is not None:
        env["KPI_DATA"] = str(data)
    if seeds is not None:
        env["KPI_SEEDS"] = str(seeds)
    if snapshots is not None:
        env["KPI_SNAPSHOTS"] = str(snapshots)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/streamlit_app.py",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    if secrets is not None:
        command += ["--secrets.files", str(secrets)]
    with open(ARTIFACTS / f"{name}-server.log", "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {process.returncode}; see {log.name}")
                with (
                    contextlib.suppress(OSError),
                    urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
                ):
                    if response.status == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not become healthy in 60 s; see {log.name}")
                time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


@pytest.fixture(scope="module")
def app(browser) -> Iterator[str]:
    """The app on the dashboard fixture data (stable, whatever data/kpis.yaml holds)."""
    with running_app(
        FIXTURES / "kpis.yaml", FIXTURES / "seeds", name="fixture", snapshots=FIXTURES / "no-snapshots"
    ) as url:
        yield url
