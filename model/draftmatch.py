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
#: Counters that count the same things.
SAME_COUNTER = {"名": "人", "者": "人", "ヶ所": "か所", "カ所": "か所", "ケ所": "か所", "箇所": "か所"}


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def unit_base(unit: str) -> str:
    """``件/年`` → ``件``; ``回（延べ）`` → ``回``: the counter a unit is counted in."""
    return re.split(r"[/(（]", normalise(unit))[0]


def same_counter(a: str, b: str) -> bool:
    """Do two units count the same things (``名`` and ``人/年``)?"""
    base_a, base_b = unit_base(a), unit_base(b)
    return SAME_COUNTER.get(base_a, base_a) == SAME_COUNTER.get(base_b, base_b)


def match_kpi(
    kpis: Sequence[Kpi], texts: Sequence[str], unit: str | None, bureau: str | None
) -> tuple[Kpi | None, float]:
    """The best KPI for the first of ``texts`` that names one well enough, and its share."""
    candidates = [k for k in kpis if unit is None or same_counter(k.unit.ja, unit)]
    names = [(k, bigrams(normalise(k.name.ja))) for k in candidates]
    for text in texts:
        words = bigrams(text)
        best: tuple[float, Kpi | None] = (0.0, None)
        for kpi, name in names:
            score = len(name & words) / max(1, len(name))
            if bureau is not None and bureau not in kpi.bureau_ids:
                score -= OTHER_BUREAU
            if score > best[0]:
                best = (score, kpi)
        if best[1] is not None and best[0] >= KPI_MATCH:
            return best[1], best[0]
    return None, 0.0
