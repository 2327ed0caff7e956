"""The networks the pages share: loaded once per server process (st.cache_resource), used by every session.

Shared models are only ever *read* (inference); anything that temporarily changes a module, such as a
forward hook, must happen inside googlenet's guarded helpers so sessions never see each other's hooks.

Both shared networks are the fast inference version (googlenet.runtime.fast: BatchNorm folded into the convs,
channels-last memory, fused conv+ReLU; same modules and names, so hooks work). Their forward takes the
model's lock, so concurrent sessions run one pass at a time, with the thread count googlenet.runtime.serving chose.
Plain classification may use the pretrained model's bfloat16 copy instead, once googlenet.runtime.precision
has checked (in the background, once per process) that it gives the same answers.
"""
from __future__ import annotations

import streamlit as st
import torch

from googlenet.runtime.fast import optimize_for_inference
from googlenet.runtime.precision import Precision, precision_for
from googlenet.i18n import t
from googlenet.model import GoogLeNet, he_init
from googlenet.runtime.serving import configure_threads
from googlenet.weights import FETCH_COMMAND, WeightsUnavailable, load_pretrained, weights_path


@st.cache_resource(show_spinner=False, max_entries=2)
def _pretrained(path: str, mtime: float) -> GoogLeNet:
    # Keyed on the file's path and modification time: replacing the file loads the new weights.
    configure_threads()
    return optimize_for_inference(load_pretrained(path, download=False), inplace=True)


@st.cache_resource(show_spinner=False)
def untrained_model(seed: int = 0) -> GoogLeNet:
    """The torchvision variant with random (seeded, He-initialised) weights: the stand-in when no weights exist.

    He initialisation keeps the activations alive through all 22 layers, so the maps still react to the
    picture (torchvision's small init would fade them to ~1e-12 by the last blocks).
    """
    configure_threads()
    torch.manual_seed(seed)
    model = he_init(GoogLeNet(variant="torchvision", aux_logits=False, transform_input=True)).eval()
    return optimize_for_inference(model, inplace=True)


def pretrained_model(show_problems: bool = True) -> GoogLeNet | None:
    """The ImageNet-trained model, or None (after telling the user why and what to run) when unavailable."""
    path = weights_path()
    if path is None:
        if show_problems:
            weights_missing_notice()
        return None
    try:
        with st.spinner(t("models.loading")):
            return _pretrained(str(path), path.stat().st_mtime)
    except WeightsUnavailable as err:
        if show_problems:
            st.error(err.message())
            st.code(FETCH_COMMAND, language="bash")
        return None


def classification_model() -> tuple[GoogLeNet, Precision] | None:
    """(model, precision) for plain classification: the checked bfloat16 copy where the check passed,
    else the float32 model itself (googlenet.runtime.precision); None, after a notice, without weights.

    The first call in a process starts the check in the background (a few seconds of both networks on
    200 pictures): on the first classification, not when any page loads the model, so the other pages'
    first visits do not share the cores with it. Until it has passed, classification runs in float32.
    """
    model = pretrained_model()
    if model is None:
        return None
    precision = precision_for(model)   # process-wide: one check per model
    return precision.model(), precision


def model_for_pictures() -> tuple[GoogLeNet, bool]:
    """(model, is_pretrained): the pretrained model when present, else the untrained stand-in with a banner."""
    model = pretrained_model(show_problems=False)
    if model is not None:
        return model, True
    st.info(t("models.untrained_banner"))
    st.code(FETCH_COMMAND, language="bash")
    return untrained_model(), False


def weights_missing_notice() -> None:
    st.warning(t("models.weights_missing"))
    st.code(FETCH_COMMAND, language="bash")
