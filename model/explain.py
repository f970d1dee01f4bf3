"""A KPI's status explained in one sentence, in Japanese or English.

Pure functions of a :class:`~model.schema.Kpi` and its :class:`~model.progress.Assessment`;
no Streamlit. The status names here are the single source for every user interface.
"""

from __future__ import annotations

from model.periods import Period
from model.progress import Assessment, Status
from model.schema import Kpi

Lang = str  # "ja" | "en"

STATUS_NAMES: dict[Status, dict[str, str]] = {
    "achieved": {"ja": "達成", "en": "achieved"},
    "on_track": {"ja": "順調", "en": "on track"},
    "at_risk": {"ja": "要注意", "en": "at risk"},
    "off_track": {"ja": "遅れ", "en": "off track"},
    "overdue": {"ja": "期限超過", "en": "overdue"},
    "no_data": {"ja": "実績なし", "en": "no data"},
    "no_target": {"ja": "目標なし", "en": "no target"},
}


def status_name(status: Status, lang: Lang = "ja") -> str:
    return STATUS_NAMES[status][_lang(lang)]


def _lang(lang: Lang) -> str:
    return "ja" if lang == "ja" else "en"


def format_number(value: float) -> str:
    """1300.0 → ``1,300``; 0.25 → ``0.25``; thousands separators, no trailing zeros."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_quantity(
    value: float, unit: str, lang: Lang = "ja", approximate: bool = False, at_least: bool = False
) -> str:
    """``約1,300か所`` / ``~1,300 sites``; a floor as ``40件以上`` / ``≥ 40 projects``."""
    number = format_number(value)
    if _lang(lang) == "ja":
        return f"{'約' if approximate else ''}{number}{unit}{'以上' if at_least else ''}"
    return f"{'≥ ' if at_least else ''}{'~' if approximate else ''}{number} {unit}".rstrip()


MILESTONE_STATES = {True: {"ja": "完了", "en": "done"}, False: {"ja": "未了", "en": "not done"}}
BASIS_MARKS = {"estimate": {"ja": "見込み", "en": "estimate"}}
PATH_NAMES = {
    "plan": {"ja": "計画に沿った想定", "en": "expected along the plan"},
    "straight": {"ja": "直線の想定", "en": "expected on a straight line"},
}


def milestone_state(value: float | None, lang: Lang = "ja") -> str:
    """完了 / 未了 ("done" / "not done") for a milestone's figure; empty without one."""
    if value is None:
        return ""
    return MILESTONE_STATES[value >= 1][_lang(lang)]


def basis_mark(basis: str | None, lang: Lang = "ja") -> str:
    """「見込み」 / "estimate" when a status rests on an estimate; empty for an actual."""
    return BASIS_MARKS[basis][_lang(lang)] if basis in BASIS_MARKS else ""


def path_name(kind: str | None, lang: Lang = "ja") -> str:
    return PATH_NAMES[kind][_lang(lang)] if kind in PATH_NAMES else ""


def format_pct(value: float) -> str:
    return f"{value:,.0f}%"


def _period(period: Period | None, lang: Lang) -> str:
    if period is None:
        return ""
    if period.kind == "fy":  # the short form: 2024年度 / FY2024
        return f"{period.start.year}年度" if _lang(lang) == "ja" else period.text
    return period.label(_lang(lang))


def _report_due(a: Assessment, lang: str) -> str:
    if a.report_due is None:
        return ""
    when = _period(a.report_due, lang)
    return f"（{when}の報告待ち）" if lang == "ja" else f" (report for {when} awaited)"


def explain(kpi: Kpi, assessment: Assessment, lang: Lang = "ja") -> str:
    """One sentence saying why the KPI has its status, with the numbers behind it."""
    lang = _lang(lang)
    sentence = _sentence(kpi, assessment, lang)
    due = _report_due(assessment, lang)
    if not due:
        return sentence
    return sentence.replace(" → ", f"{due} → ", 1)


def _figure(kpi: Kpi, a: Assessment, lang: str) -> str:
    """The latest figure with unit, floor and estimate mark: ``約650か所（見込み）``."""
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    assert a.actual is not None
    text = format_quantity(a.actual, unit, lang, a.approximate, a.at_least)
    mark = basis_mark(a.basis, lang)
    if mark and lang == "en":  # Japanese names the figure 見込み instead of 実績
        text += f" ({mark})"
    return text


def _milestone(a: Assessment, lang: str, name: str) -> str:
    due = _period(a.target_period, lang)
    state = milestone_state(a.actual, lang) or milestone_state(0, lang)
    at = _period(a.actual_period, lang)
    if lang == "ja":
        when = f"（{at}）" if a.actual is not None else ""
        goal = f"{due}までの完了" if due else "期限のない約束"
        return f"{goal}に対して{state}{when} → {name}"
    when = f" ({at})" if a.actual is not None else ""
    goal = f"due {due}" if due else "without a due date"
    return f"A dated promise {goal}: {state}{when} → {name}."


def _sentence(kpi: Kpi, a: Assessment, lang: str) -> str:
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    name = status_name(a.status, lang)
    if kpi.measure == "milestone":
        return _milestone(a, lang, name)
    actual = _figure(kpi, a, lang) if a.actual is not None else ""
    actual_at = _period(a.actual_period, lang)
    noun = basis_mark(a.basis, "ja") or "実績"
    if a.target is None:
        if a.status == "no_target" and a.actual is not None:
            if lang == "ja":
                return f"数値目標のない参考値です。最新の{noun}は{actual}（{actual_at}） → {name}"
            return (
                f"A context figure without a numeric target; the latest figure is {actual} ({actual_at})"
                f" → {name}."
            )
        if a.status == "no_target":
            if lang == "ja":
                return f"数値目標も実績もありません → {name}"
            return f"Neither a numeric target nor a figure yet → {name}."
        if lang == "ja":
            return f"評価できる年度の目標に対応する実績がまだありません → {name}"
        return f"No figure yet for a year that has a target → {name}."
    target = format_quantity(a.target.value, unit, lang, a.target.approximate)
    due = _period(a.target_period, lang)
    if a.actual is None:
        if lang == "ja":
            return f"目標{target}（{due}まで）に対する実績がまだありません → {name}"
        return f"No figure yet against the {target} target due {due} → {name}."
    if kpi.direction != "increase" or a.pct_of_target is None:
        return _compare(kpi, a, lang, actual, actual_at, target, due, name)
    pct = format_pct(a.pct_of_target)
    if a.status in ("achieved", "overdue"):
        if lang == "ja":
            return f"{actual_at}の{noun}{actual}は目標{target}（{due}まで）の{pct} → {name}"
        return f"{actual} ({actual_at}) is {pct} of the {target} target due {due} → {name}."
    if not a.measured:
        if lang == "ja":
            return (
                f"{actual_at}の{noun}{actual}が起点で、その後の実績がないため進捗未計測"
                f"（目標{target}、{due}まで） → {name}"
            )
        return (
            f"{actual} ({actual_at}) is the starting point and no later figure exists: progress not yet"
            f" measured (target {target} due {due}) → {name}."
        )
    expected = format_pct(a.expected_pct) if a.expected_pct is not None else "–"
    path = path_name(a.path_kind, lang)
    if lang == "ja":
        return (
            f"{actual_at}の{noun}{actual}は目標{target}（{due}まで）の{pct}。"
            f"その時点の{path}は{expected} → {name}"
        )
    return (
        f"{pct} of the {target} target due {due} ({actual}, {actual_at}); {path} {expected} by then → {name}."
    )


def _compare(
    kpi: Kpi, a: Assessment, lang: str, actual: str, actual_at: str, target: str, due: str, name: str
) -> str:
    """Decrease and maintain KPIs: the latest actual beside the target, no percentage."""
    if lang == "ja":
        goal = {"decrease": "以下", "maintain": "を維持"}.get(kpi.direction, "")
        noun = basis_mark(a.basis, "ja") or "実績"
        return f"{actual_at}の{noun}{actual}、目標は{target}{goal}（{due}まで） → {name}"
    goal = {"decrease": "at most ", "maintain": "to keep "}.get(kpi.direction, "")
    return f"{actual} ({actual_at}) against a target of {goal}{target} due {due} → {name}."
