"""Streamlit-free selections and summaries of the model's frames for the pages.

All numbers come from :mod:`model.frames`; this module only filters, groups and labels.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from dashboard.i18n import period_label, status_label, t
from dashboard.sources import SourceBook
from model.explain import basis_mark, format_quantity, milestone_state
from model.frames import bureau_names
from model.progress import STATUSES
from model.schema import BUREAU_KINDS, Bureau


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
    """Icon and status name, marked 「見込み」 / "estimate" when it rests on an estimate (a KPI
    without a target has a latest figure but no status resting on it: never marked)."""
    rated = isinstance(basis, str) and status != "no_target"
    mark = basis_mark(basis, lang) if rated else ""
    label = status_label(status, lang)
    return f"{label}（{mark}）" if mark and lang == "ja" else f"{label} ({mark})" if mark else label


def kpi_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Readable KPI rows: name, status with icon, target and due, latest figure, percents, report
    awaited, bureau (what a reader needs first comes first: a narrow screen shows the left)."""
    unit = frame[f"unit_{lang}"]
    rising = frame["direction"] == "increase"
    columns = zip(
        frame["actual"], unit, frame["measure"], frame["actual_approximate"], frame["bound"], strict=True
    )
    targets = zip(frame["target"], unit, frame["measure"], frame["target_approximate"], strict=True)
    rows = {
        t("kpi", lang): frame[f"name_{lang}"],
        t("status", lang): [
            status_text(s, b, lang) for s, b in zip(frame["status"], frame["basis"], strict=True)
        ],
        t("target", lang): [figure_text(v, u, lang, m, a) for v, u, m, a in targets],
        t("due", lang): frame["target_due"].map(lambda p: period_label(p, lang) if pd.notna(p) else ""),
        t("actual", lang): [figure_text(v, u, lang, m, a, b) for v, u, m, a, b in columns],
        t("period", lang): frame["actual_period"].map(lambda p: period_label(p, lang) if pd.notna(p) else ""),
        # a percentage of the target is progress only for KPIs that should go up
        t("pct_of_target", lang): frame["pct_of_target"].astype("float64").where(rising),
        t("expected_pct", lang): frame["expected_pct"]
        .where(rising)
        .map(lambda v: f"{v:,.0f}%" if pd.notna(v) else ""),
        t("report_due", lang): frame["report_due"].map(lambda p: period_label(p, lang) if p else ""),
        t("bureau", lang): bureau_names(frame, lang),
    }
    return pd.DataFrame(rows).reset_index(drop=True)


def status_matrix(frame: pd.DataFrame, lang: str, bureaus: list[Bureau] | None = None) -> pd.DataFrame:
    """Bureaus as rows (grouped by kind: 局, 室・本部 … when ``bureaus`` are given), statuses (icon +
    name) as columns, KPI counts as cells, with totals.

    A joint KPI counts under each of its bureaus (:func:`per_bureau`).
    """
    frame = per_bureau(frame)
    table = pd.crosstab(frame["bureau_id"], frame["status"])
    table = table.reindex(columns=list(STATUSES), fill_value=0)
    names = dict(zip(frame["bureau_id"], frame[f"bureau_{lang}"], strict=True))
    order = {kind: i for i, kind in enumerate(BUREAU_KINDS)}
    known = {b.id: (order[b.kind], i, b.kind) for i, b in enumerate(bureaus or [])}
    ids = sorted(table.index, key=lambda b: known.get(b, (len(order), 0, ""))[:2])
    table = table.loc[ids]
    table.columns = [status_label(s, lang) for s in table.columns]
    table[t("total", lang)] = table.sum(axis=1)
    out = table.reset_index(drop=True)
    out.insert(0, t("bureau", lang), [names[b] for b in ids])
    if bureaus:
        out.insert(
            1, t("bureau_kind", lang), [t(f"kind_{known[b][2]}", lang) if b in known else "" for b in ids]
        )
    return out


def targets_due(figures: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Current targets among ``figures`` due in ``[start, end]`` (the due day included), soonest first."""
    rows = figures[
        (figures["row_type"] == "target")
        & ~figures["superseded"]
        & (figures["period_end"] >= start)
        & (figures["period_end"] <= end)
    ]
    return rows.sort_values(["period_end", "kpi_id"])


def due_soon(figures: pd.DataFrame, overview: pd.DataFrame, as_of: date, lang: str) -> pd.DataFrame:
    """Targets due from ``as_of`` to a year later, both days included; ``figures`` of the KPIs shown
    (``Context.figures_shown``)."""
    rows = targets_due(figures, as_of, as_of + timedelta(days=365))
    return figure_table(rows, overview, lang)


def past_due(frame: pd.DataFrame) -> pd.DataFrame:
    """KPIs whose deadline has passed: overdue, or awaiting a report for a period that ended
    (``report_due``, e.g. a target past due with no figure yet), the longest waiting first."""
    awaiting = (frame["report_due"].fillna("") != "") & (frame["status"] != "no_target")
    late = frame[(frame["status"] == "overdue") | awaiting]
    waiting = late["report_due"].fillna("").replace("", "~")  # no report awaited: after the others
    ordered = late.assign(_wait=waiting).sort_values(["_wait", "target_due"], kind="stable")
    return ordered.drop(columns="_wait")


def row_kinds(rows: pd.DataFrame, lang: str) -> list[str]:
    """Each figure row's kind in words (a replaced target says so instead of "target")."""
    return [
        t("superseded", lang) if s else t(r, lang)
        for r, s in zip(rows["row_type"], rows["superseded"], strict=True)
    ]


def figure_table(rows: pd.DataFrame, overview: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Figure rows with the KPI name, kind, period label, value with unit and the KPI's status."""
    merged = rows.merge(overview, on="kpi_id", how="inner", suffixes=("", "_kpi"))
    unit = merged[f"unit_{lang}"]
    return pd.DataFrame(
        {
            t("kpi", lang): merged[f"name_{lang}"],
            t("kind", lang): row_kinds(merged, lang),
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
    figures: pd.DataFrame,
    kpi_id: str,
    unit: str,
    lang: str,
    measure: str = "cumulative",
    book: SourceBook | None = None,
) -> pd.DataFrame:
    """Every figure of one KPI with its quote and source (title, publication date, address):
    the chart's numbers as a readable table."""
    rows = figures[figures["kpi_id"] == kpi_id].sort_values(["period_end", "row_type"])
    book = book or SourceBook({}, set())
    ids = [s.split("; ") if s else [] for s in rows["source_file"]]
    return pd.DataFrame(
        {
            t("kind", lang): row_kinds(rows, lang),
            t("period", lang): rows["period"].map(lambda p: period_label(p, lang)),
            t("value", lang): [
                figure_text(v, unit, lang, measure, a, b)
                for v, a, b in zip(rows["value"], rows["approximate"], rows["bound"], strict=True)
            ],
            t("quote", lang): rows["quote"],
            t("source", lang): [book.titles(i, lang) for i in ids],
            t("published", lang): [
                t("list_join", lang).join(filter(None, (book.published(s, lang) for s in i))) for i in ids
            ],
            t("link", lang): [next((u for s in i if (u := book.url(s))), "") for i in ids],
            t("verified", lang): rows["verified"].map(
                lambda v: t("verified_yes" if v else "verified_no", lang)
            ),
            t("derived", lang): rows["derived"],
            t("note", lang): (rows[f"note_{lang}"] + " " + rows[f"reason_{lang}"]).str.strip(),
        }
    ).reset_index(drop=True)


def unverified_count(figures: pd.DataFrame) -> int:
    """Figures quoting a registered source outside seeds/ (their quotes could not be checked)."""
    return int((~figures["verified"].astype(bool)).sum())


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
