"""The shape of ``data/kpis.yaml``: pydantic models, the single source of the JSON Schema.

Every field is documented in the README's "YAML reference"; a test fails when one is not.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from model.periods import PeriodError, parse_period

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PERIOD_PATTERN = r"^(FY\d{4}(Q[1-4])?|\d{4}-\d{2}(-\d{2})?)$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
URL_PATTERN = r"^https?://\S+$"
SOURCE_HELP = "File name of a document in seeds/, or the id of a registered source"

Measure = Literal["cumulative", "per_year", "level", "milestone"]
Direction = Literal["increase", "decrease", "maintain"]
ObservationKind = Literal["actual", "plan", "estimate"]
Bound = Literal["at_least"]
#: A source id: a lower-case slug, or the file name of a document in seeds/.
SOURCE_ID_PATTERN = r"^([a-z0-9]+(?:-[a-z0-9]+)*|[A-Za-z0-9][A-Za-z0-9_.-]*\.[A-Za-z0-9]+)$"
#: A publication date, or only its month when the document gives no day.
PUBLISHED_PATTERN = r"^\d{4}-\d{2}(-\d{2})?$"


def _check_period(text: str) -> str:
    try:
        parse_period(text)
    except PeriodError as exc:
        raise ValueError(str(exc)) from None
    return text


def _check_published(text: str) -> str:
    if parse_period(text).kind not in ("date", "month"):  # pragma: no cover - the pattern admits no other
        raise ValueError(f"{text!r} is not a date such as 2024-03-29 or a month such as 2022-02")
    return text


def _check_date(text: str) -> str:
    if parse_period(text).kind != "date":  # the pattern admits only dates; parse checks the day
        raise ValueError(f"{text!r} is not a date such as 2024-06-30")
    return text


PeriodText = Annotated[
    str,
    AfterValidator(_check_period),
    Field(
        description="FY2024 (fiscal year, April–March), FY2024Q2 (fiscal quarter), "
        "2024-02 (month) or 2024-02-15 (date)",
        pattern=PERIOD_PATTERN,
    ),
]
Value = Annotated[
    float,
    Field(strict=True, ge=0, allow_inf_nan=False, description="A plain non-negative number"),
]
DateText = Annotated[
    str,
    AfterValidator(_check_date),
    Field(pattern=DATE_PATTERN, description="ISO date, e.g. 2024-06-30"),
]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="lower-case slug, e.g. digital-service")]
NonEmpty = Annotated[str, Field(min_length=1)]
Flag = Annotated[bool, Field(strict=True)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in Japanese and English."""

    ja: NonEmpty
    en: NonEmpty


class Label(Text):
    """Something defined once and referenced by its id (a bureau, a pillar)."""

    id: Slug


#: What kind of organisation a bureau entry is; pages group them in this order.
BureauKind = Literal["bureau", "office", "agency", "commission", "municipality", "council", "government"]
BUREAU_KINDS: tuple[str, ...] = BureauKind.__args__  # type: ignore[attr-defined]


class Bureau(Label):
    """An organisation KPIs belong to: a bureau, an office, a municipality, a council…"""

    kind: BureauKind = Field(
        "bureau",
        description="bureau (局), office (室・本部), agency (庁), commission (行政委員会の事務局), "
        "municipality (区市町村), council (会議体) or government (都全体)",
    )


#: Free text in both languages, or (as older files have it) one text shown in both.
Note = Annotated[Text | str, Field(description="{ja: …, en: …}, or one text shown in both languages")]


def note_text(text: Text | str | None, lang: str) -> str:
    """A note, reason or comment in ``lang`` (a single text is the same in both); empty for none."""
    if text is None:
        return ""
    if isinstance(text, Text):
        return text.ja if lang == "ja" else text.en
    return text


class Part(Strict):
    """One quoted number of a derived value."""

    value: Value
    item: Flag = Field(
        False,
        description="A named item that counts one (value: 1); its quote names it and need not "
        "contain the digit",
    )
    source: NonEmpty = Field(description=SOURCE_HELP)
    quote: NonEmpty = Field(description="Verbatim text of the source containing the value")


class Derived(Strict):
    """A value computed from quoted numbers: 330 + 320 = 650, or 100 × 1,688 / 3,371 = 50.07 (%)."""

    operation: Literal["sum", "ratio"] = Field(
        "sum",
        description="sum: the parts added up; ratio: 100 × the first part / the second, a percentage "
        "rounded to two decimals",
    )
    parts: list[Part] = Field(min_length=2)


class Figure(Strict):
    """Where a number comes from: a seed file and a verbatim quote containing it."""

    value: Value
    approximate: Flag = Field(False, description="The document says 約 (about) this value")
    source: NonEmpty | None = Field(None, description=SOURCE_HELP)
    quote: NonEmpty | None = Field(None, description="Verbatim text containing the value")
    derived: Derived | None = None
    note: Note | None = None
    reported_on: DateText | None = Field(
        None,
        description="The day the figure was made public, when later than its source's `published` "
        "date; before it, the figure does not exist for the status",
    )

    @model_validator(mode="after")
    def _quoted_or_derived(self) -> Figure:
        if self.derived is None and (self.source is None or self.quote is None):
            raise ValueError("give source and quote, or mark the value as derived with quoted parts")
        return self


class Baseline(Figure):
    period: PeriodText


class Target(Figure):
    due: PeriodText = Field(description="The period by whose end the value is due")
    set_on: PeriodText | None = Field(None, description="When the target was set")
    superseded: Flag = Field(False, description="Replaced by a later target (kept as history)")
    recurring: Flag = Field(
        False, description="per_year KPIs only: applies to every fiscal year from `due` on"
    )
    reason: Note | None = Field(None, description="Why the target was set or revised")


class Observation(Figure):
    period: PeriodText
    kind: ObservationKind = "actual"
    bound: Bound | None = Field(
        None, description="at_least: the source gives a floor (以上, 上回る, 超, 大幅にクリア)"
    )


class Comment(Strict):
    """A dated remark of a KPI's owner on its status (why it is behind, what is being done).

    Shown under the status sentence; it never changes the status.
    """

    date: DateText = Field(description="The day the comment was made")
    author: NonEmpty = Field(description="Who made it (a person, a section or a bureau)")
    text: Note = Field(description="The comment: {ja: …, en: …}, or one text")
    period: PeriodText | None = Field(None, description="The period the comment is about")


class Kpi(Strict):
    id: Slug
    name: Text
    bureau: Slug = Field(description="id of the responsible bureau (the leading one of a joint project)")
    also_bureaus: list[Slug] = Field(
        default_factory=list,
        description="ids of further bureaus of a joint project; the KPI counts under each",
    )
    pillar: Slug
    unit: Text
    measure: Measure
    direction: Direction = "increase"
    baseline: Baseline | None = None
    targets: list[Target] = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    note: Note | None = None
    comments: list[Comment] = Field(
        default_factory=list, description="Dated comments on the status, oldest first; never change it"
    )

    @property
    def bureau_ids(self) -> list[str]:
        """Every bureau of the KPI, the leading one first."""
        return [self.bureau, *self.also_bureaus]


class Source(Strict):
    """A document that figures cite by its id: a seed (id = its file name) or a later report."""

    id: Annotated[
        str, Field(pattern=SOURCE_ID_PATTERN, description="a seed's file name, or a lower-case slug")
    ]
    title: NonEmpty
    publisher: str | None = None
    url: Annotated[str, Field(pattern=URL_PATTERN, description="http(s) address")] | None = Field(
        None, description="Where the document is published (required for sources outside seeds/)"
    )
    published: (
        Annotated[
            str,
            AfterValidator(_check_published),
            Field(pattern=PUBLISHED_PATTERN, description="2024-03-29, or 2022-02 when no day is given"),
        ]
        | None
    ) = Field(None, description="Publication date; figures of the source exist from then on")
    accessed: DateText | None = Field(None, description="When a web source was read (sources outside seeds/)")
    note: Note | None = None


class Exclusion(Strict):
    """A passage of a seed whose figures are deliberately not tracked, and why."""

    source: NonEmpty
    quote: NonEmpty
    reason: Annotated[Text | NonEmpty, Field(description="Why it is not tracked: {ja, en} or one text")]


class Document(Strict):
    bureaus: list[Bureau] = Field(min_length=1)
    pillars: list[Label] = Field(min_length=1)
    kpis: list[Kpi]
    sources: list[Source] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)


def json_schema() -> dict[str, object]:
    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Tokyo KPI Tracker data file (data/kpis.yaml)"
    return schema
