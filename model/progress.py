"""The progress engine: status of a KPI at an evaluation date ``as_of``.

This module is the only place where a status, an expected value or an expected path is
computed; frames, the CSV, ``diff``, the explanation and every page take them from its
:class:`Assessment`. The rule is documented with worked examples in the README ("Status
rule") and each threshold is a named constant below.

* Only what was public at ``as_of`` exists (:mod:`model.timeline`).
* A *report* is an ``actual`` or ``estimate`` whose period has ended by ``as_of``; for a
  period with both, the actual counts. Plans are never reports.
* cumulative / level KPIs: the latest report against the current target, on the expected
  path at the report's date. The path runs from the start (baseline, else the first report)
  through every plan dated between the start and the target's due date, to the target
  (without plans: a straight line). A KPI whose latest report is its start has no measured
  progress.
* per_year KPIs: the latest fiscal year that has both reports and a target.
* milestone KPIs: done (a report of 1) or not.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from model.periods import Period, fiscal_year_of, fy_bounds, parse_period
from model.reports import (
    Report,
    combine,
    report_due,
    reports_until,
    target_for_year,
)
from model.schema import Kpi, Target
from model.timeline import TIMELESS, Timeline, targets_in_force

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

#: progress / expected progress at or above this is on track …
ON_TRACK_RATIO = 0.9
#: … at or above this at risk, below it off track.
AT_RISK_RATIO = 0.7
#: An approximate target ("約1,300") counts as reached within this fraction of it.
APPROXIMATE_TOLERANCE = 0.05
#: A "maintain" KPI is on target while within this fraction below its target.
MAINTAIN_TOLERANCE = 0.05


@dataclass(frozen=True)
class PathPoint:
    """A corner of the expected path: the start, a plan or the target."""

    period: Period
    value: float
    role: Literal["start", "plan", "target"]

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


def current_target(kpi: Kpi, as_of: date, timeline: Timeline = TIMELESS) -> tuple[Period, Target] | None:
    """The earliest-due target in force that is not yet due, else the latest-due one."""
    targets = targets_in_force(kpi, as_of, timeline)
    for period, target in targets:
        if period.end >= as_of:
            return period, target
    return targets[-1] if targets else None


def meets(value: float, at_least: bool, target: Target, direction: str) -> bool:
    """Whether a figure reaches the target (a floor reaches only a rising target)."""
    tolerance = APPROXIMATE_TOLERANCE if target.approximate else 0.0
    if direction == "decrease":
        return not at_least and value <= target.value * (1 + tolerance)
    if direction == "maintain":
        return not at_least and value >= target.value * (1 - tolerance - MAINTAIN_TOLERANCE)
    return value >= target.value * (1 - tolerance)


def grade(progress: float, expected: float) -> Status:
    """on_track / at_risk / off_track from progress made and progress expected since the start."""
    if expected == 0 or math.isclose(expected, 0.0, abs_tol=1e-12):
        return "on_track" if progress >= 0 else "at_risk"
    ratio = progress / expected
    if ratio >= ON_TRACK_RATIO:
        return "on_track"
    return "at_risk" if ratio >= AT_RISK_RATIO else "off_track"


def expected_path(
    kpi: Kpi, start: PathPoint, due: Period, target: Target, as_of: date, timeline: Timeline
) -> tuple[tuple[PathPoint, ...], PathKind]:
    """Start, the public plans dated after the start and before the due date, the target."""
    plans = {}
    for obs in kpi.observations:
        if obs.kind != "plan" or not timeline.known(obs, as_of):
            continue
        period = parse_period(obs.period)
        if start.day < period.end < due.end:
            plans[period.end] = PathPoint(period, obs.value, "plan")
    corners = [plans[day] for day in sorted(plans)]
    points = (start, *corners, PathPoint(due, target.value, "target"))
    return points, "plan" if corners else "straight"


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


def _start(kpi: Kpi, reports: list[Report], as_of: date, timeline: Timeline) -> PathPoint:
    first = reports[0]
    base = kpi.baseline
    if base is not None and timeline.known(base, as_of):
        period = parse_period(base.period)
        if period.end < first.period.end:
            return PathPoint(period, base.value, "start")
    return PathPoint(first.period, first.value, "start")


def _figure(a: Assessment, report: Report) -> Assessment:
    return replace(
        a,
        actual=report.value,
        actual_period=report.period,
        basis=report.basis,
        at_least=report.at_least,
        approximate=report.approximate,
    )


def _assess_to_date(kpi: Kpi, base: Assessment, reports: list[Report], timeline: Timeline) -> Assessment:
    """cumulative and level KPIs: latest report against the current target on the path."""
    as_of = base.as_of
    found = current_target(kpi, as_of, timeline)
    if found is None:
        return replace(_figure(base, reports[-1]), status="no_target")
    due, target = found
    latest = reports[-1]
    start = _start(kpi, reports, as_of, timeline)
    path, kind = expected_path(kpi, start, due, target, as_of, timeline)
    measured = start.day < latest.period.end
    expected = value_on(path, latest.period.end) if measured else None
    a = replace(
        _figure(base, latest),
        target=target,
        target_period=due,
        expected=expected,
        expected_on=latest.period.end if measured else None,
        path=path,
        path_kind=kind,
        measured=measured,
    )
    if meets(latest.value, latest.at_least, target, kpi.direction):
        done = kpi.direction != "maintain" or as_of >= due.end
        return replace(a, status="achieved" if done else "on_track")
    if as_of > due.end:
        return replace(a, status="overdue")
    if kpi.direction == "maintain":  # judged on the level itself, not on progress since a start
        near = latest.value >= target.value * (1 - 2 * MAINTAIN_TOLERANCE)
        return replace(a, status="at_risk" if near else "off_track")
    if not measured or expected is None:
        return replace(a, status="no_data")
    return replace(a, status=grade(latest.value - start.value, expected - start.value))


def _assess_per_year(kpi: Kpi, base: Assessment, reports: list[Report], timeline: Timeline) -> Assessment:
    as_of = base.as_of
    years = sorted({r.period.fiscal_year for r in reports}, reverse=True)
    for year in years:
        target = target_for_year(kpi, year, as_of, timeline)
        if target is None:
            continue
        total = combine([r for r in reports if r.period.fiscal_year == year])
        start, end = fy_bounds(year)
        whole_year = total.period.end >= end
        span = (end - start).days
        fraction = 1.0 if whole_year else max(0.0, (total.period.end - start).days / span)
        expected = target.value * fraction
        a = replace(
            _figure(base, total),
            target=target,
            target_period=parse_period(f"FY{year}"),
            expected=expected,
            expected_on=total.period.end,
        )
        if meets(total.value, total.at_least, target, kpi.direction):
            return replace(a, status="achieved")
        if whole_year or as_of >= end:
            return replace(a, status="overdue")
        if kpi.direction == "decrease":
            return replace(a, status="on_track")
        return replace(a, status=grade(total.value, expected))
    this_year = target_for_year(kpi, fiscal_year_of(as_of), as_of, timeline)
    if this_year is None:
        return replace(_figure(base, reports[-1]), status="no_data") if reports else base
    period = parse_period(f"FY{fiscal_year_of(as_of)}")
    return replace(base, status="no_data", target=this_year, target_period=period)


def _assess_milestone(kpi: Kpi, base: Assessment, reports: list[Report], timeline: Timeline) -> Assessment:
    found = current_target(kpi, base.as_of, timeline)
    done = [r for r in reports if r.value >= 1]
    latest = done[0] if done else (reports[-1] if reports else None)
    a = _figure(base, latest) if latest is not None else base
    if found is not None:
        a = replace(a, target_period=found[0], target=found[1])
    if done:
        return replace(a, status="achieved")
    if found is None:
        return replace(a, status="no_target")
    return replace(a, status="overdue" if base.as_of > found[0].end else "no_data")


def assess(kpi: Kpi, as_of: date, timeline: Timeline = TIMELESS) -> Assessment:
    """Status of ``kpi`` at ``as_of`` (see the module docstring and the README)."""
    reports = reports_until(kpi, as_of, timeline)
    base = Assessment(kpi.id, as_of, "no_data", report_due=report_due(kpi, as_of, reports, timeline))
    if kpi.measure == "milestone":
        return _assess_milestone(kpi, base, reports, timeline)
    if not any(timeline.known(t, as_of) for t in kpi.targets):
        context = _figure(base, reports[-1]) if reports else base
        return replace(context, status="no_target")
    if kpi.measure == "per_year":
        return _assess_per_year(kpi, base, reports, timeline)
    if not reports:
        found = current_target(kpi, as_of, timeline)
        if found is None:
            return base
        return replace(base, target=found[1], target_period=found[0])
    return _assess_to_date(kpi, base, reports, timeline)


def latest_actual_day(kpis: list[Kpi], timeline: Timeline = TIMELESS) -> date | None:
    """The first day on which the newest actual was both over and public: the default
    evaluation date (a figure for September published in October counts from October)."""
    days = [
        max(parse_period(o.period).end, timeline.known_from(o))
        for k in kpis
        for o in k.observations
        if o.kind == "actual"
    ]
    return max(days, default=None)
