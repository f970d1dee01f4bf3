"""Changes: the diff between two snapshots or evaluation dates, for the KPIs the filters keep."""

import os
from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard import compare, data, selectors, state, ui
from dashboard.change_tables import change_counts, other_changes, transitions
from dashboard.figures import transition_bar
from dashboard.i18n import t
from dashboard.markdown import md
from model.diff import as_table, diff
from model.export import to_csv_bytes
from model.snapshots import SnapshotError, read_index

ctx = state.context()
lang = ctx.lang
st.title(t("page_changes", lang))
st.caption(t("changes_intro", lang))


def snapshot_error(exc: SnapshotError) -> None:
    """The message names a file and may quote a cell: outside text, shown plain, never as markdown,
    and without the server's folders."""
    st.error(t("snapshot_error", lang), icon=":material/error:")
    st.text(str(exc).replace(f"{folder}{os.sep}", "").replace(str(folder), ""))


folder = data.snapshots_folder()
try:
    snapshots = compare.snapshot_options(read_index(folder))
except SnapshotError as exc:
    snapshot_error(exc)
    snapshots = {}
if not snapshots:
    st.caption(t("no_snapshots", lang))
names = list(snapshots)
default_old = names[-1] if names else (ctx.as_of - timedelta(days=365)).isoformat()
left, right = st.columns(2)
with left:
    old = selectors.side_choice("from", t("side_from", lang), names, default_old, lang)
with right:
    new = selectors.side_choice("to", t("side_to", lang), names, ctx.as_of.isoformat(), lang)


def shown(changes: pd.DataFrame) -> pd.DataFrame:
    """The changes of the KPIs the sidebar's filters keep (all of them without a filter)."""
    if not ctx.filtered:
        return changes
    st.caption(t("changes_filtered", lang, filters=md(ctx.filter_summary())))
    return changes[changes["kpi_id"].isin(set(ctx.frame["kpi_id"]))]


def show(changes: pd.DataFrame) -> None:
    old_label, new_label = compare.side_label(old, lang), compare.side_label(new, lang)
    st.subheader(t("changes_summary", lang, old=old_label, new=new_label, n=len(changes)))
    counts = change_counts(changes, lang)
    counts = counts[counts.iloc[:, 1] > 0]
    with st.container(key="status-tiles"):
        for column, (kind, n) in zip(st.columns(5), counts.itertuples(index=False, name=None), strict=False):
            column.metric(kind, f"{n:,}")
    st.subheader(t("transitions", lang))
    moved = transitions(changes, lang)
    if moved.empty:
        st.caption(t("no_transitions", lang))
    else:
        alt = f"{t('transitions', lang)}: {len(moved)}"
        ui.chart(transition_bar(changes, lang), alt=alt, lang=lang, key="transitions")
        ui.table(moved, lang, "transitions")
    st.subheader(t("other_changes", lang))
    units = dict(zip(ctx.overview["kpi_id"], ctx.overview[f"unit_{lang}"], strict=True))
    milestones = set(ctx.overview.loc[ctx.overview["measure"] == "milestone", "kpi_id"])
    ui.table(other_changes(changes, lang, units, milestones), lang, "other-changes")
    st.download_button(
        t("download_diff", lang),
        to_csv_bytes(as_table(changes)),
        file_name=f"kpi-changes-{old}-{new}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="download_diff",
        disabled=changes.empty,
    )


try:
    frames = [compare.side_frame(side, ctx.dataset, folder, snapshots) for side in (old, new)]
except SnapshotError as exc:
    snapshot_error(exc)
else:
    show(shown(diff(*frames)))
