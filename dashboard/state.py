"""The view state shared by all pages: language, evaluation date, filters; synced with the URL.

A link's query parameters are applied when a session starts (or when the browser brings
different ones, e.g. back/forward); after every run the URL is rewritten from the state,
so a copied link reopens the same view. Invalid parameters become friendly messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.compare import side_label
from dashboard.i18n import LANG_NAMES, LANGS, status_label, t
from dashboard.tables import filter_overview
from model.loader import Dataset
from model.periods import fiscal_year_of
from model.progress import STATUSES
from model.schema import Kpi

PARAMS = ("lang", "as_of", "bureau", "pillar", "status", "awaiting", "q", "kpi", "fy", "from", "to")
#: A side of the Changes page: an evaluation date of the current data, or ``snapshot-<as_of>``.
SIDE = re.compile(r"(snapshot-)?(\d{4}-\d{2}-\d{2})")
IGNORED = ("embed", "embed_options")
MIN_DATE, MAX_DATE = date(2015, 4, 1), date(2041, 3, 31)
_WRITTEN = "_query_params_written"
_PAGE = "_page_params"


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
    frame: pd.DataFrame = field(init=False)  # the KPIs that pass the filters

    def __post_init__(self) -> None:
        self.frame = filter_overview(
            self.overview, self.bureau, self.pillar, self.statuses, self.query, self.awaiting
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


def md(text: object) -> str:
    """Text from the data escaped for st.markdown: no formatting, no HTML, no image.

    Besides markdown's own marks, ``&`` (``&lt;`` stays as written) and ``=`` (a line of
    ``===`` would make the line above a heading). A bare ``http://…`` still becomes a link
    (Streamlit's renderer finds those after unescaping): show outside text with ``st.text``.
    """
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&=])", r"\\\1", str(text))


def md_list(items: list, limit: int = 20) -> str:
    """Problems (or any texts) as an escaped markdown list, at most ``limit`` shown."""
    lines = [f"- {md(item)}" for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"- … (+{len(items) - limit})")
    return "\n".join(lines)


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
    st.session_state[_PAGE] = {}
    if not current or current == st.session_state.get(_WRITTEN):
        return {}
    return current


def _invalid(name: str, value: str, why: str, lang: str) -> str:
    return t("param_invalid", lang, name=md(name), value=md(value[:100]), why=md(t(why, lang)))


def pick_language(incoming: dict[str, str]) -> tuple[str, list[str]]:
    messages = []
    if "lang" in incoming:
        if incoming["lang"] in LANGS:
            st.session_state["lang"] = incoming["lang"]
        else:
            messages.append(_invalid("lang", incoming["lang"], "why_lang", "ja"))
    st.session_state.setdefault("lang", "ja")
    lang = st.sidebar.radio(t("language"), LANGS, format_func=LANG_NAMES.get, key="lang", horizontal=True)
    return lang, messages


def _apply(incoming: dict[str, str], ds: Dataset, lang: str) -> list[str]:
    """Validate the URL's parameters and put them into the session state."""
    messages = [t("param_unknown", lang, name=md(k[:100])) for k in incoming if k not in PARAMS]
    ids = {
        "bureau": {b.id for b in ds.document.bureaus},
        "pillar": {p.id for p in ds.document.pillars},
        "kpi": {k.id for k in ds.kpis},
    }
    for name, value in incoming.items():
        ok = True
        if name == "as_of":
            try:
                st.session_state["as_of"] = min(max(date.fromisoformat(value), MIN_DATE), MAX_DATE)
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


def sidebar(ds: Dataset, lang: str, incoming: dict[str, str]) -> tuple[Context, list[str]]:
    """Apply the URL, draw the evaluation date and filters, and build the page context."""
    messages = _apply(incoming, ds, lang)
    default = data.default_as_of(ds) or today()
    st.session_state.setdefault("as_of", default)
    bureaus = {b.id: b for b in ds.document.bureaus}
    pillars = {p.id: p for p in ds.document.pillars}
    for key, known in (("bureau", bureaus), ("pillar", pillars)):
        if st.session_state.get(key) not in known:
            st.session_state[key] = ""
    side = st.sidebar
    as_of = side.date_input(
        t("as_of", lang), key="as_of", min_value=MIN_DATE, max_value=MAX_DATE, help=t("as_of_help", lang)
    )
    if as_of < today() - timedelta(days=365):
        side.info(t("as_of_old", lang, as_of=as_of.isoformat()), icon=":material/history:")
    side.subheader(t("filters", lang))

    def label(known: dict, lang: str = lang):
        return lambda k: getattr(known[k], lang) if k else t("all", lang)

    bureau = side.selectbox(t("bureau", lang), ["", *bureaus], format_func=label(bureaus), key="bureau")
    pillar = side.selectbox(t("pillar", lang), ["", *pillars], format_func=label(pillars), key="pillar")
    statuses = side.multiselect(
        t("status", lang),
        list(STATUSES),
        format_func=lambda s: status_label(s, lang),
        key="status",
        placeholder=t("any_status", lang),
    )
    awaiting = side.checkbox(t("awaiting_only", lang), key="awaiting", help=t("awaiting_help", lang))
    query = side.text_input(t("search", lang), key="q")
    ctx = Context(
        ds, lang, as_of, bureau or None, pillar or None, statuses, query,
        data.overview(ds, as_of), data.figures(ds, as_of), awaiting,
    )  # fmt: skip
    side.caption(t("shown", lang, n=len(ctx.frame), total=len(ctx.overview)))
    st.session_state["_ctx"] = ctx
    return ctx, messages


def today() -> date:
    return date.today()


def context() -> Context:
    """The context the entry script built for this run."""
    return st.session_state["_ctx"]


def choice(name: str, label: str, options: list, format_func, default):
    """A page's own selector (KPI, fiscal year) remembered across pages and written to the URL."""
    if st.session_state.get(name) not in options:
        st.session_state[name] = default
    pick = f"{name}_pick"
    if st.session_state.get(pick) not in options:
        st.session_state[pick] = st.session_state[name]
    value = st.selectbox(label, options, format_func=format_func, key=pick)
    st.session_state[name] = value
    st.session_state[_PAGE][name] = value
    return value


def side_choice(name: str, label: str, snapshots: list[str], default: str, lang: str) -> str:
    """One side of the Changes page: a snapshot, or the current data at a date; kept in the URL."""
    value = st.session_state.get(name)
    if not isinstance(value, str) or not side_ok(value):
        value = default
    elif value.startswith("snapshot-") and value not in snapshots:
        st.warning(t("unknown_snapshot", lang, name=value), icon=":material/warning:")
        value = default
    kinds = [*snapshots, "data"]
    kind_key, date_key = f"{name}_kind", f"{name}_date"
    if st.session_state.get(kind_key) not in kinds:
        st.session_state[kind_key] = value if value in snapshots else "data"
    if not isinstance(st.session_state.get(date_key), date):
        day = SIDE.fullmatch(value).group(2)  # type: ignore[union-attr]
        st.session_state[date_key] = min(max(date.fromisoformat(day), MIN_DATE), MAX_DATE)
    kind = st.selectbox(
        label,
        kinds,
        key=kind_key,
        format_func=lambda k: t("current_data", lang) if k == "data" else side_label(k, lang),
    )
    if kind == "data":
        day = st.date_input(t("eval_date", lang), key=date_key, min_value=MIN_DATE, max_value=MAX_DATE)
        value = day.isoformat()
    else:
        value = kind
    st.session_state[name] = value
    st.session_state[_PAGE][name] = value
    return value


def default_fy(ctx: Context) -> int:
    return fiscal_year_of(ctx.as_of)


def write_query_params(ctx: Context) -> None:
    """Rewrite the URL from the state: language, date, filters and the page's own selection."""
    params = {"lang": ctx.lang, "as_of": ctx.as_of.isoformat()}
    for key, value in (("bureau", ctx.bureau), ("pillar", ctx.pillar), ("q", ctx.query.strip())):
        if value:
            params[key] = value
    if ctx.statuses:
        params["status"] = ",".join(ctx.statuses)
    if ctx.awaiting:
        params["awaiting"] = "1"
    page = st.session_state.get(_PAGE, {})
    if "kpi" in page:
        params["kpi"] = page["kpi"]
    if "fy" in page:
        params["fy"] = f"FY{page['fy']}"
    for side in ("from", "to"):
        if side in page:
            params[side] = page[side]
    st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = params
