"""The progress engine: status of a KPI at an evaluation date ``as_of``.

This module is the only place where a status, an expected value or an expected path is
computed; frames, the CSV, ``diff``, the explanation and every page take them from its
:class:`Assessment` (the engine's vocabulary lives in :mod:`model.assessment`, which holds no
rule). The rule is documented with worked examples in the README ("Status rule") and each
threshold is a named constant below.

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

import math
from datetime import date
from typing import Any

from model.assessment import STATUSES, Assessment, Basis, PathKind, PathPoint, Status, value_on
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

# the engine's vocabulary (model/assessment.py) is imported from here by its users
__all__ = [
    "STATUSES",
    "Assessment",
    "Basis",
    "PathKind",
    "PathPoint",
    "Status",
    "assess",
    "current_target",
    "latest_actual_day",
    "value_on",
]

#: progress / expected progress at or above this is on track …
ON_TRACK_RATIO = 0.9
#: … at or above this at risk, below it off track.
AT_RISK_RATIO = 0.7
#: An approximate target ("約1,300") counts as reached within this fraction of it.
APPROXIMATE_TOLERANCE = 0.05
#: A "maintain" KPI is on target while within this fraction below its target.
MAINTAIN_TOLERANCE = 0.05


def current_target(kpi: Kpi, as_of: date, timeline: Timeline = TIMELESS) -> tuple[Period, Target] | None:
    """The earliest-due target in force that is not yet due, else the latest-due one."""
    return _current(targets_in_force(kpi, as_of, timeline), as_of)


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
    for period, obs, known_from in timeline.observations_of(kpi):
        if obs.kind == "plan" and known_from <= as_of and start.day < period.end < due.end:
            plans[period.end] = PathPoint(period, obs.value, "plan")
    corners = [plans[day] for day in sorted(plans)]
    points = (start, *corners, PathPoint(due, target.value, "target"))
    return points, "plan" if corners else "straight"


def _start(kpi: Kpi, reports: list[Report], as_of: date, timeline: Timeline) -> PathPoint:
    first = reports[0]
    base = kpi.baseline
    if base is not None and timeline.known(base, as_of):
        period = parse_period(base.period)
        if period.end < first.period.end:
            return PathPoint(period, base.value, "start", base.approximate)
    return PathPoint(first.period, first.value, "start", first.approximate)


def progress_made(start: PathPoint, latest: Report) -> float:
    """The change since the start; nothing when it lies within the rounding of an approximate
    figure (約650 then 638 is no measured fall)."""
    change = latest.value - start.value
    rounded = start.approximate or latest.approximate
    if rounded and abs(change) <= APPROXIMATE_TOLERANCE * abs(start.value):
        return 0.0
    return change


Fields = dict[str, Any]


def _figure(report: Report | None) -> Fields:
    """The fields of an assessment that describe the figure it rests on."""
    if report is None:
        return {}
    return {
        "actual": report.value,
        "actual_period": report.period,
        "basis": report.basis,
        "at_least": report.at_least,
        "approximate": report.approximate,
    }


def _current(targets: list[tuple[Period, Target]], as_of: date) -> tuple[Period, Target] | None:
    """The first of ``targets`` (in due order) not yet due at ``as_of``, else the last one."""
    for period, target in targets:
        if period.end >= as_of:
            return period, target
    return targets[-1] if targets else None


def _assess_to_date(
    kpi: Kpi, as_of: date, found: tuple[Period, Target], reports: list[Report], timeline: Timeline
) -> Fields:
    """cumulative and level KPIs: latest report against the current target on the path."""
    due, target = found
    latest = reports[-1]
    start = _start(kpi, reports, as_of, timeline)
    path, kind = expected_path(kpi, start, due, target, as_of, timeline)
    measured = start.day < latest.period.end
    expected = value_on(path, latest.period.end) if measured else None
    out = _figure(latest) | {
        "target": target,
        "target_period": due,
        "expected": expected,
        "expected_on": latest.period.end if measured else None,
        "path": path,
        "path_kind": kind,
        "measured": measured,
    }
    if meets(latest.value, latest.at_least, target, kpi.direction):
        done = kpi.direction != "maintain" or as_of >= due.end
        status: Status = "achieved" if done else "on_track"
    elif as_of > due.end:
        status = "overdue"
    elif kpi.direction == "maintain":  # judged on the level itself, not on progress since a start
        status = "at_risk" if latest.value >= target.value * (1 - 2 * MAINTAIN_TOLERANCE) else "off_track"
    elif expected is None:
        status = "no_data"
    else:
        status = grade(progress_made(start, latest), expected - start.value)
    return out | {"status": status}


def _assess_per_year(
    kpi: Kpi, as_of: date, targets: list[tuple[Period, Target]], reports: list[Report]
) -> Fields:
    for year in sorted({r.period.fiscal_year for r in reports}, reverse=True):
        target = target_for_year(targets, year)
        if target is None:
            continue
        total = combine([r for r in reports if r.period.fiscal_year == year])
        start, end = fy_bounds(year)
        whole_year = total.period.end >= end
        fraction = 1.0 if whole_year else max(0.0, (total.period.end - start).days / (end - start).days)
        expected = target.value * fraction
        if meets(total.value, total.at_least, target, kpi.direction):
            status: Status = "achieved"
        elif whole_year or as_of >= end:
            status = "overdue"
        elif kpi.direction == "decrease":
            status = "on_track"
        else:
            status = grade(total.value, expected)
        return _figure(total) | {
            "status": status,
            "target": target,
            "target_period": parse_period(f"FY{year}"),
            "expected": expected,
            "expected_on": total.period.end,
        }
    out = _figure(reports[-1] if reports else None)
    this_year = target_for_year(targets, fiscal_year_of(as_of))
    if this_year is not None:
        out |= {"target": this_year, "target_period": parse_period(f"FY{fiscal_year_of(as_of)}")}
    return out


def _assess_milestone(as_of: date, found: tuple[Period, Target] | None, reports: list[Report]) -> Fields:
    done = [r for r in reports if r.value >= 1]
    out = _figure(done[0] if done else (reports[-1] if reports else None))
    if found is not None:
        out |= {"target_period": found[0], "target": found[1]}
    if done:
        return out | {"status": "achieved"}
    if found is None:
        return out | {"status": "no_target"}
    return out | {"status": "overdue" if as_of > found[0].end else "no_data"}


def assess(kpi: Kpi, as_of: date, timeline: Timeline = TIMELESS) -> Assessment:
    """Status of ``kpi`` at ``as_of`` (see the module docstring and the README)."""
    targets = targets_in_force(kpi, as_of, timeline)
    reports = reports_until(kpi, as_of, timeline)
    due = report_due(kpi, as_of, reports, targets, timeline)
    found = _current(targets, as_of)
    if kpi.measure == "milestone":
        out = _assess_milestone(as_of, found, reports)
    elif not targets:
        out = _figure(reports[-1] if reports else None) | {"status": "no_target"}
    elif kpi.measure == "per_year":
        out = _assess_per_year(kpi, as_of, targets, reports)
    elif not reports or found is None:
        out = {"target": found[1], "target_period": found[0]} if found else {}
    else:
        out = _assess_to_date(kpi, as_of, found, reports, timeline)
    fields: Fields = {"status": "no_data"} | out
    return Assessment(kpi.id, as_of, **fields, report_due=due)


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
