"""Tidy pandas frames of a dataset: one row per KPI, one row per figure.

Rows are gathered once from the validated model; labels, periods and statuses are then
joined column-wise (``merge`` / ``map``), not row by row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from model.figure_rows import FIGURE_COLUMNS as FIGURE_COLUMNS  # one row per figure, named here too
from model.figure_rows import figure_columns
from model.loader import Dataset
from model.periods import parse_period
from model.progress import Assessment, assess
from model.schema import note_text
from model.timeline import superseded_at

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
    "note_ja",
    "note_en",
]
#: One row per KPI: its assessment at a date (see :func:`status_frame`).
STATUS_COLUMNS = [
    "kpi_id",
    "status",
    "actual",
    "actual_period",
    "actual_approximate",
    "basis",
    "bound",
    "measured",
    "target",
    "target_due",
    "target_approximate",
    "expected",
    "pct_of_target",
    "expected_pct",
    "path_kind",
    "report_due",
]


KPI_FRAME_COLUMNS = [
    *KPI_COLUMNS,
    "bureau_ja",
    "bureau_en",
    "pillar_ja",
    "pillar_en",
    "bureau_ids",
    "bureau_names_ja",
    "bureau_names_en",
]
FIGURE_FRAME_COLUMNS = [*FIGURE_COLUMNS, "period_start", "period_end", "period_kind", "fiscal_year"]
#: The columns of each frame a dataset may come with (see :func:`stored_frame`).
FRAME_COLUMNS = {"kpis": KPI_FRAME_COLUMNS, "figures": FIGURE_FRAME_COLUMNS, "status": STATUS_COLUMNS}
#: Columns holding tuples (a columnar file gives them back as arrays).
TUPLE_COLUMNS = frozenset({"bureau_ids", "bureau_names_ja", "bureau_names_en"})


def stored_frame(dataset: Dataset, name: str) -> pd.DataFrame | None:
    """A copy of a frame the dataset came with, if any: a dataset served by :mod:`model.cache`
    carries ``stored_frames``, built by this module when the data was validated."""
    stored: dict[str, pd.DataFrame] = getattr(dataset, "stored_frames", {})
    frame = stored.get(name)
    return None if frame is None else frame.copy(deep=False)


def _label_frame(labels: list[Any], prefix: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            f"{prefix}_id": [x.id for x in labels],
            f"{prefix}_ja": [x.ja for x in labels],
            f"{prefix}_en": [x.en for x in labels],
        }
    )


def kpi_frame(dataset: Dataset) -> pd.DataFrame:
    """KPI_COLUMNS with the labels of the leading bureau and the pillar, then ``bureau_ids``
    (every bureau of the KPI, leading first) with their labels ``bureau_names_ja`` / ``_en``."""
    frame = stored_frame(dataset, "kpis")
    if frame is not None:
        return frame
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
            note_text(k.note, "ja"),
            note_text(k.note, "en"),
        )
        for k in doc.kpis
    ]
    frame = pd.DataFrame(rows, columns=KPI_COLUMNS)
    frame = frame.merge(_label_frame(doc.bureaus, "bureau"), on="bureau_id", how="left")
    frame = frame.merge(_label_frame(doc.pillars, "pillar"), on="pillar_id", how="left")
    labels = {b.id: b for b in doc.bureaus}
    frame["bureau_ids"] = [tuple(k.bureau_ids) for k in doc.kpis]
    for lang in ("ja", "en"):
        frame[f"bureau_names_{lang}"] = [
            tuple(getattr(labels[b], lang) for b in ids) for ids in frame["bureau_ids"]
        ]
    return frame


#: How the names of a joint KPI's bureaus are joined into one text, per language.
BUREAU_JOIN = {"ja": "・", "en": " / "}


def bureau_names(frame: pd.DataFrame, lang: str) -> pd.Series:
    """Every bureau of each KPI in one text, leading bureau first (保健医療局・福祉局)."""
    return frame[f"bureau_names_{lang}"].map(BUREAU_JOIN[lang].join)


def _periods(texts: list[str]) -> tuple[np.ndarray, pd.Series]:
    """Codes of the figures' periods into the unique texts, and those parsed (each once)."""
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object), sort=False)
    return codes, pd.Series([parse_period(text) for text in uniques], dtype=object)


def _take(values: pd.Series, codes: np.ndarray) -> pd.Series:
    return pd.Series(values.array.take(codes), name=None)


def figure_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per baseline, target and observation, with period start/end and fiscal year."""
    stored = stored_frame(dataset, "figures")
    if stored is not None:
        return stored
    columns = figure_columns(dataset)
    frame = pd.DataFrame({name: columns[name] for name in FIGURE_COLUMNS}, columns=FIGURE_COLUMNS)
    frame["value"] = frame["value"].astype("float64")
    codes, periods = _periods(columns["period"])
    frame["period_start"] = _take(periods.map(lambda p: p.start), codes)
    frame["period_end"] = _take(periods.map(lambda p: p.end), codes)
    frame["period_kind"] = _take(periods.map(lambda p: p.kind), codes)
    frame["fiscal_year"] = _take(periods.map(lambda p: p.fiscal_year), codes).astype("int64")
    return frame


def figure_frame_at(dataset: Dataset, as_of: date, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures that were public at ``as_of``, with ``superseded`` as it stood then.

    A target whose revision was not yet public at ``as_of`` is shown as current
    (:func:`model.timeline.targets_in_force`). ``figures``: the dataset's ``figure_frame``
    when the caller keeps one (the dashboard does), else it is built.
    """
    frame = figure_frame(dataset) if figures is None else figures
    frame = frame[frame["known_from"] <= as_of].reset_index(drop=True)
    revised = frame["superseded"] & (frame["row_type"] == "target")
    if revised.any():
        by_id = {k.id: k for k in dataset.kpis}
        in_force: set[tuple[str, str]] = set()
        for kpi_id in frame.loc[revised, "kpi_id"].unique():
            kpi = by_id[kpi_id]
            gone = superseded_at(kpi, as_of, dataset.timeline)
            in_force |= {(kpi_id, t.due) for i, t in enumerate(kpi.targets) if t.superseded and i not in gone}
        if in_force:
            keys = pd.MultiIndex.from_arrays([frame["kpi_id"], frame["period"]])
            frame.loc[revised & keys.isin(list(in_force)), "superseded"] = False
    return frame


def _row(a: Assessment) -> tuple[Any, ...]:
    target = a.target
    return (
        a.kpi_id,
        a.status,
        a.actual,
        a.actual_period.text if a.actual_period is not None else None,
        a.approximate if a.actual is not None else None,
        a.basis or "",
        "at_least" if a.at_least else "",
        a.measured,
        target.value if target is not None else None,
        a.target_period.text if a.target_period is not None else None,
        target.approximate if target is not None else None,
        a.expected,
        a.pct_of_target,
        a.expected_pct,
        a.path_kind or "",
        a.report_due.text if a.report_due is not None else "",
    )


def assessments(dataset: Dataset, as_of: date) -> list[Assessment]:
    """Every KPI's :class:`~model.progress.Assessment` at ``as_of``, in file order."""
    timeline = dataset.timeline
    return [assess(kpi, as_of, timeline) for kpi in dataset.kpis]


def status_frame(dataset: Dataset, as_of: date) -> pd.DataFrame:
    """One row per KPI: status at ``as_of`` and the numbers behind it, from the progress engine."""
    stored = stored_frame(dataset, f"status {as_of.isoformat()}")
    if stored is not None:
        return stored
    rows = [_row(a) for a in assessments(dataset, as_of)]
    frame = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    for column in ("actual", "target", "expected", "pct_of_target", "expected_pct"):
        frame[column] = frame[column].astype("float64")
    return frame


def overview_frame(dataset: Dataset, as_of: date) -> pd.DataFrame:
    """KPIs with labels and status at ``as_of``."""
    return kpi_frame(dataset).merge(status_frame(dataset, as_of), on="kpi_id", how="left")
