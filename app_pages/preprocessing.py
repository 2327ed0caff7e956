"""The preprocessing inspector: the road from a photo to the numbers GoogLeNet is fed, step by step —
torchvision's evaluation transform (training used random crops instead: said on the page).

Works without weights. Every step is shown in a box of one size (googlenet.preprocess.step_views), so a
1x1 picture or a 10x3000 strip is drawn as sensibly as a photo.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from googlenet.i18n import t
from googlenet.preprocess import StepView, step_views
from ui.charts import show_figure
from ui.charts_experiments import histogram_figure
from ui.concept_check import stop_page
from ui.downloads import show_png, show_table
from ui.image_input import pick_image


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def views_of(img: str, _image) -> list[StepView]:
    return step_views(_image)


def step_title(view: StepView) -> str:
    return t(f"exp.pre.step.{view.name_key}")


def step_grid(views: list[StepView]) -> None:
    """Two rows of three: the picture steps, then the tensor steps, each with its size and what it does."""
    for row in (views[:3], views[3:]):
        for view, column in zip(row, st.columns(3, gap="medium")):
            with column:
                st.markdown(f"**{step_title(view)}**")
                show_png(view.picture, f"step_{view.name_key}")
                w, h = view.size
                st.caption(f"{w}×{h} · " + t(f"exp.pre.what.{view.name_key}"))
                if view.partial:
                    st.caption(t("exp.pre.partial"))
    st.caption(t("exp.pre.shown"))


def numbers_table(views: list[StepView]) -> None:
    show_table(pd.DataFrame({
        t("exp.pre.table.step"): [step_title(v) for v in views],
        t("exp.pre.table.shape"): [v.numbers.shape for v in views],
        t("exp.pre.table.range"): [v.numbers.value_range for v in views],
        t("exp.pre.table.mean"): [v.numbers.mean for v in views],
        t("exp.pre.table.std"): [v.numbers.std for v in views],
    }), "step_numbers", hide_index=True, width="stretch")
    st.caption(t("exp.pre.table.caption"))


def histograms(views: list[StepView], img: str) -> None:
    tensors = [v for v in views if v.tensor is not None]
    show_figure(("histograms", img), lambda: histogram_figure(
        [(step_title(v), v.tensor.data.reshape(3, -1).numpy()) for v in tensors]), name="histograms")
    st.caption(t("exp.pre.hist.caption"))


st.title(t("nav.preprocessing"))
st.markdown(t("exp.pre.intro"))
picked = pick_image("pre")
if picked is None:           # a bad upload: pick_image has shown the reason
    stop_page("preprocessing")   # its concept checks, then st.stop()

img = picked.key
views = views_of(img, picked.image)
step_grid(views)
numbers_table(views)
histograms(views, img)
st.info(t("exp.pre.why_transform"))
# Facts: the paper, section 6 (patches of 8-100% of the area, aspect 3/4-4/3, photometric distortions);
# TF-slim's preprocessing/inception_preprocessing.py (area 0.05-1.0, aspect 0.75-1.33, flips, colour distortion).
st.info(t("exp.pre.training"))
