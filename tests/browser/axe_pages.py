"""axe-core on every page of the dashboard in both languages: the pages, how to reach each one
(the Record page signed in, a data file that breaks after a valid load), and the count table.

axe-core comes inside the ``axe-playwright-python`` package (``axe.min.js``): nothing is fetched.
Used by tests/browser/test_browser_a11y.py; ``python -m tests.browser.axe_pages`` prints the
table for docs/accessibility.md.
"""

from __future__ import annotations

import contextlib
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

from model import passwords
from scripts.apphost import VIEWPORT
from tests.browser.conftest import FIXTURES, ROOT, running_app
from tests.browser.test_browser import open_page, wait_for_app

#: JIS X 8341-3:2016 level AA is WCAG 2.0 AA; the 2.1 A/AA rules are checked as well.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = ("serious", "critical")
PASSWORD = "correct horse battery staple"
OPENROAMING = "openroaming-wifi-metro-facilities"
#: Page label → path and query (the KPI page shows the OpenRoaming KPI of the bundled data).
PAGES = {
    "overview": "/",
    "years": "/years",
    "bureaus": "/bureaus",
    "kpi": f"/kpi?kpi={OPENROAMING}",
    "changes": "/changes",
    "export": "/export",
    "record": "/record",
    "method": "/method",
}
SIGN_IN = {
    "ja": ("編集者名（変更記録に残ります）", "パスワード", "サインイン", "としてサインイン中"),
    "en": ("Editor name (kept in the audit log)", "Password", "Sign in", "Signed in as"),
}
AXE = Axe()


def violations(page) -> list[dict]:
    """axe's violations of :data:`TAGS` on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    return AXE.run(page, options=options).response["violations"]


def summary(found: list[dict]) -> Counter:
    """``{(rule, impact): number of elements}``."""
    return Counter({(v["id"], v["impact"]): len(v["nodes"]) for v in found})


def serious(found: list[dict]) -> list[str]:
    """The serious and critical violations as readable lines (rule, impact, first targets)."""
    return [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])} × {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
        if v["impact"] in SERIOUS
    ]


@contextlib.contextmanager
def bundled_app(folder: Path) -> Iterator[str]:
    """The app on a copy of the bundled data (data/kpis.yaml) with editing configured."""
    copy = folder / "kpis.yaml"
    shutil.copyfile(ROOT / "data" / "kpis.yaml", copy)
    secrets = folder / "secrets.toml"
    encoded = passwords.hash_password(PASSWORD, passwords.MIN_ITERATIONS)
    secrets.write_text(f'[editing]\npassword_hash = "{encoded}"\n', encoding="utf-8")
    snapshots = folder / "snapshots"
    with running_app(copy, ROOT / "seeds", name="a11y", snapshots=snapshots, secrets=secrets) as url:
        yield url


@contextlib.contextmanager
def stale_app(folder: Path) -> Iterator[str]:
    """The app on a fixture copy that is valid at start and broken afterwards (the banner)."""
    copy = folder / "stale.yaml"
    shutil.copyfile(FIXTURES / "kpis.yaml", copy)
    with running_app(copy, FIXTURES / "seeds", name="a11y-stale", snapshots=FIXTURES / "no-snapshots") as url:
        yield url


@contextlib.contextmanager
def invalid_app() -> Iterator[str]:
    """The app on a file that is invalid from the start: the error and where, nothing else."""
    with running_app(FIXTURES / "broken.yaml", FIXTURES / "seeds", name="a11y-invalid") as url:
        yield url


def break_file(folder: Path) -> None:
    good = (folder / "stale.yaml").read_text(encoding="utf-8")
    (folder / "stale.yaml").write_text(good[: len(good) // 2], encoding="utf-8")


def sign_in(page, lang: str) -> None:
    """Sign in on the Record page (editing on) and wait for the form."""
    name, password, button, signed = SIGN_IN[lang]
    page.get_by_label(name).fill("analyst-a")
    page.get_by_label(password, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=button).click()
    page.get_by_text(signed).first.wait_for()
    wait_for_app(page)


def settle(page) -> None:
    """Wait until every widget is drawn: Streamlit loads each kind's code on first use and shows a
    placeholder (hidden from assistive technology) until then, after the run has finished."""
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=30_000)
    page.wait_for_timeout(300)


def open_labelled(page, url: str, label: str, lang: str) -> None:
    """Open page ``label`` in ``lang`` ready for axe (signed in on the Record page)."""
    path = PAGES[label]
    joiner = "&" if "?" in path else "?"
    open_page(page, f"{url}{path}{joiner}lang={lang}")
    settle(page)
    if label == "record":
        sign_in(page, lang)
        settle(page)


def measure(browser, folder: Path) -> dict[tuple[str, str], list[dict]]:
    """Every page × language (and the stale-data banner) → axe's violations."""
    results: dict[tuple[str, str], list[dict]] = {}
    page = browser.new_page(viewport=VIEWPORT)
    try:
        with bundled_app(folder) as url:
            for lang in ("ja", "en"):
                for label in PAGES:
                    open_labelled(page, url, label, lang)
                    results[(label, lang)] = violations(page)
        with stale_app(folder) as url:
            open_page(page, f"{url}/kpi?kpi=wifi-sites")
            break_file(folder)
            for lang in ("ja", "en"):
                open_page(page, f"{url}/kpi?kpi=wifi-sites&lang={lang}")
                page.locator('[data-testid="stAlertContentWarning"]').first.wait_for()
                settle(page)
                results[("stale-banner", lang)] = violations(page)
        with invalid_app() as url:
            for lang in ("ja", "en"):
                open_page(page, f"{url}/?lang={lang}")
                page.locator('[data-testid="stAlertContentError"]').first.wait_for()
                settle(page)
                results[("invalid-data", lang)] = violations(page)
    finally:
        page.close()
    return results


def table(results: dict[tuple[str, str], list[dict]]) -> str:
    """A Markdown table: page, language, serious+critical count, every rule with impact and count."""
    lines = ["| page | lang | serious+critical | violations (rule, impact: elements) |", "|---|---|---|---|"]
    for (label, lang), found in results.items():
        counts = summary(found)
        bad = sum(n for (_, impact), n in counts.items() if impact in SERIOUS)
        rules = ", ".join(f"{rule} ({impact}): {n}" for (rule, impact), n in sorted(counts.items())) or "none"
        lines.append(f"| {label} | {lang} | {bad} | {rules} |")
    return "\n".join(lines)


if __name__ == "__main__":
    import os
    import tempfile

    from playwright.sync_api import sync_playwright

    from scripts.apphost import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("KPI_CACHE_SECRET", str(Path(tmp) / "cache-secret"))  # not the home folder's
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        print(table(measure(chromium, Path(tmp))))
        chromium.close()
