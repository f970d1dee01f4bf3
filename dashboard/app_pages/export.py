"""Export: the CSV snapshot for the current filters and evaluation date, and the YAML itself."""

import streamlit as st

from dashboard import data, state, ui
from dashboard.i18n import date_text, t
from dashboard.markdown import md
from dashboard.problem_text import message_text
from dashboard.tables import unverified_count
from model.export import ENCODINGS, ExportError, snapshot_frame, to_csv_bytes

ctx = state.context()
lang = ctx.lang
st.title(t("page_export", lang))

frame = snapshot_frame(ctx.dataset, ctx.as_of, list(ctx.frame["kpi_id"]))
st.write(t("export_intro", lang, as_of=date_text(ctx.as_of, lang), n=f"{len(frame):,}"))
if ctx.frame.empty:
    ui.empty_state(ctx, "export")
elif frame.empty:
    st.caption(t("export_no_rows", lang))
else:
    st.caption(t("unverified_count", lang, n=unverified_count(frame)))
encoding = st.selectbox(
    t("encoding", lang),
    ENCODINGS,
    format_func=lambda e: t(f"encoding_{e}", lang),
    help=t("encoding_help", lang),
    key="encoding",
)
try:
    csv = to_csv_bytes(frame, encoding)
except ExportError as exc:
    st.error(t("encoding_error", lang, error=md(message_text(str(exc), lang))), icon=":material/error:")
else:
    st.download_button(
        t("download_csv", lang),
        csv,
        file_name=f"kpi-snapshot-{ctx.as_of.isoformat()}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="download_csv",
        disabled=frame.empty,
        help=t("export_no_rows", lang) if frame.empty else None,
    )
source = data.source_of(ctx.dataset)  # the YAML shown, even when the file is gone or broken now
if source is None:
    st.caption(t("yaml_unavailable", lang))
else:
    st.download_button(
        t("download_yaml", lang),
        source,
        file_name=ctx.dataset.path.name,
        mime="application/yaml",
        icon=":material/description:",
        on_click="ignore",
        key="download_yaml",
    )
if not frame.empty:
    st.dataframe(frame, hide_index=True, placeholder="")
