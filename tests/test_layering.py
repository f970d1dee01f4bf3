"""The rooms of the house: model/ is pure Python, the dashboard never reaches for the tools.

* ``model/`` imports neither Streamlit, the dashboard nor ``tools/`` (not even lazily), and
  names none of them in a string (no ``-m dashboard.x`` started by name, no path to a page).
* ``dashboard/`` imports nothing of ``tools/`` and names it in no string.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL = sorted((ROOT / "model").rglob("*.py"))
DASHBOARD = sorted((ROOT / "dashboard").rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def strings(path: Path) -> list[str]:
    """String constants of the code (docstrings left out: they may describe the layout)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", MODEL, ids=_rel)
def test_model_never_imports_streamlit_the_dashboard_or_the_tools(path):
    bad = {n for n in imported_modules(path) if n.split(".")[0] in {"streamlit", "dashboard", "tools"}}
    assert bad == set()


@pytest.mark.parametrize("path", MODEL, ids=_rel)
def test_model_names_no_dashboard_or_tool_module_in_its_code(path):
    bad = [s for s in strings(path) if any(w in s for w in ("dashboard.", "dashboard/", "tools.", "tools/"))]
    assert bad == []


@pytest.mark.parametrize("path", DASHBOARD, ids=_rel)
def test_dashboard_knows_nothing_of_the_tools(path):
    assert {n for n in imported_modules(path) if n.split(".")[0] == "tools"} == set()
    assert [s for s in strings(path) if "tools." in s or "tools/" in s] == []
