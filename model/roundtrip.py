"""Round-trip editing of the data file's text with ruamel.yaml (comments and layout kept)."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML, YAMLError


class RoundTripError(Exception):
    """ruamel.yaml cannot read the text (the reason is in the message)."""


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
