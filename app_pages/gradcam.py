"""Grad-CAM: which part of the photo made the pretrained network choose a class?"""
from __future__ import annotations


import matplotlib.pyplot as plt
import numpy as np
import streamlit as st

from googlenet.ablation import BLOCKS
from googlenet.explain import DEFAULT_LAYER, GradCam, grad_cam, overlay
from googlenet.i18n import get_language, t
from googlenet.runtime.inference import image_fingerprint, model_fingerprint
from googlenet.weights import display_name
from googlenet.images import preprocessed_crop, to_batch
from googlenet.receptive_field import receptive_fields
from ui.charts import cached_png
from ui.image_input import pick_image
from ui.models import pretrained_model

UNTRAINED_TOP = 0.002  # a top probability this low means the weights cannot be ImageNet-trained
SHOW_PX = 448          # the crop, the overlay and the heat map are shown at twice the network's 224


def class_name(index: int) -> str:
    return display_name(index, get_language())  # "中文名 (English)" in Chinese where a translation exists


def block_label(block: str) -> str:
    return t("gradcam.block.name", name=block.removeprefix("inception"))


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def explain(img: str, model_key: str, class_index: int | None, layer: str, _model, _image) -> GradCam:
    """Grad-CAM for one picture, class and block (cached: moving the opacity slider costs nothing)."""
    return grad_cam(_model, to_batch(_image), class_index, layer)


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def crop_of(img: str, _image):
    return preprocessed_crop(_image)


def heatmap_figure(heatmap: np.ndarray):
    """The raw heat map, cell by cell (values written in when the grid is coarse enough to read them)."""
    side = heatmap.shape[0]
    fig, ax = plt.subplots(figsize=(5, 4.4))
    shown = ax.imshow(heatmap, cmap="jet", vmin=0, vmax=1, interpolation="nearest")
    if side <= 14:
        for (r, c), v in np.ndenumerate(heatmap):
            ax.text(c, r, f"{v:.2f}" if side <= 7 else f"{v:.1f}", ha="center", va="center",
                    fontsize=12 if side <= 7 else 7, color="white" if v < 0.25 or v > 0.8 else "black")
    ticks = range(0, side, max(1, side // 7))
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    ax.tick_params(labelsize=11)
    bar = fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
    bar.ax.tick_params(labelsize=11)
    fig.tight_layout()
    return fig


st.title(t("nav.gradcam"))
st.markdown(t("gradcam.intro"))

model = pretrained_model()   # None after a notice with the fetch command
picked = pick_image("cam")
if picked is None:           # a bad upload: pick_image has shown the reason
    st.stop()
if model is None:
    st.info(t("gradcam.no_weights"))
    st.image(picked.image, width=SHOW_PX)
    st.stop()

img = image_fingerprint(picked.image)
model_key = model_fingerprint(model)
with st.spinner(t("gradcam.running")):
    top_cam = explain(img, model_key, None, DEFAULT_LAYER, model, picked.image)
probs = top_cam.probabilities
order = probs.argsort(descending=True)
rank_of = {int(c): r for r, c in enumerate(order, start=1)}
top5 = [int(c) for c in order[:5]]

c1, c2, c3 = st.columns([3, 2, 2], gap="large")
with c1:
    any_class = st.toggle(t("gradcam.any_class"), key="cam_any")
    options = list(range(len(probs))) if any_class else top5
    class_index = st.selectbox(
        t("gradcam.class"), options, index=options.index(top5[0]), key=f"cam_class_{'all' if any_class else 'top5'}",
        format_func=lambda c: t("gradcam.class.option", rank=rank_of[c], name=class_name(c), prob=float(probs[c])),
        help=t("gradcam.class.help"))
with c2:
    layer = st.selectbox(t("gradcam.block"), BLOCKS, index=BLOCKS.index(DEFAULT_LAYER), format_func=block_label,
                         help=t("gradcam.block.help"), key="cam_block")
with c3:
    opacity = st.slider(t("gradcam.opacity"), 0.0, 1.0, 0.5, 0.05, key="cam_opacity")

if class_index == top_cam.class_index and layer == DEFAULT_LAYER:
    cam = top_cam  # the default view: already computed above
else:
    with st.spinner(t("gradcam.running")):
        cam = explain(img, model_key, class_index, layer, model, picked.image)
field = receptive_fields("torchvision")[layer]
name = class_name(class_index)

st.markdown(f"### {t('gradcam.metric.class')}: {name}")
m1, m2, m3 = st.columns(3)
m1.metric(t("gradcam.metric.prob"), f"{float(probs[class_index]):.1%}")
m2.metric(t("gradcam.metric.rank"), f"{rank_of[class_index]} / {len(probs)}")
m3.metric(t("gradcam.metric.grid"), f"{field.side}×{field.side}")
if float(probs.max()) < UNTRAINED_TOP:
    st.warning(t("gradcam.untrained_note", prob=float(probs.max())))
if cam.raw_max <= 0:
    st.warning(t("gradcam.empty", block=block_label(layer), name=name))

crop = crop_of(img, picked.image)
left, middle, right = st.columns(3, gap="medium")
with left:
    st.image(crop.resize((SHOW_PX, SHOW_PX)), caption=t("gradcam.crop"), width="stretch")
with middle:
    st.image(overlay(crop, cam.heatmap, opacity).resize((SHOW_PX, SHOW_PX)), width="stretch",
             caption=t("gradcam.overlay", name=name, block=block_label(layer)))
with right:
    st.image(cached_png(("heatmap", img, model_key, class_index, layer), get_language(),
                       lambda: heatmap_figure(cam.heatmap)), width="stretch")
    st.caption(t("gradcam.raw", side=field.side, jump=field.jump))

with st.expander(t("gradcam.how.title")):
    st.markdown(t("gradcam.how.body"))
