"""The progress engine (model/progress.py): a table of hand-worked cases, then single rules.

Days used below: FY2022 ends 2023-03-31, FY2023 2024-03-31, FY2024 2025-03-31, FY2025
2026-03-31. From 2023-03-31 to 2026-03-31 is 1,096 days; to 2024-09-30 549 days; to
2025-03-31 731 days. From 2024-03-31 to 2025-03-31 is 365 days, to 2026-03-31 730.
"""

from datetime import date

import pytest

from model.progress import STATUSES, assess, current_target, latest_actual_day, value_on
from model.schema import Kpi
from model.timeline import Timeline

Q = {"source": "s.txt", "quote": "q"}
#: s.txt was public long before every date below; late.txt only from 2025-11-01.
TIMELINE = Timeline({"s.txt": date(2020, 1, 1), "late.txt": date(2025, 11, 1)})


def kpi(measure="cumulative", direction="increase", targets=(), observations=(), baseline=None) -> Kpi:
    return Kpi.model_validate(
        {
            "id": "k",
            "name": {"ja": "k", "en": "k"},
            "bureau": "b",
            "pillar": "p",
            "unit": {"ja": "件", "en": "items"},
            "measure": measure,
            "direction": direction,
            "targets": [{**Q, **t} for t in targets],
            "observations": [{**Q, **o} for o in observations],
            "baseline": {**Q, **baseline} if baseline else None,
        }
    )


def actual(period, value, **more):
    return {"period": period, "value": value, "kind": "actual", **more}


def estimate(period, value, **more):
    return {"period": period, "value": value, "kind": "estimate", **more}


def plan(period, value, **more):
    return {"period": period, "value": value, "kind": "plan", **more}


T1000 = [{"value": 1000, "due": "FY2025"}]  # due 2026-03-31
T1300 = [{"value": 1300, "due": "FY2025"}]
B0 = {"period": "FY2022", "value": 0}  # 2023-03-31
B100 = {"period": "FY2022", "value": 100}
MID = date(2024, 9, 30)
FY24_END = date(2025, 3, 31)
STRAIGHT_MID = 1000 * 549 / 1096  # expected at 2024-09-30 from 0 (FY2022) to 1,000 (FY2025)
STRAIGHT_FY24 = 1000 * 731 / 1096  # … at 2025-03-31
RECURRING = [{"value": 8000, "due": "FY2024", "recurring": True}]
MILESTONE_FY25 = [{"value": 1, "due": "FY2025"}]

CASES = [
    # (case, kpi, as_of, status, expected value, basis)
    ("context figure", kpi(observations=[actual("FY2023", 5)]), MID, "no_target", None, "actual"),
    ("target but no figure", kpi(targets=T1000), MID, "no_data", None, None),
    ("plans never count as figures", kpi(targets=T1000, observations=[plan("FY2023", 900)]), MID,
     "no_data", None, None),
    ("a figure of a period not yet ended", kpi(targets=T1000, observations=[actual("FY2024", 900)]), MID,
     "no_data", None, None),
    ("reached", kpi(targets=T1000, observations=[actual("2024-09", 1000)], baseline=B0), MID,
     "achieved", STRAIGHT_MID, "actual"),
    ("on the straight line", kpi(targets=T1000, observations=[actual("2024-09", 500)], baseline=B0), MID,
     "on_track", STRAIGHT_MID, "actual"),
    ("80% of the expected progress", kpi(targets=T1000, observations=[actual("2024-09", 400)], baseline=B0),
     MID, "at_risk", STRAIGHT_MID, "actual"),
    ("60% of the expected progress", kpi(targets=T1000, observations=[actual("2024-09", 300)], baseline=B0),
     MID, "off_track", STRAIGHT_MID, "actual"),
    ("due date passed unmet", kpi(targets=T1000, observations=[actual("FY2025", 900)], baseline=B0),
     date(2026, 6, 30), "overdue", 1000, "actual"),
    ("due date passed and met", kpi(targets=T1000, observations=[actual("FY2025", 1000)], baseline=B0),
     date(2026, 6, 30), "achieved", 1000, "actual"),
    ("approximate target counts within 5%",
     kpi(targets=[{"value": 1000, "due": "FY2025", "approximate": True}],
         observations=[actual("FY2025", 960)], baseline=B0),
     date(2026, 6, 30), "achieved", 1000, "actual"),
    ("an exact target does not", kpi(targets=T1000, observations=[actual("FY2025", 960)], baseline=B0),
     date(2026, 6, 30), "overdue", 1000, "actual"),
    # plans shape the expected path
    ("the plan met exactly",
     kpi(targets=T1300, observations=[actual("FY2023", 650), plan("FY2024", 885), actual("FY2024", 885)]),
     FY24_END, "on_track", 885, "actual"),
    ("the same figure on a straight line",
     kpi(targets=T1300, observations=[actual("FY2023", 650), actual("FY2024", 885)]),
     FY24_END, "at_risk", 975, "actual"),  # 235 of 325 expected: 72%
    ("behind a front-loaded plan",
     kpi(targets=T1300, observations=[actual("FY2023", 650), plan("FY2024", 1200), actual("FY2024", 900)]),
     FY24_END, "off_track", 1200, "actual"),  # 250 of 550: 45% (the straight line says 77%)
    ("a plan before the start is not on the path",
     kpi(targets=T1300, observations=[plan("FY2022", 1200), actual("FY2023", 650), actual("FY2024", 885)]),
     FY24_END, "at_risk", 975, "actual"),
    ("a plan due with the target is not on the path",
     kpi(targets=T1300, observations=[actual("FY2023", 650), plan("FY2025", 100), actual("FY2024", 885)]),
     FY24_END, "at_risk", 975, "actual"),
    ("a fall within the rounding of an approximate start, on a flat plan",
     kpi(targets=T1300, observations=[estimate("FY2023", 650, approximate=True), plan("FY2024Q2", 650),
                                      actual("FY2024Q2", 638)]),
     date(2024, 11, 30), "on_track", 650, "actual"),
    ("a real fall on a flat plan",
     kpi(targets=T1300, observations=[estimate("FY2023", 650, approximate=True), plan("FY2024Q2", 650),
                                      actual("FY2024Q2", 600)]),
     date(2024, 11, 30), "at_risk", 650, "actual"),
    ("no change within the rounding while progress was expected",
     kpi(targets=T1300, observations=[estimate("FY2023", 650, approximate=True), actual("FY2024", 640)]),
     FY24_END, "off_track", 975, "actual"),
    # a single figure is a start, not progress
    ("a single start figure", kpi(targets=T1300, observations=[actual("FY2023", 650)]), date(2024, 6, 30),
     "no_data", None, "actual"),
    ("a single start estimate", kpi(targets=T1300, observations=[estimate("FY2023", 650)]),
     date(2024, 6, 30), "no_data", None, "estimate"),
    ("a single figure that already meets the target",
     kpi(targets=[{"value": 40, "due": "FY2023"}], observations=[actual("FY2023", 55)]),
     date(2024, 3, 31), "achieved", None, "actual"),
    ("a single figure below a target past due",
     kpi(targets=[{"value": 100, "due": "FY2023"}], observations=[actual("FY2023", 55)]),
     date(2024, 4, 30), "overdue", None, "actual"),
    # estimates
    ("an estimate-only period counts", kpi(targets=T1000, observations=[estimate("FY2024", 500)], baseline=B0),
     FY24_END, "at_risk", STRAIGHT_FY24, "estimate"),  # 500 of 667: 75%
    ("the actual wins over an estimate of the same period",
     kpi(targets=T1000, observations=[estimate("FY2024", 900), actual("FY2024", 600)], baseline=B0),
     FY24_END, "at_risk", STRAIGHT_FY24, "actual"),  # 600 of 667: 89.96%
    ("an estimate of a later period is the latest figure",
     kpi(targets=T1000, observations=[actual("2024-09", 500), estimate("FY2024", 700)], baseline=B0),
     FY24_END, "on_track", STRAIGHT_FY24, "estimate"),
    # lower bounds
    ("a floor meets its target",
     kpi(targets=[{"value": 40, "due": "FY2023"}], observations=[actual("FY2023", 40, bound="at_least")]),
     date(2024, 3, 31), "achieved", None, "actual"),
    ("a floor below the target does not",
     kpi(targets=[{"value": 100, "due": "FY2023"}], observations=[actual("FY2023", 40, bound="at_least")]),
     date(2024, 4, 30), "overdue", None, "actual"),
    ("a floor is graded by its value",
     kpi(targets=T1000, observations=[actual("2024-09", 400, bound="at_least")], baseline=B0),
     MID, "at_risk", STRAIGHT_MID, "actual"),
    ("a floor never meets a decreasing target",
     kpi(direction="decrease", targets=[{"value": 50, "due": "FY2023"}],
         observations=[actual("FY2023", 40, bound="at_least")], baseline=B100),
     date(2024, 4, 30), "overdue", 50, "actual"),
    # other directions
    ("decrease on the path",
     kpi(direction="decrease", targets=[{"value": 50, "due": "FY2025"}], observations=[actual("2024-09", 75)],
         baseline=B100),
     MID, "on_track", 100 - 50 * 549 / 1096, "actual"),
    ("maintain within tolerance",
     kpi(direction="maintain", targets=[{"value": 100, "due": "FY2025"}], observations=[actual("2024-09", 97)]),
     MID, "on_track", None, "actual"),
    ("maintain slipping",
     kpi(direction="maintain", targets=[{"value": 100, "due": "FY2025"}], observations=[actual("2024-09", 92)]),
     MID, "at_risk", None, "actual"),
    ("maintain lost",
     kpi(direction="maintain", targets=[{"value": 100, "due": "FY2025"}], observations=[actual("2024-09", 80)]),
     MID, "off_track", None, "actual"),
    # per year
    ("a recurring per-year target met",
     kpi("per_year", targets=RECURRING, observations=[actual("FY2025", 8100)]),
     date(2026, 4, 30), "achieved", 8000, "actual"),
    ("a recurring per-year target missed",
     kpi("per_year", targets=RECURRING, observations=[actual("FY2025", 7000)]),
     date(2026, 4, 30), "overdue", 8000, "actual"),
    ("per year: quarters summed half-way through the year",
     kpi("per_year", targets=RECURRING, observations=[actual("FY2024Q1", 1500), actual("FY2024Q2", 2000)]),
     date(2024, 10, 31), "at_risk", 4000, "actual"),  # 3,500 of 4,000 (182 of 364 days)
    ("per year: a one-off target does not recur",
     kpi("per_year", targets=[{"value": 8000, "due": "FY2024"}], observations=[actual("FY2025", 100)]),
     date(2026, 4, 30), "no_data", None, "actual"),
    # milestones
    ("milestone done", kpi("milestone", targets=MILESTONE_FY25, observations=[actual("FY2024", 1)]),
     date(2025, 6, 30), "achieved", None, "actual"),
    ("milestone overdue", kpi("milestone", targets=[{"value": 1, "due": "FY2024"}]),
     date(2025, 6, 30), "overdue", None, None),
    ("milestone pending", kpi("milestone", targets=MILESTONE_FY25), date(2025, 6, 30), "no_data", None, None),
    ("milestone reported not done, then overdue",
     kpi("milestone", targets=[{"value": 1, "due": "FY2024"}], observations=[actual("FY2024", 0)]),
     date(2025, 4, 30), "overdue", None, "actual"),
    ("milestone done in a period not yet ended",
     kpi("milestone", targets=MILESTONE_FY25, observations=[actual("FY2025", 1)]),
     date(2025, 6, 30), "no_data", None, None),
    # what was known on the date
    ("a figure reported after the date is left out",
     kpi(targets=T1000, observations=[actual("FY2023", 650), actual("FY2024", 400, reported_on="2025-11-01")],
         baseline=B0),
     date(2025, 6, 30), "on_track", 1000 * 366 / 1096, "actual"),  # FY2023's 650 against 334
    ("… and counts from the day it was reported",
     kpi(targets=T1000, observations=[actual("FY2023", 650), actual("FY2024", 400, reported_on="2025-11-01")],
         baseline=B0),
     date(2025, 11, 1), "off_track", STRAIGHT_FY24, "actual"),  # 400 of 667: 60%
    ("… or from its source's publication",
     kpi(targets=T1000, observations=[actual("FY2023", 650), actual("FY2024", 400, source="late.txt")],
         baseline=B0),
     date(2025, 10, 31), "on_track", 1000 * 366 / 1096, "actual"),
    ("a target published later does not exist yet",
     kpi(targets=[{"value": 1000, "due": "FY2025", "source": "late.txt"}], observations=[actual("FY2023", 5)]),
     date(2025, 6, 30), "no_target", None, "actual"),
]  # fmt: skip

IDS = [c[0] for c in CASES]


@pytest.mark.parametrize(("case", "k", "as_of", "status", "expected", "basis"), CASES, ids=IDS)
def test_status_expected_value_and_basis(case, k, as_of, status, expected, basis):
    a = assess(k, as_of, TIMELINE)
    assert a.status == status
    assert a.basis == basis
    if expected is None:
        assert a.expected is None
    else:
        assert a.expected == pytest.approx(expected)


def test_the_table_has_every_status_and_thirty_cases():
    assert {c[3] for c in CASES} == set(STATUSES)
    assert len(CASES) >= 30


def test_the_plan_path_runs_through_every_plan_in_order():
    k = kpi(
        targets=T1300,
        observations=[
            actual("FY2023", 650),
            plan("FY2024Q2", 700),
            plan("FY2024", 885),
            actual("FY2024", 885),
        ],
    )
    a = assess(k, FY24_END, TIMELINE)
    assert a.path_kind == "plan"
    assert [(p.period.text, p.value, p.role) for p in a.path] == [
        ("FY2023", 650, "start"),
        ("FY2024Q2", 700, "plan"),
        ("FY2024", 885, "plan"),
        ("FY2025", 1300, "target"),
    ]
    assert value_on(a.path, date(2024, 9, 30)) == 700
    assert value_on(a.path, date(2030, 1, 1)) == 1300


def test_without_plans_the_path_is_a_straight_line_from_the_baseline():
    a = assess(kpi(targets=T1000, observations=[actual("2024-09", 400)], baseline=B0), MID, TIMELINE)
    assert a.path_kind == "straight"
    assert [(p.value, p.role) for p in a.path] == [(0, "start"), (1000, "target")]
    assert a.measured


def test_a_single_figure_is_not_measured_progress():
    a = assess(kpi(targets=T1300, observations=[estimate("FY2023", 650)]), date(2024, 6, 30), TIMELINE)
    assert not a.measured and a.status == "no_data" and a.actual == 650


def test_revised_target_replaces_the_superseded_one():
    k = kpi(
        targets=[{"value": 100, "due": "FY2027", "superseded": True}, {"value": 300, "due": "FY2027"}],
        observations=[actual("FY2024", 150)],
        baseline={"period": "FY2023", "value": 0},
    )
    a = assess(k, date(2025, 3, 31), TIMELINE)
    assert a.target.value == 300
    assert a.status == "on_track"  # against the superseded 100 it would read "achieved"
    assert a.pct_of_target == pytest.approx(50.0)


def test_a_superseded_target_is_in_force_until_its_revision_is_public():
    k = kpi(
        targets=[
            {"value": 100, "due": "FY2027", "superseded": True},
            {"value": 300, "due": "FY2027", "reported_on": "2025-01-15"},
        ],
    )
    assert current_target(k, date(2024, 6, 30), TIMELINE)[1].value == 100
    assert current_target(k, date(2025, 1, 15), TIMELINE)[1].value == 300


def test_targets_move_on_once_due():
    k = kpi(
        targets=[{"value": 40, "due": "FY2023"}, {"value": 300, "due": "FY2027"}],
        observations=[actual("FY2022", 10), actual("FY2023", 80)],
    )
    assert assess(k, date(2024, 3, 31), TIMELINE).status == "achieved"
    later = assess(k, date(2024, 6, 30), TIMELINE)
    assert later.target.value == 300 and later.status == "on_track"


REPORT_DUE = [
    # (case, kpi, as_of, report_due)
    ("a plan period ended over 90 days ago without a figure",
     kpi(targets=T1300, observations=[actual("FY2023", 650), plan("FY2024", 885)]), date(2025, 7, 1), "FY2024"),
    ("within the 90 days' grace",
     kpi(targets=T1300, observations=[actual("FY2023", 650), plan("FY2024", 885)]), date(2025, 6, 29), None),
    ("an estimate closes the period",
     kpi(targets=T1300, observations=[plan("FY2024", 885), estimate("FY2024", 880)]), date(2025, 7, 1), None),
    ("a later figure closes it too",
     kpi(targets=T1300, observations=[plan("FY2024", 885), actual("2025-06", 900)]), date(2025, 10, 1), None),
    ("a figure inside the period does not",
     kpi(targets=T1300, observations=[plan("FY2024", 885), actual("2024-06", 700)]), date(2025, 7, 1), "FY2024"),
    ("the oldest period first",
     kpi(targets=T1300, observations=[plan("FY2023", 650), plan("FY2024", 885)]), date(2026, 12, 1), "FY2023"),
    ("a target period", kpi(targets=T1300, observations=[actual("FY2023", 650)]), date(2026, 7, 1), "FY2025"),
    ("a recurring year", kpi("per_year", targets=RECURRING, observations=[actual("FY2024", 8100)]),
     date(2026, 7, 1), "FY2025"),
    ("a milestone done owes nothing",
     kpi("milestone", targets=[{"value": 1, "due": "FY2023"}], observations=[actual("FY2022", 1)]),
     date(2026, 7, 1), None),
    ("a milestone not reported", kpi("milestone", targets=[{"value": 1, "due": "FY2023"}]),
     date(2024, 7, 1), "FY2023"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "k", "as_of", "due"), REPORT_DUE, ids=[c[0] for c in REPORT_DUE])
def test_report_due(case, k, as_of, due):
    found = assess(k, as_of, TIMELINE).report_due
    assert (found.text if found else None) == due


def test_the_status_is_still_computed_on_the_latest_figure_when_a_report_is_due():
    k = kpi(targets=T1000, observations=[actual("2024-09", 500), plan("FY2024", 700)], baseline=B0)
    a = assess(k, date(2025, 7, 1), TIMELINE)
    assert a.report_due.text == "FY2024" and a.status == "on_track" and a.actual == 500


def test_current_target_is_the_next_due_then_the_last():
    k = kpi(targets=[{"value": 40, "due": "FY2023"}, {"value": 300, "due": "FY2027"}])
    assert current_target(k, date(2024, 1, 1))[1].value == 40
    assert current_target(k, date(2030, 1, 1))[1].value == 300


def test_latest_actual_day_ignores_plans():
    k = kpi(observations=[actual("2024-02", 1), plan("FY2026", 2)])
    assert latest_actual_day([k]) == date(2024, 2, 29)
