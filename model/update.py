"""Edit ``data/kpis.yaml`` safely: record figures, revise targets, register sources.

The current file is first read as the loader reads it (size limit, nesting, tags,
duplicate keys...), so an unreadable file gets the same FILE:LINE errors as ``validate``.
Each edit works on a ruamel.yaml round-trip tree (comments, key order, quoting and flow
style are kept) of the KPI's lines only, when it can (:mod:`model.roundtrip`), validates the
whole new text with the loader *before* touching the disk, then saves it and its audit line
together under a lock (:mod:`model.commit`). A rejected edit leaves the file byte-for-byte
unchanged.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace as replace_fields
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from model import commit, roundtrip, yamlfile
from model.audit import Change
from model.entries import (
    EntryError,
    add_observation,
    add_target,
    figure_map,
    find_kpi,
    list_of,
    reason_of,
)
from model.entries import FigureInput as FigureInput  # the input of every edit, for its callers
from model.loader import check_text, display_path, yaml_problem
from model.periods import PeriodError, parse_period
from model.problems import DataError, Problem, UpdateError
from model.roundtrip import Edit, RoundTripError
from model.yamlfile import YamlData, YamlProblem, decode, parse_text, read_stable


def _check_period(text: str) -> None:
    try:
        parse_period(text)
    except PeriodError as exc:
        raise UpdateError(str(exc)) from None


def record(
    kpi_id: str, period: str, kind: str, fig: FigureInput, replace: bool = False, reason: str | None = None
) -> Edit:
    """An edit adding an observation (or, with ``replace``, correcting one)."""
    _check_period(period)

    def edit(tree: CommentedMap) -> Change:
        item = figure_map([("period", period), ("kind", kind)], fig)
        try:
            change = add_observation(find_kpi(tree, kpi_id), kpi_id, item, replace)
        except EntryError as exc:
            raise UpdateError(f"{exc}; use --replace to correct it") from None
        return replace_fields(change, reason=reason)

    return Edit(edit, kpi_id)


def retarget(
    kpi_id: str,
    due: str,
    fig: FigureInput,
    reason: str | None,
    set_on: str | None = None,
    replaces: str | None = None,
) -> Edit:
    """An edit adding a target and marking the one it replaces ``superseded: true``.

    A revision needs a reason (the command line and the form both come through here).
    """
    reason = reason_of(reason)
    _check_period(due)
    set_on = set_on or date.today().isoformat()
    _check_period(set_on)

    def edit(tree: CommentedMap) -> Change:
        item = figure_map([], fig, [("due", due), ("set_on", set_on)], [("reason", reason)])
        return add_target(find_kpi(tree, kpi_id), kpi_id, item, reason, replaces)

    return Edit(edit, kpi_id)


def comment(
    kpi_id: str, day: str, author: str, text: str | dict[str, str], period: str | None = None
) -> Edit:
    """An edit adding a dated comment on a KPI's status (``text``: one text, or ``{ja, en}``)."""
    _check_period(day)
    if parse_period(day).kind != "date":
        raise UpdateError(f"{day!r} is not a date such as 2025-07-01")
    if period:
        _check_period(period)
    texts = text if isinstance(text, dict) else {"text": text}
    if not author.strip() or not any(str(v).strip() for v in texts.values()):
        raise UpdateError("a comment needs an author and a text")

    def edit(tree: CommentedMap) -> Change:
        comments = list_of(find_kpi(tree, kpi_id), "comments")
        item = CommentedMap([("date", day), ("author", author.strip())])
        if period:
            item["period"] = period
        item["text"] = CommentedMap(text) if isinstance(text, dict) else text
        comments.append(item)
        shown = " / ".join(str(v) for v in texts.values() if str(v).strip())
        return Change("comment", kpi_id, f"comments {day}", None, shown, None)

    return Edit(edit, kpi_id)


def add_source(
    source_id: str, title: str, url: str, published: str, accessed: str, publisher: str | None = None
) -> Edit:
    """An edit registering a document outside seeds/."""

    def edit(tree: CommentedMap) -> Change:
        sources = list_of(tree, "sources", before=("exclusions", "kpis"))
        if any(s.get("id") == source_id for s in sources):
            raise UpdateError(f'a source with id "{source_id}" is already registered')
        entry = CommentedMap([("id", source_id), ("title", title)])
        if publisher:
            entry["publisher"] = publisher
        entry.update([("url", url), ("published", published), ("accessed", accessed)])
        sources.append(entry)
        return Change("source-add", None, "sources", None, f"{source_id}: {title} <{url}>")

    return Edit(edit)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Serialise writers of one data file (readers never wait: writes are atomic renames)."""
    lock = path.with_name(f".{path.name}.lock")
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


Preview = tuple[str, Change, list[Problem]]


def _read(path: Path) -> bytes:
    """The file's bytes as the loader reads them (size limit, stable read) or DataError."""
    try:
        return read_stable(path)
    except YamlProblem as exc:
        raise DataError([yaml_problem(display_path(path), exc)]) from None


def _parsed(raw: bytes, path: Path) -> tuple[str, YamlData]:
    """The text and its plain reading; an unreadable file gets the errors of ``validate``."""
    try:
        text = decode(raw)
        return text, parse_text(text)
    except YamlProblem as exc:
        raise DataError([yaml_problem(display_path(path), exc)]) from None


def _edit(raw: bytes, path: Path, seeds: Path, edit: Edit) -> tuple[str, Change]:
    """The edited text (its plain reading is dropped on return, before validation)."""
    text, parsed = _parsed(raw, path)
    try:
        return roundtrip.edit_text(text, parsed, edit)
    except (RoundTripError, AttributeError, TypeError, KeyError, ValueError) as exc:
        # ruamel cannot read the file, or the edit met a malformed part (a list that is text...):
        # say what validate says about the file
        del parsed
        errors = [p for p in check_text(text, path, seeds)[1] if p.level == "error"]
        if errors:
            raise DataError(errors) from None
        if isinstance(exc, RoundTripError):
            raise UpdateError(f"the data file cannot be edited ({exc})") from None
        raise


def _edited(raw: bytes, path: Path, seeds: Path, edit: Edit) -> Preview:
    text, change = _edit(raw, path, seeds, edit)
    size = len(text.encode("utf-8"))
    if size > yamlfile.MAX_BYTES:
        limit = f"the edited file would be {size:,} bytes; the limit is {yamlfile.MAX_BYTES:,}"
        raise DataError([Problem("error", display_path(path), None, limit)])
    _, problems = check_text(text, path, seeds)
    return text, change, problems


def preview(path: Path, seeds: Path, edit: Edit) -> Preview:
    """The new text, the change and every problem of the result, without writing anything."""
    return _edited(_read(path), path, seeds, edit)


def apply(path: Path, seeds: Path, edit: Edit, editor: str, changes: Sequence[Change] = ()) -> Change:
    """Validate the edited file, then save it with its audit line; DataError/UpdateError otherwise.

    ``changes``: a list the edit fills with one change per entry it adds (``accept``); each
    gets its own audit line, all saved with the file.
    """
    with _locked(path):
        try:
            commit.recover(path)  # a save interrupted before: its audit line first
            raw = _read(path)
            text, change, problems = _edited(raw, path, seeds, edit)
            errors = [p for p in problems if p.level == "error"]
            if errors:
                raise DataError(errors)
            bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
            commit.save(path, bom + text.encode("utf-8"), raw, list(changes) or change, editor)
        except commit.CommitError as exc:
            raise UpdateError(str(exc)) from None
    return change
