"""The vectorised status engine (model/status_vec.py) agrees exactly with model.progress.assess."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from model import synth
from model.frames import clear_memo, overview_frame, status_frame
from model.loader import Dataset, load
from model.progress import assess
from model.schema import Document

from conftest import FIXTURES, MINIMAL, PROJECT, SEEDS

AS_OF = [
    date(2019, 1, 1),
    date(2023, 3, 31),
    date(2024, 3, 31),
    date(2024, 6, 30),
    date(2024, 9, 30),
    date(2025, 3, 31),
    date(2026, 1, 31),
    date(2031, 4, 1),
]
COLUMNS = [
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


def reference(dataset: Dataset, as_of: date) -> pd.DataFrame:
    """The status frame built KPI by KPI with the reference engine."""
    rows = []
    for kpi in dataset.kpis:
        a = assess(kpi, as_of)
        rows.append(
            (
                kpi.id,
                a.status,
                a.actual,
                a.actual_period.text if a.actual_period else None,
                a.target.value if a.target else None,
                a.target_period.text if a.target_period else None,
                a.target.approximate if a.target else None,
                a.expected,
                a.pct_of_target,
                a.expected_pct,
            )
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def _q(value: float, period: str = "FY2024", kind: str = "actual", **extra) -> dict:
    return {"period": period, "kind": kind, "value": value, "source": "x.txt", "quote": str(value), **extra}


def _t(value: float, due: str, **extra) -> dict:
    return {"value": value, "due": due, "source": "x.txt", "quote": str(value), **extra}


def _kpi(ident: str, measure: str = "cumulative", direction: str = "increase", **fields) -> dict:
    return {
        "id": ident,
        "name": {"ja": ident, "en": ident},
        "bureau": "b",
        "pillar": "p",
        "unit": {"ja": "件", "en": "cases"},
        "measure": measure,
        "direction": direction,
        **fields,
    }


def edge_cases() -> Dataset:
    """KPIs at the corners of the rule, validated by the schema only (no seeds needed)."""
    kpis = [
        _kpi("no-figures"),
        _kpi("context-future", observations=[_q(5, "FY2030")]),
        _kpi("plan-only", targets=[_t(10, "FY2025")], observations=[_q(3, "FY2024", "plan")]),
        _kpi(
            "tie-on-due-end",  # FY2024 and FY2024Q4 end the same day: file order decides
            targets=[_t(100, "FY2024Q4"), _t(90, "FY2024")],
            observations=[_q(40, "FY2023"), _q(95, "2024-12")],
        ),
        _kpi(
            "baseline-after-first",
            baseline={"period": "FY2024", "value": 50, "source": "x.txt", "quote": "50"},
            targets=[_t(100, "FY2026")],
            observations=[_q(40, "FY2022"), _q(70, "FY2024")],
        ),
        _kpi(
            "baseline-before",
            baseline={"period": "2019-03", "value": 10, "source": "x.txt", "quote": "10"},
            targets=[_t(100, "FY2026", approximate=True), _t(60, "FY2024", superseded=True)],
            observations=[_q(40, "FY2022"), _q(55, "2024-06-30")],
        ),
        _kpi(
            "flat-target",
            targets=[_t(40, "FY2026")],
            observations=[_q(40.0000000001, "FY2021"), _q(30, "FY2022")],
        ),
        _kpi("zero-target", direction="decrease", targets=[_t(0, "FY2026")], observations=[_q(3, "FY2024")]),
        _kpi(
            "maintain",
            "level",
            "maintain",
            targets=[_t(100, "FY2024", approximate=True)],
            observations=[_q(91, "2024-09"), _q(85, "2023-09")],
        ),
        _kpi("decrease", "level", "decrease", targets=[_t(50, "FY2025")], observations=[_q(80, "FY2023")]),
        _kpi(
            "per-year-quarters-decimal",
            "per_year",
            targets=[_t(1.0, "FY2024", recurring=True)],
            observations=[_q(0.1, "FY2024Q1"), _q(0.2, "FY2024Q2"), _q(0.3, "FY2024Q3"), _q(0.7, "2024-05")],
        ),
        _kpi(
            "per-year-mixed-kinds",
            "per_year",
            targets=[_t(12, "FY2023"), _t(20, "FY2024"), _t(30, "FY2024", superseded=True)],
            observations=[
                _q(3, "2024-04"),
                _q(4, "2024-05"),
                _q(11, "FY2023"),
                _q(2, "FY2023Q4"),
                _q(1, "2024-05-15"),
            ],
        ),
        _kpi(
            "per-year-no-target-year",
            "per_year",
            "decrease",
            targets=[_t(10, "FY2020")],
            observations=[_q(12, "FY2023"), _q(9, "FY2024Q1")],
        ),
        _kpi(
            "per-year-recurring-later",
            "per_year",
            targets=[_t(10, "FY2020", recurring=True), _t(15, "FY2022", recurring=True)],
            observations=[_q(14, "FY2023"), _q(2, "2024-04"), _q(0, "2024-05")],
        ),
        _kpi(
            "per-year-zero-target",
            "per_year",
            targets=[_t(0, "FY2024")],
            observations=[_q(0, "2024-04")],
        ),
        _kpi(
            "derived-actual",
            targets=[_t(100, "FY2026")],
            observations=[
                {
                    "period": "FY2024",
                    "value": 60,
                    "derived": {
                        "parts": [
                            {"value": 20, "source": "x.txt", "quote": "20"},
                            {"value": 40, "source": "x.txt", "quote": "40"},
                        ]
                    },
                }
            ],
        ),
        _kpi(
            "estimates-ignored",
            targets=[_t(100, "FY2026")],
            observations=[_q(20, "FY2022"), _q(90, "FY2023", "estimate"), _q(30, "FY2023")],
        ),
    ]
    document = Document.model_validate(
        {
            "bureaus": [{"id": "b", "ja": "局", "en": "Bureau"}],
            "pillars": [{"id": "p", "ja": "柱", "en": "Pillar"}],
            "kpis": kpis,
        }
    )
    return Dataset(document, Path("edge.yaml"), Path("seeds"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> list[Dataset]:
    out = []
    for seed, n, m in ((0, 300, 20), (1, 200, 7), (2, 100, 3)):
        data, seeds = synth.write(tmp_path_factory.mktemp(f"synth{seed}"), n, m, seed)
        out.append(load(data, seeds))
    return out


def datasets(synthetic: list[Dataset]) -> list[tuple[str, Dataset]]:
    return [
        ("minimal", load(MINIMAL, SEEDS)),
        ("dashboard", load(FIXTURES / "dashboard" / "kpis.yaml", FIXTURES / "dashboard" / "seeds")),
        ("real", load(PROJECT / "data" / "kpis.yaml", PROJECT / "seeds")),
        ("edge", edge_cases()),
        *((f"synthetic-{i}", d) for i, d in enumerate(synthetic)),
    ]


@pytest.mark.parametrize("as_of", AS_OF, ids=str)
def test_vectorised_statuses_equal_the_reference(synthetic, as_of):
    for name, dataset in datasets(synthetic):
        clear_memo()
        got = status_frame(dataset, as_of)
        want = reference(dataset, as_of)
        pd.testing.assert_frame_equal(got, want, check_exact=True, obj=f"{name} at {as_of}")


def test_every_status_occurs_in_the_comparison(synthetic):
    """The comparison is only worth something if it covers every branch of the rule."""
    seen = set()
    for _, dataset in datasets(synthetic):
        for as_of in AS_OF:
            seen |= set(reference(dataset, as_of)["status"])
    assert seen == {"achieved", "on_track", "at_risk", "off_track", "overdue", "no_data", "no_target"}


def test_repeated_dates_reuse_the_arrays_and_stay_equal(synthetic):
    dataset = synthetic[0]
    first = [status_frame(dataset, as_of) for as_of in AS_OF]
    again = [status_frame(dataset, as_of) for as_of in reversed(AS_OF)]
    for a, b in zip(first, reversed(again), strict=True):
        pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_returned_frames_are_copies(synthetic):
    dataset = synthetic[1]
    frame = overview_frame(dataset, date(2024, 3, 31))
    frame.loc[:, "status"] = "changed"
    assert "changed" not in set(overview_frame(dataset, date(2024, 3, 31))["status"])
