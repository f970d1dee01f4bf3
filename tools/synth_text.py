"""How the synthetic data is worded: YAML scalars, figures as documents write them, period
labels, the periods of a series and the seed documents that the quotes come from."""

from __future__ import annotations

import json
import random
from typing import Protocol

QUARTER_LABEL = "第{q}四半期"
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def doc_number(value: float) -> str:
    """A value as the document writes it: 1,300 / 45.5."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def yaml_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def period_label(period: str) -> str:
    if period.startswith("FY") and "Q" in period:
        return f"{period[2:6]}年度" + QUARTER_LABEL.format(q=period[-1])
    if period.startswith("FY"):
        return f"{period[2:]}年度"
    parts = period.split("-")
    if len(parts) == 2:
        return f"{parts[0]}年{int(parts[1])}月"
    return f"{parts[0]}年{int(parts[1])}月{int(parts[2])}日"


def series_periods(grain: str, count: int, last_fy: int) -> list[str]:
    """``count`` consecutive periods of one grain ending in fiscal year ``last_fy``."""
    if grain == "fy":
        return [f"FY{y}" for y in range(last_fy - count + 1, last_fy + 1)]
    if grain == "quarter":
        end = last_fy * 4 + 3  # Q4 of last_fy
        return [f"FY{i // 4}Q{i % 4 + 1}" for i in range(end - count + 1, end + 1)]
    if grain == "month":
        end = (last_fy + 1) * 12 + 2  # March of last_fy + 1 (0-based month index)
        return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(end - count + 1, end + 1)]
    # dates: the last day of consecutive months, as a dated report would give them
    end = (last_fy + 1) * 12 + 2
    out = []
    for i in range(end - count + 1, end + 1):
        year, month = divmod(i, 12)
        day = 28 if month == 1 else 30 if month in (3, 5, 8, 10) else 31
        out.append(f"{year}-{month + 1:02d}-{day:02d}")
    return out


def round_value(value: float, unit: str) -> float:
    if unit == "%":
        return round(min(value, 100.0), 1)
    return float(max(0, round(value)))


class Quoted(Protocol):
    """A KPI as a seed document mentions it: its name, unit and the sentences quoted from it."""

    name_ja: str
    unit_ja: str
    sentences: list[str]


def seed_text(rng: random.Random, title: str, kpis: list[Quoted]) -> tuple[str, list[str]]:
    """The seed document and a few of its passages to list as exclusions."""
    lines = [title, "", "本書は合成データのための文書であり、実在の計画ではない。", ""]
    excluded: list[str] = []
    for kpi in kpis:
        lines.append(f"■ {kpi.name_ja}")
        for sentence in dict.fromkeys(kpi.sentences):
            roll = rng.random()
            if roll < 0.1:  # full-width digits, as some PDFs give them
                lines.append(sentence.translate(FULL_WIDTH) + "。")
            elif roll < 0.3 and len(sentence) > 12:  # a sentence broken across lines
                cut = rng.randrange(4, len(sentence) - 4)
                lines += [sentence[:cut], "  " + sentence[cut:] + "。"]
            else:
                lines.append(sentence + "。")
        if rng.random() < 0.02:
            passage = f"参考：{kpi.name_ja}の国の目標は{rng.randrange(10, 999)}{kpi.unit_ja}"
            lines.append(passage)
            excluded.append(passage)
        lines.append("")
    return "\n".join(lines) + "\n", excluded
