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
import json
import tempfile
from pathlib import Path
from typing import Any

from model.settings import DEFAULT_SEEDS
from tools import synth
from tools.bench_measure import clear_caches, in_process, parse_floor, peak_rss, phases, reruns, warm_load
from tools.bench_report import KEYS, TARGETS, table

__all__ = ["KEYS", "TARGETS", "main", "run", "table"]


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
        result["parse_floor"], result["peak_rss_parse_floor"] = parse_floor(data, runs)
        if steps:
            result["phases"] = phases(data, seeds, runs)
            clear_caches()
        result.update(in_process(data, seeds, runs))
        as_of = result["as_of"]
        result.update(
            runs=runs,
            as_of=as_of.isoformat(),
            data="synthetic" if data_file is None else str(data),
            file_bytes=data.stat().st_size,
        )
        clear_caches()
        result["warm_load"], result["peak_rss_warm_process"] = warm_load(data, seeds, cache_dir, as_of, runs)
        if dashboard:  # a failure of the reruns fails the benchmark: no figure is better than a wrong one
            result.update(reruns(data, seeds, cache_dir, runs))
        else:
            notes["rerun_overview"] = notes["rerun_kpi"] = "n/a: skipped (--no-dashboard)"
        result["peak_rss"] = peak_rss()
    for ratio in ("cold_load", "warm_load"):
        if result[ratio] is not None and result["parse_floor"]:
            result[f"{ratio}/parse_floor"] = result[ratio] / result["parse_floor"]
    result["notes"] = notes
    return result


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
