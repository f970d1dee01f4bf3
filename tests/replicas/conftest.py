"""Fixtures for the multi-process tests: nginx in front of two app replicas, and the load test.

Without nginx, Debian's Chromium or the playwright package these tests are skipped with the
reason shown; with REQUIRE_BROWSER=1 (set by CI) they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.apphost import CHROMIUM, free_port

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SERVE = ROOT / "scripts" / "serve_replicas.sh"
LOAD_TEST = ROOT / "scripts" / "load_test.py"


def unavailable(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def require_browser() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("the playwright package is not installed (pip install playwright)")
    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if found is None:
        unavailable("nginx is not installed (apt-get install nginx)")
    return str(found)


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Replicas:
    front: str  # http://127.0.0.1:<port> (nginx)
    replicas: dict[str, str]  # route name -> http://127.0.0.1:<port>
    work_dir: Path

    @property
    def access_log(self) -> Path:
        return self.work_dir / "access.log"


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM the script (its trap stops nginx and the replicas); SIGKILL its group if it hangs."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the group this test started, nothing else
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def replicas() -> Iterator[Replicas]:
    """scripts/serve_replicas.sh on free ports, its logs under tests/artifacts/replicas."""
    require_browser()
    nginx = nginx_binary()
    work_dir = ARTIFACTS / "replicas"
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("KPI_DATA", "KPI_SEEDS", "NGINX")}
    env.update(PORT=str(port), WORK_DIR=str(work_dir), NGINX_BIN=nginx, PYTHON=sys.executable)
    out = work_dir / "serve_replicas.out"
    with open(out, "wb") as log:
        process = subprocess.Popen(
            ["bash", str(SERVE)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a hang can be killed as a whole
        )
    try:
        deadline = time.monotonic() + 120
        while "\nready" not in "\n" + out.read_text(errors="replace"):
            if process.poll() is not None:
                pytest.fail(f"serve_replicas.sh exited with {process.returncode}:\n{out.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"serve_replicas.sh not ready in 120 s:\n{out.read_text()}")
            time.sleep(0.3)
        assert port_open(port), f"nothing listens on the front port {port}"
        text = out.read_text()
        routes = dict(re.findall(r"^replica (r\d) (http://127\.0\.0\.1:\d+) ", text, re.MULTILINE))
        assert len(routes) == 2, text
        yield Replicas(f"http://127.0.0.1:{port}", routes, work_dir)
    finally:
        stop(process)
    ports = [port] + [int(url.rsplit(":", 1)[1]) for url in routes.values()]
    assert not [p for p in ports if port_open(p)], f"still listening after the script stopped: {ports}"
