"""The CNN family: AlexNet, VGG, GoogLeNet, Inception v3, ResNet, MobileNet — accuracy against cost, and why
GoogLeNet needed so few parameters. All numbers come from googlenet.family (torchvision, offline)."""
import pandas as pd
import streamlit as st

from googlenet.family import efficiency_summary, family_table
from googlenet.i18n import t
from ui.charts import family_scatter, param_split_chart, png_bytes

NUM = st.column_config.NumberColumn


@st.cache_data(max_entries=8, show_spinner=False)
def scatter_png(names: tuple, gflops: tuple, top1: tuple, params: tuple, words: tuple) -> bytes:
    return png_bytes(family_scatter(names, gflops, top1, params, *words, highlight="GoogLeNet"))


@st.cache_data(max_entries=8, show_spinner=False)
def split_png(names: tuple, parts: tuple, labels: tuple, xlabel: str) -> bytes:
    return png_bytes(param_split_chart(names, parts, labels, xlabel, highlight="GoogLeNet"))


st.title(t("nav.family"))
st.markdown(t("familypage.intro"))

with st.spinner():
    members = family_table()
    summary = efficiency_summary()
names = tuple(m.name for m in members)

# ------------------------------------------------------------------ accuracy vs cost, with the table beside it
st.subheader(t("familypage.chart.title"))
left, right = st.columns([3, 2], gap="large")
with left:
    st.image(scatter_png(names, tuple(m.gflops for m in members), tuple(m.top1 for m in members),
                         tuple(m.params for m in members),
                         (t("familypage.chart.x"), t("familypage.chart.y"), t("familypage.chart.size_note"))),
             width="stretch")
    st.caption(t("familypage.chart.caption"))
with right:
    st.markdown(f"**{t('familypage.table.title')}**")
    table = pd.DataFrame({
        "name": names,
        "year": [m.year for m in members],
        "params": [m.params for m in members],
        "gflops": [m.gflops for m in members],
        "top1": [m.top1 for m in members],
        "top5": [m.top5 for m in members],
        "idea": [t(m.idea_key) for m in members],
    })
    st.dataframe(table, hide_index=True, width="stretch", height=35 * (len(members) + 1) + 3, column_config={
        "name": st.column_config.TextColumn(t("familypage.col.name"), pinned=True),
        "year": NUM(t("familypage.col.year"), format="%d"),
        "params": NUM(t("familypage.col.params"), format="localized"),
        "gflops": NUM(t("familypage.col.gflops"), format="%.2f"),
        "top1": NUM(t("familypage.col.top1"), format="%.1f"),
        "top5": NUM(t("familypage.col.top5"), format="%.1f"),
        "idea": st.column_config.TextColumn(t("familypage.col.idea"), width="large"),
    })
    st.caption(t("familypage.table.caption"))

with st.expander(t("familypage.ideas.title"), expanded=True):
    st.markdown("\n".join(f"- **{m.name}** ({m.year}): {t(m.idea_key)}" for m in members))

# ------------------------------------------------------------------ why GoogLeNet was efficient
st.subheader(t("familypage.why.title"))
g, a, v = summary.googlenet_params, summary.alexnet_params, summary.vgg16_params
c1, c2, c3 = st.columns(3)
c1.metric(t("familypage.why.metric.params"), f"{g:,}")
c2.metric(t("familypage.why.metric.alexnet"), f"{a:,}", delta=t("familypage.why.delta", ratio=a / g),
          delta_color="off")
c3.metric(t("familypage.why.metric.vgg"), f"{v:,}", delta=t("familypage.why.delta", ratio=v / g), delta_color="off")

left, right = st.columns([1, 1], gap="large")
with left:
    st.markdown(t("familypage.why.body", g=g, a=a, v=v, ra=a / g, rv=v / g, a_fc=summary.fc_share["alexnet"],
                  v_fc=summary.fc_share["vgg16"], g_fc=summary.fc_params["googlenet"],
                  g_fc_share=summary.fc_share["googlenet"]))
with right:
    st.markdown(f"**{t('familypage.split.title')}**")
    st.image(split_png(names, tuple((m.conv_params, m.fc_params, m.other_params) for m in members),
                       (t("familypage.split.conv"), t("familypage.split.fc"), t("familypage.split.other")),
                       t("familypage.split.xlabel")), width="stretch")
    st.caption(t("familypage.split.caption"))
