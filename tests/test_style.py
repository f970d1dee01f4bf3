"""Colour contrast of the dashboard's text (WCAG 2.0 AA: 4.5:1, large text 3:1), computed with the
WCAG relative-luminance formula; status colours keep their Okabe–Ito hue."""

from __future__ import annotations

import colorsys

import pytest

from dashboard import serve
from dashboard.style import (
    BACKGROUND,
    CAPTION_OPACITY,
    OKABE_ITO,
    STATUS_COLOURS,
    STATUS_TEXT_COLOURS,
    TEXT_SHADES,
    blend,
    contrast,
    luminance,
    text_colour,
    text_on,
)
from model.progress import STATUSES

AA = 4.5


@pytest.mark.parametrize(
    ("colour", "expected"),
    [("#FFFFFF", 1.0), ("#000000", 0.0), ("#808080", 0.2159), ("#0072B2", 0.1523), ("#E69F00", 0.4165)],
)
def test_relative_luminance(colour, expected) -> None:
    assert luminance(colour) == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#000000", 21.0),  # either order
        ("#777777", "#FFFFFF", 4.48),  # just under AA
        ("#767676", "#FFFFFF", 4.54),  # the lightest grey that passes
        ("#0072B2", "#FFFFFF", 5.19),
        ("#FFFFFF", "#FFFFFF", 1.0),
    ],
)
def test_contrast_ratio(a, b, ratio) -> None:
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


def hue(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hls(red, green, blue)[0] * 360


@pytest.mark.parametrize("status", STATUSES)
def test_status_text_reads_on_the_page_and_keeps_its_hue(status) -> None:
    text, fill = STATUS_TEXT_COLOURS[status], STATUS_COLOURS[status]
    assert contrast(text, BACKGROUND) >= AA, (status, text, round(contrast(text, BACKGROUND), 2))
    difference = abs(hue(text) - hue(fill)) % 360
    assert min(difference, 360 - difference) <= 3, (status, hue(text), hue(fill))


@pytest.mark.parametrize("status", STATUSES)
def test_a_label_inside_a_status_bar_reads_on_it(status) -> None:
    fill = STATUS_COLOURS[status]
    assert contrast(text_on(fill), fill) >= AA, (status, fill, text_on(fill))


@pytest.mark.parametrize("name", OKABE_ITO)
def test_every_text_shade_reads_on_white(name) -> None:
    assert contrast(TEXT_SHADES[name], BACKGROUND) >= AA
    assert text_colour(OKABE_ITO[name]) == TEXT_SHADES[name]


def test_the_palette_itself_would_not_read_as_text() -> None:
    """Why the shades exist: most Okabe–Ito colours are too light for text on white."""
    too_light = {name for name, colour in OKABE_ITO.items() if contrast(colour, BACKGROUND) < AA}
    assert too_light == set(OKABE_ITO) - {"black", "blue"}


@pytest.mark.parametrize("background", ["theme.backgroundColor", "theme.secondaryBackgroundColor"])
def test_body_text_and_captions_of_the_theme_read_on_the_page_and_the_sidebar(background) -> None:
    """Streamlit draws captions (st.caption) in the theme's text colour at 60 % opacity, on the
    page (backgroundColor) and in the sidebar and inputs (secondaryBackgroundColor)."""
    theme = serve.settings()
    assert theme["theme.base"] == "light"
    text, under = theme["theme.textColor"], theme[background]
    assert contrast(text, under) >= 7  # AAA for body text
    caption = blend(text, CAPTION_OPACITY, under)
    assert contrast(caption, under) >= AA, (caption, under, round(contrast(caption, under), 2))
    assert contrast(blend("#2F2D2B", CAPTION_OPACITY, under), under) < AA  # Streamlit's default fails
    assert theme["theme.backgroundColor"] == BACKGROUND  # what the charts and style.py assume


def test_blend() -> None:
    assert blend("#000000", 0.5) == "#808080"
    assert blend("#141312", 1.0) == "#141312" and blend("#141312", 0.0) == BACKGROUND
