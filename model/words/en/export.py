"""English words: the meeting pack and the Export page; the same keys as ``ja/export.py``."""
# ruff: noqa: E501 (one sentence per line: a dictionary reads and greps best that way)

WORDS: dict[str, str] = {
    # the meeting pack (dashboard/pack.py)
    "pack_title": "KPI progress: meeting pack",
    "pack_as_of": "As of {as_of} (figures public by that day)",
    "pack_made": "Made {today} by the Tokyo KPI Tracker",
    "pack_contents": "KPIs in this pack",
    "pack_no_figures": "No figure has been published yet.",
    "pack_rule": "How the status is decided",
    "pack_sources": "Sources",
    "pack_doc_title": "Title",
    "pack_publisher": "Publisher",
    "pack_published": "Published",
    # the Export page
    "export_intro": "Snapshot for the current filters and evaluation date {as_of} ({n} rows)",
    "encoding": "Encoding",
    "encoding_help": "UTF-8 with BOM opens correctly in Excel",
    "download_csv": "Download CSV",
    "download_table": "Download this table (CSV)",
    "download_xlsx": "Download the Excel workbook (xlsx)",
    "download_pack": "Download the meeting pack (HTML, prints on A4)",
    "pack_help": "One page per KPI of the current filters: chart, figures with sources, status; open and print",
    "xlsx_help": "Three sheets (KPIs, figures with sources, notes): typed numbers and dates, frozen headers, filters",
    "download_yaml": "Download the data file (YAML)",
    "yaml_unavailable": "The YAML file of the data shown cannot be downloaded right now.",
    "encoding_error": "Cannot export with this encoding: {error}",
    "encoding_utf-8-sig": "UTF-8 with BOM",
    "encoding_utf-8": "UTF-8 without BOM",
    "encoding_cp932": "Shift_JIS (cp932)",
    "export_no_rows": "There are no rows to export for these filters and date.",
}
