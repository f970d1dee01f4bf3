"""KPI page history (target revisions, audit entries), verified marks, and data text never as markup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.history import revisions, target_history
from model import audit
from model.audit import Change
from model.loader import load

from conftest import forget_data, plain, point_at
from conftest import open_app as page

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
SEEDS = FIXTURE / "seeds"
XSS_NAME = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    point_at(monkeypatch, None, SEEDS)
    yield
    forget_data()


def frame_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_revisions_pair_old_and_new_targets() -> None:
    dataset = load(FIXTURE / "kpis.yaml", SEEDS)
    startup = next(k for k in dataset.kpis if k.id == "startup-projects")
    pairs = [(o and o.value, n and n.value) for o, n in revisions(startup)]
    assert sorted(pairs, key=str) == sorted([(None, 40), (100, 300)], key=str)
    wifi = next(k for k in dataset.kpis if k.id == "wifi-sites")
    table = target_history(wifi, "en")
    assert list(table.columns) == ["Set on", "Old target", "New target", "Reason", "Source"]
    row = table.iloc[0]
    assert row["Old target"] == "1,000 sites, due FY2026" and row["New target"] == "~1,300 sites, due FY2025"
    assert row["Reason"] == "Raised and brought forward." and row["Set on"] == "unknown"


def test_kpi_page_shows_target_history_and_audit_entries(tmp_path, monkeypatch) -> None:
    copy = tmp_path / "kpis.yaml"
    shutil.copyfile(FIXTURE / "kpis.yaml", copy)
    monkeypatch.setenv("KPI_DATA", str(copy))
    change = Change("retarget", "startup-projects", "targets", "100 due FY2027", "300 due FY2027", "raised")
    audit.append(audit.audit_path(copy), change, "analyst-b")
    audit.append(audit.audit_path(copy), Change("record", "wifi-sites", "actual FY2024", None, 885), "x")
    at = page("kpi", kpi="startup-projects")
    assert "履歴" in [s.value for s in at.subheader]
    history = frame_with(at, "新目標")
    assert "300件／期限 2027年度（令和9年度）" in set(history["新目標"])
    assert "100件／期限 2027年度（令和9年度）" in set(history["旧目標"])
    entries = frame_with(at, "編集者")
    assert list(entries["編集者"]) == ["analyst-b"] and list(entries["理由"]) == ["raised"]


def test_kpi_page_without_audit_entries_says_so(monkeypatch) -> None:
    monkeypatch.setenv("KPI_DATA", str(FIXTURE / "kpis.yaml"))
    at = page("kpi", kpi="trainees", lang="en")
    assert any("No saved changes" in c.value for c in at.caption)


def test_figures_are_marked_verified_or_unverified_in_words(monkeypatch) -> None:
    monkeypatch.setenv("KPI_DATA", str(FIXTURE / "xss.yaml"))
    at = page("kpi", kpi="xss", lang="en", as_of="2025-03-31")  # the web page is public from 15 Oct 2024
    marks = frame_with(at, "Checked")["Checked"]
    assert set(marks) == {"✔ checked", "? unchecked"}
    assert (marks == "? unchecked").sum() == 1
    assert any("keeps no copy" in c.value for c in at.caption)
    overview = page("", lang="en", as_of="2025-03-31")
    assert any("Unchecked figures: 1" in c.value for c in overview.caption)
    export = page("export", lang="en", as_of="2025-03-31")
    assert any("Unchecked figures: 1" in c.value for c in export.caption)


def test_markup_in_the_data_is_shown_as_text(monkeypatch) -> None:
    monkeypatch.setenv("KPI_DATA", str(FIXTURE / "xss.yaml"))
    at = page("kpi", kpi="xss")
    assert [plain(h.value) for h in at.header] == [XSS_NAME]
    assert r"\<img src\=x onerror\=alert\(1\)\>" in at.header[0].value  # escaped for markdown
    assert any(t.value == "<script>alert(2)</script>" for t in at.text)
    caption = at.caption[0].value
    assert "<svg" not in caption.replace("\\<svg", "")  # the bureau name is escaped too
    bureaus = page("bureaus", bureau="digital-service")
    assert all("<svg" not in s.value.replace("\\<svg", "") for s in bureaus.subheader)
    assert XSS_NAME in set(frame_with(bureaus, "KPI")["KPI"])
