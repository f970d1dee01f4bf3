"""Record: add a figure or revise a target through model.update, after signing in; checked first."""

import streamlit as st

from dashboard import auth, data, editing, state
from dashboard.i18n import t
from dashboard.record_form import form, problems
from model.problems import DataError
from model.update import UpdateError

CHECKED, SAVED = "_edit_checked", "_edit_saved"
lang = state.context().lang
st.title(t("page_record", lang))
st.caption(t("record_intro", lang))
path, seeds = data.data_paths()


def check(request: editing.Request) -> None:
    """Preview the edit: the model's messages, and the change ready to save when there are no errors."""
    st.session_state.pop(CHECKED, None)
    try:
        change, found = editing.check(path, seeds, request)
    except (UpdateError, DataError) as exc:
        st.error(t("check_failed", lang, error=state.md(exc)), icon=":material/error:")
        return
    problems(found, lang)
    if not any(p.level == "error" for p in found):
        st.session_state[CHECKED] = (request, change)


def save(request: editing.Request) -> None:
    try:
        change = editing.save(path, seeds, request, auth.current_editor())
    except DataError as exc:
        problems(exc.problems, lang)
    except (editing.NotSignedIn, UpdateError) as exc:
        st.error(t("save_failed", lang, error=state.md(exc)), icon=":material/error:")
    else:
        data.clear_cache()  # every page shows the new figure at once
        st.session_state.pop(CHECKED, None)
        st.session_state[SAVED] = t("saved", lang, change=state.md(editing.describe(change)))
        st.rerun()


if auth.sign_in(lang) is not None:
    if SAVED in st.session_state:
        st.success(st.session_state.pop(SAVED), icon=":material/check_circle:")
    request = form(lang)
    if request is not None:
        check(request)
    if CHECKED in st.session_state:
        request, change = st.session_state[CHECKED]
        st.info(t("ready", lang, change=state.md(editing.describe(change))), icon=":material/preview:")
        if st.button(t("save", lang), type="primary", icon=":material/save:", key="save"):
            save(request)
