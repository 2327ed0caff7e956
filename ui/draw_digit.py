"""Draw a digit: a canvas in the browser (streamlit-drawable-canvas), the drawing prepared like the network's
training digits (googlenet.digits.drawing: MNIST's 28x28, or the 8x8 digits), the network's answer with its
top 3, the picture it saw and, if the page passes them, the feature maps of its Inception blocks.

The page passes the network as two plain callables, so this panel works with any model:
``model_predict(x) -> 10 probabilities`` and optionally ``feature_maps(x) -> {name: maps}``, where ``x`` is the
prepared drawing: float32 (28, 28) on MNIST's 0..255 scale (ink bright on black) for ``dataset="mnist"``, or
float32 (8, 8) in 0..16 for ``dataset="digits"``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np
import streamlit as st

from googlenet.digits.data import digit_to_picture
from googlenet.digits.drawing import (
    MAX_DIGIT_COVERAGE, MNIST_MAX_COVERAGE, UNSURE_BELOW, PreparedDrawing, prepare_drawing, top_k, unsure,
)
from googlenet.features import most_active
from googlenet.i18n import t
from googlenet.viz import as_maps, tile_channels
from ui.downloads import show_markdown_table, show_png

CANVAS_PX = 280           # the canvas is 10x MNIST's 28 pixels: room for a finger, and a whole number of scales
STROKE_PX = 22            # a digit about 200 px tall shrinks to 20 px: a 22 px pen becomes ~2 px, MNIST's stroke
PEN, PAPER = "#000000", "#ffffff"   # dark ink on white paper, as on a form; the network gets it inverted (MNIST)
SEEN_PX = 224             # the 28x28 picture shown 8x (8x8: 28x), nearest neighbour: every pixel a sharp square
MAPS_PER_BLOCK = 6        # channels shown per Inception block
MAP_TILE_PX = 56          # each feature map enlarged to at least this many pixels

Predict = Callable[[np.ndarray], "np.ndarray | list[float]"]
FeatureMaps = Callable[[np.ndarray], Mapping[str, object]]


@dataclass(frozen=True)
class Classified:
    """The panel's answer for one drawing (returned for the page and for tests)."""
    drawing: PreparedDrawing
    probabilities: np.ndarray   # (10,)
    seconds: float              # preparing + classifying, on the server


def _generation_key(key: str) -> str:
    return f"{key}__generation"


def _clear(key: str) -> None:
    """A new key for the canvas: the browser mounts a fresh, empty one (the old drawing is forgotten)."""
    st.session_state[_generation_key(key)] = st.session_state.get(_generation_key(key), 0) + 1


def canvas_picture(key: str, size: int = CANVAS_PX) -> np.ndarray | None:
    """The canvas, and its picture as RGBA (H, W, 4) uint8 once something was drawn (None before).
    Raises RuntimeError with the reason when the component cannot be loaded."""
    try:  # imported here: the component registers itself with the running Streamlit server on import
        from streamlit_drawable_canvas import st_canvas
    except Exception as err:  # noqa: BLE001 - any failure of a third-party component becomes one message
        raise RuntimeError(f"{type(err).__name__}: {err}") from err
    generation = st.session_state.get(_generation_key(key), 0)
    result = st_canvas(stroke_width=STROKE_PX, stroke_color=PEN, background_color=PAPER, drawing_mode="freedraw",
                       update_streamlit=True, height=size, width=size, return_image_data=True,
                       key=f"{key}_canvas_{generation}")
    if not (result.json_data or {}).get("objects"):
        return None  # nothing drawn yet (or everything undone)
    return result.image_data


def classify_drawing(rgba: np.ndarray | None, model_predict: Predict, dataset: str = "mnist") -> Classified | None:
    """The drawing -> prepared like `dataset`'s digits -> the network's probabilities; None for an empty canvas."""
    start = time.perf_counter()
    drawing = prepare_drawing(rgba, background=PAPER, dataset=dataset)
    if drawing is None:
        return None
    probabilities = np.asarray(model_predict(drawing.digit), dtype=np.float64).reshape(-1)
    return Classified(drawing, probabilities, time.perf_counter() - start)


def show_answer(answer: Classified) -> None:
    """Prediction, top 3, the picture the network saw (and how it was prepared), a note if the drawing is no
    digit-like shape, and a note if the network is unsure."""
    drawing = answer.drawing
    best = top_k(answer.probabilities, 3)
    st.markdown(t("draw.prediction", digit=best[0][0], p=best[0][1]))
    st.markdown(f"**{t('draw.top3')}**")
    show_markdown_table([t("draw.top3.digit"), t("draw.top3.p")], [[str(d), f"{p:.1%}"] for d, p in best],
                        "drawing_top3", right={1})
    if not drawing.looks_like_digit:
        st.warning(t("draw.not_digit" if drawing.dataset == "mnist" else "draw.not_digit.digits",
                     share=drawing.coverage, limit=MAX_DIGIT_COVERAGE, mnist_max=MNIST_MAX_COVERAGE))
    if unsure(answer.probabilities):
        st.warning(t("draw.unsure", p=best[0][1], limit=UNSURE_BELOW, second=best[1][0], p2=best[1][1]))
    show_png(digit_to_picture(drawing.digit, max_value=drawing.max_value, width=SEEN_PX), "drawing_seen",
             caption=t("draw.seen", size=drawing.size), width=SEEN_PX)
    st.caption(t(f"draw.seen.help.{drawing.dataset}"))
    st.caption(t("draw.time", ms=answer.seconds * 1000))


def show_feature_maps(drawing: PreparedDrawing, feature_maps: FeatureMaps, k: int = MAPS_PER_BLOCK) -> None:
    """The `k` most active channels of each Inception block's output for the drawing, one row per block."""
    st.markdown(f"**{t('draw.maps.title')}**")
    for name, maps in feature_maps(drawing.digit).items():
        x = as_maps(maps)
        shown = most_active(x, min(k, x.shape[0]))
        show_png(tile_channels(x, order=shown, cols=len(shown), min_tile=MAP_TILE_PX), f"drawing_{name}_maps",
                 width="content")
        st.caption(t("draw.maps.caption", name=name, c=x.shape[0], h=x.shape[1], w=x.shape[2], k=len(shown)))


def draw_digit_panel(model_predict: Predict, key: str, feature_maps: FeatureMaps | None = None,
                     size: int = CANVAS_PX, dataset: str = "mnist") -> Classified | None:
    """The whole panel: canvas and clear button on the left, the answer on the right, feature maps below.
    `dataset` says how the drawing is prepared: like MNIST ("mnist", 28x28) or like the 8x8 digits ("digits").
    Returns the answer (None while the canvas is empty or cannot be loaded)."""
    st.caption(t("draw.instructions"))
    st.space("medium")   # room for the canvas's toolbar (undo, redo, delete), which it shows above itself
    left, right = st.columns([1, 1])
    with left:
        try:
            rgba = canvas_picture(key, size)
        except RuntimeError as err:
            st.error(t("draw.no_canvas", error=str(err)))
            return None
        st.button(t("draw.clear"), key=f"{key}_clear", on_click=_clear, args=(key,))
    answer = classify_drawing(rgba, model_predict, dataset)
    with right:
        if answer is None:
            st.info(t("draw.empty"))
            return None
        show_answer(answer)
    if feature_maps is not None:
        show_feature_maps(answer.drawing, feature_maps)
    return answer
