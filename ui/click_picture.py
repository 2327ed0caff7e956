"""Pick a position by clicking on a picture (streamlit-image-coordinates, checked in Chromium with Streamlit 1.67).

The picture is drawn by the component (an <img> in the app's own iframe: the picture travels as a data URL, so
nothing is fetched from elsewhere); a click sends (x, y) in displayed pixels and the displayed size. Sliders stay
the keyboard path: a page draws its sliders with keys of its own, and ``take_click`` - called *before* the sliders
are drawn - turns a new click into their values. A click is used once: its time stamp is remembered, so moving
a slider afterwards is not undone by the old click on the next rerun.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import streamlit as st
from PIL import Image

from googlenet.i18n import t

SEEN = "_seen"   # suffix of the session-state key that remembers the last click used


def new_click(key: str) -> tuple[float, float] | None:
    """The point of a click not used before, as fractions (0..1) of the picture's width and height; else None."""
    value = st.session_state.get(key)
    if not isinstance(value, dict) or not {"x", "y", "width", "height"} <= value.keys():
        return None
    stamp = value.get("unix_time")
    if st.session_state.get(key + SEEN) == stamp:
        return None
    st.session_state[key + SEEN] = stamp
    width, height = float(value["width"] or 0), float(value["height"] or 0)
    if width <= 0 or height <= 0:
        return None
    return min(max(float(value["x"]) / width, 0.0), 1.0), min(max(float(value["y"]) / height, 0.0), 1.0)


def take_click(key: str, apply: Callable[[float, float], None]) -> bool:
    """Call `apply(fx, fy)` with a new click's point (fractions of the picture's size); True if there was one.
    `apply` typically writes the page's slider values into st.session_state (before the sliders are drawn)."""
    point = new_click(key)
    if point is None:
        return False
    apply(*point)
    return True


def set_slider(key: str, value: float, low: int, high: int) -> None:
    """Put `value` (rounded, kept within low..high) into the slider with `key`, before it is drawn."""
    st.session_state[key] = int(min(max(round(value), low), high))


class _Compressed:
    """An image whose save() writes compressed PNG, whatever the component asks for (it asks for level 0)."""

    def __init__(self, image: Image.Image):
        self.image = image

    def save(self, buffer, format: str = "PNG", **_options) -> None:   # noqa: A002 - PIL's own parameter name
        if format == "PNG":
            self.image.save(buffer, format="PNG", compress_level=6)
        else:
            self.image.save(buffer, format=format, quality=90)


def clickable_picture(picture, key: str, caption: str, how: str | None = None, name: str | None = None) -> None:
    """Draw `picture` (PIL image or uint8 array) at the column's width; a click on it reruns the page (or the
    fragment it is in) with the point in st.session_state[key], for ``take_click``. `caption` describes the
    picture (its alt text) and is written under it, followed by `how` (by default: a click picks a position, the
    sliders do the same from the keyboard). With a `name`, a PNG download button of the picture right under it."""
    from streamlit_image_coordinates import streamlit_image_coordinates

    image = picture if isinstance(picture, Image.Image) else Image.fromarray(np.asarray(picture, dtype=np.uint8))
    streamlit_image_coordinates(_Compressed(image.convert("RGB")), key=key, width="stretch", cursor="crosshair")
    if name is not None:
        from ui.downloads import download_png, png_of

        download_png(lambda: png_of(image), name)
    st.caption(caption)
    st.caption(how or t("click.help"))
