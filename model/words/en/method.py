"""English words: the method page and its examples; the same keys as ``ja/method.py``."""
# ruff: noqa: E501 (one sentence per line: a dictionary reads and greps best that way)

WORDS: dict[str, str] = {
    # the method page and its examples
    "method_intro": "Each KPI's status compares its latest figure — an actual for a period that ended by the evaluation date and was public then (else an estimate) — with its target at that date. Plans never count as figures.",
    "method_rules": "1. **The expected path** runs from the start (the baseline, else the first figure) through the published plans to the target; without plans it is a straight line.\n2. **Progress**: growth since the start of at least {on_track} of the growth expected is “on track”, at least {at_risk} “at risk”, less “off track”.\n3. **Achieved, overdue**: reaching the target is “achieved”; not reaching it by the due date is “overdue”. An approximate target (約) counts as reached within 5%.\n4. **No data, no target**: without a figure to rate, “no data”; without a numeric target, “no target” (a context figure).\n5. **Awaiting report**: a KPI whose plan or target period ended over 90 days ago without a published figure is counted as awaiting a report; its status still rests on its latest figure.\n6. **Comments** of the KPI's owner explain a status; they never change it.",
    "method_examples": "An example of each status",
    "method_examples_help": "Made-up KPIs, rated and drawn exactly as the real ones.",
    "method_example_at": "Rated at {date}:",
    "method_achieved": "The target was reached.",
    "method_on_track": "At least 90% of the growth expected.",
    "method_at_risk": "70% to 90% of the growth expected.",
    "method_off_track": "Less than 70% of the growth expected.",
    "method_overdue": "Past the due date without reaching the target.",
    "method_no_data": "No figure to rate yet (or only the starting one).",
    "method_no_target": "A context figure without a numeric target; not rated.",
    "example_achieved": "Example: achieved",
    "example_on_track": "Example: on track",
    "example_at_risk": "Example: at risk",
    "example_off_track": "Example: off track",
    "example_overdue": "Example: overdue",
    "example_no_data": "Example: no data",
    "example_no_target": "Example: no target",
    "example_unit": "items",
}
