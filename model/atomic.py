"""Write a file atomically: a temporary file in the same folder, then a rename.

The new file keeps the permissions of the file it replaces; a new file gets the usual
``0666 & ~umask``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``; readers see the old file or the new one, never half."""
    path = Path(path)
    folder = path.parent
    fd, tmp = _create_temporary(folder, path.name)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new temporary file beside ``name``, created with mode 0666 & ~umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    while True:
        tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        return fd, tmp
