"""A KPI's history as readable tables (Streamlit-free): target revisions, saved edits, comments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd

from dashboard.change_tables import safe_period
from dashboard.i18n import date_text, t
from dashboard.sources import SourceBook
from model.explain import format_quantity
from model.periods import PeriodError, parse_period
from model.schema import Kpi, Target, note_text


def _target_text(target: Target, unit: str, lang: str) -> str:
    due = safe_period(target.due, lang)
    return t("target_due", lang, value=format_quantity(target.value, unit, lang, target.approximate), due=due)


def _set_on_key(target: Target) -> date:
    try:
        return parse_period(target.set_on).end if target.set_on else date.min
    except PeriodError:
        return date.min


def revisions(kpi: Kpi) -> list[tuple[Target | None, Target | None]]:
    """(old, new) pairs: each current target with the superseded one it replaced (if any),
    then superseded targets no current one accounts for. Same due period first, then the
    latest-due superseded target set no later than the new one; ordered by when set."""
    current = [tg for tg in kpi.targets if not tg.superseded]
    old = [tg for tg in kpi.targets if tg.superseded]
    pairs: dict[int, Target | None] = {}
    for i, tg in enumerate(current):
        same = [o for o in old if o.due == tg.due]
        if same:
            pairs[i] = same[0]
            old.remove(same[0])
    for i, tg in enumerate(current):
        if i in pairs:
            continue
        earlier = [o for o in old if _set_on_key(o) <= _set_on_key(tg) and (tg.reason or tg.set_on)]
        pick = max(earlier, key=lambda o: parse_period(o.due).end, default=None)
        pairs[i] = pick
        if pick is not None:
            old.remove(pick)
    out: list[tuple[Target | None, Target | None]] = [(o, None) for o in old]
    out += [(pairs[i], tg) for i, tg in enumerate(current)]
    return sorted(out, key=lambda p: (_set_on_key(p[1] or p[0]), parse_period((p[1] or p[0]).due).end))


def target_history(kpi: Kpi, lang: str, book: SourceBook | None = None) -> pd.DataFrame:
    """The revision timeline: when, old target, new target, why, source (by title)."""
    unit = kpi.unit.ja if lang == "ja" else kpi.unit.en
    book = book or SourceBook({}, set())
    rows = []
    for old, new in revisions(kpi):
        shown = new or old
        assert shown is not None
        rows.append(
            {
                t("set_on", lang): safe_period(shown.set_on, lang) if shown.set_on else t("unknown", lang),
                t("old_target", lang): _target_text(old, unit, lang) if old else "",
                t("new_target", lang): _target_text(new, unit, lang) if new else t("replaced", lang),
                t("reason", lang): note_text(shown.reason, lang),
                t("source", lang): book.titles(book.ids_of(shown), lang),
            }
        )
    return pd.DataFrame(
        rows, columns=[t(k, lang) for k in ("set_on", "old_target", "new_target", "reason", "source")]
    )


AUDIT_FIELDS = ("time", "editor", "action", "field", "old", "new", "reason", "source")


def _when(text: str, lang: str) -> str:
    """``2026-11-23T12:49:02+00:00`` → ``2026年11月23日 12:49 UTC`` / ``23 Nov 2026 12:49 UTC``."""
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return text
    zone = " UTC" if text.endswith("+00:00") else ""
    return f"{date_text(when.date(), lang)} {when:%H:%M}{zone}"


def audit_table(entries: list[dict[str, Any]], lang: str) -> pd.DataFrame:
    """Audit log entries, newest first, every value as text."""
    rows = [
        {t(f"audit_{k}", lang): "" if e.get(k) is None else str(e.get(k)) for k in AUDIT_FIELDS}
        for e in reversed(entries)
    ]
    for row in rows:
        row[t("audit_time", lang)] = _when(row[t("audit_time", lang)], lang)
    return pd.DataFrame(rows, columns=[t(f"audit_{k}", lang) for k in AUDIT_FIELDS])
