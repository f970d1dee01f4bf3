"""Synthetic data (tools/synth.py): valid, deterministic, varied; and what it exercises."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from model import yamlfile
from model.cli import main
from model.frames import FIGURE_COLUMNS, figure_frame
from model.loader import check, load
from model.periods import parse_period
from model.rules import evidence_of
from tools import synth

from conftest import FIXTURES, PROJECT


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    data, seeds = synth.write(folder, 250, 12, seed=7)
    return data, seeds


def test_output_validates(written):
    data, seeds = written
    document, problems = check(data, seeds)
    assert [p for p in problems if p.level == "error"] == []
    assert document is not None and len(document.kpis) == 250
    assert all(len(k.observations) == 12 for k in document.kpis)
    warnings = [p for p in problems if p.level == "warning"]
    assert warnings and all("unverified" in p.message for p in warnings)


def test_command_line_writes_a_valid_file(tmp_path, capsys):
    out = tmp_path / "out"
    assert synth.main(["--kpis", "30", "--observations", "5", "--out", str(out), "--seed", "3"]) == 0
    assert "30 KPIs" in capsys.readouterr().out
    assert main(["validate", "--data", str(out / "kpis.yaml"), "--seeds", str(out / "seeds")]) == 0
    cited = set()
    for kpi in load(out / "kpis.yaml", out / "seeds").kpis:
        for _, ev in evidence_of(kpi):
            cited |= {ev.source} if ev.derived is None else {part.source for part in ev.derived.parts}
    files = {p.name for p in (out / "seeds").glob("*.txt")}
    assert cited - {synth.REGISTERED_SOURCE} == files  # the seeds written are the ones quoted


def test_deterministic_per_seed():
    assert synth.synthesise(40, 6, seed=1) == synth.synthesise(40, 6, seed=1)
    assert synth.synthesise(40, 6, seed=1) != synth.synthesise(40, 6, seed=2)


def test_rewriting_a_folder_gives_the_same_bytes(tmp_path):
    synth.write(tmp_path, 120, 4, seed=5)
    before = {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    synth.write(tmp_path, 120, 4, seed=5)
    after = {p.name: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert before == after


def test_realistic_variety(written):
    data, seeds = written
    dataset = load(data, seeds)
    kpis = dataset.kpis
    figures = [ev for k in kpis for _, ev in evidence_of(k)]
    targets = [t for k in kpis for t in k.targets]
    observations = [o for k in kpis for o in k.observations]
    assert len({k.bureau for k in kpis}) >= 8 and len({k.pillar for k in kpis}) >= 6
    assert {k.measure for k in kpis} == {"cumulative", "per_year", "level"}
    assert {k.direction for k in kpis} == {"increase", "decrease", "maintain"}
    assert {parse_period(o.period).kind for o in observations} == {"fy", "quarter", "month", "date"}
    assert {o.kind for o in observations} == {"actual", "plan", "estimate"}
    assert any(t.approximate for t in targets) and any(t.superseded for t in targets)
    assert any(t.recurring for t in targets) and any(t.reason for t in targets if not t.superseded)
    assert any(ev.derived is not None for ev in figures)
    assert any(k.baseline is not None for k in kpis)
    assert any(not k.targets for k in kpis)  # context KPIs
    assert dataset.document.exclusions and dataset.document.sources
    assert len(list(seeds.glob("*.txt"))) == 3  # 100 KPIs a seed


def test_seeds_look_like_pdf_text(written):
    _, seeds = written
    text = "".join(p.read_text(encoding="utf-8") for p in seeds.glob("*.txt"))
    assert any("０" <= c <= "９" for c in text)  # full-width digits
    assert "\n  " in text  # sentences broken across lines


def _dates_as_text(value):
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def test_yaml_reader_gives_what_pyyaml_gives(written):
    """model.yamlfile.parse_text reads the same data as PyYAML's safe loader (dates kept as
    text) and records a line for every key and item."""
    data, _ = written
    texts = [data.read_text(encoding="utf-8"), (PROJECT / "data" / "kpis.yaml").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "valid").glob("*.yaml"))]
    for text in texts:
        fast = yamlfile.parse_text(text)
        reference = _dates_as_text(yamlfile.yaml.load(text, Loader=yamlfile._Loader))
        assert repr(fast.data) == repr(reference)
        assert fast.lines[("kpis", 0, "id")] > fast.lines[("kpis",)]


def _reference_figure_frame(dataset) -> pd.DataFrame:
    """figure_frame as it was built before the column-wise rewrite: one tuple per figure."""
    from model.figure_rows import _provenance
    from model.schema import note_text

    registered = dataset.external_sources
    rows = []
    for kpi in dataset.kpis:
        for path, ev in evidence_of(kpi):
            source, quote, derived, verified = _provenance(ev, registered)
            is_target = path[0] == "targets"
            kind = "target" if is_target else "baseline" if path[0] == "baseline" else ev.kind
            rows.append(
                (
                    kpi.id, kind, ev.due if is_target else ev.period, ev.value, ev.approximate,
                    is_target and ev.superseded, is_target and ev.recurring,
                    (ev.set_on or "") if is_target else "", source, quote, derived, verified,
                    note_text(ev.note, "ja"), note_text(ev.note, "en"),
                    note_text(ev.reason if is_target else None, "ja"),
                    note_text(ev.reason if is_target else None, "en"),
                    getattr(ev, "bound", None) or "", dataset.timeline.known_from(ev),
                )
            )  # fmt: skip
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    frame["value"] = frame["value"].astype("float64")
    periods = frame["period"].map(parse_period)
    frame["period_start"] = periods.map(lambda p: p.start)
    frame["period_end"] = periods.map(lambda p: p.end)
    frame["period_kind"] = periods.map(lambda p: p.kind)
    frame["fiscal_year"] = periods.map(lambda p: p.fiscal_year).astype("int64")
    return frame


def test_figure_frame_equals_the_row_wise_reference(written):
    data, seeds = written
    for dataset in (load(data, seeds), load(PROJECT / "data" / "kpis.yaml", PROJECT / "seeds")):
        pd.testing.assert_frame_equal(
            figure_frame(dataset), _reference_figure_frame(dataset), check_exact=True
        )


def test_statuses_vary(written):
    from model.frames import status_frame

    data, seeds = written
    statuses = set(status_frame(load(data, seeds), date(2024, 9, 30))["status"])
    assert {"on_track", "at_risk", "off_track", "overdue", "achieved", "no_data", "no_target"} <= statuses
