"""A data file that breaks after a valid load: the last valid data stays, with a banner; then recovery."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import ENTRY, open_app, plain

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"


@pytest.fixture
def copy(app_data) -> Path:
    """A temporary copy of the fixture data (audit log beside it) that the app reads and writes."""
    return app_data.copy


def headers(at: AppTest) -> list[str]:
    return [plain(h.value) for h in at.header]


def test_broken_file_keeps_the_last_valid_data_until_it_is_fixed(copy) -> None:
    good = copy.read_text(encoding="utf-8")
    at = open_app("kpi", kpi="wifi-sites")
    assert "Wi-Fi整備施設数" in headers(at) and not at.warning

    copy.write_text(good[: len(good) // 2], encoding="utf-8")  # truncated mid-file
    at.run()
    assert not at.exception
    (banner,) = [w for w in at.warning if "読み込めません" in w.value]
    text = plain(banner.value)
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text)  # since when
    assert "kpis.yaml" in text  # the loader's messages, with file and line
    assert "Wi-Fi整備施設数" in headers(at)  # the last valid data is still shown
    since = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text).group()
    at.run()
    assert since in plain(at.warning[0].value)  # the first failure time stays

    copy.write_text(good.replace("Wi-Fi整備施設数", "公衆Wi-Fi施設数"), encoding="utf-8")
    at.run()
    assert not [w for w in at.warning if "読み込めません" in w.value]
    assert "公衆Wi-Fi施設数" in headers(at)


def test_a_file_broken_from_the_start_shows_the_error_panel(copy) -> None:
    copy.write_text("kpis: [", encoding="utf-8")
    at = AppTest.from_file(str(ENTRY), default_timeout=60).run()
    assert not at.exception
    assert "データファイルに問題がある" in at.error[0].value
    assert not at.metric


def test_a_deleted_file_also_falls_back(copy) -> None:
    at = AppTest.from_file(str(ENTRY), default_timeout=60).run()
    copy.unlink()
    at.run()
    assert any("kpis.yaml：データファイルがありません" in plain(w.value) for w in at.warning)
    assert at.metric  # the overview still shows the last valid counts


def _huge_integer(text: str) -> str:
    """The fixture with one value of 5,000 digits (over Python's int-to-text limit of 4,300)."""
    return text.replace("value: 55,", "value: " + "9" * 5000 + ",", 1)


def _crashing_loader(*args, **kwargs):
    raise RuntimeError("a bug in the loader")


@pytest.mark.parametrize("breakage", ["huge integer", "loader crash"])
def test_any_exception_while_loading_keeps_the_last_valid_data(copy, monkeypatch, breakage) -> None:
    from dashboard import data

    good = copy.read_text(encoding="utf-8")
    at = open_app("kpi", kpi="wifi-sites")
    if breakage == "huge integer":
        copy.write_text(_huge_integer(good), encoding="utf-8")
    else:
        monkeypatch.setattr(data, "load_cached_source", _crashing_loader)
        copy.write_text(good + "\n# edited\n", encoding="utf-8")
    for page in ("kpi", "overview", "export", "changes"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, [e.value for e in at.exception]
        (banner,) = [w for w in at.warning if "読み込めません" in w.value]
        assert "kpis.yaml" in plain(banner.value)
    at.switch_page("app_pages/kpi.py").run()
    assert "Wi-Fi整備施設数" in headers(at)


@pytest.mark.parametrize("breakage", ["huge integer", "loader crash"])
def test_any_exception_on_the_first_load_shows_the_error_panel(copy, monkeypatch, breakage) -> None:
    from dashboard import data

    if breakage == "huge integer":
        copy.write_text(_huge_integer(copy.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        monkeypatch.setattr(data, "load_cached_source", _crashing_loader)
    at = AppTest.from_file(str(ENTRY), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "データファイルに問題がある" in at.error[0].value
    assert "kpis.yaml" in plain(at.error[0].value)
    assert not at.metric


def _replace_by_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize("breakage", [Path.unlink, _replace_by_folder], ids=["deleted", "folder"])
@pytest.mark.parametrize("page", ["overview", "years", "bureaus", "kpi", "changes", "export", "record"])
def test_a_vanished_file_keeps_every_page_on_the_last_valid_data(copy, breakage, page) -> None:
    at = open_app(page, kpi="wifi-sites")
    breakage(copy)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    (banner,) = [w for w in at.warning if "読み込めません" in w.value]
    assert "kpis.yaml：" in plain(banner.value) and str(copy.parent) not in plain(banner.value)
    assert ("フォルダー" if breakage is _replace_by_folder else "ありません") in plain(banner.value)
    if page == "export":  # the CSV, workbook, pack and YAML of the last valid data, from memory
        labels = [b.label for b in at.get("download_button")]
        assert len(labels) == 4 and labels[0] == "CSVをダウンロード" and "YAML" in labels[-1], labels
        assert at.dataframe and "wifi-sites" in set(at.dataframe[0].value["kpi_id"])


def test_an_edit_of_a_seed_that_is_not_txt_is_noticed(app_data, tmp_path) -> None:
    """The app watches every file the loader may read, not only ``*.txt``."""
    seeds = tmp_path / "seeds-md"
    seeds.mkdir()
    seed = seeds / "strategy.md"
    shutil.copyfile(FIXTURE / "seeds" / "strategy.txt", seed)
    text = (FIXTURE / "kpis.yaml").read_text(encoding="utf-8").replace("strategy.txt", "strategy.md")
    app_data(tmp_path / "md.yaml", seeds).write_text(text, encoding="utf-8")
    at = open_app("kpi", kpi="startup-projects")
    assert not [w for w in at.warning if "読み込めません" in w.value]

    quoted = "2023(R5)年度の官民協働実践数は55件"
    seed.write_text(seed.read_text(encoding="utf-8").replace(quoted, "（削除）"), encoding="utf-8")
    at.run()
    assert not at.exception
    (banner,) = [w for w in at.warning if "読み込めません" in w.value]
    assert "出典「Fixture strategy document」にこの記述が見つかりません" in plain(banner.value)
