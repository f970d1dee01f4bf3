"""The figures of ``python -m tools.bench`` as a Markdown table, with the targets beside them."""

from __future__ import annotations

from typing import Any

KEYS = (
    "parse_floor",
    "cold_load",
    "warm_load",
    "status_all",
    "export",
    "rerun_overview",
    "rerun_kpi",
    "peak_rss",
    "cold_load/parse_floor",
    "warm_load/parse_floor",
)
#: Targets at 10,000 KPIs × 20 observations (reported, never asserted).
TARGETS = {
    "cold_load/parse_floor": 1.3,
    "warm_load/parse_floor": 0.03,
    "rerun_overview": 0.300,
    "rerun_kpi": 0.150,
    "peak_rss": 1.5 * 1024**3,
}


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value >= 1 else f"{value * 1000:.1f} ms"


def table(result: dict[str, Any]) -> str:
    """The result as a Markdown table, with the targets beside the figures that have one."""
    shape = f"{result['kpis']:,} KPIs × {result['observations']} observations"
    if result["data"] != "synthetic":
        shape = f"{result['data']}: {result['kpis']:,} KPIs, up to {result['observations']} observations each"
    lines = [
        f"{shape} "
        f"({result['figures']:,} figures, {result['file_bytes']:,} bytes), "
        f"median of {result['runs']} run(s), as of {result['as_of']}",
        "",
        "| measure | value | target |",
        "|---|---:|---:|",
    ]
    for key in KEYS:
        value = result[key]
        target = TARGETS.get(key)
        if value is None:
            shown = result["notes"].get(key, "n/a")
        elif key == "peak_rss":
            shown = f"{value / 1024**2:,.0f} MiB"
        elif "/" in key:
            shown = f"{value:.3f}"
        else:
            shown = _seconds(value)
        if target is None:
            goal = ""
        elif key == "peak_rss":
            goal = f"≤ {target / 1024**3:.1f} GiB"
        elif "/" in key:
            goal = f"≤ {target}"
        else:
            goal = f"≤ {_seconds(target)}"
        lines.append(f"| {key} | {shown} | {goal} |")
    for step, seconds in result.get("phases", {}).items():
        lines.append(f"| phase: {step} | {_seconds(seconds)} | |")
    return "\n".join(lines)
