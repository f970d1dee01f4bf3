"""One entry of the dataset cache (:mod:`model.cache`): a signed header, the validated document
as JSON and the frames the dashboard starts from as Arrow IPC streams.

Layout: one header line (JSON: format, version, key, the warnings, the evaluation date of the
stored status frame, and the name, length and SHA-256 of each section, then an HMAC-SHA256 of
all that made with the secret of :mod:`model.signing`), a newline, then the sections one after
the other: ``document`` (``model_dump_json(exclude_unset=True)``), ``kpis`` and ``figures``
(:func:`model.frames.kpi_frame` and :func:`~model.frames.figure_frame`) and, when the data has
a default evaluation date, ``status`` (:func:`~model.frames.status_frame` at that date).
Neither JSON nor Arrow can run code when read; nothing is pickled.

An entry is trusted only when the header names the expected key and version, its MAC matches,
the sections have the recorded lengths and hashes, and the frames have the expected columns.
The document is then validated against the schema when something first asks for it
(:class:`StoredDataset`), not while the entry is read: the frames are enough to draw the
overview, and building 270,000 pydantic objects at 10,000 KPIs takes most of a second.
"""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import date
from pathlib import Path
from typing import Literal

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type hints
import pydantic
from pydantic import BaseModel, ConfigDict

from model import signing
from model.frames import FRAME_COLUMNS, TUPLE_COLUMNS, figure_frame, kpi_frame, status_frame
from model.loader import Dataset, display_path
from model.problems import Problem
from model.progress import latest_actual_day
from model.schema import Document
from model.yamlfile import paused_gc

#: Bump when the entry layout or the meaning of the cached data changes.
CACHE_VERSION = 3
FORMAT = "tokyo-kpi-tracker/dataset-cache"
DOCUMENT = "document"


class _Warning(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Literal["warning"]
    line: int | None
    message: str
    kpi_id: str | None
    field: str


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Literal["document", "kpis", "figures", "status"]
    bytes: int
    sha256: str


class Header(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["tokyo-kpi-tracker/dataset-cache"]
    version: int
    key: str
    warnings: list[_Warning]
    status_as_of: date | None
    sections: list[_Section]
    mac: str = ""

    def unsigned(self) -> bytes:
        """What the MAC covers: every other field (the sections by length and hash), in a fixed form."""
        return self.model_dump_json(exclude={"mac"}).encode("utf-8")


class StoredDataset(Dataset):
    """A dataset that comes with its frames; the document is validated on first use.

    ``fingerprint`` is :func:`model.cache.fingerprint` of the inputs it was validated from (the
    dashboard keys what it derives from a dataset on it). ``stored_frames`` maps ``"kpis"``,
    ``"figures"`` and ``"status <ISO date>"`` to frames equal to what :mod:`model.frames` would
    build (it returns copies of them). The instance is shared by the dashboard's sessions,
    hence the lock around the one-time validation.
    """

    def __init__(
        self,
        document: Document | bytes,
        path: Path,
        seeds: Path,
        warnings: list[Problem],
        frames: dict[str, pd.DataFrame],
        fingerprint: str,
    ) -> None:
        self._document = document if isinstance(document, Document) else None
        self._body = document if isinstance(document, bytes) else b""
        self._lock = threading.Lock()
        self.path = path
        self.seeds = seeds
        self.warnings = warnings
        self.stored_frames = frames
        self.fingerprint = fingerprint

    @property  # a lazily validated field of the dataclass
    def document(self) -> Document:
        with self._lock:
            if self._document is None:
                with paused_gc(promote=True):
                    self._document = Document.model_validate(json.loads(self._body))
                self._body = b""
            return self._document

    @document.setter
    def document(self, value: Document) -> None:
        self._document = value


def _arrow(frame: pd.DataFrame) -> bytes:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def _frame(section: memoryview, columns: list[str]) -> pd.DataFrame | None:
    try:
        table = pa.ipc.open_stream(pa.py_buffer(section)).read_all()
    except (pa.ArrowException, ValueError):
        return None
    if table.column_names != columns:
        return None
    frame: pd.DataFrame = table.to_pandas()
    for name in TUPLE_COLUMNS.intersection(columns):
        frame[name] = [tuple(x) for x in frame[name]]
    return frame


def frames_of(dataset: Dataset) -> tuple[date | None, dict[str, pd.DataFrame]]:
    """The frames an entry stores for a dataset: KPIs, figures and the status at the default date."""
    as_of = latest_actual_day(dataset.kpis, dataset.timeline)
    frames = {"kpis": kpi_frame(dataset), "figures": figure_frame(dataset)}
    if as_of is not None:
        frames[f"status {as_of.isoformat()}"] = status_frame(dataset, as_of)
    return as_of, frames


def encode(dataset: Dataset, key: str, secret: bytes) -> bytes:
    """The entry of a valid dataset (which must carry its frames: :func:`stored`)."""
    as_of, frames = (
        (_as_of(dataset), dataset.stored_frames) if isinstance(dataset, StoredDataset) else frames_of(dataset)
    )
    parts = {DOCUMENT: dataset.document.model_dump_json(exclude_unset=True).encode("utf-8")}
    parts["kpis"] = _arrow(frames["kpis"])
    parts["figures"] = _arrow(frames["figures"])
    if as_of is not None:
        parts["status"] = _arrow(frames[f"status {as_of.isoformat()}"])
    header = Header.model_validate(
        {
            "format": FORMAT,
            "version": CACHE_VERSION,
            "key": key,
            "warnings": [
                {"level": w.level, "line": w.line, "message": w.message, "kpi_id": w.kpi_id, "field": w.field}
                for w in dataset.warnings
            ],
            "status_as_of": as_of,
            "sections": [
                {"name": name, "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}
                for name, body in parts.items()
            ],
        }
    )
    header = header.model_copy(update={"mac": signing.sign(secret, header.unsigned())})
    return b"".join([header.model_dump_json().encode("utf-8"), b"\n", *parts.values()])


def _as_of(dataset: StoredDataset) -> date | None:
    keys = [k for k in dataset.stored_frames if k.startswith("status ")]
    return date.fromisoformat(keys[0].removeprefix("status ")) if keys else None


def stored(dataset: Dataset, fingerprint: str) -> StoredDataset:
    """A freshly validated dataset with its frames built, as an entry would serve it."""
    _, frames = frames_of(dataset)
    return StoredDataset(dataset.document, dataset.path, dataset.seeds, dataset.warnings, frames, fingerprint)


def decode(
    raw: bytes, key: str, path: Path, seeds: Path, secret: bytes, fingerprint: str
) -> StoredDataset | None:
    """The dataset of an entry, or None when the entry is not one to trust for ``key``."""
    end = raw.find(b"\n")
    if end < 0:
        return None
    try:
        header = Header.model_validate_json(raw[:end])
    except pydantic.ValidationError:
        return None
    body = memoryview(raw)[end + 1 :]
    names = [s.name for s in header.sections]
    expected = [DOCUMENT, "kpis", "figures"] + (["status"] if header.status_as_of is not None else [])
    if (
        header.version != CACHE_VERSION
        or header.key != key
        or not signing.verify(secret, header.mac, header.unsigned())
        or names != expected
        or sum(s.bytes for s in header.sections) != len(body)
    ):
        return None
    sections: dict[str, memoryview] = {}
    start = 0
    for section in header.sections:
        part = body[start : start + section.bytes]
        if hashlib.sha256(part).hexdigest() != section.sha256:
            return None
        sections[section.name] = part
        start += section.bytes
    frames = {}
    for name, columns in FRAME_COLUMNS.items():
        if name in sections:
            frame = _frame(sections[name], columns)
            if frame is None:
                return None
            label = name if name != "status" else f"status {header.status_as_of}"
            frames[label] = frame
    file = display_path(path)
    warnings = [Problem("warning", file, w.line, w.message, w.kpi_id, w.field) for w in header.warnings]
    return StoredDataset(bytes(sections[DOCUMENT]), path, seeds, warnings, frames, fingerprint)
