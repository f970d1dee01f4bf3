"""What was known on a date: when each target and figure became public.

A figure's *known date* is its ``reported_on``, else the publication date of the sources it
quotes (the latest of them, for a value derived from several quotes). At an evaluation date
``D`` a figure known after ``D`` does not exist: the progress engine skips it and the frames
drop it, so every page, the CSV and ``diff`` see the same past.

A source without a publication date (an undated document) dates nothing: its figures count
as known from the start. The loader warns when a figure quotes such a source.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from model.periods import Period, parse_period
from model.schema import Figure, Kpi, Observation, Source, Target

#: The known date of a figure whose sources carry no publication date.
ALWAYS = date.min


#: An observation with its period parsed and the day it became public.
Dated = tuple[Period, Observation, date]


@dataclass(frozen=True)
class Timeline:
    """Publication dates of the registered sources, by id (the last day, for a month)."""

    published: dict[str, date] = field(default_factory=dict)
    #: Per KPI object: its observations dated once (a dataset's timeline lives as long as it).
    _dated: dict[int, tuple[Kpi, tuple[Dated, ...]]] = field(default_factory=dict, compare=False, repr=False)

    def observations_of(self, kpi: Kpi) -> tuple[Dated, ...]:
        """``(period, observation, known_from)`` of every observation of ``kpi``, in file order."""
        hit = self._dated.get(id(kpi))
        if hit is not None and hit[0] is kpi:
            return hit[1]
        rows = tuple((parse_period(o.period), o, self.known_from(o)) for o in kpi.observations)
        if self.published:  # not for TIMELESS, which every caller shares
            self._dated[id(kpi)] = (kpi, rows)
        return rows

    @classmethod
    def of(cls, sources: Iterable[Source]) -> Timeline:
        return cls({s.id: parse_period(s.published).end for s in sources if s.published})

    def sources_of(self, ev: Figure) -> Iterator[str]:
        if ev.source is not None:
            yield ev.source
        if ev.derived is not None:
            for part in ev.derived.parts:
                yield part.source

    def known_from(self, ev: Figure) -> date:
        """The day from which ``ev`` is public."""
        if ev.reported_on is not None:
            return _iso_day(ev.reported_on)
        published = self.published
        if not published:
            return ALWAYS
        if ev.derived is None:  # the common case, kept cheap: one quoted source
            return published.get(ev.source, ALWAYS) if ev.source is not None else ALWAYS
        return max((published.get(s, ALWAYS) for s in self.sources_of(ev)), default=ALWAYS)

    def known(self, ev: Figure, as_of: date) -> bool:
        return self.known_from(ev) <= as_of


@lru_cache(maxsize=4096)
def _iso_day(text: str) -> date:
    return date.fromisoformat(text)


#: No publication dates: everything is known at every date.
TIMELESS = Timeline()


def targets_in_force(kpi: Kpi, as_of: date, timeline: Timeline = TIMELESS) -> list[tuple[Period, Target]]:
    """The targets that are current at ``as_of``, by due date.

    Targets not yet public are left out. A target marked ``superseded`` stays in force until
    a current (not superseded) target of the KPI that is public at ``as_of`` was made public
    on or after it: before its revision was announced, it was the target.
    """
    known = [(timeline.known_from(t), t) for t in kpi.targets]
    known = [(day, t) for day, t in known if day <= as_of]
    current_days = [day for day, t in known if not t.superseded]
    rows = [
        (parse_period(t.due), t)
        for day, t in known
        if not t.superseded or not any(other >= day for other in current_days)
    ]
    return sorted(rows, key=lambda r: r[0].end)


def superseded_at(kpi: Kpi, as_of: date, timeline: Timeline = TIMELESS) -> set[int]:
    """Indexes into ``kpi.targets`` of the targets that are superseded at ``as_of``."""
    in_force = {id(t) for _, t in targets_in_force(kpi, as_of, timeline)}
    return {i for i, t in enumerate(kpi.targets) if t.superseded and id(t) not in in_force}
