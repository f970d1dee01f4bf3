"""Benchmark of loading, status, export and dashboard reruns on synthetic data.

``python -m tools.bench --kpis N [--observations M] [--runs R] [--json]`` synthesises a data
file (:mod:`tools.synth`) in a temporary folder and times, each a median of R runs in this
process unless noted:

* ``parse_floor``: ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same file, in a fresh
  process (its peak memory is ``peak_rss_parse_floor``);
* ``cold_load``: parse + validate + provenance checks + frames (kpi, figure, status), nothing cached;
* ``warm_load``: the same through the content-addressed cache (:mod:`model.cache`) in a fresh
  process when the file has not changed, timed inside that process (start-up and imports
  excluded);
* ``status_all``: statuses of all KPIs for one ``as_of`` (:func:`model.frames.status_frame`),
  from the dataset; ``status_all_prepared`` the same once the dataset's arrays are gathered
  (another ``as_of`` for the same dataset, as when the dashboard's date changes);
* ``export``: the CSV snapshot of everything (``snapshot_frame`` + ``to_csv_bytes``);
* ``rerun_overview``, ``rerun_kpi``: one rerun of those dashboard pages with the data cached
  (AppTest, in a process of its own run by ``tools.rerun_timing``; its peak memory is
  ``peak_rss_dashboard_process``);
* ``peak_rss``: peak resident memory of this process (synthesis, cold loads, status, export),
  bytes; ``peak_rss_warm_process`` that of the fresh process of ``warm_load``;
* ``cold_load/parse_floor`` and ``warm_load/parse_floor``.

Times are seconds. A measurement that cannot be taken is ``null`` in the JSON (``n/a`` in the
table) with the reason under ``notes``.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from model.settings import DEFAULT_SEEDS, PROJECT_ROOT
from tools import synth

KEYS = (
    "parse_floor",
    "cold_load",
    "warm_load",
    "status_all",
    "export",
    "rerun_overview",
    "rerun_kpi",
    "peak_rss",
    "cold_load/parse_floor",
    "warm_load/parse_floor",
)
#: Targets at 10,000 KPIs × 20 observations (reported, never asserted).
TARGETS = {
    "cold_load/parse_floor": 1.3,
    "warm_load/parse_floor": 0.03,
    "rerun_overview": 0.300,
    "rerun_kpi": 0.150,
    "peak_rss": 1.5 * 1024**3,
}
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


def _clear_caches() -> None:
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
    """Run ``tools.bench.<function>(*args)`` in a fresh interpreter; its JSON line."""
    code = f"import sys; from tools.bench import {function}; {function}(*sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _parse_floor(data: Path, runs: int) -> tuple[float, int]:
    """The parse floor, measured in a fresh process: the same conditions before and after a
    change, and PyYAML's loader (1.7 GB at 10,000 KPIs) kept out of this process's peak."""
    result = _child("floor_child", str(data), str(runs))
    return result["seconds"], result["peak_rss"]


def _warm_load(data: Path, seeds: Path, cache_dir: Path, as_of: date, runs: int) -> tuple[float, int]:
    """Median time of a cache hit in a fresh process, and the largest child's peak RSS."""
    from model.cache import load_cached

    load_cached(data, seeds, cache_dir)  # fill the cache
    times, peaks = [], []
    for _ in range(runs):
        result = _child("warm_child", str(data), str(seeds), str(cache_dir), as_of.isoformat())
        times.append(result["seconds"])
        peaks.append(result["peak_rss"])
    return statistics.median(times), max(peaks)


def _reruns(data: Path, seeds: Path, cache_dir: Path, runs: int) -> dict[str, float]:
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


def _in_process(data: Path, seeds: Path, runs: int) -> dict[str, Any]:
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
    out["cold_load"] = median_seconds(lambda: cold_load(data, seeds, as_of), runs, _clear_caches)
    # from the dataset (arrays gathered anew), then for another date of the same dataset
    out["status_all"] = median_seconds(lambda: status_frame(dataset, as_of), runs, _clear_caches)
    status_frame(dataset, as_of)
    out["status_all_prepared"] = median_seconds(lambda: status_frame(dataset, as_of), runs)
    out["export"] = median_seconds(lambda: to_csv_bytes(snapshot_frame(dataset, as_of)), runs, _clear_caches)
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
    out["read_yaml"] = median_seconds(lambda: read_yaml(data), runs, _clear_caches)
    parsed = read_yaml(data)
    out["validate"] = median_seconds(lambda: Document.model_validate(parsed.data), runs, _clear_caches)
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


def run(
    kpis: int,
    observations: int = 20,
    runs: int = 3,
    seed: int = 0,
    dashboard: bool = True,
    data_file: tuple[Path, Path] | None = None,
    steps: bool = False,
) -> dict[str, Any]:
    """Every measurement as a dict keyed by :data:`KEYS` (plus sizes and ``notes``).

    ``data_file`` (data file, seed folder) measures an existing file instead of synthetic data.
    """
    result: dict[str, Any] = dict.fromkeys(KEYS)
    notes: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as tmp:
        folder = Path(tmp)
        if data_file is None:
            data, seeds = synth.write(folder, kpis, observations, seed)
        else:
            data, seeds = data_file
        cache_dir = folder / "cache"
        result["parse_floor"], result["peak_rss_parse_floor"] = _parse_floor(data, runs)
        if steps:
            result["phases"] = phases(data, seeds, runs)
            _clear_caches()
        result.update(_in_process(data, seeds, runs))
        as_of = result["as_of"]
        result.update(
            runs=runs,
            as_of=as_of.isoformat(),
            data="synthetic" if data_file is None else str(data),
            file_bytes=data.stat().st_size,
        )
        _clear_caches()
        result["warm_load"], result["peak_rss_warm_process"] = _warm_load(data, seeds, cache_dir, as_of, runs)
        if dashboard:  # a failure of the reruns fails the benchmark: no figure is better than a wrong one
            result.update(_reruns(data, seeds, cache_dir, runs))
        else:
            notes["rerun_overview"] = notes["rerun_kpi"] = "n/a: skipped (--no-dashboard)"
        result["peak_rss"] = peak_rss()
    for ratio in ("cold_load", "warm_load"):
        if result[ratio] is not None and result["parse_floor"]:
            result[f"{ratio}/parse_floor"] = result[ratio] / result["parse_floor"]
    result["notes"] = notes
    return result


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value >= 1 else f"{value * 1000:.1f} ms"


def table(result: dict[str, Any]) -> str:
    """The result as a Markdown table, with the targets beside the figures that have one."""
    shape = f"{result['kpis']:,} KPIs × {result['observations']} observations"
    if result["data"] != "synthetic":
        shape = f"{result['data']}: {result['kpis']:,} KPIs, up to {result['observations']} observations each"
    lines = [
        f"{shape} "
        f"({result['figures']:,} figures, {result['file_bytes']:,} bytes), "
        f"median of {result['runs']} run(s), as of {result['as_of']}",
        "",
        "| measure | value | target |",
        "|---|---:|---:|",
    ]
    for key in KEYS:
        value = result[key]
        target = TARGETS.get(key)
        if value is None:
            shown = result["notes"].get(key, "n/a")
        elif key == "peak_rss":
            shown = f"{value / 1024**2:,.0f} MiB"
        elif "/" in key:
            shown = f"{value:.3f}"
        else:
            shown = _seconds(value)
        if target is None:
            goal = ""
        elif key == "peak_rss":
            goal = f"≤ {target / 1024**3:.1f} GiB"
        elif "/" in key:
            goal = f"≤ {target}"
        else:
            goal = f"≤ {_seconds(target)}"
        lines.append(f"| {key} | {shown} | {goal} |")
    for step, seconds in result.get("phases", {}).items():
        lines.append(f"| phase: {step} | {_seconds(seconds)} | |")
    return "\n".join(lines)


def cmd_bench(args: argparse.Namespace) -> int:
    data_file = None if args.data is None else (args.data, args.seeds)
    result = run(
        args.kpis, args.observations, args.runs, args.seed, not args.no_dashboard, data_file, args.phases
    )
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(table(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description="time loading, status, export and dashboard reruns on synthetic data",
    )
    p.add_argument(
        "--kpis", type=synth.positive_int, default=100, help="synthetic KPIs (default: %(default)s)"
    )
    p.add_argument(
        "--observations", type=synth.positive_int, default=20, help="per KPI (default: %(default)s)"
    )
    p.add_argument(
        "--runs", type=synth.positive_int, default=3, help="runs per measurement (default: %(default)s)"
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the synthetic data (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    p.add_argument("--no-dashboard", action="store_true", help="skip the dashboard reruns")
    p.add_argument("--phases", action="store_true", help="also time each step of a cold load")
    p.add_argument("--data", type=Path, help="measure this data file instead of synthetic data")
    p.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="its seed folder (default: %(default)s)")
    return p


def main(argv: list[str] | None = None) -> int:
    return cmd_bench(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
