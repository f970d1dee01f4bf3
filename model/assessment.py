"""What the status engine (:mod:`model.progress`) returns: the status names, the
:class:`Assessment` of a KPI at a date and the corners of its expected path.

No rule lives here: which status a KPI has, which figure and target count and where the path
runs are decided in :mod:`model.progress` only.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Literal

from model.periods import Period
from model.schema import Target

Status = Literal["achieved", "on_track", "at_risk", "off_track", "overdue", "no_data", "no_target"]
STATUSES: tuple[Status, ...] = (
    "achieved",
    "on_track",
    "at_risk",
    "off_track",
    "overdue",
    "no_data",
    "no_target",
)
Basis = Literal["actual", "estimate"]
PathKind = Literal["plan", "straight"]


@dataclass(frozen=True)
class PathPoint:
    """A corner of the expected path: the start, a plan or the target."""

    period: Period
    value: float
    role: Literal["start", "plan", "target"]
    approximate: bool = False

    @property
    def day(self) -> date:
        return self.period.end


@dataclass(frozen=True)
class Assessment:
    """A KPI's status at ``as_of`` and the numbers behind it."""

    kpi_id: str
    as_of: date
    status: Status
    target: Target | None = None
    target_period: Period | None = None
    actual: float | None = None
    actual_period: Period | None = None
    basis: Basis | None = None
    at_least: bool = False
    approximate: bool = False
    expected: float | None = None
    expected_on: date | None = None
    path: tuple[PathPoint, ...] = ()
    path_kind: PathKind | None = None
    measured: bool = True
    report_due: Period | None = None

    @property
    def start(self) -> float | None:
        return self.path[0].value if self.path else None

    @property
    def pct_of_target(self) -> float | None:
        """Latest figure as a percentage of the current target."""
        if self.actual is None or self.target is None or self.target.value == 0:
            return None
        return 100.0 * self.actual / self.target.value

    @property
    def expected_pct(self) -> float | None:
        if self.expected is None or self.target is None or self.target.value == 0:
            return None
        return 100.0 * self.expected / self.target.value


def value_on(path: tuple[PathPoint, ...], day: date) -> float:
    """The expected value at ``day``: linear between the path's corners, flat outside."""
    if day <= path[0].day:
        return path[0].value
    for a, b in itertools.pairwise(path):
        if day <= b.day:
            span = (b.day - a.day).days
            if span <= 0:
                return b.value
            return a.value + (b.value - a.value) * (day - a.day).days / span
    return path[-1].value
