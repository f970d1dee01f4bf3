"""The view state shared by all pages, kept in the URL: language, evaluation date, filters.

A link's query parameters are applied when a session starts (or when the browser brings
different ones, e.g. back/forward); after every run the URL is rewritten from the state, so a
copied link reopens the same view. Invalid parameters become friendly messages. Drawing the
sidebar is :mod:`dashboard.sidebar`'s job; the pages' own selectors are :mod:`dashboard.selectors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import pandas as pd
import streamlit as st

from dashboard.i18n import LANGS, status_label, t
from dashboard.markdown import md
from dashboard.search import filter_overview
from model.loader import Dataset
from model.periods import fiscal_year_of
from model.progress import STATUSES
from model.schema import Kpi

PARAMS = ("lang", "as_of", "bureau", "pillar", "status", "awaiting", "q", "kpi", "fy", "from", "to")
#: The filters of the sidebar, as session keys, with their "no filter" values.
FILTERS = {"bureau": "", "pillar": "", "status": [], "awaiting": False, "q": ""}
#: A side of the Changes page: an evaluation date of the current data, or ``snapshot-<as_of>``.
SIDE = re.compile(r"(snapshot-)?(\d{4}-\d{2}-\d{2})")
IGNORED = ("embed", "embed_options")
MIN_DATE, MAX_DATE = date(2015, 4, 1), date(2041, 3, 31)
_WRITTEN = "_query_params_written"
AS_OF_CHOSEN = "_as_of_chosen"
PAGE_PARAMS = "_page_params"


@dataclass
class Context:
    """Everything a page needs for one run."""

    dataset: Dataset
    lang: str
    as_of: date
    bureau: str | None
    pillar: str | None
    statuses: list[str]
    query: str
    overview: pd.DataFrame  # every KPI with its status at as_of
    figures: pd.DataFrame  # the figures public at as_of
    awaiting: bool = False  # only KPIs awaiting a report
    search: pd.Series | None = None  # every KPI's search text (dashboard.search)
    latest: date | None = None  # the end of the newest actual's period among the figures public at as_of
    frame: pd.DataFrame = field(init=False)  # the KPIs that pass the filters

    def __post_init__(self) -> None:
        self.frame = filter_overview(
            self.overview, self.bureau, self.pillar, self.statuses, self.query, self.awaiting, self.search
        )

    def kpi(self, kpi_id: str) -> Kpi:
        return self._kpis_by_id[kpi_id]

    @cached_property
    def figures_shown(self) -> pd.DataFrame:
        """The figures of the KPIs that pass the filters (all of them without a filter)."""
        if len(self.frame) == len(self.overview):
            return self.figures
        return self.figures[self.figures["kpi_id"].isin(self.frame["kpi_id"])]

    @cached_property
    def _kpis_by_id(self) -> dict[str, Kpi]:
        return {k.id: k for k in self.dataset.kpis}

    def names(self) -> dict[str, str]:
        return dict(zip(self.overview["kpi_id"], self.overview[f"name_{self.lang}"], strict=True))

    @property
    def filtered(self) -> bool:
        return bool(self.bureau or self.pillar or self.statuses or self.query.strip() or self.awaiting)

    def filter_summary(self) -> str:
        """The active filters in words: ``局・組織: 総務局、状況: ⚠ 期限超過``."""
        lang = self.lang
        labels = {b.id: getattr(b, lang) for b in self.dataset.document.bureaus}
        pillars = {p.id: getattr(p, lang) for p in self.dataset.document.pillars}
        parts = []
        if self.bureau:
            parts.append(f"{t('bureau', lang)}: {labels.get(self.bureau, self.bureau)}")
        if self.pillar:
            parts.append(f"{t('pillar', lang)}: {pillars.get(self.pillar, self.pillar)}")
        if self.statuses:
            shown = t("list_join", lang).join(status_label(s, lang) for s in self.statuses)
            parts.append(f"{t('status', lang)}: {shown}")
        if self.awaiting:
            parts.append(t("awaiting_only", lang))
        if self.query.strip():
            parts.append(t("search_for", lang, query=self.query.strip()))
        return t("filter_join", lang).join(parts)


def clear_filters() -> None:
    """Every sidebar filter back to "all" (a button callback: runs before the next run)."""
    for key, empty in FILTERS.items():
        st.session_state[key] = list(empty) if isinstance(empty, list) else empty


def side_ok(value: str) -> bool:
    match = SIDE.fullmatch(value)
    if match is None:
        return False
    try:
        date.fromisoformat(match.group(2))
    except ValueError:
        return False
    return True


def incoming_params() -> dict[str, str]:
    """The URL's parameters when they are new to this session, else an empty dict."""
    current = {k: v for k, v in st.query_params.to_dict().items() if k not in IGNORED}
    st.session_state[PAGE_PARAMS] = {}
    if not current or current == st.session_state.get(_WRITTEN):
        return {}
    return current


def _invalid(name: str, value: str, why: str, lang: str) -> str:
    return t("param_invalid", lang, name=md(name), value=md(value[:100]), why=md(t(why, lang)))


def apply_language(incoming: dict[str, str]) -> list[str]:
    """The URL's ``lang`` into the session (before the language switch is drawn)."""
    if "lang" not in incoming:
        return []
    if incoming["lang"] in LANGS:
        st.session_state["lang"] = incoming["lang"]
        return []
    return [_invalid("lang", incoming["lang"], "why_lang", "ja")]


def apply_params(incoming: dict[str, str], ds: Dataset, lang: str) -> list[str]:
    """Validate the URL's other parameters and put them into the session state."""
    messages = [t("param_unknown", lang, name=md(k[:100])) for k in incoming if k not in PARAMS]
    ids = {
        "bureau": {b.id for b in ds.document.bureaus},
        "pillar": {p.id for p in ds.document.pillars},
        "kpi": {k.id for k in ds.kpis},
    }
    for name, value in incoming.items():
        ok, why = True, ""
        if name == "as_of":
            try:
                set_as_of(date.fromisoformat(value), chosen=True)
            except ValueError:
                ok, why = False, "why_date"
        elif name in ids:
            ok, why = value in ids[name], "why_unknown_id"
            if ok:
                st.session_state[name] = value
                st.session_state.pop(f"{name}_pick", None)
        elif name == "status":
            chosen = [s for s in value.split(",") if s]
            ok, why = all(s in STATUSES for s in chosen), "why_unknown_id"
            st.session_state["status"] = [s for s in chosen if s in STATUSES]
        elif name == "fy":
            ok, why = re.fullmatch(r"FY(19|20|21)\d\d", value) is not None, "why_fy"
            if ok:
                st.session_state["fy"] = int(value[2:])
                st.session_state.pop("fy_pick", None)
        elif name in ("from", "to"):
            ok, why = side_ok(value), "why_side"
            if ok:
                st.session_state[name] = value
                for suffix in ("_kind", "_date"):
                    st.session_state.pop(f"{name}{suffix}", None)
        elif name == "q":
            st.session_state["q"] = value[:200]
        elif name == "awaiting":
            ok, why = value in ("0", "1"), "why_flag"
            st.session_state["awaiting"] = value == "1"
        if not ok:
            messages.append(_invalid(name, value, why, lang))
    return messages


def today() -> date:
    return date.today()


def set_as_of(day: date, chosen: bool) -> None:
    """The evaluation date (within the range the app offers); a chosen one is kept in the URL,
    today's is not (a link then opens on the day it is opened)."""
    st.session_state["as_of"] = min(max(day, MIN_DATE), MAX_DATE)
    st.session_state[AS_OF_CHOSEN] = chosen


def context() -> Context:
    """The context the entry script built for this run."""
    return st.session_state["_ctx"]


def default_fy(ctx: Context) -> int:
    return fiscal_year_of(ctx.as_of)


def write_query_params(ctx: Context) -> None:
    """Rewrite the URL from the state: language, date, filters and the page's own selection."""
    params = {"lang": ctx.lang}
    if st.session_state.get(AS_OF_CHOSEN):
        params["as_of"] = ctx.as_of.isoformat()
    for key, value in (("bureau", ctx.bureau), ("pillar", ctx.pillar), ("q", ctx.query.strip())):
        if value:
            params[key] = value
    if ctx.statuses:
        params["status"] = ",".join(ctx.statuses)
    if ctx.awaiting:
        params["awaiting"] = "1"
    page = st.session_state.get(PAGE_PARAMS, {})
    if "kpi" in page:
        params["kpi"] = page["kpi"]
    if "fy" in page:
        params["fy"] = f"FY{page['fy']}"
    for side in ("from", "to"):
        if side in page:
            params[side] = page[side]
    st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = params
