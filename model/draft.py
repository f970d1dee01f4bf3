"""Draft YAML entries from a new source document: one proposal per figure not yet curated.

The figures are those of the coverage tool (:mod:`model.seedtext`); those already tracked or
excluded by the data file are left out. Each is read (:mod:`model.draftwords`) into a value,
unit, kind and period, quoted with the smallest sentence or table row that holds it (checked
as the loader checks quotes), placed in a bureau by the section it stands in, and matched to
an existing KPI when name, unit and bureau agree, else to a new KPI stub.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from model.coverage import classify_seed
from model.draftdating import Calendar
from model.draftmatch import local_words, match_kpi, unit_base
from model.draftsections import Sections, read_sections
from model.drafttables import TableCell, table_cell
from model.draftwords import counter_of, read_amount
from model.provenance import Quote, normalise
from model.schema import Document
from model.seedtext import COUNTERS, SeedMention, SeedText

#: Characters that open a list item or a bullet in the seeds, stripped from quotes.
BULLETS = "-▶✓・◆◇●○■□※>|* \t\u3000"
SENTENCE_END = re.compile(r"[。｡]")
#: Words around a figure (normalised characters before it) compared with KPI names.
NAME_WINDOW = 160


@dataclass(frozen=True)
class Proposal:
    """One drafted entry; ``kpi`` is an existing id or the id of ``new_kpi``."""

    source: str
    line: int
    start: int
    end: int
    figure: str
    value: float
    unit: str | None
    approximate: bool
    at_least: bool
    ranged: bool
    quote: str
    kind: str  # target, plan, estimate, actual or milestone (a milestone target)
    period: str | None
    bureau: str | None
    pillar: str | None
    kpi: str
    kpi_name: str
    new_kpi: bool
    confidence: float
    reasons: str
    todo: tuple[str, ...] = field(default=())


def sentence_span(seed: SeedText, position: int) -> tuple[int, int, int]:
    """(line index, start, end) in normalised text of the sentence holding ``position``."""
    line = seed.lines[position] - 1 if seed.lines else 0
    start = seed.starts[line]
    end = seed.starts[line + 1] if line + 1 < len(seed.starts) else len(seed.text)
    cut = start
    for m in SENTENCE_END.finditer(seed.text, start, end):
        if m.end() <= position:
            cut = m.end()
        else:
            return line, cut, m.end()
    return line, cut, end


def raw_sentence(raw_line: str, seed_line: str, start_in_line: int) -> str:
    """The original words of the sentence whose normalised form begins ``start_in_line`` in."""
    if "\t" in raw_line:
        return raw_line.strip(BULLETS)
    index = len(SENTENCE_END.findall(seed_line[:start_in_line]))
    pieces = re.split(r"(?<=[。｡])", raw_line)
    piece = pieces[min(index, len(pieces) - 1)]
    return piece.strip().lstrip(BULLETS).strip()


def make_quote(seed: SeedText, raw_lines: list[str], mention: SeedMention, value: float | None) -> str:
    """The smallest sentence or row holding the figure that passes the provenance check."""
    line, start, _end = sentence_span(seed, mention.start)
    line_start = seed.starts[line]
    line_text = seed.text[line_start : seed.starts[line + 1] if line + 1 < len(seed.starts) else None]
    candidates = [raw_sentence(raw_lines[line], line_text, start - line_start), raw_lines[line].strip()]
    previous = next((i for i in range(line - 1, -1, -1) if raw_lines[i].strip()), None)
    if previous is not None:
        candidates.append(f"{raw_lines[previous].strip()} {raw_lines[line].strip()}")
    for quote in candidates:
        if quote and passes(seed, quote, value):
            return quote
    return candidates[-1]


def passes(seed: SeedText, quote: str, value: float | None) -> bool:
    """The loader's provenance check of a quote against this seed."""
    prepared = Quote.of(quote)
    if prepared.normalised not in seed.text:
        return False
    return value is None or (prepared.states(value) and prepared.says_more_than(value))


def _nth_in_quote(seed: SeedText, p: Proposal) -> int:
    """Which of the quote's figures of the same text this one is (``1か所、1か所``: 0 then 1),
    whatever stands before the quote on its line (a page repeated with one more bullet)."""
    quote = normalise(p.quote)
    start = seed.text.rfind(quote, 0, p.start + len(quote))  # the last one starting before it
    if start < 0 or start + len(quote) < p.end:
        return p.start - seed.starts[p.line - 1] if seed.starts else p.start  # its place on the line
    return seed.text.count(p.figure, start, p.start)


@dataclass
class Drafter:
    """Drafts proposals for one seed against the data's KPIs, bureaus and pillars."""

    document: Document
    source: str
    published: date | None = None

    def draft(self, seed: SeedText, raw: str) -> list[Proposal]:
        raw_lines = raw.split("\n")
        sections = read_sections(seed, self.document, raw_lines)
        calendar = Calendar(seed, self.published)
        mentions = [c.figure for c in classify_seed(self.document, seed) if c.status == "untracked"]
        mentions = [
            m for mention in _numbers_first(seed, mentions) for m in (*companions(seed, mention), mention)
        ]
        out: list[Proposal] = []
        seen: set[tuple[str, str, int]] = set()
        for mention in mentions:
            proposal = self._propose(seed, raw_lines, sections, calendar, mention)
            key = (normalise(proposal.quote), mention.text, _nth_in_quote(seed, proposal))
            if key in seen:  # a duplicated page or a repeated passage (not 1か所 twice in a row)
                continue
            seen.add(key)
            out.append(proposal)
        return out

    def _propose(
        self,
        seed: SeedText,
        raw_lines: list[str],
        sections: Sections,
        calendar: Calendar,
        mention: SeedMention,
    ) -> Proposal:
        _line, s_start, s_end = sentence_span(seed, mention.start)
        sentence = seed.text[s_start:s_end]
        reasons: list[str] = []
        todo: list[str] = []
        unit: str | None = "件"
        if mention.kind == "milestone phrase":
            value, approx, at_least, ranged = 1.0, False, False, False
        else:
            counter = counter_of(mention.text, COUNTERS)
            before = seed.text[max(0, mention.start - 4) : mention.start]
            after = seed.text[mention.end : mention.end + 6]
            amount = read_amount(mention.text, before, after, counter)
            value, unit = amount.value, amount.unit
            approx, at_least, ranged = amount.approximate, amount.at_least, amount.ranged
        quote = make_quote(seed, raw_lines, mention, None if mention.kind == "milestone phrase" else value)
        cell = (
            table_cell(seed, raw_lines, mention, self.published)
            if mention.kind != "milestone phrase"
            else None
        )
        if cell is not None and unit is None and (unit := cell.unit()):
            reasons.append(f"unit {unit} from the table")
        dating = calendar.date(mention, (s_start, s_end), cell)
        period, kind = dating.period, dating.kind or "actual"
        reasons += dating.reasons
        bureau, pillar = sections.at(mention.start)
        kpi, name, new = self._match(seed, mention, sentence, unit, bureau, cell)
        if unit is None and not new:
            unit = unit_base(next(k.unit.ja for k in self.document.kpis if k.id == kpi))
            reasons.append(f"unit {unit} from the KPI")
        reasons.append(f"KPI by name: {kpi}" if not new else "no KPI of that name, unit and bureau")
        if period is None:
            todo.append("period" if kind != "target" and kind != "milestone" else "due")
        if unit is None:
            todo.append("unit")
        if bureau is None:
            todo.append("bureau")
        if ranged:
            todo.append("value (a range)")
        if new:
            todo += ["kpi.id", "kpi.name.en", "kpi.unit.en", "kpi.measure"]
        gaps = len([t for t in todo if not t.startswith("kpi")])
        confidence = round(max(0.1, 0.9 - 0.15 * gaps - 0.2 * new), 2)
        return Proposal(
            source=self.source,
            line=mention.line,
            start=mention.start,
            end=mention.end,
            figure=mention.text,
            value=value,
            unit=unit,
            approximate=approx,
            at_least=at_least,
            ranged=ranged,
            quote=quote,
            kind=kind,
            period=period,
            bureau=bureau,
            pillar=pillar,
            kpi=kpi,
            kpi_name=name,
            new_kpi=new,
            confidence=confidence,
            reasons="; ".join(reasons),
            todo=tuple(todo),
        )

    def _match(
        self,
        seed: SeedText,
        mention: SeedMention,
        sentence: str,
        unit: str | None,
        bureau: str | None,
        cell: TableCell | None,
    ) -> tuple[str, str, bool]:
        texts = [cell.words] if cell is not None else []  # a table's figures: its title, column, row
        texts.append(seed.text[max(0, mention.start - NAME_WINDOW) : mention.start] + sentence)
        local = local_words(seed.text, mention.start, mention.end)
        kpi, _share = match_kpi(self.document.kpis, texts, unit, bureau, local)
        if kpi is not None:
            return kpi.id, kpi.name.ja, False
        return placeholder_id(self.source, mention.line), sentence.lstrip(BULLETS)[:60], True


#: The id the drafter gives a new KPI, to be replaced by the curator (``new-next-edition-line-22``).
PLACEHOLDER = re.compile(r"^new-[a-z0-9-]*-line-\d+$")


def placeholder_id(source: str, line: int) -> str:
    stub = re.sub(r"[^a-z0-9]+", "-", source.lower().rsplit(".", 1)[0]).strip("-")
    return f"new-{stub}-line-{line}"


#: A number joined to the next figure by a range or an arrow: ``4~8名``, ``100→300件``.
JOINED = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:[~～〜]|→)$")


def companions(seed: SeedText, mention: SeedMention) -> list[SeedMention]:
    """The number before a figure that shares its counter: the low end of a range, the value
    before an arrow. It is proposed on its own (with the counter of the figure)."""
    if mention.kind == "milestone phrase":
        return []
    counter = counter_of(mention.text, COUNTERS)
    joined = JOINED.search(seed.text, max(0, mention.start - 12), mention.start)
    if counter is None or joined is None or joined.end() != mention.start:
        return []
    start, end = joined.span(1)
    if start > 0 and (seed.text[start - 1].isdigit() or seed.text[start - 1] in ".,"):
        return []
    return [SeedMention(start, end, f"{joined[1]}{counter}", mention.line)]


def _numbers_first(seed: SeedText, mentions: list[SeedMention]) -> list[SeedMention]:
    """A dated phrase in a sentence that holds a number is that number's date, not a milestone."""
    sentences = {sentence_span(seed, m.start)[1:] for m in mentions if m.kind != "milestone phrase"}
    return [
        m
        for m in mentions
        if m.kind != "milestone phrase" or sentence_span(seed, m.start)[1:] not in sentences
    ]


def hide_figures(document: Document) -> Document:
    """The catalogue of KPIs, bureaus, pillars and sources, with no figure and no exclusion."""
    kpis = [k.model_copy(update={"targets": [], "observations": [], "baseline": None}) for k in document.kpis]
    return document.model_copy(update={"kpis": kpis, "exclusions": []})
