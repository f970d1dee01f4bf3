"""Japanese words, one module per area of the project (the same modules and keys as
``en/``): every label and sentence the project shows."""

from __future__ import annotations

from model.words.ja import app, changes, charts, export, method, pages, periods, problems, record, status

#: The areas in the order the project meets them.
AREAS = (status, periods, problems, pages, app, charts, method, record, changes, export)
WORDS: dict[str, str] = {key: text for area in AREAS for key, text in area.WORDS.items()}
