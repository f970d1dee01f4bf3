"""``kpi accept``: merge the accepted proposals of a ``kpi draft`` file into the data file.

A proposal is accepted when the curator set ``accept: true`` on it, or when its id is named
with ``--only`` (then only those, whatever their ``accept:`` says). An accepted proposal
must be complete: any value still ``TODO`` (in ``entry`` or ``new_kpi``) refuses the whole
batch, naming the proposal and the field. Its entry is appended to the KPI's ``targets`` or
``observations``; a ``new_kpi`` stub becomes a new KPI first (once, when several proposals
share it). An entry that the KPI already holds (same period and kind, or the same target) is
a duplicate and refused; a target of the same due with another value revises it (the old one
is kept as ``superseded``) and needs a ``reason``.

Everything goes through :func:`model.update.apply`: the whole result is validated before
anything is written, comments are kept, the file is replaced atomically and gets one audit
line per accepted entry. On any problem nothing is written and the problems name the
proposals file's line, the proposal and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from model import update
from model.audit import Change
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
    seen: dict[tuple[str, str, str], Accepted] = {}
    for a in batch.chosen:
        key = (a.kpi, a.section, _when(a))
        if key in seen:
            message = f"the same {_when(a)} of {a.kpi} as proposal {seen[key].id}: accept one of them"
            problems.append(batch.problem(a, ("entry",), message))
        seen.setdefault(key, a)
    if problems:
        raise DataError(problems)
    if not batch.chosen:
        raise UpdateError(f"{file}: no proposal is accepted (set accept: true, or name them with --only)")
    return batch


def _check(batch: Batch, a: Accepted, item: dict[str, Any]) -> list[Problem]:
    out = []
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


def _list(parent: CommentedMap, key: str, before: tuple[str, ...]) -> CommentedSeq:
    if key not in parent:
        keys = list(parent.keys())
        parent.insert(next((keys.index(k) for k in before if k in keys), len(keys)), key, CommentedSeq())
    found: CommentedSeq = parent[key]
    return found


def _published(tree: CommentedMap, source: Any) -> str:
    for s in tree.get("sources") or []:
        if isinstance(s, dict) and s.get("id") == source and s.get("published"):
            return str(s["published"])
    return date.today().isoformat()


def _add(batch: Batch, tree: CommentedMap, a: Accepted, kpis: dict[str, CommentedMap]) -> Problem | None:
    """Put one accepted entry in the tree (a new KPI first); a problem when it cannot go in."""
    if a.new_kpi is not None and a.kpi not in batch.created:
        if a.kpi in kpis:
            return batch.problem(a, ("new_kpi", "id"), f'a KPI "{a.kpi}" is already in the data file')
        kpis[a.kpi] = _ordered(a.new_kpi, KPI_ORDER)
        _list(tree, "kpis", ()).append(kpis[a.kpi])
        batch.created[a.kpi] = a
    kpi = kpis.get(a.kpi)
    if kpi is None:
        return batch.problem(a, ("kpi",), f'no KPI "{a.kpi}" in the data file (and no new_kpi stub)')
    items = _list(
        kpi,
        a.section,
        ("observations", "note", "comments") if a.section == "targets" else ("note", "comments"),
    )
    entry = dict(a.entry)
    old = None
    if a.section == "observations":
        entry.setdefault("kind", "actual")
        same = [
            o
            for o in items
            if str(o.get("period")) == str(entry.get("period")) and o.get("kind", "actual") == entry["kind"]
        ]
        if same:
            return batch.problem(
                a, ("entry",), f"duplicate: {a.kpi} already has its {_when(a)} ({same[0].get('value')})"
            )
    else:
        same = [t for t in items if str(t.get("due")) == str(entry.get("due")) and not t.get("superseded")]
        if same and same[0].get("value") == entry.get("value"):
            return batch.problem(a, ("entry",), f"duplicate: {a.kpi} already has this {_when(a)}")
        if same and not entry.get("reason"):
            return batch.problem(
                a, ("entry", "reason"), f"revises the {_when(a)} ({same[0].get('value')}): say why in reason"
            )
        if same:
            keys = list(same[0].keys())
            same[0].insert(keys.index("due") + 1 if "due" in keys else len(keys), "superseded", True)
            old = same[0].get("value")
        entry.setdefault("set_on", _published(tree, entry.get("source")))
    items.append(_ordered(entry, ORDER[a.section]))
    batch.placed[(a.kpi, a.section, len(items) - 1)] = a
    what = f"{a.section} {_when(a).removeprefix('target ')}"
    why = f"proposal {a.id} of {batch.file}" + (" (new KPI)" if batch.created.get(a.kpi) is a else "")
    batch.changes.append(
        Change(
            "accept",
            a.kpi,
            what,
            old,
            entry.get("value"),
            entry.get("reason") or why,
            entry.get("source"),
            entry.get("quote"),
        )
    )
    return None


def edit_of(batch: Batch) -> Edit:
    """The edit adding every accepted entry; DataError (from inside the edit) on any refusal."""

    def edit(tree: CommentedMap) -> Change:
        batch.changes.clear()
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
