"""Export: the CSV snapshot, the Excel workbook and the meeting pack for the current filters and
date, and the YAML."""

import streamlit as st

from dashboard import data, state, ui
from dashboard.i18n import date_text, t
from dashboard.markdown import md
from dashboard.pack import pack_html
from dashboard.problem_text import message_text
from dashboard.tables import unverified_count
from model.export import ENCODINGS, ExportError, snapshot_frame, to_csv_bytes
from model.workbook import workbook_bytes

ctx = state.context()
lang = ctx.lang
st.title(t("page_export", lang))


def download(key: str, body: object, file_name: str, mime: str, icon: str, **more: object) -> None:
    """A download button labelled ``t(key)``, keyed ``key``, that does not rerun the page."""
    icon = f":material/{icon}:"
    st.download_button(
        t(key, lang), body, file_name=file_name, mime=mime, icon=icon, on_click="ignore", key=key, **more
    )


kpi_ids = list(ctx.frame["kpi_id"])
frame = snapshot_frame(ctx.dataset, ctx.as_of, kpi_ids)
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
day = ctx.as_of.isoformat()
try:
    csv = to_csv_bytes(frame, encoding)
except ExportError as exc:
    st.error(t("encoding_error", lang, error=md(message_text(str(exc), lang))), icon=":material/error:")
else:
    no_rows = t("export_no_rows", lang) if frame.empty else None
    download(
        "download_csv",
        csv,
        f"kpi-snapshot-{day}.csv",
        "text/csv",
        "download",
        disabled=frame.empty,
        help=no_rows,
    )
download(
    "download_xlsx",
    lambda: workbook_bytes(ctx.dataset, ctx.as_of, kpi_ids),  # made when clicked
    f"kpi-workbook-{day}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "table_view",
    help=t("xlsx_help", lang),
    disabled=ctx.frame.empty,  # no KPI: nothing to put in it
)
bureaus = {b.id: b.ja if lang == "ja" else b.en for b in ctx.dataset.document.bureaus}
scope = bureaus.get(ctx.bureau or "", t("all_bureaus", lang))
download(
    "download_pack",
    lambda: pack_html(ctx.dataset, ctx.as_of, kpi_ids, lang, scope).encode("utf-8"),  # made when clicked
    f"kpi-pack-{day}.html",
    "text/html",
    "print",
    help=t("pack_help", lang),
    disabled=ctx.frame.empty,
)
source = data.source_of(ctx.dataset)  # the YAML shown, even when the file is gone or broken now
if source is None:
    st.caption(t("yaml_unavailable", lang))
else:
    download("download_yaml", source, ctx.dataset.path.name, "application/yaml", "description")
if not frame.empty:
    st.dataframe(frame, hide_index=True, placeholder="")
