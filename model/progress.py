"""The progress engine: status of a KPI at an evaluation date ``as_of``.

Pure functions over the validated model; the rule is documented in the README
("Status rule") and each threshold is a named constant below.

* Only ``actual`` observations whose period has ended (``period_end <= as_of``) count.
  Plans and estimates never count as actuals.
* cumulative / level KPIs are compared with the *current target*: the earliest-due
  target that is not superseded and not yet due at ``as_of``, or, when all are past
  due, the latest-due one.
* The latest actual is judged against the straight path from the start (baseline, else
  first actual) to the current target *at the date of that actual*: a KPI is rated on
  its latest report, and how old that report is, is shown apart (data freshness).
* per_year KPIs compare the latest fiscal year that has both actuals and a target
  with that year's target (sub-year actuals are summed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from model.periods import Period, fiscal_year_of, fy_bounds, parse_period
from model.schema import Kpi, Observation, Target

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

#: progress / expected progress at or above this is on track …
ON_TRACK_RATIO = 0.9
#: … at or above this at risk, below it off track.
AT_RISK_RATIO = 0.7
#: An approximate target ("約1,300") counts as reached within this fraction of it.
APPROXIMATE_TOLERANCE = 0.05
#: A "maintain" KPI is on target while within this fraction below its target.
MAINTAIN_TOLERANCE = 0.05


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
    expected: float | None = None
    expected_on: date | None = None
    start: float | None = None

    @property
    def pct_of_target(self) -> float | None:
        """Latest actual as a percentage of the current target."""
        if self.actual is None or self.target is None or self.target.value == 0:
            return None
        return 100.0 * self.actual / self.target.value

    @property
    def expected_pct(self) -> float | None:
        if self.expected is None or self.target is None or self.target.value == 0:
            return None
        return 100.0 * self.expected / self.target.value


def actuals_until(kpi: Kpi, as_of: date) -> list[tuple[Period, Observation]]:
    """Actual observations whose period ended on or before ``as_of``, oldest first."""
    rows = [(parse_period(o.period), o) for o in kpi.observations if o.kind == "actual"]
    return sorted((r for r in rows if r[0].end <= as_of), key=lambda r: (r[0].end, r[0].start))


def current_targets(kpi: Kpi) -> list[tuple[Period, Target]]:
    """Targets that are not superseded, by due date."""
    rows = [(parse_period(t.due), t) for t in kpi.targets if not t.superseded]
    return sorted(rows, key=lambda r: r[0].end)


def current_target(kpi: Kpi, as_of: date) -> tuple[Period, Target] | None:
    targets = current_targets(kpi)
    for period, target in targets:
        if period.end >= as_of:
            return period, target
    return targets[-1] if targets else None


def target_for_year(kpi: Kpi, fiscal_year: int) -> Target | None:
    """The target that applies to one fiscal year of a per_year KPI."""
    best: tuple[int, Target] | None = None
    for period, target in current_targets(kpi):
        due_year = fiscal_year_of(period.end)
        applies = due_year == fiscal_year or (target.recurring and due_year <= fiscal_year)
        if applies and (best is None or due_year >= best[0]):
            best = (due_year, target)
    return best[1] if best else None


def _meets(value: float, target: Target, direction: str) -> bool:
    tolerance = APPROXIMATE_TOLERANCE if target.approximate else 0.0
    if direction == "decrease":
        return value <= target.value * (1 + tolerance)
    if direction == "maintain":
        tolerance += MAINTAIN_TOLERANCE
    return value >= target.value * (1 - tolerance)


def _grade(ratio: float) -> Status:
    if ratio >= ON_TRACK_RATIO:
        return "on_track"
    return "at_risk" if ratio >= AT_RISK_RATIO else "off_track"


def _fraction(start: date, end: date, now: date) -> float:
    span = (end - start).days
    if span <= 0:
        return 1.0
    return min(1.0, max(0.0, (now - start).days / span))


def _start_point(kpi: Kpi, actuals: list[tuple[Period, Observation]]) -> tuple[date, float]:
    if kpi.baseline is not None:
        period = parse_period(kpi.baseline.period)
        if period.end <= actuals[0][0].end:
            return period.end, kpi.baseline.value
    return actuals[0][0].end, actuals[0][1].value


def _assess_to_date(kpi: Kpi, as_of: date, actuals: list[tuple[Period, Observation]]) -> Assessment:
    """cumulative and level KPIs: latest actual against the current target."""
    found = current_target(kpi, as_of)
    assert found is not None
    due, target = found
    period, latest = actuals[-1]
    start_day, start_value = _start_point(kpi, actuals)
    fraction = _fraction(start_day, due.end, period.end)
    expected = start_value + (target.value - start_value) * fraction
    base = Assessment(
        kpi.id, as_of, "no_data", target, due, latest.value, period, expected, period.end, start_value
    )
    if _meets(latest.value, target, kpi.direction):
        status: Status = "achieved" if kpi.direction != "maintain" or as_of >= due.end else "on_track"
    elif as_of > due.end:
        status = "overdue"
    elif kpi.direction == "maintain":
        status = "at_risk" if latest.value >= target.value * (1 - 2 * MAINTAIN_TOLERANCE) else "off_track"
    elif fraction <= 0 or math.isclose(target.value, start_value):
        status = "on_track"
    else:
        progress = (latest.value - start_value) / (target.value - start_value)
        status = _grade(progress / fraction)
    return replace(base, status=status)


def _year_total(rows: list[tuple[Period, Observation]]) -> tuple[float, Period, bool]:
    """Value of one fiscal year from its actuals: the FY figure, or the sum of the finest parts."""
    for kind in ("fy", "quarter", "month", "date"):
        parts = [r for r in rows if r[0].kind == kind]
        if parts:
            return math.fsum(o.value for _, o in parts), parts[-1][0], kind == "fy"
    raise ValueError("no actuals")  # pragma: no cover - callers pass a non-empty list


def _assess_per_year(kpi: Kpi, as_of: date, actuals: list[tuple[Period, Observation]]) -> Assessment:
    by_year: dict[int, list[tuple[Period, Observation]]] = {}
    for row in actuals:
        by_year.setdefault(fiscal_year_of(row[0].start), []).append(row)
    for year in sorted(by_year, reverse=True):
        target = target_for_year(kpi, year)
        if target is None:
            continue
        value, period, whole_year = _year_total(by_year[year])
        start, end = fy_bounds(year)
        year_period = parse_period(f"FY{year}")
        fraction = 1.0 if whole_year else _fraction(start, end, period.end)
        expected = target.value * fraction
        base = Assessment(
            kpi.id, as_of, "no_data", target, year_period, value, period, expected, period.end, 0.0
        )
        if _meets(value, target, kpi.direction):
            status: Status = "achieved"
        elif whole_year or as_of >= end:
            status = "overdue"
        elif kpi.direction == "decrease":
            status = "on_track"
        else:
            status = _grade((value / target.value) / fraction) if target.value and fraction else "on_track"
        return replace(base, status=status)
    return Assessment(kpi.id, as_of, "no_data")


def assess(kpi: Kpi, as_of: date) -> Assessment:
    """Status of ``kpi`` at ``as_of`` (see the module docstring and the README)."""
    if not kpi.targets:
        actuals = actuals_until(kpi, as_of)
        if not actuals:
            return Assessment(kpi.id, as_of, "no_target")
        period, latest = actuals[-1]
        return Assessment(kpi.id, as_of, "no_target", actual=latest.value, actual_period=period)
    actuals = actuals_until(kpi, as_of)
    if not actuals:
        found = current_target(kpi, as_of) if kpi.measure != "per_year" else None
        if found:
            return Assessment(kpi.id, as_of, "no_data", found[1], found[0])
        return Assessment(kpi.id, as_of, "no_data")
    if kpi.measure == "per_year":
        return _assess_per_year(kpi, as_of, actuals)
    return _assess_to_date(kpi, as_of, actuals)


def latest_actual_end(kpis: list[Kpi]) -> date | None:
    """End of the latest period that has an actual value: the default evaluation date."""
    periods = {o.period for k in kpis for o in k.observations if o.kind == "actual"}
    return max((parse_period(p).end for p in periods), default=None)
