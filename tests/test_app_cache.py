"""The dashboard never shows what validation would reject, whatever the cache folder holds."""

from __future__ import annotations

import pytest
from test_cache import INVENTED_QUOTE, forge

from conftest import open_app


@pytest.mark.usefixtures("app_data")
def test_a_forged_cache_entry_does_not_reach_the_kpi_page(tmp_path, monkeypatch) -> None:
    from dashboard import data

    folder = tmp_path / "cache"
    monkeypatch.setenv("KPI_CACHE_DIR", str(folder))
    open_app("kpi", kpi="wifi-sites")  # a valid load writes the entry
    (entry,) = folder.glob("*.entry")
    forge(entry)
    data.clear_cache()  # a new process: only the cache folder remembers the data
    data.forget()
    at = open_app("kpi", kpi="wifi-sites")
    shown = "".join(str(frame.value.to_dict()) for frame in at.dataframe)
    assert "2021(R3)年度末までに300か所を整備" in shown
    assert INVENTED_QUOTE not in shown and "99,999" not in shown
