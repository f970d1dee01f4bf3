"""Signing in to edit: OpenID Connect (``st.login``) or a password hash from the secrets.

The password is compared with :func:`model.passwords.verify` and never kept: only the
editor's name stays in the session. Failed attempts make the session wait longer each time,
and :data:`THROTTLE`, shared by every session of the process, allows at most 5 attempts per
client address and 30 in all per minute (a new session per guess gains nothing).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit import config as st_config

from dashboard import editing, serve
from dashboard.i18n import t
from dashboard.state import md
from dashboard.throttle import Throttle
from model import passwords

_EDITOR = "_editor"
_FAILURES = "_signin_failures"
_NOT_BEFORE = "_signin_not_before"
#: Password attempts of every session of this process, by client address.
THROTTLE = Throttle()


def client_address() -> str:
    """The browser's address (behind a proxy on this machine, the one it forwards), or "local"."""
    try:
        address = st.context.ip_address
    except Exception:  # no client context (bare mode)
        address = None
    return address if isinstance(address, str) and address else "local"


def secrets_trusted() -> bool:
    """Are the secrets the project's? Yes when the secrets file was named explicitly (as
    ``dashboard/serve.py`` does) or Streamlit was started in the project folder; otherwise it
    reads ``.streamlit/secrets.toml`` of whatever folder it was started in."""
    try:
        named = st_config.get_where_defined("secrets.files") != "<default>"
    except Exception:  # an unknown option in another Streamlit version: judge by the folder
        named = False
    return named or Path.cwd().resolve() == serve.ROOT


def secrets() -> dict[str, Any]:
    """The app's secrets, empty when there is no secrets.toml or when it is not the project's."""
    if not secrets_trusted():
        return {}
    try:
        return st.secrets.to_dict()
    except Exception:  # StreamlitSecretNotFoundError or a malformed file: editing stays off
        return {}


def current_editor() -> str | None:
    """The signed-in editor's name, or None: decided afresh from the secrets on every call."""
    config = secrets()
    mode = editing.mode(config)
    if mode == "oidc":
        return editing.oidc_editor(st.user.to_dict(), _editors(config))
    if mode == "password":
        name = st.session_state.get(_EDITOR)
        return name if isinstance(name, str) and name.strip() else None
    return None


def _editors(config: dict[str, Any]) -> object:
    section = config.get("editing")
    return section.get("editors") if isinstance(section, dict) else None


def _password_form(encoded: str, lang: str) -> None:
    try:
        passwords.parse(encoded)
    except passwords.PasswordError:
        st.error(t("editing_misconfigured", lang), icon=":material/error:")
        return
    with st.form("sign_in", clear_on_submit=True):
        name = st.text_input(t("editor_name", lang), key="sign_in_name")
        password = st.text_input(t("password", lang), type="password", key="sign_in_password")
        submitted = st.form_submit_button(t("sign_in", lang), icon=":material/login:", key="sign_in_submit")
    if not submitted:
        return
    wait = st.session_state.get(_NOT_BEFORE, 0.0) - time.monotonic()
    if wait > 0:
        st.error(t("sign_in_wait", lang, seconds=int(wait) + 1), icon=":material/timer:")
        return
    address = client_address()
    refused = THROTTLE.attempt(address)  # counts from now on: the password is not even checked
    if refused is not None:
        key = "sign_in_locked_address" if refused.scope == "address" else "sign_in_locked_all"
        st.error(t(key, lang, seconds=refused.seconds), icon=":material/lock_clock:")
    elif name.strip() and passwords.verify(password, encoded):
        THROTTLE.succeeded(address)
        st.session_state[_EDITOR] = name.strip()[:80]
        st.session_state[_FAILURES] = 0
        st.rerun()
    else:
        failures = st.session_state.get(_FAILURES, 0) + 1
        st.session_state[_FAILURES] = failures
        st.session_state[_NOT_BEFORE] = time.monotonic() + editing.delay(failures)
        st.error(t("sign_in_failed", lang, seconds=editing.delay(failures)), icon=":material/lock:")


def sign_in(lang: str) -> str | None:
    """Draw the sign-in (or how to enable editing) and return the signed-in editor, if any."""
    config = secrets()
    mode = editing.mode(config)
    if mode is None and not secrets_trusted():  # how to start it is in the README, not on the page
        st.warning(t("editing_misconfigured", lang), icon=":material/lock:")
        return None
    if mode is None:
        st.info(t("editing_off", lang), icon=":material/lock:")
        return None
    if mode == "oidc" and not editing.allowed_editors(_editors(config)):
        st.warning(t("editing_misconfigured", lang), icon=":material/lock:")
        return None
    editor = current_editor()
    if editor is None and mode == "oidc" and st.user.to_dict().get("is_logged_in"):
        unverified = editing.verified_email(st.user.to_dict()) is None
        st.error(t("email_unverified" if unverified else "not_an_editor", lang), icon=":material/block:")
        if st.button(t("sign_out", lang), icon=":material/logout:", key="logout"):
            st.logout()
    elif editor is None and mode == "oidc":
        provider = (config.get("editing") or {}).get("provider")
        if st.button(t("sign_in_oidc", lang), icon=":material/login:", key="login"):
            try:
                st.login(provider) if provider else st.login()
            except Exception as exc:  # e.g. Authlib missing or an incomplete [auth] section
                st.error(t("login_failed", lang, error=exc), icon=":material/error:")
    elif editor is None:
        _password_form(config["editing"]["password_hash"], lang)
    else:
        left, right = st.columns([4, 1])
        left.caption(t("signed_in_as", lang, editor=md(editor)))
        if right.button(t("sign_out", lang), icon=":material/logout:", key="logout"):
            if mode == "oidc":
                st.logout()
            st.session_state.pop(_EDITOR, None)
            st.rerun()
    return editor
