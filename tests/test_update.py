import difflib
import json
import re
import shutil

import pytest

from model import audit, roundtrip, update, yamlfile
from model.frames import figure_frame
from model.loader import check, load
from model.problems import DataError
from model.update import FigureInput, UpdateError
from model.yamlfile import YamlProblem, read_yaml

from conftest import FIXTURES, MINIMAL, PROJECT, SEEDS

REAL = PROJECT / "data" / "kpis.yaml"
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
ANTENNA = update.record("antenna-sites", "2023-12", "actual", FigureInput(149, "sample.txt", "2023.11 149"))


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
    assert roundtrip.render(roundtrip.load(text)) == text


def test_record_adds_only_the_new_lines_and_keeps_comments(data):
    before = data.read_text(encoding="utf-8")
    fig = FigureInput(149, "sample.txt", "2023.11 149", note="confirmed")
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
    fig = FigureInput(149, "sample.txt", "2023.11 149")
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
            update.record(
                "antenna-sites", "2023-12", "actual", FigureInput(150, "sample.txt", "2023.11 149")
            ),
            DataError,
        ),
        (
            update.record(
                "antenna-sites", "2023-12", "actual", FigureInput(149, "sample.txt", "not there 149")
            ),
            DataError,
        ),
        (
            update.record("no-such-kpi", "2023-12", "actual", FigureInput(149, "sample.txt", "2023.11 149")),
            UpdateError,
        ),
        (
            update.retarget("wifi-sites", "FY2025", FigureInput(1400, "sample.txt", "約1,300か所"), "x"),
            DataError,
        ),
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
        update.record("antenna-sites", "2023/12", "actual", FigureInput(1, "s", "q"))


@pytest.mark.parametrize("reason", ["", "   ", "\n\t", None])
def test_retarget_needs_a_reason(reason):
    with pytest.raises(UpdateError, match="a revised target needs a reason"):
        update.retarget("wifi-sites", "FY2026", FigureInput(1300, "sample.txt", "約1,300か所"), reason)


def test_retarget_supersedes_the_old_target_and_keeps_it(data):
    before = data.read_text(encoding="utf-8")
    fig = FigureInput(1300, "sample.txt", "約1,300か所に整備", approximate=True)
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
    fig = FigureInput(8000, "sample.txt", "〔受講規模：８,０００人/年〕")
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
    fig = FigureInput(700, "wifi-2024q2", "OpenRoaming対応施設 700か所")
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
            data,
            SEEDS,
            update.record("wifi-sites", "FY2024Q1", "actual", FigureInput(701, "p", "700か所")),
            "t",
        )


def test_duplicate_source_id_is_refused(data):
    edit = update.add_source("p", "Page", "https://example.org/p", "2024-07-01", "2024-07-02")
    update.apply(data, SEEDS, edit, "t")
    with pytest.raises(UpdateError, match="already registered"):
        update.apply(data, SEEDS, edit, "t")


def test_audit_log_is_one_json_object_per_line(data):
    fig = FigureInput(149, "sample.txt", "2023.11 149")
    update.apply(data, SEEDS, update.record("antenna-sites", "2023-12", "actual", fig), "a")
    update.apply(data, SEEDS, update.record("antenna-sites", "2024-01", "actual", fig), "b")
    lines = audit.audit_path(data).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["editor"] for line in lines] == ["a", "b"]


@pytest.mark.parametrize("run", [update.apply, update.preview])
def test_deep_nesting_gives_the_error_of_validate(data, run):
    data.write_text(MINIMAL.read_text(encoding="utf-8") + "x: " + "[" * 100_000 + "]" * 100_000 + "\n")
    before = data.read_bytes()
    with pytest.raises(DataError) as info:
        run(data, SEEDS, ANTENNA, *(["tester"] if run is update.apply else []))
    _, problems = check(data, SEEDS)
    assert [str(p) for p in info.value.problems] == [str(p) for p in problems]
    assert "56: nesting is deeper than 32 levels" in str(info.value)
    assert data.read_bytes() == before


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_editing_an_invalid_file_gives_the_error_of_validate_or_a_clear_one(tmp_path, path):
    """The form's check (preview) of any invalid file: a clear error, never a crash."""
    copy = tmp_path / "kpis.yaml"
    copy.write_bytes(path.read_bytes())
    edit = update.record(
        "trainees", "FY2030", "actual", FigureInput(7900, "sample.txt", "受講者は７,９００人")
    )
    try:
        read_yaml(copy)
    except YamlProblem:  # unreadable as YAML: exactly what validate says
        with pytest.raises(DataError) as info:
            update.preview(copy, SEEDS, edit)
        assert [str(p) for p in info.value.problems] == [str(p) for p in check(copy, SEEDS)[1]]
        return
    try:
        _, _, problems = update.preview(copy, SEEDS, edit)
    except (DataError, UpdateError) as exc:
        assert str(exc)
    else:
        assert problems is not None


@pytest.mark.parametrize(
    ("old", "new", "edit", "message"),
    [
        (
            "    observations:\n      - {period: 2023-10",
            "    observations: none\n    x:\n      - {period: 2023-10",
            ANTENNA,
            "observations: must be a list",
        ),
        (
            "        due: FY2025\n",
            "        due: [FY2025]\n",
            update.retarget("wifi-sites", "FY2026", FigureInput(1300, "sample.txt", "約1,300か所"), "why"),
            "targets[0].due: must be text",
        ),
    ],
)
def test_edit_of_a_malformed_kpi_gives_the_error_of_validate(data, old, new, edit, message):
    data.write_text(MINIMAL.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        update.apply(data, SEEDS, edit, "tester")


def test_record_refuses_a_file_over_the_size_limit(data, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1000)
    before = data.read_bytes()
    with pytest.raises(DataError, match="the limit is 1,000"):
        update.apply(data, SEEDS, ANTENNA, "tester")
    assert data.read_bytes() == before


def test_record_rewrites_only_the_lines_of_its_kpi(data):
    text = (
        MINIMAL.read_text(encoding="utf-8")
        .replace("    measure: cumulative\n    direction", "    measure:    cumulative\n    direction")
        .replace("unit: {ja: 人/年, en: people per year}", "unit: {ja: 人/年,en: people per year}")
    )
    data.write_text(text, encoding="utf-8")
    update.apply(data, SEEDS, ANTENNA, "tester")
    assert changed_lines(text, data.read_text(encoding="utf-8")) == [
        "+      - period: 2023-12",
        "+        kind: actual",
        "+        value: 149",
        "+        source: sample.txt",
        "+        quote: 2023.11 149",
    ]


def test_round_trip_editing_reads_only_the_kpi_it_changes(data, monkeypatch):
    """What makes `record` fast on a large file: only the KPI's text goes through ruamel."""
    seen: list[int] = []
    load = roundtrip.load
    monkeypatch.setattr(roundtrip, "load", lambda text: seen.append(len(text)) or load(text))
    update.apply(data, SEEDS, ANTENNA, "tester")
    assert seen and max(seen) < 400 < len(MINIMAL.read_text(encoding="utf-8"))


def test_record_replaces_a_figure_of_a_dated_period(data):
    """An unquoted date is a timestamp to ruamel; the edit still finds the figure of that day."""
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "{period: 2023-10, value: 37", "{period: 2023-10-15, value: 37"
    )
    data.write_text(text, encoding="utf-8")
    fig = FigureInput(149, "sample.txt", "2023.11 149")
    update.apply(data, SEEDS, update.record("antenna-sites", "2023-10-15", "actual", fig, replace=True), "t")
    values = {o.period: o.value for o in load(data, SEEDS).kpis[2].observations}
    assert values == {"2023-10-15": 149, "2023-11": 149}


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
        (("wifi-sites", "2025-07-01", "someone", "text", "2024年度"), "write periods and dates in ASCII"),
    ],
)
def test_a_comment_needs_a_date_an_author_and_a_text(args, error):
    with pytest.raises(UpdateError, match=error):
        update.comment(*args)
