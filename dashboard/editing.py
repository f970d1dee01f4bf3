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

from model import update, values
from model.audit import Change
from model.problems import Problem

Mode = Literal["oidc", "password"]
#: Failed sign-ins of one session: seconds to wait after the n-th failure (then 30 s each).
DELAYS = (1, 2, 4, 8, 15, 30)


class NotSignedIn(PermissionError):
    """A save without a signed-in editor."""


@dataclass(frozen=True)
class Request:
    """What the form asks for, as text (parsed and checked by :func:`build`)."""

    kpi: str
    action: Literal["record", "retarget"]
    period: str  # record: the observation's period; retarget: the due period
    value: str
    source: str
    quote: str
    kind: str = "actual"
    note: str = ""
    reason: str = ""
    approximate: bool = False
    replace: bool = False
    set_on: str = ""


def parse_value(text: str) -> values.TypedValue:
    """The form's value: the same rule as the command line's ``--value`` (model.values)."""
    try:
        return values.parse_value(text)
    except values.ValueTextError as exc:
        raise update.UpdateError(str(exc)) from None


def build(req: Request) -> update.Edit:
    """The model's edit for the request; UpdateError for a missing field or a malformed period."""
    for name in ("kpi", "period", "value", "source", "quote"):
        if not str(getattr(req, name)).strip():
            raise update.UpdateError(f"{name} is required")
    typed = parse_value(req.value)
    fig = update.FigureInput(
        typed.value,
        req.source.strip(),
        req.quote.strip(),
        req.approximate or typed.approximate,
        req.note.strip() or None,
    )
    if req.action == "retarget":
        if not req.reason.strip():
            raise update.UpdateError("a revised target needs a reason")
        return update.retarget(
            req.kpi, req.period.strip(), fig, req.reason.strip(), req.set_on.strip() or None
        )
    return update.record(
        req.kpi, req.period.strip(), req.kind, fig, replace=req.replace, reason=req.reason.strip() or None
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


def describe(change: Change) -> str:
    """The change in one line (:meth:`model.audit.Change.summary`)."""
    return change.summary()


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
