"""Sources by title (Streamlit-free): what a figure cites, named as a reader can cite it, and the
passage of a seed around a quote.

A figure's ``source`` is a seed's file name or a registered id; the pages show the title, the
publication date and the address from ``sources:`` instead, never a file name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.i18n import period_label, t
from model.loader import Dataset
from model.provenance import normalise
from model.schema import Figure, Source

#: Lines of the seed shown before and after the quote.
CONTEXT_LINES = 3


@dataclass(frozen=True)
class Passage:
    """A quote in its seed: the text before it, the quoted text as the seed has it, the text after."""

    before: str
    quote: str
    after: str


@dataclass
class SourceBook:
    """The registered sources of a dataset, by id, and the seed folder for passages."""

    sources: dict[str, Source]
    external: set[str]
    seeds: Path | None = None
    _indexed: dict[str, tuple[str, str, list[int]] | None] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, dataset: Dataset) -> SourceBook:
        sources = {s.id: s for s in dataset.document.sources}
        return cls(sources, set(dataset.external_sources), dataset.seeds)

    @staticmethod
    def ids_of(figure: Figure) -> list[str]:
        """The sources a figure quotes (a derived value: each part's), each once."""
        if figure.derived is not None:
            return list(dict.fromkeys(p.source for p in figure.derived.parts))
        return [figure.source] if figure.source else []

    def title(self, source_id: str) -> str:
        source = self.sources.get(source_id)
        return source.title if source is not None else source_id

    def titles(self, ids: list[str], lang: str) -> str:
        return t("list_join", lang).join(self.title(i) for i in dict.fromkeys(ids))

    def published(self, source_id: str, lang: str) -> str:
        """``2024年3月29日`` / ``29 Mar 2024`` (``2022年2月`` for a month); empty when unknown."""
        source = self.sources.get(source_id)
        if source is None or not source.published:
            return ""
        return period_label(source.published, lang)

    def url(self, source_id: str) -> str:
        source = self.sources.get(source_id)
        return source.url or "" if source is not None else ""

    def cited(self, source_id: str, lang: str) -> str:
        """``スマート東京実施戦略 season 5（2024年3月29日）``: title and date, as one cites it."""
        when = self.published(source_id, lang)
        return (
            t("source_cited", lang, title=self.title(source_id), date=when) if when else self.title(source_id)
        )

    def _index(self, source_id: str) -> tuple[str, str, list[int]] | None:
        """The seed's raw text, its normal form (NFKC, no whitespace) and, for each character of
        the normal form, where it starts in the raw text."""
        if source_id not in self._indexed:
            path = (self.seeds / source_id) if self.seeds is not None else None
            if path is None or source_id in self.external or "/" in source_id or not path.is_file():
                self._indexed[source_id] = None
            else:
                raw = path.read_bytes().decode("utf-8-sig", errors="replace")
                chars, starts = [], []
                for i, char in enumerate(raw):
                    for piece in unicodedata.normalize("NFKC", char):
                        if not piece.isspace():
                            chars.append(piece)
                            starts.append(i)
                self._indexed[source_id] = (raw, "".join(chars), starts)
        return self._indexed[source_id]

    def passage(self, source_id: str, quote: str, lines: int = CONTEXT_LINES) -> Passage | None:
        """The quote where it stands in its seed, with ``lines`` lines before and after; None when
        the source is not a seed or the quote cannot be placed."""
        index = self._index(source_id)
        needle = normalise(quote)
        if index is None or not needle:
            return None
        raw, normal, starts = index
        at = normal.find(needle)
        if at < 0:
            return None
        start, end = starts[at], starts[at + len(needle) - 1] + 1
        before = raw[: raw.rfind("\n", 0, start) + 1]
        after = raw[end:]
        head = raw[len(before) : start]
        tail, _, rest = after.partition("\n")
        kept_before = _last_lines(before, lines)
        kept_after = _first_lines(rest, lines)
        return Passage(
            "".join(f"{line.strip()}\n" for line in kept_before) + head.lstrip(),
            raw[start:end],
            tail.rstrip() + "".join(f"\n{line.strip()}" for line in kept_after),
        )


def _last_lines(text: str, count: int) -> list[str]:
    """The last ``count`` non-blank lines of ``text``, reading only as far back as needed (a seed
    is read once per quote shown, and a quote may stand near the end of 150 KB)."""
    window = 1024
    while True:
        kept = [line for line in text[-window:].splitlines() if line.strip()]
        if count == 0 or len(kept) > count or window >= len(text):  # more than count: the first may be cut
            return kept[-count:] if count else []
        window *= 4


def _first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-blank lines of ``text``, reading only as far as needed."""
    window = 1024
    while True:
        kept = [line for line in text[:window].splitlines() if line.strip()]
        if count == 0 or len(kept) > count or window >= len(text):
            return kept[:count]
        window *= 4
