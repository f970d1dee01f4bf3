"""Reporting-cycle commands: record, retarget, comment, source add, snapshot, diff."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from model import settings
from model.cli.options import add_data_options, evaluation_date, iso_date
from model.problems import UpdateError
from model.terminal import say, write_lines
from model.userinput import InputError, read_value
from model.words import word

if TYPE_CHECKING:  # heavy (pandas, ruamel): imported by the commands that use them
    import pandas as pd

    from model.roundtrip import Edit
    from model.update import FigureInput


def _number(text: str) -> tuple[float, bool]:
    """``--value``: read as the dashboard's form reads it (:func:`model.userinput.read_value`)."""
    try:
        return read_value(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(word(exc.key, "en", text=exc.text)) from None


def editor_of(args: argparse.Namespace) -> str:
    """``--editor``, else ``cli:<user>`` (the name in the audit log)."""
    if args.editor:
        return str(args.editor)
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:" + os.environ.get("USER", "unknown")


def _figure(args: argparse.Namespace) -> FigureInput:
    from model.update import FigureInput

    value, approximate = args.value
    return FigureInput(value, args.source, args.quote, args.approximate or approximate, args.note)


def _apply(args: argparse.Namespace, edit: Edit) -> int:
    from model import update
    from model.loader import display_path

    change = update.apply(args.data, args.seeds, edit, editor_of(args))
    say(f"{display_path(args.data)}: {change.summary()}")
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from model import update

    edit = update.record(args.kpi, args.period, args.kind, _figure(args), args.replace, args.reason)
    return _apply(args, edit)


def cmd_retarget(args: argparse.Namespace) -> int:
    from model import update

    edit = update.retarget(args.kpi, args.due, _figure(args), args.reason, args.set_on, args.replaces)
    return _apply(args, edit)


def cmd_comment(args: argparse.Namespace) -> int:
    from model import update

    text = {"ja": args.ja, "en": args.en} if args.ja and args.en else (args.ja or args.en)
    if not text:
        raise UpdateError("give the comment with --ja and/or --en")
    day = (args.date or date.today()).isoformat()
    edit = update.comment(args.kpi, day, args.author or editor_of(args), text, args.period)
    return _apply(args, edit)


def cmd_source_add(args: argparse.Namespace) -> int:
    from model import update

    edit = update.add_source(args.id, args.title, args.url, args.published, args.accessed, args.publisher)
    return _apply(args, edit)


def cmd_snapshot(args: argparse.Namespace) -> int:
    from model.loader import display_path, load
    from model.snapshots import take

    dataset = load(args.data, args.seeds)
    folder = settings.snapshots_folder(args.data, args.out_dir)
    entry = take(dataset, evaluation_date(dataset, args.as_of), folder)
    counts = ", ".join(f"{k} {v}" for k, v in entry["status_counts"].items() if v)
    say(f"{display_path(folder / entry['file'])}: {entry['rows']} rows, {entry['kpis']} KPIs ({counts})")
    return 0


def side(spec: str, data: Path, seeds: Path) -> tuple[str, pd.DataFrame]:
    from model.export import snapshot_frame
    from model.loader import load
    from model.snapshots import read_snapshot

    """A diff side: a snapshot CSV file, or an evaluation date of the current data."""
    path = Path(spec)
    if path.suffix.lower() == ".csv" or path.is_file():
        return path.name, read_snapshot(path)
    try:
        as_of = date.fromisoformat(spec)
    except ValueError:
        raise UpdateError(f"{spec!r} is neither a snapshot file nor a date such as 2024-03-31") from None
    return f"data as of {as_of}", snapshot_frame(load(data, seeds), as_of)


def cmd_diff(args: argparse.Namespace) -> int:
    from model.diff import as_table, as_text, diff
    from model.export import to_csv_bytes

    old_label, old = side(args.old, args.data, args.seeds)
    new_label, new = side(args.new, args.data, args.seeds)
    changes = diff(old, new)
    if args.format == "csv":
        sys.stdout.buffer.write(to_csv_bytes(as_table(changes), "utf-8"))
    else:
        write_lines(as_text(changes, old_label, new_label))
    return 0


def _figure_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--value", type=_number, required=True, help="1300, 1,300 or 約1,300 (sets --approximate)")
    p.add_argument("--source", required=True, help="seed file name or registered source id")
    p.add_argument("--quote", required=True, help="verbatim text of the source containing the value")
    p.add_argument("--approximate", action="store_true", help="the source says 約 (about)")
    p.add_argument("--note", help="free text")
    p.add_argument("--editor", help="name for the audit log (default: cli:<user>)")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the reporting commands on the main parser."""

    p = sub.add_parser("record", help="add an actual, plan or estimate to a KPI")
    p.add_argument("kpi", help="KPI id")
    p.add_argument("--period", required=True, help="FY2024, FY2024Q2, 2024-02 or 2024-02-15")
    p.add_argument("--kind", choices=("actual", "plan", "estimate"), default="actual")
    p.add_argument("--replace", action="store_true", help="correct an existing value of that period and kind")
    p.add_argument("--reason", help="why (kept in the audit log)")
    _figure_options(p)
    add_data_options(p)
    p.set_defaults(func=cmd_record)

    p = sub.add_parser("retarget", help="add a target and keep the old one as superseded")
    p.add_argument("kpi", help="KPI id")
    p.add_argument("--due", required=True, help="period by whose end the target is due")
    p.add_argument("--reason", required=True, help="why the target changes")
    p.add_argument("--set-on", help="date the target was set (default: today)")
    p.add_argument("--replaces", help="due period of the target replaced (default: same due, else latest)")
    _figure_options(p)
    add_data_options(p)
    p.set_defaults(func=cmd_retarget)

    p = sub.add_parser("comment", help="add a dated comment on a KPI's status (why behind, what is done)")
    p.add_argument("kpi", help="KPI id")
    p.add_argument("--ja", help="the comment in Japanese")
    p.add_argument("--en", help="the comment in English (with --ja: both are kept)")
    p.add_argument("--author", help="who comments, e.g. a section (default: the editor)")
    p.add_argument("--date", type=iso_date, help="YYYY-MM-DD (default: today)")
    p.add_argument("--period", help="the period the comment is about, e.g. FY2024")
    p.add_argument("--editor", help="name for the audit log (default: cli:<user>)")
    add_data_options(p)
    p.set_defaults(func=cmd_comment)

    source = sub.add_parser("source", help="register documents outside seeds/")
    source_sub = source.add_subparsers(dest="source_command", required=True, metavar="ACTION")
    p = source_sub.add_parser("add", help="register a source to cite by its id")
    p.add_argument("id", help="lower-case slug, e.g. tokyo-wifi-2024q2")
    p.add_argument("--title", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--published", required=True, help="YYYY-MM-DD")
    p.add_argument("--accessed", required=True, help="YYYY-MM-DD")
    p.add_argument("--publisher")
    p.add_argument("--editor", help="name for the audit log")
    add_data_options(p)
    p.set_defaults(func=cmd_source_add)

    p = sub.add_parser("snapshot", help="write snapshots/<as_of>.csv and update snapshots/index.json")
    p.add_argument("--as-of", type=iso_date, help="evaluation date (default: latest actual)")
    p.add_argument(
        "--out-dir",
        type=Path,
        help="snapshot folder (default: $KPI_SNAPSHOTS, else snapshots/ beside the data file)",
    )
    add_data_options(p)
    p.set_defaults(func=cmd_snapshot)

    p = sub.add_parser("diff", help="what changed between two snapshots or evaluation dates")
    p.add_argument("old", help="snapshot CSV file or YYYY-MM-DD (current data at that date)")
    p.add_argument("new", help="snapshot CSV file or YYYY-MM-DD")
    p.add_argument("--format", choices=("text", "csv"), default="text")
    add_data_options(p)
    p.set_defaults(func=cmd_diff)
