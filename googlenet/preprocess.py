"""The road from a photo to the numbers GoogLeNet eats, one step at a time, with statistics at every step.

The steps are exactly those of ``googlenet.images.to_batch`` (torchvision's IMAGENET1K_V1 *evaluation* transform:
resize the short side to 256 with bilinear antialiasing, crop the centre 224x224, scale to [0, 1],
normalise with the ImageNet mean and std), followed by what the model itself does first
(``googlenet.model.transform_input``: back to [0, 1], then to [-1, 1], the scale of TF-slim's inception_v1,
which the weights were ported from).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Union

import numpy as np
import torch
from PIL import Image
from torchvision.transforms import functional as F

from .images import load_image, preprocessing
from .model import IMAGENET_MEAN, IMAGENET_STD, transform_input
from .viz import highlight_box, letterbox, stretch01

STEP_KEYS = ("original", "resize", "crop", "tensor", "normalise", "transform_input")
STEP_BOX = (336, 448)   # (height, width) of the box every step is shown in, whatever the picture's shape
CONTEXT_RATIO = 2.0     # the resize step shows at most this long a strip (x its short side) around the crop


@dataclass
class Step:
    """One stage of preprocessing: what it holds and its numbers.

    `data` is a PIL image for the picture steps and a (3, H, W) float tensor after "tensor".
    `shape` is (H, W, 3) for pictures (values 0..255) and (3, H, W) for tensors.
    """
    name_key: str
    data: Union[Image.Image, torch.Tensor]
    shape: tuple[int, ...]
    min: float
    max: float
    mean: tuple[float, float, float]   # per channel R, G, B
    std: tuple[float, float, float]

    @property
    def is_tensor(self) -> bool:
        return isinstance(self.data, torch.Tensor)


def _stats(name_key: str, data) -> Step:
    if not isinstance(data, torch.Tensor):
        return _picture_stats(name_key, data)
    per_channel = data.detach().to(torch.float64).reshape(data.shape[0], -1)
    mean = tuple(float(v) for v in per_channel.mean(dim=1))
    std = tuple(float(v) for v in per_channel.std(dim=1, unbiased=False))
    return Step(name_key, data, tuple(data.shape), float(per_channel.min()), float(per_channel.max()),
                mean, std)  # type: ignore[arg-type]


def _picture_stats(name_key: str, image: Image.Image) -> Step:
    """Exact statistics of an 8-bit RGB picture from its per-channel histograms: no float copy of the
    pixels (a resized hair-thin strip can hold 40 million of them)."""
    levels = np.arange(256, dtype=np.float64)
    counts = np.asarray(image.histogram(), dtype=np.float64).reshape(3, 256)
    n = counts[0].sum()
    mean = counts @ levels / n
    std = np.sqrt(np.maximum(counts @ levels ** 2 / n - mean ** 2, 0.0))
    used = np.nonzero(counts.sum(axis=0))[0]
    return Step(name_key, image, (image.height, image.width, 3), float(used.min()), float(used.max()),
                tuple(float(v) for v in mean), tuple(float(v) for v in std))  # type: ignore[arg-type]


def preprocessing_steps(image) -> list[Step]:
    """Every step from the picture (EXIF orientation already applied) to the network's input, with numbers.

    `image` may be a PIL image or anything ``googlenet.images.load_image`` accepts (bytes, a path...).
    The "normalise" step's tensor equals ``to_batch(image)[0]`` exactly; "transform_input" equals what the
    model computes from it before its first convolution.
    """
    original = load_image(image)  # EXIF fix, any pixel mode -> 8-bit RGB (a copy: the caller's image is untouched)
    settings = preprocessing()
    resized = F.resize(original, settings.resize_size, interpolation=settings.interpolation,
                       antialias=settings.antialias)
    cropped = F.center_crop(resized, settings.crop_size)
    tensor = F.convert_image_dtype(F.pil_to_tensor(cropped), torch.float)
    normalised = F.normalize(tensor, mean=settings.mean, std=settings.std)
    remapped = transform_input(normalised.unsqueeze(0))[0]
    return [_stats(key, data) for key, data in zip(
        STEP_KEYS, (original, resized, cropped, tensor, normalised, remapped))]


def display_image(step: Step) -> Image.Image:
    """A picture of the step. Tensors are stretched from their own min..max to black..white (all channels
    alike), so a change of colour balance — the per-channel normalisation — stays visible."""
    if not step.is_tensor:
        return step.data  # type: ignore[return-value]
    scaled = stretch01(step.data.detach().to(torch.float32).permute(1, 2, 0).numpy())
    return Image.fromarray(np.rint(scaled * 255).astype(np.uint8), mode="RGB")


def denormalise(x: torch.Tensor) -> torch.Tensor:
    """Undo the ImageNet normalisation of a (3, H, W) or (N, 3, H, W) tensor: back to [0, 1]."""
    shape = (3, 1, 1) if x.dim() == 3 else (1, 3, 1, 1)
    return x * x.new_tensor(IMAGENET_STD).view(shape) + x.new_tensor(IMAGENET_MEAN).view(shape)


def centre_crop_box(width: int, height: int, crop: int | None = None) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the centre crop that step 3 cuts from a width x height picture
    (torchvision's rounding, so cutting this box out gives exactly the crop step)."""
    crop = crop or preprocessing().crop_size[0]
    left, top = int(round((width - crop) / 2.0)), int(round((height - crop) / 2.0))
    return left, top, left + crop, top + crop


def outline_crop(image: Image.Image, colour=(255, 235, 0), width: int = 3,
                 box: tuple[int, int, int, int] | None = None) -> Image.Image:
    """A copy of the resized picture with the centre crop (or `box`) drawn as a rectangle and the rest dimmed."""
    return highlight_box(image, box or centre_crop_box(*image.size), colour, width)


def around_crop(resized: Image.Image, ratio: float = CONTEXT_RATIO) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """The part of the resized picture around the centre crop, at most `ratio` times as long as it is wide,
    and the crop's box inside that part. A photo comes back whole; a long strip (10x3000 resizes to
    256x76,800) is cut to its middle, so the crop stays visible on screen."""
    w, h = resized.size
    left, top, right, bottom = centre_crop_box(w, h)
    keep_w, keep_h = min(w, round(ratio * h)), min(h, round(ratio * w))
    x0, y0 = left - (keep_w - (right - left)) // 2, top - (keep_h - (bottom - top)) // 2
    x0, y0 = min(max(x0, 0), w - keep_w), min(max(y0, 0), h - keep_h)
    part = resized if (keep_w, keep_h) == (w, h) else resized.crop((x0, y0, x0 + keep_w, y0 + keep_h))
    return part, (left - x0, top - y0, right - x0, bottom - y0)


class Numbers(NamedTuple):
    """One step's row of the numbers table, formatted (pictures count 0..255, tensors 0..1 or so)."""
    shape: str
    value_range: str
    mean: str
    std: str


def numbers(step: Step) -> Numbers:
    digits = 3 if step.is_tensor else 1
    per_channel = lambda values: ", ".join(f"{v:.{digits}f}" for v in values)  # noqa: E731
    value_range = (f"{step.min:.3f} … {step.max:.3f}" if step.is_tensor else f"{step.min:.0f} … {step.max:.0f}")
    return Numbers("×".join(str(n) for n in step.shape), value_range, per_channel(step.mean), per_channel(step.std))


@dataclass
class StepView:
    """What the preprocessing inspector shows of one step: small enough to cache, whatever the picture."""
    name_key: str
    picture: np.ndarray         # uint8 (height, width, 3): exactly the box asked for (letterboxed)
    size: tuple[int, int]       # (width, height) of the step itself
    partial: bool               # only the middle of the step is shown (a long strip around the crop)
    numbers: Numbers
    tensor: Step | None         # the tensor steps, for the value histograms; None for the picture steps


def step_picture(step: Step, box: tuple[int, int] = STEP_BOX) -> tuple[np.ndarray, bool]:
    """(picture of `step` letterboxed into `box`, whether only part of it is shown). The resize step shows
    where the centre crop is cut (the rest dimmed), around the crop only when the picture is a long strip."""
    if step.name_key == "resize":
        part, crop_box = around_crop(step.data)  # type: ignore[arg-type]
        shown = letterbox(outline_crop(part, box=crop_box), box)
        return np.asarray(shown), part.size != step.data.size  # type: ignore[union-attr]
    return np.asarray(letterbox(display_image(step), box)), False


def step_views(image, box: tuple[int, int] = STEP_BOX) -> list[StepView]:
    """Every step of `preprocessing_steps(image)` ready for the screen: a box-sized picture, its numbers."""
    views = []
    for step in preprocessing_steps(image):
        picture, partial = step_picture(step, box)
        h, w = step.shape[1:] if step.is_tensor else step.shape[:2]
        views.append(StepView(step.name_key, picture, (w, h), partial, numbers(step),
                              step if step.is_tensor else None))
    return views
