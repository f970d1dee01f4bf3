import re

from pydantic import BaseModel

from model import schema
from model.cli import SCHEMA_FILE, schema_text

from conftest import PROJECT


def test_committed_json_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run: make schema"


def test_data_file_declares_its_schema_for_editors():
    first = (PROJECT / "data" / "kpis.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_FILE.name}"


def _models() -> list[type[BaseModel]]:
    return [
        obj
        for obj in vars(schema).values()
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == schema.__name__
    ]


def test_every_schema_field_is_documented_in_the_readme():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## YAML reference", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, re.M))
    fields = {name for model in _models() for name in model.model_fields}
    assert fields - documented == set(), "fields missing from the README's YAML reference"
    assert documented - fields == set(), "README documents fields the schema does not have"
