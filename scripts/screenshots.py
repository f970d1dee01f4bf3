"""Screenshots of every page for docs/screenshots/: Japanese and English on a desktop, Japanese on
a phone (390×844). ``python -m scripts.screenshots [--out DIR] [--pages kpi,years] [--as-of DATE]``.

Starts the app on the project's data through :mod:`scripts.apphost` (as ``make run`` does),
drives Debian's Chromium with Playwright and writes ``<page>-<lang>[-phone].png``. The browser's
language follows the page's (``ja-JP`` / ``en-GB``), so the calendar speaks it too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from scripts.apphost import CHROMIUM, CHROMIUM_ARGS, ROOT, app_env, running_app

OUT = ROOT / "docs" / "screenshots"
PAGES = {
    "overview": "",
    "years": "years",
    "bureaus": "bureaus",
    "kpi": "kpi?kpi=openroaming-wifi-metro-facilities",
    "changes": "changes",
    "export": "export",
    "record": "record",
    "method": "method",
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: (suffix, language, viewport, browser locale)
SHOTS = [("ja", "ja", DESKTOP, "ja-JP"), ("en", "en", DESKTOP, "en-GB"), ("ja-phone", "ja", PHONE, "ja-JP")]


def wait_for_app(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid="stStatusWidget"] button');
        }""",
        timeout=60_000,
    )
    page.wait_for_load_state("networkidle")  # lazily loaded elements (metrics, tables, charts)
    page.wait_for_function("!document.querySelector('[data-testid^=\"stSkeleton\"]')", timeout=60_000)
    page.wait_for_timeout(1500)  # plotly draws after the run


def shrink(path: Path) -> None:
    """256 colours are plenty for a page of text and flat charts: a third of the bytes."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def full_height(page, viewport: dict[str, int], limit: int = 7000) -> None:
    """Streamlit scrolls its main block, not the page: make the window as tall as the content."""
    height = page.evaluate(
        'Math.max(...[...document.querySelectorAll(\'[data-testid="stMain"], [data-testid="stSidebar"] '
        '[data-testid="stSidebarContent"]\')].map(e => e.scrollHeight))'
    )
    tall = min(max(height, viewport["height"]), limit)
    page.set_viewport_size({"width": viewport["width"], "height": tall})
    page.wait_for_timeout(1200)


def shoot(url: str, out: Path, pages: dict[str, str], as_of: str | None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for suffix, lang, viewport, locale in SHOTS:
                context = browser.new_context(viewport=viewport, locale=locale, device_scale_factor=1)
                page = context.new_page()
                for name, path in pages.items():
                    joiner = "&" if "?" in path else "?"
                    query = f"lang={lang}" + (f"&as_of={as_of}" if as_of else "")
                    page.goto(f"{url}/{path}{joiner}{query}")
                    wait_for_app(page)
                    if name == "kpi":  # the quotes in their documents, open
                        page.locator('[data-testid="stExpander"] summary').first.click()
                        page.wait_for_timeout(800)
                    target = out / f"{name}-{suffix}.png"
                    full_height(page, viewport)
                    page.screenshot(path=str(target), full_page=True)
                    page.set_viewport_size(viewport)
                    shrink(target)
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--as-of", help="evaluation date YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    pages = {k: v for k, v in PAGES.items() if not args.pages or k in args.pages.split(",")}
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp) / "server.log", app_env()) as (url, _):
        for path in shoot(url, args.out, pages, args.as_of):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
