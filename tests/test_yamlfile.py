import codecs
import textwrap

import pytest

from model import yamlfile
from model.yamlfile import YamlProblem, decode, parse_text, read_yaml


def test_lines_of_keys_and_items():
    yd = parse_text(
        textwrap.dedent("""\
        kpis:
          - id: a
            targets:
              - value: 1
          - id: b
        """)
    )
    assert yd.lines[("kpis", 0, "id")] == 2
    assert yd.lines[("kpis", 0, "targets", 0, "value")] == 4
    assert yd.lines[("kpis", 1)] == 5
    assert yd.line_of(("kpis", 1, "unit")) == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1", 1),
        ("a: 1.5", 1.5),
        ("a: true", True),
        ("a: ~", None),
        ("a: '1'", "1"),
        ("a: 2024-02-15", "2024-02-15"),
        ("a: FY2024", "FY2024"),
        ("a: |\n  x\n", "x\n"),
    ],
)
def test_scalars(text, expected):
    assert parse_text(text).data["a"] == expected


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", 4, 'duplicate key "c" (first given on line 3)'),
        ("a: &x [1]\nb: *x\n", 1, "anchors and aliases"),
        ("a: !!python/object:os.system x\n", 1, "tags"),
        ("a: [1\n", 2, "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", 2, "one YAML document"),
        ("? [a]\n: 1\n", 1, "mapping key must be plain text"),
    ],
)
def test_refusals(text, line, fragment):
    with pytest.raises(YamlProblem) as info:
        parse_text(text)
    assert info.value.line == line
    assert fragment in info.value.message


@pytest.mark.parametrize(
    ("text", "line", "path"),
    [
        ("a: 1\nb: " + "9" * 4301 + "\n", 2, ("b",)),
        ("kpis:\n  - id: x\n    name: {ja: " + "9" * 5000 + ", en: y}\n", 3, ("kpis", 0, "name", "ja")),
        ("- [1, -" + "1" * 10_000 + "]\n", 1, (0, 1)),
    ],
)
def test_integer_too_long_for_python_is_a_problem_at_its_line_and_path(text, line, path):
    with pytest.raises(YamlProblem) as info:
        parse_text(text)
    assert (info.value.line, info.value.path) == (line, path)
    assert "digits is too long" in info.value.message


def test_integer_too_long_as_a_key_stays_text():
    assert parse_text("? " + "9" * 5000 + "\n: 1\n").data == {"9" * 5000: 1}


def test_billion_laughs_is_refused_before_expansion():
    lol = 'a: &a ["lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(20)
    )
    with pytest.raises(YamlProblem, match="anchors and aliases"):
        parse_text(lol)


@pytest.mark.parametrize(
    ("raw", "line", "fragment"),
    [
        (codecs.BOM_UTF16_LE + "a: 1".encode("utf-16-le"), 1, "UTF-16"),
        ("a: 1\nb: 東京\n".encode("shift_jis"), 2, "Shift_JIS"),
        (b"a: 1\nb: \xff\n", 2, "not valid UTF-8"),
    ],
)
def test_decode_refuses_other_encodings(raw, line, fragment):
    with pytest.raises(YamlProblem) as info:
        decode(raw)
    assert info.value.line == line and fragment in info.value.message


def test_bom_and_crlf_are_fine():
    assert parse_text(decode(codecs.BOM_UTF8 + b"a: 1\r\nb: 2\r\n")).data == {"a": 1, "b": 2}


def test_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 10)
    path = tmp_path / "big.yaml"
    path.write_text("a: 1234567890\n")
    with pytest.raises(YamlProblem, match="limit"):
        read_yaml(path)


def test_missing_file(tmp_path):
    with pytest.raises(YamlProblem, match="cannot read"):
        read_yaml(tmp_path / "nope.yaml")
