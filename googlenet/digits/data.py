"""Handwritten digits for the training lab: scikit-learn's ``load_digits`` (offline, ships with the package).

1,797 grey 8x8 pictures of the digits 0-9, each pixel a count 0..16. They come from the UCI "optdigits"
set: 43 people wrote digits on forms, each digit was scanned to a 32x32 black-and-white bitmap, and every
4x4 block of that bitmap was replaced by the number of its black pixels (0..16). No download happens:
the data file is inside the scikit-learn wheel.

``digit_from_image`` repeats that recipe on a picture a student uploads, so the network sees a digit in
the same form as the ones it was trained on.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import torch
from PIL import Image, ImageFilter

IMAGE_SIZE = 8          # the digits are 8x8 pixels ...
MAX_VALUE = 16.0        # ... each pixel a count of black pixels in a 4x4 block, 0..16
NUM_CLASSES = 10
TEST_FRACTION = 0.2     # 360 of the 1,797 digits are kept for testing
SPLIT_SEED = 0          # the split never changes: every run, every student, the same test set


@dataclass(frozen=True)
class DigitsData:
    """A fixed train/test split. Images are float tensors (N, 1, 8, 8) in the data set's 0..16 scale."""
    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor

    @property
    def sizes(self) -> tuple[int, int]:
        return len(self.y_train), len(self.y_test)


@lru_cache(maxsize=1)
def load_digits_split() -> DigitsData:
    """The digits with a fixed, stratified split (every class keeps its share in both halves)."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    images = digits.images.astype(np.float32)          # (1797, 8, 8), values 0..16
    labels = digits.target.astype(np.int64)
    x_tr, x_te, y_tr, y_te = train_test_split(images, labels, test_size=TEST_FRACTION,
                                              random_state=SPLIT_SEED, stratify=labels)
    as_x = lambda a: torch.from_numpy(np.ascontiguousarray(a)).unsqueeze(1)  # noqa: E731
    return DigitsData(as_x(x_tr), torch.from_numpy(y_tr), as_x(x_te), torch.from_numpy(y_te))


def subset(data: DigitsData, n_train: int, n_test: int | None = None) -> DigitsData:
    """The first n_train training digits (and n_test test digits): for quick tests."""
    n_test = len(data.y_test) if n_test is None else n_test
    return DigitsData(data.x_train[:n_train], data.y_train[:n_train], data.x_test[:n_test], data.y_test[:n_test])


# --------------------------------------------------------------------------------------------
# An uploaded picture -> an 8x8 digit in the 0..16 scale
# --------------------------------------------------------------------------------------------

def _ink(image: Image.Image) -> np.ndarray:
    """Grey levels -> "ink" in 0..1 (1 = pen). Light paper with a dark pen is inverted; a light digit
    on a dark background (like the data set's own pictures) is kept as it is."""
    grey = np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    if np.median(border) > 0.5:  # light background: the pen is the dark part
        grey = 1.0 - grey
    lo, hi = float(grey.min()), float(grey.max())
    if hi - lo < 1e-6:
        return np.zeros_like(grey)
    return (grey - lo) / (hi - lo)


def _mean_run(on: np.ndarray) -> float:
    """Average length of the horizontal runs of True in a boolean picture."""
    padded = np.pad(on, ((0, 0), (1, 1)))
    starts = np.count_nonzero(padded[:, 1:] & ~padded[:, :-1])
    return on.sum() / starts if starts else 0.0


def stroke_width(on: np.ndarray) -> float:
    """Rough pen width in pixels: the shorter of the mean horizontal and vertical runs of ink."""
    return min(_mean_run(on), _mean_run(on.T))


def digit_from_image(image: Image.Image) -> np.ndarray:
    """Any picture of one digit -> float32 (8, 8) array in 0..16, prepared like the optdigits forms:

    1. grey, inverted if the background is light (the data set has white-on-black digits);
    2. cropped to the ink and padded to a centred square (the forms' digits fill their box);
    3. scaled to a 32x32 black-and-white bitmap, strokes thickened a little if they are hair-thin;
    4. every 4x4 block replaced by its count of ink pixels (0..16).
    """
    ink = _ink(image)
    mask = ink > 0.5
    if not mask.any():
        return np.zeros((IMAGE_SIZE, IMAGE_SIZE), np.float32)
    rows, cols = np.nonzero(mask)
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    crop = ink[top:bottom, left:right]
    h, w = crop.shape
    side = max(h, w)
    square = np.zeros((side, side), np.float32)
    square[(side - h) // 2:(side - h) // 2 + h, (side - w) // 2:(side - w) // 2 + w] = crop
    grey = np.asarray(Image.fromarray(np.uint8(np.round(square * 255)), mode="L")
                      .resize((32, 32), Image.Resampling.BOX), dtype=np.float32) / 255.0
    on = grey > 0.35 * grey.max()
    for _ in range(3):  # a fine pen on a big photo leaves strokes thinner than the forms' 3-4 pixels
        if stroke_width(on) >= 3:
            break
        on = np.asarray(Image.fromarray(np.uint8(on) * 255, mode="L").filter(ImageFilter.MaxFilter(3))) > 0
    counts = on.reshape(IMAGE_SIZE, 4, IMAGE_SIZE, 4).sum(axis=(1, 3))
    return counts.astype(np.float32)


def digit_to_picture(digit: np.ndarray | torch.Tensor, scale: int = 24) -> Image.Image:
    """An 8x8 digit (0..16) as a big, sharp greyscale picture for the screen (white ink on black)."""
    values = np.asarray(digit, dtype=np.float32).reshape(IMAGE_SIZE, IMAGE_SIZE)
    grey = np.uint8(np.clip(np.round(values / MAX_VALUE * 255), 0, 255))
    return Image.fromarray(grey, mode="L").resize((IMAGE_SIZE * scale,) * 2, Image.Resampling.NEAREST)
