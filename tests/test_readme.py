"""The README's console examples are what the commands print (scripts/readme_examples.py)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
from datetime import date
from pathlib import Path

import pytest

from model.cli import main
from model.loader import load
from model.progress import assess
from scripts.readme_examples import BLOCK, README, commands, folder, run

TEXT = README.read_text(encoding="utf-8")
BLOCKS = list(BLOCK.finditer(TEXT))


def test_the_readme_has_its_examples() -> None:
    assert [m["where"] for m in BLOCKS] == ["project", "edition", "edition", "scratch"]


@pytest.mark.parametrize("match", BLOCKS, ids=[m["where"] for m in BLOCKS])
def test_example_output_is_what_the_commands_print(match: re.Match[str]) -> None:
    fresh = run(match["where"], commands(match["body"]))
    assert fresh == match["body"], "README example out of date: run python -m scripts.readme_examples --write"


def test_the_explanation_of_the_quarterly_example_matches_the_status() -> None:
    (scratch,) = [m for m in BLOCKS if m["where"] == "scratch"]
    with folder("scratch") as cwd:
        before = Path.cwd()
        os.chdir(cwd)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                for cmd in commands(scratch["body"])[:3]:  # snapshot, source add, record
                    assert main(shlex.split(cmd)) == 0
            dataset = load(Path("kpis.yaml"), Path("seeds"))
        finally:
            os.chdir(before)
    (kpi,) = [k for k in dataset.kpis if k.id == "openroaming-wifi-metro-facilities"]
    result = assess(kpi, date(2025, 1, 31), dataset.timeline)
    assert result.status == "on_track" and result.expected is not None and result.actual is not None
    ratio = (result.actual - 650) / (result.expected - 650)
    words = " ".join(TEXT.split())
    assert f"about {result.expected:,.0f} were expected" in words
    assert f"780 is {ratio:.0%} of the progress expected" in words
