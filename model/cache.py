"""A content-addressed cache of the validated data file, so that an unchanged file loads fast.

``load_cached(path, seeds)`` returns the same data as :func:`model.loader.load` (and raises the
same :class:`~model.problems.DataError`), but when the data file, every seed file and the code
are unchanged since the last successful load it skips the YAML parsing and the provenance
checks: it reads the frames the dashboard starts from (Arrow) and keeps the validated document
(JSON) to be rebuilt when first asked for (:class:`~model.cache_entry.StoredDataset`).

:func:`fingerprint` is the one fingerprint of the inputs (the data file's bytes and the name and
bytes of every file in the seed folder); the dashboard keys its own cache on it too. The key
of an entry is the SHA-256 of the code version (every module of ``model/``, the entry layout,
pydantic's and pyarrow's versions) and that fingerprint. An entry lives in
``<cache dir>/<key>.entry`` (default ``.cache/datasets/`` beside the data file, else
``$KPI_CACHE_DIR`` or the ``cache_dir`` argument); its layout is :mod:`model.cache_entry`.

The key can be computed by anyone, so each entry carries an HMAC-SHA256 made with a secret
kept outside the repository (:mod:`model.signing`): someone who may write the cache folder
but not read that secret cannot make the app serve data that validation would reject. An
entry is used only when its header names the same key, the MAC matches and every section has
the recorded length and hash; anything else (stale, truncated, corrupted, forged or foreign)
is ignored and replaced. An entry is written only after the full validation succeeded:
invalid data is never cached. Without a usable secret nothing is cached (only slower).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type hints
import pydantic

from model import settings, signing
from model.atomic import write_atomic
from model.cache_entry import CACHE_VERSION, FORMAT, StoredDataset, decode, encode, stored
from model.loader import Dataset, load, load_bytes
from model.yamlfile import YamlProblem, paused_gc, read_stable

__all__ = ["FORMAT", "MAX_ENTRIES", "cache_key", "fingerprint", "load_cached", "load_cached_source"]

#: Entries kept per cache folder; older ones are removed after a write.
MAX_ENTRIES = 8
SUFFIX = ".entry"
_MODEL = Path(__file__).resolve().parent


def resolve_cache_dir(folder: Path | None = None, data: Path | None = None) -> Path:
    """The cache folder: the argument, else ``$KPI_CACHE_DIR``, else beside the data file."""
    return settings.cache_folder(data, folder)


def code_files() -> list[Path]:
    """The modules whose source is part of the code version: all of ``model/``."""
    return sorted(_MODEL.rglob("*.py"))


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the entry layout, pydantic's and pyarrow's versions and the source of every module
    of ``model/`` (what is valid, what the document holds and how the frames are built)."""
    digest = hashlib.sha256(f"{FORMAT}\0{CACHE_VERSION}\0{pydantic.VERSION}\0{pa.__version__}\0".encode())
    for module in code_files():
        name = module.relative_to(_MODEL).as_posix().encode()
        digest.update(name + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()


def seed_files(seeds: Path) -> list[Path]:
    """Every file a quote could cite: the regular files of the seed folder, by name."""
    try:
        entries = sorted(seeds.iterdir())
    except OSError:  # no seed folder: every seed quote is an error, nothing to hash
        return []
    return [p for p in entries if not p.name.startswith(".") and p.is_file()]


_DIGESTS: dict[tuple[str, int, int, int, int], bytes] = {}


def file_digest(path: Path) -> bytes:
    """SHA-256 of a file's bytes. Kept per path, inode, size, modification and change time, so
    a long-running app hashes an unchanged 40 MB file once, not on every rerun (a rewrite
    changes the change time, which no user can set)."""
    stat = os.stat(path)
    key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    digest = _DIGESTS.get(key)
    if digest is None:
        digest = hashlib.sha256(Path(path).read_bytes()).digest()
        if len(_DIGESTS) > 4096:
            _DIGESTS.clear()
        _DIGESTS[key] = digest
    return digest


def fingerprint(data: bytes | Path, seeds: Path) -> str:
    """The one fingerprint of the inputs: the data file's bytes (given, or read from the path) and
    the name and bytes of every file in the seed folder. Raises OSError when a file cannot be read."""
    digest = hashlib.sha256(b"data\0")
    digest.update(hashlib.sha256(data).digest() if isinstance(data, bytes) else file_digest(data))
    for seed in seed_files(seeds):
        name = seed.name.encode("utf-8", "surrogateescape")
        digest.update(b"seed\0%d\0" % len(name) + name + file_digest(seed))
    return digest.hexdigest()


def cache_key(data: bytes, seeds: Path) -> str:
    """The key of a data file's bytes with the seed folder's files and the code version."""
    return key_of(fingerprint(data, seeds))


def key_of(inputs: str) -> str:
    """The entry key of an inputs' :func:`fingerprint`: it and the code version."""
    return hashlib.sha256(f"{code_version()}\0{inputs}".encode()).hexdigest()


def entry_path(folder: Path, key: str) -> Path:
    return folder / f"{key}{SUFFIX}"


def read_entry(
    folder: Path, key: str, path: Path, seeds: Path, secret: bytes, inputs: str = ""
) -> StoredDataset | None:
    """The dataset of the entry ``key`` if there is one to trust (``inputs``: its fingerprint)."""
    try:
        raw = entry_path(folder, key).read_bytes()
    except OSError:
        return None
    return decode(raw, key, path, seeds, secret, inputs)


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
    for entry in folder.glob(f"*{SUFFIX}"):
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
    try:
        inputs = fingerprint(data, seeds)
    except OSError:  # a seed vanished or cannot be read: the loader says what that means
        return load_bytes(data, path, seeds), data
    secret = signing.secret()
    key = key_of(inputs)
    if secret is not None:  # else no way to tell our entries from forged ones: no cache
        with paused_gc(promote=True):
            hit = read_entry(folder, key, path, seeds, secret, inputs)
        if hit is not None:
            return hit, data
    with paused_gc(promote=True):
        # the very bytes the key was made of: raises DataError when invalid (nothing cached)
        dataset = stored(load_bytes(data, path, seeds), inputs)
    if secret is not None:
        write_entry(folder, key, dataset, secret)
    return dataset, data
