"""A network trained in the training lab on the explainer pages: how its blocks and branches are named, and the
digit it is shown.

The names come from the network itself (googlenet.network_anatomy): "inception2 (Inception)", "incep1
(InceptionA)", "Branch 2 · 1×1 conv → 3×3 conv". The digit is one of the test digits of the run's own data set
(chosen by a slider) or the user's picture prepared the way that data set's digits were (8×8 in 0..16, or
28×28 MNIST in 0..255: googlenet.lab_network.prepare_input).
"""
from __future__ import annotations

import hashlib
from typing import NamedTuple

import numpy as np
import streamlit as st

from googlenet.i18n import t
from googlenet.images import ACCEPTED_EXTENSIONS, ImageError, load_image
from googlenet.lab_network import dataset_of, digit_picture, max_value, prepare_input
from googlenet.network_anatomy import BlockAnatomy
from googlenet.viz import letterbox
from ui.training_runs import RunRecord, data_name

PICTURE_PX = 224        # the digit is enlarged (sharp pixels) to the size GoogLeNet's crop is shown at
UPLOAD_BOX = (224, 224)


# ----------------------------------------------------------------------------------------------- names
def lab_block_label(block: BlockAnatomy) -> str:
    """A block as its network's code names it, with its class: "inception2 (Inception)", "incep1 (InceptionA)"."""
    return t("fmaps.lab.block_label", name=block.name, kind=block.kind)


def steps_text(block: BlockAnatomy, part: str) -> str:
    """A branch's layers as the network has them, e.g. "1×1 conv → 5×5 conv"."""
    return t("fmaps.lab.step.sep").join(t(f"fmaps.lab.step.{s.kind}", k=s.kernel) for s in block.branch(part).steps)


def branch_number(block: BlockAnatomy, part: str) -> int:
    return [b.name for b in block.branches].index(part) + 1


def lab_branch_label(block: BlockAnatomy, part: str) -> str:
    """"Branch 2 · 1×1 conv → 3×3 conv"."""
    return t("fmaps.lab.branch", n=branch_number(block, part), ops=steps_text(block, part))


# ----------------------------------------------------------------------------------------------- the digit
class LabDigit(NamedTuple):
    digit: np.ndarray       # (S, S) float32 in the run's data set's scale: what the network takes
    key: str                # for caches and widget keys: the test digit's index or the upload's hash
    label: int | None       # the true digit of a test digit; None for an upload
    picture: np.ndarray     # the digit as a sharp RGB picture, PICTURE_PX wide: what maps are laid over


def _as_lab_digit(rec: RunRecord, digit: np.ndarray, key: str, label: int | None) -> LabDigit:
    digit = np.asarray(digit, np.float32)
    return LabDigit(digit, key, label, digit_picture(digit, max_value(rec.config), PICTURE_PX))


def pick_digit(rec: RunRecord, prefix: str) -> LabDigit | None:
    """A test digit of the run's own data set (slider) or an uploaded picture prepared like it; None after a
    picture that cannot be read (the reason is shown; the widgets above stay as they were)."""
    dataset = dataset_of(rec.config)
    source = st.radio(t("fmaps.digit.source"), ["test", "upload"], horizontal=True, key=f"{prefix}_lab_source",
                      format_func=lambda s: t(f"fmaps.digit.source.{s}"))
    if source == "test":
        data = rec.data
        n_test = data.sizes[1]
        index = st.slider(t("fmaps.digit.index", data=data_name(dataset), n=n_test), 0, n_test - 1, 0,
                          key=f"{prefix}_lab_index_{dataset}")
        return _as_lab_digit(rec, data.x_test[index, 0].numpy(), f"test{dataset}{index}", int(data.y_test[index]))
    upload = st.file_uploader(t("fmaps.digit.upload"), type=list(ACCEPTED_EXTENSIONS), key=f"{prefix}_lab_upload",
                              help=t(f"train.try.upload.help.{dataset}"))
    if upload is None:
        st.info(t("fmaps.digit.upload.none"))
        return None
    try:
        image = load_image(upload.getvalue())
    except ImageError as err:
        st.error(err.message())
        return None
    digit = prepare_input(rec.config, image)
    key = "upload" + hashlib.sha1(digit.tobytes()).hexdigest()[:16]
    st.image(letterbox(image, UPLOAD_BOX), caption=t("fmaps.digit.yours"), width=112)
    return _as_lab_digit(rec, digit, key, None)


def show_digit(rec: RunRecord, picked: LabDigit, where=st) -> None:
    """The digit as the network sees it, with what it is and how it was prepared."""
    side = picked.digit.shape[-1]
    seen, note = where.columns([1, 3], vertical_alignment="center")
    seen.image(picked.picture, width=112)
    if picked.label is not None:
        note.markdown(t("fmaps.digit.truth", label=picked.label))
    note.caption(t("fmaps.digit.seen", n=rec.number, size=side) if picked.label is not None
                 else t("fmaps.lab.input", n=rec.number, size=side))
    if not picked.digit.any():
        note.warning(t("fmaps.lab.empty"))
