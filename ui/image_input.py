"""One image picker for every vision page: the class photo, a sample photo, an upload, or a camera shot.

The uploader is always visible (the most common classroom action); the camera only when switched on
(so the browser does not ask for camera access on every visit); otherwise the choice in the list is used: the
class photo first when the student's tab belongs to a class (``?class=CODE``, see ui/classroom_link.py), then the
sample photos.
Any picture a class uploads is either used (shown letterboxed in a fixed box by show_picture, whatever
its shape: 1x1, 10x3000, ...) or refused with a clear message in the user's language.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import streamlit as st
from PIL import Image

from googlenet.i18n import t
from googlenet.images import ACCEPTED_EXTENSIONS, ImageError, load_image, preprocessed_crop
from googlenet.runtime.inference import image_fingerprint
from googlenet.viz import letterbox

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SAMPLES = {  # file -> i18n key of its name
    "chelsea_cat.jpg": "input.sample.cat",
    "coffee.jpg": "input.sample.coffee",
    "rocket.jpg": "input.sample.rocket",
    "china_temple.jpg": "input.sample.temple",
}
# A link names the sample photo by a short word (?photo=cat): file -> that word. An uploaded photo or a camera
# shot cannot travel in a link; the link carries the sample chosen in the list, which is what it opens.
SAMPLE_LINK_NAMES = {"chelsea_cat.jpg": "cat", "coffee.jpg": "coffee", "rocket.jpg": "rocket",
                     "china_temple.jpg": "temple"}


@dataclass
class PickedImage:
    image: Image.Image   # RGB, EXIF orientation applied
    name: str            # what to call it on screen
    source: str          # "class" | "sample" | "upload" | "camera"

    @cached_property
    def key(self) -> str:
        """A hash of the pixels, for caches: the same picture hits, whatever widget sent it."""
        return image_fingerprint(self.image)

    @property
    def crop(self) -> Image.Image:
        """The 224x224 picture the network actually sees (cached per picture)."""
        return _crop(self.key, self.image)


@st.cache_data(show_spinner=False, max_entries=32, ttl=3600)
def _crop(image_key: str, _image: Image.Image) -> Image.Image:
    return preprocessed_crop(_image)


SESSION_UPLOADS_KEY = "session_uploads"   # session state: {pixel hash: (name, picture)}, newest last
SESSION_UPLOADS_MAX = 12                  # a session keeps its last 12 photos (the patch search reads them all)


def session_uploads() -> dict[str, tuple[str, Image.Image]]:
    """Every photo uploaded (or taken with the camera) in this session, on any page: the channel page's
    strongest-patch search looks through them."""
    return st.session_state.setdefault(SESSION_UPLOADS_KEY, {})


def remember_upload(picked: PickedImage) -> None:
    uploads = session_uploads()
    uploads.pop(picked.key, None)
    uploads[picked.key] = (picked.name, picked.image)
    while len(uploads) > SESSION_UPLOADS_MAX:
        uploads.pop(next(iter(uploads)))


ORIGINAL_BOX = (360, 480)    # (height, width) of the frame an original picture is shown in


def show_picture(image, caption: str | None = None, size: tuple[int, int] = ORIGINAL_BOX) -> None:
    """A picture of any shape letterboxed into a fixed frame (scaled to the column's width on screen),
    so a 10x3000 strip cannot make the page 80,000 pixels tall and a 1x1 picture does not vanish."""
    st.image(letterbox(image, size), caption=caption, width="stretch")


@st.cache_data(show_spinner=False, max_entries=16)
def _sample(file: str) -> Image.Image:
    return load_image(ASSETS / file)


def other_sample(picked: PickedImage) -> PickedImage:
    """A sample photo that is not `picked` (the first one in SAMPLES' order that differs from it), for pages
    that compare two pictures."""
    for file, name_key in SAMPLES.items():
        candidate = PickedImage(_sample(file), t(name_key), "sample")
        if candidate.key != picked.key:
            return candidate
    raise LookupError("every sample photo is the picked picture")   # impossible: the samples differ


CLASS_PHOTO = ":class-photo:"   # the list entry of the class photo (never a file name)
CLASS_PHOTO_LINK_NAME = "class"   # ?photo=class: the class photo (the class's own ?class=CODE says which)


def photo_from_link(text: str) -> str:
    """?photo=<word> -> the picker's list entry (a sample's file, or the class photo); ValueError if unknown."""
    word = text.strip().lower()
    if word == CLASS_PHOTO_LINK_NAME:
        return CLASS_PHOTO
    for file, name in SAMPLE_LINK_NAMES.items():
        if name == word:
            return file
    raise ValueError(text)


def photo_link_name(choice: str) -> str:
    """The picker's list entry -> its word in a link (photo_from_link's inverse)."""
    return CLASS_PHOTO_LINK_NAME if choice == CLASS_PHOTO else SAMPLE_LINK_NAMES[choice]


def _class_choice(key: str):
    """The class photo this tab should offer (None: no class, or a notice says why not), with the list of choices;
    a kept choice the list no longer holds (the class photo expired) is dropped first."""
    from ui.classroom_link import bad_code_notice, class_photo, remember_class_code

    asked = st.session_state.get(f"{key}_sample")   # e.g. a link's ?photo=, read into the picker before the page ran
    code = remember_class_code()   # a class joined now puts every picker back on the class photo...
    if asked is not None and f"{key}_sample" not in st.session_state \
            and st.query_params.get("photo") == photo_link_name(asked):
        st.session_state[f"{key}_sample"] = asked   # ...unless the link names the photo: then that one
    bad_code_notice()
    photo = class_photo(code)
    if code is not None and photo is None:
        st.info(t("classroom.input.gone", code=code), icon=":material/event_busy:")
    options = ([CLASS_PHOTO] if photo else []) + list(SAMPLES)
    if st.session_state.get(f"{key}_sample") not in (*options, None):
        del st.session_state[f"{key}_sample"]
        if code is None:   # ?photo=class in a link without a class: the first sample, with the links' notice
            st.toast(t("url.bad", values=f"photo={CLASS_PHOTO_LINK_NAME}"), icon=":material/link_off:")
    return photo, options


def pick_image(key: str, show: bool = True) -> PickedImage | None:
    """Draw the picker (keys prefixed with `key`) and return the chosen picture, or None after a clear error."""
    photo, options = _class_choice(key)

    def name_of(choice: str) -> str:
        return t("classroom.input.option", code=photo.code) if choice == CLASS_PHOTO else t(SAMPLES[choice])

    with st.container(border=True):
        left, right = st.columns([3, 2])
        with left:
            upload = st.file_uploader(t("input.upload", mb=st.get_option("server.maxUploadSize")),
                                      type=list(ACCEPTED_EXTENSIONS), key=f"{key}_upload",
                                      help=t("input.upload.help"))
        with right:
            sample = st.selectbox(t("input.sample"), options, key=f"{key}_sample", format_func=name_of)
            use_camera = st.toggle(t("input.camera.toggle"), key=f"{key}_camera_on")
        shot = st.camera_input(t("input.camera"), key=f"{key}_camera") if use_camera else None
    from ui.url_state import publish

    publish()   # ?photo= names the list's choice now (a page may stop before app.py writes the address)

    picked = None
    try:
        if upload is not None:
            picked = PickedImage(load_image(upload.getvalue()), upload.name, "upload")
        elif shot is not None:
            picked = PickedImage(load_image(shot.getvalue()), t("input.camera.name"), "camera")
        elif sample == CLASS_PHOTO:
            picked = PickedImage(photo.image, photo.name, "class")
        else:
            picked = PickedImage(_sample(sample), t(SAMPLES[sample]), "sample")
    except ImageError as err:
        st.error(t("input.error", name=getattr(upload or shot, "name", ""), reason=err.message()))
        return None
    if picked.source in ("upload", "camera"):
        remember_upload(picked)
    if show:
        if picked.source == "class":
            st.caption(t("classroom.input.using", name=picked.name, code=photo.code,
                         w=picked.image.width, h=picked.image.height))
        else:
            st.caption(t(f"input.using.{picked.source}", name=picked.name,
                         w=picked.image.width, h=picked.image.height))
    return picked
