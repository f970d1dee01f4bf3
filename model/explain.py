"""A KPI's status explained in one sentence, in Japanese or English.

Pure functions of a :class:`~model.schema.Kpi` and its :class:`~model.progress.Assessment`;
no Streamlit. Every word comes from :mod:`model.words`; the status names there are the single
source for every user interface.
"""

from __future__ import annotations

from model.periods import Period
from model.progress import STATUSES, Assessment, Status
from model.schema import Kpi
from model.words import lang_of, word

Lang = str  # "ja" | "en"

STATUS_NAMES: dict[Status, dict[str, str]] = {
    s: {lang: word(f"status_{s}", lang) for lang in ("ja", "en")} for s in STATUSES
}
#: Japanese writes large round numbers with 万 (10⁴) and 億 (10⁸): 200万, 1億2,000万.
MAN, OKU = 10_000, 100_000_000


def status_name(status: Status, lang: Lang = "ja") -> str:
    return word(f"status_{status}", lang)


def format_number(value: float, lang: Lang = "en") -> str:
    """1300.0 → ``1,300``; 0.25 → ``0.25``; thousands separators, no trailing zeros.

    In Japanese a whole number of at least 10,000 whose last four digits are zero, or of at
    least a million, is written with 万 and 億 (``200万``, ``123万4,567``), as Japanese pages do.
    """
    if lang_of(lang) == "ja" and float(value).is_integer() and (value >= 1_000_000 or (
        value >= MAN and value % MAN == 0
    )):  # fmt: skip
        return _man_oku(int(value))
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _man_oku(number: int) -> str:
    oku, rest = divmod(number, OKU)
    man, ones = divmod(rest, MAN)
    parts = [f"{oku:,}億" if oku else "", f"{man:,}万" if man else "", f"{ones:,}" if ones else ""]
    return "".join(parts)


def format_quantity(
    value: float, unit: str, lang: Lang = "ja", approximate: bool = False, at_least: bool = False
) -> str:
    """``約1,300か所`` / ``~1,300 sites``; a floor as ``40件以上`` / ``≥ 40 projects``."""
    text = word("quantity", lang, number=format_number(value, lang), unit=unit).strip()
    if approximate:
        text = word("quantity_approx", lang, quantity=text)
    if at_least:
        text = word("quantity_floor", lang, quantity=text)
    return text


def milestone_state(value: float | None, lang: Lang = "ja") -> str:
    """完了 / 未了 ("done" / "not done") for a milestone's figure; empty without one."""
    if value is None:
        return ""
    return word("milestone_done" if value >= 1 else "milestone_not_done", lang)


def basis_mark(basis: str | None, lang: Lang = "ja") -> str:
    """「見込み」 / "estimate" when a status rests on an estimate; empty for an actual."""
    return word("basis_estimate", lang) if basis == "estimate" else ""


def path_name(kind: str | None, lang: Lang = "ja") -> str:
    return word(f"path_{kind}", lang) if kind in ("plan", "straight") else ""


def format_pct(value: float) -> str:
    return f"{value:,.0f}%"


def _period(period: Period | None, lang: Lang) -> str:
    if period is None:
        return ""
    if period.kind == "fy":  # the short form: 2024年度 / FY2024
        return word("period_fy", lang, year=period.start.year)
    return period.label(lang_of(lang))


def explain(kpi: Kpi, assessment: Assessment, lang: Lang = "ja") -> str:
    """One sentence saying why the KPI has its status, with the numbers behind it."""
    lang = lang_of(lang)
    sentence = _sentence(kpi, assessment, lang)
    if assessment.report_due is None:
        return sentence
    due = word("report_due_note", lang, when=_period(assessment.report_due, lang))
    return sentence.replace(" → ", f"{due} → ", 1)


def _figure(kpi: Kpi, a: Assessment, lang: str) -> str:
    """The latest figure with unit, floor and its kind: ``見込み約650か所`` / ``~650 sites (estimate)``."""
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    assert a.actual is not None
    text = format_quantity(a.actual, unit, lang, a.approximate, a.at_least)
    return word("figure_estimate" if a.basis == "estimate" else "figure_actual", lang, quantity=text)


def _milestone(a: Assessment, lang: str, name: str) -> str:
    due = _period(a.target_period, lang)
    state = milestone_state(a.actual, lang) or milestone_state(0, lang)
    when = word("milestone_when", lang, at=_period(a.actual_period, lang)) if a.actual is not None else ""
    goal = word("milestone_goal_due", lang, due=due) if due else word("milestone_goal_none", lang)
    return word("explain_milestone", lang, goal=goal, state=state, when=when, name=name)


def _sentence(kpi: Kpi, a: Assessment, lang: str) -> str:
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    name = status_name(a.status, lang)
    if kpi.measure == "milestone":
        return _milestone(a, lang, name)
    actual = _figure(kpi, a, lang) if a.actual is not None else ""
    actual_at = _period(a.actual_period, lang)
    if a.target is None:
        if a.status == "no_target" and a.actual is not None:
            return word("explain_context", lang, actual=actual, actual_at=actual_at, name=name)
        key = "explain_nothing" if a.status == "no_target" else "explain_no_year"
        return word(key, lang, name=name)
    target = format_quantity(a.target.value, unit, lang, a.target.approximate)
    due = _period(a.target_period, lang)
    if a.actual is None:
        return word("explain_no_figure", lang, target=target, due=due, name=name)
    figures = {"actual": actual, "actual_at": actual_at, "target": target, "due": due, "name": name}
    if kpi.direction != "increase" or a.pct_of_target is None:
        goal = word(f"goal_{kpi.direction}", lang) if kpi.direction != "increase" else ""
        return word("explain_compare", lang, goal=goal, **figures)
    pct = format_pct(a.pct_of_target)
    if a.status in ("achieved", "overdue"):
        return word("explain_reached", lang, pct=pct, **figures)
    if not a.measured:
        return word("explain_unmeasured", lang, **figures)
    expected = format_pct(a.expected_pct) if a.expected_pct is not None else "–"
    path = path_name(a.path_kind, lang)
    return word("explain_graded", lang, pct=pct, expected=expected, path=path, **figures)
