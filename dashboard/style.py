"""Colours and status icons, defined once for every page and chart.

Okabe–Ito palette (safe for the common colour-vision deficiencies). A status is never
shown by colour alone: every status carries an icon and its name.

Text meets WCAG 2.0 AA (JIS X 8341-3:2016 AA): 4.5:1 against its background, 3:1 when large.
Okabe–Ito colours fill bars and markers; text in a status colour uses its darker shade of the
same hue (:data:`STATUS_TEXT_COLOURS`), and a label on a filled bar is black or white, whichever
reads better (:func:`text_on`). docs/accessibility.md tells how this is tested.
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
#: The same hues darkened (HLS lightness only) until they read 4.5:1 or more on white.
TEXT_SHADES = {
    "black": "#000000",
    "orange": "#9C6C00",
    "sky_blue": "#177AB2",
    "bluish_green": "#008460",
    "yellow": "#80770A",
    "blue": "#0072B2",
    "vermillion": "#BE5400",
    "reddish_purple": "#BB4D8A",
    "grey": "#757575",
}
_NAMES = {colour: name for name, colour in OKABE_ITO.items()}
STATUS_TEXT_COLOURS = {status: TEXT_SHADES[_NAMES[colour]] for status, colour in STATUS_COLOURS.items()}
assert set(STATUS_COLOURS) == set(STATUS_ICONS) == set(STATUSES)
#: The page's background and Streamlit's text colour (``theme.textColor`` in .streamlit/config.toml:
#: captions are drawn in it at 60 % opacity, which must still read 4.5:1).
BACKGROUND = "#FFFFFF"
CAPTION_OPACITY = 0.6


def _rgb(colour: str) -> tuple[int, int, int]:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue


def luminance(colour: str) -> float:
    """WCAG 2.0 relative luminance of ``#RRGGBB``."""
    channels = [c / 255 for c in _rgb(colour)]
    red, green, blue = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.0 contrast ratio (1 to 21) of two ``#RRGGBB`` colours."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: str, opacity: float, background: str = BACKGROUND) -> str:
    """``colour`` drawn at ``opacity`` over ``background``, as ``#RRGGBB``."""
    pairs = zip(_rgb(colour), _rgb(background), strict=True)
    return "#" + "".join(f"{round(opacity * c + (1 - opacity) * b):02X}" for c, b in pairs)


def text_colour(colour: str) -> str:
    """The shade of an Okabe–Ito colour that text in that colour uses (4.5:1 on white)."""
    return TEXT_SHADES[_NAMES[colour]]


def text_on(fill: str) -> str:
    """Black or white, whichever has the higher contrast on ``fill`` (a label inside a bar)."""
    return max(("#000000", "#FFFFFF"), key=lambda text: contrast(text, fill))


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
