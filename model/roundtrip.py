"""Round-trip editing of the data file's text with ruamel.yaml (comments and layout kept).

ruamel.yaml is pure Python: a whole 8 MB file takes minutes and a gigabyte to load and dump.
An edit of one KPI therefore cuts that KPI's lines out of the file, round-trips only them and
puts them back; everything else stays byte for byte. The cut is used only when it is safe:
the lines must hold exactly that KPI (compared with the parsed file) and come back unchanged
from ruamel before the edit; otherwise the whole file is round-tripped as before.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from model.audit import Change
from model.yamlfile import YamlData, YamlProblem, parse_text


class RoundTripError(Exception):
    """ruamel.yaml cannot read the text (the reason is in the message)."""


@dataclass(frozen=True)
class Edit:
    """A change made to the round-trip tree; ``kpi`` when it touches that one KPI only."""

    change: Callable[[CommentedMap], Change]
    kpi: str | None = None

    def __call__(self, tree: CommentedMap) -> Change:
        return self.change(tree)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str) -> Any:
    """The round-trip tree of ``text``; RoundTripError when ruamel cannot read it."""
    try:
        return _yaml().load(text)
    except (YAMLError, ValueError, RecursionError) as exc:  # ValueError: e.g. 2023-02-30
        raise RoundTripError(str(exc)) from None


def render(tree: Any) -> str:
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


#: Line breaks other than \n make line numbers ambiguous: such files are edited whole.
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _kpi_index(data: Any, kpi_id: str) -> int | None:
    kpis = data.get("kpis") if isinstance(data, dict) else None
    if not isinstance(kpis, list):
        return None
    return next((i for i, k in enumerate(kpis) if isinstance(k, dict) and k.get("id") == kpi_id), None)


def _bounds(yd: YamlData, index: int, count: int) -> tuple[int, int]:
    """1-based first line of KPI ``index`` and the first line after it (next KPI or next key)."""
    start = yd.lines[("kpis", index)]
    if index + 1 < len(yd.data["kpis"]):
        return start, yd.lines[("kpis", index + 1)]
    later = [yd.lines[(key,)] for key in yd.data if yd.lines.get((key,), 0) > start]
    return start, min(later, default=count + 1)


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def kpi_lines(text: str, yd: YamlData, kpi_id: str) -> tuple[int, int] | None:
    """0-based [start, end) of the lines holding exactly KPI ``kpi_id``, when they can be cut."""
    if any(b in text for b in _OTHER_BREAKS):
        return None
    return _span(_lines(text), yd, kpi_id)


def _span(lines: list[str], yd: YamlData, kpi_id: str) -> tuple[int, int] | None:
    index = _kpi_index(yd.data, kpi_id)
    if index is None:
        return None
    start, end = _bounds(yd, index, len(lines))
    start, end = start - 1, end - 1
    trimmed = end  # comments and blank lines after the KPI stay where they are
    while trimmed > start + 1 and _blank_or_comment(lines[trimmed - 1]):
        trimmed -= 1
    expected = [yd.data["kpis"][index]]
    for stop in dict.fromkeys((trimmed, end)):
        chunk = "".join(lines[start:stop])
        try:
            if parse_text(chunk).data == expected and render(load(chunk)) == chunk:
                return start, stop
        except (YamlProblem, RoundTripError):
            continue
    return None


def edit_text(text: str, yd: YamlData, edit: Edit) -> tuple[str, Change]:
    """The text after ``edit`` and what it changed; only the KPI's lines when it can be cut."""
    cut = edit.kpi is not None and not any(b in text for b in _OTHER_BREAKS)
    lines = _lines(text) if cut else []
    span = _span(lines, yd, edit.kpi) if cut and edit.kpi is not None else None
    if span is None:
        tree = load(text)
        if not isinstance(tree, CommentedMap):
            raise RoundTripError("the data file is not a mapping")
        change = edit(tree)
        return render(tree), change
    start, end = span
    part: CommentedSeq = load("".join(lines[start:end]))
    change = edit(CommentedMap([("kpis", part)]))
    return "".join(lines[:start]) + render(part) + "".join(lines[end:]), change
