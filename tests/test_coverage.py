"""The coverage tool: finding figures in seeds, classifying them, the command line and the doc."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli import main
from model.coverage import classify, classify_seed, first_quote, occurrences, render_doc, table_of_contents
from model.loader import load
from model.provenance import normalise
from model.seedtext import figures_in_text, find_figures, normalise_seed, read_seed
from model.settings import DEFAULT_DATA, DEFAULT_SEEDS

DOC = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"
STRATEGY = "003_53b4341d68961c7d.txt"
SEED_NAMES = sorted(p.name for p in DEFAULT_SEEDS.glob("*.txt"))


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("都有施設約１，３００か所に整備", ["1,300か所"]),  # full-width digits and separator
        ("受講規模：８,０００人/年", ["8,000人"]),
        ("都有施設約1,3\n00か所に整備", ["1,300か所"]),  # broken across lines
        ("職員派遣: 7, 174人(累積)", ["7,174人"]),  # separator followed by a space
        ("経費3,371億円のうち", ["3,371億円"]),
        ("世界で350万スポット、10億人のユーザー", ["350万", "10億人"]),  # 万 without a counter
        ("復興支援金1億1, 300万円を拠出", ["1億1,300万円"]),
        ("金額は１兆 6000 億で", ["1兆6000億"]),
        ("補助上限額2千万円", ["2千万円"]),
        ("現在9つのアプリで収納", ["9つのアプリ"]),
        ("構成する25のシステムを", ["25のシステム"]),
        ("70数名の職員", ["70数名"]),
        ("現在、８区が児童相談所を開設", ["8区"]),
        ("認知度85%、実践度20%", ["85%", "20%"]),
        ("約1.5倍", ["1.5倍"]),
        ("7地点20カメラ", ["7地点", "20カメラ"]),
        ("62区市町村の共通データセット", ["62区市町村"]),  # longest counter wins
        ("2024(R6)年度に10件", ["10件"]),  # the year is not a figure
        ("2024年2月16日時点", []),  # a date
        ("令和２年 10 月 23 日（金） 16 時 40 分～ 17 時 00 分", []),  # date and clock time
        ("詳細はp.45～p.51に掲載", []),  # page numbers
        ("UPGRADE with TOKYO 第35回の優勝社", []),  # ordinal
        ("第1回 全国連携講演会", []),
        ("① 5件", ["5件"]),  # a circled list marker is not part of the number
        ("⑮ 水道施設台帳システム", []),
        ("1.1 「スマート東京実施戦略」の位置付け", []),  # section number
        ("約３か月で", ["3か月"]),  # a duration is a figure (tracked or excluded with a reason)
    ],
)
def test_find_figures(text: str, figures: list[str]) -> None:
    assert figures_in_text(text, ("number",)) == figures


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("2023.10\t37", ["37"]),  # the month is a date, the number a figure
        ("各区の交流自治体\t574\t→\t832\t+258", ["574", "832", "+258"]),
        ("合計\t660\t→\t1,096\t+436", ["660", "1,096", "+436"]),
        ("広域連携協定締結自治体\t-\t→\t372", ["372"]),  # "-" is no number
        ("区分\t2015年度 (平成27年度)\t→\t2021年度", []),  # headings are not numbers
        ("2023.10 37", []),  # no tab: not a table row
        ("地点\t7地点", []),  # a number with its counter is a number, not a cell
    ],
)
def test_find_table_cells(text: str, cells: list[str]) -> None:
    assert figures_in_text(text, ("table cell",)) == cells


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("2024(R6)年度に新TAIMSを構築し新環境に移行", ["2024(R6)年度に新TAIMSを構築"]),
        ("- 2025(R7)年度末までに、都有施設約1,300か所に整備", ["2025(R7)年度末までに"]),
        ("目標 2025(R7)年度完了", ["2025(R7)年度完了"]),
        ("ネットワークにつながる東京を2030年までに実現", ["2030年までに"]),
        ("2024(R6)年度末に一部公開予定", ["2024(R6)年度末に一部公開"]),
        ("TDPFを稼働（2024.1月）", ["稼働(2024.1月)"]),  # the word, then its date in brackets
        ("申請手続・審査業務等運用開始 (2024(R6)年度～)", ["運用開始(2024(R6)年度~)"]),
        ("2023(R5).3月にサービスを提供開始", ["2023(R5).3月にサービスを提供開始"]),
        ("今年度、これから MaaS等の自主実験を行う予定", []),  # no word of delivery
        ("2024(令和6)年度の取組\n- システムを構築", []),  # a heading's date stays on its line
        ("2024(R6)年度は検討する。その後に構築", []),  # not across a sentence end
        ("2024年2月16日時点: 6か所", []),
    ],
)
def test_find_milestone_phrases(text: str, phrases: list[str]) -> None:
    assert figures_in_text(text, ("milestone phrase",)) == phrases


def test_every_kind_keeps_its_original_line() -> None:
    seed = normalise_seed("s.txt", "表\n2023.10\t37\n\n2024(R6)年度に稼働\n20台")
    assert [(f.text, f.line, f.kind) for f in find_figures(seed)] == [
        ("37", 2, "table cell"),
        ("2024(R6)年度に稼働", 4, "milestone phrase"),
        ("20台", 5, "number"),
    ]


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("004_ce87e72baf5f5479.txt", {23, 24, 25, 26}),  # the table 連携自治体数の推移
        (STRATEGY, {1529, 1530, 1531, 1532, 1533}),  # the antenna table (事務用アセット)
    ],
)
def test_table_cells_of_the_seeds_are_found_and_tracked(name: str, lines: set[int]) -> None:
    results = classify_seed(load(DEFAULT_DATA).document, read_seed(DEFAULT_SEEDS / name))
    cells = [r for r in results if r.figure.kind == "table cell"]
    assert {r.figure.line for r in cells} == lines
    assert {r.status for r in cells} == {"tracked"}


def test_figures_keep_their_original_line() -> None:
    seed = normalise_seed("s.txt", "見出し\n\n約1,3\n00か所\n次の行に20台")
    found = find_figures(seed)
    assert [(f.text, f.line) for f in found] == [("1,300か所", 3), ("20台", 5)]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_normalised_seed_matches_the_provenance_check(name: str) -> None:
    raw = (DEFAULT_SEEDS / name).read_bytes().decode("utf-8-sig")
    assert read_seed(DEFAULT_SEEDS / name).text == normalise(raw)


def test_occurrences_finds_every_copy() -> None:
    text = normalise("A約1,300か所B 約1,300 か所")
    assert occurrences(text, "約1,300か所") == [(1, 9), (10, 18)]


SAMPLE = "目標は約1,300か所。\n実績は65か所、\n別に250か所。\n世界で350万スポット"


@pytest.mark.parametrize(
    ("tracked", "excluded", "statuses"),
    [
        ([], [], ["untracked"] * 4),
        (["目標は約1,300か所"], [], ["tracked", "untracked", "untracked", "untracked"]),
        (
            ["実績は65か所、別に250か所"],
            ["世界で350万スポット"],
            ["untracked", "tracked", "tracked", "excluded"],
        ),
        (["目標は約1,300"], [], ["untracked"] * 4),  # the quote must hold the whole figure
        (["約1,300か所"], ["目標は約1,300か所"], ["tracked", "untracked", "untracked", "untracked"]),
    ],
)
def test_classify(tracked: list[str], excluded: list[str], statuses: list[str]) -> None:
    seed = normalise_seed("s.txt", SAMPLE)
    assert [c.status for c in classify(seed, tracked, excluded)] == statuses


# --- command line on small temporary data -------------------------------------------------

SEED = (
    "試験用の戦略\n\n- 2025年度末までに、施設約1,300か所に整備\n- 世界で350万スポット\n- 2030年までに実現\n"
)
HEAD = """\
bureaus: [{id: digital-service, ja: デジタルサービス局, en: Digital Service Bureau}]
pillars: [{id: connected, ja: つながる東京, en: Connected Tokyo}]
kpis:
  - id: wifi
    name: {ja: Wi-Fi整備施設数, en: Facilities with Wi-Fi}
    bureau: digital-service
    pillar: connected
    unit: {ja: か所, en: sites}
    measure: cumulative
    targets:
      - value: 1300
        approximate: true
        due: FY2025
        source: s.txt
        quote: '2025年度末までに、施設約1,300か所に整備'
"""
EXCLUSION = """\
exclusions:
  - {source: s.txt, quote: 世界で350万スポット, reason: world-wide statistics}
  - {source: s.txt, quote: 2030年までに実現, reason: a slogan}
"""


def _project(tmp_path: Path, data: str) -> list[str]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "s.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "kpis.yaml").write_text(data, encoding="utf-8")
    return ["--data", str(tmp_path / "kpis.yaml"), "--seeds", str(seeds)]


@pytest.mark.parametrize(
    ("data", "args", "code", "stdout", "stderr"),
    [
        (HEAD + EXCLUSION, [], 0, "4 figures: 2 tracked, 2 excluded, 0 untracked", ""),
        (HEAD + EXCLUSION, [], 0, "(numbers 2, table cells 0, milestone phrases 2)", ""),
        (HEAD, [], 1, "4 figures: 2 tracked, 0 excluded, 2 untracked", ""),
        (HEAD, ["--list"], 1, ":4: 350万 (number)", ""),
        (HEAD, ["--list"], 1, ":5: 2030年までに (milestone phrase)", ""),
        (HEAD + EXCLUSION, ["s.txt"], 0, "0 untracked", ""),
        (HEAD + EXCLUSION, ["missing.txt"], 1, "", "no such seed"),
        (HEAD.replace("1,300か所に整備'", "1,400か所に整備'"), [], 1, "", "quote not found"),
        ("kpis: [\n", [], 1, "", "kpis.yaml"),
    ],
)
def test_cli_exit_codes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    data: str,
    args: list[str],
    code: int,
    stdout: str,
    stderr: str,
) -> None:
    assert main(["coverage", *args, *_project(tmp_path, data)]) == code
    out, err = capsys.readouterr()
    assert stdout in out
    assert stderr in err
    assert "Traceback" not in err


def test_cli_lists_nothing_when_covered(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--list", *_project(tmp_path, HEAD + EXCLUSION)]) == 0
    assert "  " not in capsys.readouterr().out


# --- the real data ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_real_data_leaves_no_figure_untracked(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", name]) == 0
    assert " 0 untracked" in capsys.readouterr().out


def test_every_seed_is_covered(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(SEED_NAMES)


def test_every_strategy_kpi_finds_its_section_in_the_table_of_contents() -> None:
    raw = (DEFAULT_SEEDS / STRATEGY).read_text(encoding="utf-8-sig")
    toc = table_of_contents(raw)
    document = load(DEFAULT_DATA).document
    names = {p.id: p.ja for p in document.pillars}
    pillars = {names[k.pillar] for k in document.kpis if first_quote(k, DEFAULT_SEEDS)[0] == STRATEGY}
    assert {normalise(ja) for ja in pillars} <= set(toc)
    assert toc[normalise("「つながる東京」")] == "2.3 都政のQOSを更に高めるための挑戦 › 「つながる東京」"
    assert toc[normalise("行政のDX")] == "3.2 各局事業 › 行政のDX"


def test_first_quote_prefers_a_seed_over_a_later_web_source() -> None:
    document = load(DEFAULT_DATA).document
    (assets,) = [k for k in document.kpis if k.id == "5g-asset-database-entries"]
    assert first_quote(assets)[0] == "dsb-assetdb-2022-11"  # a registered page, not a seed
    assert first_quote(assets, DEFAULT_SEEDS)[0] == STRATEGY


def test_committed_doc_is_up_to_date() -> None:
    document = load(DEFAULT_DATA).document
    assert DOC.read_text(encoding="utf-8") == render_doc(document, DEFAULT_SEEDS), (
        "docs/coverage.md is out of date: run python -m model coverage --doc docs/coverage.md"
    )
