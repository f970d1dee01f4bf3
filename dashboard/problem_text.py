"""Problems of the data file in the reader's language and in a curator's words (Streamlit-free).

The model words its problems in English for the command line (``FILE:LINE: kpi "ID",
observations[2].quote: quote not found in 003_….txt (compared without spaces, NFKC)``). The
pages show them as ``kpis.yaml の 166 行目、KPI「…」、数値（3件目）の出典の記述: …`` instead: the
file's name without its folder, the field in words, the message from :mod:`model.words`
(matched below by its English wording; a message not matched is shown as the model wrote it).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from dashboard.markdown import md
from model.problems import Problem
from model.words import word

#: The model's English messages (as :mod:`model.rules`, :mod:`model.loader` and
#: :mod:`model.yamlfile` word them) and the words that say the same to a curator.
_MESSAGES: list[tuple[str, str]] = [
    (r"quote not found in (?P<source>\S+)(?: \(.*\))?", "problem_quote_not_found"),
    (r"(?P<value>[\d,.]+) does not occur in the quote", "problem_value_not_in_quote"),
    (r"is required but missing", "problem_missing"),
    (r"must be a number \(.*\)", "problem_number"),
    (r"is not a known field.*", "problem_unknown_field"),
    (r"must be true or false", "problem_flag"),
    (r"must be text", "problem_text"),
    (r"must be a list.*", "problem_list"),
    (r"must be a mapping.*", "problem_mapping"),
    (r"must not be negative", "problem_negative"),
    (r"must be a finite number", "problem_finite"),
    (r"must not be empty", "problem_empty"),
    (r"'(?P<text>.*)' is not a period: .*", "problem_period"),
    (r"'(?P<text>.*)' is not a (?:calendar )?date.*", "problem_date"),
    (r"'(?P<text>.*)' must be a lower-case slug.*", "problem_slug"),
    (r"must be (?P<choices>'.*'), not '(?P<text>.*)'", "problem_choice"),
    (r'no seed file or registered source "(?P<source>[^"]*)".*', "problem_unknown_source"),
    (r'unverified: "(?P<source>.*)" is not in seeds/.*', "problem_unverified"),
    (r"the quote says 約/程度 but approximate is false", "problem_approximate"),
    (r"two current targets due (?P<due>\S+) .*", "problem_two_targets"),
    (r"every target is superseded; one must be current", "problem_all_superseded"),
    (r"a second (?P<kind>\w+) value for (?P<period>\S+) .*", "problem_second_figure"),
    (r'duplicate id "(?P<id>[^"]*)".*', "problem_duplicate_id"),
    (r'unknown (?P<what>bureau|pillar) "(?P<id>[^"]*)".*', "problem_unknown_id"),
    (r"a source outside seeds/ needs (?P<field>\w+):", "problem_source_needs"),
    (
        r"reported_on (?P<day>\S+) is before its source was published \((?P<published>\S+)\)",
        "problem_reported_before",
    ),
    (r'source "(?P<source>[^"]*)" is not registered under sources: .*', "problem_unregistered"),
    (r"derived sum of parts is (?P<total>\S+), not (?P<value>\S+)", "problem_sum"),
    (r"a milestone's figure is 1 \(done\) or 0 \(reported not done\)", "problem_milestone_figure"),
    (r"a milestone's target is value: 1 \(done\)", "problem_milestone_target"),
    (r"YAML syntax error: (?P<detail>.*)", "problem_yaml"),
    (
        r"contains (?P<chars>.*), which the reader cannot see \(it can hide or reorder text\); remove it",
        "problem_invisible",
    ),
    (r"a number of (?P<digits>[\d,]+) digits is too long .*", "problem_huge_number"),
    (
        r"'(?P<text>.*)' contains '(?P<char>.)' \((?P<name>[^)]*)\); write periods and dates in ASCII.*",
        "problem_ascii_period",
    ),
    (r"the quote is only the number, .*", "problem_quote_only_number"),
    (r"anchors and aliases \(&name, \*name\) are not allowed", "problem_alias"),
    (r'bureau "(?P<id>[^"]*)" is named twice; .*', "problem_bureau_twice"),
    (r"'(?P<text>.*)' must be an http\(s\):// address", "problem_url"),
    (r"derived ratio (?P<formula>.+) is (?P<total>\S+), not (?P<value>\S+)", "problem_ratio"),
    (r"a ratio has two parts \(part / whole\), not (?P<n>\d+)", "problem_ratio_parts"),
    (r'duplicate key "(?P<field>[^"]*)" \(first given on line (?P<line>\d+)\).*', "problem_duplicate_key"),
    (r"the file must be a mapping with bureaus, pillars and kpis, not (?P<what>.+)", "problem_root"),
    (r"the file is not valid UTF-8 .*", "problem_not_utf8"),
    (r"the file is saved as UTF-16; save it as UTF-8", "problem_utf16"),
    (r"month (?P<month>\d+) in '(?P<text>.*)' does not exist", "problem_month"),
    (r"a named item \(item: true\) counts 1; write value: 1", "problem_item"),
    (r"give source and quote, or mark the value as derived with quoted parts", "problem_no_quote"),
    (r"the file must hold one YAML document, not several", "problem_documents"),
    (r"YAML tags such as (?P<tag>\S+) are not allowed", "problem_tag"),
    (r"recurring targets need measure: per_year", "problem_recurring"),
    (r"nesting is deeper than (?P<n>\d+) levels", "problem_nesting"),
    (r"the data file does not exist", "problem_no_file"),
    (r"the data file is a folder, not a file", "problem_folder"),
    (
        r"(?P<encoding>\S+) cannot encode the character (?P<char>.+) \((?P<code>U\+[0-9A-F]+)\) on line "
        r"(?P<line>\d+) of the CSV.*",
        "export_unencodable",
    ),
]
PATTERNS: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern), key) for pattern, key in _MESSAGES]
#: Field names of the data file and the words for them.
FIELDS = (
    "baseline", "targets", "observations", "value", "quote", "source", "period", "due", "note",
    "reason", "unit", "name", "approximate", "derived", "parts", "bureau", "pillar", "kind",
    "measure", "reported_on", "set_on", "superseded", "recurring", "bound", "comments", "text",
)  # fmt: skip


def message_text(message: str, lang: str, titles: dict[str, str] | None = None) -> str:
    """The model's message in ``lang``, in a curator's words; sources named by title."""
    for pattern, key in PATTERNS:
        match = pattern.fullmatch(message.strip())
        if match:
            values = dict(match.groupdict())
            if "source" in values and titles:
                values["source"] = titles.get(values["source"], values["source"])
            return word(key, lang, **values)
    return message


def field_text(path: str, lang: str) -> str:
    """``observations[2].quote`` → ``数値（3件目）の出典の記述`` / ``figure 3, quote``."""
    parts = []
    for name, index in re.findall(r"([a-z_]+)(?:\[(\d+)\])?", path):
        label = word(f"field_{name}", lang) if name in FIELDS else name
        parts.append(word("field_item", lang, name=label, n=int(index) + 1) if index else label)
    return word("field_join", lang).join(parts)


def problem_text(problem: Problem, lang: str, titles: dict[str, str] | None = None) -> str:
    """Where (file name and line, KPI, field in words) and what, in ``lang``."""
    where = []
    name = PurePath(problem.file).name  # never the server's folders
    where.append(word("problem_line", lang, file=name, line=problem.line) if problem.line else name)
    if problem.kpi_id:
        where.append(word("problem_kpi", lang, kpi=problem.kpi_id))
    if problem.field:
        where.append(field_text(problem.field, lang))
    level = word("problem_warning", lang) if problem.level == "warning" else ""
    text = message_text(problem.message, lang, titles)
    return word("problem", lang, where=word("field_join_where", lang).join(where), level=level, message=text)


def problem_list(
    problems: list[Problem], lang: str, titles: dict[str, str] | None = None, limit: int = 20
) -> str:
    """Problems as an escaped markdown list in ``lang``, at most ``limit`` shown."""
    lines = [f"- {md(problem_text(p, lang, titles))}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"- … (+{len(problems) - limit})")
    return "\n".join(lines)
