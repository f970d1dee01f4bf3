from datetime import date

import pytest

from model.progress import STATUSES, assess, current_target, latest_actual_end
from model.schema import Kpi

Q = {"source": "s.txt", "quote": "q"}


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


def actual(period, value):
    return {"period": period, "value": value, "kind": "actual"}


T1000 = [{"value": 1000, "due": "FY2025"}]  # due 2026-03-31
B0 = {"period": "FY2022", "value": 0}  # 2023-03-31; half-way to the due date is about 2024-09-30
B100 = {"period": "FY2022", "value": 100}
MID = date(2024, 9, 30)

CASES = [
    # (case, kpi, as_of, expected status)
    ("context figure", kpi(observations=[actual("FY2023", 5)]), MID, "no_target"),
    ("target but no actual", kpi(targets=T1000), MID, "no_data"),
    (
        "plans never count as actuals",
        kpi(targets=T1000, observations=[{"period": "FY2023", "value": 900, "kind": "plan"}]),
        MID,
        "no_data",
    ),
    (
        "estimates never count as actuals",
        kpi(targets=T1000, observations=[{"period": "FY2023", "value": 900, "kind": "estimate"}]),
        MID,
        "no_data",
    ),
    (
        "actual not yet ended at as_of",
        kpi(targets=T1000, observations=[actual("FY2024", 900)]),
        MID,
        "no_data",
    ),
    ("reached", kpi(targets=T1000, observations=[actual("2024-09", 1000)], baseline=B0), MID, "achieved"),
    (
        "on the straight path",
        kpi(targets=T1000, observations=[actual("2024-09", 500)], baseline=B0),
        MID,
        "on_track",
    ),
    (
        "80% of the expected progress",
        kpi(targets=T1000, observations=[actual("2024-09", 400)], baseline=B0),
        MID,
        "at_risk",
    ),
    (
        "60% of the expected progress",
        kpi(targets=T1000, observations=[actual("2024-09", 300)], baseline=B0),
        MID,
        "off_track",
    ),
    (
        "due date passed unmet",
        kpi(targets=T1000, observations=[actual("FY2025", 900)], baseline=B0),
        date(2026, 6, 30),
        "overdue",
    ),
    (
        "due date passed and met",
        kpi(targets=T1000, observations=[actual("FY2025", 1000)], baseline=B0),
        date(2026, 6, 30),
        "achieved",
    ),
    (
        "approximate target counts within 5%",
        kpi(
            targets=[{"value": 1000, "due": "FY2025", "approximate": True}],
            observations=[actual("FY2025", 960)],
        ),
        date(2026, 6, 30),
        "achieved",
    ),
    (
        "exact target does not",
        kpi(targets=T1000, observations=[actual("FY2025", 960)]),
        date(2026, 6, 30),
        "overdue",
    ),
    (
        "first actual is the start without a baseline",
        kpi(targets=T1000, observations=[actual("FY2023", 200)]),
        date(2024, 3, 31),
        "on_track",
    ),
    (
        "decrease on path",
        kpi(
            direction="decrease",
            targets=[{"value": 50, "due": "FY2025"}],
            observations=[actual("2024-09", 75)],
            baseline=B100,
        ),
        MID,
        "on_track",
    ),
    (
        "decrease too slow",
        kpi(
            direction="decrease",
            targets=[{"value": 50, "due": "FY2025"}],
            observations=[actual("2024-09", 90)],
            baseline=B100,
        ),
        MID,
        "off_track",
    ),
    (
        "decrease reached",
        kpi(
            direction="decrease",
            targets=[{"value": 50, "due": "FY2025"}],
            observations=[actual("2024-09", 48)],
            baseline=B100,
        ),
        MID,
        "achieved",
    ),
    (
        "decrease overdue",
        kpi(
            direction="decrease",
            targets=[{"value": 50, "due": "FY2025"}],
            observations=[actual("FY2025", 60)],
            baseline=B100,
        ),
        date(2026, 6, 30),
        "overdue",
    ),
    (
        "maintain within tolerance",
        kpi(
            direction="maintain",
            targets=[{"value": 100, "due": "FY2025"}],
            observations=[actual("2024-09", 97)],
        ),
        MID,
        "on_track",
    ),
    (
        "maintain slipping",
        kpi(
            direction="maintain",
            targets=[{"value": 100, "due": "FY2025"}],
            observations=[actual("2024-09", 92)],
        ),
        MID,
        "at_risk",
    ),
    (
        "maintain lost",
        kpi(
            direction="maintain",
            targets=[{"value": 100, "due": "FY2025"}],
            observations=[actual("2024-09", 80)],
        ),
        MID,
        "off_track",
    ),
    (
        "maintain held to the end",
        kpi(
            direction="maintain",
            targets=[{"value": 100, "due": "FY2025"}],
            observations=[actual("FY2025", 101)],
        ),
        date(2026, 4, 1),
        "achieved",
    ),
    (
        "per-year target met",
        kpi(
            "per_year",
            targets=[{"value": 8000, "due": "FY2024", "recurring": True}],
            observations=[actual("FY2024", 8200)],
        ),
        date(2025, 4, 30),
        "achieved",
    ),
    (
        "per-year later year missed",
        kpi(
            "per_year",
            targets=[{"value": 8000, "due": "FY2024", "recurring": True}],
            observations=[actual("FY2024", 8200), actual("FY2025", 7000)],
        ),
        date(2026, 4, 30),
        "overdue",
    ),
    (
        "per-year quarter on pace",
        kpi(
            "per_year",
            targets=[{"value": 8000, "due": "FY2024", "recurring": True}],
            observations=[actual("FY2025Q1", 2000)],
        ),
        date(2025, 6, 30),
        "on_track",
    ),
    (
        "per-year quarter behind pace",
        kpi(
            "per_year",
            targets=[{"value": 8000, "due": "FY2024", "recurring": True}],
            observations=[actual("FY2025Q1", 1000)],
        ),
        date(2025, 6, 30),
        "off_track",
    ),
    (
        "per-year actual in a year without target",
        kpi("per_year", targets=[{"value": 8000, "due": "FY2024"}], observations=[actual("FY2023", 7000)]),
        date(2024, 4, 30),
        "no_data",
    ),
    (
        "per-year one-off target does not recur",
        kpi("per_year", targets=[{"value": 8000, "due": "FY2024"}], observations=[actual("FY2025", 100)]),
        date(2026, 4, 30),
        "no_data",
    ),
]


@pytest.mark.parametrize(("case", "k", "as_of", "status"), CASES, ids=[c[0] for c in CASES])
def test_status(case, k, as_of, status):
    assert assess(k, as_of).status == status


def test_every_status_is_covered_by_the_table():
    assert {c[3] for c in CASES} == set(STATUSES)


def test_revised_target_replaces_the_superseded_one():
    k = kpi(
        targets=[
            {"value": 100, "due": "FY2027", "superseded": True},
            {"value": 300, "due": "FY2027"},
        ],
        observations=[actual("FY2024", 150)],
        baseline={"period": "FY2023", "value": 0},
    )
    a = assess(k, date(2025, 3, 31))
    assert a.target.value == 300
    assert a.status == "on_track"  # against the superseded 100 it would read "achieved"
    assert a.pct_of_target == pytest.approx(50.0)


def test_milestone_targets_move_on_once_due():
    k = kpi(
        targets=[{"value": 40, "due": "FY2023"}, {"value": 300, "due": "FY2027"}],
        observations=[actual("FY2023", 50)],
    )
    assert assess(k, date(2024, 3, 31)).status == "achieved"
    later = assess(k, date(2024, 6, 30))
    assert later.target.value == 300 and later.status == "on_track"


def test_expected_value_on_straight_path():
    k = kpi(targets=T1000, observations=[actual("2024-09", 400)], baseline=B0)
    a = assess(k, MID)
    fraction = (MID - date(2023, 3, 31)).days / (date(2026, 3, 31) - date(2023, 3, 31)).days
    assert a.expected == pytest.approx(1000 * fraction)
    assert a.pct_of_target == pytest.approx(40.0)
    assert a.expected_pct == pytest.approx(100 * fraction)


def test_current_target_is_the_next_due_then_the_last():
    k = kpi(targets=[{"value": 40, "due": "FY2023"}, {"value": 300, "due": "FY2027"}])
    assert current_target(k, date(2024, 1, 1))[1].value == 40
    assert current_target(k, date(2030, 1, 1))[1].value == 300


def test_latest_actual_end_ignores_plans():
    k = kpi(observations=[actual("2024-02", 1), {"period": "FY2026", "value": 2, "kind": "plan"}])
    assert latest_actual_end([k]) == date(2024, 2, 29)
