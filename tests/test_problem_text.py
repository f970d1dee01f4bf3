"""Problems in the reader's language and a curator's words (dashboard/problem_text.py)."""

from __future__ import annotations

import string

import pytest

from dashboard.problem_text import PATTERNS, field_text, message_text, problem_text
from model.loader import check
from model.problems import Problem
from model.words import dictionaries

from conftest import FIXTURES, SEEDS

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize(
    ("path", "ja", "en"),
    [
        ("observations[2].quote", "実績・計画（3件目）の出典の記述", "figure 3, quote"),
        (
            "targets[0].derived.parts[1].value",
            "目標（1件目）の計算の部分（2件目）の値",
            "target 1, derivation, part 2, value",
        ),
        ("unit", "単位", "unit"),
    ],
)
def test_fields_in_words(path: str, ja: str, en: str) -> None:
    assert field_text(path, "ja") == ja and field_text(path, "en") == en


def test_a_problem_names_the_file_without_its_folder_the_kpi_and_the_field() -> None:
    problem = Problem(
        "error", "/srv/app/data/kpis.yaml", 166,
        "quote not found in 003_x.txt (compared without spaces, NFKC)", "wifi", "observations[2].quote",
    )  # fmt: skip
    ja = problem_text(problem, "ja", {"003_x.txt": "スマート東京実施戦略"})
    assert ja == (
        "kpis.yaml の 166 行目、KPI「wifi」、実績・計画（3件目）の出典の記述："
        "出典「スマート東京実施戦略」にこの記述が見つかりません（空白と全角・半角の違いは無視して照合しています）"
    )
    en = problem_text(problem, "en")
    assert "/srv" not in en and "NFKC" not in en and "observations[2]" not in en


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_every_problem_of_the_invalid_fixtures_reads_as_words(path) -> None:
    """Each fixture's problem is matched by a pattern: no field path, no English on a Japanese page."""
    _, problems = check(path, SEEDS)
    for problem in problems:
        text = message_text(problem.message, "ja")
        assert text != problem.message or not any(c.isascii() and c.isalpha() for c in text), problem.message


@pytest.mark.parametrize(("pattern", "key"), PATTERNS, ids=[k for _, k in PATTERNS])
def test_every_pattern_fills_every_placeholder_of_its_words(pattern, key) -> None:
    for lang in ("ja", "en"):
        wanted = {name for _, name, _, _ in string.Formatter().parse(dictionaries()[lang][key]) if name}
        assert wanted <= set(pattern.groupindex), (lang, wanted - set(pattern.groupindex))


def test_a_message_no_pattern_knows_is_shown_as_the_model_wrote_it() -> None:
    assert message_text("something new", "ja") == "something new"
