"""The meeting pack: one self-contained HTML file to print on A4 (no Streamlit, no network).

A cover with the status counts and the list of KPIs, then one page per KPI: its status and
the sentence explaining it, the dashboard's trajectory chart, and every figure with its quote
and source; last, the status rule and the documents cited. plotly.js is embedded once; every
text from the data is HTML-escaped.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from dashboard.i18n import date_text, period_label, status_label, t
from dashboard.sources import SourceBook
from dashboard.style import STATUS_COLOURS
from dashboard.tables import kpi_figures, status_counts, status_text
from dashboard.trajectory_chart import trajectory
from model.atomic import write_atomic
from model.columns import STATUS_RULE_EN, STATUS_RULE_JA
from model.explain import explain
from model.export import ExportError
from model.frames import assessments, figure_frame_at, overview_frame
from model.loader import Dataset
from model.schema import Kpi, note_text

#: Fits the printable width of A4 with 12 mm margins (186 mm ≈ 703 CSS px).
CHART_WIDTH, CHART_HEIGHT = 680, 380
CHART_CONFIG = {"displayModeBar": False, "responsive": False}
#: Columns of the figure table in print with their widths (the derivation and note are left out).
FIGURE_COLUMNS = {"kind": 10, "period": 12, "value": 12, "quote": 44, "source": 12, "verified": 10}
CSS = """
@page { size: A4; margin: 12mm 12mm 14mm; @bottom-right { content: counter(page) " / " counter(pages); } }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif;
       font-size: 10pt; color: #111; line-height: 1.45; }
body { margin: 0 auto; max-width: 186mm; }
h1 { font-size: 22pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 0 0 1mm; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
.en { color: #444; font-size: 9pt; }
.meta { color: #333; font-size: 8.5pt; margin: 0 0 2mm; }
.status { border-left: 7px solid var(--colour); padding: 1mm 0 1mm 3mm; margin: 2mm 0; }
.status b { font-size: 11pt; }
.comment { border-left: 3px solid #999; padding: 0 0 0 3mm; margin: 1mm 0 2mm; }
.comment p { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 1px solid #999; padding: 0.6mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.num { text-align: right; white-space: nowrap; }
td.code { word-break: break-all; font-size: 7.5pt; }
table.figures { table-layout: fixed; }
tr, .chart, .status { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.chart { width: 680px; height: 380px; margin: 2mm 0; }
.swatch { display: inline-block; width: 3mm; height: 3mm; background: var(--colour); margin-right: 1.5mm; }
section.kpi, section.appendix { break-before: page; page-break-before: always; }
@media screen {
  body { padding: 8mm; }
  section.kpi, section.appendix { border-top: 3px solid #ccc; margin-top: 10mm; padding-top: 6mm; }
}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text))


def kpis_of_bureau(dataset: Dataset, bureau: str) -> list[str]:
    """Ids of the bureau's KPIs; an unknown bureau is an error naming the known ones."""
    known = [b.id for b in dataset.document.bureaus]
    if bureau not in known:
        raise ExportError(f'unknown bureau "{bureau}"; the data file has: {", ".join(known)}')
    return [k.id for k in dataset.kpis if k.bureau == bureau]


def _cover(overview: pd.DataFrame, scope: str, as_of: date, lang: str) -> str:
    counts = status_counts(overview)
    rows = "".join(
        f'<tr><td><span class="swatch" style="--colour:{STATUS_COLOURS[s]}"></span>'
        f'{_e(status_label(s, lang))}</td><td class="num">{n}</td></tr>'
        for s, n in counts.items()
    )
    total = f'<tr><th>{_e(t("total", lang))}</th><th class="num">{int(counts.sum())}</th></tr>'
    items = "".join(
        f"<tr><td class='num'>{i}</td><td>{_e(name)}</td><td>{_e(status_text(s, b, lang))}</td></tr>"
        for i, (name, s, b) in enumerate(
            zip(overview[f"name_{lang}"], overview["status"], overview["basis"], strict=True), start=1
        )
    )
    return (
        f'<section class="cover"><h1>{_e(t("pack_title", lang))}</h1>'
        f"<h2>{_e(scope)}</h2><p>{_e(t('pack_as_of', lang, as_of=date_text(as_of, lang)))}<br>"
        f'<span class="meta">{_e(t("pack_made", lang, today=date_text(date.today(), lang)))}</span></p>'
        f'<h3>{_e(t("status_counts", lang))}</h3><table style="width:60%">'
        f"<thead><tr><th>{_e(t('status', lang))}</th><th>{_e(t('count', lang))}</th></tr></thead>"
        f"<tbody>{rows}{total}</tbody></table>"
        f"<h3>{_e(t('pack_contents', lang))}</h3><table><thead><tr><th>#</th><th>{_e(t('kpi', lang))}</th>"
        f"<th>{_e(t('status', lang))}</th></tr></thead><tbody>{items}</tbody></table></section>"
    )


def _figure_table(figures: pd.DataFrame, kpi: Kpi, lang: str, book: SourceBook) -> str:
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    table = kpi_figures(figures, kpi.id, unit, lang, kpi.measure, book)
    columns = [t(key, lang) for key in FIGURE_COLUMNS]
    css = {t("value", lang): "num", t("source", lang): "code"}
    head = "".join(f'<th style="width:{w}%">{_e(t(key, lang))}</th>' for key, w in FIGURE_COLUMNS.items())
    body = "".join(
        "<tr>" + "".join(f'<td class="{css.get(c, "")}">{_e(row[c])}</td>' for c in columns) + "</tr>"
        for _, row in table.iterrows()
    )
    return f'<table class="figures"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _chart(kpi: Kpi, assessment, dataset: Dataset, lang: str, number: int) -> str:
    fig = trajectory(kpi, assessment, lang, dataset.timeline)
    fig.update_layout(width=CHART_WIDTH, height=CHART_HEIGHT, title=None, margin={"t": 60})
    div = pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=False,
        config=CHART_CONFIG,
        div_id=f"chart-{number}",
        default_width=f"{CHART_WIDTH}px",
        default_height=f"{CHART_HEIGHT}px",
    )
    return f'<div class="chart" role="img" aria-label="{_e(explain(kpi, assessment, lang))}">{div}</div>'


def _section(kpi: Kpi, row: pd.Series, assessment, figures: pd.DataFrame, dataset: Dataset, lang: str,
             number: int) -> str:  # fmt: skip
    other = "en" if lang == "ja" else "ja"
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    meta = " · ".join(
        [
            f"{t('bureau', lang)}: {row[f'bureau_{lang}']}",
            f"{t('pillar', lang)}: {row[f'pillar_{lang}']}",
            f"{t('unit', lang)}: {unit}",
            f"{t('measure', lang)}: {t(f'measure_{kpi.measure}', lang)}",
            f"ID: {kpi.id}",
        ]
    )
    has_figures = bool((figures["kpi_id"] == kpi.id).any())
    body = (
        _chart(kpi, assessment, dataset, lang, number)
        + _figure_table(figures, kpi, lang, SourceBook.of(dataset))
        if has_figures
        else f"<p>{_e(t('pack_no_figures', lang))}</p>"
    )
    note = ""
    if kpi.note:
        note = f'<h3>{_e(t("note", lang))}</h3><p class="meta">{_e(note_text(kpi.note, lang))}</p>'
    comments = _comments(kpi, assessment.as_of, lang)
    status = status_text(assessment.status, assessment.basis, lang)
    return (
        f'<section class="kpi" id="kpi-{_e(kpi.id)}"><h2>{number}. {_e(getattr(kpi.name, lang))}</h2>'
        f'<p class="en">{_e(getattr(kpi.name, other))}</p><p class="meta">{_e(meta)}</p>'
        f'<div class="status" style="--colour:{STATUS_COLOURS[assessment.status]}"><b>{_e(status)}</b> — '
        f"{_e(explain(kpi, assessment, lang))}</div>{comments}{body}{note}</section>"
    )


def _comments(kpi: Kpi, as_of: date, lang: str) -> str:
    """The owner's comments made by ``as_of``, newest first, under the status they explain."""
    shown = [c for c in reversed(kpi.comments) if date.fromisoformat(c.date) <= as_of]
    items = []
    for c in shown:
        about = t("comment_about", lang, period=period_label(c.period, lang)) if c.period else ""
        day = date_text(date.fromisoformat(c.date), lang)
        meta = t("comment_meta", lang, date=day, author=c.author, about=about)
        text = note_text(c.text, lang)
        items.append(f'<div class="comment"><p class="meta">{_e(meta)}</p><p>{_e(text)}</p></div>')
    return "".join(items)


def _appendix(dataset: Dataset, figures: pd.DataFrame, lang: str) -> str:
    cited = {s.strip() for text in figures["source_file"] for s in str(text).split(";") if s.strip()}
    rows = "".join(
        f"<tr><td class='code'>{_e(s.id)}</td><td>{_e(s.title)}</td><td>{_e(s.publisher)}</td>"
        f"<td class='code'>{_e(s.url)}</td><td>{_e(s.published)}</td></tr>"
        for s in dataset.document.sources
        if s.id in cited
    )
    rule = STATUS_RULE_JA if lang == "ja" else STATUS_RULE_EN
    return (
        f'<section class="appendix"><h2>{_e(t("pack_rule", lang))}</h2><p>{_e(rule)}</p>'
        f"<h2>{_e(t('pack_sources', lang))}</h2><table><thead><tr><th>ID</th>"
        f"<th>{_e(t('pack_doc_title', lang))}</th><th>{_e(t('pack_publisher', lang))}</th><th>URL</th>"
        f"<th>{_e(t('pack_published', lang))}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></section>"
    )


def pack_html(
    dataset: Dataset,
    as_of: date,
    kpi_ids: list[str] | None = None,
    lang: str = "ja",
    scope: str | None = None,
) -> str:
    """The pack for ``kpi_ids`` (every KPI when None) at ``as_of``; ``scope`` names them on the cover."""
    overview = overview_frame(dataset, as_of)
    if kpi_ids is not None:
        overview = overview[overview["kpi_id"].isin(kpi_ids)]
    ids = list(overview["kpi_id"])
    figures = figure_frame_at(dataset, as_of)
    figures = figures[figures["kpi_id"].isin(ids)]
    by_id = {k.id: k for k in dataset.kpis}
    judged = {a.kpi_id: a for a in assessments(dataset, as_of) if a.kpi_id in ids}
    sections = "".join(
        _section(by_id[row["kpi_id"]], row, judged[row["kpi_id"]], figures, dataset, lang, number)
        for number, (_, row) in enumerate(overview.iterrows(), start=1)
    )
    scope = scope or t("all_bureaus", lang)
    title = f"{t('pack_title', lang)} — {scope} — {as_of.isoformat()}"
    return (
        f'<!DOCTYPE html>\n<html lang="{"ja" if lang == "ja" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>'
        f'<style>{CSS}</style><script type="text/javascript">{get_plotlyjs()}</script></head><body>'
        f"{_cover(overview, scope, as_of, lang)}{sections}{_appendix(dataset, figures, lang)}</body></html>\n"
    )


def write_pack(dataset: Dataset, out: Path, as_of: date, kpi_ids: list[str] | None = None, lang: str = "ja",
               scope: str | None = None) -> int:  # fmt: skip
    """Write the pack atomically; return the number of KPIs in it."""
    text = pack_html(dataset, as_of, kpi_ids, lang, scope)
    write_atomic(out, text.encode("utf-8"))
    return text.count('<section class="kpi"')
