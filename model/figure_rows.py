"""The figures of a dataset gathered out of the validated model as column lists, in one pass
(:func:`figure_columns`), with the sources, quotes and derivation of each; the frame itself is
built by :func:`model.frames.figure_frame`."""

from __future__ import annotations

from typing import Any

from model.loader import Dataset
from model.schema import Figure, note_text

FIGURE_COLUMNS = [
    "kpi_id",
    "row_type",
    "period",
    "value",
    "approximate",
    "superseded",
    "recurring",
    "set_on",
    "source_file",
    "quote",
    "derived",
    "verified",
    "note_ja",
    "note_en",
    "reason_ja",
    "reason_en",
    "bound",
    "known_from",
]
#: The gathered columns: FIGURE_COLUMNS and each figure's KPI by position.
GATHERED = ["kpi_index", *FIGURE_COLUMNS]


def _provenance(ev: Figure, registered: set[str]) -> tuple[str, str, str, bool]:
    """(sources, quote, derivation, verified) of a figure; derived values list their parts.

    A figure is verified when every quote behind it comes from a document in seeds/ (the
    loader has checked those); quotes of registered sources outside seeds/ are not.
    """
    if ev.derived is None:
        return ev.source or "", ev.quote or "", "", ev.source not in registered
    parts = ev.derived.parts
    sources = list(dict.fromkeys(p.source for p in parts))
    if ev.derived.operation == "ratio":
        formula = f"100 × {parts[0].value:g} / {parts[1].value:g}" if len(parts) == 2 else ""
    else:
        formula = " + ".join(f"{p.value:g}" for p in parts)
    verified = not registered.intersection(sources)
    return "; ".join(sources), " / ".join(p.quote for p in parts), formula, verified


def figure_columns(dataset: Dataset) -> dict[str, list[Any]]:
    """The figures of a dataset as column lists (FIGURE_COLUMNS plus ``kpi_index``), in file order.

    One pass over the model, with no per-figure tuples or objects.
    """
    doc = dataset.document
    registered = dataset.external_sources
    known_from = dataset.timeline.known_from
    columns: dict[str, list[Any]] = {name: [] for name in GATHERED}
    (
        kpi_index, kpi_id, row_type, period, value, approximate, superseded, recurring,
        set_on, source_file, quote, derived, verified, note_ja, note_en, reason_ja, reason_en, bound, known,
    ) = (columns[name].append for name in GATHERED)  # fmt: skip

    def add(i: int, ident: str, kind: str, when: str, ev: Figure) -> None:
        kpi_index(i)
        kpi_id(ident)
        row_type(kind)
        period(when)
        value(ev.value)
        approximate(ev.approximate)
        if ev.derived is None:
            source_file(ev.source or "")
            quote(ev.quote or "")
            derived("")
            verified(ev.source not in registered)
        else:
            src, quoted, formula, checked = _provenance(ev, registered)
            source_file(src)
            quote(quoted)
            derived(formula)
            verified(checked)
        note_ja(note_text(ev.note, "ja"))
        note_en(note_text(ev.note, "en"))
        known(known_from(ev))

    def no_reason() -> None:
        reason_ja("")
        reason_en("")

    for i, kpi in enumerate(doc.kpis):
        ident = kpi.id
        if kpi.baseline is not None:
            add(i, ident, "baseline", kpi.baseline.period, kpi.baseline)
            superseded(False)
            recurring(False)
            set_on("")
            no_reason()
            bound("")
        for target in kpi.targets:
            add(i, ident, "target", target.due, target)
            superseded(target.superseded)
            recurring(target.recurring)
            set_on(target.set_on or "")
            reason_ja(note_text(target.reason, "ja"))
            reason_en(note_text(target.reason, "en"))
            bound("")
        for obs in kpi.observations:
            add(i, ident, obs.kind, obs.period, obs)
            superseded(False)
            recurring(False)
            set_on("")
            no_reason()
            bound(obs.bound or "")
    return columns
