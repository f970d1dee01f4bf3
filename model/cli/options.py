"""Options and defaults shared by the command-line modules."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from model.settings import DEFAULT_DATA, DEFAULT_SEEDS

if TYPE_CHECKING:
    from model.loader import Dataset
    from model.problems import DataError


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD, with a readable error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date such as 2024-03-31") from None


def add_data_options(parser: argparse.ArgumentParser) -> None:
    """--data and --seeds, so that every command works on a copy anywhere on disk."""
    parser.add_argument("--data", type=Path, help=f"data file (default: $KPI_DATA, else {DEFAULT_DATA})")
    parser.add_argument("--seeds", type=Path, help=f"seed folder (default: $KPI_SEEDS, else {DEFAULT_SEEDS})")


def evaluation_date(dataset: Dataset, as_of: date | None) -> date:
    """``as_of`` as given, else the day the newest actual was over and public, else today."""
    from model.progress import latest_actual_day

    return as_of or latest_actual_day(dataset.kpis, dataset.timeline) or date.today()


def tell_problems(exc: DataError, summary: str) -> int:
    """Print every problem of ``exc``, then ``summary`` (what was not done); the exit code 1."""
    from model.terminal import tell

    for problem in exc.problems:
        tell(problem)
    tell(summary)
    return 1
