"""Write a file atomically: a temporary file in the same folder, then a rename.

The new file keeps the permissions of the file it replaces; a new file gets the usual
``0666 & ~umask``. The temporary file (``.NAME.<random>.tmp``) is locked while it is written;
one left behind by a writer that died (kill -9, power loss) is unlocked, and the next write
of the same file removes it.
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import os
import secrets
import stat
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``; readers see the old file or the new one, never half."""
    path = Path(path)
    folder = path.parent
    remove_stale_temporaries(path)
    fd, tmp = _create_temporary(folder, path.name)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.replace(tmp, path)  # still locked: a cleaner never takes it for a dead writer's
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new, locked temporary file beside ``name``, created with mode 0666 & ~umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    while True:
        tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_nlink:  # not removed as stale between open and lock
            return fd, tmp
        os.close(fd)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove temporary files of ``path`` whose writer is gone (nobody holds their lock)."""
    removed = []
    for tmp in Path(path).parent.glob(f".{glob.escape(Path(path).name)}.*.tmp"):
        try:
            fd = os.open(tmp, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.stat(tmp, follow_symlinks=False).st_ino == os.fstat(fd).st_ino:
                tmp.unlink()
                removed.append(tmp)
        except OSError:  # locked by a writer at work, or gone meanwhile
            pass
        finally:
            os.close(fd)
    return removed
