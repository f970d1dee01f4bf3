"""Checks across fields that the schema alone cannot express.

Each rule takes the validated document and yields ``(level, path, message)``; the
loader turns paths into file lines. A rule that crashes is reported as a problem
instead of stopping the run.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from model.problems import FieldPath, Level
from model.provenance import Quote, Seeds, is_approximate
from model.schema import Derived, Document, Figure, Kpi, Text
from model.visible import describe, hidden_in

Finding = tuple[Level, FieldPath, str]
Rule = Callable[[Document, Seeds], Iterator[Finding]]


def _first_seen(items: list[Any], key: Callable[[Any], str]) -> Iterator[tuple[int, str, int]]:
    """Yield (index, key, first index) for every repeated key."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        k = key(item)
        if k in seen:
            yield i, k, seen[k]
        else:
            seen[k] = i


def unique_ids(doc: Document, _seeds: Seeds) -> Iterator[Finding]:
    for section in ("bureaus", "pillars", "kpis", "sources"):
        items = getattr(doc, section)
        for i, ident, first in _first_seen(items, lambda item: item.id):
            yield "error", (section, i, "id"), f'duplicate id "{ident}" (also {section}[{first}])'


def known_references(doc: Document, _seeds: Seeds) -> Iterator[Finding]:
    """Every KPI's bureaus and pillar are defined (skipped for a section that is itself invalid)."""
    bureaus = {b.id for b in doc.bureaus}
    pillars = {p.id for p in doc.pillars}
    for i, kpi in enumerate(doc.kpis):
        if bureaus and kpi.bureau not in bureaus:
            yield "error", ("kpis", i, "bureau"), _unknown("bureau", kpi.bureau, bureaus)
        for j, also in enumerate(kpi.also_bureaus):
            path = ("kpis", i, "also_bureaus", j)
            if also in kpi.bureau_ids[: j + 1]:
                yield "error", path, f'bureau "{also}" is named twice; list each bureau of the KPI once'
            elif bureaus and also not in bureaus:
                yield "error", path, _unknown("bureau", also, bureaus)
        if pillars and kpi.pillar not in pillars:
            yield "error", ("kpis", i, "pillar"), _unknown("pillar", kpi.pillar, pillars)


def _unknown(what: str, ident: str, known: set[str]) -> str:
    return f'unknown {what} "{ident}"; define it under {what}s: (known: {", ".join(sorted(known))})'


def evidence_of(kpi: Kpi) -> Iterator[tuple[FieldPath, Figure]]:
    """Every quoted figure of a KPI with its path inside the KPI."""
    if kpi.baseline is not None:
        yield ("baseline",), kpi.baseline
    for j, target in enumerate(kpi.targets):
        yield ("targets", j), target
    for j, obs in enumerate(kpi.observations):
        yield ("observations", j), obs


def _check_quote(
    seeds: Seeds, registered: dict[str, str], path: FieldPath, source: str, quote: str, value: float | None
) -> Iterator[Finding]:
    """A seed quote must occur in the seed; any quote must state the value (unless ``None``)."""
    if source in registered:
        yield (
            "warning",
            (*path, "quote"),
            f'unverified: "{registered[source]}" is not in seeds/, so the quote cannot be checked offline',
        )
    elif seeds.normalised(source) is None:
        yield (
            "error",
            (*path, "source"),
            f'no seed file or registered source "{source}" (seeds: {seeds.folder})',
        )
        return
    prepared = Quote.of(quote)  # normalised once for both checks
    if source not in registered and not seeds.contains_normalised(source, prepared.normalised):
        yield "error", (*path, "quote"), f"quote not found in {source} (compared without spaces, NFKC)"
        return
    if value is not None and not prepared.states(value):
        yield "error", (*path, "value"), f"{_fmt(value)} does not occur in the quote"
    elif value is not None and not prepared.says_more_than(value):
        yield (
            "error",
            (*path, "quote"),
            "the quote is only the number, which could come from anywhere in the document; "
            "quote it with the words around it (at least its counter, e.g. 約1,300か所)",
        )


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def _external(doc: Document, seeds: Seeds) -> dict[str, str]:
    """Registered sources that are not documents in seeds/, by id, with their titles."""
    return {s.id: s.title for s in doc.sources if seeds.normalised(s.id) is None}


def provenance(doc: Document, seeds: Seeds) -> Iterator[Finding]:
    registered = _external(doc, seeds)
    for i, kpi in enumerate(doc.kpis):
        for sub, ev in evidence_of(kpi):
            path = ("kpis", i, *sub)
            if kpi.measure == "milestone" and ev.derived is None:
                # a promise without a number: the quote need not hold the digit
                assert ev.source is not None and ev.quote is not None
                yield from _check_quote(seeds, registered, path, ev.source, ev.quote, None)
                continue
            if ev.derived is None:
                assert ev.source is not None and ev.quote is not None
                yield from _check_quote(seeds, registered, path, ev.source, ev.quote, ev.value)
                if is_approximate(ev.quote) and not ev.approximate:
                    yield "warning", (*path, "approximate"), "the quote says 約/程度 but approximate is false"
                continue
            yield from _check_derivation(path, ev.value, ev.derived)
            if ev.source is not None and ev.quote is not None and not seeds.contains(ev.source, ev.quote):
                yield "error", (*path, "quote"), f"quote not found in {ev.source}"
            for k, part in enumerate(ev.derived.parts):
                ppath = (*path, "derived", "parts", k)
                if part.item and part.value != 1:
                    yield "error", (*ppath, "value"), "a named item (item: true) counts 1; write value: 1"
                stated = None if part.item else part.value  # an item's quote names it, without a digit
                yield from _check_quote(seeds, registered, ppath, part.source, part.quote, stated)


#: A ratio is a percentage rounded to two decimals: 1,688 / 3,371 → 50.07.
RATIO_TOLERANCE = 0.005


def _check_derivation(path: FieldPath, value: float, derived: Derived) -> Iterator[Finding]:
    """The value is the sum of the parts, or 100 × the first part / the second (ratio)."""
    parts = [p.value for p in derived.parts]
    if derived.operation == "sum":
        total = math.fsum(parts)
        if not math.isclose(total, value, rel_tol=1e-9, abs_tol=1e-9):
            yield "error", (*path, "value"), f"derived sum of parts is {_fmt(total)}, not {_fmt(value)}"
        return
    where = (*path, "derived", "parts")
    if len(parts) != 2:
        yield "error", where, f"a ratio has two parts (part / whole), not {len(parts)}"
    elif parts[1] == 0:
        yield "error", (*where, 1, "value"), "the whole of a ratio must not be 0"
    elif abs(100 * parts[0] / parts[1] - value) > RATIO_TOLERANCE + 1e-9:
        ratio = 100 * parts[0] / parts[1]
        yield (
            "error",
            (*path, "value"),
            f"derived ratio 100 × {_fmt(parts[0])} / {_fmt(parts[1])} is {ratio:.2f}, not {_fmt(value)}",
        )


def exclusions_found(doc: Document, seeds: Seeds) -> Iterator[Finding]:
    for i, ex in enumerate(doc.exclusions):
        if seeds.normalised(ex.source) is None:
            yield "error", ("exclusions", i, "source"), f'no seed file "{ex.source}" in {seeds.folder}'
        elif not seeds.contains(ex.source, ex.quote):
            yield "error", ("exclusions", i, "quote"), f"quote not found in {ex.source}"


def consistent_targets(doc: Document, _seeds: Seeds) -> Iterator[Finding]:
    for i, kpi in enumerate(doc.kpis):
        current = [(j, t) for j, t in enumerate(kpi.targets) if not t.superseded]
        for j, due, first in _first_seen(current, lambda jt: jt[1].due):
            yield (
                "error",
                ("kpis", i, "targets", current[j][0], "due"),
                f"two current targets due {due} (also targets[{current[first][0]}]); "
                "mark the older one superseded: true",
            )
        for j, target in enumerate(kpi.targets):
            if target.recurring and kpi.measure != "per_year":
                yield (
                    "error",
                    ("kpis", i, "targets", j, "recurring"),
                    "recurring targets need measure: per_year",
                )
        if kpi.targets and not current:
            yield "error", ("kpis", i, "targets"), "every target is superseded; one must be current"


def unique_observations(doc: Document, _seeds: Seeds) -> Iterator[Finding]:
    for i, kpi in enumerate(doc.kpis):
        obs = kpi.observations
        for j, key, first in _first_seen(obs, lambda o: f"{o.kind} {o.period}"):
            yield (
                "error",
                ("kpis", i, "observations", j, "period"),
                f"a second {key.replace(' ', ' value for ')} (also observations[{first}])",
            )


def milestones(doc: Document, _seeds: Seeds) -> Iterator[Finding]:
    """A milestone is done (1) or not (0); its targets are 1, its figures no floors."""
    for i, kpi in enumerate(doc.kpis):
        if kpi.measure != "milestone":
            continue
        path = ("kpis", i)
        if kpi.baseline is not None:
            yield "error", (*path, "baseline"), "a milestone has no baseline (it is done or not)"
        for j, target in enumerate(kpi.targets):
            if target.value != 1:
                yield "error", (*path, "targets", j, "value"), "a milestone's target is value: 1 (done)"
        for j, obs in enumerate(kpi.observations):
            if obs.value not in (0, 1):
                yield (
                    "error",
                    (*path, "observations", j, "value"),
                    "a milestone's figure is 1 (done) or 0 (reported not done)",
                )
            if obs.bound is not None:
                yield "error", (*path, "observations", j, "bound"), "a milestone's figure has no bound"


def _sources_cited(ev: Figure) -> list[str]:
    cited = [ev.source] if ev.source is not None else []
    return cited + ([p.source for p in ev.derived.parts] if ev.derived is not None else [])


def publication_dates(doc: Document, seeds: Seeds) -> Iterator[Finding]:
    """Sources say when they were published, so that a figure's date of knowledge is known."""
    for i, source in enumerate(doc.sources):
        if seeds.normalised(source.id) is None:
            for key in ("url", "published", "accessed"):
                if getattr(source, key) is None:
                    yield "error", ("sources", i, key), f"a source outside seeds/ needs {key}:"
    dates = {s.id: s.published for s in doc.sources}
    unregistered: set[str] = set()
    for i, kpi in enumerate(doc.kpis):
        for sub, ev in evidence_of(kpi):
            for cited in _sources_cited(ev):
                if cited not in dates and cited not in unregistered:
                    unregistered.add(cited)
                    yield (
                        "warning",
                        ("kpis", i, *sub),
                        f'source "{cited}" is not registered under sources: with its published date,'
                        " so its figures count as known at every date",
                    )
            published = [dates.get(c) for c in _sources_cited(ev)]
            known = [d for d in published if d is not None]
            if ev.reported_on is not None and known and ev.reported_on < min(known):
                yield (
                    "error",
                    ("kpis", i, *sub, "reported_on"),
                    f"reported_on {ev.reported_on} is before its source was published ({min(known)})",
                )


def _names(doc: Document) -> Iterator[tuple[FieldPath, str]]:
    """Every name shown to readers: bureaus, pillars, KPI names and units, source titles."""
    labelled: list[tuple[FieldPath, Text]] = [(("bureaus", i), b) for i, b in enumerate(doc.bureaus)]
    labelled += [(("pillars", i), p) for i, p in enumerate(doc.pillars)]
    for i, kpi in enumerate(doc.kpis):
        labelled += [(("kpis", i, "name"), kpi.name), (("kpis", i, "unit"), kpi.unit)]
    for path, text in labelled:
        yield (*path, "ja"), text.ja
        yield (*path, "en"), text.en
    for i, source in enumerate(doc.sources):
        yield ("sources", i, "title"), source.title
        if source.publisher is not None:
            yield ("sources", i, "publisher"), source.publisher


def visible_names(doc: Document, _seeds: Seeds) -> Iterator[Finding]:
    """Names hold no invisible or reordering characters (ids are slugs: the schema sees to them)."""
    for path, name in _names(doc):
        hidden = hidden_in(name)
        if hidden:
            yield (
                "error",
                path,
                f"contains {', '.join(map(describe, hidden))}, which the reader cannot see "
                "(it can hide or reorder text); remove it",
            )


RULES: list[Rule] = [
    unique_ids,
    known_references,
    consistent_targets,
    unique_observations,
    provenance,
    exclusions_found,
    milestones,
    publication_dates,
    visible_names,
]
