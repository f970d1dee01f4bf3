"""Problems found in a data file, worded for the curator who has to fix them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]
FieldPath = tuple[str | int, ...]


def format_path(path: FieldPath) -> str:
    """``("targets", 0, "value")`` → ``targets[0].value``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True)
class Problem:
    """One problem, rendered as ``FILE:LINE: kpi "ID", field.path: message``."""

    level: Level
    file: str
    line: int | None
    message: str
    kpi_id: str | None = None
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = []
        if self.kpi_id is not None:
            subject.append(f'kpi "{self.kpi_id}"')
        if self.field:
            subject.append(self.field)
        prefix = f"{where}: " + (", ".join(subject) + ": " if subject else "")
        tag = "warning: " if self.level == "warning" else ""
        return f"{prefix}{tag}{self.message}"


class DataError(Exception):
    """The data file cannot be used; ``problems`` says why (all of them, not just the first)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


class ExportError(Exception):
    """The snapshot cannot be written as asked."""


class SnapshotError(Exception):
    """A snapshot file that cannot be read."""


class UpdateError(Exception):
    """The edit cannot be made as asked (unknown KPI, duplicate figure...)."""
