"""Concurrent use: one process rewrites the data file 200 times (60 in ``make check``) while
others load it.

Every read must be a complete old version, a complete new version, or a clean error
(problems, no exception). The project's own writer (temporary file + rename) must never
give an error; plain truncating writes may give a clean "empty file" error, never a torn
document.
"""

import hashlib
import json
import multiprocessing as mp
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

from model.atomic import write_atomic
from model.loader import check

from conftest import PROJECT

#: ``make check`` (profile "check") tries fewer rewrites; ``make fuzz`` (in ``make test``) all 200
REWRITES = 60 if os.environ.get("HYPOTHESIS_PROFILE") == "check" else 200
READERS = 2
PAUSE = 0.01  # seconds between rewrites, so that reads overlap many of them
SEEDS = PROJECT / "seeds"


def _versions() -> tuple[bytes, bytes]:
    """Two valid versions of the real data file of the same length, differing near the end."""
    a = (PROJECT / "data" / "kpis.yaml").read_bytes()
    marker = b"Composition of a partner region"
    assert a.count(marker) >= 1
    b = a.replace(marker, b"Composition of a partner area!!", 1)
    assert len(a) == len(b) and a != b
    return a, b


def _fingerprint(document) -> str:
    return hashlib.sha256(json.dumps(document.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()


def _writer(path: str, versions: tuple[bytes, bytes], mode: str, ready, done) -> None:
    for event in ready:  # start once every reader is loading
        event.wait(timeout=60)
    for i in range(REWRITES):
        time.sleep(PAUSE)
        data = versions[i % 2]
        if mode == "atomic":
            write_atomic(Path(path), data)
        else:
            with open(path, "wb") as handle:  # truncate, then write: readers may see it half-done
                handle.write(data)
    done.set()


def _reader(path: str, fingerprints: dict[str, str], ready, done, results) -> None:
    outcomes: Counter[str] = Counter()
    while not done.is_set():
        ready.set()
        try:
            document, problems = check(Path(path), SEEDS)
        except Exception as exc:  # must never happen
            outcomes[f"exception {exc!r}"] += 1
            continue
        if document is None:
            outcomes["error: " + problems[0].message.split(":")[0]] += 1
        else:
            outcomes[fingerprints.get(_fingerprint(document), "torn")] += 1
    results.put(dict(outcomes))


def _run(tmp_path: Path, mode: str) -> Counter[str]:
    versions = _versions()
    path = tmp_path / "kpis.yaml"
    path.write_bytes(versions[0])
    fingerprints = {}
    for name, data in zip(("old", "new"), versions, strict=True):
        probe = tmp_path / f"{name}.yaml"
        probe.write_bytes(data)
        document, problems = check(probe, SEEDS)
        assert document is not None, problems
        fingerprints[_fingerprint(document)] = name
    ctx = mp.get_context("spawn")
    done, results = ctx.Event(), ctx.Queue()
    ready = [ctx.Event() for _ in range(READERS)]
    readers = [
        ctx.Process(target=_reader, args=(str(path), fingerprints, event, done, results)) for event in ready
    ]
    writer = ctx.Process(target=_writer, args=(str(path), versions, mode, ready, done))
    for process in readers:
        process.start()
    writer.start()
    writer.join(timeout=300)
    total: Counter[str] = Counter()
    for _ in readers:
        total.update(results.get(timeout=120))
    for process in readers:
        process.join(timeout=30)
    print(mode, dict(total))
    return total


def test_atomic_writer_readers_always_see_a_complete_version(tmp_path):
    outcomes = _run(tmp_path, "atomic")
    assert set(outcomes) <= {"old", "new"}, outcomes
    assert outcomes["old"] >= 5 and outcomes["new"] >= 5


def test_truncating_writer_readers_see_a_complete_version_or_a_clean_error(tmp_path):
    outcomes = _run(tmp_path, "truncate")
    unexpected = {
        k: v for k, v in outcomes.items() if k not in {"old", "new"} and not k.startswith("error: ")
    }
    assert unexpected == {}, outcomes
    assert outcomes["old"] >= 5 and outcomes["new"] >= 5


@pytest.fixture(autouse=True)
def _no_leftover_temp_files(tmp_path):
    yield
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".kpis.yaml.")]
    assert leftovers == []
    shutil.rmtree(tmp_path, ignore_errors=True)
