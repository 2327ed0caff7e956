"""Classify: a photo through the pretrained GoogLeNet — the top-5 classes, the time it took, the crop it saw."""
from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from googlenet.i18n import t
from googlenet.model import INPUT_SIZE
from googlenet.runtime.inference import Prediction, classify, model_fingerprint
from googlenet.runtime.precision import MIN_TOP1_AGREEMENT, Precision
from googlenet.weights import labels, weights_meta
from ui.charts import show_figure
from ui.charts_vision import top5_figure
from ui.concept_check import stop_page
from ui.downloads import show_png, show_table
from ui.image_input import pick_image, show_picture
from ui.labels import class_name, percent_column
from ui.models import classification_model
from ui.reconciled import reconciled_link


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _classify(image_key: str, model_key: str, _model, _image) -> tuple[Prediction, float]:
    """The prediction and when it was made (time.time()): the same sample photo is classified once, so a
    later visit shows timings measured then, and the page must say so."""
    return classify(_model, _image, k=5), time.time()


def timings(prediction: Prediction, made_at: float, cached: bool) -> None:
    """Forward pass, preprocessing, top-5 share. A cached answer keeps the timings of the pass that made it
    (another request's, maybe another visitor's): each says when it was measured, and a line says why."""
    earlier = dict(delta=t("classify.metric.earlier", time=time.strftime("%H:%M:%S", time.localtime(made_at))),
                   delta_color="off", delta_arrow="off") if cached else {}
    m1, m2, m3 = st.columns(3)
    m1.metric(t("classify.metric.ms"), f"{prediction.ms:.0f} ms", help=t("classify.metric.ms.help"), **earlier)
    m2.metric(t("classify.metric.pre"), f"{prediction.preprocess_ms:.0f} ms", help=t("classify.metric.pre.help"),
              **earlier)
    m3.metric(t("classify.metric.top5"), f"{1 - prediction.rest:.1%}", help=t("classify.metric.top5.help"))
    if cached:
        st.caption(t("classify.cached"))


def precision_note(prediction: Prediction, precision: Precision) -> None:
    """Why this pass ran in bfloat16 or float32: the start-up check's numbers, or what stopped it."""
    state = precision.state   # "bfloat16" only once the check has passed (and then the pass ran in bf16)
    if (state == "bfloat16") != (prediction.precision == "bfloat16"):
        state = "checking"    # a float32 answer from just before the check finished
    check = precision.check
    numbers = dict(samples=check.samples, top5=check.samples_top5_equal, pictures=check.pictures,
                   agree=check.top1_agreeing, share=check.top1_agreement) if check else {}
    st.caption(t(f"classify.precision.{state}", need=MIN_TOP1_AGREEMENT, error=precision.error, **numbers),
               help=t("classify.precision.help"))


def top5_table(names: list[str], prediction: Prediction) -> None:
    """The top 5 as a table; probabilities in percent with one decimal, as the chart writes them."""
    table = pd.DataFrame({
        t("classify.table.rank"): range(1, len(names) + 1),
        t("classify.table.class"): names,
        t("classify.table.index"): prediction.indices,
        t("classify.table.prob"): prediction.probabilities,
    })
    show_table(table, "top5_table", hide_index=True, width="stretch", column_config={
        t("classify.table.prob"): percent_column(t("classify.table.prob")),
    })


def top5_accuracy() -> None:
    """What "top-5" means in papers, with this network's own number (torchvision's metadata for the weights)."""
    meta = weights_meta()
    st.caption(t("classify.top5_accuracy", top5=meta["top5"], top1=meta["top1"]))
    reconciled_link()


st.title(t("nav.classify"))
st.markdown(t("classify.intro"))

# The pretrained model, or its checked bfloat16 copy (googlenet.runtime.precision); None (after a notice
# with the fetch command) when the weights are missing.
chosen = classification_model()
model, precision = chosen if chosen is not None else (None, None)
picked = pick_image("cls")
if picked is None:           # a bad upload: pick_image has shown the reason
    stop_page("classify")   # its concept checks, then st.stop()

left, right = st.columns([2, 3], gap="large")
with left:
    show_picture(picked.image, t("classify.original", w=picked.image.width, h=picked.image.height))
    show_png(picked.crop, "input_crop_224", caption=t("classify.crop"), width=INPUT_SIZE)   # at its true size
    st.caption(t("classify.crop.note"))
if model is None:
    right.info(t("classify.no_weights_hint"))
    stop_page("classify")   # its concept checks, then st.stop()

asked_at = time.time()
model_key = model_fingerprint(model)
with st.spinner(t("classify.running")):
    prediction, made_at = _classify(picked.key, model_key, model, picked.image)
cached = made_at < asked_at   # made by an earlier request (any visitor's): its timings are not this request's

names = [class_name(i) for i in prediction.indices]
with right:
    st.markdown("#### " + t("classify.result", name=names[0], prob=prediction.probabilities[0]))
    timings(prediction, made_at, cached)
    precision_note(prediction, precision)
    show_figure(("top5", picked.key, model_key),
                lambda: top5_figure(names, prediction.probabilities, t("classify.chart.title"), t("classify.chart.x")),
                name="top5_chart")
    top5_table(names, prediction)
    st.caption(t("classify.rest", n=len(labels()) - len(names), rest=prediction.rest))
    top5_accuracy()
    st.caption(t("classify.names_note"))
    st.info(t("classify.vocabulary_note"))
