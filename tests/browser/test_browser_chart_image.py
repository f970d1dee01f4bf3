"""The chart toolbar's "download as PNG" on the KPI page: offline (plotly draws the image in the
browser), named by the KPI and date, twice the drawn size, and Japanese drawn with real glyphs."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image, ImageChops

from scripts.apphost import VIEWPORT
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_browser import assert_clean, open_page, wait_for_chart

pytestmark = pytest.mark.browser

TITLE = "推移と目標"
#: The same characters in another order: identical "missing glyph" boxes would draw the same.
SHUFFLED = "目標と推移"
HEIGHT, SCALE = 500, 2  # the trajectory's layout height and the toolbar's scale


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the PNG signature."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def download_png(page, name: str) -> bytes:
    page.locator(".js-plotly-plot").first.hover()
    with page.expect_download() as info:
        page.locator('.modebar-btn[data-title="PNG画像としてダウンロード"]').first.click()
    download = info.value
    assert download.suggested_filename == "wifi-sites-2024-03-31.png"
    target = ARTIFACTS / name
    download.save_as(target)
    return target.read_bytes()


def title_fonts(page) -> list[dict]:
    """The fonts Chromium used for the chart title's glyphs (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".js-plotly-plot .gtitle"})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_the_trajectory_downloads_as_a_png_with_japanese_text(browser, app) -> None:
    page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
    try:
        open_page(page, f"{app}/kpi?kpi=wifi-sites&as_of=2024-03-31&lang=ja")
        assert_clean(page)
        wait_for_chart(page)
        assert page.locator(".js-plotly-plot .gtitle").text_content() == TITLE
        fonts = title_fonts(page)
        assert [(f["familyName"], f["glyphCount"]) for f in fonts] == [("Noto Sans CJK JP", len(TITLE))]

        first = download_png(page, "chart-ja.png")
        width, height = png_size(first)
        assert height == HEIGHT * SCALE
        assert 2 * 500 <= width <= SCALE * VIEWPORT["width"]

        page.evaluate(f"document.querySelector('.js-plotly-plot').layout.title.text = '{SHUFFLED}'")
        second = download_png(page, "chart-ja-shuffled.png")
        assert png_size(second) == (width, height)
        one, other = (Image.open(io.BytesIO(data)).convert("RGB") for data in (first, second))
        changed = ImageChops.difference(one, other).getbbox()
        assert changed is not None, "the two orders drew the same: the glyphs are not real"
        assert changed[3] <= 40 * SCALE, f"only the title may differ, not {changed}"  # the title's strip
        strip = one.crop((0, 0, width, 40 * SCALE)).convert("L")
        inked = sum(strip.histogram()[:128])
        assert inked > 200, inked  # the title is drawn, dark on white
    finally:
        page.close()
