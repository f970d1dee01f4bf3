"""model/ is pure Python: no module of it imports Streamlit, even lazily."""

import ast
from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parent.parent / "model"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(MODEL.glob("*.py")), ids=lambda p: p.name)
def test_model_never_imports_streamlit_or_the_dashboard(path):
    bad = {n for n in imported_modules(path) if n.split(".")[0] in {"streamlit", "dashboard"}}
    assert bad == set()
