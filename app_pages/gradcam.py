"""Grad-CAM: which part of the picture made the network choose a class? The pretrained GoogLeNet on a photo, or a
network trained in the training lab in this session on a digit (ui/gradcam_lab.py), by the same code."""
from __future__ import annotations

import streamlit as st

from googlenet.explain import DEFAULT_LAYER, GradCam, grad_cam
from googlenet.i18n import t
from googlenet.images import to_batch
from googlenet.model import BLOCKS
from googlenet.receptive_field import receptive_fields
from googlenet.runtime.inference import model_fingerprint
from googlenet.viz import overlay
from googlenet.weights import looks_untrained
from ui.charts import show_figure
from ui.charts_vision import heatmap_figure
from ui.concept_check import stop_page
from ui.downloads import show_png
from ui.gradcam_lab import lab_gradcam_view
from ui.image_input import pick_image, show_picture
from ui.labels import block_label, class_name
from ui.models import pretrained_model
from ui import url_state
from ui.network_choice import choose_network
from ui.page_links import CAM_CLASS, CAM_CLASS_ASKED


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def explain(image_key: str, model_key: str, class_index: int | None, layer: str, _model, _image) -> GradCam:
    """Grad-CAM for one picture, class and block (cached: moving the opacity slider costs nothing)."""
    return grad_cam(_model, to_batch(_image), class_index, layer)


def pick_class(column, top_cam: GradCam, any_class: bool, image_key: str) -> int:
    """The class to explain: one of the picture's top 5, or any of the 1000 with `any_class`.

    One widget per picture holds the choice whatever the list (its options are labelled with this picture's
    ranks and probabilities, so another picture gets a fresh widget that starts at its own best guess); a class
    that is not among the options, after "any class" is switched off, falls back to the best guess.
    """
    probs, ranks, top5 = top_cam.probabilities, top_cam.ranks(), top_cam.top_classes(5)
    options = list(range(len(probs))) if any_class else top5
    key = f"cam_class_{image_key}"
    asked = st.session_state.pop(CAM_CLASS_ASKED, None)   # a link's ?label= (ui/page_links.py)
    if asked is not None and asked in options:
        st.session_state[key] = asked
    elif asked is not None:   # not among this picture's top 5, and the link did not say any=1
        st.toast(t("url.bad", values=f"label={asked}"), icon=":material/link_off:")
    if st.session_state.get(key, top5[0]) not in options:
        st.session_state[key] = top5[0]
    chosen = column.selectbox(
        t("gradcam.class"), options, index=options.index(top5[0]), key=key,
        format_func=lambda c: t("gradcam.class.option", rank=int(ranks[c]), name=class_name(c), prob=float(probs[c])),
        help=t("gradcam.class.help"))
    st.session_state[CAM_CLASS] = chosen
    url_state.publish()   # the class in the address is the one just chosen
    return chosen


def numbers(top_cam: GradCam, cam: GradCam, name: str, side: int) -> None:
    """The class's probability and rank, the grid size, and warnings for untrained weights or an empty map."""
    probs = top_cam.probabilities
    m1, m2, m3 = st.columns(3)
    m1.metric(t("gradcam.metric.prob"), f"{float(probs[cam.class_index]):.1%}")
    m2.metric(t("gradcam.metric.rank"), f"{top_cam.ranks()[cam.class_index]} / {len(probs)}")
    m3.metric(t("gradcam.metric.grid"), f"{side}×{side}")
    if looks_untrained(probs):
        st.warning(t("gradcam.untrained_note", prob=float(probs.max())))
    if cam.raw_max <= 0:
        st.warning(t("gradcam.empty", block=block_label(cam.layer), name=name))


st.title(t("nav.gradcam"))
st.markdown(t("gradcam.intro"))
lab_run = choose_network("cam_network", "gradcam.network.help", "gradcam.network.none")
if lab_run is not None:
    lab_gradcam_view(lab_run)
    stop_page("gradcam")   # its concept checks, then st.stop()

model = pretrained_model()   # None after a notice with the fetch command
picked = pick_image("cam")
if model is None:            # the notice above says how to fetch the weights
    if picked is not None:
        st.info(t("gradcam.no_weights"))
        show_picture(picked.image)
    stop_page("gradcam")   # its concept checks, then st.stop()


@url_state.fragment   # the block, opacity and "any class" travel in the link
def explain_view(model, picked) -> None:
    """A fragment: the class, block and opacity redraw only the explanation, not the picker above."""
    # The controls that do not depend on the picture are drawn even after a refused upload, so they survive it.
    c1, c2, c3 = st.columns([3, 2, 2], gap="large")
    any_class = c1.toggle(t("gradcam.any_class"), key="cam_any")
    layer = c2.selectbox(t("gradcam.block"), BLOCKS, index=BLOCKS.index(DEFAULT_LAYER), format_func=block_label,
                         help=t("gradcam.block.help"), key="cam_block")
    opacity = c3.slider(t("gradcam.opacity"), 0.0, 1.0, 0.5, 0.05, key="cam_opacity")
    if picked is None:           # a bad upload: pick_image has shown the reason
        return

    model_key = model_fingerprint(model)
    with st.spinner(t("gradcam.running")):
        top_cam = explain(picked.key, model_key, None, DEFAULT_LAYER, model, picked.image)
    class_index = pick_class(c1, top_cam, any_class, picked.key)
    if class_index == top_cam.class_index and layer == DEFAULT_LAYER:
        cam = top_cam  # the default view: already computed above
    else:
        with st.spinner(t("gradcam.running")):
            cam = explain(picked.key, model_key, class_index, layer, model, picked.image)
    field = receptive_fields("torchvision")[layer]
    name = class_name(class_index)

    st.markdown("### " + t("gradcam.heading", name=name))
    numbers(top_cam, cam, name, field.side)
    crop = picked.crop
    left, middle, right = st.columns(3, gap="medium")
    show_png(crop, "input_crop_224", left, caption=t("gradcam.crop"))
    show_png(overlay(crop, cam.heatmap, opacity, stretch=False), "gradcam_overlay", middle,
             caption=t("gradcam.overlay", name=name, block=block_label(layer)))
    show_figure(("heatmap", picked.key, model_key, class_index, layer), lambda: heatmap_figure(cam.heatmap),
                where=right, name="gradcam_heatmap")
    right.caption(t("gradcam.raw", side=field.side, jump=field.jump, rf=field.rf))


explain_view(model, picked)
with st.expander(t("gradcam.how.title")):
    st.markdown(t("gradcam.how.body"))
with st.expander(t("gradcam.limits.title")):
    st.markdown(t("gradcam.limits.body", jump=receptive_fields("torchvision")[DEFAULT_LAYER].jump))
