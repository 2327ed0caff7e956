"""One image picker for every vision page: a sample photo, an upload, or a camera shot.

The uploader is always visible (the most common classroom action); the camera only when switched on
(so the browser does not ask for camera access on every visit); otherwise a sample photo is used.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from PIL import Image

from googlenet.i18n import t
from googlenet.images import ACCEPTED_EXTENSIONS, ImageError, load_image

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SAMPLES = {  # file -> i18n key of its name
    "chelsea_cat.jpg": "input.sample.cat",
    "coffee.jpg": "input.sample.coffee",
    "rocket.jpg": "input.sample.rocket",
    "china_temple.jpg": "input.sample.temple",
}


@dataclass
class PickedImage:
    image: Image.Image   # RGB, EXIF orientation applied
    name: str            # what to call it on screen
    source: str          # "sample" | "upload" | "camera"


@st.cache_data(show_spinner=False, max_entries=16)
def _sample(file: str) -> Image.Image:
    return load_image(ASSETS / file)


def pick_image(key: str, show: bool = True) -> PickedImage | None:
    """Draw the picker (keys prefixed with `key`) and return the chosen picture, or None after a clear error."""
    with st.container(border=True):
        left, right = st.columns([3, 2])
        with left:
            upload = st.file_uploader(t("input.upload", mb=st.get_option("server.maxUploadSize")),
                                      type=list(ACCEPTED_EXTENSIONS), key=f"{key}_upload",
                                      help=t("input.upload.help"))
        with right:
            sample = st.selectbox(t("input.sample"), list(SAMPLES), key=f"{key}_sample",
                                  format_func=lambda f: t(SAMPLES[f]))
            use_camera = st.toggle(t("input.camera.toggle"), key=f"{key}_camera_on")
        shot = st.camera_input(t("input.camera"), key=f"{key}_camera") if use_camera else None

    picked = None
    try:
        if upload is not None:
            picked = PickedImage(load_image(upload.getvalue()), upload.name, "upload")
        elif shot is not None:
            picked = PickedImage(load_image(shot.getvalue()), t("input.camera.name"), "camera")
        else:
            picked = PickedImage(_sample(sample), t(SAMPLES[sample]), "sample")
    except ImageError as err:
        st.error(t("input.error", name=getattr(upload or shot, "name", ""), reason=t(err.key, **err.fmt)))
        return None
    if show:
        st.caption(t(f"input.using.{picked.source}", name=picked.name,
                     w=picked.image.width, h=picked.image.height))
    return picked
