"""Reports of a KPI at a date: the actuals and estimates that count, and the reports still due.

A *report* is an ``actual`` or ``estimate`` observation that was public at ``as_of`` and whose
period has ended by then. For a period that has both, the actual counts: an estimate
(見込み) stands only for a period without an actual.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from model.periods import Period, fiscal_year_of, parse_period
from model.schema import Kpi, Target
from model.timeline import Timeline

#: A plan or target period is awaiting its report once it ended more than this many days ago.
REPORT_GRACE_DAYS = 90
#: Which parts make a fiscal year's value: the FY figure, else quarters, months, dates.
_FINEST_FIRST = ("fy", "quarter", "month", "date")


@dataclass(frozen=True)
class Report:
    """One reported figure (or a fiscal year's sum of them)."""

    period: Period
    value: float
    basis: Literal["actual", "estimate"]
    at_least: bool = False
    approximate: bool = False


def reports_until(kpi: Kpi, as_of: date, timeline: Timeline) -> list[Report]:
    """The reports of ``kpi`` that count at ``as_of``, oldest first."""
    chosen: dict[str, Report] = {}
    for period, obs, known_from in timeline.observations_of(kpi):
        if obs.kind == "plan" or period.end > as_of or known_from > as_of:
            continue
        existing = chosen.get(obs.period)
        if existing is not None and existing.basis == "actual":
            continue
        chosen[obs.period] = Report(period, obs.value, obs.kind, obs.bound == "at_least", obs.approximate)
    return sorted(chosen.values(), key=lambda r: (r.period.end, r.period.start))


def combine(reports: list[Report]) -> Report:
    """A fiscal year's value from its reports: the FY figure, or the sum of the finest parts."""
    for kind in _FINEST_FIRST:
        parts = [r for r in reports if r.period.kind == kind]
        if parts:
            return Report(
                parts[-1].period,
                math.fsum(r.value for r in parts),
                "estimate" if any(r.basis == "estimate" for r in parts) else "actual",
                any(r.at_least for r in parts),
                any(r.approximate for r in parts),
            )
    raise ValueError("no reports")  # pragma: no cover - callers pass a non-empty list


def target_for_year(targets: list[tuple[Period, Target]], fiscal_year: int) -> Target | None:
    """Among the targets in force, the one that applies to one fiscal year of a per_year KPI."""
    best: tuple[int, Target] | None = None
    for period, target in targets:
        due_year = fiscal_year_of(period.end)
        applies = due_year == fiscal_year or (target.recurring and due_year <= fiscal_year)
        if applies and (best is None or due_year >= best[0]):
            best = (due_year, target)
    return best[1] if best else None


def _expected_periods(
    kpi: Kpi, as_of: date, targets: list[tuple[Period, Target]], timeline: Timeline
) -> list[Period]:
    """Periods for which a report is promised: public plans, targets in force, recurring years."""
    periods = {
        obs.period: period
        for period, obs, known_from in timeline.observations_of(kpi)
        if obs.kind == "plan" and known_from <= as_of
    }
    for period, target in targets:
        periods[period.text] = period
        if target.recurring:
            for year in range(period.fiscal_year + 1, fiscal_year_of(as_of) + 1):
                periods[f"FY{year}"] = parse_period(f"FY{year}")
    return sorted(periods.values(), key=lambda p: (p.end, p.start))


def _covers(report: Report, period: Period, per_year: bool) -> bool:
    """A report closes a period when it reaches the period's end (within its year, per year)."""
    if per_year and report.period.fiscal_year != period.fiscal_year:
        return False
    return report.period.end >= period.end


def report_due(
    kpi: Kpi, as_of: date, reports: list[Report], targets: list[tuple[Period, Target]], timeline: Timeline
) -> Period | None:
    """The oldest plan or target period that ended over REPORT_GRACE_DAYS ago with no report.

    ``targets``: the targets in force at ``as_of`` (:func:`model.timeline.targets_in_force`).
    """
    if kpi.measure == "milestone" and any(r.value >= 1 for r in reports):
        return None
    per_year = kpi.measure == "per_year"
    for period in _expected_periods(kpi, as_of, targets, timeline):
        if (as_of - period.end).days <= REPORT_GRACE_DAYS:
            return None
        if not any(_covers(r, period, per_year) for r in reports):
            return period
    return None
