import sys
import unicodedata

import pytest

from model.visible import HIDDEN_CATEGORIES, describe, hidden_in, reveal


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("約1,300か所に整備", "約1,300か所に整備"),
        ("abc\u202edef", "abc\\u202edef"),
        ("a\u2066b\u2069", "a\\u2066b\\u2069"),
        ("a\u200bb\u200dc\u2060d", "a\\u200bb\\u200dc\\u2060d"),
        ("\ufeffx", "\\ufeffx"),
        ("x\x1b[31my", "x\\x1b[31my"),
        ("a\u2028b", "a\\u2028b"),
        ("a\nb", "a\nb"),
        ("東京\u3000都 2024", "東京\u3000都 2024"),
        ("👍🏽", "👍🏽"),
    ],
)
def test_reveal_escapes_hidden_characters_and_keeps_line_breaks(text, shown):
    assert reveal(text) == shown


def test_reveal_can_escape_line_breaks_too():
    assert reveal("a\nb\tc", keep="") == "a\\nb\\tc"


def test_hidden_characters_are_named():
    assert [describe(c) for c in hidden_in("a\u202eb\u200bc\u202e\x1b")] == [
        "U+202E (RIGHT-TO-LEFT OVERRIDE)",
        "U+200B (ZERO WIDTH SPACE)",
        "U+001B (ESCAPE)",
    ]


def test_every_hidden_character_is_found_whatever_surrounds_it():
    hidden = [c for c in map(chr, range(sys.maxunicode + 1)) if unicodedata.category(c) in HIDDEN_CATEGORIES]
    assert len(hidden) > 2000  # controls, formats, surrogates, line and paragraph separators
    for char in hidden:  # alone among printable text, where hidden_in may take its short cut
        assert hidden_in(f"東京{char}都 2024年") == [char], describe(char)
        assert hidden_in(f"東京\u3000{char}") == [char], describe(char)
    assert hidden_in("東京都 2024 👍🏽") == []
    assert hidden_in("東京\u3000都") == []  # not printable, yet nothing hidden
