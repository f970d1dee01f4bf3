"""How much each drafting rule moves ``draft --evaluate``: ``python -m scripts.draft_ablation``.

With ``--held-out``, instead: KPI match for figures whose KPI is not in the catalogue. Each KPI
with figures in a seed is taken out of the catalogue in turn and the seed drafted again; a
found figure of that KPI should then get a new-KPI stub, not another KPI.

Switches off one rule at a time (by replacing the pattern, table or function it rests on) and
prints the total row of the evaluation for each, with the goals it falls below. A rule whose
removal costs a goal on our own five seeds is one the goal rests on; docs/drafting.md keeps
the table. A measurement tool only: the rules are put back after each run.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from model import draft, draftdating, draftmatch, draftsections, drafttables, draftwords
from model.coverage import occurrences
from model.draft import Drafter, hide_figures
from model.drafteval import ATTRIBUTES, _inside, answer_key, evaluate, published_day
from model.loader import load
from model.seedtext import normalise_seed

PROJECT = Path(__file__).resolve().parent.parent
NEVER = re.compile(r"(?!x)x")
#: Column of the total row → its goal (docs/drafting.md).
GOALS = {"recall": 0.85, "kind": 0.8, "period": 0.8, "unit": 0.9, "bureau": 0.8, "KPI": 0.7, "precision": 0.6}


def _nothing(*_args: Any) -> None:
    return None


def _no_companions(*_args: Any) -> list[Any]:
    return []


def _without(words: tuple[tuple[str, tuple[str, ...]], ...], word: str) -> Any:
    return tuple((kind, tuple(w for w in ws if w != word)) for kind, ws in words)


def _dates_without(how: str) -> Any:
    return tuple(p for p in draftwords.DATE_PATTERNS if p[1] != how)


#: (label, module, attribute, replacement): one rule switched off.
RULES: list[tuple[str, Any, str, Callable[[], Any]]] = [
    ("table as-of note", drafttables, "AS_OF", lambda: ()),
    ("table bare year", drafttables, "BARE_YEAR", lambda: NEVER),
    ("tables altogether", draft, "table_cell", lambda: _nothing),
    ("reiwa date", draftwords, "DATE_PATTERNS", lambda: _dates_without("reiwa date")),
    ("bare month", draftwords, "DATE_PATTERNS", lambda: _dates_without("bare month")),
    ("調査 → actual", draftwords, "KIND_WORDS", lambda: _without(draftwords.KIND_WORDS, "調査")),
    ("indicator → target", draftdating, "INDICATOR", lambda: NEVER),
    ("comparison base", draftdating, "COMPARED", lambda: NEVER),
    ("past-work heading", draftdating, "PAST_HEADING", lambda: NEVER),
    ("unit from the KPI", draft, "unit_base", lambda: _nothing),
    ("range low end, arrow", draft, "companions", lambda: _no_companions),
    ("page header", draftsections, "PAGE_HEADER", lambda: NEVER),
    ("speakers in minutes", draftsections, "SPEAKER", lambda: NEVER),
    ("same counter", draftmatch, "SAME_COUNTER", lambda: {}),
    ("clause words", draftmatch, "LOCAL_WEIGHT", lambda: 0),
    ("other bureau excluded", draftmatch, "OTHER_BUREAU", lambda: 10),
]


@contextmanager
def switched(module: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def totals(data: Path, seeds: Path) -> tuple[int, dict[str, tuple[int, int]]]:
    """(figures found, column → (right, out of)) over the five seeds."""
    results = evaluate(load(data, seeds).document, seeds)
    found = sum(r.found for r in results)
    out = {"recall": (found, sum(r.key for r in results))}
    for attribute, column in zip(ATTRIBUTES, ("kind", "period", "unit", "bureau", "KPI"), strict=True):
        out[column] = (sum(r.right[attribute] for r in results), found)
    out["precision"] = (sum(r.curated + r.excluded for r in results), sum(r.proposals for r in results))
    return found, out


def line(label: str, measured: tuple[int, dict[str, tuple[int, int]]]) -> str:
    """A row: each figure as its ratio to three places (the goals are checked unrounded)."""
    found, ratios = measured
    below = [k for k, goal in GOALS.items() if ratios[k][0] < goal * ratios[k][1]]
    cells = [label, str(found), *(f"{a / b:.3f}" if b else "–" for a, b in ratios.values())]
    return "| " + " | ".join([*cells, ", ".join(below) or "–"]) + " |"


def held_out(data: Path, seeds: Path) -> tuple[int, int, int]:
    """(figures of a held-out KPI found, of them given a new-KPI stub, attached to another KPI)."""
    document = load(data, seeds).document
    found = stub = other = 0
    for path in sorted(seeds.glob("*.txt")):
        raw = path.read_bytes().decode("utf-8-sig", errors="replace")
        seed = normalise_seed(path.name, raw)
        key = [k for k in answer_key(document, [path.name]).values() if len(k.kpis) == 1]
        for kpi_id in sorted({next(iter(k.kpis)) for k in key}):
            kept = [k for k in document.kpis if k.id != kpi_id]
            catalogue = hide_figures(document.model_copy(update={"kpis": kept}))
            drafter = Drafter(catalogue, path.name, published_day(document, path.name))
            proposals = drafter.draft(seed, raw)
            for k in (k for k in key if k.kpis == {kpi_id}):
                spans = occurrences(seed.text, k.quote)
                hits = [p for p in proposals if _inside(p, spans) and p.value == k.value]
                if hits:
                    found += 1
                    stub += hits[0].new_kpi
                    other += not hits[0].new_kpi
    return found, stub, other


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="KPI match with each KPI taken out in turn")
    args = parser.parse_args(argv)
    data, seeds = PROJECT / "data" / "kpis.yaml", PROJECT / "seeds"
    if args.held_out:
        found, stub, other = held_out(data, seeds)
        print(f"figures of a held-out KPI found: {found}; given a new-KPI stub (right): {stub}", end="")
        print(f" ({stub / found:.3f}); attached to another KPI (wrong): {other}")
        return 0
    print("| rule off | found | " + " | ".join(GOALS) + " | below goal |")
    print("|" + "---|" * (len(GOALS) + 3))
    print(line("(none: as shipped)", totals(data, seeds)))
    for label, module, name, replacement in RULES:
        with switched(module, name, replacement()):
            print(line(label, totals(data, seeds)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
