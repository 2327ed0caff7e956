"""The training lab's "try the network" section: a test digit, the user's own picture or a digit drawn on a
canvas, through a trained run."""
from __future__ import annotations

import numpy as np
import streamlit as st

from googlenet.digits import DigitsData, digit_to_picture, predict_proba, prepare_image
from googlenet.i18n import get_language, set_language, t
from googlenet.images import ACCEPTED_EXTENSIONS, ImageError, load_image
from googlenet.lab_network import lab_maps
from googlenet.network_anatomy import inception_blocks
from googlenet.viz import letterbox
from ui.charts_training import digit_probabilities_chart
from ui.downloads import show_png, show_vega
from ui.draw_digit import draw_digit_panel
from ui.training_runs import RunRecord, data_name

PICTURE_BOX = (340, 340)          # the user's picture, letterboxed, shown at half that width


def show_prediction(rec: RunRecord, digit: np.ndarray, name: str) -> None:
    """`digit` in the run's data set's size and scale (8x8 in 0..16, or 28x28 in 0..255); `name`: the chart's
    download name."""
    probs = predict_proba(rec.model, digit)[0]
    best = int(probs.argmax())
    st.markdown(t("train.try.prediction", label=best, p=float(probs[best])))
    show_vega(digit_probabilities_chart(probs, t("train.try.probs"), t("train.confusion.pred"), "%"), name)


def _test_digit(rec: RunRecord, data: DigitsData) -> None:
    index = st.slider(t("train.try.index"), 0, data.sizes[1] - 1, 0, key=f"train_test_index_{data.name}")
    digit = data.x_test[index, 0].numpy()
    p1, p2 = st.columns([1, 2])
    show_png(digit_to_picture(digit, data.max_value), f"test_digit_{index}", p1, width=170)
    p1.markdown(t("train.try.truth", label=int(data.y_test[index])))
    with p2:
        show_prediction(rec, digit, "test_digit_probabilities")


def _uploaded_digit(rec: RunRecord, data: DigitsData) -> None:
    picture = st.file_uploader(t("train.try.upload"), type=list(ACCEPTED_EXTENSIONS), key="train_digit_upload",
                               help=t(f"train.try.upload.help.{data.name}"))
    if picture is None:
        return
    try:
        image = load_image(picture.getvalue())
    except ImageError as err:
        st.error(err.message())
        return
    digit = prepare_image(data.name, image)   # prepared like the run's own data set
    u1, u2, u3 = st.columns([1, 1, 2])
    u1.image(letterbox(image, PICTURE_BOX), caption=t("train.try.yours"), width=PICTURE_BOX[0] // 2)
    show_png(digit_to_picture(digit, data.max_value), "your_digit_seen", u2,
             caption=t("train.try.seen", size=data.image_size), width=PICTURE_BOX[0] // 2)
    with u3:
        if digit.max() == 0:
            st.warning(t("train.try.empty"))
        else:
            show_prediction(rec, digit, "your_digit_probabilities")


def _drawn_digit(rec: RunRecord, data: DigitsData) -> None:
    """A digit drawn on the canvas, prepared like the run's own data set (28x28 MNIST or 8x8 digits), classified
    after every stroke; the feature maps of the network's Inception blocks below (if it has any)."""
    model = rec.model
    feature_maps = None
    if inception_blocks(model):
        def feature_maps(x: np.ndarray) -> dict[str, np.ndarray]:
            return {name: parts["output"] for name, parts in lab_maps(model, x).items()}
    answer = draw_digit_panel(lambda x: predict_proba(model, x)[0], key="train_draw", feature_maps=feature_maps,
                              dataset=data.name)
    if answer is not None and feature_maps is None:
        st.caption(t("draw.maps.none"))


@st.fragment
def try_the_network(rec: RunRecord, data: DigitsData) -> None:
    """A test digit, the user's own picture or a drawing through the chosen network; `data` is the run's own data
    set (its test digits, its picture size and scale, how a picture or a drawing is prepared). A fragment: moving
    the slider, or a stroke on the canvas, reruns only this part, not the charts above.

    The tabs keep one order for both data sets: the network on its own test digits first (it works), then a
    picture, then a drawing of the student's own (where it may not)."""
    set_language(st.session_state.get("lang", get_language()))  # a fragment rerun starts a fresh context
    if data.name != rec.config.dataset:  # a network takes only pictures of the kind it was built for
        data = rec.data
    st.caption(t("train.try.caption", n=rec.number, data=data_name(data.name), size=data.image_size,
                 max=f"{data.max_value:g}"))
    if rec.evaluation is None:
        st.info(t("train.not_evaluated", n=rec.number))
        return
    tab_test, tab_upload, tab_draw = st.tabs([t("train.try.test_tab"), t("train.try.upload_tab"),
                                              t("train_draw.tab")])
    with tab_test:
        _test_digit(rec, data)
    with tab_upload:
        _uploaded_digit(rec, data)
    with tab_draw:
        _drawn_digit(rec, data)


