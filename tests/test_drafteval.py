"""The evaluation of the drafter against the curated data (prints figures, asserts no goal)."""

from __future__ import annotations

from pathlib import Path

from model.cli import main
from model.drafteval import answer_key, evaluate_seed
from model.loader import load

SEEDS = Path("seeds")


def test_answer_key_merges_a_quote_used_twice():
    document = load(Path("data/kpis.yaml"), SEEDS).document
    key = answer_key(document, ["003_53b4341d68961c7d.txt"])
    part = key[
        (
            "003_53b4341d68961c7d.txt",
            "2023(R5)年度中に約330か所の都有施設にOpenRoaming対応Wi-Fiを新規整備",
            330,
        )
    ]
    assert part.kinds == {"estimate", "plan"} and part.kpis == {"openroaming-wifi-metro-facilities"}


def test_a_seed_is_measured_against_its_curated_figures():
    document = load(Path("data/kpis.yaml"), SEEDS).document
    result = evaluate_seed(document, SEEDS, "001_f3119f701bc3c067.txt")
    assert result.key == 3
    assert 0 <= result.found <= result.key and result.proposals >= result.found
    assert len(result.misses) == result.key - result.found


def test_evaluate_command_prints_the_table(capsys):
    assert main(["draft", "--evaluate"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("| seed | curated | found | recall")
    assert "| total |" in out
