"""How a typed value is read (model/values.py): one rule for the command line and the form."""

import pytest

from model.cli.reporting import _number
from model.values import TypedValue, ValueTextError, parse_value

ACCEPTED = [
    ("1300", 1300.0, False),
    ("1,300", 1300.0, False),
    (" 1,300 ", 1300.0, False),
    ("0.5", 0.5, False),
    ("1,300.5", 1300.5, False),
    ("約1,300", 1300.0, True),
    ("約 900", 900.0, True),
    ("~900", 900.0, True),
    ("１，３００", 1300.0, False),  # full-width, as typed with a Japanese input method
    ("0", 0.0, False),
]
REFUSED = [
    ("-5", "negative"),
    ("約-5", "negative"),
    ("1,30", "not a number"),
    ("13,00", "not a number"),
    ("1.300,5", "not a number"),
    ("abc", "not a number"),
    ("", "not a number"),
    ("inf", "not a number"),
    ("1e400", "not a number"),
    ("9" * 400, "too large"),
]


@pytest.mark.parametrize(("text", "value", "approximate"), ACCEPTED)
def test_accepted(text, value, approximate):
    assert parse_value(text) == TypedValue(value, approximate)


@pytest.mark.parametrize(("text", "why"), REFUSED)
def test_refused_with_the_reason(text, why):
    with pytest.raises(ValueTextError, match=why):
        parse_value(text)


@pytest.mark.parametrize(("text", "value", "approximate"), ACCEPTED)
def test_the_command_line_reads_values_the_same_way(text, value, approximate):
    assert _number(text) == TypedValue(value, approximate)


def test_the_form_reads_values_the_same_way():
    from dashboard import editing
    from model.update import UpdateError

    assert editing.parse_value("約1,300") == TypedValue(1300.0, True)
    with pytest.raises(UpdateError, match="negative"):
        editing.parse_value("-5")
