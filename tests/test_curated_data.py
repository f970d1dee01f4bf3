"""The curated data file: size, the brief's four KPIs and a sample of the others, value by value."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from model.loader import Dataset, load
from model.progress import assess
from model.schema import Kpi, Text, note_text

Row = tuple[str, str, float, bool]  # (row type, period or due, value, superseded / approximate)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load()


def kpi(dataset: Dataset, ident: str) -> Kpi:
    found = [k for k in dataset.kpis if k.id == ident]
    assert found, f"no KPI {ident}"
    return found[0]


def rows(k: Kpi) -> list[tuple[Any, ...]]:
    """Every figure of a KPI as (row type, period/due, value) with the row's own flags."""
    out: list[tuple[Any, ...]] = []
    if k.baseline is not None:
        out.append(("baseline", k.baseline.period, k.baseline.value))
    out += [("target", t.due, t.value, t.superseded) for t in k.targets]
    out += [(o.kind, o.period, o.value) for o in k.observations]
    return out


def test_size(dataset: Dataset) -> None:
    assert len(dataset.kpis) >= 40
    # 14, not the 15 first aimed for: the review found that the only figures of 教育庁 and
    # 交通局 ("一人1台端末", "複数の検査を1台で") are not measures; they are under exclusions.
    assert len({k.bureau for k in dataset.kpis}) >= 14
    # the only warnings: quotes of registered later reports outside seeds/, unverifiable offline
    assert dataset.warnings
    assert all("unverified" in w.message for w in dataset.warnings)
    assert len(dataset.warnings) == len(LATER_FIGURES) + len(LATER_ESTIMATES)


def test_openroaming(dataset: Dataset) -> None:
    k = kpi(dataset, "openroaming-wifi-metro-facilities")
    (target,) = k.targets
    assert (target.value, target.approximate, target.due) == (1300, True, "FY2025")
    # reported on 2024-03-29, before FY2023 closed ("年度中に"): an estimate; then the
    # quarterly progress page of FY2024 Q2, whose schedule (works from Q3) keeps the plan flat
    assert rows(k) == [
        ("target", "FY2025", 1300, False),
        ("estimate", "FY2023", 650),
        ("plan", "FY2024", 885),
        ("plan", "FY2024Q2", 650),
        ("actual", "FY2024Q2", 638),
    ]
    (q2_plan,) = [o for o in k.observations if (o.kind, o.period) == ("plan", "FY2024Q2")]
    assert q2_plan.derived is not None and [p.value for p in q2_plan.derived.parts] == [330, 320]
    assert "第3四半期から" in note_text(q2_plan.note, "en")


def test_openroaming_q2_is_not_read_as_a_delay(dataset: Dataset) -> None:
    # with no sites scheduled before Q3, 638 against 約330 + 約320 lies within the rounding of the
    # approximate start: no change, none expected, on track (not the off track of a fall)
    k = kpi(dataset, "openroaming-wifi-metro-facilities")
    result = assess(k, date(2024, 11, 30), dataset.timeline)
    assert (result.status, result.expected, result.actual) == ("on_track", 650, 638)


def test_5g_antenna_monthly_series(dataset: Dataset) -> None:
    k = kpi(dataset, "5g-antenna-sites-metro-assets")
    series = [(o.period, o.value, o.kind) for o in k.observations]
    months = ["2023-10", "2023-11", "2023-12", "2024-01", "2024-02"]
    assert series == [(m, v, "actual") for m, v in zip(months, [37, 149, 186, 225, 250], strict=True)]


def test_startup_targets_revised_as_history(dataset: Dataset) -> None:
    k = kpi(dataset, "startup-public-private-projects")
    assert rows(k) == [
        ("target", "FY2023", 40, False),
        ("target", "FY2027", 100, True),
        ("target", "FY2027", 300, False),
        ("actual", "FY2023", 40),
    ]
    (floor,) = k.observations
    assert floor.bound == "at_least"  # 「目標（40件）を大幅にクリア」: at least 40
    # 「今年度の目標（40件）」 is a one-year target; 300 is read as FY2027's own count (the
    # strategy says neither 年間 nor 累計), the less flattering reading, and the note says so
    assert (k.measure, k.unit.ja) == ("per_year", "件/年")
    note = note_text(k.note, "en")
    assert "年間 nor 累計" in note and "less flattering" in note
    assert "厳しいほうの読み方" in note_text(k.note, "ja")


def test_municipal_training_is_recurring(dataset: Dataset) -> None:
    k = kpi(dataset, "municipal-staff-digital-training")
    (target,) = k.targets
    assert (k.measure, target.value, target.due, target.recurring) == ("per_year", 8000, "FY2024", True)


SAMPLE: list[tuple[str, str, str, list[tuple[Any, ...]]]] = [
    # (KPI id, bureau, measure, every row)
    # the whole government's budget: the page names no bureau
    ("digital-related-budget", "tokyo-metropolitan-government", "per_year", [("plan", "FY2024", 3371)]),
    ("smart-tokyo-project-budget", "tokyo-metropolitan-government", "per_year", [("plan", "FY2024", 1688)]),
    (
        "smart-tokyo-share-of-digital-budget",
        "tokyo-metropolitan-government",
        "level",
        [("plan", "FY2024", 50.07)],
    ),
    ("digital-principles-awareness", "digital-service", "level", [("actual", "FY2023", 85)]),
    (
        "digital-administrative-procedures",
        "digital-service",
        "level",
        [("target", "FY2026", 100, False), ("estimate", "FY2023", 70)],
    ),
    (
        "nishi-shinjuku-smart-city-fields",
        "digital-service",
        "level",
        [("baseline", "FY2022", 5), ("actual", "FY2023", 8)],
    ),
    (
        "regional-smart-city-areas-supported",
        "digital-service",
        "cumulative",
        [("plan", "FY2022", 3), ("plan", "FY2023", 6), ("estimate", "FY2023", 6), ("plan", "FY2024", 9)],
    ),
    (
        "startup-smart-services-implemented",
        "digital-service",
        "cumulative",
        [("target", "FY2026", 180, False)],
    ),
    ("satellite-communication-trial-sites", "digital-service", "level", [("actual", "FY2023", 4)]),
    ("child-accident-db-business-hearings", "children-policy", "cumulative", [("actual", "2024-02-16", 6)]),
    ("sea-live-cameras", "port-harbor", "cumulative", [("actual", "2024-03-29", 20), ("plan", "FY2024", 22)]),
    ("election-video-ad-views", "election-commission", "per_year", [("actual", "FY2022", 1_500_000)]),
    (
        "support-navi-annual-page-views",
        "policy-planning",
        "per_year",
        [("target", "FY2024", 2_000_000, False)],
    ),
    ("tuition-exemption-paper-saved", "general-affairs", "per_year", [("target", "FY2024", 36000, False)]),
    ("tax-payment-apps", "taxation", "level", [("actual", "2024-03-29", 9)]),  # 「現在」
    ("hospitals-on-inspection-platform", "public-health", "cumulative", [("target", "FY2025", 640, False)]),
    (
        "fire-department-information-systems",
        "fire-department",
        "cumulative",
        [
            ("target", "FY2026", 25, False),
            ("plan", "FY2024", 7),
            ("plan", "FY2025", 12),
            ("plan", "FY2026", 25),
        ],
    ),
    ("drone-logistics-consortia", "digital-service", "level", [("actual", "FY2022", 2)]),
    ("audit-data-analysis-basic-training", "audit", "cumulative", [("estimate", "FY2023", 22)]),
    ("audit-digital-team-size", "audit", "level", [("actual", "FY2023", 1), ("plan", "FY2024", 5)]),
    (
        "wards-running-child-guidance-centres",
        "special-ward-mayors",
        "cumulative",
        [("actual", "2023-12-07", 8)],
    ),
    (
        "special-ward-urban-planning-grant",
        "tokyo-metropolitan-government",
        "per_year",
        [("plan", "FY2023", 200)],
    ),
    (
        "higashimurayama-telework-terminals",
        "higashimurayama-city",
        "level",
        [("actual", "2020-09", 20), ("plan", "FY2020", 100)],
    ),
    ("higashimurayama-rpa-hours-saved", "higashimurayama-city", "level", [("actual", "2020-10-23", 1000)]),
    (
        "special-wards-partner-municipalities-total",
        "special-ward-mayors",
        "level",
        [("actual", "FY2015", 660), ("actual", "2021-08-01", 1096)],
    ),
    (
        "special-wards-agreement-municipalities",
        "special-ward-mayors",
        "level",
        [("actual", "2021-08-01", 372)],
    ),
]


@pytest.mark.parametrize(("ident", "bureau", "measure", "expected"), SAMPLE, ids=[s[0] for s in SAMPLE])
def test_sample_kpi(
    dataset: Dataset, ident: str, bureau: str, measure: str, expected: list[tuple[Any, ...]]
) -> None:
    k = kpi(dataset, ident)
    assert (k.bureau, k.measure) == (bureau, measure)
    assert rows(k) == expected


@pytest.mark.parametrize(
    ("ident", "period", "parts"),
    [
        ("fire-department-information-systems", "FY2026", [7, 5, 13]),
        ("regional-smart-city-areas-supported", "FY2024", [6, 3]),
        ("satellite-communication-trial-sites", "FY2023", [1, 1, 2]),
        ("audit-digital-team-size", "FY2024", [1, 4]),
    ],
)
def test_derived_values_list_their_parts(
    dataset: Dataset, ident: str, period: str, parts: list[float]
) -> None:
    (obs,) = [o for o in kpi(dataset, ident).observations if o.period == period]
    assert obs.derived is not None
    assert [p.value for p in obs.derived.parts] == parts


@pytest.mark.parametrize(
    ("ident", "approximate"),
    [
        ("hospitals-on-inspection-platform", True),
        ("advanced-digital-training-places", True),
        ("tax-payment-apps", False),
        ("support-navi-annual-page-views", False),
    ],
)
def test_approximate_flags(dataset: Dataset, ident: str, approximate: bool) -> None:
    k = kpi(dataset, ident)
    evidence = [*k.targets, *k.observations]
    assert {e.approximate for e in evidence} == {approximate}


def test_every_bureau_is_used(dataset: Dataset) -> None:
    doc = dataset.document
    assert {b.id for b in doc.bureaus} == {b for k in doc.kpis for b in k.bureau_ids}


@pytest.mark.parametrize(
    "gone",
    [
        "govtech-tokyo-joint-services",  # GovTech Tokyo's six business areas: not a count
        "satellite-communication-user-survey",  # the size of a survey: not a measure
        "regional-smart-city-consortia-selected",  # merged into regional-smart-city-areas-supported
        "hospitals-briefed-on-inspection-platform",  # the same ~640 hospitals one step earlier
        "5g-priority-municipal-offices",  # now 5g-priority-government-offices (63)
        "higashimurayama-maas-trials",  # a city's own FY2020 plan, not a metropolitan promise
    ],
)
def test_kpis_that_were_no_measures_or_counted_twice_are_gone(dataset: Dataset, gone: str) -> None:
    assert gone not in {k.id for k in dataset.kpis}


@pytest.mark.parametrize(
    "passage",
    [
        "GovTech東京が始動。都と協働で6つのサービスを順次拡大し、オール東京のDXを加速",
        "利用者アンケート(1,000人規模)を実施、有効性を検証",
        "今年度、これから MaaS等の自主実験を行う予定",
        "活用実績 利用者アンケート(1,000人規模)を実施、有効性を検証 他エリア等での活用",  # too vague
        "目指すは「魅力的品質」、まずは全ての手続を「当たり前品質」に",  # qualitative
        "※ システム改修は2025年度以降を予定",  # 以降: open-ended, no due date
    ],
)
def test_not_measures_are_excluded_with_a_reason(dataset: Dataset, passage: str) -> None:
    (exclusion,) = [e for e in dataset.document.exclusions if e.quote == passage]
    assert note_text(exclusion.reason, "ja").strip() and note_text(exclusion.reason, "en").strip()


def test_5g_priority_areas_are_complete(dataset: Dataset) -> None:
    offices = kpi(dataset, "5g-priority-government-offices")
    (target,) = offices.targets
    assert (target.value, target.due) == (63, "FY2026")  # 都庁 + 62 municipal head offices
    assert target.derived is not None
    assert [(p.value, p.item) for p in target.derived.parts] == [(1, True), (62, False)]
    (stations,) = kpi(dataset, "5g-priority-stations").targets
    assert (stations.value, stations.due) == (100, "FY2026")
    haneda = kpi(dataset, "5g-priority-haneda-airport")
    assert haneda.measure == "milestone"
    assert [(t.value, t.due) for t in haneda.targets] == [(1, "FY2026")]


def test_hospitals_are_a_joint_project_of_two_bureaus(dataset: Dataset) -> None:
    assert kpi(dataset, "hospitals-on-inspection-platform").bureau_ids == ["public-health", "social-welfare"]


def test_budget_share_is_derived_from_its_parts(dataset: Dataset) -> None:
    (obs,) = kpi(dataset, "smart-tokyo-share-of-digital-budget").observations
    assert obs.derived is not None and obs.derived.operation == "ratio"
    assert [p.value for p in obs.derived.parts] == [1688, 3371]
    assert "約5割" in obs.derived.parts[0].quote  # the document's own rounding stays quoted


#: FY2023 figures that the strategy of 2024-03-29 reports before the year closed.
ESTIMATES = [
    ("openroaming-wifi-metro-facilities", "FY2023"),
    ("agile-development-projects", "FY2023"),
    ("municipal-project-support-themes", "FY2023"),
    ("audit-data-analysis-basic-training", "FY2023"),
    ("audit-data-analysis-advanced-training", "FY2023"),
    ("regional-smart-city-areas-supported", "FY2023"),  # これまでの6地域
]


@pytest.mark.parametrize(("ident", "period"), ESTIMATES)
def test_figures_reported_before_their_year_closed_are_estimates(
    dataset: Dataset, ident: str, period: str
) -> None:
    reported = [o.kind for o in kpi(dataset, ident).observations if o.period == period and o.kind != "plan"]
    assert reported == ["estimate"]


def test_no_fy2023_actual_of_the_strategy_is_left_unexamined(dataset: Dataset) -> None:
    """The FY2023 actuals that stay actual describe a state already reached when written."""
    actual = {
        k.id
        for k in dataset.kpis
        for o in k.observations
        if o.period == "FY2023" and o.kind == "actual" and "003_" in (o.source or "003_")
    }
    assert actual == {
        "digital-principles-awareness",  # a staff survey already taken
        "digital-principles-practice",
        "startup-public-private-projects",  # a floor already passed (大幅にクリア)
        "nishi-shinjuku-smart-city-fields",  # fields already added
        "satellite-communication-trial-sites",  # equipment installed
        "audit-digital-team-size",  # one officer until FY2023 (2023(R5)以前)
        "labour-commission-procedures-online",  # a completion already reached (完了)
    }


#: Year-less progress (これまでの取組, 現在): a to-date figure on the day of the strategy.
TO_DATE = [
    "municipal-procedure-digitalisation-support",
    "municipal-cio-council-meetings",
    "municipal-cio-roundtables",
    "tdpf-case-study-projects",
    "island-base-station-plans-supported",
    "5g-asset-database-entries",
    "islands-on-submarine-fibre",
    "child-accident-db-expert-meetings",
    "child-accident-db-children-sessions",
    "sea-live-camera-sites",
    "sea-live-cameras",
    "tax-payment-apps",
]


@pytest.mark.parametrize("ident", TO_DATE)
def test_year_less_progress_is_dated_by_the_document(dataset: Dataset, ident: str) -> None:
    k = kpi(dataset, ident)
    assert "2024-03-29" in [o.period for o in k.observations if o.kind == "actual"]
    assert k.measure != "per_year"  # a count to date is not a yearly amount


def test_agile_projects_fy2023_counts_three_named_projects_and_seven_more(dataset: Dataset) -> None:
    (obs,) = [o for o in kpi(dataset, "agile-development-projects").observations if o.period == "FY2023"]
    assert obs.value == 10 and obs.derived is not None
    assert [(p.value, p.item) for p in obs.derived.parts] == [(1, True), (1, True), (1, True), (7, False)]


@pytest.mark.parametrize(
    ("ident", "period", "value"),
    [
        ("election-video-ad-views", "FY2022", 1_500_000),  # 150万回超
        ("higashimurayama-rpa-hours-saved", "2020-10-23", 1000),  # 1,000時間以上
        ("audit-digital-team-size", "FY2024", 5),  # 1 + 「4~8名」: the range's floor
        ("startup-public-private-projects", "FY2023", 40),  # 大幅にクリア
        ("digital-administrative-procedures", "FY2023", 70),  # 70%を達成する見込み
    ],
)
def test_floors_are_recorded_as_floors(dataset: Dataset, ident: str, period: str, value: float) -> None:
    (obs,) = [o for o in kpi(dataset, ident).observations if o.period == period]
    assert (obs.value, obs.bound) == (value, "at_least")


#: Dated promises without a number (measure: milestone): KPI id → due period.
MILESTONES = {
    "business-once-only-database-live": "FY2024",
    "cio-support-structure-built": "FY2024",
    "dx-ambassadors-introduced": "FY2024",
    "new-taims-built": "FY2024",
    "new-taims-in-operation": "FY2025",
    "cloud-infrastructure-service-start": "FY2025",
    "nishi-shinjuku-services-implemented": "FY2024",
    "digital-twin-geospatial-data-collected": "FY2025",
    "connected-tokyo-realised": "2030-12",  # 2030年までに: a calendar year
    "satellite-expert-committee-launched": "FY2024",
    "satellite-service-selected": "FY2025",
    "satellite-use-cases-created": "FY2024",  # the 2024 cell of the row ユースケース創出
    "toshima-cable-landing-hardened": "FY2024",
    "mikurajima-cable-landing-hardened": "FY2025",
    "5g-priority-haneda-airport": "FY2026",
    "child-accident-db-partial-release": "FY2024",
    "drone-delivery-support-evaluated": "FY2024",
    "satellite-landfill-monitoring-in-operation": "FY2024",
    "tuition-exemption-online-service-start": "FY2024",
    "metro-housing-system-online-service": "FY2026",
    "hospital-inspection-system-partial-operation": "FY2024",
    "hospital-inspection-system-full-operation": "FY2025",
    "welfare-health-digital-platform-live": "FY2026",
    "land-acquisition-system-requirements": "FY2024",
    "contract-billing-system-live": "FY2024",
    "payment-approval-digitalised": "FY2026",
    "rail-measuring-car-in-service": "FY2025",
    "water-facility-ledger-system-design-start": "FY2025",
    "audit-digital-pt-established": "FY2024",
    "zero-carbon-city-special-wards": "2050-12",  # 2050 年までに
    "ward-child-guidance-funding-pt-conclusion": "FY2023",  # 今年度末, said on 2023-12-07
}


@pytest.mark.parametrize(("ident", "due"), MILESTONES.items())
def test_dated_promises_are_milestones(dataset: Dataset, ident: str, due: str) -> None:
    k = kpi(dataset, ident)
    assert k.measure == "milestone"
    assert [(t.value, t.due) for t in k.targets] == [(1, due)]


def test_every_milestone_with_a_target_is_listed(dataset: Dataset) -> None:
    assert {k.id for k in dataset.kpis if k.measure == "milestone" and k.targets} == set(MILESTONES)


def test_a_completion_already_reported_is_recorded_as_done(dataset: Dataset) -> None:
    k = kpi(dataset, "labour-commission-procedures-online")
    assert k.targets == []  # no earlier dated promise in the seeds
    assert [(o.kind, o.period, o.value) for o in k.observations] == [("actual", "FY2023", 1)]


#: Figures of later official reports (registered sources outside seeds/): KPI id, period,
#: value, source and the day from which the figure counts as public.
LATER_FIGURES = [
    ("openroaming-wifi-metro-facilities", "FY2024Q2", 638, "shintosei-2024q2-openroaming", "2024-11-30"),
    ("openroaming-wifi-municipal-support", "FY2024Q2", 44, "shintosei-2024q2-openroaming", "2024-11-30"),
    ("5g-asset-database-entries", "2022-11-01", 15377, "dsb-assetdb-2022-11", "2022-11-01"),
    ("5g-asset-database-entries", "2023-12-28", 15170, "dsb-assetdb-2023-12", "2023-12-28"),
    ("child-accident-db-partial-release", "2025-03", 1, "kodomo-safety-business-column-20", "2025-12-31"),
    ("satellite-landfill-monitoring-in-operation", "2024-07", 1, "shintosei-2024q2-landfill", "2024-12-31"),
    ("satellite-expert-committee-launched", "2024-07", 1, "shintosei-2024q2-satellite", "2024-12-31"),
    ("audit-digital-pt-established", "FY2024Q2", 1, "shintosei-2024q2-audit", "2024-12-31"),
]
#: The same, for estimates: 「70%を達成する見込み」 (also a floor).
LATER_ESTIMATES = [
    ("digital-administrative-procedures", "FY2023", 70, "shintosei-2024-03-28-digitalfirst2", "2024-03-28"),
]


@pytest.mark.parametrize(
    ("ident", "period", "value", "source", "known", "kind"),
    [(*f, "actual") for f in LATER_FIGURES] + [(*f, "estimate") for f in LATER_ESTIMATES],
)
def test_later_official_figures_cite_registered_sources(
    dataset: Dataset, ident: str, period: str, value: float, source: str, known: str, kind: str
) -> None:
    (obs,) = [o for o in kpi(dataset, ident).observations if o.period == period and o.source == source]
    assert (obs.kind, obs.value) == (kind, value)
    assert dataset.timeline.known_from(obs).isoformat() == known
    (registered,) = [s for s in dataset.document.sources if s.id == source]
    assert registered.url is not None and ".metro.tokyo.lg.jp/" in registered.url  # official only
    assert registered.published is not None and registered.accessed is not None


def test_municipal_wifi_support_counts_places(dataset: Dataset) -> None:
    k = kpi(dataset, "openroaming-wifi-municipal-support")
    assert "箇所数" in k.name.ja and "機器数" not in k.name.ja
    floor = k.observations[-1]
    assert (floor.period, floor.value, floor.bound) == ("FY2024Q2", 44, "at_least")


#: FY2024 milestones that a later official page reports done: overdue from 2025-04-01 without it.
DONE_IN_FY2024 = [
    "satellite-expert-committee-launched",  # 衛星通信分科会, July and August 2024
    "audit-digital-pt-established",  # 2024(令和6)年度に組織したPT
    "satellite-landfill-monitoring-in-operation",  # monitoring from the end of July 2024
]


@pytest.mark.parametrize("ident", DONE_IN_FY2024)
def test_fy2024_milestones_reported_done_are_achieved(dataset: Dataset, ident: str) -> None:
    result = assess(kpi(dataset, ident), date(2025, 7, 1), dataset.timeline)
    assert result.status == "achieved"


@pytest.mark.parametrize("as_of", [date(2024, 7, 1), date(2025, 3, 31)])
def test_regional_areas_are_not_awaiting_a_fy2023_report(dataset: Dataset, as_of: date) -> None:
    # 「これまでの6地域」 is FY2023's figure (an estimate): FY2023 has its report
    result = assess(kpi(dataset, "regional-smart-city-areas-supported"), as_of, dataset.timeline)
    assert result.report_due is None


def test_the_joint_ward_project_team_counts_under_the_metropolitan_government_too(dataset: Dataset) -> None:
    k = kpi(dataset, "ward-child-guidance-funding-pt-conclusion")
    assert k.bureau_ids == ["special-ward-mayors", "tokyo-metropolitan-government"]  # 都区のPT
    assert "可能な限り" in note_text(k.note, "ja")  # an aim, not a firm deadline


@pytest.mark.parametrize("ident", ["municipal-staff-digital-training", "advanced-digital-training-places"])
def test_training_targets_are_capacities(dataset: Dataset, ident: str) -> None:
    # 受講枠 / 受講規模: places offered, so reports of attendance are not to be recorded against them
    k = kpi(dataset, ident)
    assert "受講枠" in k.name.ja
    assert "not attendance" in note_text(k.note, "en")


def _notes(dataset: Dataset) -> list[tuple[str, object]]:
    """Every note, reason and comment text of the data file, with where it is."""
    doc = dataset.document
    found: list[tuple[str, object]] = [(f"sources {s.id}", s.note) for s in doc.sources]
    found += [(f"exclusions[{i}]", e.reason) for i, e in enumerate(doc.exclusions)]
    for k in doc.kpis:
        found.append((k.id, k.note))
        found += [(f"{k.id} comment {c.date}", c.text) for c in k.comments]
        figures = [*([k.baseline] if k.baseline else []), *k.targets, *k.observations]
        for i, fig in enumerate(figures):
            found.append((f"{k.id} figure {i}", fig.note))
            found.append((f"{k.id} figure {i} reason", getattr(fig, "reason", None)))
    return [(where, text) for where, text in found if text is not None]


def _japanese(text: str) -> bool:
    return any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text)


def test_every_note_and_reason_is_written_in_japanese_and_english(dataset: Dataset) -> None:
    """A Japanese page never shows an English note: every text has both, the Japanese in Japanese."""
    notes = _notes(dataset)
    assert len(notes) > 150
    single = [where for where, text in notes if not isinstance(text, Text)]
    assert single == [], "notes written in one language only"
    not_japanese = [where for where, text in notes if not _japanese(text.ja)]  # type: ignore[attr-defined]
    assert not_japanese == []


def test_every_bureau_says_what_kind_of_organisation_it_is(dataset: Dataset) -> None:
    kinds = {b.id: b.kind for b in dataset.document.bureaus}
    assert kinds["digital-service"] == "bureau" and kinds["startup-strategy"] == "office"
    assert kinds["tokyo-metropolitan-government"] == "government"
    assert kinds["special-ward-mayors"] == "council" and kinds["higashimurayama-city"] == "municipality"
