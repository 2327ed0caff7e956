"""The real evidence beside the idealised picture: the patches of real photos that excite a channel most.

Every photo goes through the network once (preprocessed as for classification: 224 x 224 centre crop); the
channel's feature map (after its ReLU, as the network passes it on) says how strongly each position responds.
The strongest positions, over all photos, are cut out of the crop with the position's receptive field
(googlenet.receptive_field.unit_field: the input pixels that unit can see, cut to the picture). Deep blocks see
fields larger than the picture, so their "patch" is most of the photo: the position still says where it looked.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image
from torch import nn

from ..features import capture_branches
from ..images import preprocessed_crop, to_batch
from ..receptive_field import receptive_fields, unit_centre, unit_field
from .truncated import Target


@dataclass(frozen=True)
class Patch:
    """One strong response: which photo, which position of the map, how strong, and the piece of the crop."""
    photo: int                                   # index into the photos given
    row: int
    col: int
    value: float                                 # the channel's activation there
    box: tuple[float, float, float, float]       # (x0, y0, x1, y1) in the 224 x 224 crop
    centre: tuple[float, float]                  # the centre of the unit's field, in the crop
    crop: Image.Image                            # the crop cut to the box


def channel_maps(model: nn.Module, photos: list[Image.Image], target: Target) -> np.ndarray:
    """The target channel's map (N, h, w) for every photo, from one guarded pass that stops after the block."""
    captured = capture_branches(model, to_batch(photos), [target.block])[target.block]
    return captured[target.part][:, target.channel].numpy()


def _peaks(heat: np.ndarray, count: int, gap: int) -> list[tuple[int, int]]:
    """Up to `count` positions of the largest values, each at least `gap` cells (Chebyshev) from the others."""
    order = np.argsort(-heat, axis=None, kind="stable")
    chosen: list[tuple[int, int]] = []
    for flat in order:
        row, col = divmod(int(flat), heat.shape[1])
        if all(max(abs(row - r), abs(col - c)) >= gap for r, c in chosen):
            chosen.append((row, col))
            if len(chosen) == count:
                break
    return chosen


def strongest_patches(model: nn.Module, photos: list[Image.Image], target: Target, k: int = 6,
                      per_photo: int = 2, variant: str = "torchvision") -> list[Patch]:
    """The `k` strongest responses of `target` over `photos` (at most `per_photo` from one photo, well apart),
    strongest first. Positions where the channel is silent (0) are never returned."""
    if not photos:
        return []
    return patches_from_maps(channel_maps(model, photos, target), photos, target, k, per_photo, variant)


def patches_from_maps(maps: np.ndarray, photos: list[Image.Image], target: Target, k: int = 6,
                      per_photo: int = 2, variant: str = "torchvision") -> list[Patch]:
    """``strongest_patches`` from maps already captured (N, h, w), one per photo."""
    field = receptive_fields(variant)[target.block]
    gap = max(1, field.side // 4)
    candidates = []
    for index, heat in enumerate(maps):
        for row, col in _peaks(heat, per_photo, gap):
            if heat[row, col] > 0:
                candidates.append((float(heat[row, col]), index, row, col))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
    crops = {}
    patches = []
    for value, index, row, col in candidates[:k]:
        if index not in crops:
            crops[index] = preprocessed_crop(photos[index])
        box = unit_field(target.block, row, col, variant)
        patches.append(Patch(index, row, col, value, box, unit_centre(target.block, row, col, variant),
                             crops[index].crop(tuple(int(round(v)) for v in box))))
    return patches
