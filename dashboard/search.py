"""Search and filters of the KPI list, without Streamlit.

A search matches a KPI's names in both languages, its id, units, note, and the quotes, notes
and values of its figures, whatever the width of the characters and however a number is
written: 「8000」, 「8,000」 and 「８，０００」 all find 8,000.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from model.loader import Dataset
from model.schema import Kpi, Note, note_text

_DIGIT_COMMA = re.compile(r"(?<=\d)[,，](?=\d{3})")


def normalise(text: str) -> str:
    """NFKC, case-folded, digit-group commas dropped, whitespace runs as one space."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"\s+", " ", _DIGIT_COMMA.sub("", text)).strip()


def _both(text: Note | None) -> str:
    return "" if text is None else f"{note_text(text, 'ja')}\n{note_text(text, 'en')}"


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"


def kpi_text(kpi: Kpi) -> str:
    """Everything a search may match for one KPI, normalised."""
    parts = [kpi.id, kpi.name.ja, kpi.name.en, kpi.unit.ja, kpi.unit.en, _both(kpi.note)]
    figures = [*([kpi.baseline] if kpi.baseline else []), *kpi.targets, *kpi.observations]
    for figure in figures:
        parts += [_number(figure.value), figure.quote or "", _both(figure.note)]
        if figure.derived is not None:
            parts += [f"{_number(p.value)}\n{p.quote}" for p in figure.derived.parts]
        parts.append(_both(getattr(figure, "reason", None)))
    return normalise("\n".join(parts))


def search_texts(dataset: Dataset) -> pd.Series:
    """The search text of every KPI, indexed by KPI id."""
    return pd.Series({k.id: kpi_text(k) for k in dataset.kpis}, dtype=object)


def matches(frame: pd.DataFrame, query: str, texts: pd.Series | None = None) -> pd.Series:
    """Rows of ``frame`` whose KPI contains every word of ``query`` (names only without ``texts``)."""
    words = normalise(query).split(" ") if query.strip() else []
    if texts is None:
        haystack = (frame["name_ja"] + "\n" + frame["name_en"] + "\n" + frame["kpi_id"]).map(normalise)
    else:
        haystack = frame["kpi_id"].map(texts).fillna("")
    keep = pd.Series(True, index=frame.index)
    for needle in words:
        keep &= haystack.str.contains(needle, regex=False)
    return keep


def filter_overview(
    frame: pd.DataFrame,
    bureau: str | None = None,
    pillar: str | None = None,
    statuses: list[str] | None = None,
    query: str = "",
    awaiting: bool = False,
    texts: pd.Series | None = None,
) -> pd.DataFrame:
    """KPIs matching every filter given (see :func:`matches` for the search).

    ``awaiting`` keeps the KPIs whose report for a plan or target period is overdue; a KPI of
    several bureaus passes the bureau filter for each of them.
    """
    keep = pd.Series(True, index=frame.index)
    if awaiting:
        keep &= frame["report_due"].fillna("") != ""
    if bureau:
        keep &= frame["bureau_ids"].map(lambda ids: bureau in ids).astype(bool)
    if pillar:
        keep &= frame["pillar_id"] == pillar
    if statuses:
        keep &= frame["status"].isin(statuses)
    if query.strip():
        keep &= matches(frame, query, texts)
    return frame[keep]
