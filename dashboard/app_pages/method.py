"""判定方法 / How statuses are decided: the rule in plain words and one small example per status,
rated and drawn by the same engine and chart as every KPI."""

import streamlit as st

from dashboard import state, ui
from dashboard.examples import EXAMPLES
from dashboard.i18n import date_text, status_label, t
from dashboard.trajectory_chart import trajectory
from model.explain import explain
from model.progress import AT_RISK_RATIO, ON_TRACK_RATIO, assess

lang = state.context().lang
st.title(t("page_method", lang))
st.markdown(t("method_intro", lang))
st.markdown(t("method_rules", lang, on_track=f"{ON_TRACK_RATIO:.0%}", at_risk=f"{AT_RISK_RATIO:.0%}"))
st.subheader(t("method_examples", lang))
st.caption(t("method_examples_help", lang))
for example in EXAMPLES:
    assessment = assess(example.kpi, example.as_of)
    with st.container(border=True, key=f"example-{example.status}"):
        st.markdown(f"**{status_label(example.status, lang)}** — {t(f'method_{example.status}', lang)}")
        left, right = st.columns([2, 3])
        sentence = explain(example.kpi, assessment, lang)
        left.caption(t("method_example_at", lang, date=date_text(example.as_of, lang)))
        left.markdown(sentence)
        figure = trajectory(example.kpi, assessment, lang)
        figure.update_layout(height=300, title={"text": ""}, margin={"t": 40})
        with right:
            ui.chart(figure, alt=sentence, lang=lang, key=f"example-chart-{example.status}")
