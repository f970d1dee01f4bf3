"""Loading the data file at the UI edge: cached on the file's content, overridable by env vars.

``KPI_DATA`` and ``KPI_SEEDS`` point the app at another data file and seed folder (tests use
fixtures); ``KPI_SNAPSHOTS`` the snapshot folder. The one cache here (``st.cache_resource``) is
keyed on :func:`model.cache.fingerprint`: the bytes of the data file and of every file in the
seed folder (each hashed again only when its size or times change), so an edit shows up on the
next interaction without a restart. What the pages derive from a dataset (frames at a date,
search texts, sources) is kept in the same cache under the dataset's fingerprint and the date.

When the file on disk becomes unusable (a bad edit, a truncated copy) the app keeps serving
the last valid dataset of that path and says what is wrong and since when; the first valid
load afterwards clears the failure. That memory lives here, in the server process, never in
``model/``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from dashboard import search, sources, tables
from model import settings
from model.cache import fingerprint, load_cached_source
from model.frames import figure_frame, figure_frame_at, overview_frame
from model.loader import Dataset
from model.problems import DataError, Problem
from model.progress import latest_actual_day
from model.schema import Kpi

_LOG = logging.getLogger(__name__)


def data_paths() -> tuple[Path, Path]:
    """The data file and seed folder to serve (:mod:`model.settings`: environment, then defaults)."""
    return settings.data_file(), settings.seeds_folder()


def snapshots_folder() -> Path:
    """Where the command line's ``snapshot`` writes for this data file."""
    return settings.snapshots_folder(settings.data_file())


#: A valid load: the dataset and the bytes of the data file it was validated from.
Loaded = tuple[Dataset, bytes | None]


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(data: str, seeds: str, fingerprint: str) -> Loaded | list[Problem]:  # noqa: ARG001  # the key
    """The dataset and its source bytes, or the problems that make the file unusable (cached either way).

    A resource, not ``cache_data``: every rerun gets the same (never modified) dataset
    instead of a copy, which at thousands of KPIs costs seconds. ``load_cached`` serves a
    new process from the compiled JSON cache when the file has not changed.
    """
    try:
        return load_cached_source(Path(data), Path(seeds))
    except DataError as exc:
        return exc.errors or exc.problems
    except Exception as exc:  # a bug or a limit the model did not word: still never a page exception
        return [_unexpected(data, exc)]


def _unexpected(data: str, exc: Exception) -> Problem:
    """A problem naming an exception the loader did not turn into a DataError (logged with its trace)."""
    _LOG.error("loading %s failed", data, exc_info=exc)
    return Problem("error", data, None, f"the file could not be loaded: {type(exc).__name__}: {exc}"[:500])


def clear_cache() -> None:
    """Forget every cached load and what was derived from it (after the app wrote the data file)."""
    _load.clear()
    _derived.clear()


def load_dataset() -> Loaded | list[Problem]:
    """The dataset (with its source bytes) as the file on disk is now, or its problems."""
    data, seeds = data_paths()
    if not data.is_file():
        why = "is a folder, not a file" if data.is_dir() else "does not exist"
        return [Problem("error", str(data), None, f"the data file {why}")]
    try:
        return _load(str(data), str(seeds), fingerprint(data, seeds))
    except Exception as exc:  # e.g. a seed removed between listing and stat: not cached, tried again
        return [_unexpected(str(data), exc)]


@dataclass
class Current:
    """What to show: the newest valid dataset and, while the file is unusable, why and since when.

    ``source`` holds the bytes of the data file that ``dataset`` was validated from, so the
    Export page offers that YAML even after the file was deleted or broken.
    """

    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)
    failing_since: datetime | None = None
    source: bytes | None = None

    @property
    def stale(self) -> bool:
        return self.dataset is not None and bool(self.problems)


_LAST_VALID: dict[str, Loaded] = {}
_FAILING_SINCE: dict[str, datetime] = {}
_LOCK = threading.Lock()


def now() -> datetime:
    return datetime.now().astimezone()


def current() -> Current:
    """The dataset to serve: the file's if valid, else the last valid one of the same path."""
    loaded = load_dataset()
    key = str(data_paths()[0].resolve())
    with _LOCK:
        if isinstance(loaded, tuple):
            _LAST_VALID[key] = loaded
            _FAILING_SINCE.pop(key, None)
            return Current(loaded[0], source=loaded[1])
        since = _FAILING_SINCE.setdefault(key, now())
        dataset, source = _LAST_VALID.get(key, (None, None))
        return Current(dataset, list(loaded), since, source)


def source_of(dataset: Dataset) -> bytes | None:
    """The data file's bytes that ``dataset`` was validated from, if it is the one served now."""
    served = current()
    return served.source if served.dataset is dataset else None


def forget() -> None:
    """Drop the remembered datasets and failures (tests)."""
    with _LOCK:
        _LAST_VALID.clear()
        _FAILING_SINCE.clear()


T = TypeVar("T")


@st.cache_resource(show_spinner=False, max_entries=256)  # least recently used go first
def _derived(
    kind: str,  # noqa: ARG001  # part of the key
    inputs: str,  # noqa: ARG001  # part of the key
    as_of: date,
    view: Hashable,  # noqa: ARG001  # part of the key
    _dataset: Dataset,
    _build: Callable[[Dataset, date], T],
) -> T:
    """What ``_build`` makes of a dataset at a date, shared by every rerun of every session.

    Keyed on the kind, the fingerprint of the inputs the dataset was validated from, the date
    and what else the value depends on (``view``: language, filters); arguments starting with
    ``_`` are not part of Streamlit's key. The same inputs give the same dataset, so the value
    holds for any dataset of that fingerprint. Callers never modify what they get (pandas
    copies on write, so filtering a frame leaves it alone).
    """
    return _build(_dataset, as_of)


def _memo(
    kind: str, dataset: Dataset, as_of: date, build: Callable[[Dataset, date], T], view: Hashable = None
) -> T:
    inputs = getattr(dataset, "fingerprint", None)
    if inputs is None:  # not served by model.cache (its inputs unknown): nothing to key it on
        return build(dataset, as_of)
    return _derived(kind, inputs, as_of, view, dataset, build)


def derived(kind: str, dataset: Dataset, as_of: date, view: Hashable, build: Callable[[], T]) -> T:
    """What a page builds from the served dataset at ``as_of`` for ``view`` (every other input
    of ``build``: the language, the filters), built once and shared by every rerun."""
    return _memo(kind, dataset, as_of, lambda _ds, _day: build(), view)


def newest_actual(dataset: Dataset, as_of: date) -> date | None:
    """The end of the newest actual's period among the figures public at ``as_of``."""
    return _memo("newest_actual", dataset, as_of, lambda ds, day: tables.newest_actual(figures(ds, day)))


def overview(dataset: Dataset, as_of: date) -> pd.DataFrame:
    """``overview_frame`` of the served dataset at ``as_of``."""
    return _memo("overview", dataset, as_of, overview_frame)


def default_as_of(dataset: Dataset) -> date | None:
    """The default evaluation date of a dataset (``latest_actual_day``), worked out once."""
    return _memo("default_as_of", dataset, date.min, lambda ds, _: latest_actual_day(ds.kpis, ds.timeline))


def figures(dataset: Dataset, as_of: date) -> pd.DataFrame:
    """The figures that were public at ``as_of`` (``figure_frame_at``); every date of a dataset
    starts from its one ``figure_frame``."""
    every = _memo("figure_frame", dataset, date.min, lambda ds, _: figure_frame(ds))
    return _memo("figures", dataset, as_of, lambda ds, day: figure_frame_at(ds, day, every))


def kpis_by_id(dataset: Dataset) -> dict[str, Kpi]:
    """The dataset's KPIs by id, worked out once per dataset."""
    return _memo("kpis_by_id", dataset, date.min, lambda ds, _: {k.id: k for k in ds.kpis})


def search_texts(dataset: Dataset) -> pd.Series:
    """Every KPI's search text (``dashboard.search.search_texts``), worked out once per dataset."""
    return _memo("search", dataset, date.min, lambda ds, _: search.search_texts(ds))


def source_book(dataset: Dataset) -> sources.SourceBook:
    """The dataset's sources by id, with the seed texts indexed as passages are asked for."""
    return _memo("sources", dataset, date.min, lambda ds, _: sources.SourceBook.of(ds))
