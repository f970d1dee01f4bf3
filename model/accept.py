"""``kpi accept``: merge the accepted proposals of a ``kpi draft`` file into the data file.

A proposal is accepted when ``accept: true`` (which must be a boolean), or when ``--only``
names its id. It must be complete (no ``TODO``, no placeholder KPI id, one stub per new KPI,
a source registered with its ``published`` date, the ``set_on`` of its targets). Entries are
placed by the functions of ``record`` and ``retarget`` (:mod:`model.entries`): same place,
duplicates, superseding and audit line. Everything goes through :func:`model.update.apply`
(validated whole, atomic, one audit line per entry); on any problem nothing is written and
each problem names the proposals file's line, the proposal and the field (docs/drafting.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from dataclasses import replace as replace_fields
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from model import entries, update
from model.audit import Change
from model.draft import PLACEHOLDER
from model.loader import display_path, yaml_problem
from model.problems import DataError, Problem, UpdateError
from model.proposals import TODO
from model.roundtrip import Edit
from model.yamlfile import YamlData, YamlProblem, decode, parse_text, read_stable

SECTIONS = ("targets", "observations")
KINDS = ("actual", "plan", "estimate")
#: Key order of the entries as the data file writes them (other keys follow).
ORDER = {
    "targets": ("value", "approximate", "due", "set_on", "superseded", "source", "quote", "reason"),
    "observations": ("period", "kind", "value", "approximate", "bound", "source", "quote"),
}
KPI_ORDER = ("id", "name", "bureau", "also_bureaus", "pillar", "unit", "measure", "direction")
#: The keys of a proposal (what ``kpi draft`` writes).
KEYS = ("id", "accept", "kpi", "section", "entry", "line", "confidence", "reasons", "todo", "new_kpi")
_FIELD = re.compile(r"^(targets|observations)\[(\d+)\](?:\.(.*))?$")


@dataclass(frozen=True)
class Accepted:
    """One accepted proposal: its id, its place in the proposals file and what it adds."""

    id: str
    index: int
    kpi: str
    section: str
    entry: dict[str, Any]
    new_kpi: dict[str, Any] | None


@dataclass
class Batch:
    """The accepted proposals of one file, and where their entries land in the data file."""

    file: str
    yd: YamlData
    chosen: list[Accepted]
    changes: list[Change] = field(default_factory=list)
    placed: dict[tuple[str, str, int], Accepted] = field(default_factory=dict)
    created: dict[str, Accepted] = field(default_factory=dict)
    unregistered: set[str] = field(default_factory=set)  # sources already said to be unregistered

    def problem(self, a: Accepted, where: tuple[str | int, ...], message: str) -> Problem:
        """A problem at the proposal's line, naming the proposal and the field."""
        line = self.yd.line_of(("proposals", a.index, *where))
        shown = ".".join(str(w) for w in where)
        return Problem("error", self.file, line, message, None, f"proposal {a.id}, {shown}".rstrip(", "))


def read_proposals(path: Path) -> YamlData:
    """The proposals file read as the loader reads data files (DataError when it cannot be)."""
    try:
        return parse_text(decode(read_stable(path)))
    except YamlProblem as exc:
        raise DataError([yaml_problem(display_path(path), exc)]) from None


def _todo(value: Any, where: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    """The paths under ``where`` whose value is still TODO."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _todo(v, (*where, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _todo(v, (*where, i))]
    return [where] if isinstance(value, str) and value.strip() == TODO else []


def _when(a: Accepted) -> str:
    if a.section == "targets":
        return f"target {a.entry.get('due')}"
    return f"{a.entry.get('kind', 'actual')} {a.entry.get('period')}"


def select(yd: YamlData, file: str, only: list[str] | None) -> Batch:
    """The accepted proposals, checked one by one; DataError naming every incomplete one."""
    items = yd.data.get("proposals") if isinstance(yd.data, dict) else None
    if not isinstance(items, list):
        raise DataError([Problem("error", file, 1, "not a proposals file (no `proposals:` list)")])
    batch = Batch(file, yd, [])
    problems: list[Problem] = []
    ids = [str(item.get("id", "")) if isinstance(item, dict) else "" for item in items]
    for name in only or []:
        if name not in ids:
            problems.append(Problem("error", file, None, f'no proposal with id "{name}"'))
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(Problem("error", file, yd.line_of(("proposals", index)), "not a proposal"))
            continue
        problems.extend(_keys(batch, ids[index] or f"#{index + 1}", index, item))
        wanted = ids[index] in only if only is not None else item.get("accept") is True
        if not wanted:
            continue
        entry, stub = item.get("entry"), item.get("new_kpi")
        a = Accepted(
            ids[index] or f"#{index + 1}",
            index,
            str(item.get("kpi")),
            str(item.get("section")),
            entry if isinstance(entry, dict) else {},
            stub if isinstance(stub, dict) else None,
        )
        problems.extend(_check(batch, a, item))
        batch.chosen.append(a)
    problems.extend(_stubs(batch))
    seen: dict[tuple[str, str, str], Accepted] = {}
    for a in batch.chosen:
        key = (a.kpi, a.section, _when(a))
        if key in seen:
            message = f"the same {_when(a)} of {a.kpi} as proposal {seen[key].id}: accept one of them"
            problems.append(batch.problem(a, ("entry",), message))
        seen.setdefault(key, a)
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    if not batch.chosen:
        raise UpdateError(f"{file}: no proposal is accepted (set accept: true, or name them with --only)")
    return batch


def _keys(batch: Batch, pid: str, index: int, item: dict[str, Any]) -> list[Problem]:
    """``accept:`` true or false, and no key a proposal does not have (a misspelt ``acept``)."""
    a = Accepted(pid, index, "", "", {}, None)
    out = [
        batch.problem(a, (str(k),), f"unknown key; a proposal has {', '.join(KEYS)}")
        for k in item
        if k not in KEYS
    ]
    if not isinstance(item.get("accept"), bool):
        shown = "missing" if "accept" not in item else repr(item["accept"])
        out.append(batch.problem(a, ("accept",), f"must be true or false, not {shown}"))
    return out


def _stubs(batch: Batch) -> list[Problem]:
    """Two accepted stubs of one new KPI must be the same (the first is not silently kept)."""
    first: dict[str, Accepted] = {}
    out = []
    for a in batch.chosen:
        if a.new_kpi is None:
            continue
        other = first.setdefault(a.kpi, a)
        assert other.new_kpi is not None
        differ = sorted(k for k in {*a.new_kpi, *other.new_kpi} if a.new_kpi.get(k) != other.new_kpi.get(k))
        if differ:
            message = f"differs from the new_kpi of proposal {other.id} ({', '.join(differ)}): give it once"
            out.append(batch.problem(a, ("new_kpi",), message))
    return out


def _check(batch: Batch, a: Accepted, item: dict[str, Any]) -> list[Problem]:
    out = []
    if "kpi" not in item or not str(item.get("kpi") or "").strip():
        out.append(batch.problem(a, ("kpi",), "the KPI id is missing"))
    elif PLACEHOLDER.match(a.kpi):
        message = f"{a.kpi} is the drafter's placeholder: give the new KPI its id (here and in new_kpi.id)"
        out.append(batch.problem(a, ("kpi",), message))
    if a.section not in SECTIONS:
        out.append(batch.problem(a, ("section",), "must be targets or observations"))
    if not a.entry:
        out.append(batch.problem(a, ("entry",), "the entry is missing"))
    for key, value in (("kpi", item.get("kpi")), ("entry", a.entry), ("new_kpi", a.new_kpi)):
        out += [
            batch.problem(a, p, f"still {TODO}: fill it, or leave the proposal out")
            for p in _todo(value, (key,))
        ]
    if a.section == "observations" and a.entry.get("kind", "actual") not in KINDS:
        out.append(batch.problem(a, ("entry", "kind"), "must be actual, plan or estimate"))
    if a.new_kpi is not None and a.new_kpi.get("id") != a.kpi:
        out.append(batch.problem(a, ("new_kpi", "id"), f"must be the proposal's kpi ({a.kpi})"))
    return out


def _ordered(values: dict[str, Any], order: tuple[str, ...]) -> CommentedMap:
    keys = [k for k in order if k in values] + [k for k in values if k not in order]
    return CommentedMap((k, values[k]) for k in keys if values[k] is not None)


def _published(tree: CommentedMap, source: Any) -> Any | None:
    """The ``published`` date of a registered source (as the file holds it), or None."""
    for s in tree.get("sources") or []:
        if isinstance(s, dict) and s.get("id") == source and s.get("published"):
            day = s["published"]  # a date unquoted, as the file writes dates (a copy: no YAML anchor)
            return date(day.year, day.month, day.day) if isinstance(day, date) else str(day)
    return None


def _given_reason(a: Accepted) -> str | None:
    """The curator's reason as one text (a {ja, en} reason joined by " / "), if any."""
    given = a.entry.get("reason")
    if isinstance(given, dict):
        return " / ".join(str(v) for v in given.values() if str(v).strip())
    return given if isinstance(given, str) else None


def _reason(batch: Batch, a: Accepted) -> str:
    """The audit reason: the curator's, then where it came from."""
    given = _given_reason(a)
    trace = f"proposal {a.id} of {batch.file}" + (" (new KPI)" if batch.created.get(a.kpi) is a else "")
    return f"{given.strip()} ({trace})" if given and given.strip() else trace


def _add(batch: Batch, tree: CommentedMap, a: Accepted, kpis: dict[str, CommentedMap]) -> Problem | None:
    """Put one accepted entry in the tree (a new KPI first); a problem when it cannot go in."""
    published = _published(tree, a.entry.get("source"))
    if published is None:
        source = str(a.entry.get("source"))
        if source in batch.unregistered:
            return None  # said once, at its first proposal (nothing is written)
        batch.unregistered.add(source)
        how = (
            "add it under `sources:` with its `published` date (the set_on of its targets): "
            "python -m model source add ID --title … --url … --published YYYY-MM-DD --accessed YYYY-MM-DD"
        )
        return batch.problem(a, ("entry", "source"), f"{a.entry.get('source')} is not registered: {how}")
    if a.new_kpi is not None and a.kpi not in batch.created:
        if a.kpi in kpis:
            return batch.problem(a, ("new_kpi", "id"), f'a KPI "{a.kpi}" is already in the data file')
        kpis[a.kpi] = _ordered(a.new_kpi, KPI_ORDER)
        entries.list_of(tree, "kpis").append(kpis[a.kpi])
        batch.created[a.kpi] = a
    kpi = kpis.get(a.kpi)
    if kpi is None:
        return batch.problem(a, ("kpi",), f'no KPI "{a.kpi}" in the data file (and no new_kpi stub)')
    entry = dict(a.entry)
    try:
        if a.section == "observations":
            entry.setdefault("kind", "actual")
            change = entries.add_observation(kpi, a.kpi, _ordered(entry, ORDER[a.section]))
        else:
            entry.setdefault("set_on", published)
            item = _ordered(entry, ORDER[a.section])
            change = entries.add_target(kpi, a.kpi, item, _given_reason(a), revision=False)
    except entries.EntryError as exc:
        where = ("entry", exc.field) if exc.field else ("entry",)
        return batch.problem(a, where, f"duplicate: {exc}" if exc.field is None else str(exc))
    batch.placed[(a.kpi, a.section, len(kpi[a.section]) - 1)] = a
    batch.changes.append(replace_fields(change, action="accept", reason=_reason(batch, a)))
    return None


def edit_of(batch: Batch) -> Edit:
    """The edit adding every accepted entry; DataError (from inside the edit) on any refusal."""

    def edit(tree: CommentedMap) -> Change:
        batch.changes.clear()
        batch.placed.clear()
        batch.created.clear()
        batch.unregistered.clear()
        kpis = {str(k.get("id")): k for k in tree.get("kpis") or [] if isinstance(k, CommentedMap)}
        problems = [p for a in batch.chosen if (p := _add(batch, tree, a, kpis)) is not None]
        if problems:
            raise DataError(problems)
        return batch.changes[0]

    return Edit(edit)


def _traced(batch: Batch, p: Problem) -> Problem:
    """A problem of the merged data file, told at the proposal that caused it when one did."""
    found = _FIELD.match(p.field or "")
    if p.kpi_id is not None and found is not None:
        a = batch.placed.get((p.kpi_id, found[1], int(found[2])))
        if a is not None:
            where = ("entry", *(found[3] or "").split(".")) if found[3] else ("entry",)
            return batch.problem(a, where, p.message)
    if p.kpi_id in batch.created:
        a = batch.created[p.kpi_id]
        return batch.problem(a, ("new_kpi", *p.field.split(".")) if p.field else ("new_kpi",), p.message)
    return p


def accept(
    proposals: Path, data: Path, seeds: Path, editor: str, only: list[str] | None = None
) -> list[Change]:
    """Merge the accepted proposals into ``data``: every change, or DataError and nothing written."""
    batch = select(read_proposals(proposals), display_path(proposals), only)
    try:
        update.apply(data, seeds, edit_of(batch), editor, batch.changes)
    except DataError as exc:
        raise DataError([_traced(batch, p) for p in exc.problems]) from None
    return list(batch.changes)
