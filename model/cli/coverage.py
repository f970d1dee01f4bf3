"""``coverage``: figures of the seeds that are tracked, excluded or untracked."""

from __future__ import annotations

import argparse
from pathlib import Path

from model.cli.options import add_data_options, tell_problems
from model.problems import DataError
from model.terminal import tell


def cmd_coverage(args: argparse.Namespace) -> int:
    from model.coverage import render_doc, report, seed_paths
    from model.loader import display_path, load

    try:
        dataset = load(args.data, args.seeds)
        paths = seed_paths(args.seed_files, args.seeds)
    except DataError as exc:
        return tell_problems(exc, f"{display_path(args.data)}: invalid, coverage not computed")
    except FileNotFoundError as exc:
        tell(f"error: {exc}")
        return 1
    if args.doc is not None:
        args.doc.write_text(render_doc(dataset.document, args.seeds), encoding="utf-8")
        tell(f"wrote {display_path(args.doc)}")
    untracked = report(dataset.document, paths, args.list)
    return 1 if untracked else 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``coverage`` on the subcommands."""
    p = sub.add_parser("coverage", help="figures of the seeds: tracked, excluded or untracked")
    p.add_argument("seed_files", nargs="*", metavar="SEED_FILE", help="seeds to cover (default: all)")
    p.add_argument("--list", action="store_true", help="list every untracked figure with its line")
    add_data_options(p)
    p.add_argument("--doc", type=Path, help="also write the KPI-to-section table (docs/coverage.md)")
    p.set_defaults(func=cmd_coverage)
