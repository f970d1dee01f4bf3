"""The method page's examples (dashboard/examples.py) are rated as their headings say."""

from __future__ import annotations

import pytest

from dashboard.examples import EXAMPLES
from model.explain import explain, status_name
from model.progress import STATUSES, assess


def test_there_is_one_example_per_status() -> None:
    assert [e.status for e in EXAMPLES] == list(STATUSES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.status for e in EXAMPLES])
def test_the_engine_gives_each_example_its_status(example) -> None:
    assessment = assess(example.kpi, example.as_of)
    assert assessment.status == example.status
    assert explain(example.kpi, assessment, "ja").endswith(f"→ {status_name(example.status, 'ja')}")
