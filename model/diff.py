"""What changed between two snapshots: KPIs, figures, target revisions, statuses.

Both sides are snapshot frames (``model.export.snapshot_frame`` or a snapshot CSV read back
with ``model.snapshots.read_snapshot``). Observations are matched by KPI, row type and
period; targets by KPI, due period and value, so that a revision shows as the old target
turning superseded beside the new one.
"""

from __future__ import annotations

import math
from numbers import Real

import pandas as pd

CHANGE_COLUMNS = ["change", "kpi_id", "kpi_name_ja", "kpi_name_en", "row_type", "period", "old", "new"]
#: Order in which change kinds are listed.
CHANGE_KINDS = [
    "kpi_added",
    "kpi_removed",
    "status_changed",
    "target_revised",
    "target_added",
    "target_removed",
    "figure_added",
    "figure_removed",
    "value_changed",
]


def _kpis(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop_duplicates("kpi_id").set_index("kpi_id")[["kpi_name_ja", "kpi_name_en", "status"]]


def _rows(change: str, frame: pd.DataFrame, old: str | None, new: str | None) -> pd.DataFrame:
    """Change rows from ``frame``; ``old``/``new`` name the columns holding the two values."""
    out = pd.DataFrame({"change": change, "kpi_id": frame["kpi_id"]})
    for column in ("kpi_name_ja", "kpi_name_en", "row_type", "period"):
        out[column] = frame.get(column, "")
    out["old"] = frame[old] if old else None
    out["new"] = frame[new] if new else None
    return out


def _kpi_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[pd.DataFrame]:
    a, b = _kpis(old), _kpis(new)
    added = b.loc[b.index.difference(a.index)].reset_index()
    removed = a.loc[a.index.difference(b.index)].reset_index()
    both = a.join(b, how="inner", suffixes=("_old", ""))  # type: ignore[call-arg]  # pandas 3.1; the stubs lag
    moved = both[both["status_old"] != both["status"]].reset_index()
    return [
        _rows("kpi_added", added, None, "status"),
        _rows("kpi_removed", removed, "status", None),
        _rows("status_changed", moved, "status_old", "status"),
    ]


def _observation_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[pd.DataFrame]:
    keys = ["kpi_id", "row_type", "period"]
    a = old[old["row_type"] != "target"]
    b = new[new["row_type"] != "target"]
    merged = a.merge(b, on=keys, how="outer", suffixes=("_old", ""), indicator=True)
    merged["kpi_name_ja"] = merged["kpi_name_ja"].fillna(merged["kpi_name_ja_old"])
    merged["kpi_name_en"] = merged["kpi_name_en"].fillna(merged["kpi_name_en_old"])
    changed = merged[(merged["_merge"] == "both") & (merged["value_old"] != merged["value"])]
    return [
        _rows("figure_added", merged[merged["_merge"] == "right_only"], None, "value"),
        _rows("figure_removed", merged[merged["_merge"] == "left_only"], "value_old", None),
        _rows("value_changed", changed, "value_old", "value"),
    ]


def _target_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[pd.DataFrame]:
    keys = ["kpi_id", "period", "value"]
    a = old[old["row_type"] == "target"]
    b = new[new["row_type"] == "target"]
    merged = a.merge(b, on=keys, how="outer", suffixes=("_old", ""), indicator=True)
    merged["row_type"] = "target"
    for column in ("kpi_name_ja", "kpi_name_en"):
        merged[column] = merged[column].fillna(merged[f"{column}_old"])
    revised = merged[
        (merged["_merge"] == "both")
        & ~merged["superseded_old"].astype(bool)
        & merged["superseded"].astype(bool)
    ]
    added = merged[(merged["_merge"] == "right_only") & ~merged["superseded"].astype(bool)]
    labels = added["value"].map(_fmt).astype("string") + " due " + added["period"].astype("string")
    successors = labels.groupby(added["kpi_id"]).agg(", ".join)
    revised = revised.assign(successor=revised["kpi_id"].map(successors).fillna("(none)"))
    revised_kpis = set(revised["kpi_id"])
    return [
        _rows("target_revised", revised, "value", "successor"),
        _rows("target_added", added[~added["kpi_id"].isin(revised_kpis)], None, "value"),
        _rows("target_removed", merged[merged["_merge"] == "left_only"], "value", None),
    ]


def diff(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Every change from ``old`` to ``new``, one row each, grouped by kind.

    Figures of a KPI added or removed as a whole are not listed one by one.
    """
    shared = set(old["kpi_id"]) & set(new["kpi_id"])
    old_shared, new_shared = old[old["kpi_id"].isin(shared)], new[new["kpi_id"].isin(shared)]
    parts = (
        _kpi_changes(old, new)
        + _observation_changes(old_shared, new_shared)
        + _target_changes(old_shared, new_shared)
    )
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    out = pd.concat(parts, ignore_index=True)[CHANGE_COLUMNS]
    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    out = out.assign(_order=out["change"].map(order))
    return (
        out.sort_values(["_order", "kpi_id", "period"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _fmt(value: object) -> str:
    """Numbers with thousands separators; missing values as empty text."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, Real) and not isinstance(value, bool):
        number = float(value)
        return f"{number:,.0f}" if number.is_integer() else f"{number:,}"
    return str(value)


def _plain(value: object) -> str:
    """A number as a plain figure (no separators), for CSV; other values as text."""
    if isinstance(value, Real) and not isinstance(value, bool) and not math.isnan(float(value)):
        number = float(value)
        return str(int(number)) if number.is_integer() else repr(number)
    return _fmt(value)


def as_table(changes: pd.DataFrame) -> pd.DataFrame:
    """The changes for CSV: ``old_value``/``new_value`` as plain text numbers or statuses."""
    table = changes.rename(columns={"old": "old_value", "new": "new_value"})
    for column in ("old_value", "new_value"):
        table[column] = table[column].map(_plain)
    return table


def _arrow(old: object, new: object) -> str:
    before, after = _fmt(old), _fmt(new)
    return f"{before} → {after}" if before and after else before or after


def as_text(changes: pd.DataFrame, old_label: str, new_label: str) -> str:
    """A readable report, one section per kind of change."""
    lines = [f"Changes from {old_label} to {new_label}: {len(changes)}"]
    for kind, group in changes.groupby("change", sort=False):
        lines.append(f"\n{kind} ({len(group)})")
        for row in group.itertuples(index=False):
            parts = [str(x) for x in (row.row_type, row.period) if isinstance(x, str) and x]
            shown = [str(row.kpi_id), " ".join(parts), _arrow(row.old, row.new)]
            lines.append("  " + "  ".join(x for x in shown if x))
    return "\n".join(lines) + "\n"
