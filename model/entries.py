"""Where an entry goes in a KPI of the round-trip tree, and what the audit log says of it.

One behaviour for every writer (``record``, ``retarget`` and ``accept``): the list is created
before the KPI's later keys, an observation of a period and kind already held is refused
(or corrected), a target replaces the current one of its due (or the latest one, for a
revision) which is kept as ``superseded: true``, and a replacement needs a reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from model.audit import Change
from model.periods import parse_period
from model.problems import UpdateError


@dataclass(frozen=True)
class FigureInput:
    """A quoted value, as given on the command line or in the form."""

    value: float
    source: str
    quote: str
    approximate: bool = False
    note: str | None = None


def plain(value: float) -> int | float:
    """1300.0 → 1300, so the file reads as the curator would write it."""
    return int(value) if float(value).is_integer() else value


def find_kpi(tree: CommentedMap, kpi_id: str) -> CommentedMap:
    for kpi in tree.get("kpis") or []:
        if isinstance(kpi, CommentedMap) and kpi.get("id") == kpi_id:
            return kpi
    raise UpdateError(f'no KPI with id "{kpi_id}" (see `python -m model validate` or the dashboard)')


def list_of(parent: CommentedMap, key: str, before: tuple[str, ...] = ()) -> CommentedSeq:
    """The list under ``key``, created (before the first of ``before`` present) if missing."""
    if key not in parent:
        keys = list(parent.keys())
        position = next((keys.index(k) for k in before if k in keys), len(keys))
        parent.insert(position, key, CommentedSeq())
    found: CommentedSeq = parent[key]
    return found


def figure_map(
    leading: list[tuple[str, Any]],
    fig: FigureInput,
    middle: Sequence[tuple[str, Any]] = (),
    trailing: Sequence[tuple[str, Any]] = (),
) -> CommentedMap:
    """A figure's mapping in the file's usual key order: leading, value, middle, source, quote, trailing."""
    item = CommentedMap(leading)
    item["value"] = plain(fig.value)
    if fig.approximate:
        item["approximate"] = True
    item.update((k, v) for k, v in middle if v is not None)
    item["source"] = fig.source
    item["quote"] = fig.quote
    item.update((k, v) for k, v in trailing if v is not None)
    if fig.note:
        item["note"] = fig.note
    return item


class EntryError(UpdateError):
    """An entry that cannot go in; ``field``: its field at fault (None: the entry as a whole)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


#: Where a KPI's lists go when it has none yet: before the first of these keys present.
BEFORE = {"targets": ("observations", "note", "comments"), "observations": ("note", "comments")}


def reason_of(reason: str | None) -> str:
    """A revision's reason, stripped; EntryError when it is missing or blank."""
    if not reason or not reason.strip():
        raise EntryError("a revised target needs a reason (why the target changes)", "reason")
    return reason.strip()


def add_observation(kpi: CommentedMap, kpi_id: str, item: CommentedMap, replace: bool = False) -> Change:
    """Append ``item`` to the KPI's observations (or, with ``replace``, put it over the one of its
    period and kind); the change as the audit log tells it (``record``/``correct``)."""
    observations = list_of(kpi, "observations", before=BEFORE["observations"])
    period, kind = str(item["period"]), item.get("kind", "actual")
    same = [  # str(): ruamel reads an unquoted 2024-02-15 as a date
        i
        for i, o in enumerate(observations)
        if str(o.get("period")) == period and o.get("kind", "actual") == kind
    ]
    old_value = observations[same[0]].get("value") if same else None
    if same and not replace:
        raise EntryError(f'"{kpi_id}" already has a {kind} value for {period} ({old_value})')
    if same:
        observations[same[0]] = item
    else:
        observations.append(item)
    action = "correct" if same else "record"
    return Change(
        action,
        kpi_id,
        f"{kind} {period}",
        old_value,
        item["value"],
        None,
        item.get("source"),
        item.get("quote"),
    )


def add_target(
    kpi: CommentedMap,
    kpi_id: str,
    item: CommentedMap,
    reason: str | None,
    replaces: str | None = None,
    revision: bool = True,
) -> Change:
    """Append ``item`` to the KPI's targets and mark the one it replaces ``superseded: true``:
    the current target of its due (or of ``replaces``), else, for a ``revision``, the latest
    current one (a revision may move the due). Replacing needs a reason. Not a ``revision``
    (a target read in a document, ``accept``): another due is a further target, and the same
    value and due as a current target is a duplicate."""
    targets = list_of(kpi, "targets", before=BEFORE["targets"])
    due, value = str(item["due"]), item["value"]
    old = _replaced_target(targets, due, replaces, latest=revision)
    if old is not None and not revision and old.get("value") == value:
        raise EntryError(f'"{kpi_id}" already has this target ({plain(value)} due {due})')
    if old is not None:
        try:
            reason = reason_of(reason)
        except EntryError as exc:
            raise EntryError(
                f"{exc}: it replaces the target {old['due']} ({old['value']})", "reason"
            ) from None
        keys = list(old.keys())
        old.insert(keys.index("due") + 1 if "due" in keys else len(keys), "superseded", True)
    targets.append(item)
    old_text = f"{old['value']} due {old['due']}" if old is not None else None
    new_text = f"{plain(value)} due {due}"
    return Change(
        "retarget", kpi_id, "targets", old_text, new_text, reason, item.get("source"), item.get("quote")
    )


def _replaced_target(
    targets: CommentedSeq, due: str, replaces: str | None, latest: bool = True
) -> CommentedMap | None:
    current = [t for t in targets if not t.get("superseded")]
    wanted = replaces or due
    same: list[CommentedMap] = [t for t in current if str(t.get("due")) == wanted]
    if same:
        return same[0]
    if replaces:
        raise UpdateError(f"no current target due {replaces} to replace")
    if not latest:
        return None
    return max(current, key=lambda t: parse_period(str(t["due"])).end, default=None)
