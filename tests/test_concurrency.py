"""Concurrent use: one process rewrites the data file 200 times (60 in ``make check``; more
until the readers have read each version 5 times) while others load it.

Every read must be a complete old version, a complete new version, or a clean error
(problems, no exception). The project's own writer (temporary file + rename) must never
give an error; plain truncating writes may give a clean "empty file" error, never a torn
document.
"""

import multiprocessing as mp
import os
import shutil
from collections import Counter
from pathlib import Path

import concurrency_workers as workers
import pytest

from model.loader import check

from conftest import PROJECT

#: ``make check`` (profile "check") tries fewer rewrites; ``make fuzz`` (in ``make test``) all 200
REWRITES = 60 if os.environ.get("HYPOTHESIS_PROFILE") == "check" else 200
READERS = 2
SEEDS = PROJECT / "seeds"


def _versions() -> tuple[bytes, bytes]:
    """Two valid versions of the real data file of the same length, differing near the end."""
    a = (PROJECT / "data" / "kpis.yaml").read_bytes()
    marker = b"Composition of a partner region"
    assert a.count(marker) >= 1
    b = a.replace(marker, b"Composition of a partner area!!", 1)
    assert len(a) == len(b) and a != b
    return a, b


def _context():
    """Processes forked from one server that has imported the loader once (a fresh interpreter
    per process would spend most of the test starting up; forking this process is not safe, it
    runs threads). The forkserver exists on Linux and macOS, which is where the project runs."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["concurrency_workers"])
    return ctx


def _run(tmp_path: Path, mode: str) -> Counter[str]:
    versions = _versions()
    path = tmp_path / "kpis.yaml"
    path.write_bytes(versions[0])
    fingerprints = {}
    for name, data in zip(workers.VERSIONS, versions, strict=True):
        probe = tmp_path / f"{name}.yaml"
        probe.write_bytes(data)
        document, problems = check(probe, SEEDS)
        assert document is not None, problems
        fingerprints[workers.fingerprint(document)] = name
    ctx = _context()
    done, results, seen = ctx.Event(), ctx.Queue(), ctx.Array("i", len(workers.VERSIONS))
    ready = [ctx.Event() for _ in range(READERS)]
    readers = [
        ctx.Process(
            target=workers.reader, args=(str(path), str(SEEDS), fingerprints, seen, event, done, results)
        )
        for event in ready
    ]
    writer = ctx.Process(target=workers.writer, args=(str(path), versions, mode, REWRITES, seen, ready, done))
    try:
        for process in readers:
            process.start()
        writer.start()
        writer.join(timeout=300)
        assert writer.exitcode == 0, f"the writer failed (exit code {writer.exitcode})"
        total: Counter[str] = Counter()
        for _ in readers:
            total.update(results.get(timeout=120))
        for process in readers:
            process.join(timeout=30)
    finally:  # no process outlives the test, whatever failed
        for process in [*readers, writer]:
            if process.is_alive():
                process.terminate()
    print(mode, dict(total))
    return total


def test_atomic_writer_readers_always_see_a_complete_version(tmp_path):
    outcomes = _run(tmp_path, "atomic")
    assert set(outcomes) <= {"old", "new"}, outcomes
    assert outcomes["old"] >= workers.SEEN and outcomes["new"] >= workers.SEEN, outcomes


def test_truncating_writer_readers_see_a_complete_version_or_a_clean_error(tmp_path):
    outcomes = _run(tmp_path, "truncate")
    unexpected = {
        k: v for k, v in outcomes.items() if k not in {"old", "new"} and not k.startswith("error: ")
    }
    assert unexpected == {}, outcomes
    assert outcomes["old"] >= workers.SEEN and outcomes["new"] >= workers.SEEN, outcomes


@pytest.fixture(autouse=True)
def _no_leftover_temp_files(tmp_path):
    yield
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".kpis.yaml.")]
    assert leftovers == []
    shutil.rmtree(tmp_path, ignore_errors=True)
