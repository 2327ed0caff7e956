"""The road from a photo to the numbers GoogLeNet eats, one step at a time, with statistics at every step.

The steps are exactly those of ``googlenet.images.to_batch`` (torchvision's IMAGENET1K_V1 transform:
resize the short side to 256 with bilinear antialiasing, crop the centre 224x224, scale to [0, 1],
normalise with the ImageNet mean and std), followed by what the model itself does first
(``googlenet.model.transform_input``: back to [0, 1], then to [-1, 1], the scale the ported weights expect).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

import numpy as np
import torch
from PIL import Image, ImageDraw
from torchvision.transforms import functional as F

from .images import load_image, preprocessing
from .model import IMAGENET_MEAN, IMAGENET_STD, transform_input

STEP_KEYS = ("original", "resize", "crop", "tensor", "normalise", "transform_input")


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
    if isinstance(data, torch.Tensor):
        values = data.detach().to(torch.float64)
        shape = tuple(data.shape)
        per_channel = values.reshape(values.shape[0], -1)
    else:
        array = np.asarray(data, dtype=np.float64)  # (H, W, 3)
        shape = tuple(array.shape)
        per_channel = torch.from_numpy(array.reshape(-1, 3).T.copy())
    mean = tuple(float(v) for v in per_channel.mean(dim=1))
    std = tuple(float(v) for v in per_channel.std(dim=1, unbiased=False))
    return Step(name_key, data, shape, float(per_channel.min()), float(per_channel.max()), mean, std)  # type: ignore[arg-type]


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
    x = step.data.detach().to(torch.float32)
    lo, hi = float(x.min()), float(x.max())
    scaled = (x - lo) / (hi - lo) if hi > lo else torch.zeros_like(x)
    array = (scaled.clamp(0, 1) * 255).round().to(torch.uint8).permute(1, 2, 0).numpy()
    return Image.fromarray(array, mode="RGB")


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


def outline_crop(image: Image.Image, colour=(255, 235, 0), width: int = 3) -> Image.Image:
    """A copy of the resized picture with the centre crop drawn as a rectangle and the rest dimmed."""
    box = centre_crop_box(*image.size)
    dimmed = Image.blend(image.convert("RGB"), Image.new("RGB", image.size, (0, 0, 0)), 0.45)
    dimmed.paste(image.crop(box), box[:2])
    ImageDraw.Draw(dimmed).rectangle([box[0], box[1], box[2] - 1, box[3] - 1], outline=colour, width=width)
    return dimmed
