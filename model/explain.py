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


def format_quantity(value: float, unit: str, lang: Lang = "ja", approximate: bool = False) -> str:
    """``約1,300か所`` / ``~1,300 sites``."""
    number = format_number(value)
    if _lang(lang) == "ja":
        return f"{'約' if approximate else ''}{number}{unit}"
    return f"{'~' if approximate else ''}{number} {unit}"


def format_pct(value: float) -> str:
    return f"{value:,.0f}%"


def _period(period: Period | None, lang: Lang) -> str:
    if period is None:
        return ""
    if period.kind == "fy":  # the short form: 2024年度 / FY2024
        return f"{period.start.year}年度" if _lang(lang) == "ja" else period.text
    return period.label(_lang(lang))


def explain(kpi: Kpi, assessment: Assessment, lang: Lang = "ja") -> str:
    """One sentence saying why the KPI has its status, with the numbers behind it."""
    lang = _lang(lang)
    a = assessment
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    name = status_name(a.status, lang)
    actual = format_quantity(a.actual, unit, lang) if a.actual is not None else ""
    actual_at = _period(a.actual_period, lang)
    if a.target is None:
        if a.status == "no_target" and a.actual is not None:
            if lang == "ja":
                return f"数値目標のない参考値です。最新の実績は{actual}（{actual_at}） → {name}"
            return (
                f"A context figure without a numeric target; the latest actual is {actual} ({actual_at})"
                f" → {name}."
            )
        if a.status == "no_target":
            if lang == "ja":
                return f"数値目標も実績もありません → {name}"
            return f"Neither a numeric target nor an actual yet → {name}."
        if lang == "ja":
            return f"評価できる年度の目標に対応する実績がまだありません → {name}"
        return f"No actual yet for a year that has a target → {name}."
    target = format_quantity(a.target.value, unit, lang, a.target.approximate)
    due = _period(a.target_period, lang)
    if a.actual is None:
        if lang == "ja":
            return f"目標{target}（{due}まで）に対する実績がまだありません → {name}"
        return f"No actual yet against the {target} target due {due} → {name}."
    if kpi.direction != "increase" or a.pct_of_target is None:
        return _compare(kpi, a, lang, actual, actual_at, target, due, name)
    pct = format_pct(a.pct_of_target)
    if a.status in ("achieved", "overdue"):
        if lang == "ja":
            return f"{actual_at}の実績{actual}は目標{target}（{due}まで）の{pct} → {name}"
        return f"{actual} ({actual_at}) is {pct} of the {target} target due {due} → {name}."
    expected = format_pct(a.expected_pct) if a.expected_pct is not None else "–"
    if lang == "ja":
        return (
            f"{actual_at}の実績{actual}は目標{target}（{due}まで）の{pct}。"
            f"その時点の想定は{expected} → {name}"
        )
    return (
        f"{pct} of the {target} target due {due} ({actual}, {actual_at}); "
        f"expected {expected} by then → {name}."
    )


def _compare(
    kpi: Kpi, a: Assessment, lang: str, actual: str, actual_at: str, target: str, due: str, name: str
) -> str:
    """Decrease and maintain KPIs: the latest actual beside the target, no percentage."""
    if lang == "ja":
        goal = {"decrease": "以下", "maintain": "を維持"}.get(kpi.direction, "")
        return f"{actual_at}の実績{actual}、目標は{target}{goal}（{due}まで） → {name}"
    goal = {"decrease": "at most ", "maintain": "to keep "}.get(kpi.direction, "")
    return f"{actual} ({actual_at}) against a target of {goal}{target} due {due} → {name}."
