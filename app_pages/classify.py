"""Classify: a photo through the pretrained GoogLeNet — the top-5 classes, the time it took, the crop it saw."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import streamlit as st
from matplotlib.ticker import PercentFormatter

from googlenet.i18n import get_language, t
from googlenet.images import preprocessed_crop
from googlenet.runtime.inference import Prediction, classify, image_fingerprint, model_fingerprint
from googlenet.weights import display_name, labels
from ui.image_input import pick_image
from ui.models import pretrained_model

TOP_COLOUR, OTHER_COLOUR = "#d62728", "#9fb3c8"


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def _classify(key: str, model_key: str, _model, _image) -> Prediction:
    # Keyed on the picture's hash and the model object: the same sample photo is classified once.
    return classify(_model, _image, k=5)


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def _crop(key: str, _image):
    return preprocessed_crop(_image)


def top5_figure(names: list[str], probs: list[float]):
    # Drawn at about the size it appears in its column, so the type stays large on a projector.
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    y = list(range(len(names)))
    ax.barh(y, probs, color=[TOP_COLOUR] + [OTHER_COLOUR] * (len(names) - 1), height=0.65)
    ax.set_yticks(y, names, fontsize=16)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12)  # probabilities on their true 0..1 scale: an unsure network shows short bars
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    for yi, p in zip(y, probs):
        ax.text(p + 0.01, yi, f"{p:.1%}", va="center", fontsize=15, fontweight="bold" if yi == 0 else "normal")
    ax.set_xlabel(t("classify.chart.x"))
    ax.set_title(t("classify.chart.title"), loc="left")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


st.title(t("nav.classify"))
st.markdown(t("classify.intro"))

model = pretrained_model()   # None (after a notice with the fetch command) when the weights are missing
picked = pick_image("cls")
if picked is None:           # a bad upload: pick_image has shown the reason
    st.stop()

key = image_fingerprint(picked.image)
left, right = st.columns([2, 3], gap="large")
with left:
    st.image(picked.image, caption=t("classify.original", w=picked.image.width, h=picked.image.height),
             width="stretch")

if model is None:
    with left:
        st.image(_crop(key, picked.image), caption=t("classify.crop"), width=224)
        st.caption(t("classify.crop.note"))
    with right:
        st.info(t("classify.no_weights_hint"))
    st.stop()

with st.spinner(t("classify.running")):
    prediction = _classify(key, model_fingerprint(model), model, picked.image)

lang = get_language()
names = [display_name(i, lang) for i in prediction.indices]
with left:
    st.image(prediction.crop, caption=t("classify.crop"), width=224)
    st.caption(t("classify.crop.note"))
with right:
    st.markdown("#### " + t("classify.result", name=names[0], prob=prediction.probabilities[0]))
    m1, m2, m3 = st.columns(3)
    m1.metric(t("classify.metric.ms"), f"{prediction.ms:.0f} ms", help=t("classify.metric.ms.help"))
    m2.metric(t("classify.metric.pre"), f"{prediction.preprocess_ms:.0f} ms", help=t("classify.metric.pre.help"))
    m3.metric(t("classify.metric.top5"), f"{1 - prediction.rest:.1%}", help=t("classify.metric.top5.help"))
    fig = top5_figure(names, prediction.probabilities)
    st.pyplot(fig)
    plt.close(fig)
    table = pd.DataFrame({
        t("classify.table.rank"): range(1, len(names) + 1),
        t("classify.table.class"): names,
        t("classify.table.index"): prediction.indices,
        t("classify.table.prob"): prediction.probabilities,
    })
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        t("classify.table.prob"): st.column_config.ProgressColumn(
            t("classify.table.prob"), format="percent", min_value=0.0, max_value=1.0),
    })
    st.caption(t("classify.rest", n=len(labels()) - len(names), rest=prediction.rest))
    st.caption(t("classify.names_note"))
    st.info(t("classify.vocabulary_note"))
