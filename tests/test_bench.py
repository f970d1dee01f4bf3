"""The benchmark command (tools/bench.py): every key is reported; no timings are asserted."""

from __future__ import annotations

import json

import pytest

from tools import bench


def test_bench_json_has_every_key(capsys):
    assert bench.main(["--kpis", "3", "--observations", "2", "--runs", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(bench.KEYS) <= set(result)
    for key in ("parse_floor", "cold_load", "warm_load", "status_all", "export", "peak_rss"):
        assert isinstance(result[key], (int, float)), (key, result["notes"])
    for key in ("rerun_overview", "rerun_kpi"):  # measured: a failing rerun fails the benchmark
        assert isinstance(result[key], (int, float)) and result[key] > 0
    assert result["cold_load/parse_floor"] == result["cold_load"] / result["parse_floor"]
    assert result["warm_load/parse_floor"] == result["warm_load"] / result["parse_floor"]
    assert result["kpis"] == 3 and result["figures"] >= 6


@pytest.fixture
def no_child_processes(monkeypatch):
    """The measures taken in fresh interpreters (parse floor, warm load), as fixed stand-ins: the
    tests that use this look at what the benchmark does with them; the first test runs them."""
    monkeypatch.setattr(bench, "parse_floor", lambda _data, _runs: (0.5, 1000))
    monkeypatch.setattr(bench, "warm_load", lambda *_args: (0.01, 2000))


def test_bench_table_names_every_measure(capsys, no_child_processes):
    assert bench.main(["--kpis", "2", "--observations", "1", "--runs", "1", "--no-dashboard"]) == 0
    out = capsys.readouterr().out
    for key in bench.KEYS:
        assert f"| {key} |" in out
    assert "n/a: skipped" in out


def test_a_failing_rerun_fails_the_benchmark(monkeypatch, no_child_processes):
    """The reruns' errors are not swallowed: the benchmark stops instead of printing n/a."""

    def broken(*_args):
        raise RuntimeError("the app raised: boom")

    monkeypatch.setattr(bench, "reruns", broken)
    with pytest.raises(RuntimeError, match="boom"):
        bench.main(["--kpis", "2", "--observations", "1", "--runs", "1"])
