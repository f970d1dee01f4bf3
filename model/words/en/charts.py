"""English words: the chart toolbar and hints (plotly's own texts); the same keys as ``ja/charts.py``."""

WORDS: dict[str, str] = {
    # chart toolbar and hints (plotly's own texts, dashboard/figures.py)
    "chart_autoscale": "Autoscale",
    "chart_box_select": "Box Select",
    "chart_compare": "Compare data on hover",
    "chart_isolate": "Double-click on legend to isolate one trace",
    "chart_zoom_back": "Double-click to zoom back out",
    "chart_download": "Download plot",
    "chart_download_png": "Download plot as a PNG",
    "chart_downloaded": "Image download succeeded",
    "chart_lasso": "Lasso Select",
    "chart_pan": "Pan",
    "chart_preparing": "Preparing image - this may take a few seconds",
    "chart_reset": "Reset",
    "chart_reset_axes": "Reset axes",
    "chart_closest": "Show closest data on hover",
    "chart_download_failed": "Sorry, there was a problem downloading your image!",
    "chart_spikes": "Toggle Spike Lines",
    "chart_toggle_closest": "Toggle show closest data on hover",
    "chart_zoom": "Zoom",
    "chart_zoom_in": "Zoom in",
    "chart_zoom_out": "Zoom out",
}
