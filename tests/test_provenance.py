import pytest

from model.provenance import Seeds, is_approximate, normalise, numbers_in, says_more_than, states_value


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("都有施設約1,300か所に整備", {1300}),
        ("〔受講規模：８,０００人/年〕", {8000}),
        ("200万人", {200, 2_000_000}),
        ("1億2,000万円", {1, 2000, 100_000_000, 20_000_000, 120_000_000}),
        ("45.3%", {45.3}),
        ("2023.10\t37", {2023.1037, 2023.10, 37}),
        ("1,3\n00か所", {1300}),
    ],
)
def test_numbers_in(quote, expected):
    assert numbers_in(quote) >= expected


@pytest.mark.parametrize(
    ("quote", "value", "ok"),
    [
        ("約1,300か所", 1300, True),
        ("約1,300か所", 130, False),
        ("3,371億円", 337_100_000_000, True),
        ("3,371億円", 3371, True),
        ("50%削減", 0.5, False),
    ],
)
def test_states_value(quote, value, ok):
    assert states_value(quote, value) is ok


@pytest.mark.parametrize(
    ("quote", "value", "ok"),
    [
        ("1", 1, False),
        ("1,300", 1300, False),
        ("１,３００", 1300, False),
        (" 1 1 ", 1, False),
        ("〔8,000〕", 8000, False),
        ("200万", 2_000_000, False),
        ("1億2,000万", 120_000_000, False),
        ("45.3", 45.3, False),
        ("約1,300か所", 1300, True),
        ("８,０００人", 8000, True),
        ("200万人", 2_000_000, True),
        ("200万人", 200, True),
        ("2023.10 37", 37, True),
        ("45.3%", 45.3, True),
        ("第1位", 1, True),
        ("1,3\n00か所", 1300, True),
    ],
)
def test_a_quote_must_say_more_than_the_number(quote, value, ok):
    assert states_value(quote, value)
    assert says_more_than(quote, value) is ok


def test_normalise_removes_whitespace_and_widths():
    assert normalise("８,０００ 人\n/年") == "8,000人/年"


@pytest.mark.parametrize(
    ("quote", "approx"),
    [
        ("約330か所", True),
        ("約 ３３０か所", True),
        ("50名程度", True),
        ("65か所", False),
        ("オンライン予約 3,000件", False),
        ("契約 12件", False),
        ("程度の差はあるが 5件", False),
    ],
)
def test_is_approximate(quote, approx):
    assert is_approximate(quote) is approx


def test_seeds_contains_across_line_breaks(tmp_path):
    (tmp_path / "a.txt").write_text("都有施設約1,300か所に整\n備する", encoding="utf-8")
    seeds = Seeds(tmp_path)
    assert seeds.contains("a.txt", "約1,300か所に整備")
    assert not seeds.contains("a.txt", "約1,400か所")
    assert not seeds.contains("b.txt", "約1,300か所")
    assert not seeds.contains("../a.txt", "約1,300か所")
