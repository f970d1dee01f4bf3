"""dashboard/ui.py: every table comes with a formula-safe CSV download, the toolbar's own is off."""

from __future__ import annotations

import csv
import io
import tomllib

import pandas as pd
import pytest

from dashboard.ui import table_csv

from conftest import DASHBOARD_FIXTURES, PROJECT, open_app


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ('+HYPERLINK("http://x","y")', '\'+HYPERLINK("http://x","y")'),
        ("-2+3", "'-2+3"),
        ("'quoted", "''quoted"),
        ("Wi-Fi整備施設数", "Wi-Fi整備施設数"),
    ],
)
def test_table_csv_escapes_formula_text_in_cells_and_names(cell, written) -> None:
    frame = pd.DataFrame({cell: [cell], "件数": [3]})
    rows = list(csv.reader(io.StringIO(table_csv(frame).decode("utf-8-sig"))))
    assert rows == [[written, "件数"], [written, "3"]]


def test_the_tables_own_export_is_off_in_the_project_settings() -> None:
    settings = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["client"]["disableDataExport"] is True


@pytest.mark.parametrize("page", ["overview", "years", "bureaus", "kpi", "changes"])
def test_every_table_has_its_download_button(app_data, page) -> None:
    app_data(DASHBOARD_FIXTURES / "kpis.yaml")
    at = open_app(page, as_of="2025-03-31", kpi="wifi-sites", fy="FY2023", **{"from": "2023-03-31"})
    tables = at.dataframe
    buttons = at.get("download_button")
    assert tables and len(buttons) >= len(tables), (len(tables), len(buttons))
