"""Tidy pandas frames of a dataset: one row per KPI, one row per figure.

Rows are gathered once from the validated model; labels, periods and statuses are then
joined column-wise (``merge`` / ``map``), not row by row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from model.loader import Dataset
from model.periods import parse_period
from model.progress import assess
from model.rules import evidence_of
from model.schema import Baseline, Evidence, Observation, Target

KPI_COLUMNS = [
    "kpi_id",
    "name_ja",
    "name_en",
    "bureau_id",
    "pillar_id",
    "unit_ja",
    "unit_en",
    "measure",
    "direction",
    "note",
]
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
    "note",
    "reason",
]


def _label_frame(labels: list[Any], prefix: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            f"{prefix}_id": [x.id for x in labels],
            f"{prefix}_ja": [x.ja for x in labels],
            f"{prefix}_en": [x.en for x in labels],
        }
    )


def kpi_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per KPI with bureau and pillar labels."""
    doc = dataset.document
    rows = [
        (
            k.id,
            k.name.ja,
            k.name.en,
            k.bureau,
            k.pillar,
            k.unit.ja,
            k.unit.en,
            k.measure,
            k.direction,
            k.note or "",
        )
        for k in doc.kpis
    ]
    frame = pd.DataFrame(rows, columns=KPI_COLUMNS)
    frame = frame.merge(_label_frame(doc.bureaus, "bureau"), on="bureau_id", how="left")
    return frame.merge(_label_frame(doc.pillars, "pillar"), on="pillar_id", how="left")


def _row_type(ev: Evidence) -> str:
    if isinstance(ev, Target):
        return "target"
    if isinstance(ev, Baseline):
        return "baseline"
    assert isinstance(ev, Observation)
    return ev.kind


def _provenance(ev: Evidence, registered: set[str]) -> tuple[str, str, str, bool]:
    """(sources, quote, derivation, verified) of a figure; derived values list their parts.

    A figure is verified when every quote behind it comes from a document in seeds/ (the
    loader has checked those); quotes of registered sources outside seeds/ are not.
    """
    if ev.derived is None:
        return ev.source or "", ev.quote or "", "", ev.source not in registered
    parts = ev.derived.parts
    sources = list(dict.fromkeys(p.source for p in parts))
    formula = " + ".join(f"{p.value:g}" for p in parts)
    verified = not registered.intersection(sources)
    return "; ".join(sources), " / ".join(p.quote for p in parts), formula, verified


def figure_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per baseline, target and observation, with period start/end and fiscal year."""
    registered = {s.id for s in dataset.document.sources}
    rows = []
    for kpi in dataset.kpis:
        for _, ev in evidence_of(kpi):
            source, quote, derived, verified = _provenance(ev, registered)
            is_target = isinstance(ev, Target)
            rows.append(
                (
                    kpi.id,
                    _row_type(ev),
                    ev.due if is_target else ev.period,  # type: ignore[union-attr]
                    ev.value,
                    ev.approximate,
                    is_target and ev.superseded,  # type: ignore[union-attr]
                    is_target and ev.recurring,  # type: ignore[union-attr]
                    (ev.set_on or "") if is_target else "",  # type: ignore[union-attr]
                    source,
                    quote,
                    derived,
                    verified,
                    ev.note or "",
                    (ev.reason or "") if is_target else "",  # type: ignore[union-attr]
                )
            )
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    frame["value"] = frame["value"].astype("float64")
    periods = frame["period"].map(parse_period)
    frame["period_start"] = periods.map(lambda p: p.start)
    frame["period_end"] = periods.map(lambda p: p.end)
    frame["period_kind"] = periods.map(lambda p: p.kind)
    frame["fiscal_year"] = periods.map(lambda p: p.fiscal_year).astype("int64")
    return frame


def status_frame(dataset: Dataset, as_of: date) -> pd.DataFrame:
    """One row per KPI: status at ``as_of`` and the numbers behind it."""
    rows = []
    for kpi in dataset.kpis:
        a = assess(kpi, as_of)
        rows.append(
            (
                kpi.id,
                a.status,
                a.actual,
                a.actual_period.text if a.actual_period else None,
                a.target.value if a.target else None,
                a.target_period.text if a.target_period else None,
                a.target.approximate if a.target else None,
                a.expected,
                a.pct_of_target,
                a.expected_pct,
            )
        )
    return pd.DataFrame(
        rows,
        columns=[
            "kpi_id",
            "status",
            "actual",
            "actual_period",
            "target",
            "target_due",
            "target_approximate",
            "expected",
            "pct_of_target",
            "expected_pct",
        ],
    )


def overview_frame(dataset: Dataset, as_of: date) -> pd.DataFrame:
    """KPIs with labels and status at ``as_of``."""
    return kpi_frame(dataset).merge(status_frame(dataset, as_of), on="kpi_id", how="left")
