"""The CNN family: AlexNet, VGG, GoogLeNet, Inception v3, ResNet, MobileNet — accuracy against cost, and why
GoogLeNet needed so few parameters. All numbers come from googlenet.family (torchvision, offline)."""
import streamlit as st

from googlenet.family import efficiency_summary, family_frame, family_table
from googlenet.i18n import t
from ui.charts import chart_png, family_scatter, param_split_chart

NUM = st.column_config.NumberColumn
ROW = 132  # tall rows: the key idea wraps onto several lines

st.title(t("nav.family"))
st.markdown(t("familypage.intro"))

with st.spinner():
    members = family_table()
    summary = efficiency_summary()
names = tuple(m.name for m in members)

# ------------------------------------------------------------------ accuracy vs cost, and the table
st.subheader(t("familypage.chart.title"))
st.image(chart_png(family_scatter, names, tuple(m.gflops for m in members), tuple(m.top1 for m in members),
                   tuple(m.params for m in members), t("familypage.chart.x"), t("familypage.chart.y"),
                   t("familypage.chart.size_note"), highlight="GoogLeNet"), width="stretch")
st.caption(t("familypage.chart.caption"))

st.subheader(t("familypage.table.title"))
st.dataframe(family_frame(members), hide_index=True, width="stretch", row_height=ROW, height=ROW * len(members) + 40,
             column_config={
                 "name": st.column_config.TextColumn(t("familypage.col.name"), pinned=True, width=135),
                 "year": NUM(t("familypage.col.year"), format="%d", width=55),
                 "params": NUM(t("familypage.col.params"), format="localized", width=100),
                 "gflops": NUM(t("familypage.col.gflops"), format="%.2f", width=70),
                 "top1": NUM(t("familypage.col.top1"), format="%.1f", width=68),
                 "top5": NUM(t("familypage.col.top5"), format="%.1f", width=68),
                 "idea": st.column_config.TextColumn(t("familypage.col.idea"), width=420),
             })
st.caption(t("familypage.table.caption"))

# ------------------------------------------------------------------ why GoogLeNet was efficient
st.subheader(t("familypage.why.title"))
g, a, v = summary.googlenet_params, summary.alexnet_params, summary.vgg16_params
ra, rv = summary.times_fewer_than_alexnet, summary.times_fewer_than_vgg16
c1, c2, c3 = st.columns(3)
c1.metric(t("familypage.why.metric.params"), f"{g:,}")
c2.metric(t("familypage.why.metric.alexnet"), f"{a:,}", delta=t("familypage.why.delta", ratio=ra),
          delta_color="off", delta_arrow="off")
c3.metric(t("familypage.why.metric.vgg"), f"{v:,}", delta=t("familypage.why.delta", ratio=rv),
          delta_color="off", delta_arrow="off")

st.markdown(t("familypage.why.body", g=g, a=a, v=v, ra=ra, rv=rv, a_fc=summary.fc_share["alexnet"],
              v_fc=summary.fc_share["vgg16"], g_fc=summary.fc_params["googlenet"],
              g_fc_share=summary.fc_share["googlenet"]))
st.markdown(f"**{t('familypage.split.title')}**")
st.image(chart_png(param_split_chart, names, tuple((m.conv_params, m.fc_params, m.other_params) for m in members),
                   (t("familypage.split.conv"), t("familypage.split.fc"), t("familypage.split.other")),
                   t("familypage.split.xlabel"), highlight="GoogLeNet"), width="stretch")
st.caption(t("familypage.split.caption"))
