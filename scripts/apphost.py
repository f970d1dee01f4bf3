"""The dashboard on a free loopback port, and how to launch Debian's Chromium headless.

Shared by the browser tests (tests/browser, tests/replicas) and scripts/load_test.py, so that
every one of them starts the app exactly as ``make run`` does (through ``dashboard/serve.py``)
and stops it afterwards.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
#: Headless, and nothing that reaches for the network on its own (this machine has none).
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
HEALTH_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(**paths: Path | str | None) -> dict[str, str]:
    """This process's environment with ``KPI_DATA`` etc. set as given (and unset otherwise).

    Keywords: ``data``, ``seeds``, ``snapshots`` → ``KPI_DATA``, ``KPI_SEEDS``, ``KPI_SNAPSHOTS``.
    """
    env = dict(os.environ)
    for name in ("data", "seeds", "snapshots"):
        key = f"KPI_{name.upper()}"
        env.pop(key, None)
        if paths.get(name):
            env[key] = str(paths[name])
    return env


@contextlib.contextmanager
def running_app(
    log_path: Path, env: dict[str, str] | None = None, extra: Sequence[str] = (), cwd: Path = ROOT
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``dashboard/serve.py`` on a free 127.0.0.1 port; yields (url, process) once it is healthy.

    ``extra``: more arguments for serve.py (``--secrets PATH``) or for ``streamlit run``;
    ``cwd``: the folder to start it in (the project folder unless a test says otherwise).
    """
    port = free_port()
    command = [
        sys.executable, str(ROOT / "dashboard" / "serve.py"), "--address", "127.0.0.1",
        "--port", str(port), "--server.fileWatcherType", "none", *extra,
    ]  # fmt: skip
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=cwd, env=env or app_env(), stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(process, url, log_path)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def wait_healthy(process: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}; see {log_path}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"streamlit did not become healthy in {HEALTH_TIMEOUT:.0f} s; see {log_path}")
        time.sleep(0.3)
