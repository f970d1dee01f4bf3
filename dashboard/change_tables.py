"""What changed between two snapshots, as readable tables (Streamlit-free)."""

from __future__ import annotations

from numbers import Real
from typing import Any

import pandas as pd

from dashboard.i18n import period_label, status_label, t
from model.diff import CHANGE_KINDS
from model.explain import format_number, format_quantity, milestone_state
from model.periods import PeriodError
from model.progress import STATUSES


def safe_period(text: object, lang: str) -> str:
    try:
        return period_label(str(text), lang) if isinstance(text, str) and text else ""
    except PeriodError:
        return str(text)


def _cell(kind: str, value: Any, lang: str, unit: str = "", milestone: bool = False) -> str:
    """An old or new value of a change as text: statuses with icon, numbers with separators and
    unit, a milestone's figure as 完了 / 未了."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if kind in ("kpi_added", "kpi_removed", "status_changed") and value in STATUSES:
        return status_label(value, lang)
    if isinstance(value, Real) and not isinstance(value, bool) and milestone:
        return milestone_state(float(value), lang)
    if isinstance(value, Real) and not isinstance(value, bool):
        return format_quantity(float(value), unit, lang) if unit else format_number(float(value), lang)
    return str(value)


def change_counts(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every kind of change with its number (zero included), in the model's order."""
    counts = changes["change"].value_counts()
    return pd.DataFrame(
        {
            t("change_kind", lang): [t(f"change_{k}", lang) for k in CHANGE_KINDS],
            t("changes_n", lang): [int(counts.get(k, 0)) for k in CHANGE_KINDS],
        }
    )


def transitions(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Status transitions: KPI, status before, status after."""
    rows = changes[changes["change"] == "status_changed"]
    return pd.DataFrame(
        {
            t("kpi", lang): rows[f"kpi_name_{lang}"].astype(str),
            t("status_from", lang): rows["old"].map(lambda s: status_label(s, lang)),
            t("status_to", lang): rows["new"].map(lambda s: status_label(s, lang)),
        }
    ).reset_index(drop=True)


def other_changes(
    changes: pd.DataFrame, lang: str, units: dict[str, str] | None = None, milestones: set[str] | None = None
) -> pd.DataFrame:
    """Every change but status transitions, one readable row each; ``units`` by KPI id, the ids of
    ``milestones`` (dated promises) read 完了 / 未了."""
    rows = changes[changes["change"] != "status_changed"]
    kinds = rows["change"].to_list()
    unit = [(units or {}).get(k, "") for k in rows["kpi_id"]]
    done = [k in (milestones or set()) for k in rows["kpi_id"]]
    row_types = rows["row_type"].fillna("").astype(str)
    return pd.DataFrame(
        {
            t("kpi", lang): rows[f"kpi_name_{lang}"].fillna("").astype(str),
            t("change_kind", lang): [t(f"change_{k}", lang) for k in kinds],
            t("kind", lang): [t(r, lang) if r in ROW_TYPES else r for r in row_types],
            t("period", lang): rows["period"].map(lambda p: safe_period(p, lang)),
            t("old", lang): [
                _cell(k, v, lang, u, m) for k, v, u, m in zip(kinds, rows["old"], unit, done, strict=True)
            ],
            t("new", lang): [
                _cell(k, v, lang, u, m) for k, v, u, m in zip(kinds, rows["new"], unit, done, strict=True)
            ],
        }
    ).reset_index(drop=True)


ROW_TYPES = ("target", "actual", "plan", "estimate", "baseline")
