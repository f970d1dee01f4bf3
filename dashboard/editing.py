"""The Record page's logic without Streamlit: the form's request, check, guarded save, sign-in rules.

Editing is off unless ``.streamlit/secrets.toml`` configures a way to sign in: an ``[auth]``
section (OpenID Connect through ``st.login``) or ``[editing] password_hash`` (made by
``python -m model password``). :func:`save` refuses to write without a signed-in editor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from model import update
from model.audit import Change
from model.explain import format_quantity
from model.periods import date_label, parse_period
from model.problems import Problem
from model.userinput import InputError, read_date, read_period, read_value
from model.words import word

Mode = Literal["oidc", "password"]
#: Failed sign-ins of one session: seconds to wait after the n-th failure (then 30 s each).
DELAYS = (1, 2, 4, 8, 15, 30)


class NotSignedIn(PermissionError):
    """A save without a signed-in editor."""


@dataclass(frozen=True)
class Request:
    """What the form asks for, as typed (read and checked by :func:`field_errors` and :func:`build`).

    ``period`` is the observation's period (record), the due period (retarget) or the period a
    comment is about; people may type it as 2024年度, 令和6年度, R6, FY2024 or 2024年度第2四半期.
    ``value`` may be 1,300 or 約900 (which also marks it approximate).
    """

    kpi: str
    action: Literal["record", "retarget", "comment"]
    period: str
    value: str
    source: str
    quote: str
    kind: str = "actual"
    note: str = ""
    reason: str = ""
    approximate: bool = False
    replace: bool = False
    set_on: str = ""
    text_ja: str = ""
    text_en: str = ""
    author: str = ""
    day: str = ""


#: The form's fields that a request must fill in, per action.
REQUIRED = {
    "record": ("kpi", "period", "value", "source", "quote"),
    "retarget": ("kpi", "period", "value", "source", "quote", "reason"),
    "comment": ("kpi", "day", "author", "text_ja"),
}


def field_errors(req: Request) -> dict[str, tuple[str, dict[str, str]]]:
    """What the curator must fix before a check, one message (word key and values) per field."""
    errors: dict[str, tuple[str, dict[str, str]]] = {}
    for name in REQUIRED[req.action]:
        if not str(getattr(req, name)).strip():
            errors[name] = ("form_required", {})
    readers = {"period": read_period, "set_on": read_period, "day": read_date}
    if req.action != "comment":
        readers["value"] = read_value
    for name, reader in readers.items():
        text = str(getattr(req, name)).strip()
        if text and name not in errors:
            try:
                reader(text)
            except InputError as exc:
                errors[name] = (exc.key, {"text": exc.text})
    return errors


def build(req: Request) -> update.Edit:
    """The model's edit for the request, its typed period and value read into the file's forms;
    UpdateError when a field is missing or cannot be read (see :func:`field_errors`)."""
    errors = field_errors(req)
    if errors:
        name, (key, values) = next(iter(errors.items()))
        raise update.UpdateError(f"{name}: {word(key, 'en', **values)}")
    if req.action == "comment":
        text = (
            {"ja": req.text_ja.strip(), "en": req.text_en.strip()}
            if req.text_en.strip()
            else req.text_ja.strip()
        )
        period = read_period(req.period) if req.period.strip() else None
        return update.comment(req.kpi, read_date(req.day).isoformat(), req.author.strip(), text, period)
    value, approximate = read_value(req.value)
    fig = update.FigureInput(
        value, req.source.strip(), req.quote.strip(), req.approximate or approximate, req.note.strip() or None
    )
    period = read_period(req.period)
    if req.action == "retarget":
        set_on = read_period(req.set_on) if req.set_on.strip() else None
        return update.retarget(req.kpi, period, fig, req.reason.strip(), set_on)
    return update.record(
        req.kpi, period, req.kind, fig, replace=req.replace, reason=req.reason.strip() or None
    )


def check(data: Path, seeds: Path, req: Request) -> tuple[Change, list[Problem]]:
    """The change and every problem of the result, nothing written (model.update.preview)."""
    _, change, problems = update.preview(data, seeds, build(req))
    return change, problems


def save(data: Path, seeds: Path, req: Request, editor: str | None) -> Change:
    """Write the change through model.update.apply (audit log included) for a signed-in editor."""
    if not editor or not str(editor).strip():
        raise NotSignedIn("sign in to save changes")
    return update.apply(data, seeds, build(req), str(editor).strip())


def summary(req: Request, lang: str, kpi_name: str) -> str:
    """What a checked request will save, in words: ``紙の使用量：2024年度（令和6年度）の実績 約900を登録``."""
    if req.action == "comment":
        day = date_label(read_date(req.day), lang)
        return word("summary_comment", lang, kpi=kpi_name, date=day, author=req.author.strip())
    value, approximate = read_value(req.value)
    shown = format_quantity(value, "", lang, req.approximate or approximate)
    period = parse_period(read_period(req.period)).label(lang)
    if req.action == "retarget":
        return word("summary_retarget", lang, kpi=kpi_name, value=shown, period=period)
    kind = word(req.kind, lang).lower()  # a column label ("Plan") inside a sentence
    key = "summary_replace" if req.replace else "summary_record"
    return word(key, lang, kpi=kpi_name, value=shown, period=period, kind=kind)


def problem_field(problem: Problem) -> str:
    """The form's field a problem of the edited file is about (``observations[3].quote`` → quote)."""
    last = problem.field.rsplit(".", 1)[-1].split("[", 1)[0] if problem.field else ""
    return {"due": "period", "text": "text_ja", "date": "day"}.get(last, last) if last in FORM_FIELDS else ""


#: The fields of the form, in the order it shows them.
FORM_FIELDS = (
    "kpi", "period", "due", "value", "kind", "set_on", "source", "quote", "note", "reason", "approximate",
    "day", "date", "author", "text",
)  # fmt: skip


def mode(secrets: Mapping[str, Any]) -> Mode | None:
    """How editors sign in, from the secrets: OpenID Connect, a password, or not at all."""
    if isinstance(secrets.get("auth"), Mapping) and secrets["auth"]:
        return "oidc"
    editing = secrets.get("editing")
    if isinstance(editing, Mapping) and str(editing.get("password_hash") or "").strip():
        return "password"
    return None


def allowed_editors(allowed: object) -> frozenset[str]:
    """``[editing] editors`` (a list, or one address as text) as case-folded e-mail addresses."""
    items = allowed if isinstance(allowed, list | tuple) else [allowed]
    return frozenset(str(a).strip().casefold() for a in items if a is not None and str(a).strip())


def verified_email(user: Mapping[str, Any]) -> str | None:
    """The signed-in user's e-mail address if the provider says it is verified, else None."""
    email = str(user.get("email") or "").strip()
    verified = user.get("email_verified")
    if email and (verified is True or str(verified).strip().lower() == "true"):
        return email
    return None


def oidc_editor(user: Mapping[str, Any], allowed: object = None) -> str | None:
    """The editor's name from ``st.user`` once signed in: the verified e-mail address, if listed.

    ``allowed`` is ``[editing] editors`` from the secrets (compared case-insensitively). Only
    an e-mail address with ``email_verified`` true can match: never the display name or the
    subject, which the account's owner may choose. Without a list nobody may edit.
    """
    if not user.get("is_logged_in"):
        return None
    email = verified_email(user)
    if email is None:
        return None
    return email if email.casefold() in allowed_editors(allowed) else None


def delay(failures: int) -> int:
    """Seconds a session waits before it may try again after ``failures`` failed attempts."""
    return 0 if failures <= 0 else DELAYS[min(failures, len(DELAYS)) - 1]
