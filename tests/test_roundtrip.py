"""Editing one KPI's lines of the file: the cut is used only where it is exact."""

import pytest

from model import roundtrip, update
from model.loader import load
from model.update import FigureInput
from model.yamlfile import parse_text

from conftest import MINIMAL, SEEDS

FIG = FigureInput(7900, "sample.txt", "受講者は７,９００人")
TRAINEES = MINIMAL.read_text(encoding="utf-8")
LAST_LINE = '      - {period: 2023-11, value: 149, source: sample.txt, quote: "2023.11 149"}\n'


def variants() -> dict[str, tuple[str, bool]]:
    """Name → (file text, whether the trainees KPI can be cut out)."""
    head, tail = TRAINEES.split("  - id: antenna-sites\n")
    return {
        "plain": (TRAINEES, True),
        "comments between kpis": (head + "\n  # --- antennas ---\n\n  - id: antenna-sites\n" + tail, True),
        "note ending in comment-like lines": (
            head
            + "    note: |\n      kept as written\n      # part of the note\n\n  - id: antenna-sites\n"
            + tail,
            True,
        ),
        "note keeping its blank lines": (  # ruamel would add a document end: edited whole
            head
            + "    note: |+\n      kept as written\n      # part of the note\n\n  - id: antenna-sites\n"
            + tail,
            False,
        ),
        "last kpi then a key": (TRAINEES + "exclusions: []\n", True),
        "crlf": (TRAINEES.replace("\n", "\r\n"), False),
    }


@pytest.mark.parametrize("name", list(variants()))
def test_record_into_a_kpi_keeps_everything_else(tmp_path, name):
    text, cut = variants()[name]
    path = tmp_path / "kpis.yaml"
    path.write_bytes(text.encode("utf-8"))
    before = load(path, SEEDS).document
    span = roundtrip.kpi_lines(text, parse_text(text), "trainees")
    assert (span is not None) is cut
    update.apply(path, SEEDS, update.record("trainees", "FY2025", "actual", FIG), "tester")
    after = load(path, SEEDS).document
    assert after.kpis[1].observations[-1].period == "FY2025"
    assert (
        after.kpis[1].model_copy(update={"observations": after.kpis[1].observations[:-1]}) == before.kpis[1]
    )
    assert [after.kpis[0], after.kpis[2]] == [before.kpis[0], before.kpis[2]]
    assert after.sources == before.sources


def test_comments_after_a_kpi_stay_before_the_next_one(tmp_path):
    text = variants()["comments between kpis"][0]
    path = tmp_path / "kpis.yaml"
    path.write_text(text, encoding="utf-8")
    update.apply(path, SEEDS, update.record("trainees", "FY2025", "actual", FIG), "tester")
    lines = path.read_text(encoding="utf-8").splitlines()
    new = lines.index("      - period: FY2025")
    assert lines[new + 5 : new + 8] == ["", "  # --- antennas ---", ""]


def test_a_flow_style_kpi_list_is_edited_whole(tmp_path):
    text = "bureaus: [{id: b, ja: 局, en: Bureau}]\npillars: [{id: p, ja: 柱, en: Pillar}]\n" + (
        "kpis: [{id: trainees, name: {ja: 研修, en: Training}, bureau: b, pillar: p,"
        " unit: {ja: 人, en: people}, measure: per_year}]\n"
    )
    path = tmp_path / "kpis.yaml"
    path.write_text(text, encoding="utf-8")
    assert roundtrip.kpi_lines(text, parse_text(text), "trainees") is None
    update.apply(path, SEEDS, update.record("trainees", "FY2025", "actual", FIG), "tester")
    assert load(path, SEEDS).kpis[0].observations[0].value == 7900


def test_the_last_kpi_ends_before_trailing_comments(tmp_path):
    text = TRAINEES + "# the end\n"
    assert TRAINEES.endswith(LAST_LINE)
    _, end = roundtrip.kpi_lines(text, parse_text(text), "antenna-sites")
    assert text.splitlines(keepends=True)[end - 1] == LAST_LINE
