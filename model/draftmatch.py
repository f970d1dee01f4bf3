"""Which KPI of the data file a drafted figure belongs to: by name, unit and bureau.

A KPI's Japanese name is compared with the words around the figure by the share of its
character pairs found there (``KPI_MATCH`` at least). The words are tried from the most
specific on: a table's title, column and row first, then the passage before the figure and
its sentence. The unit must be the same counter (``名`` and ``人``, ``か所`` and ``箇所``
count alike); a KPI of another bureau than the section's may still match, at a cost
(a figure of a joint project often stands under the other bureau's heading).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.provenance import normalise
from model.schema import Kpi

#: A KPI name must share this share of its character pairs with the words around a figure.
KPI_MATCH = 0.35
#: What a KPI of another bureau loses from its share.
OTHER_BUREAU = 0.2
#: Weight of the figure's own clause in the share (see :func:`match_kpi`).
LOCAL_WEIGHT = 0.5
#: Characters of the figure's own clause looked at before it (half of them after it).
LOCAL_CHARS = 20
#: Counters that count the same things.
SAME_COUNTER = {"名": "人", "者": "人", "ヶ所": "か所", "カ所": "か所", "ケ所": "か所", "箇所": "か所"}


def bigrams(text: str) -> frozenset[str]:
    """The text's pairs of neighbouring characters (how names and passages are compared)."""
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def unit_base(unit: str) -> str:
    """``件/年`` → ``件``; ``回（延べ）`` → ``回``: the counter a unit is counted in."""
    return re.split(r"[/(（]", normalise(unit))[0]


def same_counter(a: str, b: str) -> bool:
    """Do two units count the same things (``名`` and ``人/年``)?"""
    base_a, base_b = unit_base(a), unit_base(b)
    return SAME_COUNTER.get(base_a, base_a) == SAME_COUNTER.get(base_b, base_b)


def local_words(text: str, start: int, end: int) -> str:
    """The figure's own clause: the words since the last punctuation before it and up to the
    next one after it (``実践度20%``, ``基礎研修22名受講``)."""
    before = re.split(r"[、。,:：(（「『\[〔]", text[max(0, start - LOCAL_CHARS) : start])[-1]
    after = re.split(r"[、。,:：)）」』\]〕]", text[end : end + LOCAL_CHARS // 2])[0]
    return before + after


def match_kpi(
    kpis: Sequence[Kpi], texts: Sequence[str], unit: str | None, bureau: str | None, local: str = ""
) -> tuple[Kpi | None, float]:
    """The best KPI for the first of ``texts`` that names one well enough, and its share.

    The words of the figure's own clause (``local``) add to the share (``LOCAL_WEIGHT``), so
    that of two KPIs named alike by the passage the one named right at the figure wins."""
    candidates = [k for k in kpis if unit is None or same_counter(k.unit.ja, unit)]
    names = [(k, bigrams(normalise(k.name.ja))) for k in candidates]
    near = bigrams(local)
    for text in texts:
        words = bigrams(text)
        best: tuple[float, Kpi | None] = (0.0, None)
        for kpi, name in names:
            score = len(name & words) / max(1, len(name))
            if score < KPI_MATCH:
                continue
            score += LOCAL_WEIGHT * len(name & near) / max(1, len(name))
            if bureau is not None and bureau not in kpi.bureau_ids:
                score -= OTHER_BUREAU
            if score > best[0]:
                best = (score, kpi)
        if best[1] is not None and best[0] >= KPI_MATCH:
            return best[1], best[0]
    return None, 0.0
