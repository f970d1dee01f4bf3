"""What every plotly chart of the dashboard shares: the toolbar (download as PNG, in the page's
language), the layout with a CJK font, fiscal-year and count axes, short names and escaping.

The font is named in the figure's layout, so that the browser draws Japanese with the system's
Noto Sans CJK JP (fonts-noto-cjk) on the page and in the PNG the toolbar saves (plotly draws the
image from the chart's SVG in the browser: nothing is fetched, no server is involved).
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from dashboard.i18n import t
from model.periods import fy_axis_label

#: Japanese first (the system's Noto Sans CJK JP), for every text of a chart and its PNG.
FONT = "Noto Sans CJK JP, Noto Sans JP, Source Sans Pro, sans-serif"
#: Text on the chart in plotly's default grey (#444: 9.7:1 on white).
TEXT = "#444444"
#: Plotly options for st.plotly_chart: keep the toolbar so a chart can be saved as PNG, at twice
#: the size drawn (sharp in a slide); the file is named by the chart (:func:`file_name`).
CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
#: plotly.js's own English texts (toolbar, hints) and the words that translate them.
PLOTLY_TEXTS = {
    "Autoscale": "chart_autoscale",
    "Box Select": "chart_box_select",
    "Compare data on hover": "chart_compare",
    "Double-click on legend to isolate one trace": "chart_isolate",
    "Double-click to zoom back out": "chart_zoom_back",
    "Download plot": "chart_download",
    "Download plot as a PNG": "chart_download_png",
    "Image download succeeded": "chart_downloaded",
    "Lasso Select": "chart_lasso",
    "Pan": "chart_pan",
    "Preparing image - this may take a few seconds": "chart_preparing",
    "Reset": "chart_reset",
    "Reset axes": "chart_reset_axes",
    "Show closest data on hover": "chart_closest",
    "Sorry, there was a problem downloading your image!": "chart_download_failed",
    "Toggle Spike Lines": "chart_spikes",
    "Toggle show closest data on hover": "chart_toggle_closest",
    "Zoom": "chart_zoom",
    "Zoom in": "chart_zoom_in",
    "Zoom out": "chart_zoom_out",
}


def chart_config(lang: str, file: str = "chart") -> dict:
    """:data:`CHART_CONFIG` with plotly's toolbar and hints in ``lang`` (a locale given inline,
    so nothing is fetched: plotly's own locale files are not part of its Python package) and
    ``file`` (without ``.png``) as the name of the PNG it saves."""
    image = {**CHART_CONFIG["toImageButtonOptions"], "filename": file}
    config = {**CHART_CONFIG, "toImageButtonOptions": image}
    if lang != "ja":
        return config
    months = [t(f"month_{m}", lang) for m in range(1, 13)]
    locale = {
        "dictionary": {english: t(key, lang) for english, key in PLOTLY_TEXTS.items()},
        "format": {"months": months, "shortMonths": months, "date": "%Y/%m/%d"},
    }
    return {**config, "locale": "ja", "locales": {"ja": locale}}


def esc(text: object) -> str:
    """Text from the data for plotly, which reads a subset of HTML: shown literally, never as markup."""
    return html.escape(str(text), quote=False)


def layout(
    fig: go.Figure,
    title: str,
    file: str,
    height: int = 420,
    top: int = 90,
    *,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    **more: object,
) -> go.Figure:
    """Shared layout: title on top, legend under it (never over an axis title), CJK font;
    ``file`` names the PNG the toolbar saves (kept in ``layout.meta``, see :func:`file_name`).

    The chart's own axes and layout (``xaxis``, ``yaxis``, ``barmode``, ``shapes``...) come as
    arguments: the whole layout is set at once, replacing what ``fig`` had (plotly checks a new
    layout several times faster than one update per property: 15 ms → 3 ms a chart)."""
    fig.layout = go.Layout(
        title={"text": title, "y": 0.99, "yref": "container", "yanchor": "top"},
        height=height,
        font={"family": FONT, "color": TEXT},
        meta={"file": file},
        margin={"l": 10, "r": 30, "t": top, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left"},
        separators=".,",
        hoverlabel={"font": {"family": FONT}},
        xaxis={"automargin": True, **(xaxis or {})},
        yaxis={"automargin": True, **(yaxis or {})},
        **more,
    )
    return fig


def file_name(fig: go.Figure) -> str:
    """The name (without ``.png``) a chart is saved under: the one :func:`layout` gave it."""
    meta = fig.layout.meta
    return str(meta["file"]) if isinstance(meta, dict) and meta.get("file") else "chart"


def count_axis(largest: float, lang: str) -> dict:
    """An x axis of KPI counts: one tick per integer for small counts (never 0, 0, 1, 1)."""
    axis = {"title": {"text": t("count", lang)}, "tickformat": ",d", "rangemode": "tozero"}
    if largest <= 10:
        axis |= {"tick0": 0, "dtick": 1}
    return axis


def fy_axis(years: list[int], lang: str) -> dict:
    """A categorical x axis with one category per fiscal year from the first to the last."""
    labels = [fy_axis_label(y, lang) for y in range(min(years), max(years) + 1)] if years else []
    return {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": labels,
        "range": [-0.5, len(labels) - 0.5] if labels else None,
        "title": {"text": t("fiscal_year", lang)},
    }


#: KPI names on a chart's axis are cut to this many characters (the hover shows them whole).
AXIS_NAME = 26


def short_names(names: list[str], limit: int = AXIS_NAME) -> dict[str, str]:
    """Each name cut to ``limit`` characters with an ellipsis; a name whose cut form another name
    shares stays whole (categories must stay apart)."""
    cut = {n: n if len(n) <= limit else n[: limit - 1] + "…" for n in names}
    taken = [c for c in cut.values()]
    return {n: c if taken.count(c) == 1 else n for n, c in cut.items()}
