"""The meeting pack's HTML (no browser): sections, embedded plotly, escaping, filters, the CLI."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs

from dashboard.__main__ import main as report_main
from dashboard.pack import kpis_of_bureau, pack_html, write_pack
from model.explain import explain
from model.export import ExportError
from model.frames import figure_frame_at
from model.loader import Dataset, load
from model.progress import assess

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
AS_OF = date(2024, 3, 31)
XSS_NAME = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(FIXTURE / "kpis.yaml", FIXTURE / "seeds")


@pytest.fixture(scope="module")
def pack(dataset) -> str:
    return pack_html(dataset, AS_OF)


def sections(text: str) -> list[str]:
    return re.findall(r'<section class="kpi" id="kpi-([^"]+)">', text)


def test_one_section_per_kpi_in_file_order(dataset, pack):
    assert sections(pack) == [k.id for k in dataset.kpis]
    assert pack.startswith('<!DOCTYPE html>\n<html lang="ja">')


def test_plotly_is_embedded_once_and_nothing_is_fetched(dataset, pack):
    assert pack.count(get_plotlyjs()) == 1
    with_figures = set(figure_frame_at(dataset, AS_OF)["kpi_id"])
    assert pack.count("Plotly.newPlot(") == len(with_figures)
    assert not re.search(r"<script[^>]+src=", pack) and "<link" not in pack
    assert "<iframe" not in pack and "@import" not in pack and "url(" not in pack.split("<script")[0]


def test_sections_hold_the_status_sentence_and_the_quotes(dataset, pack):
    wifi = next(k for k in dataset.kpis if k.id == "wifi-sites")
    body = pack.split('id="kpi-wifi-sites"')[1].split("<section")[0]
    assert html.escape(explain(wifi, assess(wifi, AS_OF, dataset.timeline), "ja")) in body
    for quote in figure_frame_at(dataset, AS_OF).query("kpi_id == 'wifi-sites'")["quote"]:
        assert html.escape(quote) in body
    assert "Wi-Fi整備施設数" in body and "Facilities with Wi-Fi" in body


def test_cover_counts_every_status(dataset, pack):
    cover = pack.split('<section class="kpi"')[0]
    assert "◎ 達成" in cover and "⚠ 期限超過" in cover and "すべての局・組織" in cover
    assert f'<th class="num">{len(dataset.kpis)}</th>' in cover  # the total


def test_print_css_breaks_pages_between_kpis_and_keeps_charts_whole(pack):
    assert "@page { size: A4" in pack
    assert "section.kpi, section.appendix { break-before: page" in pack
    assert re.search(r"tr, \.chart, \.status \{ break-inside: avoid", pack)
    assert '"responsive": false' in pack and "width:680px" in pack.replace(" ", "")


def test_english_pack(dataset):
    text = pack_html(dataset, AS_OF, lang="en")
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "KPI progress: meeting pack" in text and "How the status is decided" in text


def test_a_bureau_pack_has_only_its_kpis(dataset):
    ids = kpis_of_bureau(dataset, "startup-strategy")
    text = pack_html(dataset, AS_OF, ids, scope="スタートアップ戦略推進本部")
    assert sections(text) == ids == ["startup-projects", "open-datasets"]
    assert "Wi-Fi整備施設数" not in text and "スタートアップ戦略推進本部" in text


def test_an_unknown_bureau_names_the_known_ones(dataset):
    with pytest.raises(ExportError, match=r'unknown bureau "nope"; the data file has: digital-service, '):
        kpis_of_bureau(dataset, "nope")


def test_markup_in_the_data_is_shown_as_text(tmp_path):
    data = tmp_path / "kpis.yaml"
    text = (FIXTURE / "kpis.yaml").read_text(encoding="utf-8")
    data.write_text(text.replace("Wi-Fi整備施設数", XSS_NAME, 1), encoding="utf-8")
    pack = pack_html(load(data, FIXTURE / "seeds"), AS_OF)
    assert XSS_NAME not in pack and html.escape(XSS_NAME) in pack


def test_write_pack_counts_kpis(dataset, tmp_path):
    out = tmp_path / "pack.html"
    assert write_pack(dataset, out, AS_OF, ["trainees"]) == 1
    assert sections(out.read_text(encoding="utf-8")) == ["trainees"]


REPORT_DATA = ["--data", str(FIXTURE / "kpis.yaml"), "--seeds", str(FIXTURE / "seeds")]


def test_report_command(tmp_path, capsys):
    out = tmp_path / "pack.html"
    argv = ["report", "--bureau", "digital-service", "--as-of", "2024-03-31", "--out", str(out)]
    assert report_main([*argv, *REPORT_DATA]) == 0
    assert capsys.readouterr().out == f"{out}: meeting pack of 4 KPIs, as of 2024-03-31, ja\n"
    assert "<h2>デジタルサービス局</h2>" in out.read_text(encoding="utf-8")
    assert report_main(["report", "--bureau", "nope", "--out", str(tmp_path / "x.html"), *REPORT_DATA]) == 1
    assert 'unknown bureau "nope"' in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_python_dash_m_dashboard_report_runs_without_streamlit(tmp_path):
    """The command end to end, as ``python -m dashboard`` runs it, in a process of its own: it
    writes the pack, exits 0 and never imports Streamlit; a bad bureau exits 1 without a traceback."""
    code = (
        "import runpy, sys\n"
        "try:\n"
        "    runpy.run_module('dashboard', run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    print('streamlit' in sys.modules, exit.code)\n"
    )
    for bureau, expected in (("digital-service", "False 0"), ("nope", "False 1")):
        out = tmp_path / f"{bureau}.html"
        argv = ["report", "--bureau", bureau, "--as-of", "2024-03-31", "--out", str(out), *REPORT_DATA]
        result = subprocess.run(
            [sys.executable, "-c", code, *argv], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        assert result.stdout.splitlines()[-1] == expected, result.stderr
        assert "Traceback" not in result.stderr
        assert out.is_file() == (expected == "False 0")


def test_a_comment_and_the_japanese_note_are_in_the_pack(dataset) -> None:
    text = pack_html(dataset, date(2024, 6, 30))
    section = text.split('id="kpi-trainees"', 1)[1].split("</section>", 1)[0]
    assert "2024年5月10日 ・ デジタルサービス局 研修担当" in section
    assert "年度末の研修2回が中止になったため未達。" in section
    wifi = text.split('id="kpi-wifi-sites"', 1)[1].split("</section>", 1)[0]
    assert "文字のまま表示する注記" in wifi and "Fixture note" not in wifi and "ja=" not in wifi
    assert "Fixture strategy document" in wifi  # sources by title
    assert "2024年5月10日" not in pack_html(dataset, AS_OF)  # a comment made later is not there yet
