"""Sources by title and passages in context (dashboard/sources.py)."""

from __future__ import annotations

import pytest

from dashboard.sources import SourceBook
from model.loader import load

from conftest import PROJECT

STRATEGY = "003_53b4341d68961c7d.txt"


def book() -> SourceBook:
    return SourceBook.of(load(PROJECT / "data" / "kpis.yaml", PROJECT / "seeds"))


def test_a_source_is_cited_by_title_and_date_never_by_file_name() -> None:
    sources = book()
    assert (
        sources.cited(STRATEGY, "ja")
        == "スマート東京実施戦略 season 5 ～2024(令和6)年度の取組～（2024年3月29日）"
    )
    assert sources.cited(STRATEGY, "en").endswith("(29 Mar 2024)")
    assert sources.published("004_ce87e72baf5f5479.txt", "ja") == "2022年2月"  # only the month is known
    assert sources.url("shintosei-2024q2-openroaming").startswith("https://")
    assert sources.title("not-registered") == "not-registered"


def test_a_passage_places_the_quote_in_its_seed_with_the_lines_around_it() -> None:
    passage = book().passage(STRATEGY, "2025(R7)年度末までに、都有施設約1,300か所に整備")
    assert passage is not None
    assert passage.quote == "2025(R7)年度末までに、都有施設約1,300か所に整備"
    assert "OpenRoaming対応Wi-Fiの整備" in passage.before and passage.before.count("\n") == 3
    assert passage.after.startswith("\n- 区市町村に対し") and passage.after.count("\n") == 3


def test_a_quote_broken_across_lines_or_in_full_width_digits_is_still_placed() -> None:
    sources = book()
    anywhere = sources.passage(
        STRATEGY, "2023(R5)年度中に約330か所の都有施設にOpenRoaming対応Wi-Fiを新規整備"
    )
    assert anywhere is not None and "330" in anywhere.quote


def test_no_passage_for_a_web_source_or_an_unknown_quote() -> None:
    sources = book()
    assert sources.passage("shintosei-2024q2-openroaming", "都有施設638カ所") is None
    assert sources.passage(STRATEGY, "この文は原文にない") is None


@pytest.mark.parametrize("blank", ["", "\n", "\n\n\n", "   \n"])
@pytest.mark.parametrize("filler", [1, 50, 5000])
def test_the_lines_around_a_quote_deep_in_a_long_seed(tmp_path, blank, filler) -> None:
    """The context lines are the nearest non-blank ones however long the seed and however many
    blank lines stand between them and the quote."""
    seed = tmp_path / "long.txt"
    lines = [f"前の行{i}" + "あ" * 40 for i in range(filler)]
    after = [f"後の行{i}" + "い" * 40 for i in range(filler)]
    body = "\n".join(lines) + "\n" + blank + "目標は1,234件とする\n" + blank + "\n".join(after) + "\n"
    seed.write_text(body, encoding="utf-8")
    source_book = SourceBook({}, set(), tmp_path)
    passage = source_book.passage("long.txt", "目標は1,234件とする", lines=2)
    assert passage is not None
    assert passage.before.splitlines() == lines[-2:]
    assert passage.after.splitlines()[1:] == after[:2]
