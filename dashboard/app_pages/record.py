"""Record: a figure, a revised target or a comment, through model.update after signing in; checked first."""

import streamlit as st

from dashboard import auth, data, editing, state
from dashboard.i18n import t
from dashboard.markdown import md
from dashboard.record_form import field_messages, form, problems
from model.problems import DataError
from model.update import UpdateError

CHECKED, SAVED = "_edit_checked", "_edit_saved"
lang = state.context().lang
st.title(t("page_record", lang))
st.caption(t("record_intro", lang))
path, seeds = data.data_paths()


def check(request: editing.Request) -> None:
    """Preview the edit: one message per field, and the change ready to save when there is none."""
    st.session_state.pop(CHECKED, None)
    errors = editing.field_errors(request)
    if errors:
        field_messages(errors, lang)
        return
    try:
        _, found = editing.check(path, seeds, request)
    except (UpdateError, DataError) as exc:
        st.error(t("check_failed", lang, error=md(exc)), icon=":material/error:")
        return
    if not problems(found, request.kpi, lang):
        st.session_state[CHECKED] = request


def save(request: editing.Request) -> None:
    try:
        editing.save(path, seeds, request, auth.current_editor())
    except DataError as exc:
        problems(exc.problems, request.kpi, lang)
    except (editing.NotSignedIn, UpdateError) as exc:
        st.error(t("save_failed", lang, error=md(exc)), icon=":material/error:")
    else:
        data.clear_cache()  # every page shows the new figure at once
        st.session_state.pop(CHECKED, None)
        name = state.context().names().get(request.kpi, request.kpi)
        st.session_state[SAVED] = t("saved", lang, change=md(editing.summary(request, lang, name)))
        st.rerun()


editor = auth.sign_in(lang)
if editor is not None:
    if SAVED in st.session_state:
        st.success(st.session_state.pop(SAVED), icon=":material/check_circle:")
    request = form(lang, editor)
    if request is not None:
        check(request)
    if CHECKED in st.session_state:
        request = st.session_state[CHECKED]
        name = state.context().names().get(request.kpi, request.kpi)
        st.info(t("ready", lang, change=md(editing.summary(request, lang, name))), icon=":material/preview:")
        if st.button(t("save", lang), type="primary", icon=":material/save:", key="save"):
            save(request)
