"""Inception module & 1x1 bottleneck lab: your channel numbers, naive vs reduced, formulas, a real module as referee."""
import random

import pandas as pd
import streamlit as st

from googlenet import lab
from googlenet.costs import BRANCHES, branch_out_channels
from googlenet.i18n import t
from ui.charts import branch_chart, png_bytes

PRESETS = lab.lab_presets()
# The worked example first: it is where the lesson starts.
PRESET_NAMES = [lab.WORKED_EXAMPLE] + [n for n in PRESETS if n != lab.WORKED_EXAMPLE]
LIMITS = {"in_ch": 2048, "size": 112}  # channel numbers up to 1024; enough for every real block, small enough to stay fast
NUM = st.column_config.NumberColumn


def preset_label(name: str) -> str:
    if name == lab.WORKED_EXAMPLE:
        return t("lab.preset.worked_example")
    return t("lab.preset.block", name=name[-2:], size=PRESETS[name].size)


def apply_preset() -> None:
    """Copy the chosen preset into the number inputs (runs before the page is drawn)."""
    name = st.session_state.get("lab_preset", lab.WORKED_EXAMPLE)
    cfg = PRESETS[name]
    for field in lab.LAB_FIELDS:
        st.session_state[f"lab_{field}"] = getattr(cfg, field)
    if name == lab.WORKED_EXAMPLE:
        st.session_state["lab_formula_branch"] = "branch3"


def new_exercise() -> None:
    st.session_state["lab_ex_seed"] = random.randrange(1_000_000)
    st.session_state.pop("lab_ex_result", None)
    st.session_state["lab_ex_answer"] = None


def record_answer() -> None:
    st.session_state["lab_ex_result"] = (st.session_state["lab_ex_seed"], st.session_state.get("lab_ex_answer"))


def branch_name(b: str) -> str:
    return t(f"lab.branch.{b}")


@st.cache_data(max_entries=256, show_spinner=False)
def branch_png(labels: tuple, naive: tuple, bottleneck: tuple, titles: tuple, legend: tuple) -> bytes:
    return png_bytes(branch_chart(labels, naive, bottleneck, titles, legend))


st.title(t("nav.inception_lab"))
st.markdown(t("lab.intro"))

if any(f"lab_{f}" not in st.session_state for f in lab.LAB_FIELDS):
    apply_preset()

# ------------------------------------------------------------------ inputs
st.selectbox(t("lab.preset"), PRESET_NAMES, key="lab_preset", format_func=preset_label, on_change=apply_preset,
             help=t("lab.preset.help"))
st.markdown(f"**{t('lab.inputs.title')}**")
values = {}
for col, field in zip(st.columns(len(lab.LAB_FIELDS)), lab.LAB_FIELDS):
    values[field] = col.number_input(t(f"lab.in.{field}"), min_value=1, max_value=LIMITS.get(field, 1024), step=1,
                                     key=f"lab_{field}")
cfg = lab.LabConfig(**{f: int(v) for f, v in values.items()})
is_worked = st.session_state.get("lab_preset") == lab.WORKED_EXAMPLE and cfg == PRESETS[lab.WORKED_EXAMPLE]

naive, reduced = cfg.cost(bottleneck=False), cfg.cost(bottleneck=True)
out_naive = branch_out_channels(*cfg.spec, bottleneck=False)
out_reduced = branch_out_channels(*cfg.spec, bottleneck=True)

# ------------------------------------------------------------------ totals
m1, m2, m3 = st.columns(3)
m1.metric(t("lab.metric.naive"), f"{naive['total'].macs:,}",
          delta=t("lab.metric.params.delta", params=naive["total"].params), delta_color="off")
m2.metric(t("lab.metric.bottleneck"), f"{reduced['total'].macs:,}",
          delta=t("lab.metric.params.delta", params=reduced["total"].params), delta_color="off")
m3.metric(t("lab.metric.ratio"), t("lab.metric.ratio.value", ratio=naive["total"].macs / reduced["total"].macs))

# ------------------------------------------------------------------ branch by branch
st.subheader(t("lab.compare.title"))
s = cfg.size
keys = list(BRANCHES) + ["total"]
table = pd.DataFrame({
    "branch": [t(f"lab.branch.{b}") for b in keys],
    "shape_naive": [f"{s}×{s}×{out_naive[b]}" for b in BRANCHES] + [f"{s}×{s}×{cfg.out_channels(False)}"],
    "shape_bottleneck": [f"{s}×{s}×{out_reduced[b]}" for b in BRANCHES] + [f"{s}×{s}×{cfg.out_channels(True)}"],
    "params_naive": [naive[b].params for b in keys],
    "params_bottleneck": [reduced[b].params for b in keys],
    "macs_naive": [naive[b].macs for b in keys],
    "macs_bottleneck": [reduced[b].macs for b in keys],
    "ratio": [naive[b].macs / reduced[b].macs if reduced[b].macs else None for b in keys],
})
st.dataframe(table, hide_index=True, width="stretch", column_config={
    "branch": st.column_config.TextColumn(t("lab.col.branch")),
    "shape_naive": st.column_config.TextColumn(t("lab.col.shape_naive")),
    "shape_bottleneck": st.column_config.TextColumn(t("lab.col.shape_bottleneck")),
    **{c: NUM(t(f"lab.col.{c}"), format="localized")
       for c in ("params_naive", "params_bottleneck", "macs_naive", "macs_bottleneck")},
    "ratio": NUM(t("lab.col.ratio"), format="%.2f×"),
}, column_order=("branch", "shape_naive", "shape_bottleneck", "params_naive", "params_bottleneck", "macs_naive",
                 "macs_bottleneck", "ratio"))
st.caption(t("lab.compare.caption", in_ch=cfg.in_ch, naive_out=cfg.out_channels(False),
             bottleneck_out=cfg.out_channels(True)))

st.image(branch_png(tuple(branch_name(b).replace(": ", "\n").replace("：", "\n") for b in BRANCHES),
                    tuple(tuple(naive[b]) for b in BRANCHES), tuple(tuple(reduced[b]) for b in BRANCHES),
                    (t("lab.chart.params"), t("lab.chart.macs")), (t("lab.chart.naive"), t("lab.chart.bottleneck"))),
         width="stretch")

# ------------------------------------------------------------------ the formula with the numbers substituted
st.subheader(t("lab.formula.title"))
st.caption(t("lab.formula.rule"))
if "lab_formula_branch" not in st.session_state:
    st.session_state["lab_formula_branch"] = "branch3"
f0, f1, f2 = st.columns([2, 1, 1], vertical_alignment="bottom")
fb = f0.selectbox(t("lab.formula.branch"), BRANCHES, key="lab_formula_branch", format_func=branch_name)
f1.metric(t("lab.formula.naive_value", branch=branch_name(fb)), f"{naive[fb].macs:,}")
f2.metric(t("lab.formula.bottleneck_value", branch=branch_name(fb)), f"{reduced[fb].macs:,}")
for bottleneck, quantity, label in ((False, "macs", "lab.formula.naive"), (True, "macs", "lab.formula.bottleneck"),
                                    (False, "params", "lab.formula.naive_params"),
                                    (True, "params", "lab.formula.bottleneck_params")):
    latex, _value = lab.branch_formula(cfg, fb, bottleneck=bottleneck, quantity=quantity)
    st.markdown(t(label))
    if latex == "0":
        st.caption(t("lab.formula.no_weights"))
    else:
        st.latex(latex)

with st.expander(t("lab.slip.title"), expanded=is_worked, icon=":material/search:"):
    st.markdown(t("lab.slip.body", **lab.SLIP))

# ------------------------------------------------------------------ verification with a real module
st.subheader(t("lab.verify.title"))
st.markdown(t("lab.verify.intro", in_ch=cfg.in_ch, size=cfg.size))
if st.button(t("lab.verify.button"), key="lab_verify", type="primary"):
    if lab.verify_is_affordable(cfg):
        with st.spinner():
            st.session_state["lab_verify_result"] = (cfg, lab.verify_inception(cfg))
    else:
        st.session_state.pop("lab_verify_result", None)
        st.warning(t("lab.verify.too_big", macs=reduced["total"].macs, limit=lab.MAX_VERIFY_MACS))
stored = st.session_state.get("lab_verify_result")
if stored and stored[0] == cfg:
    v = stored[1]
    v1, v2 = st.columns(2)
    v3, v4 = st.columns(2)
    v1.metric(t("lab.verify.shape"), str(tuple(v.output_shape)))
    v2.metric(t("lab.verify.shape_formula"), str(tuple(v.expected_shape)))
    v3.metric(t("lab.verify.params_torchinfo"), f"{v.torchinfo_params:,}")
    v4.metric(t("lab.verify.params_formula"), f"{v.formula_params:,}")
    st.caption(t("lab.verify.macs", torchinfo=v.torchinfo_macs, formula=v.formula_macs, bias=v.bias_adds))
    if v.agree:
        st.success(t("lab.verify.ok"))
    else:
        st.error(t("lab.verify.fail"))

# ------------------------------------------------------------------ 1x1 convolution = matrix multiply per pixel
st.subheader(t("lab.onebyone.title"))
st.markdown(t("lab.onebyone.intro"))
demo = lab.one_by_one_demo()


def grid(a) -> pd.DataFrame:
    return pd.DataFrame(a, index=[f"i={i}" for i in range(a.shape[0])], columns=[f"j={j}" for j in range(a.shape[1])])


cols = st.columns(4)
for c in range(demo.x.shape[0]):
    cols[c].markdown(t("lab.onebyone.x", c=c))
    cols[c].table(grid(demo.x[c]).style.format("{:.1f}"))
wb = pd.DataFrame(demo.weight, index=["W[0]", "W[1]"], columns=[f"c={c}" for c in range(demo.x.shape[0])])
wb[t("lab.onebyone.bias")] = demo.bias
cols[3].markdown(t("lab.onebyone.w"))
cols[3].table(wb.style.format("{:.1f}"))
cols = st.columns(4)
for c in range(demo.conv_out.shape[0]):
    cols[2 * c].markdown(t("lab.onebyone.conv", c=c))
    cols[2 * c].table(grid(demo.conv_out[c]).style.format("{:.2f}"))
    cols[2 * c + 1].markdown(t("lab.onebyone.matmul", c=c))
    cols[2 * c + 1].table(grid(demo.matmul_out[c]).style.format("{:.2f}"))
st.markdown(t("lab.onebyone.pixel"))
st.latex(lab.pixel_formula(demo))
st.caption(t("lab.onebyone.diff", diff=demo.max_diff))

# ------------------------------------------------------------------ try it yourself
st.subheader(t("lab.ex.title"))
if "lab_ex_seed" not in st.session_state:
    st.session_state["lab_ex_seed"] = random.randrange(1_000_000)
ex = lab.make_exercise(st.session_state["lab_ex_seed"])
fields = {f: getattr(ex.cfg, f) for f in lab.LAB_FIELDS}
st.markdown(t(f"lab.ex.question.{ex.quantity}", branch=branch_name(ex.branch), **fields))
a1, a2, a3 = st.columns([2, 1, 1], vertical_alignment="bottom")
a1.number_input(t("lab.ex.answer"), min_value=0, value=None, step=1, key="lab_ex_answer")
a2.button(t("lab.ex.check"), key="lab_ex_check", on_click=record_answer, type="primary", width="stretch")
a3.button(t("lab.ex.new"), key="lab_ex_new", on_click=new_exercise, width="stretch")
result = st.session_state.get("lab_ex_result")
if result and result[0] == ex.seed:
    value = result[1]
    if value is None:
        st.warning(t("lab.ex.no_answer"))
    else:
        verdict = lab.answer_feedback(ex, value)
        message = t(f"lab.ex.{verdict}", answer=ex.answer, value=int(value), area=ex.cfg.size ** 2)
        (st.success if verdict == "right" else st.error)(message)
        st.markdown(t("lab.ex.solution"))
        st.latex(ex.solution)
        if ex.branch == "branch4":
            st.caption(t("lab.ex.hint"))
