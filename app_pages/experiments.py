"""Experiments on one photo: branch ablation, the preprocessing inspector, receptive fields.

Ablation needs the pretrained weights; the other two tabs work without them.
"""
from __future__ import annotations


import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import streamlit as st
from matplotlib.ticker import MaxNLocator, PercentFormatter

from googlenet.ablation import BLOCKS, branch_slices, compare, plain_logits
from googlenet.costs import BRANCHES
from googlenet.i18n import get_language, t
from googlenet.runtime.inference import image_fingerprint, model_fingerprint
from googlenet.weights import display_name
from googlenet.images import to_batch
from googlenet.model import INCEPTION_CONFIG
from googlenet.preprocess import display_image, outline_crop, preprocessing_steps
from googlenet.receptive_field import MIN_GRID_CELL, draw_field, receptive_fields, unit_field
from ui.charts import cached_png
from ui.image_input import pick_image
from ui.models import pretrained_model

ALL_BLOCKS = "all"
INTACT_COLOUR, ABLATED_COLOUR = "#4e79a7", "#d62728"
RF_SCALE = 2           # the 224 crop is drawn at 448x448
UNTRAINED_TOP = 0.002  # a top probability this low means the weights cannot be ImageNet-trained


# ----------------------------------------------------------------------------------------- helpers

def class_name(index: int) -> str:
    return display_name(index, get_language())  # "中文名 (English)" in Chinese where a translation exists


def block_label(block: str) -> str:
    if block == ALL_BLOCKS:
        return t("exp.abl.block.all")
    return t("exp.rf.name.inception", name=block.removeprefix("inception"))


def stage_label(stage: str) -> str:
    if stage.startswith("inception"):
        return block_label(stage)
    return t(f"exp.rf.name.{stage}")


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def intact_logits(img: str, model_key: str, _model, _image):
    return plain_logits(_model, to_batch(_image))


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def run_ablation(img: str, model_key: str, off: tuple[tuple[str, tuple[str, ...]], ...], _model, _image):
    """Intact and ablated probabilities for one picture (cached on the picture's hash and the switches)."""
    result = compare(_model, to_batch(_image), dict(off), intact_logits=intact_logits(img, model_key, _model, _image))
    return result.intact.numpy(), result.ablated.numpy()


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def steps_of(img: str, _image):
    return preprocessing_steps(_image)


def width(block: str, branch: str) -> int:
    s = branch_slices(block)[branch]
    return s.stop - s.start


def switches(block: str, branches: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    blocks = BLOCKS if block == ALL_BLOCKS else (block,)
    return tuple((b, tuple(branches)) for b in blocks) if branches else ()


def comparison_figure(intact: np.ndarray, ablated: np.ndarray, k: int = 5):
    """Grouped bars for the classes of both top-k lists: intact (blue) vs ablated (red)."""
    classes = list(dict.fromkeys([*np.argsort(-intact)[:k], *np.argsort(-ablated)[:k]]))
    names = [class_name(int(c)) for c in classes]
    fig, ax = plt.subplots(figsize=(8, 0.7 * len(classes) + 1.8))
    y = np.arange(len(classes))
    h = 0.38
    a = [float(intact[c]) for c in classes]
    b = [float(ablated[c]) for c in classes]
    ax.barh(y - h / 2, a, h, color=INTACT_COLOUR, label=t("exp.abl.chart.intact"))
    ax.barh(y + h / 2, b, h, color=ABLATED_COLOUR, label=t("exp.abl.chart.ablated"))
    top = max(max(a), max(b), 1e-6)
    for yi, va, vb in zip(y, a, b):
        ax.text(va + top * 0.01, yi - h / 2, f"{va:.1%}", va="center", fontsize=12)
        ax.text(vb + top * 0.01, yi + h / 2, f"{vb:.1%}", va="center", fontsize=12)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.22)
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=None))
    ax.set_xlabel(t("exp.abl.chart.x"))
    ax.set_title(t("exp.abl.chart.title"), loc="left", pad=34)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, borderaxespad=0.2)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def scan_figure(labels: list[str], shifts: list[float]):
    fig, ax = plt.subplots(figsize=(8, 3.4))
    y = np.arange(len(labels))
    pp = [s * 100 for s in shifts]
    ax.barh(y, pp, color=[ABLATED_COLOUR if v < 0 else INTACT_COLOUR for v in pp], height=0.6)
    span = max(max(abs(v) for v in pp), 0.1)
    for yi, v in zip(y, pp):
        ax.text(v + (span * 0.02 if v >= 0 else -span * 0.02), yi, f"{v:+.2f}" if span < 1 else f"{v:+.1f}",
                va="center",
                ha="left" if v >= 0 else "right", fontsize=13)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(-span * 1.3, span * 1.3)
    ax.set_xlabel(t("exp.abl.scan.chart.x"))
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def histogram_figure(steps):
    """Value histograms of the tensor steps, one panel per step, one colour per channel."""
    fig, axes = plt.subplots(1, len(steps), figsize=(12, 3.6))
    for ax, step in zip(axes, steps):
        values = step.data.reshape(3, -1).numpy()
        edges = np.linspace(step.min, step.max, 61) if step.max > step.min else 60
        for channel, colour, name in zip(values, ("#d62728", "#2ca02c", "#1f77b4"), "RGB"):
            ax.hist(channel, bins=edges, histtype="stepfilled", alpha=0.35, color=colour, label=name)
            ax.hist(channel, bins=edges, histtype="step", color=colour, linewidth=1.2)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_title(t(f"exp.pre.step.{step.name_key}"), fontsize=14, loc="left")
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
    axes[0].legend(frameon=False, loc="upper right")
    fig.tight_layout()
    return fig


# ----------------------------------------------------------------------------------------- sections

def ablation_tab(model, image, img: str) -> None:
    st.markdown(t("exp.abl.intro"))
    if model is None:
        st.info(t("exp.abl.no_weights"))
        return
    model_key = model_fingerprint(model)
    headline = st.container()   # the three numbers go on top, full width, once the switches are read
    left, right = st.columns([1, 2], gap="large")
    with left:
        block = st.selectbox(t("exp.abl.block"), [*BLOCKS, ALL_BLOCKS], index=BLOCKS.index("inception4a"),
                             format_func=block_label, help=t("exp.abl.block.help"), key="exp_block")
        st.markdown(f"**{t('exp.abl.branches')}**")
        branches = [b for b in BRANCHES
                    if st.checkbox(t(f"exp.abl.{b}"), key=f"exp_off_{b}",
                                   help=t("exp.abl.branch3.help") if b == "branch3" else None)]
        if branches and block == ALL_BLOCKS:
            total = sum(spec.out_channels for spec in INCEPTION_CONFIG.values())
            st.caption(t("exp.abl.channels.all", off=sum(width(b, x) for b in BLOCKS for x in branches), total=total))
        elif branches:
            widths = {x: width(block, x) for x in BRANCHES}
            detail = " + ".join(f"{widths[x]}" for x in branches)
            st.caption(t("exp.abl.channels", block=block_label(block), off=sum(widths[x] for x in branches),
                         total=INCEPTION_CONFIG[block].out_channels, detail=detail))
        st.caption(t("exp.abl.try"))

    off = switches(block, branches)
    with st.spinner(t("exp.abl.running")):
        intact, ablated = run_ablation(img, model_key, off, model, image)
    top = int(intact.argmax())
    new_top = int(ablated.argmax())
    with headline:
        if float(intact.max()) < UNTRAINED_TOP:
            st.warning(t("exp.abl.untrained", prob=float(intact.max())))
        m1, m2, m3 = st.columns(3)
        m1.metric(t("exp.abl.metric.top"), class_name(top), f"{float(intact[top]):.1%}", delta_color="off",
                  delta_arrow="off")
        shift = float(ablated[top] - intact[top])
        flat = round(shift * 100, 1) == 0  # no visible change: no green or red arrow
        m2.metric(t("exp.abl.metric.prob"), f"{float(ablated[top]):.1%}", t("exp.abl.shift", pp=shift * 100),
                  help=t("exp.abl.metric.prob.help"), delta_color="off" if flat else "normal",
                  delta_arrow="off" if flat else "auto")
        m3.metric(t("exp.abl.metric.new_top"), class_name(new_top),
                  t("exp.abl.metric.same") if new_top == top else t("exp.abl.metric.changed"),
                  delta_color="off" if new_top == top else "inverse",
                  delta_arrow="off" if new_top == top else "auto")
    with right:
        if not branches:
            st.info(t("exp.abl.none"))
        st.image(cached_png(("ablation", img, model_key, off), get_language(),
                           lambda: comparison_figure(intact, ablated)), width="stretch")

    order_a, order_b = np.argsort(-intact)[:5], np.argsort(-ablated)[:5]
    st.dataframe(pd.DataFrame({
        t("exp.abl.table.rank"): range(1, 6),
        t("exp.abl.table.intact"): [class_name(int(c)) for c in order_a],
        t("exp.abl.table.intact_p"): [float(intact[c]) for c in order_a],
        t("exp.abl.table.ablated"): [class_name(int(c)) for c in order_b],
        t("exp.abl.table.ablated_p"): [float(ablated[c]) for c in order_b],
    }), hide_index=True, width="stretch", column_config={
        col: st.column_config.ProgressColumn(col, format="percent", min_value=0.0, max_value=1.0)
        for col in (t("exp.abl.table.intact_p"), t("exp.abl.table.ablated_p"))})

    with st.expander(t("exp.abl.scan.title")):
        st.write(t("exp.abl.scan.intro"))
        if not st.toggle(t("exp.abl.scan.run"), key="exp_scan"):
            return
        labels, shifts = [], []
        for b in BRANCHES:
            _, alone = run_ablation(img, model_key, switches(block, [b]), model, image)
            labels.append(t(f"exp.abl.{b}"))
            shifts.append(float(alone[top] - intact[top]))
        st.image(cached_png(("scan", img, model_key, block, top), get_language(),
                           lambda: scan_figure(labels, shifts)), width="stretch")
        st.caption(f"{class_name(top)} · {block_label(block)}")


def preprocess_tab(image, img: str) -> None:
    st.markdown(t("exp.pre.intro"))
    steps = steps_of(img, image)
    for row in (steps[:3], steps[3:]):
        for step, column in zip(row, st.columns(3, gap="medium")):
            with column:
                st.markdown(f"**{t(f'exp.pre.step.{step.name_key}')}**")
                shown = outline_crop(step.data) if step.name_key == "resize" else display_image(step)
                st.image(shown, width="stretch")
                h, w = (step.shape[1:] if step.is_tensor else step.shape[:2])
                st.caption(f"{w}×{h} · " + t(f"exp.pre.what.{step.name_key}"))
    st.caption(t("exp.pre.shown"))

    def numbers(values, tensor: bool) -> str:
        return ", ".join(f"{v:.3f}" if tensor else f"{v:.1f}" for v in values)

    st.dataframe(pd.DataFrame({
        t("exp.pre.table.step"): [t(f"exp.pre.step.{s.name_key}") for s in steps],
        t("exp.pre.table.shape"): ["×".join(str(n) for n in s.shape) for s in steps],
        t("exp.pre.table.range"): [f"{s.min:.3f} … {s.max:.3f}" if s.is_tensor else f"{s.min:.0f} … {s.max:.0f}"
                                   for s in steps],
        t("exp.pre.table.mean"): [numbers(s.mean, s.is_tensor) for s in steps],
        t("exp.pre.table.std"): [numbers(s.std, s.is_tensor) for s in steps],
    }), hide_index=True, width="stretch")
    st.caption(t("exp.pre.table.caption"))
    st.image(cached_png(("histograms", img), get_language(), lambda: histogram_figure(steps[3:])), width="stretch")
    st.caption(t("exp.pre.hist.caption"))
    st.info(t("exp.pre.why_transform"))


def receptive_tab(image) -> None:
    st.markdown(t("exp.rf.intro"))
    controls, picture, numbers = st.columns([2, 3, 2], gap="large")
    with controls:
        variant = st.radio(t("exp.rf.variant"), ["torchvision", "paper"], horizontal=True, key="exp_rf_variant",
                           format_func=lambda v: t(f"exp.rf.variant.{v}"))
        fields = receptive_fields(variant)
        stages = [s for s in fields if not s.startswith("lrn")]
        stage = st.selectbox(t("exp.rf.stage"), stages, index=stages.index("inception4a"),
                             format_func=stage_label, key="exp_rf_stage")
        field = fields[stage]
        # One pair of sliders per grid size, so a position never falls outside a smaller grid.
        row = st.slider(t("exp.rf.row"), 0, field.side - 1, field.side // 2, key=f"exp_rf_row_{field.side}")
        col = st.slider(t("exp.rf.col"), 0, field.side - 1, field.side // 2, key=f"exp_rf_col_{field.side}")
    crop = steps_of(image_fingerprint(image), image)[2].data
    x0, y0, x1, y1 = unit_field(stage, row, col, variant)
    with picture:
        st.image(draw_field(crop, stage, row, col, variant, scale=RF_SCALE), width="stretch")
        caption = "exp.rf.caption" if field.jump * RF_SCALE >= MIN_GRID_CELL else "exp.rf.caption.fine"
        st.caption(t(caption, stage=stage_label(stage), side=field.side, jump=field.jump))
    with numbers:
        st.metric(t("exp.rf.metric.side"), t("exp.rf.grid", n=field.side))
        st.metric(t("exp.rf.metric.jump"), t("exp.rf.px", n=field.jump))
        st.metric(t("exp.rf.metric.rf"), t("exp.rf.px", n=field.rf))
        st.markdown(f"{t('exp.rf.metric.box')}  \n**{t('exp.rf.box', x0=x0, x1=x1, y0=y0, y1=y1)}**")
    if field.rf > 224:
        st.info(t("exp.rf.bigger", rf=field.rf))
    if field.widest_branches:
        names = t("exp.rf.sep").join(t("exp.rf.branch", n=b.removeprefix("branch")) for b in field.widest_branches)
        st.caption(t("exp.rf.inception_note", branches=names))
    st.caption(t("exp.rf.theory_note"))

    st.markdown(f"**{t('exp.rf.table.title')}**")
    table = pd.DataFrame({
        t("exp.rf.table.stage"): [stage_label(s) for s in stages],
        t("exp.rf.table.side"): [t("exp.rf.grid", n=fields[s].side) for s in stages],
        t("exp.rf.table.jump"): [fields[s].jump for s in stages],
        t("exp.rf.table.rf"): [fields[s].rf for s in stages],
    })
    chosen = stages.index(stage)
    st.dataframe(table.style.apply(lambda r: ["background-color: #fff3b0; font-weight: bold" if r.name == chosen
                                              else "" for _ in r], axis=1),
                 hide_index=True, width="stretch", height="content")


# ----------------------------------------------------------------------------------------- page

st.title(t("nav.experiments"))
st.markdown(t("exp.intro"))

model = pretrained_model()   # None after a notice with the fetch command: only the ablation tab needs it
picked = pick_image("exp")
if picked is None:           # a bad upload: pick_image has shown the reason
    st.stop()

img = image_fingerprint(picked.image)
tab_ablation, tab_pre, tab_rf = st.tabs([t("exp.tab.ablation"), t("exp.tab.preprocess"), t("exp.tab.receptive")])
with tab_ablation:
    ablation_tab(model, picked.image, img)
with tab_pre:
    preprocess_tab(picked.image, img)
with tab_rf:
    receptive_tab(picked.image)
