"""The proposals file that ``kpi draft`` writes: our YAML entries, with what a curator must fill.

One item per proposal: ``accept`` (false until a curator says yes), the KPI it belongs to,
whether it is a target or an observation, the entry itself as it would stand in
``data/kpis.yaml``, the confidence, one line of reasons and the fields still ``TODO``. A
proposal for a KPI the data does not have carries a ``new_kpi`` stub.
"""

from __future__ import annotations

from typing import Any

import yaml

from model.draft import Proposal

TODO = "TODO"


def _plain(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def entry(p: Proposal) -> tuple[str, dict[str, Any]]:
    """("targets" or "observations", the entry as it would stand in the data file)."""
    out: dict[str, Any] = {"value": _plain(p.value)}
    if p.approximate:
        out["approximate"] = True
    if p.kind in ("target", "milestone"):
        out["due"] = p.period or TODO
        section = "targets"
    else:
        out["period"] = p.period or TODO
        out["kind"] = p.kind
        if p.at_least:
            out["bound"] = "at_least"
        section = "observations"
    out["source"] = p.source
    out["quote"] = p.quote
    return section, out


def ids(proposals: list[Proposal]) -> list[str]:
    """Each proposal's id: ``L`` and its line (``L17``), ``L17b``… for a second figure of a line."""
    out: list[str] = []
    seen: dict[int, int] = {}
    for p in proposals:
        taken = seen.get(p.line, 0)
        seen[p.line] = taken + 1
        out.append(f"L{p.line}" + (chr(ord("a") + taken) if taken else ""))
    return out


def item(p: Proposal, pid: str = "") -> dict[str, Any]:
    section, fields = entry(p)
    out: dict[str, Any] = {"id": pid or f"L{p.line}", "accept": False, "kpi": p.kpi}
    out.update({"section": section, "entry": fields})
    out["line"] = p.line
    out["confidence"] = p.confidence
    out["reasons"] = p.reasons
    out["todo"] = list(p.todo)
    if p.new_kpi:
        out["new_kpi"] = {
            "id": p.kpi,
            "name": {"ja": p.kpi_name, "en": TODO},
            "bureau": p.bureau or TODO,
            "pillar": p.pillar or TODO,
            "unit": {"ja": p.unit or TODO, "en": TODO},
            "measure": "milestone" if p.kind == "milestone" else TODO,
        }
    return out


def render(source: str, proposals: list[Proposal]) -> str:
    """The proposals file: a header saying what to do, then one item per proposal."""
    todo = sum(bool(p.todo) for p in proposals)
    header = (
        f"# Drafted by `kpi draft` from {source}: {len(proposals)} proposal(s), {todo} with fields to fill.\n"
        "# Review each one: correct it, fill every TODO (listed under todo:), set accept: true,\n"
        "# then merge the accepted ones into the data file with `kpi accept FILE` and validate.\n"
    )
    body = {
        "source": source,
        "proposals": [item(p, i) for p, i in zip(proposals, ids(proposals), strict=True)],
    }
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=110)


def summary(p: Proposal, pid: str) -> str:
    """One line per proposal for the terminal, starting with its id."""
    _section, fields = entry(p)
    when = fields.get("due") or fields.get("period")
    kpi = f"new KPI {p.kpi}" if p.new_kpi else p.kpi
    todo = f"  fill: {', '.join(p.todo)}" if p.todo else ""
    figure = f"{p.kind} {_plain(p.value)} {p.unit or '?'} {when}"
    return f"{pid} {p.source}:{p.line}: {figure} → {kpi} ({p.confidence}){todo}"
