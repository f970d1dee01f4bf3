"""Coverage of the seeds: is every figure in a document tracked, excluded or still untracked?

``python -m model coverage [SEED_FILE ...] [--list] [--data PATH] [--seeds DIR] [--doc PATH]``

A *figure* is a number with a counter or unit, a number alone in a table cell, or a dated
milestone phrase (what :mod:`model.seedtext` finds). Seeds and quotes are compared exactly as
the provenance check compares them: NFKC with all whitespace removed, and figures are reported
with their original line numbers.

A figure is ``tracked`` when it lies inside an occurrence of a quote of the data file
(including the parts of derived values) for that seed, ``excluded`` when it lies inside a
passage listed under ``exclusions:``, and ``untracked`` otherwise. The command exits 1
while untracked figures remain, 0 otherwise.

``--doc PATH`` writes the table of which strategy section each KPI comes from (see
:func:`render_doc`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Literal

from model.loader import display_path
from model.provenance import normalise
from model.rules import evidence_of
from model.schema import Document, Kpi
from model.seedtext import KINDS, SeedMention, SeedText, Span, find_figures, normalise_seed, read_seed
from model.terminal import say

Status = Literal["tracked", "excluded", "untracked"]
CONTEXT_CHARS = 18


@dataclass(frozen=True)
class Classified:
    figure: SeedMention
    status: Status


def occurrences(text: str, quote: str) -> list[Span]:
    """Every (possibly overlapping) occurrence of a normalised quote in a normalised text."""
    needle = normalise(quote)
    spans: list[Span] = []
    if not needle:
        return spans
    start = text.find(needle)
    while start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return spans


def kpi_quotes(kpi: Kpi) -> Iterator[tuple[str, str]]:
    """(source, quote) of every quoted number of a KPI, derived parts included."""
    for _path, evidence in evidence_of(kpi):
        if evidence.source is not None and evidence.quote is not None:
            yield evidence.source, evidence.quote
        if evidence.derived is not None:
            for part in evidence.derived.parts:
                yield part.source, part.quote


def tracked_quotes(document: Document, seed: str) -> list[str]:
    return [quote for kpi in document.kpis for source, quote in kpi_quotes(kpi) if source == seed]


def excluded_quotes(document: Document, seed: str) -> list[str]:
    return [ex.quote for ex in document.exclusions if ex.source == seed]


def spans_of(text: str, quotes: Iterable[str]) -> list[Span]:
    return [span for quote in quotes for span in occurrences(text, quote)]


def _inside(span: Span, spans: Sequence[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def classify(seed: SeedText, tracked: Sequence[str], excluded: Sequence[str]) -> list[Classified]:
    """Classify every figure of a seed against tracked quotes and excluded passages."""
    tracked_spans = spans_of(seed.text, tracked)
    excluded_spans = spans_of(seed.text, excluded)
    out = []
    for figure in find_figures(seed):
        status: Status = "untracked"
        if _inside(figure.span, tracked_spans):
            status = "tracked"
        elif _inside(figure.span, excluded_spans):
            status = "excluded"
        out.append(Classified(figure, status))
    return out


def classify_seed(document: Document, seed: SeedText) -> list[Classified]:
    return classify(seed, tracked_quotes(document, seed.name), excluded_quotes(document, seed.name))


def context(seed: SeedText, figure: SeedMention) -> str:
    before = seed.text[max(0, figure.start - CONTEXT_CHARS) : figure.start]
    after = seed.text[figure.end : figure.end + CONTEXT_CHARS]
    return f"{before}[{figure.text}]{after}"


def summary_line(seed_path: Path, results: Sequence[Classified]) -> str:
    counts = {s: sum(r.status == s for r in results) for s in ("tracked", "excluded", "untracked")}
    kinds = ", ".join(f"{k}s {sum(r.figure.kind == k for r in results)}" for k in KINDS)
    return (
        f"{display_path(seed_path)}: {len(results)} figures: {counts['tracked']} tracked, "
        f"{counts['excluded']} excluded, {counts['untracked']} untracked ({kinds})"
    )


def untracked_lines(seed_path: Path, seed: SeedText, results: Sequence[Classified]) -> list[str]:
    shown = display_path(seed_path)
    return [
        f"  {shown}:{r.figure.line}: {r.figure.text} ({r.figure.kind})  …{context(seed, r.figure)}…"
        for r in results
        if r.status == "untracked"
    ]


def seed_paths(names: Sequence[str], folder: Path) -> list[Path]:
    """The seeds to cover: the named ones (by file name inside ``folder``) or all of them."""
    if not names:
        return sorted(folder.glob("*.txt"))
    paths = [folder / Path(name).name for name in names]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"no such seed in {display_path(folder)}: {', '.join(missing)}")
    return paths


def report(document: Document, paths: Sequence[Path], show_list: bool) -> int:
    """Print the summary (and the untracked figures); return the number of untracked figures."""
    untracked = 0
    for path in paths:
        seed = read_seed(path)
        results = classify_seed(document, seed)
        say(summary_line(path, results))
        if show_list:
            for line in untracked_lines(path, seed, results):
                say(line)
        untracked += sum(r.status == "untracked" for r in results)
    return untracked


# --- docs/coverage.md -------------------------------------------------------------------

TOC_HEADING = re.compile(r"^(\d+\.\d+)\s+(.+?)(?:\s+p\.\d+)?\s*$")
TOC_ENTRY = re.compile(r"^└\s*(.+?)(?:\s+p\.\d+)?\s*$")

DOC_INTRO = """\
# Where each KPI comes from

Generated by `python -m model coverage --doc docs/coverage.md` from `data/kpis.yaml` and the
seeds; `tests/test_coverage.py` regenerates it and fails when this file is out of date.
Do not edit it by hand.

How the section is found, without a hand-kept mapping:

- Every KPI has a pillar, and the pillars of the strategy carry the Japanese names of its
  chapters and programmes. The generator looks that name up in the strategy's own table
  of contents (the `Contents` block at the top of the seed) and prints the numbered heading
  it belongs to, e.g. `2.3 都政のQOSを更に高めるための挑戦 › 「つながる東京」`.
- The strategy repeats its 2.3 「つながる東京」 pages inside 3.2 (TOKYO Data Highway), so
  the position of a quote alone would put a KPI in the wrong chapter; the pillar does not.
- A KPI from another document (which has no table of contents) gets that document's
  title, the first line of its seed.
- `line` is where the KPI's first quote occurs in its seed (NFKC, whitespace removed,
  mapped back to the original line), so the section can be checked against the text.
"""


@dataclass(frozen=True)
class DocRow:
    kpi: str
    name: str
    bureau: str
    section: str
    source: str
    line: int


def table_of_contents(raw: str) -> dict[str, str]:
    """Normalised title → section label, from the ``Contents`` block of a seed (empty if none)."""
    lines = raw.split("\n")
    if "Contents" not in (line.strip() for line in lines):
        return {}
    start = [line.strip() for line in lines].index("Contents") + 1
    toc: dict[str, str] = {}
    heading = ""
    for line in lines[start:]:
        if not line.strip():
            if toc:
                break
            continue
        if match := TOC_HEADING.match(line.strip()):
            heading = f"{match[1]} {match[2]}"
            toc.setdefault(normalise(match[2]), heading)
        elif (match := TOC_ENTRY.match(line.strip())) and heading:
            toc.setdefault(normalise(match[1]), f"{heading} › {match[1]}")
    return toc


def seed_title(raw: str) -> str:
    return next((line.strip() for line in raw.split("\n") if line.strip()), "")


def first_quote(kpi: Kpi, seeds: Path | None = None) -> tuple[str, str]:
    """The KPI's first quote; given a seed folder, its first quote of a document in it."""
    quotes = list(kpi_quotes(kpi))
    in_seeds = [q for q in quotes if seeds is not None and (seeds / q[0]).is_file()]
    return (in_seeds or quotes)[0]


def _seed_of(seeds: Path, source: str) -> tuple[str, SeedText]:
    """A seed's raw text and its normalised form."""
    raw = (seeds / source).read_bytes().decode("utf-8-sig", errors="replace")
    return raw, normalise_seed(source, raw)


def doc_row(
    document: Document, kpi: Kpi, seeds: Path, seed_of: Callable[[str], tuple[str, SeedText]]
) -> DocRow:
    """The row of docs/coverage.md for ``kpi``; ``seed_of`` gives a seed's raw and normalised text."""
    source, quote = first_quote(kpi, seeds)
    raw, seed = seed_of(source)
    pillar = next(p for p in document.pillars if p.id == kpi.pillar)
    labels = {b.id: b for b in document.bureaus}
    bureau = "・".join(f"{labels[b].ja} ({labels[b].en})" for b in kpi.bureau_ids)
    section = table_of_contents(raw).get(normalise(pillar.ja), seed_title(raw))
    spans = occurrences(seed.text, quote)
    line = seed.line_of(spans[0][0]) if spans else 0
    name = f"{kpi.name.ja}<br>{kpi.name.en}"
    return DocRow(kpi.id, name, bureau, section, source, line)


def render_doc(document: Document, seeds: Path) -> str:
    """The Markdown of docs/coverage.md: one row per KPI, in data order."""
    seed_of = cache(partial(_seed_of, seeds))  # each seed read and normalised once
    rows = [doc_row(document, kpi, seeds, seed_of) for kpi in document.kpis]
    out = [DOC_INTRO, "| KPI id | name | bureau | section | source | line |", "|---|---|---|---|---|---|"]
    for r in rows:
        cells = (f"`{r.kpi}`", r.name, r.bureau, r.section, f"`{r.source}`", str(r.line))
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out) + "\n"
