"""Colours and status icons, defined once for every page and chart.

Okabe–Ito palette (safe for the common colour-vision deficiencies). A status is never
shown by colour alone: every status carries an icon and its name.
"""

from __future__ import annotations

from model.progress import STATUSES

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

STATUS_COLOURS = {
    "achieved": OKABE_ITO["bluish_green"],
    "on_track": OKABE_ITO["blue"],
    "at_risk": OKABE_ITO["orange"],
    "off_track": OKABE_ITO["vermillion"],
    "overdue": OKABE_ITO["reddish_purple"],
    "no_data": OKABE_ITO["grey"],
    "no_target": OKABE_ITO["sky_blue"],
}
STATUS_ICONS = {
    "achieved": "◎",
    "on_track": "○",
    "at_risk": "△",
    "off_track": "✕",
    "overdue": "⚠",
    "no_data": "－",
    "no_target": "◇",
}
assert set(STATUS_COLOURS) == set(STATUS_ICONS) == set(STATUSES)

#: How each kind of figure is drawn on a trajectory chart: colour, marker, line dash.
SERIES_STYLES = {
    "actual": {"color": OKABE_ITO["blue"], "symbol": "circle", "dash": "solid"},
    "plan": {"color": OKABE_ITO["orange"], "symbol": "diamond-open", "dash": "dash"},
    "estimate": {"color": OKABE_ITO["reddish_purple"], "symbol": "triangle-up-open", "dash": "dot"},
    "baseline": {"color": OKABE_ITO["black"], "symbol": "square", "dash": "solid"},
    "target": {"color": OKABE_ITO["vermillion"], "symbol": "star", "dash": "solid"},
    "superseded": {"color": OKABE_ITO["grey"], "symbol": "x-open", "dash": "dot"},
    "expected": {"color": OKABE_ITO["bluish_green"], "symbol": "circle-open", "dash": "dashdot"},
}
