"""The dashboard as its users work: today's date, dates that apply, no dead ends, search, kinds of
organisation, comments, the method page (AppTest; the real browser is tests/browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import open_app, plain

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"


@pytest.fixture(autouse=True)
def fixture_data(dashboard_fixture_data):
    """Every test here runs on the dashboard fixture data (tests/conftest.py)."""
    yield


def frame_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def shown(at) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error")
    return "\n".join(plain(str(e.value)) for kind in kinds for e in at.get(kind))


# --- 1, 2: today by default; a typed date applies ---------------------------------------------


def test_the_evaluation_date_is_today_unless_chosen_and_today_is_not_pinned_in_the_url() -> None:
    at = open_app()
    assert at.sidebar.text_input(key="as_of_text").value == "2024年3月31日"
    assert "as_of" not in at.query_params
    assert any("最新の実績：2024年3月31日" in c.value for c in at.sidebar.caption)
    assert "評価日 **2024年3月31日** ・ 最新の実績 2024年3月31日" in [m.value for m in at.markdown]


@pytest.mark.parametrize(
    ("typed", "shown_as", "iso"),
    [("令和5年3月31日", "2023年3月31日", "2023-03-31"), ("2022/9/30", "2022年9月30日", "2022-09-30"),
     ("R6.6.30", "2024年6月30日", "2024-06-30"), ("2025-03-31", "2025年3月31日", "2025-03-31")],
)  # fmt: skip
def test_a_typed_date_applies_on_enter_and_reaches_the_url(typed, shown_as, iso) -> None:
    at = open_app()
    at.sidebar.text_input(key="as_of_text").input(typed).run()  # what Enter does: commit the field
    assert not at.exception
    assert at.sidebar.text_input(key="as_of_text").value == shown_as
    assert at.query_params["as_of"] == iso
    assert f"評価日 **{shown_as}**" in at.markdown[0].value


def test_a_date_that_cannot_be_read_is_said_so_and_changes_nothing() -> None:
    at = open_app(as_of="2025-03-31")
    at.sidebar.text_input(key="as_of_text").input("来年の春").run()
    assert "「来年の春」は日付として読めません" in at.sidebar.error[0].value
    assert at.query_params["as_of"] == "2025-03-31"


def test_the_today_button_goes_back_to_today() -> None:
    at = open_app(as_of="2022-03-31")
    assert any("「今日」" in i.value for i in at.sidebar.info)
    at.sidebar.button(key="as_of_today").click().run()
    assert at.sidebar.text_input(key="as_of_text").value == "2024年3月31日"
    assert "as_of" not in at.query_params and not at.sidebar.info


def test_the_calendar_applies_a_picked_day() -> None:
    from datetime import date

    at = open_app()
    at.date_input(key="as_of_pick").set_value(date(2023, 9, 30)).run()
    assert at.query_params["as_of"] == "2023-09-30"
    assert at.sidebar.text_input(key="as_of_text").value == "2023年9月30日"


def test_english_writes_dates_the_english_way() -> None:
    at = open_app(lang="en", as_of="2025-03-31")
    assert at.sidebar.text_input(key="as_of_text").value == "31 Mar 2025"
    assert "Evaluation date **31 Mar 2025**" in at.markdown[0].value


# --- 1: due within a year includes the due day; past-due targets with their report awaited ----


def test_a_target_due_on_the_evaluation_date_is_due_within_a_year() -> None:
    at = open_app()  # 2024-03-31, the last day of FY2023
    due = frame_with(at, "種別")
    assert "スタートアップとの官民協働実践数" in set(due["KPI"])  # 40 due FY2023, i.e. that very day


def test_targets_past_due_without_a_report_are_listed_with_the_report_awaited() -> None:
    at = open_app(as_of="2025-07-01")
    late = frame_with(at, "報告待ち")
    row = late.set_index("KPI").loc["Wi-Fi整備施設数"]
    assert row["報告待ち"] == "2024年度（令和6年度）"
    assert "公開データセット数" not in set(late["KPI"])  # due FY2026: not past due


# --- 5: no dead ends ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", [None, "years", "bureaus", "export"])
def test_a_filter_that_leaves_nothing_names_itself_and_offers_a_way_out(page) -> None:
    at = open_app(page, q="存在しないKPI", status="achieved")
    (info,) = [i for i in at.info if "絞り込み" in i.value]
    assert "検索「存在しないKPI」" in plain(info.value) and "◎ 達成" in plain(info.value)
    assert not at.dataframe and not at.get("plotly_chart")
    at.button(key=f"clear_filters_{page or 'overview'}").click().run()
    assert "q" not in at.query_params and "status" not in at.query_params
    assert at.dataframe


def test_the_kpi_page_keeps_its_selector_under_a_filter_that_hides_the_kpi() -> None:
    at = open_app("kpi", kpi="wifi-sites", status="achieved")
    assert at.selectbox(key="kpi_pick").value == "wifi-sites"
    assert set(at.selectbox(key="kpi_pick").options) >= {
        "スタートアップとの官民協働実践数",
        "Wi-Fi整備施設数",
    }
    assert any("現在の絞り込み" in c.value for c in at.caption)
    at.button(key="clear_filters_kpi_outside").click().run()
    assert "status" not in at.query_params and at.selectbox(key="kpi_pick").value == "wifi-sites"


def test_the_kpi_page_offers_every_kpi_when_the_filter_leaves_none() -> None:
    at = open_app("kpi", q="存在しないKPI")
    assert len(at.selectbox(key="kpi_pick").options) == 6
    assert any("絞り込み" in i.value for i in at.info)


def test_export_offers_no_empty_csv() -> None:
    at = open_app("export", q="存在しないKPI")
    buttons = {b.key: b for b in at.get("download_button")}
    assert all(buttons[key].proto.disabled for key in ("download_csv", "download_xlsx", "download_pack"))
    assert next(b for b in at.get("download_button") if b.key == "download_yaml")  # the YAML is still there


def test_changes_say_that_they_follow_the_filters() -> None:
    at = open_app("changes", bureau="startup-strategy", **{"from": "2023-03-31", "to": "2024-03-31"})
    assert any("絞り込み（局・組織: スタートアップ戦略室）" in c.value for c in at.caption)
    moved = frame_with(at, "変更後の状況")
    assert set(moved["KPI"]) <= {"スタートアップとの官民協働実践数", "公開データセット数"}


@pytest.mark.parametrize("page", [None, "years", "bureaus", "kpi", "changes", "export", "record", "method"])
def test_no_page_shows_a_server_path_or_a_command(page) -> None:
    at = open_app(page, kpi="wifi-sites")
    text = shown(at) + "\n".join(str(d.value.to_string()) for d in at.dataframe)
    for leak in (str(FIXTURE), "/tmp/", "python -m", ".venv", "seeds/", "secrets.toml"):
        assert leak not in text, leak


# --- 6: search --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found"),
    [("8,000", {"trainees"}), ("8000", {"trainees"}), ("８，０００", {"trainees"}),
     ("trainees", {"trainees"}), ("people per year", {"trainees"}), ("研修", {"trainees"}),
     ("受講規模", {"trainees"}), ("Raised and brought", {"wifi-sites"}), ("wi-fi 1,300", {"wifi-sites"}),
     ("datasets", {"open-datasets"})],
)  # fmt: skip
def test_search_finds_names_ids_units_notes_quotes_and_numbers_written_either_way(query, found) -> None:
    at = open_app("kpi", q=query)
    names = {
        "trainees": "研修受講者数",
        "wifi-sites": "Wi-Fi整備施設数",
        "open-datasets": "公開データセット数",
    }
    assert set(at.selectbox(key="kpi_pick").options) == {names[k] for k in found}


# --- 10: kinds of organisation ---------------------------------------------------------------


def test_bureaus_are_listed_by_kind_and_named_bureau_or_organisation() -> None:
    at = open_app("bureaus")
    bureau = at.sidebar.selectbox(key="bureau")
    assert bureau.label == "局・組織"
    assert bureau.options == ["すべて", "局 · デジタルサービス局", "室・本部 · スタートアップ戦略室"]
    assert at.title[0].value == "局・組織別"


# --- 11: comments -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "meta", "text"),
    [("ja", "2024年5月10日 ・ デジタルサービス局 研修担当（2023年度（令和5年度）について）",
      "年度末の研修2回が中止になったため未達。"),
     ("en", "10 May 2024 · デジタルサービス局 研修担当 (about FY2023)",
      "Two end-of-year sessions were cancelled.")],
)  # fmt: skip
def test_a_comment_is_shown_under_the_status_sentence(lang, meta, text) -> None:
    at = open_app("kpi", kpi="trainees", lang=lang)
    assert any(plain(c.value) == meta for c in at.caption)
    assert text in [t.value for t in at.text]
    status = next(m.value for m in at.markdown if "→" in m.value)
    assert "⚠" in status  # 7,900 of 8,000 in FY2023: overdue, whatever the comment says


# --- 8: the method page -----------------------------------------------------------------------


def test_the_method_page_has_an_example_chart_per_status_and_every_status_sentence_links_to_it() -> None:
    at = open_app("method")
    assert at.title[0].value == "判定方法"
    assert len(at.get("plotly_chart")) == 7
    kpi = open_app("kpi", kpi="wifi-sites")
    links = [link for link in kpi.get("page_link") if "判定方法" in link.proto.label]
    assert links and links[0].proto.page.endswith("method")
