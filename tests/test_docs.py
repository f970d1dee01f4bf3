"""Docs that cannot drift: every module is on the README's layout table and in the map."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
LAYOUT = README[README.index("## Layout") : README.index("\n## ", README.index("## Layout") + 5)]
MAP = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
MODULES = sorted(
    p
    for folder in ("model", "dashboard", "tools")
    for p in (ROOT / folder).glob("*.py")
    if p.stem not in ("__init__",)
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_is_in_the_layout_table_and_the_map(path):
    name = "__main__" if path.stem == "__main__" else path.stem
    assert f"`{name}" in LAYOUT, f"{path.relative_to(ROOT)} is missing from the README's Layout"
    assert f"`{name}" in MAP, f"{path.relative_to(ROOT)} is missing from docs/architecture.md"
