"""Why and how it came about: the cost of naive depth and width, the sparse-connectivity argument, what GoogLeNet
borrowed from Network-in-Network, LRN, the output-size formula (checked on a real nn.Conv2d), training as
published vs the training lab, and the Inception versions after v1. Every number: googlenet.history."""
import pandas as pd
import streamlit as st

from googlenet import headline_numbers, history
from googlenet.i18n import t
from googlenet.model import short_name
from ui import url_state
from ui.downloads import show_static_table, show_table
from ui.page_links import history_fields
from ui.reconciled import reconciled_link

NUM = st.column_config.NumberColumn
TEXT = st.column_config.TextColumn
SIZE_FIELDS = {field: (lo, hi) for field, (lo, hi, _start) in history_fields().items()}   # also the link's ranges

st.title(t("nav.history"))
st.markdown(t("history.intro"))

# ------------------------------------------------------------------ 1. naive width and depth
st.header(t("history.naive.title"))
widen = history.widening()
st.markdown(t("history.widen.body", size=history.WIDEN_SIZE))
show_table(pd.DataFrame({"width": [r.width for r in widen], "factor": [r.factor for r in widen],
                         "params": [r.cost.params for r in widen], "macs": [r.cost.macs for r in widen],
                         "cost_factor": [r.cost_factor for r in widen]}),
           "widening_cost", hide_index=True, width="stretch", column_config={
               "width": NUM(t("history.widen.col.width"), format="%d"),
               "factor": NUM(t("history.widen.col.factor"), format="%.0f×"),
               "params": NUM(t("history.widen.col.params"), format="localized"),
               "macs": NUM(t("history.widen.col.macs"), format="localized"),
               "cost_factor": NUM(t("history.widen.col.cost_factor"), format="%.0f×")})
st.caption(t("history.widen.caption", factor=widen[-1].factor, cost_factor=widen[-1].cost_factor,
             first=widen[0].cost.macs, last=widen[-1].cost.macs))

grow = history.naive_growth()
st.markdown(t("history.grow.body", first_in=grow[0].in_channels, last_out=grow[-1].out_channels,
              real_out=grow[-1].real_out))
show_table(pd.DataFrame({
    "block": [short_name(r.block) for r in grow], "size": [f"{r.size}×{r.size}" for r in grow],
    "naive_ch": [f"{r.in_channels:,} → {r.out_channels:,}" for r in grow], "naive_macs": [r.naive.macs for r in grow],
    "real_ch": [f"{r.real_in:,} → {r.real_out:,}" for r in grow], "real_macs": [r.real.macs for r in grow]}),
    "naive_growth", hide_index=True, width="stretch", column_config={
        "block": TEXT(t("history.grow.col.block")), "size": TEXT(t("history.grow.col.size")),
        "naive_ch": TEXT(t("history.grow.col.naive_ch")),
        "naive_macs": NUM(t("history.grow.col.naive_macs"), format="localized"),
        "real_ch": TEXT(t("history.grow.col.real_ch")),
        "real_macs": NUM(t("history.grow.col.real_macs"), format="localized")})
naive_total, real_total = history.naive_totals()
st.caption(t("history.grow.caption", naive_macs=naive_total.macs, naive_params=naive_total.params,
             real_macs=real_total.macs, real_params=real_total.params, ratio=naive_total.macs / real_total.macs))

# ------------------------------------------------------------------ 2. sparse connectivity
st.header(t("history.sparse.title"))
st.markdown(t("history.sparse.body"))

# ------------------------------------------------------------------ 3. Network-in-Network
st.header(t("history.nin.title"))
heads = history.head_costs()
c, h, w = heads.feature_shape
classes = heads.classes
st.markdown(t("history.nin.body", c=c, h=h, w=w, gain=history.GAP_TOP1_GAIN))
flat = c * h * w
m1, m2, m3 = st.columns(3)
m1.metric(t("history.nin.metric.gap", c=c, classes=classes), f"{heads.gap.params:,}")
m2.metric(t("history.nin.metric.fc", flat=flat, hidden=" → ".join(f"{x:,}" for x in heads.hidden), classes=classes),
          f"{heads.fc_stack.params:,}", delta=t("history.nin.metric.delta", ratio=heads.fc_stack.params / heads.gap.params),
          delta_color="off", delta_arrow="off")
m3.metric(t("history.nin.metric.single", flat=flat, classes=classes), f"{heads.single_fc.params:,}",
          delta=t("history.nin.metric.delta", ratio=heads.single_fc.params / heads.gap.params),
          delta_color="off", delta_arrow="off")
st.caption(t("history.nin.caption", fc_vs_net=heads.fc_stack.params / heads.network.params, net=heads.network.params,
             single_vs_net=heads.single_fc.params / heads.network.params))
reconciled_link()

# ------------------------------------------------------------------ 4. LRN
st.header(t("history.lrn.title"))
st.markdown(t("history.lrn.body"))
st.latex(r"b_i = \frac{a_i}{\left(k + \frac{\alpha}{n} \sum_{j=i-\lfloor n/2 \rfloor}^{i+\lfloor (n-1)/2 \rfloor}"
         r" a_j^2\right)^{\beta}}")
lrn = history.lrn_example()
st.markdown(t("history.lrn.settings", n=lrn.settings["size"], alpha=lrn.settings["alpha"], beta=lrn.settings["beta"],
              k=lrn.settings["k"], caffe_k=history.CAFFE_DEFAULT_K))
st.markdown(t("history.lrn.example", channels=len(lrn.a), a0=lrn.a[0], loud=max(lrn.a), b0=lrn.b[0], b4=lrn.b[4]))
show_table(pd.DataFrame({"channel": range(len(lrn.a)), "a": lrn.a, "b": lrn.b, "b_hand": lrn.b_by_hand,
                         "divisor": lrn.divisor}),
           "lrn_example", hide_index=True, width="stretch", column_config={
               "channel": NUM(t("history.lrn.col.channel"), format="%d"),
               "a": NUM(t("history.lrn.col.a"), format="%.1f"), "b": NUM(t("history.lrn.col.b"), format="%.4f"),
               "b_hand": NUM(t("history.lrn.col.b_hand"), format="%.4f"),
               "divisor": NUM(t("history.lrn.col.divisor"), format="%.4f")})
st.markdown(t("history.lrn.dropped"))

# ------------------------------------------------------------------ 5. output size
st.header(t("history.size.title"))
st.markdown(t("history.size.body"))
st.latex(r"H_{\text{out}} = \left\lfloor \frac{H + 2p - k}{s} \right\rfloor + 1")
st.markdown(t("history.size.floor"))


@url_state.fragment   # the four numbers travel in the link
def size_check() -> None:
    """A fragment: changing a number or checking an answer redraws only this part of the page."""
    for field, value in history.CONV1_EXAMPLE.items():
        st.session_state.setdefault(f"hist_{field}", value)
    cols = st.columns(4)
    values = {field: col.number_input(t(f"history.size.in.{field}"), min_value=lo, max_value=hi, step=1,
                                      key=f"hist_{field}")
              for col, (field, (lo, hi)) in zip(cols, SIZE_FIELDS.items())}
    a0, a1 = st.columns([3, 1], vertical_alignment="bottom")
    answer = a0.text_input(t("history.size.answer"), key="hist_answer", max_chars=12)
    checked = a1.button(t("history.size.check"), key="hist_check", width="stretch")
    h_in, k, s, p = (int(values[f]) for f in ("h", "k", "s", "p"))
    right = history.conv_output_size(h_in, k, s, p)
    if right is None:
        st.error(t("history.size.no_output", k=k, padded=h_in + 2 * p), icon=":material/error:")
        return
    if not checked:
        return
    text = answer.strip().replace(",", "")
    if not text.lstrip("-").isdigit():
        st.error(t("history.size.not_number", answer=answer), icon=":material/error:")
        return
    guess = int(text)
    if guess == right:
        st.success(t("history.size.right", answer=guess), icon=":material/check_circle:")
    else:
        st.error(t("history.size.wrong", answer=guess, right=right), icon=":material/cancel:")
    st.latex(rf"\left\lfloor \frac{{{h_in} + 2 \cdot {p} - {k}}}{{{s}}} \right\rfloor + 1 = "
             rf"\left\lfloor \frac{{{h_in + 2 * p - k}}}{{{s}}} \right\rfloor + 1 = {right}")
    st.caption(t("history.size.measured", k=k, s=s, p=p, h=h_in, measured=history.measured_output_size(h_in, k, s, p)))


size_check()
st.markdown(t("history.size.rule", h=history.SAME_SIZE_H))
rule = history.padding_rule()
show_table(pd.DataFrame(rule, columns=history.PaddingRow._fields), "padding_rule", hide_index=True, column_config={
    "kernel": NUM(t("history.size.col.kernel"), format="%d"), "padding": NUM(t("history.size.col.padding"), format="%d"),
    "formula": NUM(t("history.size.col.formula"), format="%d"),
    "measured": NUM(t("history.size.col.measured"), format="%d")})

# ------------------------------------------------------------------ 6. training
st.header(t("history.train.title"))
st.markdown(t("history.train.body"))
with st.spinner():
    app = history.app_training()
rows = ("optimizer", "momentum", "schedule", "averaging")
paper = {"optimizer": t("history.train.paper.optimizer"),
         "momentum": t("history.train.paper.momentum", momentum=history.PUBLISHED_MOMENTUM),
         "schedule": t("history.train.paper.schedule", decay=history.PUBLISHED_LR_DECAY,
                       every=history.PUBLISHED_LR_EVERY, factor_100=history.published_lr_factor(100),
                       halving=history.published_halving_epochs()),
         "averaging": t("history.train.paper.averaging")}
ours = {"optimizer": t("history.train.app.optimizer", optimizer=app.optimizer, batch=app.batch_size),
        "momentum": t("history.train.app.momentum", b1=app.betas[0], b2=app.betas[1]),
        "schedule": t("history.train.app.schedule", lr=app.lr, lr_middle=app.lr_middle, epochs=app.epochs),
        "averaging": t("history.train.app.averaging")}
show_static_table(pd.DataFrame({t("history.train.col.paper"): [paper[r] for r in rows],
                                t("history.train.col.app"): [ours[r] for r in rows]},
                               index=pd.Index([t(f"history.train.row.{r}") for r in rows],
                                              name=t("history.train.col.what"))), "training_paper_vs_app")
area_lo, area_hi = history.PUBLISHED_CROP_AREA_PCT
st.caption(t("history.train.note", area_lo=area_lo, area_hi=area_hi, aspect_lo=history.PUBLISHED_ASPECT[0],
             aspect_hi=history.PUBLISHED_ASPECT[1]))

# ------------------------------------------------------------------ 7. timeline
st.header(t("history.timeline.title"))
st.markdown(t("history.timeline.body"))
with st.spinner():
    versions = history.inception_versions()
show_table(pd.DataFrame({
    "name": [v.name for v in versions], "published": [f"{v.published} ({v.arxiv})" for v in versions],
    "venue": [v.venue for v in versions], "params": [v.params for v in versions],
    "gmacs": ["—" if v.macs is None else f"{v.macs / 1e9:.2f}" for v in versions],
    "input": [f"{v.input_size}×{v.input_size}" for v in versions],
    "top1": [v.top1 for v in versions], "top5": [v.top5 for v in versions],
    "source": [t(f"history.source.{v.cost_source}") for v in versions]}),
    "inception_versions", hide_index=True, width="stretch", column_config={
        "name": TEXT(t("history.col.name"), pinned=True), "published": TEXT(t("history.col.published")),
        "venue": TEXT(t("history.col.venue")), "params": NUM(t("history.col.params"), format="localized"),
        "gmacs": TEXT(t("history.col.gmacs"), alignment="right"), "input": TEXT(t("history.col.input")),
        "top1": NUM(t("history.col.top1"), format="%.1f"), "top5": NUM(t("history.col.top5"), format="%.1f"),
        "source": TEXT(t("history.col.source"))})
v1, v3 = versions[0], versions[2]
paper_macs, paper_params = history.V3_PAPER
st.caption(t("history.timeline.caption", v1_params=v1.params, v1_macs=v1.macs, v3_params=v3.params, v3_macs=v3.macs,
             v3_paper_macs=paper_macs, v3_paper_params=paper_params, v2_params=versions[1].params))
top5, single = headline_numbers.HEADLINE_TOP5, headline_numbers.SINGLE_TOP5
st.markdown(t("history.version.v1", layers=headline_numbers.LAYERS_WITH_PARAMETERS, top5=top5.top5_error,
              models=top5.models, crops=top5.crops, single=single.top5_error))
reconciled_link()
st.markdown(t("history.version.v2", fewer=history.BN_FEWER_STEPS, ensemble=history.BN_ENSEMBLE_TOP5_ERROR))
st.markdown(t("history.version.v3"))
st.markdown(t("history.version.v4", ensemble=history.V4_ENSEMBLE_TOP5_ERROR))
