"""Search of the KPI list (dashboard/search.py): every text of a KPI, numbers written either way."""

from __future__ import annotations

import pytest

from dashboard.search import kpi_text, matches, normalise, search_texts
from model.frames import overview_frame
from model.loader import load

from conftest import FIXTURES, TODAY

DASHBOARD = FIXTURES / "dashboard"


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("8,000人", "8000人"),
        ("８，０００", "8000"),
        ("Wi-Fi  整備", "wi-fi 整備"),
        ("1,2", "1,2"),
        ("ＡＢＣ", "abc"),
    ],
)
def test_normalise(text: str, normal: str) -> None:
    assert normalise(text) == normal


def test_a_kpi_text_holds_names_id_unit_notes_quotes_values_and_comments() -> None:
    dataset = load(DASHBOARD / "kpis.yaml", DASHBOARD / "seeds")
    trainees = kpi_text(next(k for k in dataset.kpis if k.id == "trainees"))
    for part in ("研修受講者数", "people trained per year", "trainees", "人/年", "8000", "受講規模", "7900"):
        assert part in trainees


@pytest.mark.parametrize(
    ("query", "ids"),
    [("8,000", ["trainees"]), ("8000 受講", ["trainees"]), ("Wi-Fi", ["wifi-sites"]), ("nothing", []),
     ("", ["wifi-sites", "trainees", "antenna-sites", "startup-projects", "paper-sheets", "open-datasets"])],
)  # fmt: skip
def test_matches_every_word(query: str, ids: list[str]) -> None:
    dataset = load(DASHBOARD / "kpis.yaml", DASHBOARD / "seeds")
    frame = overview_frame(dataset, TODAY)
    assert list(frame[matches(frame, query, search_texts(dataset))]["kpi_id"]) == ids
