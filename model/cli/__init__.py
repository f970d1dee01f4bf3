"""Command line: ``python -m model COMMAND`` (``--help`` lists them).

Messages go to stderr, data to stdout or files; exit 0 on success, 1 on invalid data or a
failed export, 2 on wrong usage. Never a traceback for a problem of the user's input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from model import settings
from model.cli import accounts, coverage, drafting, reporting
from model.cli.options import add_data_options, evaluation_date, iso_date
from model.problems import DataError, ExportError, SnapshotError, UpdateError
from model.terminal import say, tell

# Heavy modules (pandas, openpyxl, ruamel) are imported inside the commands that use them, so
# that `validate` starts fast.

SCHEMA_FILE = settings.DEFAULT_DATA.parent / "kpis.schema.json"


def cmd_validate(args: argparse.Namespace) -> int:
    from model.loader import check, display_path

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


def export_format(args: argparse.Namespace) -> str:
    """``--format`` as given, else from the file name: ``.xlsx`` is the workbook, anything else CSV."""
    fmt = args.format or ("xlsx" if args.out.suffix.lower() == ".xlsx" else "csv")
    if fmt == "xlsx" and args.encoding:
        raise ExportError("--encoding is for the CSV only: an xlsx workbook always holds Unicode text")
    return fmt


def cmd_export(args: argparse.Namespace) -> int:
    from model.export import write_snapshot
    from model.loader import load
    from model.workbook import write_workbook

    fmt = export_format(args)
    dataset = load(args.data, args.seeds)
    as_of = evaluation_date(dataset, args.as_of)
    if fmt == "xlsx":
        kpis, rows = write_workbook(dataset, args.out, as_of)
        say(f"{args.out}: {kpis} KPIs, {rows} figure rows, as of {as_of}, xlsx")
        return 0
    encoding = args.encoding or "utf-8-sig"
    frame = write_snapshot(dataset, args.out, as_of, encoding)
    say(f"{args.out}: {len(frame)} rows, {frame['kpi_id'].nunique()} KPIs, as of {as_of}, {encoding}")
    return 0


def schema_text() -> str:
    from model.schema import json_schema

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

    p = sub.add_parser("export", help="write the CSV snapshot or the Excel workbook")
    p.add_argument("--out", type=Path, required=True, help="file to write (.csv or .xlsx)")
    p.add_argument("--format", choices=("csv", "xlsx"), help="default: xlsx for a .xlsx file name, else csv")
    p.add_argument("--as-of", type=iso_date, help="evaluation date YYYY-MM-DD (default: latest actual)")
    p.add_argument("--encoding", choices=settings.CSV_ENCODINGS, help="CSV only (default: utf-8-sig)")
    add_data_options(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("schema", help="print the JSON Schema of the data file")
    p.add_argument("--out", type=Path, help=f"write it to a file (the committed one is {SCHEMA_FILE.name})")
    p.set_defaults(func=cmd_schema)
    coverage.add_parser(sub)
    drafting.add_parser(sub)
    reporting.add_parsers(sub)
    accounts.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # The project uses no pydantic plugin; looking for one reads every installed package's entry
    # points when the schema is first built (a sixtieth of `validate`). Set to look, it still
    # looks; the setting ends with the command (a caller in the same process keeps its own).
    ours = "PYDANTIC_DISABLE_PLUGINS" not in os.environ
    if ours:
        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    try:
        return run(build_parser(), argv)
    finally:
        if ours:
            os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)


def run(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command; the user's problems become messages, never tracebacks."""
    args = parser.parse_args(argv)
    if "data" in args:  # flags first, then KPI_DATA / KPI_SEEDS, then the defaults
        args.data = settings.data_file(args.data)
    if "seeds" in args:
        args.seeds = settings.seeds_folder(args.seeds)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except DataError as exc:
        for problem in exc.problems:
            tell(problem)
        from model.loader import display_path

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
