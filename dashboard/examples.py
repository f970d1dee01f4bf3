"""One small made-up KPI per status for the method page, rated by the real status engine.

Each example is a :class:`~model.schema.Kpi` and an evaluation date; the page draws it with the
same chart as a real KPI and explains it with the same sentence, so the page can never say
something the engine does not do (``tests/test_examples.py`` checks every example's status).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from model.progress import Status
from model.schema import Kpi
from model.words import word


@dataclass(frozen=True)
class Example:
    status: Status
    kpi: Kpi
    as_of: date


def _kpi(status: str, targets: list[dict], observations: list[dict], baseline: dict | None = None) -> Kpi:
    def figure(value: float, **more: object) -> dict:
        return {"value": value, "source": "example", "quote": str(value), **more}

    return Kpi.model_validate(
        {
            "id": f"example-{status.replace('_', '-')}",
            "name": {lang: word(f"example_{status}", lang) for lang in ("ja", "en")},
            "bureau": "example",
            "pillar": "example",
            "unit": {lang: word("example_unit", lang) for lang in ("ja", "en")},
            "measure": "cumulative",
            "baseline": figure(**baseline) if baseline else None,
            "targets": [figure(**t) for t in targets],
            "observations": [figure(**o) for o in observations],
        }
    )


START = {"value": 0, "period": "FY2020"}
TARGET = {"value": 100, "due": "FY2025"}


def _example(
    status: Status, targets: list[dict], figures: dict[str, float], as_of: date = date(2024, 6, 30)
) -> Example:
    observations = [{"value": value, "period": period} for period, value in figures.items()]
    baseline = START if targets and figures else None
    return Example(status, _kpi(status, targets, observations, baseline), as_of)


#: 0 at the end of FY2020 and 100 due at the end of FY2025: by the end of FY2023, 60 are expected.
EXAMPLES = [
    _example("achieved", [TARGET], {"FY2022": 40, "FY2024": 100}, date(2025, 6, 30)),
    _example("on_track", [TARGET], {"FY2021": 20, "FY2023": 60}),
    _example("at_risk", [TARGET], {"FY2021": 20, "FY2023": 45}),
    _example("off_track", [TARGET], {"FY2021": 20, "FY2023": 30}),
    _example("overdue", [{"value": 100, "due": "FY2023"}], {"FY2023": 70}),
    _example("no_data", [{"value": 100, "due": "FY2026"}], {}),
    _example("no_target", [], {"FY2022": 30, "FY2023": 45}),
]
