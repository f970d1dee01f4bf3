"""``python -m dashboard report``: the meeting pack from the command line.

The pack draws the dashboard's charts (``dashboard/figures.py``), and ``model/`` never imports
the dashboard, so this command lives here rather than under ``python -m model``. It needs no
Streamlit; messages and exit codes are those of ``python -m model``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from dashboard.pack import kpis_of_bureau, write_pack
from model.cli import run
from model.cli.options import add_data_options, evaluation_date, iso_date
from model.loader import load


def cmd_report(args: argparse.Namespace) -> int:
    dataset = load(args.data, args.seeds)
    as_of = evaluation_date(dataset, args.as_of)
    kpi_ids, scope = None, None
    if args.bureau:
        kpi_ids = kpis_of_bureau(dataset, args.bureau)
        bureau = next(b for b in dataset.document.bureaus if b.id == args.bureau)
        scope = bureau.ja if args.lang == "ja" else bureau.en
    count = write_pack(dataset, args.out, as_of, kpi_ids, args.lang, scope)
    print(f"{args.out}: meeting pack of {count} KPIs, as of {as_of}, {args.lang}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard", description="Tokyo KPI Tracker: outputs drawn with the dashboard's charts"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("report", help="write the meeting pack: one offline HTML file to print on A4")
    p.add_argument("--out", type=Path, required=True, help="HTML file to write")
    p.add_argument("--bureau", help="only this bureau's KPIs (its id, e.g. digital-service)")
    p.add_argument("--as-of", type=iso_date, help="evaluation date YYYY-MM-DD (default: latest actual)")
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="default: %(default)s")
    add_data_options(p)
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser(), argv)


if __name__ == "__main__":
    raise SystemExit(main())
