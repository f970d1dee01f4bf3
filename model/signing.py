"""The secret that signs the dataset cache's entries, kept outside the repository.

A cache entry's key is computed from public inputs (the data file, the seeds, the code), so
hashes alone cannot tell an entry the app wrote after validating from one written by anyone
else who may write the cache folder. Each entry therefore carries an HMAC-SHA256 made with a
secret that only the app's user can read: ``$KPI_CACHE_SECRET`` (a file path), else
``$XDG_CONFIG_HOME/tokyo-kpi-tracker/cache-secret`` (``~/.config/…``). The file is created on
first use (32 random bytes, mode 0600, in a 0700 folder). A secret that cannot be read or
created, that is too short, or that another user owns or may read or write, gives None: then
nothing is cached or read from the cache (loading is only slower).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

ENV_VAR = "KPI_CACHE_SECRET"
SECRET_BYTES = 32
_LOG = logging.getLogger(__name__)


def secret_path() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config) / "tokyo-kpi-tracker" / "cache-secret"


def secret() -> bytes | None:
    """The signing secret (created when missing), or None when it is unusable (logged once)."""
    path = secret_path()
    try:
        if not path.exists():
            _create(path)
        stat = path.stat()
        if stat.st_mode & 0o077 or (hasattr(os, "getuid") and stat.st_uid != os.getuid()):
            return _unusable(path, "other users may read or write it, or own it")
        value = path.read_bytes()
    except OSError as exc:
        return _unusable(path, exc.strerror or str(exc))
    return value if len(value) >= SECRET_BYTES else _unusable(path, "it is shorter than 32 bytes")


def _create(path: Path) -> None:
    """Write a new secret without ever exposing a partial one: a private temporary file, then
    a hard link to the final name (which fails if another process made it first)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(secrets.token_bytes(SECRET_BYTES))
        with contextlib.suppress(FileExistsError):  # another process was first: use its secret
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


_WARNED: set[str] = set()


def _unusable(path: Path, why: str) -> bytes | None:
    """Log once why the secret cannot be used; no secret (so nothing is cached)."""
    if str(path) not in _WARNED:
        _WARNED.add(str(path))
        _LOG.warning("dataset cache off: the signing secret %s cannot be used (%s)", path, why)
    return None


def sign(key: bytes, *parts: bytes) -> str:
    """HMAC-SHA256 of the parts (each length-prefixed, so no two splits give the same MAC)."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big") + part)
    return mac.hexdigest()


def verify(key: bytes, mac: str, *parts: bytes) -> bool:
    return hmac.compare_digest(sign(key, *parts), mac)
