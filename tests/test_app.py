"""The Streamlit app through AppTest: every page, language, filters, deep links, invalid data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import open_app as run
from conftest import plain

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
PAGES = {
    "years": "app_pages/years.py",
    "bureaus": "app_pages/bureaus.py",
    "kpi": "app_pages/kpi.py",
    "export": "app_pages/export.py",
    "changes": "app_pages/changes.py",
    "record": "app_pages/record.py",
}


@pytest.fixture(autouse=True)
def fixture_data(dashboard_fixture_data):
    """Every test here runs on the dashboard fixture data (tests/conftest.py)."""
    yield


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption", "text")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


def headers(at: AppTest) -> list[str]:
    return [plain(h.value) for h in at.header]


def charts(at: AppTest) -> list:
    return at.get("plotly_chart")


# --- one smoke test per page ---------------------------------------------------------------


def test_overview() -> None:
    at = run()
    assert at.title[0].value == "東京KPIトラッカー"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["◎ 達成"] == "1" and metrics["⚠ 期限超過"] == "1" and metrics["✕ 遅れ"] == "0"
    assert metrics["最新の実績の時点"] == "2024年3月31日"
    assert len(charts(at)) == 1
    matrix = at.dataframe[0].value
    assert list(matrix.columns[:2]) == ["局・組織", "種類"] and matrix["合計"].sum() == 6
    overdue = at.dataframe[-1].value
    assert list(overdue["KPI"]) == ["研修受講者数"]
    assert not at.sidebar.info  # today by default
    old = run(as_of="2022-03-31")
    assert any("1年以上前" in i.value and "「今日」" in i.value for i in old.sidebar.info)


def test_years_page() -> None:
    at = run("years")
    assert at.selectbox(key="fy_pick").value == 2023
    assert "2023年度に期限を迎える目標" in texts(at)
    due = at.dataframe[0].value
    assert list(due["KPI"]) == ["スタートアップとの官民協働実践数"]
    assert len(charts(at)) == 2
    assert at.query_params["fy"] == "FY2023"


def test_bureaus_page() -> None:
    at = run("bureaus", bureau="digital-service")
    table = at.dataframe[0].value
    assert set(table["局・組織"]) == {"デジタルサービス局"} and len(table) == 4
    assert "目標に対する割合" in table.columns
    assert len(charts(at)) == 1  # the roll-up still compares every bureau
    rollup = at.dataframe[1].value
    assert list(rollup["局・組織"]) == ["デジタルサービス局", "スタートアップ戦略室"]  # grouped by kind
    assert list(rollup["種類"]) == ["局", "室・本部"]


def test_kpi_page() -> None:
    at = run("kpi", kpi="wifi-sites")
    body = texts(at)
    assert "Wi-Fi整備施設数" in headers(at)
    assert "2023年度の実績約650か所は目標約1,300か所（2025年度まで）の50%" in body
    assert "その時点の計画に沿った想定は" in body  # the fixture has a FY2024 plan on the path
    assert len(charts(at)) == 1
    figures = at.dataframe[0].value
    assert "旧目標（改定前）" in set(figures["種別"]) and "Fixture strategy document" in set(figures["出典"])
    assert set(figures["公表日"]) == {"2020年4月"} and "strategy.txt" not in figures.to_string()
    assert "2023(R5)年度末までに約650か所を整備" in set(figures["出典の記述"])
    # notes from the data are plain text, never HTML or markdown, in the page's language
    assert any("文字のまま表示する注記: <b>not bold</b> **not bold either**" in t.value for t in at.text)


def test_export_page() -> None:
    at = run("export", as_of="2024-03-31")
    assert "評価日 2024年3月31日" in texts(at)
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [
        "CSVをダウンロード",
        "Excelブック (xlsx) をダウンロード",
        "会議資料 (HTML・A4印刷用) をダウンロード",
        "データファイル (YAML) をダウンロード",
    ]
    preview = at.dataframe[0].value
    assert list(preview.columns[:3]) == ["kpi_id", "kpi_name_ja", "kpi_name_en"]
    at.selectbox(key="encoding").set_value("cp932").run()
    assert not at.exception
    error = plain(at.error[0].value)
    assert "cp932" in error and "U+2013" in error and "UTF-8（BOM付き）を選んでください" in error
    assert len(at.get("download_button")) == 3  # the workbook, the pack and the YAML are still offered


# --- behaviour -----------------------------------------------------------------------------


def test_language_switch_translates_and_keeps_filters() -> None:
    at = run(bureau="startup-strategy")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Tokyo KPI Tracker"
    labels = [m.label for m in at.metric]
    assert "◎ achieved" in labels and "－ no data" in labels
    assert at.selectbox(key="bureau").value == "startup-strategy"
    assert at.query_params["lang"] == "en" and at.query_params["bureau"] == "startup-strategy"
    at.switch_page(PAGES["kpi"]).run()
    assert "Public-private projects with startups" in headers(at)


def test_filters_narrow_every_count_and_reach_the_url() -> None:
    at = run()
    at.sidebar.selectbox(key="bureau").set_value("startup-strategy").run()
    assert sum(int(m.value) for m in at.metric[:7]) == 2
    at.sidebar.multiselect(key="status").set_value(["achieved"]).run()
    assert sum(int(m.value) for m in at.metric[:7]) == 1
    assert at.query_params["status"] == "achieved"
    at.sidebar.multiselect(key="status").set_value([]).run()
    at.sidebar.selectbox(key="bureau").set_value("").run()
    at.sidebar.text_input(key="q").input("wi-fi").run()
    assert "1 / 6" in at.sidebar.caption[-1].value
    assert at.query_params["q"] == "wi-fi"
    assert "bureau" not in at.query_params and "status" not in at.query_params


def test_deep_link_reopens_the_same_view() -> None:
    params = {"lang": "en", "as_of": "2025-03-31", "bureau": "digital-service", "status": "overdue,at_risk"}
    at = run("kpi", kpi="trainees", **params)
    assert at.sidebar.text_input(key="as_of_text").value == "31 Mar 2025"
    assert at.selectbox(key="kpi_pick").value == "trainees"
    assert "People trained per year" in headers(at)
    assert at.query_params == params | {"kpi": "trainees"}
    assert not at.warning


def test_deep_linked_kpi_survives_filters_that_exclude_it() -> None:
    at = run("kpi", kpi="open-datasets", bureau="digital-service")
    assert at.selectbox(key="kpi_pick").value == "open-datasets"


def test_invalid_query_parameters_give_friendly_warnings() -> None:
    at = run(lang="fr", as_of="yesterday", kpi="nope", fy="2024", bureau="x", status="late", foo="1")
    messages = plain("\n".join(w.value for w in at.warning))
    for fragment in ("lang=fr", "as_of=yesterday", "kpi=nope", "fy=2024", "bureau=x", "status=late", "foo"):
        assert fragment in messages
    at.switch_page(PAGES["years"]).run()
    assert not at.exception
    assert at.title[0].value == "年度別"  # defaults: Japanese, default date and year
    assert at.selectbox(key="fy_pick").value == 2023
    assert "as_of" not in at.query_params and "foo" not in at.query_params  # today is not pinned


def test_invalid_data_shows_the_problems_not_a_traceback(monkeypatch) -> None:
    monkeypatch.setenv("KPI_DATA", str(FIXTURE / "broken.yaml"))
    at = run()
    (error,) = at.error
    shown = error.value.replace("\\", "")  # markdown-escaped
    assert (
        "broken.yaml の 14 行目、KPI「wifi-sites」、実績・計画（1件目）の値：数値だけを書いてください"
        in shown
    )
    assert "broken.yaml の 15 行目、KPI「trainees」、単位：入力されていません" in shown
    assert "fixtures" not in shown  # the file's name, never the server's folders
    assert not at.metric


def test_data_edits_show_up_without_restart(tmp_path, monkeypatch) -> None:
    data = tmp_path / "kpis.yaml"
    shutil.copyfile(FIXTURE / "kpis.yaml", data)
    monkeypatch.setenv("KPI_DATA", str(data))
    at = run("kpi", kpi="wifi-sites")
    assert "Wi-Fi整備施設数" in headers(at)
    data.write_text(
        data.read_text(encoding="utf-8").replace("Wi-Fi整備施設数", "公衆Wi-Fi施設数"), encoding="utf-8"
    )
    at.run()
    assert "公衆Wi-Fi施設数" in headers(at)


def test_a_status_resting_on_an_estimate_is_marked_on_the_kpi_page_and_in_lists() -> None:
    """At 2026-03-31 the fixture's latest Wi-Fi figure is the FY2025 estimate (約1,100): 1,000 of
    the 1,200 sites expected since FY2020 (83%)."""
    at = run("kpi", kpi="wifi-sites", as_of="2026-03-31")
    assert any(plain(m.value).startswith("**△ 要注意（見込み）**") for m in at.markdown)
    at = run("bureaus", bureau="digital-service", as_of="2026-03-31", lang="en")
    table = at.dataframe[0].value.set_index("KPI")
    assert table.loc["Facilities with Wi-Fi", "Status"].endswith("(estimate)")


def test_kpis_awaiting_a_report_are_counted_and_can_be_selected() -> None:
    """At 2024-07-01 nothing is past its grace; at 2025-07-01 Wi-Fi's FY2024 plan awaits a report."""
    assert {m.label: m.value for m in run(as_of="2024-07-01").metric}["報告待ち"] == "0"
    at = run(as_of="2025-07-01", awaiting="1")
    assert at.sidebar.checkbox(key="awaiting").value is True
    assert {m.label: m.value for m in at.metric}["報告待ち"] != "0"
    assert at.query_params["awaiting"] == "1"
    shown = [c.value for c in at.sidebar.caption if "件のKPI" in c.value]
    assert shown and not shown[0].startswith("6 /")
