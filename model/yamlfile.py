"""Read a YAML file into plain Python data, remembering the line of every value.

Built directly on the YAML event stream (libyaml's ``CParser`` when present) so that
in a single pass it can:

* record the line of every mapping key and sequence item, for error messages;
* refuse duplicate mapping keys (PyYAML silently keeps the last one: lost data);
* refuse anchors, aliases and tags (aliases allow "billion laughs" expansion);
* refuse nesting deeper than :data:`MAX_DEPTH`, files larger than :data:`MAX_BYTES`;
* keep dates as text (periods are parsed by :mod:`model.periods`, not by YAML).
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from model.problems import Path

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32

_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_SCALAR_BUILDERS = {
    "tag:yaml.org,2002:null": lambda node: None,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
}


class YamlProblem(Exception):
    """The file cannot be read as YAML at all."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class YamlData:
    """Plain data plus the 1-based line of each path (mapping keys and list items)."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """Line of ``path`` or of its nearest ancestor that has one (the file's top: line 1)."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


def decode(raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM); name the line of the first undecodable byte."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise YamlProblem(1, "the file is saved as UTF-16; save it as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        bad = raw[exc.start : exc.start + 2].hex(" ")
        raise YamlProblem(
            line,
            f"the file is not valid UTF-8 (bytes {bad}; was it saved as Shift_JIS?): save it as UTF-8",
        ) from None


def _scalar(event: yaml.ScalarEvent, line: int) -> Any:
    if event.tag not in (None, "!"):
        raise YamlProblem(line, f"YAML tags such as {event.tag} are not allowed")
    plain = event.implicit[0] and not event.style
    if not plain:
        return event.value
    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
    build = _SCALAR_BUILDERS.get(tag)
    if build is None:  # strings, and timestamps which we keep as text
        return event.value
    return build(yaml.ScalarNode(tag, event.value))


class _Builder:
    """Turns the event stream into data; a stack of open containers."""

    def __init__(self) -> None:
        self.lines: dict[Path, int] = {}
        self.stack: list[tuple[Any, Path, list[Any]]] = []  # (container, path, [pending key])
        self.root: Any = None
        self.documents = 0

    def _child_path(self, line: int, for_key: bool) -> Path | None:
        """Path of the next value in the open container; None when it is a mapping key."""
        if not self.stack:
            return ()
        container, path, pending = self.stack[-1]
        if isinstance(container, list):
            child = (*path, len(container))
            self.lines[child] = line
            return child
        if not pending:
            if not for_key:
                raise YamlProblem(line, "a mapping key must be plain text, not a list or mapping")
            return None
        return (*path, pending[0])

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        container, _, pending = self.stack[-1]
        if isinstance(container, list):
            container.append(value)
        else:
            container[pending.pop()] = value

    def _key(self, event: yaml.ScalarEvent, line: int) -> None:
        container, path, pending = self.stack[-1]
        key = event.value
        if key in container:
            first = self.lines.get((*path, key))
            raise YamlProblem(
                line,
                f'duplicate key "{key}" (first given on line {first}); '
                "YAML would silently keep only the last one",
            )
        pending.append(key)
        self.lines[(*path, key)] = line

    def feed(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(line, "anchors and aliases (&name, *name) are not allowed")
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem(line, "the file must hold one YAML document, not several")
        elif isinstance(event, yaml.ScalarEvent):
            path = self._child_path(line, for_key=True)
            if path is None:
                self._key(event, line)
            else:
                self._attach(_scalar(event, line))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.tag not in (None, "!"):
                raise YamlProblem(line, f"YAML tags such as {event.tag} are not allowed")
            path = self._child_path(line, for_key=False)
            assert path is not None
            if len(self.stack) >= MAX_DEPTH:
                raise YamlProblem(line, f"nesting is deeper than {MAX_DEPTH} levels")
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            self._attach(container)
            self.stack.append((container, path, []))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()


def parse_text(text: str) -> YamlData:
    builder = _Builder()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "unreadable YAML"
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        raise YamlProblem(line, f"YAML syntax error: {problem}{context}") from None
    except yaml.reader.ReaderError as exc:  # a control character: no mark, only a position
        line = text.count("\n", 0, exc.position) + 1
        raise YamlProblem(
            line, f"character U+{exc.character:04X} is not allowed in YAML ({exc.reason})"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML error: {exc}") from None
    return YamlData(builder.root, builder.lines)


#: Re-reads allowed when the file changes while it is being read (a non-atomic writer).
READ_ATTEMPTS = 3


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_ino, st.st_size, st.st_mtime_ns


def read_stable(path: FsPath) -> bytes:
    """The file's bytes, read while it did not change (same inode, size and mtime before
    and after the read), so a half-written file is not taken for a short one."""
    for _ in range(READ_ATTEMPTS):
        try:
            before = path.stat()
            if before.st_size > MAX_BYTES:
                raise YamlProblem(None, f"the file is {before.st_size:,} bytes; the limit is {MAX_BYTES:,}")
            with open(path, "rb") as handle:
                raw = handle.read(before.st_size + 1)  # more than expected: it grew
                after = os.fstat(handle.fileno())
        except OSError as exc:
            raise YamlProblem(None, f"cannot read the file: {exc.strerror}") from None
        if len(raw) > MAX_BYTES:
            raise YamlProblem(None, f"the file is over the limit of {MAX_BYTES:,} bytes")
        if _stamp(before) == _stamp(after) and len(raw) == after.st_size:
            return raw
    raise YamlProblem(None, "the file kept changing while it was read; try again")


def read_yaml(path: FsPath) -> YamlData:
    """Read and parse ``path``; raise :class:`YamlProblem` for anything unreadable."""
    return parse_text(decode(read_stable(path)))


__all__ = ["MAX_BYTES", "MAX_DEPTH", "YamlData", "YamlProblem", "read_yaml"]
