"""The CNN family: AlexNet, VGG, GoogLeNet, Inception v3, ResNet, MobileNet v1/v2/v3 — accuracy against cost, why
GoogLeNet needed so few parameters, what ResNet fixed, and MobileNet v1 counted. Numbers: googlenet.family and
googlenet.mobilenet_v1."""
import pandas as pd
import streamlit as st

from googlenet import headline_numbers, mobilenet_v1
from googlenet.family import (MOBILENET_KEYS, QUADRANTS, RESNET_CIFAR_DEPTHS, RESNET_KEYS, RESNET_TABLE2_TOP1_ERROR,
                              chart_neighbours, efficiency_summary, family_frame, family_table, fc_share_range,
                              first_fc_weights, member)
from googlenet.i18n import t
from ui.charts import chart_png, family_scatter, param_split_chart
from ui.downloads import show_png, show_table
from ui.reconciled import reconciled_link

NUM = st.column_config.NumberColumn
ROW = 150  # tall rows: the key idea wraps onto several lines

st.title(t("nav.family"))
st.markdown(t("familypage.intro"))

with st.spinner():
    members = family_table()
    summary = efficiency_summary()
names = tuple(m.name for m in members)
g, a, v = member("googlenet"), member("alexnet"), member("vgg16")

# ------------------------------------------------------------------ accuracy vs cost, and the table
st.subheader(t("familypage.chart.title"))
show_png(chart_png(family_scatter, names, tuple(m.gflops for m in members), tuple(m.top1 for m in members),
                   tuple(m.params for m in members), t("familypage.chart.x"), t("familypage.chart.y"),
                   t("familypage.chart.size_note"), highlight="GoogLeNet"), "family_scatter")
st.markdown(t("familypage.chart.caption", vgg_gap=v.top1 - g.top1, g_top1=g.top1, v_top1=v.top1,
              vgg_macs=v.gflops / g.gflops, vgg_params=v.params / g.params))
groups = chart_neighbours("googlenet")
st.markdown("\n".join(
    "- " + t(f"familypage.chart.{q}", names=t("familypage.chart.sep").join(
        t("familypage.chart.point", name=m.name, gflops=m.gflops, top1=m.top1) for m in groups[q]))
    for q in QUADRANTS if groups[q]))
st.caption(t("familypage.chart.note", r18_gap=abs(g.top1 - member("resnet18").top1)))

st.subheader(t("familypage.table.title", n=len(members)))
table = family_frame(members)
# MobileNet v1's paper gives no top-5: a dash, not "None"
table["top5"] = ["—" if v != v else f"{v:.1f}" for v in table["top5"]]
show_table(table, "family_table", hide_index=True, width="stretch", row_height=ROW, height=ROW * len(members) + 40,
           column_config={
               "name": st.column_config.TextColumn(t("familypage.col.name"), pinned=True, width=135),
               "year": NUM(t("familypage.col.year"), format="%d", width=55),
               "params": NUM(t("familypage.col.params"), format="localized", width=100),
               "gflops": NUM(t("familypage.col.gflops"), format="%.3f", width=70),
               "top1": NUM(t("familypage.col.top1"), format="%.1f", width=68),
               "top5": st.column_config.TextColumn(t("familypage.col.top5"), width=68, alignment="right"),
               "idea": st.column_config.TextColumn(t("familypage.col.idea"), width=400),   # the table fits 1280 px
           })
headline = headline_numbers.HEADLINE_TOP5
st.caption(t("familypage.table.caption", top5=headline.top5_error, models=headline.models, crops=headline.crops))
reconciled_link()

# ------------------------------------------------------------------ why GoogLeNet was efficient
st.subheader(t("familypage.why.title"))
ra, rv = summary.times_fewer_than_alexnet, summary.times_fewer_than_vgg16
c1, c2, c3 = st.columns(3)
c1.metric(t("familypage.why.metric.params"), f"{g.params:,}")
c2.metric(t("familypage.why.metric.alexnet"), f"{a.params:,}", delta=t("familypage.why.delta", ratio=ra),
          delta_color="off", delta_arrow="off")
c3.metric(t("familypage.why.metric.vgg"), f"{v.params:,}", delta=t("familypage.why.delta", ratio=rv),
          delta_color="off", delta_arrow="off")
reconciled_link()

vgg_in, vgg_out, vgg_w = first_fc_weights("vgg16")
st.markdown(t("familypage.why.body", g=g.params, a=a.params, v=v.params, ra=ra, rv=rv, g_top1=g.top1, a_top1=a.top1,
              a_fc=a.fc_share, v_fc=v.fc_share, vgg_in=vgg_in, vgg_out=vgg_out, vgg_w=vgg_w, g_fc=g.fc_params,
              g_fc_share=g.fc_share))
st.markdown(f"**{t('familypage.split.title')}**")
show_png(chart_png(param_split_chart, names, tuple((m.conv_params, m.fc_params, m.other_params) for m in members),
                   (t("familypage.split.conv"), t("familypage.split.fc"), t("familypage.split.other")),
                   t("familypage.split.xlabel"), highlight="GoogLeNet"), "parameter_split")
r_lo, r_hi = fc_share_range(RESNET_KEYS)
m_lo, m_hi = fc_share_range(MOBILENET_KEYS)
mobile_fc = [member(k).fc_params / 1e6 for k in MOBILENET_KEYS]
st.caption(t("familypage.split.caption", a_fc=a.fc_share, v_fc=v.fc_share, g_fc=g.fc_share, r_lo=r_lo, r_hi=r_hi,
             m_lo=m_lo, m_hi=m_hi, m_fc_lo=min(mobile_fc), m_fc_hi=max(mobile_fc)))

# ------------------------------------------------------------------ ResNet: degradation
st.subheader(t("familypage.resnet.title"))
d_lo, d_hi = RESNET_CIFAR_DEPTHS
st.markdown(t("familypage.resnet.body", d_lo=d_lo, d_hi=d_hi))
depths = sorted({depth for _kind, depth in RESNET_TABLE2_TOP1_ERROR})
err = RESNET_TABLE2_TOP1_ERROR
show_table(pd.DataFrame({"depth": depths, "plain": [err[("plain", d)] for d in depths],
                       "resnet": [err[("resnet", d)] for d in depths]}),
           "resnet_degradation", hide_index=True, column_config={
               "depth": NUM(t("familypage.resnet.col.depth"), format="%d"),
               "plain": NUM(t("familypage.resnet.col.plain"), format="%.2f"),
               "resnet": NUM(t("familypage.resnet.col.resnet"), format="%.2f")})
st.caption(t("familypage.resnet.caption", plain_lo=err[("plain", depths[0])], plain_hi=err[("plain", depths[-1])],
             res_lo=err[("resnet", depths[0])], res_hi=err[("resnet", depths[-1])]))

# ------------------------------------------------------------------ MobileNet v1, counted here
st.subheader(t("familypage.mnv1.title"))
full, separable = mobilenet_v1.full_conv_cost(), mobilenet_v1.cost()
_top1, paper_full_macs, paper_full_params = mobilenet_v1.PAPER_FULL_CONV
st.markdown(t("familypage.mnv1.body", full_macs=full.macs, full_params=full.params, paper_full_macs=paper_full_macs,
              paper_full_params=paper_full_params, sep_share=separable.macs / full.macs))
rows = mobilenet_v1.paper_rows()
show_table(pd.DataFrame(rows, columns=mobilenet_v1.PaperRow._fields), "mobilenet_v1_counted", hide_index=True,
           width="stretch", column_config={
               "alpha": NUM(t("familypage.mnv1.col.alpha"), format="%.2f", width="small"),
               "input_size": NUM(t("familypage.mnv1.col.size"), format="%d", width="small"),
               "rho": NUM(t("familypage.mnv1.col.rho"), format="%.3f", width="small"),
               "params": NUM(t("familypage.mnv1.col.params"), format="localized"),
               "macs": NUM(t("familypage.mnv1.col.macs"), format="localized"),
               "paper_params_m": NUM(t("familypage.mnv1.col.paper_params"), format="%.1f"),
               "paper_macs_m": NUM(t("familypage.mnv1.col.paper_macs"), format="%d"),
               "paper_top1": NUM(t("familypage.mnv1.col.top1"), format="%.1f"),
           })
st.caption(t("familypage.mnv1.caption", bn=separable.bn_params, total=member("mobilenet_v1").params))
