"""Run `python -m model validate` on every invalid fixture and print exit code, time and memory.

Usage: .venv/bin/python scripts/invalid_corpus.py
Each fixture must exit 1, print FILE:LINE messages and no traceback; the figures go into
docs/reliability.md. Times include interpreter start-up (a fresh process per file).
"""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def run(path: Path) -> tuple[int, float, int, str]:
    command = [sys.executable, "-m", "model", "validate", str(path), "--seeds", str(FIXTURES / "seeds")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - start
    peak_kib = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return result.returncode, elapsed, peak_kib, result.stderr


def main() -> int:
    files = sorted((FIXTURES / "invalid").glob("*.yaml"))
    bad = 0
    worst = 0.0
    print(f"{'fixture':34} exit  seconds  peak RSS (MiB, max so far)")
    for path in files:
        code, elapsed, peak_kib, stderr = run(path)
        first = stderr.splitlines()[0] if stderr else ""
        ok = code == 1 and "Traceback" not in stderr and re.match(r"^\S+:\d+: ", first)
        bad += not ok
        worst = max(worst, elapsed)
        print(f"{path.stem:34} {code:>4} {elapsed:8.2f}  {peak_kib / 1024:8.1f}  {'' if ok else 'NOT CLEAN'}")
    print(f"\n{len(files)} files, {bad} not clean, slowest {worst:.2f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
