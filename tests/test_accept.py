"""``kpi accept``: reviewed proposals merged into the data file, or nothing written and why."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from model import audit, commit
from model.audit import audit_path
from model.cli import main
from model.loader import load

FOLDER = Path(__file__).parent / "fixtures" / "drafting"
REVIEWED = FOLDER / "reviewed.yaml"
INVALID = sorted((FOLDER / "reviewed_invalid").glob("*.yaml"))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the drafting fixture's data file (its seeds folder stays the fixture folder)."""
    path = tmp_path / "kpis.yaml"
    shutil.copy(FOLDER / "data.yaml", path)
    return path


def accept(proposals: Path, data: Path, *extra: str) -> int:
    return main(["accept", str(proposals), "--data", str(data), "--seeds", str(FOLDER), *extra])


def figures(data: Path) -> set[tuple[str, str, float, str]]:
    """(kpi, section, value, due or period) of every target and observation."""
    out = set()
    for kpi in load(data, FOLDER).document.kpis:
        out |= {(kpi.id, "targets", t.value, t.due) for t in kpi.targets}
        out |= {(kpi.id, "observations", o.value, o.period) for o in kpi.observations}
    return out


def expectation(path: Path) -> tuple[int, str]:
    """The line marked ``# ERROR`` and the ``# expect:`` fragment of an invalid fixture."""
    text = path.read_text(encoding="utf-8")
    lines = [i for i, line in enumerate(text.splitlines(), 1) if "# ERROR" in line]
    assert len(lines) == 1, f"{path.name} must mark exactly one line with '# ERROR'"
    found = re.search(r"^# expect: (.+)$", text, re.M)
    assert found, f"{path.name} needs an '# expect:' line"
    return lines[0], found[1].strip()


def test_accept_adds_exactly_the_accepted_entries(data, capsys):
    before = figures(data)
    assert accept(REVIEWED, data, "--editor", "curator-a") == 0
    added = figures(data) - before
    assert added == {
        ("openroaming-wifi-metro-facilities", "observations", 900, "2025-02"),
        ("openroaming-wifi-metro-facilities", "targets", 1500, "FY2026"),
        ("public-wifi-users", "targets", 3_000_000, "FY2027"),
    }
    assert before <= figures(data)
    kpis = {k.id: k for k in load(data, FOLDER).document.kpis}
    assert kpis["public-wifi-users"].measure == "per_year" and kpis["public-wifi-users"].unit.en == "users"
    assert "new-next-edition-line-26" not in kpis  # not accepted
    assert "accept public-wifi-users targets: 3000000 due FY2027" in capsys.readouterr().out


ADDED = """\
    targets:
      - value: 1500
        approximate: true
        due: FY2026
        set_on: 2025-03-28
        source: next_edition.txt
        quote: 2026(R8)年度末までに、都有施設約1,500か所に整備
    observations:
      - period: 2025-02
        kind: actual
        value: 900
        approximate: true
        source: next_edition.txt
        quote: 2025(R7)年2月末時点で、都有施設約９００か所に整備
  - id: public-wifi-users
    name:
      ja: 公衆無線LANの年間利用者数
      en: Public Wi-Fi users per year
    bureau: digital-service
    pillar: dsb-connected-tokyo
    unit:
      ja: 人
      en: users
    measure: per_year
    targets:
      - value: 3000000
        due: FY2027
        set_on: 2025-03-28
        source: next_edition.txt
        quote: 2027(R9)年度までに、利用者数を年間３００万人とすることを目指す""".splitlines()


def test_accept_keeps_the_comments_and_the_rest_of_the_file(data):
    data.write_text("# curated by hand\n" + data.read_text(encoding="utf-8"), encoding="utf-8")
    old = data.read_text(encoding="utf-8")
    assert accept(REVIEWED, data) == 0
    new = data.read_text(encoding="utf-8")
    assert new.startswith("# curated by hand\n")
    assert "en: Sea-surface live camera points}" in new  # flow style kept
    diff = list(difflib.ndiff(old.splitlines(), new.splitlines()))
    assert not [d for d in diff if d.startswith(("- ", "? "))]  # nothing removed or changed
    added = [d[2:] for d in diff if d.startswith("+ ")]
    assert added == ADDED


def test_accept_writes_one_audit_line_per_entry(data):
    assert accept(REVIEWED, data, "--editor", "curator-a") == 0
    entries = [json.loads(line) for line in audit_path(data).read_text(encoding="utf-8").splitlines()]
    assert [(e["editor"], e["action"], e["kpi"], e["field"], e["new"]) for e in entries] == [
        ("curator-a", "accept", "openroaming-wifi-metro-facilities", "actual 2025-02", 900),
        ("curator-a", "accept", "openroaming-wifi-metro-facilities", "targets", "1500 due FY2026"),
        ("curator-a", "accept", "public-wifi-users", "targets", "3000000 due FY2027"),
    ]  # the field, old and new of record and retarget
    assert entries[2]["reason"].endswith("(new KPI)") and "L22" in entries[2]["reason"]
    assert entries[0]["quote"] == "2025(R7)年2月末時点で、都有施設約９００か所に整備"


def test_only_accepts_exactly_the_named_proposals(data):
    before = figures(data)
    assert accept(REVIEWED, data, "--only", "L18") == 0
    assert figures(data) - before == {("openroaming-wifi-metro-facilities", "targets", 1500, "FY2026")}


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_proposals_are_refused_at_their_line_and_nothing_is_written(path, data, capsys):
    line, fragment = expectation(path)
    old = data.read_bytes()
    assert accept(path, data) == 1
    err = capsys.readouterr().err
    assert f"{path.name}:{line}: {fragment}" in err.replace(str(path.parent) + "/", ""), err
    assert "nothing written" in err and "Traceback" not in err
    assert data.read_bytes() == old
    assert not audit_path(data).exists()


@pytest.mark.parametrize(
    ("only", "message"),
    [
        ("L26", "proposal L26, new_kpi.name.en: still TODO"),
        ("L99", 'no proposal with id "L99"'),
    ],
)
def test_only_names_what_cannot_be_accepted(only, message, data, capsys):
    old = data.read_bytes()
    assert accept(REVIEWED, data, "--only", only) == 1
    assert message in capsys.readouterr().err
    assert data.read_bytes() == old


def test_nothing_accepted_is_said(tmp_path, data, capsys):
    none = tmp_path / "none.yaml"
    none.write_text(REVIEWED.read_text(encoding="utf-8").replace("accept: true", "accept: false"), "utf-8")
    old = data.read_bytes()
    assert accept(none, data) == 1
    assert "no proposal is accepted" in capsys.readouterr().err
    assert data.read_bytes() == old


OLD_TARGET = """    measure: cumulative
    targets:
      - value: 1300
        approximate: true
        due: FY2026
        source: season-5
        quote: 2026(R8)年度末までに、都有施設約1,300か所に整備
"""
SEASON_5 = (
    "sources:\n  - {id: season-5, title: season 5, url: https://example.org/s5,"
    " published: 2024-03-29, accessed: 2024-04-01}\n"
)


@pytest.mark.parametrize("blank", [None, "", "  "])
def test_a_revised_target_needs_a_reason_and_keeps_the_old_one(tmp_path, data, capsys, blank):
    text = data.read_text(encoding="utf-8")
    text = text.replace("    measure: cumulative\n", OLD_TARGET, 1)
    data.write_text(text.replace("sources:\n", SEASON_5, 1), encoding="utf-8")
    revised = yaml.safe_load(REVIEWED.read_text(encoding="utf-8"))
    if blank is not None:
        next(p for p in revised["proposals"] if p["id"] == "L18")["entry"]["reason"] = blank
    path = tmp_path / "revised.yaml"
    path.write_text(yaml.safe_dump(revised, allow_unicode=True), encoding="utf-8")
    old = data.read_bytes()
    assert accept(path, data, "--only", "L18") == 1
    err = capsys.readouterr().err
    assert "proposal L18, entry.reason: a revised target needs a reason (why the target changes)" in err
    assert "replaces the target FY2026 (1300)" in err
    assert data.read_bytes() == old
    next(p for p in revised["proposals"] if p["id"] == "L18")["entry"]["reason"] = "raised"
    path.write_text(yaml.safe_dump(revised, allow_unicode=True), encoding="utf-8")
    assert accept(path, data, "--only", "L18") == 0
    targets = next(k for k in load(data, FOLDER).document.kpis if k.id.startswith("openroaming")).targets
    assert [(t.value, t.superseded) for t in targets] == [(1300, True), (1500, False)]
    (entry,) = [json.loads(line) for line in audit_path(data).read_text(encoding="utf-8").splitlines()]
    assert (entry["field"], entry["old"], entry["new"]) == ("targets", "1300 due FY2026", "1500 due FY2026")
    assert re.fullmatch(r"raised \(proposal L18 of .*revised\.yaml\)", entry["reason"])  # then the trace


@pytest.mark.parametrize("logged", [0, 1, 3])
def test_an_interrupted_accept_gets_each_missing_audit_line_once(data, logged):
    """Killed after the file was replaced, with 0, 1 or all 3 of its audit lines appended."""
    assert accept(REVIEWED, data) == 0
    log = audit_path(data)
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    entries = [json.loads(line) for line in lines]
    log.write_text("".join(lines[:logged]), encoding="utf-8")
    new = commit._sha256(data.read_bytes())
    journal = {"entries": entries, "old_sha256": "0" * 64, "new_sha256": new}
    commit.journal_path(data).write_text(json.dumps(journal), encoding="utf-8")
    assert commit.recover(data) == "added"
    after = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [e["field"] for e in after] == [e["field"] for e in entries]
    assert [e.get("recovered") for e in after] == [None] * logged + [True] * (3 - logged)


def test_a_source_not_registered_is_refused_and_says_how(data, capsys):
    """Its publication date is each target's set_on: never today's date by default."""
    text = data.read_text(encoding="utf-8")
    start, end = text.index("sources:\n"), text.index("kpis:\n")
    data.write_text(text[:start] + text[end:], encoding="utf-8")
    old = data.read_bytes()
    assert accept(REVIEWED, data) == 1
    err = capsys.readouterr().err
    assert "proposal L17, entry.source: next_edition.txt is not registered" in err
    assert err.count("is not registered") == 1  # once for the source, at its first proposal
    assert "add it under `sources:` with its `published` date" in err
    assert data.read_bytes() == old


def test_a_target_is_set_on_its_source_s_publication_date(data):
    assert accept(REVIEWED, data, "--only", "L18") == 0
    (target,) = next(k for k in load(data, FOLDER).document.kpis if k.id.startswith("openroaming")).targets
    assert target.set_on == "2025-03-28"
    assert "        set_on: 2025-03-28\n" in data.read_text(encoding="utf-8")  # unquoted, as dates are


def test_the_edit_can_be_previewed_then_applied(data):
    """The edit runs twice (a preview, then the save): the new KPI is created both times."""
    from model import update
    from model.accept import edit_of, read_proposals, select

    batch = select(read_proposals(REVIEWED), REVIEWED.name, None)
    edit = edit_of(batch)
    update.preview(data, FOLDER, edit)
    update.apply(data, FOLDER, edit, "tester", batch.changes)
    assert "public-wifi-users" in {k.id for k in load(data, FOLDER).document.kpis}
    assert len(batch.changes) == 3


def test_an_accept_killed_mid_line_gets_the_rest_once(data):
    """Killed with 2 of 3 lines appended and the third torn: the torn line stays (skipped by
    the reader), the third is added once, whole."""
    assert accept(REVIEWED, data) == 0
    log = audit_path(data)
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    entries = [json.loads(line) for line in lines]
    log.write_text("".join(lines[:2]) + lines[2][:25], encoding="utf-8")
    new = commit._sha256(data.read_bytes())
    journal = {"entries": entries, "old_sha256": "0" * 64, "new_sha256": new}
    commit.journal_path(data).write_text(json.dumps(journal), encoding="utf-8")
    assert commit.recover(data) == "added"
    after = audit.read(log)
    assert [(e["field"], e.get("recovered")) for e in after] == [
        (entries[0]["field"], None),
        (entries[1]["field"], None),
        (entries[2]["field"], True),
    ]
