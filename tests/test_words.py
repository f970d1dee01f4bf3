"""The words in one place (model/words): both languages alike, every key used, no stray key."""

from __future__ import annotations

import ast
import string

import pytest

from model.words import dictionaries, en, ja, word

from conftest import PROJECT

WORDS_OF = dictionaries()
WORDS_DIR = PROJECT / "model" / "words"
CODE = [
    p
    for folder in ("model", "dashboard", "scripts")
    for p in sorted((PROJECT / folder).rglob("*.py"))
    if WORDS_DIR not in p.parents
]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def literals() -> tuple[set[str], set[str]]:
    """Every string constant of the code, and every f-string's constant head before a ``{``."""
    constants: set[str] = set()
    prefixes: set[str] = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and len(node.values) > 1:
                head = node.values[0]
                if isinstance(head, ast.Constant) and isinstance(head.value, str) and head.value:
                    prefixes.add(head.value)
    return constants, prefixes


def test_both_languages_have_the_same_keys() -> None:
    assert set(WORDS_OF["ja"]) ^ set(WORDS_OF["en"]) == set()


def test_both_languages_hold_each_key_in_the_same_area_module() -> None:
    assert [area.__name__.rsplit(".", 1)[1] for area in ja.AREAS] == [
        area.__name__.rsplit(".", 1)[1] for area in en.AREAS
    ]
    for ja_area, en_area in zip(ja.AREAS, en.AREAS, strict=True):
        assert set(ja_area.WORDS) == set(en_area.WORDS), ja_area.__name__


@pytest.mark.parametrize("lang", [ja, en], ids=["ja", "en"])
def test_no_key_is_in_two_area_modules(lang) -> None:
    """Joining the areas would silently keep only the last of two texts under one key."""
    keys = [key for area in lang.AREAS for key in area.WORDS]
    assert len(keys) == len(set(keys)) == len(lang.WORDS)


def test_every_area_module_is_joined() -> None:
    for lang in (ja, en):
        folder = WORDS_DIR / lang.__name__.rsplit(".", 1)[1]
        modules = {p.stem for p in folder.glob("*.py")} - {"__init__"}
        assert modules == {area.__name__.rsplit(".", 1)[1] for area in lang.AREAS}


@pytest.mark.parametrize("key", sorted(WORDS_OF["ja"]))
def test_both_languages_have_the_same_placeholders(key: str) -> None:
    assert placeholders(WORDS_OF["ja"][key]) == placeholders(WORDS_OF["en"][key])
    assert WORDS_OF["ja"][key].strip() or key in EMPTY_ALLOWED, "an empty Japanese word"


EMPTY_ALLOWED: set[str] = set()


def test_every_key_is_used_by_the_code() -> None:
    constants, prefixes = literals()
    unused = [
        key for key in WORDS_OF["ja"] if key not in constants and not any(key.startswith(p) for p in prefixes)
    ]
    assert unused == [], "words no code uses"


def test_the_english_dictionary_holds_no_japanese_and_the_japanese_one_is_japanese() -> None:
    japanese = [k for k, v in WORDS_OF["en"].items() if any("\u3040" <= c <= "\u9fff" for c in v)]
    assert set(japanese) <= BOTH_SCRIPTS, japanese
    latin_only = [k for k, v in WORDS_OF["ja"].items() if v and not any("\u3000" <= c <= "\uffef" for c in v)]
    assert set(latin_only) <= SAME_IN_BOTH, latin_only


#: Words written alike in both languages (symbols, formats, names of encodings).
SAME_IN_BOTH = {"kpi", "form_field_kpi", "quantity", "encoding_cp932"}
#: English words that quote Japanese in its own script (約, 2024年度 as one may type them …).
BOTH_SCRIPTS = {
    "language", "approximate", "input_date", "input_period", "input_value", "method_rules",
    "period_placeholder", "problem_approximate", "problem_number", "value_help", "value_placeholder",
}  # fmt: skip


def test_placeholders_are_filled() -> None:
    assert word("period_fy", "ja", year=2024) == "2024年度"
    assert word("period_fy", "en", year=2024) == "FY2024"
    assert word("period_fy", "fr", year=2024) == "FY2024"  # any other language reads English


def test_every_word_the_code_asks_for_exists() -> None:
    """``t("key", …)`` / ``word("key", …)`` with a key no dictionary holds would fail at run time."""
    asked: set[str] = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ("t", "word") and isinstance(node.args[0].value, str):
                asked.add(node.args[0].value)
    assert asked - set(WORDS_OF["ja"]) == set()
