"""The measurements of ``python -m tools.bench``: timing helpers, the cold and warm loads, the
parse floor and the dashboard reruns (the last three each in a fresh process), status and
export, and the phases of a cold load. Times are seconds, memory bytes."""

from __future__ import annotations

import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from model.settings import PROJECT_ROOT

ENTRY = PROJECT_ROOT / "dashboard" / "streamlit_app.py"


def median_seconds(func: Callable[[], Any], runs: int, before: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss() -> int:
    """Peak resident set size of this process in bytes.

    ``VmHWM`` of ``/proc/self/status`` where there is one: ``ru_maxrss`` survives ``exec``,
    so a child process would report its parent's peak. Else ``ru_maxrss`` (KiB on Linux,
    bytes on macOS).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def clear_caches() -> None:
    """Forget everything memoised in-process so that a load starts from nothing."""
    from model.periods import parse_period

    parse_period.cache_clear()
    gc.collect()


def cold_load(data: Path, seeds: Path, as_of: date) -> Any:
    """Parse, validate, check provenance and build the frames; no cache involved."""
    from model.frames import figure_frame, kpi_frame, status_frame
    from model.loader import load

    dataset = load(data, seeds)
    kpi_frame(dataset)
    figure_frame(dataset)
    status_frame(dataset, as_of)
    return dataset


def warm_child(data: str, seeds: str, cache_dir: str, as_of: str) -> None:
    """Entry of the fresh process of ``warm_load``: imports first, then the timed load."""
    import pandas as pd

    from model.cache import load_cached
    from model.frames import figure_frame, kpi_frame, status_frame

    pd.array(["x"], dtype="str")  # pandas imports pyarrow on first use: an import, not the load
    day = date.fromisoformat(as_of)
    start = time.perf_counter()
    dataset = load_cached(Path(data), Path(seeds), Path(cache_dir))
    kpi_frame(dataset)
    figure_frame(dataset)
    status_frame(dataset, day)
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "peak_rss": peak_rss()}))


def floor_child(data: str, runs: str) -> None:
    """Entry of the fresh process of ``parse_floor``: the median of ``runs`` PyYAML loads."""
    text = Path(data).read_text(encoding="utf-8")
    seconds = median_seconds(lambda: yaml.load(text, Loader=yaml.CSafeLoader), int(runs), gc.collect)
    print(json.dumps({"seconds": seconds, "peak_rss": peak_rss()}))


def _child(function: str, *args: str) -> dict[str, Any]:
    """Run ``tools.bench_measure.<function>(*args)`` in a fresh interpreter; its JSON line."""
    code = f"import sys; from tools.bench_measure import {function}; {function}(*sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def parse_floor(data: Path, runs: int) -> tuple[float, int]:
    """The parse floor, measured in a fresh process: the same conditions before and after a
    change, and PyYAML's loader (1.7 GB at 10,000 KPIs) kept out of this process's peak."""
    result = _child("floor_child", str(data), str(runs))
    return result["seconds"], result["peak_rss"]


def warm_load(data: Path, seeds: Path, cache_dir: Path, as_of: date, runs: int) -> tuple[float, int]:
    """Median time of a cache hit in a fresh process, and the largest child's peak RSS."""
    from model.cache import load_cached

    load_cached(data, seeds, cache_dir)  # fill the cache
    times, peaks = [], []
    for _ in range(runs):
        result = _child("warm_child", str(data), str(seeds), str(cache_dir), as_of.isoformat())
        times.append(result["seconds"])
        peaks.append(result["peak_rss"])
    return statistics.median(times), max(peaks)


def reruns(data: Path, seeds: Path, cache_dir: Path, runs: int) -> dict[str, float]:
    """Median time of one rerun of the overview and the KPI page, data cached, measured by
    ``tools.rerun_timing`` in its own process (this module never imports Streamlit)."""
    if not ENTRY.is_file():
        raise RuntimeError(f"{ENTRY} does not exist")
    command = [
        sys.executable,
        "-m",
        "tools.rerun_timing",
        str(data),
        str(seeds),
        str(cache_dir),
        str(runs),
    ]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "rerun_overview": result["rerun_overview"],
        "rerun_kpi": result["rerun_kpi"],
        "peak_rss_dashboard_process": result["peak_rss"],
    }


def in_process(data: Path, seeds: Path, runs: int) -> dict[str, Any]:
    """cold_load, status_all and export; the dataset is gone when this returns."""
    from model.cli.options import evaluation_date
    from model.export import snapshot_frame, to_csv_bytes
    from model.frames import status_frame

    dataset = cold_load(data, seeds, date.today())
    as_of = evaluation_date(dataset, None)
    out: dict[str, Any] = {
        "as_of": as_of,
        "kpis": len(dataset.kpis),
        "observations": max((len(k.observations) for k in dataset.kpis), default=0),
        "figures": sum((k.baseline is not None) + len(k.targets) + len(k.observations) for k in dataset.kpis),
    }
    out["cold_load"] = median_seconds(lambda: cold_load(data, seeds, as_of), runs, clear_caches)
    # from the dataset (arrays gathered anew), then for another date of the same dataset
    out["status_all"] = median_seconds(lambda: status_frame(dataset, as_of), runs, clear_caches)
    status_frame(dataset, as_of)
    out["status_all_prepared"] = median_seconds(lambda: status_frame(dataset, as_of), runs)
    out["export"] = median_seconds(lambda: to_csv_bytes(snapshot_frame(dataset, as_of)), runs, clear_caches)
    return out


def phases(data: Path, seeds: Path, runs: int) -> dict[str, float]:
    """Median time of each step of a cold load, for before/after comparisons of one step."""
    from model import frames, progress, rules
    from model.cli.options import evaluation_date
    from model.loader import load
    from model.provenance import Seeds
    from model.schema import Document
    from model.yamlfile import read_yaml

    out: dict[str, float] = {}
    out["read_yaml"] = median_seconds(lambda: read_yaml(data), runs, clear_caches)
    parsed = read_yaml(data)
    out["validate"] = median_seconds(lambda: Document.model_validate(parsed.data), runs, clear_caches)
    document = Document.model_validate(parsed.data)
    parsed = None
    for rule in rules.RULES:
        out[f"rule_{rule.__name__}"] = median_seconds(
            lambda rule=rule: list(rule(document, Seeds(seeds))), runs
        )
    dataset = load(data, seeds)
    as_of = evaluation_date(dataset, None)
    clear = gc.collect
    out["kpi_frame"] = median_seconds(lambda: frames.kpi_frame(dataset), runs, clear)
    out["figure_frame"] = median_seconds(lambda: frames.figure_frame(dataset), runs, clear)
    out["status_frame"] = median_seconds(lambda: frames.status_frame(dataset, as_of), runs, clear)
    out["latest_actual_day"] = median_seconds(
        lambda: progress.latest_actual_day(dataset.kpis, dataset.timeline), runs
    )
    return out
