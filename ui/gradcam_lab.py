"""Grad-CAM of a network trained in the training lab, on one digit (the Grad-CAM page's lab view).

The same package code as GoogLeNet's (googlenet.explain.grad_cam) at one of the network's own Inception blocks
(read from the network: googlenet.network_anatomy), by default its last; the pass holds the model's lock in
eval mode and restores its mode (googlenet.lab_network.lab_grad_cam).
"""
from __future__ import annotations

import hashlib

import streamlit as st

from googlenet.explain import GradCam
from googlenet.i18n import t
from googlenet.lab_network import lab_grad_cam
from googlenet.network_anatomy import BlockAnatomy, inception_blocks
from googlenet.viz import overlay
from ui.charts import show_figure
from ui.charts_vision import heatmap_figure
from ui.downloads import show_png
from ui.lab_network_view import LabDigit, lab_block_label, pick_digit, show_digit
from ui.training_runs import RunRecord

CACHE_KEY = "cam_lab_results"   # session state: {(run, digit key, class, block): GradCam}
CACHE_SIZE = 32


def explain_digit(rec: RunRecord, picked: LabDigit, class_index: int | None, layer: str) -> GradCam:
    """Grad-CAM for one digit, digit class and block, kept in this session (run numbers are the session's own)."""
    cache: dict = st.session_state.setdefault(CACHE_KEY, {})
    key = (rec.number, picked.key, class_index, layer)
    if key not in cache:
        cache[key] = lab_grad_cam(rec.model, picked.digit, layer, class_index)
        for old in list(cache)[:-CACHE_SIZE]:
            del cache[old]
    return cache[key]


def pick_class(column, top_cam: GradCam, rec: RunRecord, picked: LabDigit) -> int:
    """The digit to explain: by default the predicted one; one widget per digit shown, so a new digit starts at
    its own prediction."""
    probs, ranks = top_cam.probabilities, top_cam.ranks()
    options = top_cam.top_classes(len(probs))
    return column.selectbox(
        t("gradcam.lab.class"), options, index=0, key=f"cam_class_run{rec.number}_{picked.key}",
        format_func=lambda c: t("gradcam.lab.class.option", rank=int(ranks[c]), d=c, prob=float(probs[c])),
        help=t("gradcam.lab.class.help"))


def numbers(top_cam: GradCam, cam: GradCam, block: BlockAnatomy) -> None:
    """The predicted digit and its probability, the explained digit's probability, the heat map's size."""
    probs = top_cam.probabilities
    best = top_cam.class_index
    h, w = cam.heatmap.shape
    m1, m2, m3 = st.columns(3)
    m1.metric(t("gradcam.lab.metric.pred"), str(best), f"{float(probs[best]):.1%}", delta_color="off",
              delta_arrow="off")
    m2.metric(t("gradcam.lab.metric.prob", d=cam.class_index), f"{float(probs[cam.class_index]):.1%}")
    m3.metric(t("gradcam.metric.grid"), f"{h}×{w}")
    if cam.raw_max <= 0:
        st.warning(t("gradcam.empty", block=lab_block_label(block), name=str(cam.class_index)))


@st.fragment
def lab_gradcam_view(rec: RunRecord) -> None:
    """A fragment: the digit, block, class and opacity redraw only the explanation, not the network choice.
    The controls that do not depend on the digit are drawn first, so a refused upload leaves them in place."""
    blocks = {b.name: b for b in inception_blocks(rec.model)}
    if not blocks:   # not one module of this network concatenates branches
        st.info(t("fmaps.lab.no_blocks", n=rec.number))
        return
    st.markdown(t("gradcam.lab.intro", n=rec.number, k=len(blocks)))
    left, right = st.columns([1, 1], gap="large")
    with left:
        picked = pick_digit(rec, "cam")
    names = list(blocks)
    layer = right.selectbox(t("gradcam.block"), names, index=len(names) - 1,
                            format_func=lambda b: lab_block_label(blocks[b]), help=t("gradcam.lab.block.help"),
                            key=f"cam_block_run{rec.number}")
    opacity = right.slider(t("gradcam.opacity"), 0.0, 1.0, 0.5, 0.05, key="cam_lab_opacity")
    if picked is None:
        return
    with left:
        show_digit(rec, picked)

    with st.spinner(t("gradcam.running")):
        top_cam = explain_digit(rec, picked, None, names[-1])
    class_index = pick_class(right, top_cam, rec, picked)
    if class_index == top_cam.class_index and layer == names[-1]:
        cam = top_cam   # the default view: already computed above
    else:
        with st.spinner(t("gradcam.running")):
            cam = explain_digit(rec, picked, class_index, layer)
    block = blocks[layer]
    st.markdown("### " + t("gradcam.lab.heading", d=class_index, prob=float(top_cam.probabilities[class_index])))
    numbers(top_cam, cam, block)
    side = picked.digit.shape[-1]
    one, two, three = st.columns(3, gap="medium")
    show_png(picked.picture, "lab_digit", one, caption=t("gradcam.lab.digit", size=side))
    show_png(overlay(picked.picture, cam.heatmap, opacity, stretch=False), "lab_gradcam_overlay", two,
             caption=t("gradcam.lab.overlay", d=class_index, block=lab_block_label(block)))
    # The figure's cache is shared by all sessions, whose run numbers repeat: keyed by what it shows instead.
    shows = hashlib.sha1(cam.heatmap.tobytes()).hexdigest()
    show_figure(("lab_heatmap", shows, cam.heatmap.shape), lambda: heatmap_figure(cam.heatmap), where=three,
                name="lab_gradcam_heatmap")
    h, w = cam.heatmap.shape
    three.caption(t("gradcam.lab.raw", h=h, w=w, block=lab_block_label(block), channels=block.out_channels,
                    size=side))
    st.caption(t("gradcam.lab.names", n=rec.number, k=len(blocks)))
