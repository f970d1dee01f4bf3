"""A table as cards for a phone: one card per row, the first column as its title, the rest as
label–value lines. HTML with every text escaped (no markup from the data ever runs)."""

from __future__ import annotations

import html
import re

import pandas as pd

from model.explain import format_number


def _cell(value: object, percent: bool = False) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}%" if percent else format_number(value)
    return str(value)


def _shown(text: str) -> str:
    """A cell as HTML: escaped; a web address (the data allows only http and https) as a link."""
    if re.fullmatch(r"https?://\S+", text):
        address = html.escape(text, quote=True)
        return f'<a href="{address}" target="_blank" rel="noopener noreferrer">{address}</a>'
    return html.escape(text)


def cards_html(
    frame: pd.DataFrame,
    status_column: str | None = None,
    percent: tuple[str, ...] = (),
    limit: int = 200,
    hide_zero: bool = False,
) -> str:
    """``frame`` as cards; ``status_column`` (if given) is shown under the title, emphasised;
    float columns named in ``percent`` read ``62%``; ``hide_zero`` leaves out counts of 0.

    Empty cells are left out. At most ``limit`` cards (a phone shows the first ones; the CSV
    download has them all).
    """
    cards = []
    columns = list(frame.columns)
    for row in frame.head(limit).itertuples(index=False, name=None):
        cells = dict(zip(columns, row, strict=True))
        title = html.escape(_cell(cells.pop(columns[0])))
        status = html.escape(_cell(cells.pop(status_column, ""))) if status_column else ""
        lines = "".join(
            f"<dt>{html.escape(str(label))}</dt><dd>{_shown(text)}</dd>"
            for label, value in cells.items()
            if (text := _cell(value, label in percent)) and not (hide_zero and text == "0")
        )
        head = f'<div class="kpt-title">{title}</div>'
        if status:
            head += f'<div class="kpt-status">{status}</div>'
        cards.append(f'<div class="kpt-card">{head}<dl>{lines}</dl></div>')
    return f'<div class="kpt-cards">{"".join(cards)}</div>'
