"""A short run of scripts/load_test.py: 2 browser sessions for ~8 s against one app it starts."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.replicas.conftest import ARTIFACTS, LOAD_TEST, ROOT, require_browser

pytestmark = pytest.mark.browser


def test_load_smoke() -> None:
    require_browser()
    out = ARTIFACTS / "load-smoke.json"
    out.unlink(missing_ok=True)
    # A subprocess: the load test runs its own asyncio loop, which cannot share this thread with a
    # sync Playwright that other browser tests may still hold open.
    done = subprocess.run(
        [sys.executable, str(LOAD_TEST), "--start", "--sessions", "2", "--seconds", "20", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,  # bounded by the script itself: 20 s + 2 x 30 s action timeout + 30 s + start-up
    )
    assert out.exists(), f"no report (exit {done.returncode}):\n{done.stderr[-3000:]}"
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["errors"] == 0, json.dumps(report["error_details"], ensure_ascii=False, indent=1)[:3000]
    assert report["actions"] > 0, done.stderr[-3000:]
    assert report["latency_ms"]["reruns"]["n"] > 0
    assert done.returncode == 0, done.stderr[-3000:]
