"""The benchmark command (model/bench.py): every key is reported; no timings are asserted."""

from __future__ import annotations

import json

from model import bench
from model.cli import main


def test_bench_json_has_every_key(capsys):
    assert main(["bench", "--kpis", "3", "--observations", "2", "--runs", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(bench.KEYS) <= set(result)
    for key in ("parse_floor", "cold_load", "warm_load", "status_all", "export", "peak_rss"):
        assert isinstance(result[key], (int, float)), (key, result["notes"])
    for key in ("rerun_overview", "rerun_kpi"):  # measured, or n/a with the reason
        assert isinstance(result[key], (int, float)) or result["notes"][key].startswith("n/a: ")
    assert result["cold_load/parse_floor"] == result["cold_load"] / result["parse_floor"]
    assert result["warm_load/parse_floor"] == result["warm_load"] / result["parse_floor"]
    assert result["kpis"] == 3 and result["figures"] >= 6


def test_bench_table_names_every_measure(capsys):
    assert main(["bench", "--kpis", "2", "--observations", "1", "--runs", "1", "--no-dashboard"]) == 0
    out = capsys.readouterr().out
    for key in bench.KEYS:
        assert f"| {key} |" in out
    assert "n/a: skipped" in out
