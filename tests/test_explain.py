"""The one-sentence status explanation (model/explain.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from model.explain import STATUS_NAMES, explain, format_number, format_quantity, status_name
from model.loader import Dataset, load
from model.progress import STATUSES, assess
from model.schema import Kpi

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"


@pytest.fixture(scope="module")
def dashboard_dataset() -> Dataset:
    return load(FIXTURE / "kpis.yaml", FIXTURE / "seeds")


def kpi(**fields) -> Kpi:
    base = {
        "id": "wifi",
        "name": {"ja": "Wi-Fi整備施設数", "en": "Facilities with Wi-Fi"},
        "bureau": "digital-service",
        "pillar": "connected",
        "unit": {"ja": "か所", "en": "sites"},
        "measure": "cumulative",
    }
    return Kpi.model_validate(base | fields)


def ev(value: float, **more) -> dict:
    return {"value": value, "source": "s.txt", "quote": f"{value}", **more}


WIFI = kpi(
    baseline=ev(0, period="FY2021"),
    targets=[ev(1300, due="FY2025", approximate=True)],
    observations=[ev(800, period="FY2024")],
)


def test_every_status_has_a_name_in_both_languages() -> None:
    assert set(STATUS_NAMES) == set(STATUSES)
    for status in STATUSES:
        assert status_name(status, "ja") and status_name(status, "en")
        assert status_name(status, "ja") != status_name(status, "en")


def test_numbers_have_thousands_separators_and_units() -> None:
    assert format_number(1300.0) == "1,300"
    assert format_number(0.25) == "0.25"
    assert format_quantity(1300, "か所", "ja", approximate=True) == "約1,300か所"
    assert format_quantity(1300, "sites", "en", approximate=True) == "~1,300 sites"


def test_at_risk_sentence_gives_percent_of_target_expected_percent_and_status() -> None:
    a = assess(WIFI, date(2025, 3, 31))
    assert a.status == "at_risk"
    en = explain(WIFI, a, "en")
    assert (
        en == "62% of the ~1,300 sites target due FY2025 (800 sites, FY2024); "
        "expected on a straight line 75% by then → at risk."
    )
    ja = explain(WIFI, a, "ja")
    assert ja == (
        "2024年度の実績800か所は目標約1,300か所（2025年度まで）の62%。その時点の直線の想定は75% → 要注意"
    )


def test_achieved_and_overdue_say_so() -> None:
    done = kpi(targets=[ev(40, due="FY2023")], observations=[ev(55, period="FY2023")])
    assert explain(done, assess(done, date(2024, 3, 31)), "en").endswith("→ achieved.")
    late = kpi(targets=[ev(100, due="FY2022")], observations=[ev(80, period="FY2023")])
    sentence = explain(late, assess(late, date(2024, 3, 31)), "en")
    assert "80% of the 100 sites target due FY2022" in sentence and sentence.endswith("overdue.")


def test_no_data_no_target_and_decrease() -> None:
    waiting = kpi(targets=[ev(500, due="FY2026")])
    assert explain(waiting, assess(waiting, date(2024, 3, 31)), "en") == (
        "No figure yet against the 500 sites target due FY2026 → no data."
    )
    context = kpi(observations=[ev(225, period="2024-01")])
    ja = explain(context, assess(context, date(2024, 3, 31)), "ja")
    assert "225か所（2024年1月）" in ja and ja.endswith("目標なし")
    paper = kpi(
        direction="decrease",
        measure="level",
        baseline=ev(2000, period="FY2019"),
        targets=[ev(600, due="FY2025")],
        observations=[ev(900, period="FY2023")],
    )
    en = explain(paper, assess(paper, date(2024, 3, 31)), "en")
    assert "against a target of at most 600 sites due FY2025" in en and "%" not in en


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_explain_is_one_sentence_for_every_fixture_kpi(lang: str, dashboard_dataset) -> None:
    for item in dashboard_dataset.kpis:
        sentence = explain(item, assess(item, date(2024, 3, 31)), lang)
        assert "\n" not in sentence and "→" in sentence and "None" not in sentence and "nan" not in sentence


SENTENCES = [
    # (case, kpi, as_of, lang, expected sentence)
    (
        "a single figure: progress not yet measured",
        kpi(targets=[ev(1300, due="FY2025", approximate=True)],
            observations=[ev(650, period="FY2023", kind="estimate", approximate=True)]),
        date(2024, 3, 31), "ja",
        "2023年度の見込み約650か所が起点で、その後の実績がないため進捗未計測（目標約1,300か所、2025年度まで） → 実績なし",
    ),
    (
        "… in English",
        kpi(targets=[ev(1300, due="FY2025", approximate=True)],
            observations=[ev(650, period="FY2023", kind="estimate", approximate=True)]),
        date(2024, 3, 31), "en",
        "~650 sites (estimate) (FY2023) is the starting point and no later figure exists: progress not yet"
        " measured (target ~1,300 sites due FY2025) → no data.",
    ),
    (
        "along the plan",
        kpi(targets=[ev(1300, due="FY2025")],
            observations=[ev(650, period="FY2023"), ev(885, period="FY2024", kind="plan"),
                          ev(885, period="FY2024")]),
        date(2025, 3, 31), "ja",
        "2024年度の実績885か所は目標1,300か所（2025年度まで）の68%。その時点の計画に沿った想定は68% → 順調",
    ),
    (
        "a floor",
        kpi(targets=[ev(40, due="FY2023")], observations=[ev(40, period="FY2023", bound="at_least")]),
        date(2024, 3, 31), "ja",
        "2023年度の実績40か所以上は目標40か所（2023年度まで）の100% → 達成",
    ),
    (
        "a floor in English",
        kpi(targets=[ev(40, due="FY2023")], observations=[ev(40, period="FY2023", bound="at_least")]),
        date(2024, 3, 31), "en",
        "≥ 40 sites (FY2023) is 100% of the 40 sites target due FY2023 → achieved.",
    ),
    (
        "a report awaited",
        kpi(targets=[ev(1300, due="FY2025")], observations=[ev(650, period="FY2023"), ev(885, period="FY2024", kind="plan")]),
        date(2025, 7, 1), "en",
        "650 sites (FY2023) is the starting point and no later figure exists: progress not yet"
        " measured (target 1,300 sites due FY2025) (report for FY2024 awaited) → no data.",
    ),
    (
        "a milestone done",
        kpi(measure="milestone", targets=[ev(1, due="FY2025")], observations=[ev(1, period="FY2024")]),
        date(2025, 6, 30), "ja",
        "2025年度までの完了に対して完了（2024年度） → 達成",
    ),
    (
        "a milestone overdue",
        kpi(measure="milestone", targets=[ev(1, due="FY2024")]),
        date(2025, 6, 30), "en",
        "A dated promise due FY2024: not done (report for FY2024 awaited) → overdue.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("case", "k", "as_of", "lang", "sentence"), SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentences(case, k, as_of, lang, sentence) -> None:
    assert explain(k, assess(k, as_of), lang) == sentence


@pytest.mark.parametrize(
    ("value", "ja", "en"),
    [
        (2_000_000, "200万", "2,000,000"),
        (120_000_000, "1億2,000万", "120,000,000"),
        (1_234_567, "123万4,567", "1,234,567"),
        (50_000, "5万", "50,000"),
        (15_377, "15,377", "15,377"),  # below a million and not round: as the sources write it
        (8_000, "8,000", "8,000"),
        (0.25, "0.25", "0.25"),
    ],
)
def test_japanese_writes_large_round_numbers_with_man_and_oku(value, ja, en) -> None:
    assert format_number(value, "ja") == ja
    assert format_number(value, "en") == en == format_number(value)


def test_a_quantity_in_japanese_uses_man() -> None:
    assert format_quantity(2_000_000, "PV/年", "ja") == "200万PV/年"
    assert format_quantity(2_000_000, "PV a year", "en") == "2,000,000 PV a year"
