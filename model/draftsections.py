"""Which bureau and pillar a passage of a document stands under, from its own headings.

- A short line (no sentence end) naming a bureau of the data file is a bureau heading; it
  holds until the next one (``02 …デジタルサービス局が牽引する``, ``【港湾局】``).
- A list of projects with their bureaus (``- ① 衛星による不適正盛土検知プロジェクト |
  都市整備局``) announces the pages that follow: a passage after such a list belongs to the
  project whose title shares most character pairs with the words before it.
- In the minutes of a meeting (and only there: elsewhere ○ is the ordinary bullet), a
  speaker's turn (``○東村山市長``, ``〇知事``) opens the
  passage of the speaker's side: the bureau the speaker's title names, else the Governor's
  side (知事, 副知事, 局長, 部長: the data's ``government``) or, for anyone else, the
  counterpart named in the document's title (``特別区長会との意見交換``). A document is
  minutes when its first lines say so (議事録, 会議録, 議事要旨, 速記録, 意見交換), or when
  most of its ○ lines are turns whose speaker is an office or title (``○行政部長 それでは``:
  a short word ending in 長, 知事, 委員…, then a space or the line's end).
  A page header repeating a listed project (``③ デジタルサービス局 | ドローン物流…``) is not a
  bureau heading: the passages after it are still matched to the list by their titles.
- A line that is a pillar's Japanese name (or a table-of-contents entry naming it) opens
  that pillar.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from model.draftmatch import bigrams
from model.provenance import normalise
from model.schema import Document
from model.seedtext import SeedText

#: A heading is a line of at most this many normalised characters.
HEADING_CHARS = 40
#: A list row: a circled number or bullet, a title, a bar and one or more bureaus.
LIST_ROW = re.compile(r"^(?P<title>[^|]*)\|(?P<bureaus>[^|]+)$")
#: A list item (its bureau may follow on the next line); ① is 1 once normalised.
ITEM_CHARS = "-0123456789"
ITEM = re.compile(r"^-")
#: A page header of a project announced by a list: its number, its bureau, a bar, its title.
PAGE_HEADER = re.compile(r"^\d+[^|]{1,20}\|")
#: A line opened by a circle: a speaker's turn in minutes, a bullet anywhere else.
CIRCLE = re.compile(r"^\s*[○〇◯]")
#: A speaker's turn in minutes: a circle, a short title (no comma), then a space or the line's end.
SPEAKER = re.compile(r"^\s*[○〇◯]\s*(?P<speaker>[^\s、。,]{1,24})(?:\s|$)")
#: A speaker named by an office or title (会長（新宿区長）, 行政部長, 知事).
OFFICE = re.compile(r"(?:長|知事|委員|幹事|議員|理事|参与)(?:[（(][^）)]*[）)])?$")
#: Words of a document's first lines that make it minutes.
MINUTES_TITLE = re.compile(r"議事録|会議録|議事要旨|速記録|意見交換")
#: How many non-empty lines a document's title may take.
TITLE_LINES = 3
#: Titles of the Governor's side in minutes.
GOVERNMENT_SIDE = re.compile(r"知事|局長|部長|課長")
#: Characters before a figure compared with the titles of a project list.
PROJECT_WINDOW = 600
#: Share of a title's character pairs that must occur in that window.
PROJECT_MATCH = 0.3


@dataclass(frozen=True)
class Project:
    start: int
    title_pairs: frozenset[str]
    bureau: str


@dataclass
class Sections:
    text: str
    headings: list[tuple[int, str]] = field(default_factory=list)  # (position, bureau id)
    projects: list[Project] = field(default_factory=list)
    pillars: list[tuple[int, str]] = field(default_factory=list)

    def at(self, position: int) -> tuple[str | None, str | None]:
        """(bureau id, pillar id) of the passage at ``position``."""
        return self._bureau(position), _last(self.pillars, position)

    def _bureau(self, position: int) -> str | None:
        listed = [p for p in self.projects if p.start <= position]
        heading_at = max((s for s, _ in self.headings if s <= position), default=-1)
        if listed:
            window = bigrams(self.text[max(0, position - PROJECT_WINDOW) : position + 40])
            last_list = [p for p in listed if p.start >= listed[-1].start - 2000]
            score, best = max(
                ((len(p.title_pairs & window) / max(1, len(p.title_pairs)), p.bureau) for p in last_list),
                default=(0.0, ""),
            )
            heading = _last(self.headings, position)
            # after the list, a heading of a bureau the list does not name is not a project's page
            foreign = heading not in {p.bureau for p in last_list}
            if score >= PROJECT_MATCH and (listed[-1].start > heading_at or foreign):
                return best
        return _last(self.headings, position)


def _last(marks: list[tuple[int, str]], position: int) -> str | None:
    index = bisect.bisect_right([m[0] for m in marks], position) - 1
    return marks[index][1] if index >= 0 else None


def _heads(name: str, line: str) -> bool:
    """Does the line name the bureau as a heading would (not inside a longer word: 東京都庁)?"""
    return re.search(rf"{re.escape(name)}(?:$|[がはの】)|・、])", line) is not None


def _speaker_side(
    raw: str, bureaus: list[tuple[str, str]], government: str | None, title: str | None
) -> str | None:
    """The bureau a speaker's turn in minutes speaks for, or None when the line is not one."""
    found = SPEAKER.match(raw)
    if found is None:
        return None
    speaker = normalise(found["speaker"])
    named = [bid for name, bid in bureaus if name in speaker]
    if named:
        return named[0]
    return government if GOVERNMENT_SIDE.search(speaker) else title


def is_minutes(raw_lines: list[str]) -> bool:
    """Minutes: the title says so, or most ○ lines (two at least) are turns of an office."""
    lines = [line for line in raw_lines if line.strip()]
    if any(MINUTES_TITLE.search(line) for line in lines[:TITLE_LINES]):
        return True
    circles = [line for line in lines if CIRCLE.match(line)]
    turns = [m for line in circles if (m := SPEAKER.match(line)) and OFFICE.search(m["speaker"])]
    return len(turns) >= 2 and 2 * len(turns) >= len(circles)


def read_sections(seed: SeedText, document: Document, raw_lines: list[str] | None = None) -> Sections:
    bureaus = sorted(
        ((normalise(b.ja), b.id) for b in document.bureaus), key=lambda item: len(item[0]), reverse=True
    )
    pillars = {normalise(p.ja): p.id for p in document.pillars}
    government = next((b.id for b in document.bureaus if b.kind == "government"), None)
    sections = Sections(seed.text)
    previous = ""
    counterpart: str | None = None
    minutes = raw_lines is not None and is_minutes(raw_lines)
    for index, (start, line) in enumerate(seed.line_texts()):
        if not line:
            continue
        if counterpart is None:  # the document's title names the counterpart of a meeting
            counterpart = next((bid for name, bid in bureaus if name in line), "")
        side = (
            _speaker_side(raw_lines[index], bureaus, government, counterpart or None)
            if raw_lines and minutes
            else None
        )
        if side is not None:
            sections.headings.append((start, side))
            previous = line
            continue
        title = ""
        if row := LIST_ROW.match(line):
            title, named_in = row["title"], row["bureaus"]
            if line.startswith("|") and ITEM.match(previous):
                title = previous
        else:
            named_in = ""
        named = [bid for name, bid in bureaus if name in named_in]
        if title and named:
            sections.projects.append(Project(start, bigrams(title.lstrip(ITEM_CHARS)), named[0]))
        elif PAGE_HEADER.match(line) and sections.projects:
            pass  # ``③ デジタルサービス局 | title``: a page of a listed project, found by its title
        elif len(line) <= HEADING_CHARS and "。" not in line and "、" not in line:
            named = [bid for name, bid in bureaus if _heads(name, line)]
            if named:
                sections.headings.append((start, named[0]))
        stripped = line.lstrip("└-").split("p.")[0]
        if stripped in pillars:
            sections.pillars.append((start, pillars[stripped]))
        previous = line
    return sections
