import difflib
import json
import shutil

import pytest

from model import audit, update
from model.frames import figure_frame
from model.loader import load
from model.problems import DataError
from model.update import Figure, UpdateError

from conftest import MINIMAL, PROJECT, SEEDS

REAL = PROJECT / "data" / "kpis.yaml"


@pytest.fixture
def data(tmp_path):
    path = tmp_path / "kpis.yaml"
    shutil.copy(MINIMAL, path)
    return path


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_unchanged_round_trip_is_byte_identical():
    text = REAL.read_text(encoding="utf-8")
    assert update.render(update.parse_tree(text)) == text


def test_record_adds_only_the_new_lines_and_keeps_comments(data):
    before = data.read_text(encoding="utf-8")
    fig = Figure(149, "sample.txt", "2023.11 149", note="confirmed")
    update.apply(data, SEEDS, update.record("antenna-sites", "2023-12", "actual", fig), "tester")
    after = data.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "+      - period: 2023-12",
        "+        kind: actual",
        "+        value: 149",
        "+        source: sample.txt",
        "+        quote: 2023.11 149",
        "+        note: confirmed",
    ]
    assert after.startswith("# A small valid file")
    assert [o.period for o in load(data, SEEDS).kpis[2].observations] == ["2023-10", "2023-11", "2023-12"]


def test_record_same_period_needs_replace_and_is_audited(data):
    fig = Figure(149, "sample.txt", "2023.11 149")
    with pytest.raises(UpdateError, match="already has a actual value for 2023-10"):
        update.apply(data, SEEDS, update.record("antenna-sites", "2023-10", "actual", fig), "tester")
    edit = update.record(
        "antenna-sites", "2023-10", "actual", fig, replace=True, reason="typo in the source table"
    )
    update.apply(data, SEEDS, edit, "tester")
    assert load(data, SEEDS).kpis[2].observations[0].value == 149
    (entry,) = audit.read(audit.audit_path(data))
    assert {k: entry[k] for k in ("editor", "action", "kpi", "field", "old", "new", "reason")} == {
        "editor": "tester",
        "action": "correct",
        "kpi": "antenna-sites",
        "field": "actual 2023-10",
        "old": 37,
        "new": 149,
        "reason": "typo in the source table",
    }


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (
            update.record("antenna-sites", "2023-12", "actual", Figure(150, "sample.txt", "2023.11 149")),
            DataError,
        ),
        (
            update.record("antenna-sites", "2023-12", "actual", Figure(149, "sample.txt", "not there 149")),
            DataError,
        ),
        (
            update.record("no-such-kpi", "2023-12", "actual", Figure(149, "sample.txt", "2023.11 149")),
            UpdateError,
        ),
        (update.retarget("wifi-sites", "FY2025", Figure(1400, "sample.txt", "約1,300か所"), "x"), DataError),
    ],
)
def test_rejected_update_leaves_file_byte_for_byte_unchanged(data, edit, error):
    before = data.read_bytes()
    with pytest.raises(error):
        update.apply(data, SEEDS, edit, "tester")
    assert data.read_bytes() == before
    assert not audit.audit_path(data).exists()


def test_bad_period_is_refused_before_anything_else():
    with pytest.raises(UpdateError, match="is not a period"):
        update.record("antenna-sites", "2023/12", "actual", Figure(1, "s", "q"))


def test_retarget_supersedes_the_old_target_and_keeps_it(data):
    before = data.read_text(encoding="utf-8")
    fig = Figure(1300, "sample.txt", "約1,300か所に整備", approximate=True)
    edit = update.retarget("wifi-sites", "FY2025", fig, "re-stated in the FY2024 plan", set_on="2024-06-01")
    update.apply(data, SEEDS, edit, "tester")
    after = data.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "+        superseded: true",
        "+      - value: 1300",
        "+        approximate: true",
        "+        due: FY2025",
        "+        set_on: '2024-06-01'",
        "+        source: sample.txt",
        "+        quote: 約1,300か所に整備",
        "+        reason: re-stated in the FY2024 plan",
    ]
    targets = load(data, SEEDS).kpis[0].targets
    assert [(t.value, t.superseded) for t in targets] == [(1300, True), (1300, False)]
    entry = audit.read(audit.audit_path(data), kpi="wifi-sites")[0]
    assert entry["action"] == "retarget" and entry["old"] == "1300 due FY2025"


def test_retarget_to_a_later_due_replaces_the_latest_current_target(data):
    fig = Figure(8000, "sample.txt", "〔受講規模：８,０００人/年〕")
    update.apply(data, SEEDS, update.retarget("trainees", "FY2026", fig, "moved"), "tester")
    targets = load(data, SEEDS).kpis[1].targets
    assert [(t.due, t.superseded) for t in targets] == [("FY2024", True), ("FY2026", False)]


def test_registered_source_is_cited_but_unverified(data):
    update.apply(
        data,
        SEEDS,
        update.add_source(
            "wifi-2024q2", "Wi-Fi progress page", "https://example.org/wifi", "2024-07-01", "2024-07-02"
        ),
        "tester",
    )
    fig = Figure(700, "wifi-2024q2", "OpenRoaming対応施設 700か所")
    update.apply(data, SEEDS, update.record("wifi-sites", "FY2024Q1", "actual", fig), "tester")
    dataset = load(data, SEEDS)
    assert dataset.kpis[0].observations[-1].value == 700
    (warning,) = dataset.warnings
    assert "unverified" in str(warning) and "Wi-Fi progress page" in str(warning)
    wifi = figure_frame(dataset).query("kpi_id == 'wifi-sites'")
    assert list(wifi["verified"]) == [True, True, False]  # target, FY2023 actual (seed), FY2024Q1 (page)


def test_registered_source_value_is_still_checked_against_its_quote(data):
    update.apply(
        data, SEEDS, update.add_source("p", "Page", "https://example.org/p", "2024-07-01", "2024-07-02"), "t"
    )
    with pytest.raises(DataError, match="701 does not occur in the quote"):
        update.apply(
            data, SEEDS, update.record("wifi-sites", "FY2024Q1", "actual", Figure(701, "p", "700か所")), "t"
        )


def test_duplicate_source_id_is_refused(data):
    edit = update.add_source("p", "Page", "https://example.org/p", "2024-07-01", "2024-07-02")
    update.apply(data, SEEDS, edit, "t")
    with pytest.raises(UpdateError, match="already registered"):
        update.apply(data, SEEDS, edit, "t")


def test_audit_log_is_one_json_object_per_line(data):
    fig = Figure(149, "sample.txt", "2023.11 149")
    update.apply(data, SEEDS, update.record("antenna-sites", "2023-12", "actual", fig), "a")
    update.apply(data, SEEDS, update.record("antenna-sites", "2024-01", "actual", fig), "b")
    lines = audit.audit_path(data).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["editor"] for line in lines] == ["a", "b"]


def test_a_comment_is_added_in_both_languages_audited_and_never_changes_the_status(data):
    from datetime import date

    from model.progress import assess

    before = assess(load(data, SEEDS).kpis[0], date(2025, 3, 31))
    text = {"ja": "工事の遅れにより未達。", "en": "Behind because of construction delays."}
    edit = update.comment("wifi-sites", "2025-07-01", "デジタルサービス局", text, "FY2024")
    change = update.apply(data, SEEDS, edit, "tester")
    assert (change.action, change.kpi, change.field) == ("comment", "wifi-sites", "comments 2025-07-01")
    (kpi, *_) = load(data, SEEDS).kpis
    (comment,) = kpi.comments
    assert (comment.date, comment.author, comment.period) == ("2025-07-01", "デジタルサービス局", "FY2024")
    assert (comment.text.ja, comment.text.en) == (text["ja"], text["en"])
    assert assess(kpi, date(2025, 3, 31)) == before
    (entry,) = audit.read(audit.audit_path(data))
    assert entry["action"] == "comment" and entry["editor"] == "tester"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("wifi-sites", "FY2024", "someone", "text"), "is not a date"),
        (("wifi-sites", "2025-07-01", " ", "text"), "needs an author and a text"),
        (("wifi-sites", "2025-07-01", "someone", {"ja": " ", "en": ""}), "needs an author and a text"),
        (("wifi-sites", "2025-07-01", "someone", "text", "2024年度"), "is not a period"),
    ],
)
def test_a_comment_needs_a_date_an_author_and_a_text(args, error):
    with pytest.raises(UpdateError, match=error):
        update.comment(*args)
