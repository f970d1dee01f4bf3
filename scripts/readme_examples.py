"""The console examples of README.md, run for real: ``python -m scripts.readme_examples [--write]``.

A block is a ```` ```console ```` fence right after a ``<!-- readme-example: WHERE -->``
marker; it holds ``$ python -m model …`` commands, each followed by what it prints (stdout
and stderr together). WHERE is ``project`` (run in the project folder) or ``scratch`` (run in a
temporary folder holding a copy of ``data/kpis.yaml`` and ``seeds/``, as the README says) or
``edition`` (a temporary folder holding the drafting fixture: its data file as ``kpis.yaml``
without its ``sources:``, as a curator finds it when a new edition comes out, the test document
in ``seeds/`` and the reviewed proposals as ``reviewed.yaml``).
``tests/test_readme.py`` fails when a block differs from what its commands print now;
``--write`` rewrites the blocks in place.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from model.cli import main

PROJECT = Path(__file__).resolve().parent.parent
README = PROJECT / "README.md"
BLOCK = re.compile(r"<!-- readme-example: (?P<where>\w+) -->\n```console\n(?P<body>.*?)```", re.S)
PROMPT = "$ python -m model "


def commands(body: str) -> list[str]:
    """The commands of a block, without the prompt."""
    return [line.removeprefix(PROMPT) for line in body.splitlines() if line.startswith(PROMPT)]


@contextlib.contextmanager
def folder(where: str) -> Iterator[Path]:
    """The folder a block runs in: the project, or a scratch copy of the data and seeds."""
    if where == "project":
        yield PROJECT
        return
    if where == "edition":
        yield from _edition()
        return
    if where != "scratch":
        raise ValueError(f"unknown readme-example place {where!r}")
    with tempfile.TemporaryDirectory(prefix="kpi-demo-") as tmp:
        shutil.copy(PROJECT / "data" / "kpis.yaml", tmp)
        shutil.copytree(PROJECT / "seeds", Path(tmp) / "seeds")
        yield Path(tmp)


def _edition() -> Iterator[Path]:
    fixture = PROJECT / "tests" / "fixtures" / "drafting"
    with tempfile.TemporaryDirectory(prefix="kpi-edition-") as tmp:
        data = (fixture / "data.yaml").read_text(encoding="utf-8")
        unregistered = data[: data.index("sources:\n")] + data[data.index("kpis:\n") :]
        (Path(tmp) / "kpis.yaml").write_text(unregistered, encoding="utf-8")
        shutil.copy(fixture / "reviewed.yaml", tmp)
        (Path(tmp) / "seeds").mkdir()
        shutil.copy(fixture / "next_edition.txt", Path(tmp) / "seeds")
        yield Path(tmp)


def run(where: str, cmds: list[str]) -> str:
    """The block's text: each command after the prompt, then what it printed."""
    out = []
    with folder(where) as cwd:
        before = Path.cwd()
        os.chdir(cwd)
        try:
            for cmd in cmds:
                printed = io.StringIO()
                with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
                    main(shlex.split(cmd))
                out.append(PROMPT + cmd + "\n" + printed.getvalue())
        finally:
            os.chdir(before)
    return "".join(out)


def blocks(text: str) -> list[tuple[re.Match[str], str]]:
    """Every example block of ``text`` with the text its commands print now."""
    return [(m, run(m["where"], commands(m["body"]))) for m in BLOCK.finditer(text)]


def regenerate(text: str) -> str:
    for match, fresh in reversed(blocks(text)):
        start, end = match.span("body")
        text = text[:start] + fresh + text[end:]
    return text


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the blocks of README.md")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    fresh = regenerate(text)
    if args.write:
        README.write_text(fresh, encoding="utf-8")
        return 0
    sys.stdout.write(fresh)
    return 0 if fresh == text else 1


if __name__ == "__main__":
    sys.exit(cli())
