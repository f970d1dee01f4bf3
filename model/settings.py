"""Where things live: the data file, the seeds, snapshots, the audit log and the cache.

One place for every path, for the command line and the dashboard alike. Each comes from, in
order: the command-line flag (``--data``, ``--seeds``, ``--out-dir``), the environment
(``KPI_DATA``, ``KPI_SEEDS``, ``KPI_SNAPSHOTS``, ``KPI_CACHE_DIR``), the default. Defaults
follow the data file, never the current folder, so a command started anywhere writes where
the dashboard reads:

=============  ==============================================
data file      ``<project>/data/kpis.yaml``
seeds          ``<project>/seeds``
snapshots      ``<folder of the data file>/snapshots``
audit log      ``<folder of the data file>/audit.jsonl``
cache          ``<folder of the data file>/.cache/datasets``
=============  ==============================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "kpis.yaml"
DEFAULT_SEEDS = PROJECT_ROOT / "seeds"
AUDIT_FILE = "audit.jsonl"
#: Encodings the CSV snapshot can be written in (UTF-8 with BOM opens as is in Excel in Japan).
CSV_ENCODINGS = ("utf-8-sig", "utf-8", "cp932")


def _env(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


@dataclass(frozen=True)
class Places:
    """The paths of one data file and everything that belongs to it."""

    data: Path
    seeds: Path
    snapshots: Path
    cache: Path

    @property
    def audit(self) -> Path:
        return audit_path(self.data)


def audit_path(data: Path) -> Path:
    """The audit log of a data file: beside it."""
    return Path(data).parent / AUDIT_FILE


def data_file(data: Path | None = None) -> Path:
    return Path(data) if data is not None else _env("KPI_DATA") or DEFAULT_DATA


def seeds_folder(seeds: Path | None = None) -> Path:
    return Path(seeds) if seeds is not None else _env("KPI_SEEDS") or DEFAULT_SEEDS


def snapshots_folder(data: Path | None = None, snapshots: Path | None = None) -> Path:
    if snapshots is not None:
        return Path(snapshots)
    return _env("KPI_SNAPSHOTS") or data_file(data).resolve().parent / "snapshots"


def cache_folder(data: Path | None = None, cache: Path | None = None) -> Path:
    if cache is not None:
        return Path(cache)
    return _env("KPI_CACHE_DIR") or data_file(data).resolve().parent / ".cache" / "datasets"


def places(data: Path | None = None, seeds: Path | None = None, snapshots: Path | None = None) -> Places:
    """Every path, flags first, then the environment, then the defaults."""
    chosen = data_file(data)
    return Places(chosen, seeds_folder(seeds), snapshots_folder(chosen, snapshots), cache_folder(chosen))
