"""Streamlit-free selections and summaries of the model's frames for the pages.

All numbers come from :mod:`model.frames`; this module only filters, groups and labels.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from dashboard.i18n import period_label, status_label, t
from model.explain import format_quantity
from model.progress import STATUSES


def filter_overview(
    frame: pd.DataFrame,
    bureau: str | None = None,
    pillar: str | None = None,
    statuses: list[str] | None = None,
    query: str = "",
) -> pd.DataFrame:
    """KPIs matching every filter given; the search is a case-insensitive substring of either name."""
    keep = pd.Series(True, index=frame.index)
    if bureau:
        keep &= frame["bureau_id"] == bureau
    if pillar:
        keep &= frame["pillar_id"] == pillar
    if statuses:
        keep &= frame["status"].isin(statuses)
    if query.strip():
        needle = query.strip().casefold()
        names = frame["name_ja"].str.casefold() + "\n" + frame["name_en"].str.casefold()
        keep &= names.str.contains(needle, regex=False)
    return frame[keep]


def status_counts(frame: pd.DataFrame) -> pd.Series:
    """Number of KPIs per status, every status present (zero when none)."""
    return frame["status"].value_counts().reindex(list(STATUSES), fill_value=0).astype(int)


def quantity(value: float | None, unit: str, lang: str, approximate: object = False) -> str:
    if value is None or pd.isna(value):
        return ""
    return format_quantity(float(value), unit, lang, bool(approximate) if pd.notna(approximate) else False)


def kpi_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Readable KPI rows: name, bureau, status with icon, actual and target with units, percent."""
    unit = frame[f"unit_{lang}"]
    rising = frame["direction"] == "increase"
    rows = {
        t("kpi", lang): frame[f"name_{lang}"],
        t("status", lang): frame["status"].map(lambda s: status_label(s, lang)),
        # a percentage of the target is progress only for KPIs that should go up
        t("pct_of_target", lang): frame["pct_of_target"].astype("float64").where(rising),
        t("expected_pct", lang): frame["expected_pct"]
        .where(rising)
        .map(lambda v: f"{v:,.0f}%" if pd.notna(v) else ""),
        t("actual", lang): [quantity(v, u, lang) for v, u in zip(frame["actual"], unit, strict=True)],
        t("period", lang): frame["actual_period"].map(lambda p: period_label(p, lang) if pd.notna(p) else ""),
        t("target", lang): [
            quantity(v, u, lang, a)
            for v, u, a in zip(frame["target"], unit, frame["target_approximate"], strict=True)
        ],
        t("due", lang): frame["target_due"].map(lambda p: period_label(p, lang) if pd.notna(p) else ""),
        t("bureau", lang): frame[f"bureau_{lang}"],
    }
    return pd.DataFrame(rows).reset_index(drop=True)


def status_matrix(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Bureaus as rows, statuses (icon + name) as columns, KPI counts as cells, with totals."""
    table = pd.crosstab(frame[f"bureau_{lang}"], frame["status"])
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    table.columns = [status_label(s, lang) for s in table.columns]
    table[t("total", lang)] = table.sum(axis=1)
    table.index.name = t("bureau", lang)
    return table.reset_index()


def targets_due(figures: pd.DataFrame, kpi_ids: list[str], start: date, end: date) -> pd.DataFrame:
    """Current targets of the KPIs due in ``(start, end]``, soonest first."""
    rows = figures[
        (figures["row_type"] == "target")
        & ~figures["superseded"]
        & figures["kpi_id"].isin(kpi_ids)
        & (figures["period_end"] > start)
        & (figures["period_end"] <= end)
    ]
    return rows.sort_values(["period_end", "kpi_id"])


def due_soon(figures: pd.DataFrame, overview: pd.DataFrame, as_of: date, lang: str) -> pd.DataFrame:
    rows = targets_due(figures, list(overview["kpi_id"]), as_of, as_of + timedelta(days=365))
    return figure_table(rows, overview, lang)


def figure_table(rows: pd.DataFrame, overview: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Figure rows with the KPI name, kind, period label, value with unit and the KPI's status."""
    merged = rows.merge(overview, on="kpi_id", how="inner", suffixes=("", "_kpi"))
    unit = merged[f"unit_{lang}"]
    return pd.DataFrame(
        {
            t("kpi", lang): merged[f"name_{lang}"],
            t("kind", lang): [
                t("superseded", lang) if s else t(r, lang)
                for r, s in zip(merged["row_type"], merged["superseded"], strict=True)
            ],
            t("period", lang): merged["period"].map(lambda p: period_label(p, lang)),
            t("value", lang): [
                quantity(v, u, lang, a)
                for v, u, a in zip(merged["value"], unit, merged["approximate"], strict=True)
            ],
            t("status", lang): merged["status"].map(lambda s: status_label(s, lang)),
        }
    )


def fiscal_year_rows(figures: pd.DataFrame, kpi_ids: list[str], year: int, row_types: list[str]):
    rows = figures[
        figures["kpi_id"].isin(kpi_ids)
        & (figures["fiscal_year"] == year)
        & figures["row_type"].isin(row_types)
    ]
    return rows.sort_values(["kpi_id", "period_end"])


def cumulative_progress(figures: pd.DataFrame, overview: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Cumulative KPIs: the last actual of each fiscal year as a percentage of the final current target.

    Columns kpi_id, fiscal_year, value, target, pct. Only actuals whose period ended by ``as_of``.
    """
    cumulative = overview[overview["measure"] == "cumulative"]["kpi_id"]
    figs = figures[figures["kpi_id"].isin(cumulative)]
    targets = (
        figs[(figs["row_type"] == "target") & ~figs["superseded"]]
        .sort_values("period_end")
        .groupby("kpi_id")["value"]
        .last()
        .rename("target")
    )
    actuals = figs[(figs["row_type"] == "actual") & (figs["period_end"] <= as_of)]
    last = actuals.sort_values("period_end").groupby(["kpi_id", "fiscal_year"], as_index=False).last()
    out = last[["kpi_id", "fiscal_year", "value"]].merge(targets, on="kpi_id", how="inner")
    out = out[out["target"] > 0]
    out["pct"] = 100.0 * out["value"] / out["target"]
    return out.reset_index(drop=True)


def kpi_figures(figures: pd.DataFrame, kpi_id: str, unit: str, lang: str) -> pd.DataFrame:
    """Every figure of one KPI with its source: the chart's numbers as a readable table."""
    rows = figures[figures["kpi_id"] == kpi_id].sort_values(["period_end", "row_type"])
    return pd.DataFrame(
        {
            t("kind", lang): [
                t("superseded", lang) if s else t(r, lang)
                for r, s in zip(rows["row_type"], rows["superseded"], strict=True)
            ],
            t("period", lang): rows["period"].map(lambda p: period_label(p, lang)),
            t("value", lang): [
                quantity(v, unit, lang, a) for v, a in zip(rows["value"], rows["approximate"], strict=True)
            ],
            t("quote", lang): rows["quote"],
            t("source", lang): rows["source_file"],
            t("derived", lang): rows["derived"],
            t("note", lang): (rows["note"] + " " + rows["reason"]).str.strip(),
        }
    ).reset_index(drop=True)
