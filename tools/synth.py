"""Synthetic data for benchmarks and tests: a valid ``kpis.yaml`` of any size with its seeds.

``python -m tools.synth --kpis N --observations M --out DIR [--seed S]`` writes
``DIR/kpis.yaml`` and ``DIR/seeds/*.txt``; ``python -m model validate --data DIR/kpis.yaml
--seeds DIR/seeds`` accepts the result. The output depends only on N, M and the seed.

The data has the variety of the real file: several bureaus and pillars; cumulative,
per_year and level KPIs going up, down or held; fiscal-year, quarterly, monthly and dated
observations; approximate (約) targets, superseded target revisions with their reasons,
recurring per-year targets, plans and estimates, derived values (sums of quoted parts),
baselines, context KPIs without targets, a registered source outside the seeds (its
quotes are reported as unverified warnings) and exclusions. Each seed is a plain-text
"document" of about 100 KPIs whose sentences are sometimes broken across lines or written
with full-width digits, as in text extracted from PDFs.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from model.atomic import write_atomic
from model.terminal import say
from tools.synth_kpi import BUREAUS, PILLARS, REGISTERED_SOURCE, KpiWriter
from tools.synth_text import seed_text, yaml_str

__all__ = ["REGISTERED_SOURCE", "main", "synthesise", "write"]

#: KPIs quoted from one seed file (the real seeds are documents of 5–150 KB).
KPIS_PER_SEED = 100


def synthesise(kpis: int, observations: int, seed: int = 0) -> tuple[str, dict[str, str]]:
    """The text of ``kpis.yaml`` and the seed files (name → text) it quotes."""
    if kpis < 1 or observations < 1:
        raise ValueError("need at least one KPI and one observation")
    rng = random.Random(seed)
    writers: list[KpiWriter] = []
    seed_names: list[str] = []
    for i in range(kpis):
        if i % KPIS_PER_SEED == 0:
            seed_names.append(f"{len(seed_names):03d}_{rng.getrandbits(64):016x}.txt")
        writers.append(KpiWriter(rng, i, observations, seed_names[-1]))
    kpi_lines: list[str] = []
    for writer in writers:
        kpi_lines += writer.build()
        kpi_lines.append("")
    seeds: dict[str, str] = {}
    exclusions: list[tuple[str, str]] = []
    for s, name in enumerate(seed_names):
        group = writers[s * KPIS_PER_SEED : (s + 1) * KPIS_PER_SEED]
        title = f"スマート東京実施戦略（合成データ）第{s + 1}部"
        seeds[name], excluded = seed_text(rng, title, group)
        exclusions += [(name, passage) for passage in excluded]
    head = [
        "# yaml-language-server: $schema=kpis.schema.json",
        f"# Synthetic data: python -m tools.synth --kpis {kpis} --observations {observations} --seed {seed}",
        "",
        "bureaus:",
    ]
    for ident, ja, en in BUREAUS:
        head += [f"  - id: {ident}", f"    ja: {yaml_str(ja)}", f"    en: {yaml_str(en)}"]
    head.append("pillars:")
    for ident, ja, en in PILLARS:
        head += [f"  - id: {ident}", f"    ja: {yaml_str(ja)}", f"    en: {yaml_str(en)}"]
    head += [
        "sources:",
        f"  - id: {REGISTERED_SOURCE}",
        f"    title: {yaml_str('Synthetic progress report on the web')}",
        f"    publisher: {yaml_str('東京都')}",
        "    url: https://www.example.org/synthetic-report",
        "    published: 2024-06-30",
        "    accessed: 2024-07-15",
    ]
    for name in seed_names:  # the seeds: known from the start of the synthetic years
        head += [
            f"  - id: {name}",
            f"    title: {yaml_str('スマート東京実施戦略（合成データ）')}",
            "    published: 2015-04-01",
        ]
    head += [
        "",
        "kpis:",
    ]
    tail = ["exclusions:"] if exclusions else []
    for name, passage in exclusions:
        tail += [
            f"  - source: {name}",
            f"    quote: {yaml_str(passage)}",
            f"    reason: {yaml_str('A national target, not one of the strategy.')}",
        ]
    return "\n".join(head + kpi_lines + tail) + "\n", seeds


def write(out: Path, kpis: int, observations: int, seed: int = 0) -> tuple[Path, Path]:
    """Write ``out/kpis.yaml`` and ``out/seeds/``; return both paths."""
    text, seeds = synthesise(kpis, observations, seed)
    seed_dir = out / "seeds"
    seed_dir.mkdir(parents=True, exist_ok=True)
    for old in seed_dir.glob("*.txt"):
        if old.name not in seeds:
            old.unlink()
    for name, body in seeds.items():
        write_atomic(seed_dir / name, body.encode("utf-8"))
    data = out / "kpis.yaml"
    write_atomic(data, text.encode("utf-8"))
    return data, seed_dir


def cmd_synth(args: argparse.Namespace) -> int:
    data, seeds = write(args.out, args.kpis, args.observations, args.seed)
    size = data.stat().st_size
    say(f"wrote {data} ({size:,} bytes, {args.kpis} KPIs) and {len(list(seeds.glob('*.txt')))} seed(s)")
    return 0


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m tools.synth", description="write a synthetic data file and its seeds (for benchmarks)"
    )
    p.add_argument("--kpis", type=positive_int, required=True, help="number of KPIs")
    p.add_argument(
        "--observations", type=positive_int, default=20, help="observations per KPI (default: %(default)s)"
    )
    p.add_argument("--out", type=Path, required=True, help="folder to write kpis.yaml and seeds/ into")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    return p


def main(argv: list[str] | None = None) -> int:
    return cmd_synth(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
