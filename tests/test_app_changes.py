"""The Changes page: two snapshots or dates, counts by kind, status transitions, deep links."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import compare, figures
from model import snapshots, update
from model.diff import diff
from model.loader import load

from conftest import ENTRY, open_app, plain

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
SEEDS = FIXTURE / "seeds"


def make_history(folder: Path) -> Path:
    """A copy of the fixture with two snapshots: 2024-03-31, then a new FY2024 actual, 2025-03-31."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "kpis.yaml"
    shutil.copyfile(FIXTURE / "kpis.yaml", copy)
    snaps = folder / "snapshots"
    snapshots.take(load(copy, SEEDS), date(2024, 3, 31), snaps)
    quote = "2024(R6)年度末までに約885か所を整備する計画"
    figure = update.FigureInput(885, "strategy.txt", quote, approximate=True)
    update.apply(copy, SEEDS, update.record("wifi-sites", "FY2024", "actual", figure), "test")
    snapshots.take(load(copy, SEEDS), date(2025, 3, 31), snaps)
    return copy


@pytest.fixture(scope="module")
def built_history(tmp_path_factory) -> Path:
    """:func:`make_history` once for the module (two snapshots and an edit take a while)."""
    return make_history(tmp_path_factory.mktemp("history"))


def copy_history(built: Path, folder: Path) -> Path:
    """A test's own copy of the built history (data file, audit log, snapshots) in ``folder``."""
    shutil.copytree(built.parent, folder, dirs_exist_ok=True)
    return folder / built.name


@pytest.fixture
def history(tmp_path, app_data, built_history) -> Path:
    return app_data(copy_history(built_history, tmp_path), SEEDS)


def changes_page(**params: str) -> AppTest:
    return open_app("changes", **params)


def table(at: AppTest, first_column: str):
    return next(
        d.value for d in at.dataframe if d.value.columns[0] == first_column or first_column in d.value
    )


@pytest.mark.usefixtures("history")
def test_two_snapshots_deep_linked() -> None:
    at = changes_page(**{"from": "snapshot-2024-03-31", "to": "snapshot-2025-03-31"})
    assert at.selectbox(key="from_kind").value == "snapshot-2024-03-31"
    assert at.selectbox(key="to_kind").value == "snapshot-2025-03-31"
    assert at.query_params["from"] == "snapshot-2024-03-31" and at.query_params["to"] == "snapshot-2025-03-31"
    counted = {m.label: int(m.value) for m in at.metric}
    assert counted == {"状況の変化": 1, "数値の追加": 1}
    moved = next(d.value for d in at.dataframe if "変更前の状況" in d.value.columns)
    assert len(moved) == counted["状況の変化"]
    assert len(at.get("plotly_chart")) == 1
    others = next(d.value for d in at.dataframe if "変更後" in d.value.columns)
    assert list(others["KPI"]) == ["Wi-Fi整備施設数"] and list(others["変更の種類"]) == ["数値の追加"]
    assert list(others["期間"]) == ["2024年度（令和6年度）"] and list(others["変更後"]) == ["885か所"]
    assert not [c for c in at.caption if "スナップショットはまだありません" in c.value]


@pytest.mark.usefixtures("history")
def test_snapshot_against_the_current_data_at_a_date() -> None:
    at = changes_page(**{"from": "snapshot-2024-03-31", "to": "2024-03-31", "lang": "en"})
    assert at.selectbox(key="to_kind").value == "data"
    assert at.text_input(key="to_text").value == "31 Mar 2024"
    subheaders = [plain(s.value) for s in at.subheader]
    assert any("Snapshot 31 Mar 2024 → Current data at 31 Mar 2024: 1 change(s)" in s for s in subheaders)
    at.selectbox(key="to_kind").set_value("snapshot-2025-03-31").run()
    assert at.query_params["to"] == "snapshot-2025-03-31"


def test_without_snapshots_dates_of_the_current_data_are_compared(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KPI_DATA", str(FIXTURE / "kpis.yaml"))
    monkeypatch.setenv("KPI_SEEDS", str(SEEDS))
    monkeypatch.setenv("KPI_SNAPSHOTS", str(tmp_path / "none"))
    at = changes_page(**{"from": "2023-03-31", "to": "2024-03-31"})
    note = next(c.value for c in at.caption if "スナップショットはまだありません" in c.value)
    assert "python" not in note and str(tmp_path) not in note  # no command, no server folder
    moved = table(at, "KPI")
    assert set(moved["変更後の状況"]) == {"○ 順調", "◎ 達成", "⚠ 期限超過"}
    assert at.query_params["from"] == "2023-03-31"


@pytest.mark.usefixtures("history")
def test_bad_sides_give_friendly_messages() -> None:
    at = AppTest.from_file(str(ENTRY), default_timeout=60)
    at.query_params.update({"from": "yesterday", "to": "snapshot-1999-01-01"})
    at.run()
    assert "from=yesterday" in plain("\n".join(w.value for w in at.warning))
    at.switch_page("app_pages/changes.py").run()
    assert "スナップショット 1999年1月1日" in plain("\n".join(w.value for w in at.warning))
    assert at.selectbox(key="from_kind").value == "snapshot-2025-03-31"  # the default: newest snapshot


@pytest.mark.usefixtures("history")
def test_unreadable_snapshot_is_an_error_not_a_traceback(tmp_path) -> None:
    (tmp_path / "snapshots" / "2024-03-31.csv").write_text("not,a,snapshot\n", encoding="utf-8")
    at = changes_page(**{"from": "snapshot-2024-03-31", "to": "2025-03-31"})
    assert "スナップショットを読めません" in at.error[0].value
    assert "2024-03-31.csv" in at.text[0].value


def test_snapshot_options_skip_paths_outside_the_folder() -> None:
    index = [
        {"as_of": "2024-03-31", "file": "../kpis.yaml"},
        {"as_of": "2025-03-31", "file": "2025-03-31.csv"},
    ]
    assert list(compare.snapshot_options(index)) == ["snapshot-2025-03-31"]


def test_transition_bar(tmp_path, built_history) -> None:
    copy = copy_history(built_history, tmp_path)
    folder = tmp_path / "snapshots"
    changes = diff(
        snapshots.read_snapshot(folder / "2024-03-31.csv"),
        compare.side_frame("2025-03-31", load(copy, SEEDS), folder, {}),
    )
    for lang, arrow in (("ja", "→"), ("en", "→")):
        fig = figures.transition_bar(changes, lang)
        (bar,) = fig.data
        moved = changes[changes["change"] == "status_changed"]
        assert sum(bar.x) == len(moved)
        assert all(arrow in label for label in bar.y)
        assert fig.layout.xaxis.dtick == 1 and fig.layout.xaxis.tickformat == ",d"


MARKDOWN = "[click](http://127.0.0.1:9/) ![pixel](http://127.0.0.1:9/pixel.png)"


def _rewrite_cell(path: Path, column: str, text: str) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.loc[0, column] = text
    frame.to_csv(path, index=False, encoding="utf-8-sig")


def _no_markdown(text: str) -> None:
    """Rendered as markdown, ``text`` has no link or image: every bracket is escaped."""
    assert "](" not in text and "![" not in text, text


@pytest.mark.parametrize("column", ["value", "status", "kpi_name_ja", "period", "row_type"])
@pytest.mark.usefixtures("history")
def test_markdown_in_a_snapshot_cell_is_shown_as_text(tmp_path, column) -> None:
    _rewrite_cell(tmp_path / "snapshots" / "2025-03-31.csv", column, MARKDOWN)
    at = changes_page(**{"from": "snapshot-2024-03-31", "to": "snapshot-2025-03-31"})
    shown = [
        m.value
        for kind in ("error", "warning", "info", "markdown", "subheader", "caption")
        for m in at.get(kind)
    ]
    for text in shown:
        _no_markdown(text)
    if at.error:  # the message quoting the cell comes as plain text
        assert any(MARKDOWN in t.value for t in at.text)


@pytest.mark.usefixtures("history")
def test_an_index_entry_with_markup_for_a_date_is_skipped(tmp_path) -> None:
    index = tmp_path / "snapshots" / "index.json"
    entries = json.loads(index.read_text(encoding="utf-8"))
    entries.append({"as_of": MARKDOWN, "file": "2025-03-31.csv"})
    index.write_text(json.dumps(entries), encoding="utf-8")
    at = changes_page()
    assert MARKDOWN not in "".join(str(o) for o in at.selectbox(key="from_kind").options)
    for kind in ("error", "warning", "info", "subheader"):
        for m in at.get(kind):
            _no_markdown(m.value)
