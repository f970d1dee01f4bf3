"""The processes of tests/test_concurrency.py: a writer that rewrites the data file and readers
that load it meanwhile. A module of their own, importing only the loader, so that the processes
the test starts load no test framework."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from pathlib import Path

from model.atomic import write_atomic
from model.loader import check

PAUSE = 0.01  # seconds between rewrites, so that reads overlap many of them
VERSIONS = ("old", "new")
SEEN = 5  # complete reads of each version the test needs
LIMIT = 10  # rewrites go on to at most this many times the number asked for


def fingerprint(document) -> str:
    return hashlib.sha256(json.dumps(document.model_dump(mode="json"), sort_keys=True).encode()).hexdigest()


def writer(path: str, versions: tuple[bytes, bytes], mode: str, rewrites: int, seen, ready, done) -> None:
    """Rewrite the file ``rewrites`` times, and on until the readers have seen each version
    ``SEEN`` times (``seen``: complete reads of old and new), at most ``LIMIT`` times as often:
    on a busy machine readers read less often, and the test needs reads of both versions."""
    try:
        for event in ready:  # start once every reader is loading
            event.wait(timeout=60)
        for i in range(rewrites * LIMIT):
            if i >= rewrites and min(seen[:]) >= SEEN:
                break
            time.sleep(PAUSE)
            data = versions[i % 2]
            if mode == "atomic":
                write_atomic(Path(path), data)
            else:
                with open(path, "wb") as handle:  # truncate, then write: readers may see it half-done
                    handle.write(data)
    finally:  # the readers stop even when writing failed
        done.set()


def reader(path: str, seeds: str, fingerprints: dict[str, str], seen, ready, done, results) -> None:
    outcomes: Counter[str] = Counter()
    while not done.is_set():
        ready.set()
        try:
            document, problems = check(Path(path), Path(seeds))
        except Exception as exc:  # must never happen
            outcomes[f"exception {exc!r}"] += 1
            continue
        if document is None:
            outcomes["error: " + problems[0].message.split(":")[0]] += 1
            continue
        outcome = fingerprints.get(fingerprint(document), "torn")
        outcomes[outcome] += 1
        if outcome in VERSIONS:
            with seen.get_lock():
                seen[VERSIONS.index(outcome)] += 1
    results.put(dict(outcomes))
