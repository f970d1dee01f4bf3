"""Loading at the UI edge (dashboard/data.py): one cache keyed on the inputs' fingerprint and
the date, correct when the data or a seed changes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from model import cache
from model.frames import overview_frame

from conftest import DASHBOARD_FIXTURES

DAY = date(2024, 3, 31)


def _served():
    from dashboard import data

    loaded = data.current()
    assert loaded.dataset is not None, loaded.problems
    return loaded.dataset


def _value(frame, kpi: str = "wifi-sites"):
    return frame.set_index("kpi_id").loc[kpi, "actual"]


@pytest.mark.usefixtures("app_data")
def test_the_overview_is_shared_for_one_dataset_and_date():
    from dashboard import data

    dataset = _served()
    first = data.overview(dataset, DAY)
    assert data.overview(dataset, DAY) is first  # kept, not rebuilt
    assert data.overview(dataset, date(2023, 3, 31)) is not first  # another date, another entry
    assert first.equals(overview_frame(dataset, DAY))


def test_an_edit_of_the_data_file_is_shown_at_once(app_data):
    from dashboard import data

    path: Path = app_data.copy
    before = _served()
    assert _value(data.overview(before, DAY)) == 650
    text = path.read_text(encoding="utf-8")
    # the FY2023 actual becomes 500, quoting a passage of the seed that holds 500
    edited = text.replace("        value: 650\n", "        value: 500\n").replace(
        "quote: 2023(R5)年度末までに約650か所を整備", "quote: 2022(R4)年度末までに500か所を整備"
    )
    assert edited.count("500か所を整備") == 2
    path.write_text(edited, encoding="utf-8")
    after = _served()
    assert after.fingerprint != before.fingerprint
    assert _value(data.overview(after, DAY)) == 500
    assert _value(data.overview(before, DAY)) == 650  # the old dataset's entry is its own


def test_a_seed_edit_changes_the_fingerprint(app_data, tmp_path):

    seeds = tmp_path / "seeds"
    shutil.copytree(DASHBOARD_FIXTURES / "seeds", seeds)
    app_data(app_data.copy, seeds)
    before = _served()
    seed = next(p for p in seeds.iterdir() if p.is_file())
    seed.write_bytes(seed.read_bytes() + "\n追記。\n".encode())
    after = _served()
    assert after.fingerprint != before.fingerprint
    assert after.fingerprint == cache.fingerprint(app_data.copy.read_bytes(), seeds)
    assert after.fingerprint == cache.fingerprint(app_data.copy, seeds)  # from the path: the same


def test_a_dataset_of_unknown_inputs_is_not_kept(app_data):
    from dashboard import data
    from model.loader import load

    plain = load(app_data.copy, Path(data.data_paths()[1]))
    assert not hasattr(plain, "fingerprint")
    assert data.overview(plain, DAY) is not data.overview(plain, DAY)


def test_a_rerun_of_the_overview_rebuilds_no_kpi_table(app_data, monkeypatch):
    """The past-due table is built once per dataset, date and view, not on every rerun."""
    from dashboard import tables, ui

    from conftest import open_app

    built = []

    def counting(frame, lang):
        built.append(lang)
        return tables.kpi_table(frame, lang)

    monkeypatch.setattr(ui, "kpi_table", counting)
    at = open_app()
    assert built  # the fixture has KPIs past due
    first = len(built)
    at.run()
    at.run()
    assert len(built) == first
    open_app(lang="en")
    assert len(built) > first and built[-1] == "en"  # another view, built for it
