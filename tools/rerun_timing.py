"""Time one rerun of the overview and the KPI page with the data cached (for ``python -m tools.bench``).

Run as ``python -m tools.rerun_timing DATA SEEDS CACHE_DIR RUNS``; prints one JSON line
``{"rerun_overview": s, "rerun_kpi": s, "peak_rss": bytes}``. It drives the Streamlit app, so
it runs in a process of its own.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tools.bench_measure import median_seconds, peak_rss

ENTRY = Path(__file__).resolve().parent.parent / "dashboard" / "streamlit_app.py"
PAGES = (("rerun_overview", None), ("rerun_kpi", "app_pages/kpi.py"))


def reruns(runs: int) -> dict[str, float]:
    """Median time of ``AppTest.run()`` per page after a warm-up run (data in the app's cache)."""
    at = AppTest.from_file(str(ENTRY), default_timeout=600)
    out = {}
    for name, page in PAGES:
        if page is not None:
            at.switch_page(page)
        at.run()  # warm: loads the data into the app's cache, first render
        if at.exception:
            raise RuntimeError(f"the app raised: {at.exception[0].value}")
        out[name] = median_seconds(at.run, runs)
        if at.exception:
            raise RuntimeError(f"the app raised: {at.exception[0].value}")
    return out


def main(argv: list[str]) -> int:
    data, seeds, cache_dir, runs = argv
    os.environ.update(KPI_DATA=data, KPI_SEEDS=seeds, KPI_CACHE_DIR=cache_dir)
    result = reruns(int(runs))
    print(json.dumps({**result, "peak_rss": peak_rss()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
