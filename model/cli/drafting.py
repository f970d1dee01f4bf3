"""``draft``: YAML proposals for the figures of a new document that the data does not hold yet;
``accept``: the reviewed proposals merged into the data file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from model.cli.options import add_data_options, iso_date, tell_problems
from model.terminal import say, tell

if TYPE_CHECKING:
    from model.schema import Document


def cmd_draft(args: argparse.Namespace) -> int:
    from model.atomic import write_atomic
    from model.draft import Drafter
    from model.drafteval import published_day
    from model.loader import display_path, load
    from model.proposals import ids, render, summary
    from model.seedtext import normalise_seed

    dataset = load(args.data, args.seeds)
    if args.evaluate:
        return _evaluate(dataset.document, args)
    if args.document is None:
        tell("error: give a DOCUMENT to draft from, or --evaluate")
        return 2
    if args.out is not None and args.out.exists() and not args.force:
        tell(
            f"error: {display_path(args.out)} already exists (it may hold a review): "
            "give another --out, or --force"
        )
        return 1
    raw = args.document.read_bytes().decode("utf-8-sig", errors="replace")
    source = args.source_id or args.document.name
    registered = published_day(dataset.document, source)
    published = args.published or registered
    if registered is None:
        _unregistered(source, args.published is not None)
    proposals = Drafter(dataset.document, source, published).draft(normalise_seed(source, raw), raw)
    text = render(source, proposals)
    if args.out is None:
        for line in text.splitlines():
            say(line)
        return 0
    write_atomic(args.out, text.encode("utf-8"))
    for proposal, pid in zip(proposals, ids(proposals), strict=True):
        say(summary(proposal, pid))
    tell(f"wrote {display_path(args.out)}: {len(proposals)} proposal(s)")
    return 0


def _unregistered(source: str, dated: bool) -> None:
    """Say what the dates of an unregistered document rest on, and what accept will need."""
    dates = "dated against --published" if dated else "dated by its own text only (no --published)"
    tell(
        f"note: {source} is not registered under sources: with its published date; its figures are "
        f"{dates}, and accept refuses them until it is registered: python -m model source add {source} "
        "--title TITLE --url URL --published YYYY-MM-DD --accessed YYYY-MM-DD"
    )


def _evaluate(document: Document, args: argparse.Namespace) -> int:
    from model.drafteval import evaluate, table

    results = evaluate(document, args.seeds)
    for line in table(results).splitlines():
        say(line)
    if args.misses:
        for result in results:
            for line in result.misses:
                say(f"{result.seed}: missed {line}")
            for line in result.wrong:
                say(f"{result.seed}: wrong {line}")
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    from model.accept import accept
    from model.cli.reporting import editor_of
    from model.loader import display_path
    from model.problems import DataError

    only = [x.strip() for x in args.only.split(",") if x.strip()] if args.only is not None else None
    try:
        changes = accept(args.proposals, args.data, args.seeds, editor_of(args), only)
    except DataError as exc:
        return tell_problems(
            exc, f"{display_path(args.data)}: nothing written ({len(exc.problems)} problem(s))"
        )
    for change in changes:
        say(f"{display_path(args.data)}: {change.summary()}")
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``draft`` on the subcommands."""
    p = sub.add_parser("draft", help="YAML proposals for the untracked figures of a document")
    p.add_argument("document", nargs="?", type=Path, help="plain-text document (the seeds' format)")
    p.add_argument("--source-id", help="id the entries cite (default: the document's file name)")
    p.add_argument("--published", type=iso_date, help="publication date (default: from sources:)")
    p.add_argument("--out", type=Path, help="write the proposals file here (default: print it)")
    p.add_argument("--force", action="store_true", help="overwrite the --out file if it exists")
    p.add_argument("--evaluate", action="store_true", help="measure the drafter on the seeds, data hidden")
    p.add_argument("--misses", action="store_true", help="with --evaluate: list misses and wrong fields")
    add_data_options(p)
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser("accept", help="merge the accepted proposals of a `draft --out` file into the data")
    p.add_argument("proposals", type=Path, help="the proposals file, reviewed (accept: true, no TODO left)")
    p.add_argument("--only", help="accept exactly these proposal ids (L17,L18), whatever accept: says")
    p.add_argument("--editor", help="name for the audit log (default: cli:<user>)")
    add_data_options(p)
    p.set_defaults(func=cmd_accept)
