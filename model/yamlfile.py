"""Read a YAML file into plain Python data, remembering the line of every value.

Built directly on the YAML event stream (libyaml's ``CParser`` when present) so that
in a single pass it can:

* record the line of every mapping key and sequence item, for error messages;
* refuse duplicate mapping keys (PyYAML silently keeps the last one: lost data);
* refuse anchors, aliases and tags (aliases allow "billion laughs" expansion);
* refuse nesting deeper than :data:`MAX_DEPTH`, files larger than :data:`MAX_BYTES`;
* keep dates as text (periods are parsed by :mod:`model.periods`, not by YAML);
* turn an integer too long for Python (over 4,300 digits) into a problem at its line.
"""

from __future__ import annotations

import codecs
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from model.problems import FieldPath

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # the pure-Python twin of CSafeLoader

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32

_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_SCALAR_BUILDERS = {
    "tag:yaml.org,2002:null": lambda _node: None,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
}


class YamlProblem(Exception):
    """The file cannot be read as YAML at all.

    ``path`` is the data path of the offending value when known, and ``partial`` the data
    read until then (so that the KPI it belongs to can be named).
    """

    def __init__(
        self, line: int | None, message: str, path: FieldPath | None = None, partial: Any = None
    ) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.path = path
        self.partial = partial


@dataclass
class YamlData:
    """Plain data plus the 1-based line of each path (mapping keys and list items)."""

    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int:
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


def _too_long(text: str, line: int, path: FieldPath, partial: Any) -> YamlProblem:
    """The problem of a plain integer that Python refuses to convert (over 4,300 digits)."""
    digits = sum(c.isdigit() for c in text)
    return YamlProblem(
        line,
        f"a number of {digits:,} digits is too long (the limit is {sys.get_int_max_str_digits():,}); "
        "write a plain number such as 1300, or put text in quotes",
        path,
        partial,
    )


#: Kinds of parser events, as plain ints (compared in the hot loop of :func:`_build`).
SCALAR, MAPPING, SEQUENCE, END, DOCUMENT, ALIAS = range(6)
_EVENT_KINDS: dict[type[yaml.Event], int] = {
    yaml.ScalarEvent: SCALAR,
    yaml.MappingStartEvent: MAPPING,
    yaml.SequenceStartEvent: SEQUENCE,
    yaml.MappingEndEvent: END,
    yaml.SequenceEndEvent: END,
    yaml.DocumentStartEvent: DOCUMENT,
    yaml.AliasEvent: ALIAS,
}
_NO_KEY = object()  # a mapping frame waiting for its next key


def _plain(text: str) -> Any:
    """The value of a plain (unquoted, untagged) scalar; ValueError for an over-long integer.

    Strings, and timestamps which we keep as text, stay as they are.
    """
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]  # PyYAML has no annotations
    build = _SCALAR_BUILDERS.get(tag)
    return text if build is None else build(yaml.ScalarNode(tag, text))


def _build(events: Iterator[Any]) -> YamlData:
    """The data and the line of every key and item of an event stream, in one tight loop.

    The rules: one document; no anchors, aliases or tags; no duplicate keys; keys are plain
    text; at most MAX_DEPTH levels; plain scalars resolved as YAML 1.1 does (timestamps kept as
    text). Frames are ``[container, path, key]``; plain scalars are resolved once per text.
    """
    lines: dict[FieldPath, int] = {}
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    plain: dict[str, Any] = {}
    kinds = _EVENT_KINDS
    for event in events:
        kind = kinds.get(type(event))
        if kind is None:  # stream start/end, document end
            continue
        line = event.start_mark.line + 1
        if kind == ALIAS or (kind <= SEQUENCE and event.anchor):
            raise YamlProblem(line, "anchors and aliases (&name, *name) are not allowed")
        if kind == END:
            stack.pop()
            continue
        if kind == DOCUMENT:
            documents += 1
            if documents > 1:
                raise YamlProblem(line, "the file must hold one YAML document, not several")
            continue
        tag = event.tag
        if tag is not None and tag != "!" and kind != SCALAR:
            raise YamlProblem(line, f"YAML tags such as {tag} are not allowed")
        frame = stack[-1] if stack else None
        if kind == SCALAR and frame is not None and frame[2] is _NO_KEY and type(frame[0]) is dict:
            container, path, _ = frame  # a mapping key: plain text, never resolved
            key = event.value
            if key in container:
                first = lines.get((*path, key))
                raise YamlProblem(
                    line,
                    f'duplicate key "{key}" (first given on line {first}); '
                    "YAML would silently keep only the last one",
                )
            frame[2] = key
            lines[(*path, key)] = line
            continue
        if frame is None:
            path = ()
        elif type(frame[0]) is list:
            path = (*frame[1], len(frame[0]))
            lines[path] = line
        elif frame[2] is _NO_KEY:
            raise YamlProblem(line, "a mapping key must be plain text, not a list or mapping")
        else:
            path = (*frame[1], frame[2])
        if kind == SCALAR:
            if tag is not None and tag != "!":
                raise YamlProblem(line, f"YAML tags such as {tag} are not allowed")
            if event.implicit[0] and not event.style:
                text = event.value
                try:
                    value = plain[text]
                except KeyError:
                    try:
                        value = plain[text] = _plain(text)
                    except ValueError:
                        raise _too_long(text, line, path, root) from None
            else:
                value = event.value
        else:
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(line, f"nesting is deeper than {MAX_DEPTH} levels")
            value = {} if kind == MAPPING else []
        if frame is None:
            root = value
        elif type(frame[0]) is list:
            frame[0].append(value)
        else:
            frame[0][frame[2]] = value
            frame[2] = _NO_KEY
        if kind != SCALAR:
            stack.append([value, path, _NO_KEY])
    return YamlData(root, lines)


@contextmanager
def paused_gc(promote: bool = False) -> Iterator[None]:
    """Build a large tree of objects without cycles with the cycle collector paused.

    Left running, the collector rescans the growing heap again and again while hundreds of
    thousands of containers are created. With ``promote`` every object alive on the way out
    is handed to the oldest generation (``gc.freeze`` + ``gc.unfreeze``: two list splices, no
    scan), as if it had survived the collections it skipped: right for a long-lived result
    (a cached dataset: 2.2 s → 1.5 s for a warm load of 10,000 KPIs), wrong for a short-lived
    one (the parsed YAML: later full collections come sooner), so parse_text does not.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if promote and gc.get_freeze_count() == 0:  # never thaw objects that someone else froze
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def parse_text(text: str) -> YamlData:
    try:
        with paused_gc():
            return _build(yaml.parse(text, Loader=_Loader))
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


#: Re-reads allowed when the file changes while it is being read (a non-atomic writer).
READ_ATTEMPTS = 3


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return st.st_ino, st.st_size, st.st_mtime_ns


def read_stable(path: Path) -> bytes:
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


def read_yaml(path: Path) -> YamlData:
    """Read and parse ``path``; raise :class:`YamlProblem` for anything unreadable."""
    return parse_text(decode(read_stable(path)))


__all__ = ["MAX_BYTES", "MAX_DEPTH", "YamlData", "YamlProblem", "read_yaml"]
