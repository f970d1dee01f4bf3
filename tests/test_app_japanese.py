"""Japanese throughout: no Japanese page of the bundled data shows an English note, reason or
comment, and each one is shown in Japanese (AppTest over data/kpis.yaml: the KPI pages that
together hold every kind of note the data has)."""

from __future__ import annotations

import pytest

from model.loader import load
from model.rules import evidence_of
from model.schema import Kpi, note_text

from conftest import PROJECT, open_app, plain, serve_data

AS_OF = "2026-12-01"  # every figure of the bundled data is public by then


@pytest.fixture(autouse=True)
def bundled_data(monkeypatch, tmp_path):
    yield from serve_data(
        monkeypatch, PROJECT / "data" / "kpis.yaml", PROJECT / "seeds", tmp_path / "snapshots"
    )


def notes(kpi: Kpi) -> list[tuple[str, object]]:
    """The KPI's note, its figures' notes, its targets' reasons and its comments, each with its
    kind (where it is, and whether it has two languages or one text for both)."""
    shape = f"{kpi.measure}, {'with' if kpi.targets else 'no'} target"
    texts: list[tuple[str, object]] = [("kpi note", kpi.note), *(("comment", c.text) for c in kpi.comments)]
    for _, figure in evidence_of(kpi):
        kind = " ".join(
            [type(figure).__name__.lower()]
            + [getattr(figure, "kind", "")] * hasattr(figure, "kind")
            + ["superseded"] * getattr(figure, "superseded", False)
            + ["derived"] * (figure.derived is not None)
        )
        texts += [(f"{kind} note", figure.note), (f"{kind} reason", getattr(figure, "reason", None))]
    return [
        (f"{where}, {'two languages' if hasattr(t, 'en') else 'one text'} ({shape})", t)
        for where, t in texts
        if t
    ]


def covering(kpis: list[Kpi]) -> list[Kpi]:
    """Few KPIs that together hold every kind of note that any KPI holds, and the KPI with the
    most notes (a long page)."""
    wanted = {kind for kpi in kpis for kind, _ in notes(kpi)}
    chosen: list[Kpi] = [max(kpis, key=lambda k: len(notes(k)))]
    wanted -= {kind for kind, _ in notes(chosen[0])}
    while wanted:
        best = max(kpis, key=lambda k: len(wanted & {kind for kind, _ in notes(k)}))
        chosen.append(best)
        wanted -= {kind for kind, _ in notes(best)}
    return chosen


def page_text(at) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error")
    parts = [plain(str(e.value)) for kind in kinds for e in at.get(kind)]
    parts += [d.value.to_string() for d in at.dataframe]
    return "\n".join(parts)


def test_no_japanese_kpi_page_shows_an_english_note_or_reason() -> None:
    kpis = covering([k for k in load(PROJECT / "data" / "kpis.yaml", PROJECT / "seeds").kpis if notes(k)])
    kinds = {kind.split(",")[0] for kpi in kpis for kind, _ in notes(kpi)}
    assert {"kpi note", "observation actual note", "target note", "target reason"} <= kinds
    at = open_app("kpi", kpi=kpis[0].id, as_of=AS_OF)
    english, missing = [], []
    for kpi in kpis:
        at.selectbox(key="kpi_pick").set_value(kpi.id).run()
        assert not at.exception
        shown = " ".join(page_text(at).split())
        for _, text in notes(kpi):
            en, ja = " ".join(note_text(text, "en").split()), " ".join(note_text(text, "ja").split())
            if en != ja and en[:40] in shown:
                english.append((kpi.id, en[:60]))
            if ja[:40] not in shown:
                missing.append((kpi.id, ja[:60]))
    assert english == [], "English notes on Japanese pages"
    assert missing == [], "notes not shown in Japanese"
