"""Start the dashboard with the project's settings from any folder: ``python dashboard/serve.py``.

``streamlit run`` reads ``.streamlit/config.toml`` and ``.streamlit/secrets.toml`` from the
folder it is started in. Started elsewhere, the app would listen on every address, show error
details, offer the tables' raw CSV and read whatever ``secrets.toml`` that folder holds. This
launcher (used by ``make run``, the service unit in docs/deploy.md, the replicas script and the
tests) therefore

- passes every setting of the project's ``.streamlit/config.toml`` as a command-line flag
  (flags win over every file and environment variable), ``--address``/``--port`` over them;
- names the secrets file by its absolute path (``--secrets``, default the project's
  ``.streamlit/secrets.toml``), so no other ``secrets.toml`` is read;
- makes the ``KPI_*`` paths absolute against the folder it was started in, then runs Streamlit
  in the project folder with the entry script's absolute path.

Other arguments go to ``streamlit run`` unchanged (e.g. ``--server.fileWatcherType none``).
Standard library only, so that it can run before anything else is imported.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from model import settings

ROOT = settings.PROJECT_ROOT
CONFIG = ROOT / ".streamlit" / "config.toml"
SECRETS = ROOT / ".streamlit" / "secrets.toml"
ENTRY = ROOT / "dashboard" / "streamlit_app.py"
#: Environment variables holding paths: made absolute before the launcher changes folder.
PATH_VARIABLES = ("KPI_DATA", "KPI_SEEDS", "KPI_SNAPSHOTS", "KPI_CACHE_DIR", "KPI_CACHE_SECRET")


def settings(config: Path = CONFIG) -> dict[str, Any]:
    """The project's config.toml as ``{"section.option": value}``."""
    sections = tomllib.loads(config.read_text(encoding="utf-8"))
    return {
        f"{section}.{name}": value for section, options in sections.items() for name, value in options.items()
    }


def flags(name: str, value: Any) -> list[str]:
    """``--name=value`` (lists repeat the flag, booleans are written true/false)."""
    values = value if isinstance(value, list) else [value]
    return [f"--{name}={str(v).lower() if isinstance(v, bool) else v}" for v in values]


def command(
    address: str | None = None,
    port: int | None = None,
    secrets: Path = SECRETS,
    extra: Sequence[str] = (),
) -> list[str]:
    """The ``streamlit run`` command line with every project setting spelled out."""
    chosen = settings()
    if address:
        chosen["server.address"] = address
    if port:
        chosen["server.port"] = port
    chosen["secrets.files"] = [str(Path(secrets).resolve())]
    spelled = [flag for name, value in chosen.items() for flag in flags(name, value)]
    return [sys.executable, "-m", "streamlit", "run", str(ENTRY), *spelled, *extra]


def environment(env: dict[str, str], start: Path) -> dict[str, str]:
    """``env`` with the ``KPI_*`` paths made absolute against ``start``."""
    out = dict(env)
    for name in PATH_VARIABLES:
        if out.get(name):
            out[name] = str((start / out[name]).resolve())
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--address", help="address to listen on (default: server.address of config.toml)")
    parser.add_argument("--port", type=int, help="port to listen on (default 8501)")
    parser.add_argument("--secrets", type=Path, default=SECRETS, help=f"secrets file (default {SECRETS})")
    args, extra = parser.parse_known_args(argv)
    line = command(args.address, args.port, args.secrets.expanduser(), extra)
    env = environment(dict(os.environ), Path.cwd())
    os.chdir(ROOT)
    os.execve(sys.executable, line, env)


if __name__ == "__main__":
    main()
