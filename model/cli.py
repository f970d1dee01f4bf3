"""Command line: ``python -m model COMMAND`` (``--help`` lists them).

Messages go to stderr, data to stdout or files; exit 0 on success, 1 on invalid data or a
failed export, 2 on wrong usage. Never a traceback for a problem of the user's input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from model import bench, cli_reporting, coverage, passwords, synth
from model.cli_options import add_data_options, evaluation_date, iso_date
from model.export import ENCODINGS, ExportError, write_snapshot
from model.loader import DEFAULT_DATA, check, display_path, load
from model.problems import DataError
from model.schema import json_schema
from model.snapshots import SnapshotError
from model.terminal import say, tell
from model.update import UpdateError

SCHEMA_FILE = DEFAULT_DATA.parent / "kpis.schema.json"


def cmd_validate(args: argparse.Namespace) -> int:
    path = args.path or args.data
    shown = display_path(path)
    document, problems = check(path, args.seeds)
    for problem in problems:
        tell(problem)
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    if document is None:
        tell(f"{shown}: invalid ({errors} error(s), {warnings} warning(s))")
        return 1
    say(f"{shown}: valid ({len(document.kpis)} KPIs, {warnings} warning(s))")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    dataset = load(args.data, args.seeds)
    as_of = evaluation_date(dataset, args.as_of)
    frame = write_snapshot(dataset, args.out, as_of, args.encoding)
    say(f"{args.out}: {len(frame)} rows, {frame['kpi_id'].nunique()} KPIs, as of {as_of}, {args.encoding}")
    return 0


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def cmd_schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        tell(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m model", description="Tokyo KPI Tracker: data tools")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a data file; exit 1 when invalid")
    p.add_argument("path", nargs="?", type=Path, help="data file (same as --data)")
    add_data_options(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", help="write the CSV snapshot")
    p.add_argument("--out", type=Path, required=True, help="CSV file to write")
    p.add_argument("--as-of", type=iso_date, help="evaluation date YYYY-MM-DD (default: latest actual)")
    p.add_argument("--encoding", choices=ENCODINGS, default="utf-8-sig", help="default: %(default)s")
    add_data_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("schema", help="print the JSON Schema of the data file")
    p.add_argument("--out", type=Path, help=f"write it to a file (the committed one is {SCHEMA_FILE.name})")
    p.set_defaults(func=cmd_schema)
    coverage.add_parser(sub)
    synth.add_parser(sub)
    bench.add_parser(sub)
    cli_reporting.add_parsers(sub)
    passwords.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except DataError as exc:
        for problem in exc.problems:
            tell(problem)
        tell(f"{display_path(args.data)}: invalid, nothing written")
        return 1
    except (ExportError, SnapshotError, UpdateError) as exc:
        tell(f"error: {exc}")
        return 1
    except OSError as exc:
        tell(f"error: {exc.strerror or exc}: {exc.filename or ''}")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so in one line rather than a traceback
        tell(f"internal error: {exc!r} (please report it with the command you ran)")
        return 1
