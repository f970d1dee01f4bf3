import io

import pytest

from model.terminal import for_terminal, write_lines


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ('kpi "x\x1b[2J\x1b[31mred": unknown', 'kpi "x\\x1b[2J\\x1b[31mred": unknown'),
        ("a\nforged line", "a\\nforged line"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("\x9b31m", "\\x9b31m"),
        ("data/kpis.yaml:3: 東京都\u3000デジタル", "data/kpis.yaml:3: 東京都\u3000デジタル"),
    ],
)
def test_messages_are_escaped_for_the_terminal(message, shown):
    assert for_terminal(message) == shown


def test_reports_keep_their_line_breaks_but_escape_the_rest():
    out = io.StringIO()
    write_lines("changed (1)\n  x\x1b[31m\u2028y\n", out)
    assert out.getvalue() == "changed (1)\n  x\\x1b[31m\\u2028y\n"
