"""The status rule of :mod:`model.progress` for all KPIs at once, with numpy instead of a loop.

:func:`model.progress.assess` stays the reference (README "Status rule"); this module computes
the same status, target, latest actual, expected value and percentages for every KPI from the
figure columns of :func:`model.frames.figure_columns`, and a test checks that both agree
exactly on the synthetic data and the fixtures. The arithmetic is done in the same order as
in ``model.progress`` so that the floats are identical, not merely close:

* days are ``date.toordinal()`` numbers, so ``(b - a).days`` is an integer subtraction;
* per-year totals are exact sums (``math.fsum``): numpy's sum when every part is a whole
  number (then any order gives the exact result), ``math.fsum`` for the rare other groups.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from model.progress import (
    APPROXIMATE_TOLERANCE,
    AT_RISK_RATIO,
    MAINTAIN_TOLERANCE,
    ON_TRACK_RATIO,
)

STATUS_COLUMNS = [
    "kpi_id",
    "status",
    "actual",
    "actual_period",
    "target",
    "target_due",
    "target_approximate",
    "expected",
    "pct_of_target",
    "expected_pct",
]
#: Which actuals make a fiscal year's value: the FY figure, else quarters, months, dates.
KIND_RANK = {"fy": 0, "quarter": 1, "month": 2, "date": 3}
_EPOCH = date(1970, 1, 1).toordinal()
#: Exactly representable whole numbers: summing them in any order is exact.
_EXACT_LIMIT = 2.0**52


def _fiscal_year(ordinals: np.ndarray) -> np.ndarray:
    """Fiscal year of day ordinals (January–March belong to the previous year)."""
    days = ordinals.astype("int64") - _EPOCH
    dt = days.astype("datetime64[D]")
    years = dt.astype("datetime64[Y]").astype("int64") + 1970
    months = (dt.astype("datetime64[M]").astype("int64") % 12) + 1
    return np.where(months >= 4, years, years - 1)


def _april_first(years: np.ndarray) -> np.ndarray:
    """Day ordinal of 1 April of each year."""
    months = (years.astype("int64") - 1970).astype("datetime64[Y]").astype("datetime64[M]") + 3
    return months.astype("datetime64[D]").astype("int64") + _EPOCH


def _fraction(start: np.ndarray, end: np.ndarray, now: np.ndarray) -> np.ndarray:
    """:func:`model.progress._fraction` on day ordinals."""
    span = end - start
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.minimum(1.0, np.maximum(0.0, (now - start) / np.where(span > 0, span, 1)))
    return np.where(span <= 0, 1.0, ratio)


def _meets(
    value: np.ndarray, target: np.ndarray, approximate: np.ndarray, direction: np.ndarray
) -> np.ndarray:
    tolerance = np.where(approximate, APPROXIMATE_TOLERANCE, 0.0)
    decrease = value <= target * (1 + tolerance)
    tolerance = np.where(direction == "maintain", tolerance + MAINTAIN_TOLERANCE, tolerance)
    other = value >= target * (1 - tolerance)
    return np.where(direction == "decrease", decrease, other)


def _grade(ratio: np.ndarray) -> np.ndarray:
    return np.where(
        ratio >= ON_TRACK_RATIO, "on_track", np.where(ratio >= AT_RISK_RATIO, "at_risk", "off_track")
    )


def _isclose(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``math.isclose(a, b)`` with its defaults (rel_tol=1e-9, abs_tol=0)."""
    diff = np.abs(a - b)
    return (a == b) | (diff <= np.maximum(1e-9 * np.abs(a), 1e-9 * np.abs(b)))


def _exact_sums(groups: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """``math.fsum`` of ``values`` per group 0..count-1."""
    sums = np.bincount(groups, weights=values, minlength=count)
    whole = (values == np.floor(values)) & (np.abs(values) < _EXACT_LIMIT)
    inexact = np.unique(groups[~whole])
    if len(inexact):
        for g in inexact:  # fractional parts: fsum, as the reference does
            sums[g] = math.fsum(values[groups == g].tolist())
    big = np.bincount(groups, weights=np.abs(values), minlength=count) >= _EXACT_LIMIT
    for g in np.flatnonzero(big):
        sums[g] = math.fsum(values[groups == g].tolist())
    return sums


def _first_per(keys: np.ndarray) -> np.ndarray:
    """Index of the first row of each run of equal ``keys`` (sorted input)."""
    if len(keys) == 0:
        return np.zeros(0, dtype="int64")
    return np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])


def _last_per(keys: np.ndarray) -> np.ndarray:
    if len(keys) == 0:
        return np.zeros(0, dtype="int64")
    return np.flatnonzero(np.r_[keys[1:] != keys[:-1], True])


def status_rows(table: dict[str, Any], as_of: date) -> dict[str, np.ndarray]:
    """Every KPI's assessment as columns (object arrays with None where the reference has None).

    ``table`` holds per-KPI arrays (``kpi_id``, ``measure``, ``direction``, ``has_targets``)
    and per-figure arrays (``fig_kpi``, ``fig_type``, ``fig_period``, ``fig_value``,
    ``fig_approximate``, ``fig_superseded``, ``fig_recurring``, ``fig_start``, ``fig_end``
    as day ordinals, ``fig_kind`` the period kind), see :func:`model.frames.status_table`.
    """
    day = as_of.toordinal()
    n = len(table["kpi_id"])
    measure = table["measure"]
    direction = table["direction"]
    has_targets = table["has_targets"]
    per_year = measure == "per_year"
    f_kpi, f_type, f_start, f_end = table["fig_kpi"], table["fig_type"], table["fig_start"], table["fig_end"]
    f_value, f_period = table["fig_value"], table["fig_period"]

    # --- actuals whose period has ended, oldest first per KPI --------------------------------
    act = np.flatnonzero((f_type == "actual") & (f_end <= day))
    act = act[np.lexsort((f_start[act], f_end[act], f_kpi[act]))]
    a_kpi = f_kpi[act]
    has_actual = np.zeros(n, dtype=bool)
    first_act = np.full(n, -1, dtype="int64")
    last_act = np.full(n, -1, dtype="int64")
    first_act[a_kpi[_first_per(a_kpi)]] = act[_first_per(a_kpi)]
    last_act[a_kpi[_last_per(a_kpi)]] = act[_last_per(a_kpi)]
    has_actual[a_kpi] = True

    # --- current targets by due date (stable: the file's order breaks ties) -------------------
    cur = np.flatnonzero((f_type == "target") & ~table["fig_superseded"])
    cur = cur[np.lexsort((cur, f_end[cur], f_kpi[cur]))]  # figure index keeps the file order
    c_kpi = f_kpi[cur]
    # current_target: the first not yet due at as_of, else the last
    not_due = cur[f_end[cur] >= day]
    nd_kpi = f_kpi[not_due]
    current = np.full(n, -1, dtype="int64")
    current[c_kpi[_last_per(c_kpi)]] = cur[_last_per(c_kpi)]
    current[nd_kpi[_first_per(nd_kpi)]] = not_due[_first_per(nd_kpi)]

    # output columns ------------------------------------------------------------------------
    status = np.full(n, "no_data", dtype=object)
    target_row = np.full(n, -1, dtype="int64")  # figure row of the target shown
    target_due = np.full(n, None, dtype=object)
    actual = np.full(n, np.nan)
    actual_row = np.full(n, -1, dtype="int64")  # figure row of the actual's period
    expected = np.full(n, np.nan)

    # 1. no targets: the latest actual, if any
    no_target = ~has_targets
    status[no_target] = "no_target"
    pick = no_target & has_actual
    actual[pick] = f_value[last_act[pick]]
    actual_row[pick] = last_act[pick]

    # 2. targets but no actual: the current target (cumulative and level only)
    pick = has_targets & ~has_actual & ~per_year & (current >= 0)
    target_row[pick] = current[pick]

    # 3. cumulative and level KPIs with actuals
    todate = np.flatnonzero(has_targets & has_actual & ~per_year & (current >= 0))
    if len(todate):
        t_row = current[todate]
        t_value = f_value[t_row]
        t_end = f_end[t_row]
        latest = last_act[todate]
        v = f_value[latest]
        v_end = f_end[latest]
        first = first_act[todate]
        b_row = table["baseline_row"][todate]
        use_base = (b_row >= 0) & (f_end[np.maximum(b_row, 0)] <= f_end[first])
        start_day = np.where(use_base, f_end[np.maximum(b_row, 0)], f_end[first])
        start_value = np.where(use_base, f_value[np.maximum(b_row, 0)], f_value[first])
        fraction = _fraction(start_day, t_end, v_end)
        exp = start_value + (t_value - start_value) * fraction
        dirs = direction[todate]
        met = _meets(v, t_value, table["fig_approximate"][t_row], dirs)
        with np.errstate(divide="ignore", invalid="ignore"):
            progress = (v - start_value) / (t_value - start_value)
            graded = _grade(progress / fraction)
        st = np.where(
            met,
            np.where((dirs != "maintain") | (day >= t_end), "achieved", "on_track"),
            np.where(
                day > t_end,
                "overdue",
                np.where(
                    dirs == "maintain",
                    np.where(v >= t_value * (1 - 2 * MAINTAIN_TOLERANCE), "at_risk", "off_track"),
                    np.where((fraction <= 0) | _isclose(t_value, start_value), "on_track", graded),
                ),
            ),
        )
        status[todate] = st
        target_row[todate] = t_row
        actual[todate] = v
        actual_row[todate] = latest
        expected[todate] = exp

    # 4. per_year KPIs with actuals: the latest fiscal year with actuals and a target
    yearly = has_targets & has_actual & per_year
    _per_year(table, act, yearly, day, status, target_row, target_due, actual, actual_row, expected)

    has_target = target_row >= 0
    t_idx = np.maximum(target_row, 0)
    target = np.where(has_target, f_value[t_idx], np.nan)
    need_due = has_target & np.array([d is None for d in target_due], dtype=bool)
    target_due[need_due] = f_period[t_idx[need_due]]
    approximate = np.where(has_target, table["fig_approximate"][t_idx], None)
    has_act = ~np.isnan(actual)
    with np.errstate(divide="ignore", invalid="ignore"):
        usable = has_target & (target != 0)
        pct = np.where(has_act & usable, 100.0 * actual / target, np.nan)
        exp_pct = np.where(~np.isnan(expected) & usable, 100.0 * expected / target, np.nan)
    return {
        "kpi_id": table["kpi_id"],
        "status": status,
        "actual": _objects(actual, has_act),
        "actual_period": np.where(has_act, f_period[np.maximum(actual_row, 0)], None),
        "target": _objects(target, has_target),
        "target_due": target_due,
        "target_approximate": approximate,
        "expected": _objects(expected, ~np.isnan(expected)),
        "pct_of_target": _objects(pct, ~np.isnan(pct)),
        "expected_pct": _objects(exp_pct, ~np.isnan(exp_pct)),
    }


def _objects(values: np.ndarray, present: np.ndarray) -> np.ndarray:
    out = values.astype(object)
    out[~present] = None
    return out


def _per_year(
    table: dict[str, Any],
    act: np.ndarray,
    yearly: np.ndarray,
    day: int,
    status: np.ndarray,
    target_row: np.ndarray,
    target_due: np.ndarray,
    actual: np.ndarray,
    actual_row: np.ndarray,
    expected: np.ndarray,
) -> None:
    """Case 4 of the rule, written into the output arrays."""
    f_kpi, f_end, f_value = table["fig_kpi"], table["fig_end"], table["fig_value"]
    rows = act[yearly[table["fig_kpi"][act]]]  # actuals of per-year KPIs, sorted per KPI
    if len(rows) == 0:
        return
    years = _fiscal_year(table["fig_start"][rows])
    pairs = pd.DataFrame({"kpi": f_kpi[rows], "year": years}).drop_duplicates()
    tgt = np.flatnonzero((table["fig_type"] == "target") & ~table["fig_superseded"] & yearly[f_kpi])
    targets = pd.DataFrame(
        {
            "kpi": f_kpi[tgt],
            "row": tgt,
            "due_year": _fiscal_year(f_end[tgt]),
            "end": f_end[tgt],
            "recurring": table["fig_recurring"][tgt],
        }
    )
    both = pairs.merge(targets, on="kpi")
    applies = (both["due_year"] == both["year"]) | (both["recurring"] & (both["due_year"] <= both["year"]))
    both = both[applies]
    if both.empty:
        return
    # target_for_year: the latest due year wins; among equals the last by (due end, file order)
    both = both.sort_values(["kpi", "year", "due_year", "end", "row"], kind="stable")
    best = both.drop_duplicates(["kpi", "year"], keep="last")
    chosen = best.sort_values(["kpi", "year"], kind="stable").drop_duplicates("kpi", keep="last")
    kpis = chosen["kpi"].to_numpy()
    year_of = np.full(len(yearly), -1, dtype="int64")
    year_of[kpis] = chosen["year"].to_numpy()
    t_rows = chosen["row"].to_numpy()

    # the actuals of the chosen year: the FY figure, else the finest parts' sum
    in_year = rows[years == year_of[f_kpi[rows]]]
    rank = table["fig_rank"][in_year]
    kpi_of = f_kpi[in_year]
    best_rank = np.full(len(yearly), 99, dtype="int64")
    np.minimum.at(best_rank, kpi_of, rank)
    parts = in_year[rank == best_rank[kpi_of]]  # still sorted by (kpi, end, start)
    p_kpi = f_kpi[parts]
    group = np.searchsorted(kpis, p_kpi)
    value = _exact_sums(group, f_value[parts], len(kpis))
    last_part = parts[_last_per(p_kpi)]
    whole = best_rank[kpis] == KIND_RANK["fy"]

    year = year_of[kpis]
    start = _april_first(year)
    end = _april_first(year + 1) - 1  # 31 March
    fraction = np.where(whole, 1.0, _fraction(start, end, f_end[last_part]))
    t_value = f_value[t_rows]
    exp = t_value * fraction
    dirs = table["direction"][kpis]
    met = _meets(value, t_value, table["fig_approximate"][t_rows], dirs)
    with np.errstate(divide="ignore", invalid="ignore"):
        graded = _grade((value / t_value) / fraction)
    in_progress = np.where((t_value != 0) & (fraction != 0), graded, "on_track")
    st = np.where(
        met,
        "achieved",
        np.where(whole | (day >= end), "overdue", np.where(dirs == "decrease", "on_track", in_progress)),
    )
    status[kpis] = st
    target_row[kpis] = t_rows
    target_due[kpis] = np.char.add("FY", year.astype(str)).astype(object)
    actual[kpis] = value
    actual_row[kpis] = last_part
    expected[kpis] = exp


def status_frame(rows: dict[str, np.ndarray]) -> pd.DataFrame:
    """The frame of :func:`model.frames.status_frame` from :func:`status_rows`.

    Built from row tuples like the reference, so that pandas infers the same dtypes
    (float64 with NaN for missing numbers, object for booleans with gaps, str for text).
    """
    columns = [rows[c].tolist() if isinstance(rows[c], np.ndarray) else list(rows[c]) for c in STATUS_COLUMNS]
    return pd.DataFrame(list(zip(*columns, strict=True)), columns=STATUS_COLUMNS)
