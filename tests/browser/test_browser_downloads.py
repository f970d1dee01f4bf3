"""Every way to download data out of the app is formula-safe: no table offers Streamlit's own
"Download as CSV", and every download button gives a CSV whose text cells cannot run as
spreadsheet formulas (a leading ``'``, as ``model.export.neutralise`` writes)."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from model.export import ESCAPE, FORMULA_PREFIXES
from scripts.apphost import VIEWPORT
from tests.browser.conftest import ARTIFACTS, FIXTURES, running_app
from tests.browser.test_browser import assert_clean, open_page

pytestmark = pytest.mark.browser
PAGES = ("", "years", "bureaus", "kpi", "changes", "export")
TABLE_DOWNLOAD = '[data-testid="stElementToolbar"] button[aria-label="Download as CSV"]'


def cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_every_download_is_formula_safe(browser) -> None:
    escaped: list[str] = []
    with running_app(FIXTURES / "formulas.yaml", FIXTURES / "seeds", name="formulas") as url:
        page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
        try:
            for path in PAGES:
                open_page(page, f"{url}/{path}?as_of=2025-03-31&from=2024-03-31&to=2025-03-31")
                assert_clean(page)
                closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
                for handle in closed.element_handles():  # tables folded away count too
                    handle.click()
                page.wait_for_timeout(500)
                tables = page.locator('[data-testid="stDataFrame"]')
                tables.first.wait_for()
                page.wait_for_timeout(500)
                for i in range(tables.count()):
                    tables.nth(i).scroll_into_view_if_needed()
                    tables.nth(i).hover()
                    page.wait_for_timeout(300)
                    assert page.locator(TABLE_DOWNLOAD).count() == 0, f"/{path}: table {i} offers its own CSV"
                # a download made when clicked renders a hidden twin of its button: count the shown ones
                buttons = page.locator('[data-testid="stDownloadButton"] button:visible')
                assert buttons.count() >= tables.count(), f"/{path}: a table without a safe download"
                for i in range(buttons.count()):
                    with page.expect_download() as info:
                        buttons.nth(i).click()
                    download = info.value
                    target = ARTIFACTS / "downloads" / (path or "overview") / download.suggested_filename
                    download.save_as(target)
                    if target.suffix in (".yaml", ".html"):  # the data file as curated; the meeting pack
                        continue
                    if target.suffix == ".xlsx":  # every cell a value, never a formula
                        book = openpyxl.load_workbook(target)
                        kinds = {
                            cell.data_type for sheet in book for row in sheet.iter_rows() for cell in row
                        }
                        assert "f" not in kinds, target
                        continue
                    assert target.suffix == ".csv", target
                    for cell in cells(target.read_bytes()):
                        assert not cell.startswith(FORMULA_PREFIXES), f"{target.name}: {cell!r}"
                        if cell.startswith(ESCAPE):
                            escaped.append(cell)
        finally:
            page.close()
    for formula in ("'=cmd|' /C calc'!A0", "'@SUM(1+1)", "'+HYPERLINK(", "'=2+2", "'-2+3"):
        assert any(cell.startswith(formula) for cell in escaped), formula
