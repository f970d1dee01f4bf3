"""A content-addressed cache of the validated data file, so that an unchanged file loads fast.

``load_cached(path, seeds)`` returns the same :class:`~model.loader.Dataset` as
:func:`model.loader.load` (and raises the same :class:`~model.problems.DataError`), but when
the data file, every seed file and the code that validates them are unchanged since the last
successful load it skips the YAML parsing and the provenance checks: it reads the validated
document back from JSON and builds the pydantic objects with ``model_validate``.

The key is the SHA-256 of :data:`CACHE_VERSION`, the source of the modules that decide
validity, the data file's bytes and the name and bytes of every file in the seed folder. An
entry lives in ``<cache dir>/<key>.json`` (default ``.cache/datasets/`` in the project root,
else ``$KPI_CACHE_DIR`` or the ``cache_dir`` argument) and holds one header line (format,
version, key, SHA-256 and length of the body, the warnings, a MAC) and the body, the document
as ``model_dump_json(exclude_unset=True)``. Never pickle: nothing in the file can run code.

The key can be computed by anyone, so the header also carries an HMAC-SHA256 of the header
and body made with a secret kept outside the repository (:mod:`model.signing`): someone who
may write the cache folder but not read that secret cannot make the app serve a document that
validation would reject. An entry is used only when its header names the same key, its body
has the recorded length and hash, the MAC matches, and the body then validates against the
schema; anything else (stale, truncated, corrupted, forged or foreign) is ignored and replaced.
Invalid data is never cached. Without a usable secret nothing is cached (only slower).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pydantic
from pydantic import BaseModel, ConfigDict

from model import settings, signing
from model.atomic import write_atomic
from model.loader import Dataset, display_path, load, load_bytes
from model.problems import Problem
from model.schema import Document
from model.yamlfile import YamlProblem, paused_gc, read_stable

#: Bump when the entry layout or the meaning of the cached data changes.
CACHE_VERSION = 2
FORMAT = "tokyo-kpi-tracker/dataset-cache"
#: Entries kept per cache folder; older ones are removed after a write.
MAX_ENTRIES = 8
#: Modules whose code decides what is valid and what the document holds.
_CODE = ("schema.py", "rules.py", "provenance.py", "loader.py", "periods.py", "yamlfile.py", "problems.py")


class _Warning(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Literal["warning"]
    line: int | None
    message: str
    kpi_id: str | None
    field: str


class _Header(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["tokyo-kpi-tracker/dataset-cache"]
    version: int
    key: str
    body_sha256: str
    body_bytes: int
    warnings: list[_Warning]
    mac: str = ""

    def unsigned(self) -> bytes:
        """What the MAC covers besides the body: every other field, in a fixed form."""
        return self.model_dump_json(exclude={"mac"}).encode("utf-8")


def resolve_cache_dir(folder: Path | None = None, data: Path | None = None) -> Path:
    """The cache folder: the argument, else ``$KPI_CACHE_DIR``, else beside the data file."""
    return settings.cache_folder(data, folder)


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the cache version, pydantic's version and the validating modules' source."""
    digest = hashlib.sha256(f"{FORMAT}\0{CACHE_VERSION}\0{pydantic.VERSION}\0".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    return digest.hexdigest()


def seed_files(seeds: Path) -> list[Path]:
    """Every file a quote could cite: the regular files of the seed folder, by name."""
    try:
        entries = sorted(seeds.iterdir())
    except OSError:  # no seed folder: every seed quote is an error, nothing to hash
        return []
    return [p for p in entries if not p.name.startswith(".") and p.is_file()]


def cache_key(data: bytes, seeds: Path) -> str:
    """The key of a data file's bytes with the seed folder's files and the code version."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(b"data\0%d\0" % len(data) + hashlib.sha256(data).digest())
    for seed in seed_files(seeds):
        body = seed.read_bytes()
        name = seed.name.encode("utf-8", "surrogateescape")
        digest.update(b"seed\0%d\0" % len(name) + name + hashlib.sha256(body).digest())
    return digest.hexdigest()


def entry_path(folder: Path, key: str) -> Path:
    return folder / f"{key}.json"


def encode(dataset: Dataset, key: str, secret: bytes) -> bytes:
    """The cache entry of a valid dataset: header line (signed with ``secret``), newline, document JSON."""
    body = dataset.document.model_dump_json(exclude_unset=True).encode("utf-8")
    header = _Header.model_validate(
        {
            "format": FORMAT,
            "version": CACHE_VERSION,
            "key": key,
            "body_sha256": hashlib.sha256(body).hexdigest(),
            "body_bytes": len(body),
            "warnings": [
                {"level": w.level, "line": w.line, "message": w.message, "kpi_id": w.kpi_id, "field": w.field}
                for w in dataset.warnings
            ],
        }
    )
    header = header.model_copy(update={"mac": signing.sign(secret, header.unsigned(), body)})
    return header.model_dump_json().encode("utf-8") + b"\n" + body


def decode(raw: bytes, key: str, path: Path, seeds: Path, secret: bytes) -> Dataset | None:
    """The dataset of a cache entry, or None when the entry is not one to trust for ``key``."""
    end = raw.find(b"\n")
    if end < 0:
        return None
    try:
        header = _Header.model_validate_json(raw[:end])
    except pydantic.ValidationError:
        return None
    body = raw[end + 1 :]
    if (
        header.version != CACHE_VERSION
        or header.key != key
        or header.body_bytes != len(body)
        or hashlib.sha256(body).hexdigest() != header.body_sha256
        or not signing.verify(secret, header.mac, header.unsigned(), body)
    ):
        return None
    try:
        document = Document.model_validate(json.loads(body))
    except (ValueError, pydantic.ValidationError):  # JSONDecodeError and UnicodeDecodeError too
        return None
    file = display_path(path)
    warnings = [Problem("warning", file, w.line, w.message, w.kpi_id, w.field) for w in header.warnings]
    return Dataset(document, path, seeds, warnings)


def read_entry(folder: Path, key: str, path: Path, seeds: Path, secret: bytes) -> Dataset | None:
    try:
        raw = entry_path(folder, key).read_bytes()
    except OSError:
        return None
    return decode(raw, key, path, seeds, secret)


def write_entry(folder: Path, key: str, dataset: Dataset, secret: bytes) -> None:
    """Store a valid dataset; a cache that cannot be written only costs speed."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(entry_path(folder, key), encode(dataset, key, secret))
        _prune(folder, keep=entry_path(folder, key))
    except OSError:
        pass


def _prune(folder: Path, keep: Path) -> None:
    entries = []
    for entry in folder.glob("*.json"):
        try:
            entries.append((entry.stat().st_mtime_ns, entry))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, entry in entries[MAX_ENTRIES:]:
        if entry != keep:
            entry.unlink(missing_ok=True)


def _read_data(path: Path) -> bytes | None:
    """The data file's bytes, read as the loader reads them (not while it changes), or None."""
    try:
        return read_stable(Path(path))
    except YamlProblem:  # unreadable, too large or never stable: the loader says why
        return None


def load_cached(path: Path, seeds: Path, cache_dir: Path | None = None) -> Dataset:
    """Like :func:`model.loader.load`, served from the cache when nothing has changed."""
    return load_cached_source(path, seeds, cache_dir)[0]


def load_cached_source(
    path: Path, seeds: Path, cache_dir: Path | None = None
) -> tuple[Dataset, bytes | None]:
    """:func:`load_cached` and the very bytes of the data file it was validated from (None only
    when the file could not be read stably but the loader then read it)."""
    path, seeds = Path(path), Path(seeds)
    folder = resolve_cache_dir(cache_dir, path)
    data = _read_data(path)
    if data is None:  # unreadable: let the loader word the problem
        return load(path, seeds), None
    secret = signing.secret()
    if secret is None:  # no way to tell our entries from forged ones: no cache
        return load_bytes(data, path, seeds), data
    key = cache_key(data, seeds)
    with paused_gc(promote=True):
        dataset = read_entry(folder, key, path, seeds, secret)
        if dataset is not None:
            return dataset, data
        # the very bytes the key was made of: raises DataError when invalid (nothing cached)
        dataset = load_bytes(data, path, seeds)
    write_entry(folder, key, dataset, secret)
    return dataset, data
