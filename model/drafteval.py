"""``kpi draft --evaluate``: the drafter measured against our own curation.

The drafter runs over every seed with the data's figures and exclusions hidden: it sees the
KPI catalogue (ids, names, units, bureaus, pillars) and the sources' dates, as it would for a
new edition, but no target, observation, baseline or exclusion. The answer key:

- a *curated figure* is a (seed, quote, value) of the data file: a target, observation or
  baseline quoting a seed, or one quoted part of a derived value. The same quote and value
  used by several entries (a part summed into two totals) is one figure; its attributes are
  right when they agree with any of its entries.
- it is *found* when a proposal of that value (1 for a milestone) lies inside an occurrence
  of its quote in the seed. Named items without a digit (``item: true``) cannot be found by a
  number and count as misses.
- among the found: kind (``milestone`` for a milestone KPI's target; a baseline is an
  actual), period (``due`` of a target), unit (the counter: ``件/年`` and ``回（延べ）`` count
  in 件 and 回), bureau (any bureau of the KPI) and KPI (the proposal names the curated KPI).
- precision: the share of proposals that lie in a curated quote with its value, or in an
  excluded passage.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from model.coverage import occurrences
from model.draft import Drafter, Proposal, hide_figures
from model.draftmatch import unit_base
from model.rules import evidence_of
from model.schema import Document, Kpi
from model.seedtext import normalise_seed

ATTRIBUTES = ("kind", "period", "unit", "bureau", "kpi")


@dataclass
class KeyFigure:
    source: str
    quote: str
    value: float
    kinds: set[str] = field(default_factory=set)
    periods: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)
    bureaus: set[str] = field(default_factory=set)
    kpis: set[str] = field(default_factory=set)
    item: bool = False


@dataclass
class SeedResult:
    seed: str
    key: int = 0
    found: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    proposals: int = 0
    curated: int = 0
    excluded: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def published_day(document: Document, source: str) -> date | None:
    text = next((s.published for s in document.sources if s.id == source), None)
    if text is None:
        return None
    return date.fromisoformat(text if len(text) == 10 else f"{text}-01")


def _entry_kind(kpi: Kpi, path: tuple[str | int, ...], kind: str | None) -> str:
    if path[0] == "targets":
        return "milestone" if kpi.measure == "milestone" else "target"
    return "actual" if path[0] == "baseline" else (kind or "actual")


def answer_key(document: Document, seeds: Sequence[str]) -> dict[tuple[str, str, float], KeyFigure]:
    key: dict[tuple[str, str, float], KeyFigure] = {}
    for kpi in document.kpis:
        for path, ev in evidence_of(kpi):
            kind = _entry_kind(kpi, path, getattr(ev, "kind", None))
            period = getattr(ev, "due", None) or getattr(ev, "period", None)
            quoted = [(ev.source, ev.quote, ev.value, False)] if ev.quote and ev.source else []
            if ev.derived is not None:
                quoted += [(p.source, p.quote, p.value, p.item) for p in ev.derived.parts]
            for source, quote, value, item in quoted:
                if source not in seeds:
                    continue
                figure = key.setdefault((source, quote, value), KeyFigure(source, quote, value, item=item))
                figure.kinds.add(kind)
                figure.periods.add(str(period))
                figure.units.add(unit_base(kpi.unit.ja))
                figure.bureaus.update(kpi.bureau_ids)
                figure.kpis.add(kpi.id)
    return key


def _inside(p: Proposal, spans: list[tuple[int, int]]) -> bool:
    return any(s <= p.start and p.end <= e for s, e in spans)


def _attributes(p: Proposal, k: KeyFigure) -> dict[str, bool]:
    return {
        "kind": p.kind in k.kinds,
        "period": p.period in k.periods,
        "unit": p.unit is not None and unit_base(p.unit) in k.units,
        "bureau": p.bureau in k.bureaus,
        "kpi": p.kpi in k.kpis,
    }


def evaluate_seed(document: Document, folder: Path, name: str) -> SeedResult:
    raw = (folder / name).read_bytes().decode("utf-8-sig", errors="replace")
    started = time.perf_counter()
    seed = normalise_seed(name, raw)
    proposals = Drafter(hide_figures(document), name, published_day(document, name)).draft(seed, raw)
    result = SeedResult(name, proposals=len(proposals), seconds=time.perf_counter() - started)
    key = [k for k in answer_key(document, [name]).values()]
    matched: set[int] = set()
    for k in key:
        spans = occurrences(seed.text, k.quote)
        hits = [p for p in proposals if _inside(p, spans) and p.value == k.value]
        result.key += 1
        if not hits:
            why = "a named item, no number" if k.item else "no proposal of that value in the quote"
            result.misses.append(f"{k.value:g} 「{k.quote[:40]}」: {why}")
            continue
        result.found += 1
        best = max(hits, key=lambda p: sum(_attributes(p, k).values()))
        matched.update(id(p) for p in hits)
        for attribute, right in _attributes(best, k).items():
            result.right[attribute] += right
            if not right:
                got = {"kpi": best.kpi}.get(attribute, getattr(best, attribute))
                want = sorted(getattr(k, attribute + "s"))
                result.wrong.append(f"{attribute}: {got} for {'/'.join(want)} 「{k.quote[:30]}」")
    passages = [ex.quote for ex in document.exclusions if ex.source == name]
    excluded = [span for quote in passages for span in occurrences(seed.text, quote)]
    result.curated = len(matched)
    result.excluded = sum(id(p) not in matched and _inside(p, excluded) for p in proposals)
    return result


def evaluate(document: Document, folder: Path) -> list[SeedResult]:
    return [evaluate_seed(document, folder, p.name) for p in sorted(folder.glob("*.txt"))]


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "–"


def table(results: Sequence[SeedResult]) -> str:
    """The Markdown table of recall, attribute accuracy and precision per seed and in total."""
    head = "seed | curated | found | recall | kind | period | unit | bureau | KPI | proposals | precision | s"
    rows = [f"| {head} |", "|" + "---|" * 12]
    total = SeedResult("total")
    for r in [*results, total]:
        if r is not total:
            total.key += r.key
            total.found += r.found
            total.proposals += r.proposals
            total.curated += r.curated
            total.excluded += r.excluded
            total.seconds += r.seconds
            for a in ATTRIBUTES:
                total.right[a] += r.right[a]
        cells = [re.sub(r"_.*", "", r.seed), str(r.key), str(r.found), _ratio(r.found, r.key)]
        cells += [_ratio(r.right[a], r.found) for a in ATTRIBUTES]
        cells += [str(r.proposals), _ratio(r.curated + r.excluded, r.proposals), f"{r.seconds:.2f}"]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)
