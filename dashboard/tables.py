"""Streamlit-free selections and summaries of the model's frames for the pages.

All numbers come from :mod:`model.frames`; this module only filters, groups and labels.
"""

from __future__ import annotations

from datetime import date, timedelta
from numbers import Real
from typing import Any

import pandas as pd

from dashboard.i18n import period_label, status_label, t
from model.diff import CHANGE_KINDS
from model.explain import basis_mark, format_number, format_quantity, milestone_state
from model.frames import bureau_names
from model.periods import PeriodError, parse_period
from model.progress import STATUSES
from model.schema import Kpi, Target, note_text


def filter_overview(
    frame: pd.DataFrame,
    bureau: str | None = None,
    pillar: str | None = None,
    statuses: list[str] | None = None,
    query: str = "",
    awaiting: bool = False,
) -> pd.DataFrame:
    """KPIs matching every filter given; the search is a case-insensitive substring of either name.

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
        needle = query.strip().casefold()
        names = frame["name_ja"].str.casefold() + "\n" + frame["name_en"].str.casefold()
        keep &= names.str.contains(needle, regex=False)
    return frame[keep]


def per_bureau(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per KPI and bureau: a joint KPI counts under each of its bureaus.

    ``bureau_id``, ``bureau_ja`` and ``bureau_en`` then name the row's bureau.
    """
    columns = ["bureau_ids", "bureau_names_ja", "bureau_names_en"]
    out = frame.explode(columns, ignore_index=True)
    return out.assign(
        bureau_id=out["bureau_ids"], bureau_ja=out["bureau_names_ja"], bureau_en=out["bureau_names_en"]
    )


def status_counts(frame: pd.DataFrame) -> pd.Series:
    """Number of KPIs per status, every status present (zero when none)."""
    return frame["status"].value_counts().reindex(list(STATUSES), fill_value=0).astype(int)


def quantity(
    value: float | None, unit: str, lang: str, approximate: object = False, bound: object = ""
) -> str:
    if value is None or pd.isna(value):
        return ""
    approx = bool(approximate) if pd.notna(approximate) else False
    return format_quantity(float(value), unit, lang, approx, bound == "at_least")


def figure_text(value: float | None, unit: str, lang: str, measure: str, approximate: object = False,
                bound: object = "") -> str:  # fmt: skip
    """A figure as shown: 完了 / 未了 for a milestone, else the number with unit, 約 and 以上."""
    if measure == "milestone":
        return "" if value is None or pd.isna(value) else milestone_state(float(value), lang)
    return quantity(value, unit, lang, approximate, bound)


def status_text(status: str, basis: object, lang: str) -> str:
    """Icon and status name, marked 「見込み」 / "estimate" when it rests on an estimate."""
    mark = basis_mark(str(basis), lang) if isinstance(basis, str) else ""
    label = status_label(status, lang)
    return f"{label}（{mark}）" if mark and lang == "ja" else f"{label} ({mark})" if mark else label


def kpi_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Readable KPI rows: name, bureau, status with icon, actual and target with units, percent."""
    unit = frame[f"unit_{lang}"]
    rising = frame["direction"] == "increase"
    rows = {
        t("kpi", lang): frame[f"name_{lang}"],
        t("status", lang): [
            status_text(s, b, lang) for s, b in zip(frame["status"], frame["basis"], strict=True)
        ],
        # a percentage of the target is progress only for KPIs that should go up
        t("pct_of_target", lang): frame["pct_of_target"].astype("float64").where(rising),
        t("expected_pct", lang): frame["expected_pct"]
        .where(rising)
        .map(lambda v: f"{v:,.0f}%" if pd.notna(v) else ""),
        t("actual", lang): [
            figure_text(v, u, lang, m, a, b)
            for v, u, m, a, b in zip(
                frame["actual"],
                unit,
                frame["measure"],
                frame["actual_approximate"],
                frame["bound"],
                strict=True,
            )
        ],
        t("period", lang): frame["actual_period"].map(lambda p: period_label(p, lang) if pd.notna(p) else ""),
        t("target", lang): [
            figure_text(v, u, lang, m, a)
            for v, u, m, a in zip(
                frame["target"], unit, frame["measure"], frame["target_approximate"], strict=True
            )
        ],
        t("due", lang): frame["target_due"].map(lambda p: period_label(p, lang) if pd.notna(p) else ""),
        t("report_due", lang): frame["report_due"].map(lambda p: period_label(p, lang) if p else ""),
        t("bureau", lang): bureau_names(frame, lang),
    }
    return pd.DataFrame(rows).reset_index(drop=True)


def status_matrix(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Bureaus as rows, statuses (icon + name) as columns, KPI counts as cells, with totals.

    A joint KPI counts under each of its bureaus (:func:`per_bureau`).
    """
    frame = per_bureau(frame)
    table = pd.crosstab(frame[f"bureau_{lang}"], frame["status"])
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    table.columns = [status_label(s, lang) for s in table.columns]
    table[t("total", lang)] = table.sum(axis=1)
    table.index.name = t("bureau", lang)
    return table.reset_index()


def targets_due(figures: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Current targets among ``figures`` due in ``(start, end]``, soonest first."""
    rows = figures[
        (figures["row_type"] == "target")
        & ~figures["superseded"]
        & (figures["period_end"] > start)
        & (figures["period_end"] <= end)
    ]
    return rows.sort_values(["period_end", "kpi_id"])


def due_soon(figures: pd.DataFrame, overview: pd.DataFrame, as_of: date, lang: str) -> pd.DataFrame:
    """Targets due within a year of ``as_of``; ``figures`` of the KPIs shown (``Context.figures_shown``)."""
    rows = targets_due(figures, as_of, as_of + timedelta(days=365))
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
                figure_text(v, u, lang, m, a, b)
                for v, u, m, a, b in zip(
                    merged["value"],
                    unit,
                    merged["measure"],
                    merged["approximate"],
                    merged["bound"],
                    strict=True,
                )
            ],
            t("status", lang): [
                status_text(s, b, lang) for s, b in zip(merged["status"], merged["basis"], strict=True)
            ],
        }
    )


def fiscal_year_rows(figures: pd.DataFrame, year: int, row_types: list[str]) -> pd.DataFrame:
    """Rows of ``figures`` (the KPIs shown) of some types in one fiscal year."""
    rows = figures[(figures["fiscal_year"] == year) & figures["row_type"].isin(row_types)]
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


def kpi_figures(
    figures: pd.DataFrame, kpi_id: str, unit: str, lang: str, measure: str = "cumulative"
) -> pd.DataFrame:
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
                figure_text(v, unit, lang, measure, a, b)
                for v, a, b in zip(rows["value"], rows["approximate"], rows["bound"], strict=True)
            ],
            t("verified", lang): rows["verified"].map(
                lambda v: t("verified_yes" if v else "verified_no", lang)
            ),
            t("quote", lang): rows["quote"],
            t("source", lang): rows["source_file"],
            t("derived", lang): rows["derived"],
            t("note", lang): (rows[f"note_{lang}"] + " " + rows[f"reason_{lang}"]).str.strip(),
        }
    ).reset_index(drop=True)


def unverified_count(figures: pd.DataFrame) -> int:
    """Figures quoting a registered source outside seeds/ (their quotes could not be checked)."""
    return int((~figures["verified"].astype(bool)).sum())


# --- changes between two snapshots ----------------------------------------------------------


def safe_period(text: object, lang: str) -> str:
    try:
        return period_label(str(text), lang) if isinstance(text, str) and text else ""
    except PeriodError:
        return str(text)


def _cell(kind: str, value: Any, lang: str, unit: str = "") -> str:
    """An old or new value of a change as text: statuses with icon, numbers with separators and unit."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if kind in ("kpi_added", "kpi_removed", "status_changed") and value in STATUSES:
        return status_label(value, lang)
    if isinstance(value, Real) and not isinstance(value, bool):
        return format_quantity(float(value), unit, lang) if unit else format_number(float(value))
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


def other_changes(changes: pd.DataFrame, lang: str, units: dict[str, str] | None = None) -> pd.DataFrame:
    """Every change but status transitions, one readable row each; ``units`` by KPI id."""
    rows = changes[changes["change"] != "status_changed"]
    kinds = rows["change"].to_list()
    unit = [(units or {}).get(k, "") for k in rows["kpi_id"]]
    row_types = rows["row_type"].fillna("").astype(str)
    return pd.DataFrame(
        {
            t("kpi", lang): rows[f"kpi_name_{lang}"].fillna("").astype(str),
            t("change_kind", lang): [t(f"change_{k}", lang) for k in kinds],
            t("kind", lang): [t(r, lang) if r in ROW_TYPES else r for r in row_types],
            t("period", lang): rows["period"].map(lambda p: safe_period(p, lang)),
            t("old", lang): [_cell(k, v, lang, u) for k, v, u in zip(kinds, rows["old"], unit, strict=True)],
            t("new", lang): [_cell(k, v, lang, u) for k, v, u in zip(kinds, rows["new"], unit, strict=True)],
        }
    ).reset_index(drop=True)


ROW_TYPES = ("target", "actual", "plan", "estimate", "baseline")


# --- a KPI's history ------------------------------------------------------------------------


def _target_text(target: Target, unit: str, lang: str) -> str:
    due = safe_period(target.due, lang)
    return t("target_due", lang, value=format_quantity(target.value, unit, lang, target.approximate), due=due)


def _set_on_key(target: Target) -> date:
    try:
        return parse_period(target.set_on).end if target.set_on else date.min
    except PeriodError:
        return date.min


def revisions(kpi: Kpi) -> list[tuple[Target | None, Target | None]]:
    """(old, new) pairs: each current target with the superseded one it replaced (if any),
    then superseded targets no current one accounts for. Same due period first, then the
    latest-due superseded target set no later than the new one; ordered by when set."""
    current = [tg for tg in kpi.targets if not tg.superseded]
    old = [tg for tg in kpi.targets if tg.superseded]
    pairs: dict[int, Target | None] = {}
    for i, tg in enumerate(current):
        same = [o for o in old if o.due == tg.due]
        if same:
            pairs[i] = same[0]
            old.remove(same[0])
    for i, tg in enumerate(current):
        if i in pairs:
            continue
        earlier = [o for o in old if _set_on_key(o) <= _set_on_key(tg) and (tg.reason or tg.set_on)]
        pick = max(earlier, key=lambda o: parse_period(o.due).end, default=None)
        pairs[i] = pick
        if pick is not None:
            old.remove(pick)
    out: list[tuple[Target | None, Target | None]] = [(o, None) for o in old]
    out += [(pairs[i], tg) for i, tg in enumerate(current)]
    return sorted(out, key=lambda p: (_set_on_key(p[1] or p[0]), parse_period((p[1] or p[0]).due).end))


def _sources(target: Target) -> str:
    if target.source:
        return target.source
    return "; ".join(p.source for p in target.derived.parts) if target.derived else ""


def target_history(kpi: Kpi, lang: str) -> pd.DataFrame:
    """The revision timeline: when, old target, new target, why, source."""
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    rows = []
    for old, new in revisions(kpi):
        shown = new or old
        rows.append(
            {
                t("set_on", lang): safe_period(shown.set_on, lang) if shown.set_on else t("unknown", lang),
                t("old_target", lang): _target_text(old, unit, lang) if old else "",
                t("new_target", lang): _target_text(new, unit, lang) if new else t("replaced", lang),
                t("reason", lang): note_text(shown.reason, lang),
                t("source", lang): _sources(shown),
            }
        )
    return pd.DataFrame(
        rows, columns=[t(k, lang) for k in ("set_on", "old_target", "new_target", "reason", "source")]
    )


AUDIT_FIELDS = ("time", "editor", "action", "field", "old", "new", "reason", "source")


def audit_table(entries: list[dict[str, Any]], lang: str) -> pd.DataFrame:
    """Audit log entries, newest first, every value as text."""
    rows = [
        {t(f"audit_{k}", lang): "" if e.get(k) is None else str(e.get(k)) for k in AUDIT_FIELDS}
        for e in reversed(entries)
    ]
    for row in rows:  # 2026-11-23T12:49:02+00:00 → 2026-11-23 12:49 UTC
        when = row[t("audit_time", lang)]
        row[t("audit_time", lang)] = when[:16].replace("T", " ") + (" UTC" if when.endswith("+00:00") else "")
    return pd.DataFrame(rows, columns=[t(f"audit_{k}", lang) for k in AUDIT_FIELDS])


#: Charts draw at most this many KPIs (one trace or row each); tables list everything.
MAX_CHART_KPIS = 30


def chart_kpis(rows: pd.DataFrame, order_by: str = "period_end") -> tuple[pd.DataFrame, int]:
    """The rows of the first :data:`MAX_CHART_KPIS` KPIs by ``order_by``, and how many KPIs there were."""
    ids = list(dict.fromkeys(rows.sort_values(order_by, kind="stable")["kpi_id"]))
    return rows[rows["kpi_id"].isin(ids[:MAX_CHART_KPIS])], len(ids)


def newest_actual(figures: pd.DataFrame) -> date | None:
    """End of the latest period with an actual value among ``figures``."""
    actual = figures.loc[figures["row_type"] == "actual", "period_end"]
    return None if actual.empty else actual.max()
