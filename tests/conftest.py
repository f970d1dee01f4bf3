"""Shared test fixtures: paths to the fixture files and a loaded minimal dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.loader import Dataset, load

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"
PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def minimal() -> Dataset:
    return load(MINIMAL, SEEDS)
