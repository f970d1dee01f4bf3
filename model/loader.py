"""Load ``data/kpis.yaml``: read YAML with lines, validate with pydantic, apply the rules.

Every problem of a file is collected in one run and reported as
``FILE:LINE: kpi "ID", field.path: message``; errors and warnings are kept apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from model.periods import PeriodError, parse_period
from model.problems import DataError, FieldPath, Level, Problem, format_path
from model.provenance import Seeds
from model.rules import RULES
from model.schema import (
    DATE_PATTERN,
    PERIOD_PATTERN,
    URL_PATTERN,
    Document,
    Exclusion,
    Kpi,
    Label,
    Source,
)
from model.settings import DEFAULT_DATA, DEFAULT_SEEDS
from model.timeline import Timeline
from model.yamlfile import YamlData, YamlProblem, decode, parse_text, read_yaml


@dataclass
class Dataset:
    """A validated data file with the warnings found while loading it."""

    document: Document
    path: Path
    seeds: Path
    warnings: list[Problem] = field(default_factory=list)

    @property
    def kpis(self) -> list[Kpi]:
        return self.document.kpis

    @cached_property
    def timeline(self) -> Timeline:
        """Publication dates of the sources: what was known on a date."""
        return Timeline.of(self.document.sources)

    @cached_property
    def external_sources(self) -> set[str]:
        """Ids of registered sources that are not documents in seeds/ (their quotes are unchecked)."""
        return {s.id for s in self.document.sources if not (self.seeds / s.id).is_file()}


_FRIENDLY = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a known field (check the spelling; see the README's YAML reference)",
    "float_type": 'must be a number (write 1300, not "1,300" or "約1,300")',
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be text",
    "list_type": "must be a list (items starting with -)",
    "model_type": "must be a mapping (key: value lines)",
    "dict_type": "must be a mapping (key: value lines)",
    "greater_than_equal": "must not be negative",
    "finite_number": "must be a finite number",
    "string_too_short": "must not be empty",
    "too_short": "needs at least {min_length} item(s)",
}


def _pattern_message(value: Any, pattern: str) -> str:
    if pattern == PERIOD_PATTERN:
        try:
            parse_period(value)
        except PeriodError as exc:
            return str(exc)
    if pattern == DATE_PATTERN:
        return f"{value!r} is not a date such as 2024-06-30"
    if pattern == URL_PATTERN:
        return f"{value!r} must be an http(s):// address"
    return f"{value!r} must be a lower-case slug such as digital-service"


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    ctx = err.get("ctx", {})
    if kind == "string_pattern_mismatch":
        return _pattern_message(err.get("input"), str(ctx.get("pattern", "")))
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        return f"must be {ctx.get('expected')}, not {err.get('input')!r}"
    template = _FRIENDLY.get(kind)
    if template is None:
        return str(err["msg"])
    return template.format(**ctx)


def _kpi_id(raw: Any, index: int) -> str | None:
    try:
        ident = raw["kpis"][index]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return str(ident)


def _subject(data: Any, path: FieldPath) -> tuple[str | None, str]:
    """The KPI id (None outside kpis) and the field path relative to it."""
    if len(path) >= 2 and path[0] == "kpis" and isinstance(path[1], int):
        return _kpi_id(data, path[1]) or f"#{path[1] + 1}", format_path(path[2:])
    return None, format_path(path)


def _problem(level: Level, file: str, yd: YamlData, path: FieldPath, message: str) -> Problem:
    """A problem at ``path`` of the document, with KPI id and field relative to the KPI."""
    kpi_id, field_path = _subject(yd.data, path)
    return Problem(level, file, yd.line_of(path), message, kpi_id, field_path)


def yaml_problem(file: str, exc: YamlProblem) -> Problem:
    """The problem of a file that cannot be read, naming the KPI and field when known."""
    kpi_id, field_path = _subject(exc.partial, exc.path) if exc.path is not None else (None, "")
    return Problem("error", file, exc.line, exc.message, kpi_id, field_path)


def _schema_problems(file: str, yd: YamlData, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        path = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        out.append(_problem("error", file, yd, path, _message(dict(err))))
    return out


IndexMap = dict[str, list[int]]


def _partial_document(data: dict[str, Any]) -> tuple[Document, IndexMap]:
    """The parts of an invalid file that do validate, so the rules can still check them.

    Returns the document and, per section, the file index of each item kept.
    """
    sections: dict[str, type[BaseModel]] = {
        "bureaus": Label, "pillars": Label, "kpis": Kpi, "sources": Source, "exclusions": Exclusion
    }  # fmt: skip
    kept: dict[str, list[Any]] = {}
    index_map: IndexMap = {}
    for section, model in sections.items():
        items = data.get(section)
        kept[section], index_map[section] = [], []
        for k, item in enumerate(items if isinstance(items, list) else []):
            try:
                kept[section].append(model.model_validate(item))
            except ValidationError:
                continue
            index_map[section].append(k)
    return Document.model_construct(None, **kept), index_map


def _original_path(path: FieldPath, index_map: IndexMap | None) -> FieldPath:
    if index_map is None or len(path) < 2 or not isinstance(path[1], int):
        return path
    section = str(path[0])
    return (section, index_map[section][path[1]], *path[2:])


def display_path(path: Path) -> str:
    """The path as a curator would type it: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


Checked = tuple[Document | None, list[Problem]]


def check(path: Path, seeds: Path) -> Checked:
    """Validate a data file; return the document (None when invalid) and all problems."""
    return _check_read(lambda: read_yaml(path), path, seeds)


def check_text(text: str, path: Path, seeds: Path) -> Checked:
    """Validate the would-be content of ``path`` before it is written."""
    return _check_read(lambda: parse_text(text), path, seeds)


def _check_read(read: Callable[[], YamlData], path: Path, seeds: Path) -> Checked:
    try:
        yd = read()
    except YamlProblem as exc:
        return None, [yaml_problem(display_path(path), exc)]
    return _check_parsed(yd, display_path(path), seeds)


def _check_parsed(yd: YamlData, file: str, seeds: Path) -> Checked:
    if not isinstance(yd.data, dict):
        found = "an empty file" if yd.data is None else f"a {type(yd.data).__name__}"
        return None, [
            Problem(
                "error", file, 1, f"the file must be a mapping with bureaus, pillars and kpis, not {found}"
            )
        ]
    problems: list[Problem] = []
    document: Document | None
    try:
        document = Document.model_validate(yd.data)
    except ValidationError as exc:
        problems.extend(_schema_problems(file, yd, exc))
        document = None
    index_map: IndexMap | None = None
    if document is None:
        checked, index_map = _partial_document(yd.data)
    else:
        checked = document
    seed_index = Seeds(seeds)
    for rule in RULES:
        try:
            for level, where, message in rule(checked, seed_index):
                problems.append(_problem(level, file, yd, _original_path(where, index_map), message))
        except Exception as exc:  # a crash in one rule must not hide the other problems
            problems.append(Problem("error", file, None, f"internal check {rule.__name__} failed: {exc!r}"))
    if any(p.level == "error" for p in problems):
        document = None
    return document, sorted(problems, key=lambda p: (p.line or 0, p.level))


def load(path: Path = DEFAULT_DATA, seeds: Path = DEFAULT_SEEDS) -> Dataset:
    """Load and validate; raise :class:`DataError` listing every problem when invalid."""
    return _dataset(check(path, seeds), path, seeds)


def load_bytes(raw: bytes, path: Path, seeds: Path) -> Dataset:
    """Like :func:`load`, for bytes already read from ``path`` (so they match a cache key)."""
    return _dataset(_check_read(lambda: parse_text(decode(raw)), path, seeds), path, seeds)


def _dataset(checked: Checked, path: Path, seeds: Path) -> Dataset:
    document, problems = checked
    if document is None:
        raise DataError(problems)
    return Dataset(document, path, seeds, [p for p in problems if p.level == "warning"])
