"""Loading the data file at the UI edge: cached on the file's content, overridable by env vars.

``KPI_DATA`` and ``KPI_SEEDS`` point the app at another data file and seed folder (tests use
fixtures). The cache key includes a hash of the data file and the seeds' names, sizes and
modification times, so an edit shows up on the next interaction without a restart.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import streamlit as st

from model.loader import DEFAULT_DATA, DEFAULT_SEEDS, Dataset, load
from model.problems import DataError, Problem


def data_paths() -> tuple[Path, Path]:
    data = Path(os.environ.get("KPI_DATA") or DEFAULT_DATA)
    seeds = Path(os.environ.get("KPI_SEEDS") or DEFAULT_SEEDS)
    return data, seeds


def _fingerprint(data: Path, seeds: Path) -> str:
    digest = hashlib.sha256()
    try:
        digest.update(data.read_bytes())
    except OSError as exc:
        digest.update(repr(exc).encode())
    for seed in sorted(seeds.glob("*.txt")):
        stat = seed.stat()
        digest.update(f"{seed.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=8)
def _load(data: str, seeds: str, fingerprint: str) -> Dataset | list[Problem]:
    """The dataset, or the problems that make the file unusable (cached either way)."""
    try:
        return load(Path(data), Path(seeds))
    except DataError as exc:
        return exc.errors or exc.problems


def load_dataset() -> Dataset | list[Problem]:
    data, seeds = data_paths()
    if not data.is_file():
        return [Problem("error", str(data), None, "the data file does not exist")]
    return _load(str(data), str(seeds), _fingerprint(data, seeds))
