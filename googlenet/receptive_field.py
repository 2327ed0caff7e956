"""Theoretical receptive fields, computed from the model's own layers.

For every stage of the main path we track three numbers (in 224x224 input pixels):

* ``rf``    – the receptive field: how many input pixels (per side) can influence one output unit;
* ``jump``  – the distance in input pixels between two neighbouring output units (the product of strides);
* ``start`` – the input pixel on which the first output unit (row 0 / column 0) is centred.

A layer with kernel k, stride s and padding p updates them as

    rf_out    = rf_in + (k - 1) * jump_in
    jump_out  = jump_in * s
    start_out = start_in + ((k - 1) / 2 - p) * jump_in

(ceil-mode pooling only adds one output at the far edge; it changes none of the three numbers).

An Inception block runs four branches side by side, each keeping the size (stride 1, "same" padding),
so jump and start stay; the block's field is that of its **widest branch** (the 5x5 branch in the paper,
3x3 in torchvision's variant — or the pool branch, whose 3x3 pool also widens the view by 2 steps).
The theoretical field is an upper bound: how much each of its pixels really matters depends on the weights
and the picture. ``effective_field`` measures it (the gradient of one unit with respect to every input pixel):
the influence is concentrated in the middle of the field, so the "effective" field is much smaller (Luo et al.,
"Understanding the Effective Receptive Field in Deep Convolutional Neural Networks", NIPS 2016).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np
import torch
from PIL import Image, ImageDraw
from torch import nn

from .blocks import ConvBlock, Inception
from .model import INPUT_SIZE, GoogLeNet, meta_model
from .runtime.hooks import temporary_hooks
from .viz import HEAT_CMAP, overlay

MIN_GRID_CELL = 8  # screen pixels: finer grids are not drawn (they would only grey the picture)


@dataclass(frozen=True)
class Field:
    """Receptive field numbers at the output of one stage."""
    stage: str
    rf: int          # receptive field side, input pixels
    jump: int        # distance between neighbouring output units, input pixels (= product of strides)
    start: float     # input pixel on which output unit (0, 0) is centred
    side: int        # output grid side (positions per row / column)
    widest_branches: tuple[str, ...] = ()  # Inception blocks: the branch(es) with the widest field (ties kept)


def _layers(module: nn.Module) -> list[tuple[int, int, int]]:
    """The (kernel, stride, padding) of every spatial layer of a sequential piece of the network."""
    if isinstance(module, nn.Conv2d):
        return [(module.kernel_size[0], module.stride[0], module.padding[0])]
    if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
        k, s, p = (module.kernel_size, module.stride, module.padding)
        as_int = lambda v: v if isinstance(v, int) else v[0]  # noqa: E731
        return [(as_int(k), as_int(s if s is not None else k), as_int(p))]
    if isinstance(module, ConvBlock):
        return _layers(module.conv)
    if isinstance(module, nn.Sequential):
        return [layer for child in module for layer in _layers(child)]
    return []  # ReLU, BatchNorm, LRN, dropout: point-wise, no change of field


def _apply(layers: Iterable[tuple[int, int, int]], rf: float, jump: float, start: float):
    for k, s, p in layers:
        rf = rf + (k - 1) * jump
        start = start + ((k - 1) / 2 - p) * jump
        jump = jump * s
    return rf, jump, start


def fields_of(model: GoogLeNet, input_size: int = INPUT_SIZE) -> dict[str, Field]:
    """Receptive field, jump and start at the output of every stage of `model`, in forward order."""
    rf, jump, start, side = 1.0, 1.0, 0.0, input_size
    out: dict[str, Field] = {}
    for name, module in model.stages():
        widest: tuple[str, ...] = ()
        if isinstance(module, Inception):
            grown = {f"branch{i}": _apply(_layers(b), rf, jump, start)[0] for i, b in enumerate(module.branches(), 1)}
            rf = max(grown.values())  # stride 1 and "same" padding everywhere: jump and start do not change
            widest = tuple(b for b, v in grown.items() if v == rf)
        else:
            layers = _layers(module)
            ceil = bool(getattr(module, "ceil_mode", False))
            for k, s, p in layers:
                side = _torch_out_side(side, k, s, p, ceil)
            rf, jump, start = _apply(layers, rf, jump, start)
        out[name] = Field(name, int(rf), int(jump), float(start), int(side), widest)
    return out


def _torch_out_side(side: int, k: int, s: int, p: int, ceil_mode: bool) -> int:
    """Output length of a conv / pool, by PyTorch's rule (including its ceil-mode correction)."""
    span = side + 2 * p - k
    out = (-(-span // s) if ceil_mode else span // s) + 1
    if ceil_mode and (out - 1) * s >= side + p:
        out -= 1
    return out


@lru_cache(maxsize=8)
def _fields(variant: str, input_size: int) -> dict[str, Field]:
    return fields_of(meta_model(variant), input_size)


def receptive_fields(variant: str = "torchvision", input_size: int = INPUT_SIZE) -> dict[str, Field]:
    """`fields_of` for a freshly built model of `variant` (cached): stage name -> Field."""
    return dict(_fields(variant, input_size))


def shown_stages(variant: str = "torchvision") -> list[str]:
    """The stages worth choosing from, in forward order: all but the LRNs (they mix channels, not pixels,
    so their field is the previous stage's)."""
    return [s for s in _fields(variant, INPUT_SIZE) if not s.startswith("lrn")]


def dots_drawn(field: Field, scale: int) -> bool:
    """Whether draw_field at `scale` marks every output unit with a dot (coarse enough grids only)."""
    return field.jump * scale >= MIN_GRID_CELL


def unit_field(stage: str, row: int, col: int, variant: str = "torchvision",
               input_size: int = INPUT_SIZE, clip: bool = True) -> tuple[float, float, float, float]:
    """The input box (x0, y0, x1, y1), in pixel-edge coordinates, that output unit (row, col) of `stage` sees.

    The unit is centred on input pixel start + index * jump and covers rf pixels per side; with
    clip=True the box is cut to the picture (units near the border see partly padding).
    """
    field = _fields(variant, input_size)[stage]
    if not (0 <= row < field.side and 0 <= col < field.side):
        raise IndexError(f"{stage} has a {field.side}x{field.side} grid; ({row}, {col}) is outside it")
    half = (field.rf - 1) / 2
    cx, cy = field.start + col * field.jump, field.start + row * field.jump
    box = (cx - half, cy - half, cx + half + 1, cy + half + 1)
    if clip:
        box = tuple(min(max(v, 0.0), float(input_size)) for v in box)
    return box  # type: ignore[return-value]


def crop_share(stage: str, row: int, col: int, variant: str = "torchvision", input_size: int = INPUT_SIZE) -> float:
    """The share of the input_size x input_size crop that lies inside unit (row, col)'s field (0..1).

    A field wider than the picture does not mean the unit sees all of it: a unit near the border has its
    field centred near the edge, so part of the field lies on the padding and part of the picture is out of reach.
    """
    x0, y0, x1, y1 = unit_field(stage, row, col, variant, input_size, clip=True)
    return (x1 - x0) * (y1 - y0) / input_size ** 2


def unit_centre(stage: str, row: int, col: int, variant: str = "torchvision",
                input_size: int = INPUT_SIZE) -> tuple[float, float]:
    """The centre (x, y) of unit (row, col)'s field, in pixel-edge coordinates."""
    field = _fields(variant, input_size)[stage]
    return field.start + col * field.jump + 0.5, field.start + row * field.jump + 0.5


def draw_field(image: Image.Image, stage: str, row: int, col: int, variant: str = "torchvision",
               scale: int = 2, dot_colour=(255, 255, 255, 200), box_colour=(230, 30, 30, 255)) -> Image.Image:
    """The 224x224 crop enlarged `scale` times, with the stage's output positions and one unit's field.

    Every output unit is a dot at the centre of its field (units are `jump` pixels apart; lattices denser
    than MIN_GRID_CELL screen pixels are left out). The chosen unit gets a yellow jump x jump square
    around its centre (its share of the picture), its field a red box (clipped to the picture).
    """
    field = _fields(variant, INPUT_SIZE)[stage]
    base = image.convert("RGB").resize((INPUT_SIZE * scale,) * 2, Image.Resampling.NEAREST).convert("RGBA")
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    step = field.jump * scale
    if dots_drawn(field, scale):
        r = max(1.0, step / 10)
        for i in range(field.side):
            for j in range(field.side):
                cx, cy = (v * scale for v in unit_centre(stage, i, j, variant))
                draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=dot_colour)
    cx, cy = (v * scale for v in unit_centre(stage, row, col, variant))
    half = step / 2
    draw.rectangle([cx - half, cy - half, cx + half - 1, cy + half - 1], fill=(255, 220, 0, 140))
    x0, y0, x1, y1 = (v * scale for v in unit_field(stage, row, col, variant))
    draw.rectangle([x0, y0, x1 - 1, y1 - 1], outline=box_colour, width=max(2, scale + 1))
    r = max(3, scale * 2)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=box_colour)
    return Image.alpha_composite(base, layer).convert("RGB")


# --------------------------------------------------------------------------------------------
# The effective field: measured, not counted
# --------------------------------------------------------------------------------------------

class _Reached(Exception):
    """Raised by the hook once the stage's output is captured: the rest of the network is not needed."""


def effective_field(model: nn.Module, batch: torch.Tensor, stage: str, row: int, col: int) -> np.ndarray:
    """How strongly each input pixel moves unit (row, col) of `stage`, for this picture: the gradient of the unit
    (its channels summed) with respect to every input value, its size summed over the colour channels.

    A (H, W) float32 map scaled to a maximum of 1 (all zeros if the unit does not respond). It is zero outside the
    theoretical field by construction; inside, it shows which of the field's pixels matter. Only this gradient is
    asked for (``torch.autograd.grad``): the shared model's parameters and their ``.grad`` are untouched.
    """
    if batch.dim() != 4 or batch.shape[0] != 1:
        raise ValueError(f"effective_field() takes a batch of one image; got shape {tuple(batch.shape)}")
    captured: dict[str, torch.Tensor] = {}

    def keep(_module, _inputs, output):
        captured["unit"] = output[0, :, row, col].sum()
        raise _Reached

    pixels = batch.detach().clone().requires_grad_(True)
    with temporary_hooks(model, {stage: keep}), torch.enable_grad():
        try:
            model(pixels)
        except _Reached:
            pass
        if "unit" not in captured:
            raise RuntimeError(f"the forward pass never reached {stage!r}")
        (gradient,) = torch.autograd.grad(captured.pop("unit"), pixels)
    strength = gradient[0].abs().sum(0)
    peak = float(strength.max())
    return (strength / peak if peak > 0 else strength).numpy().astype(np.float32)


def influence_square(strength: np.ndarray, centre: tuple[float, float], share: float) -> int:
    """The side (pixels) of the smallest square around `centre` = (x, y) that holds `share` of the map's total
    (cut at the picture's edge like the field itself)."""
    total = float(strength.sum())
    if total <= 0:
        return 0
    height, width = strength.shape
    cx, cy = int(centre[0]), int(centre[1])
    sums = np.pad(strength.astype(np.float64).cumsum(0).cumsum(1), ((1, 0), (1, 0)))   # integral image
    for half in range(max(height, width)):
        y0, y1 = max(cy - half, 0), min(cy + half + 1, height)
        x0, x1 = max(cx - half, 0), min(cx + half + 1, width)
        inside = sums[y1, x1] - sums[y0, x1] - sums[y1, x0] + sums[y0, x0]
        if inside >= share * total:
            return 2 * half + 1
    return 2 * max(height, width) + 1


SHARE_COLOURS = {0.5: (255, 220, 0), 0.9: (255, 255, 255)}   # the squares holding half / 90% of the influence


def draw_effective_field(image: Image.Image, strength: np.ndarray, stage: str, row: int, col: int,
                         scale: int = 2, box_colour=(230, 30, 30), bright_share: float = 0.01) -> Image.Image:
    """The crop with the measured influence laid over it, the theoretical field as a red box and the central
    squares that hold half (yellow) and 90% (white) of the influence, enlarged `scale` times like draw_field.

    The influence is drawn on a linear scale that reaches its brightest colour at the strongest `bright_share`
    of the field's pixels (a handful of spiky pixels would otherwise leave everything else dark).
    """
    inside = strength[strength > 0]
    top = float(np.quantile(inside, 1 - bright_share)) if inside.size else 1.0
    shown = np.clip(strength / (top if top > 0 else 1.0), 0, 1)
    picture = Image.fromarray(overlay(image, shown, opacity=0.85, cmap=HEAT_CMAP, stretch=False, by_strength=True))
    picture = picture.resize((INPUT_SIZE * scale,) * 2, Image.Resampling.NEAREST)
    draw = ImageDraw.Draw(picture)
    x0, y0, x1, y1 = (v * scale for v in unit_field(stage, row, col))
    draw.rectangle([x0, y0, x1 - 1, y1 - 1], outline=box_colour, width=max(2, scale + 1))
    cx, cy = unit_centre(stage, row, col)
    for share, colour in SHARE_COLOURS.items():
        half = influence_square(strength, (cx, cy), share) / 2
        left, top_, right, bottom = (min(max(v, 0.0), INPUT_SIZE) * scale
                                     for v in (int(cx) - half + 0.5, int(cy) - half + 0.5,
                                               int(cx) + half + 0.5, int(cy) + half + 0.5))
        draw.rectangle([left, top_, right - 1, bottom - 1], outline=colour, width=2)
    return picture
