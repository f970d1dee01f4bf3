"""Matching a drafted figure to a KPI by name, unit and bureau."""

from __future__ import annotations

import pytest

from model.draftmatch import local_words, match_kpi, same_counter
from model.schema import Kpi


def kpi(id_: str, name: str, unit: str, bureau: str = "digital-service") -> Kpi:
    return Kpi.model_validate(
        {"id": id_, "name": {"ja": name, "en": id_}, "bureau": bureau, "pillar": "p",
         "unit": {"ja": unit, "en": unit}, "measure": "cumulative"}
    )  # fmt: skip


KPIS = [
    kpi("wifi-sites", "Wi-Fiを整備した都有施設数", "か所"),
    kpi("trainees", "デジタル研修の受講者数", "人/年"),
    kpi("cameras", "海面ライブカメラの設置地点数", "地点", bureau="port-harbor"),
    kpi("awareness", "デジタル原則の職員の認知度", "%"),
    kpi("practice", "デジタル原則の職員の実践度", "%"),
]
SURVEY = "デジタル原則の職員調査：認知度85%、実践度20%"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("名", "人/年", True), ("箇所", "か所", True), ("件/年", "件", True), ("人", "件", False)],
)
def test_same_counter(a, b, same):
    assert same_counter(a, b) is same


@pytest.mark.parametrize(
    ("texts", "unit", "bureau", "expected"),
    [
        (["都有施設約1,300か所にWi-Fiを整備"], "か所", "digital-service", "wifi-sites"),
        (["デジタル研修の受講者50名程度/年"], "名", "digital-service", "trainees"),  # 名 counts as 人
        (["デジタル研修の受講者50名程度/年"], "件", "digital-service", None),  # another counter
        (
            ["海面ライブカメラを増設(9地点)"],
            "地点",
            "digital-service",
            "cameras",
        ),  # another bureau, named well
        (["合計", "都有施設のWi-Fi整備数"], None, "digital-service", "wifi-sites"),  # the next words
        (["研修会を開催"], None, None, None),
    ],
)
def test_match_kpi(texts, unit, bureau, expected):
    found, _share = match_kpi(KPIS, texts, unit, bureau)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(("figure", "expected"), [("85%", "awareness"), ("20%", "practice")])
def test_the_figures_own_clause_decides_between_kpis_named_alike(figure, expected):
    start = SURVEY.index(figure)
    local = local_words(SURVEY, start, start + len(figure))
    found, _share = match_kpi(KPIS, [SURVEY], "%", "digital-service", local)
    assert found is not None and found.id == expected
