"""The meeting pack printed to PDF by Chromium (pages, page breaks, Japanese text, no network),
and the Export page's workbook and pack downloads.

Page text comes from ``pdftotext`` (poppler-utils) where it is installed; the Japanese
characters are also checked without it, in the PDF's own Unicode maps of its fonts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from dashboard.pack import kpis_of_bureau, write_pack
from model.loader import load
from scripts.apphost import VIEWPORT
from tests.browser.conftest import ARTIFACTS, FIXTURES
from tests.browser.test_browser import assert_clean, open_page

pytestmark = pytest.mark.browser
PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
NO_POPPLER = "pdftotext is not installed (apt-get install poppler-utils)"


def print_pdf(browser, html: Path, pdf: Path) -> bytes:
    """Open ``html`` from disk, let every chart draw, print it on A4; fail on any network request."""
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(html.as_uri())
        charts = page.evaluate("document.querySelectorAll('.chart').length")
        page.wait_for_function(
            f"document.querySelectorAll('.chart .main-svg').length >= {charts}", timeout=60_000
        )
        page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        page.close()
    assert [url for url in requests if not url.startswith("file:")] == []
    return pdf.read_bytes()


def page_count(raw: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", raw))


def unicode_chars(raw: bytes) -> set[str]:
    """Characters the PDF's fonts map to Unicode (their ToUnicode CMaps), streams inflated."""
    chars: set[str] = set()

    def char(hexcode: bytes, offset: int = 0) -> str:
        units = bytes.fromhex(hexcode.decode())
        return (units[:-2] + (int.from_bytes(units[-2:]) + offset).to_bytes(2)).decode("utf-16-be", "ignore")

    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", raw, re.S):
        try:
            text = zlib.decompress(stream)
        except zlib.error:
            continue
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
            chars.update(char(dst) for dst in re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", block))
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
            for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                chars.update(char(dst, i) for i in range(int(hi, 16) - int(lo, 16) + 1))
    return chars


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def fixture_pdf(browser) -> Path:
    """The pack of the dashboard fixture's Digital Service Bureau (4 KPIs), printed."""
    dataset = load(FIXTURES / "kpis.yaml", FIXTURES / "seeds")
    html = ARTIFACTS / "pack-fixture.html"
    html.parent.mkdir(parents=True, exist_ok=True)
    write_pack(
        dataset,
        html,
        date(2024, 3, 31),
        kpis_of_bureau(dataset, "digital-service"),
        "ja",
        "デジタルサービス局",
    )
    pdf = ARTIFACTS / "pack-fixture.pdf"
    print_pdf(browser, html, pdf)
    return pdf


def test_fixture_pack_prints_one_page_per_kpi(fixture_pdf):
    raw = fixture_pdf.read_bytes()
    assert page_count(raw) == 1 + 4 + 1  # cover, one page per KPI, status rule and sources
    chars = unicode_chars(raw)
    assert set("デジタルサービス局Wi-Fi整備施設数研修受講者数達成期限超過") <= chars
    assert "鬱" not in chars  # only what is on the pages


@pytest.mark.skipif(PDFTOTEXT is None, reason=NO_POPPLER)
def test_fixture_pack_pages_start_with_their_kpi(fixture_pdf):
    pages = page_texts(fixture_pdf)
    assert pages[0].startswith("KPI進捗 会議資料\nデジタルサービス局")
    names = ["Wi-Fi整備施設数", "研修受講者数", "アンテナ設置数", "紙の使用量"]
    for number, (name, page) in enumerate(zip(names, pages[1:], strict=False), start=1):
        assert page.startswith(f"{number}. {name}"), page[:80]
        assert "出典の記述" in page  # the figure table is on the KPI's page
    assert "状態の判定" in pages[-1] and "出典" in pages[-1]


def test_digital_service_pack_of_the_real_data(browser):
    """The pack of data/kpis.yaml for the Digital Service Bureau; its first page is the PNG in docs/."""
    dataset = load()
    ids = kpis_of_bureau(dataset, "digital-service")
    html = ARTIFACTS / "pack-digital-service.html"
    pdf = ARTIFACTS / "pack-digital-service.pdf"
    write_pack(dataset, html, date(2024, 3, 31), ids, "ja", "デジタルサービス局")
    raw = print_pdf(browser, html, pdf)
    pages = page_count(raw)
    print(f"\nmeeting pack of digital-service: {len(ids)} KPIs, {pages} A4 pages ({pdf})")
    assert pages >= 1 + len(ids) + 1
    assert set("デジタルサービス局OpenRoaming対応Wi-Fiを整備した都有施設数") <= unicode_chars(raw)
    if PDFTOPPM:
        subprocess.run([PDFTOPPM, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(ARTIFACTS / "pack-digital-service")], check=True)  # fmt: skip
    if PDFTOTEXT:
        texts = page_texts(pdf)
        starts = [
            number for number in range(1, len(ids) + 1) if any(p.startswith(f"{number}. ") for p in texts)
        ]
        assert starts == list(range(1, len(ids) + 1))  # every KPI begins a page


def test_export_page_downloads_the_workbook_and_the_pack(browser, app):
    page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
    try:
        open_page(page, f"{app}/export?as_of=2024-03-31&bureau=startup-strategy")
        assert_clean(page)
        files = {}
        for label in ("Excelブック (xlsx) をダウンロード", "会議資料 (HTML・A4印刷用) をダウンロード"):
            with page.expect_download() as info:
                page.get_by_role("button", name=label).click()
            target = ARTIFACTS / info.value.suggested_filename
            info.value.save_as(target)
            files[target.suffix] = target
    finally:
        page.close()
    assert files[".xlsx"].name == "kpi-workbook-2024-03-31.xlsx"
    book = openpyxl.load_workbook(files[".xlsx"])
    assert [r[3] for r in book["KPI一覧"].iter_rows(min_row=3, values_only=True)] == [
        "startup-projects",
        "open-datasets",
    ]
    pack = files[".html"].read_text(encoding="utf-8")
    assert files[".html"].name == "kpi-pack-2024-03-31.html"
    assert "<h2>スタートアップ戦略室</h2>" in pack and pack.count('<section class="kpi"') == 2
