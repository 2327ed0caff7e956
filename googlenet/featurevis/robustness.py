"""Transformation robustness: the picture is moved, scaled and turned a little before every step.

A pattern that excites a channel only at one exact pixel offset is an artefact of the optimiser, not something the
channel looks for. Olah et al. ("Feature Visualization", Distill 2017, "Transformation robustness") therefore
jitter, scale and rotate the picture randomly at every optimisation step; what survives is what the channel
responds to wherever it appears. Lucid's ``standard_transforms`` (lucid/optvis/transform.py) are, in order:
pad by 12 px with grey (0.5), jitter by up to 8 px, scale by one of 1 + (i - 5) / 50 for i = 0..10 (0.9 .. 1.1),
rotate by one of -10 .. 10 degrees (0 weighted five extra times), jitter by up to 4 px. The same steps here,
written with PyTorch's affine_grid / grid_sample so that the gradient flows back through them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

SCALES = tuple(1 + (i - 5) / 50 for i in range(11))          # 0.90 .. 1.10
ANGLES = tuple(range(-10, 11)) + (0,) * 5                    # degrees; no rotation a little more often


@dataclass(frozen=True)
class Robustness:
    """The amounts of Lucid's standard transforms (pixels for a 224-pixel picture; scaled to the picture's size)."""
    pad: int = 12
    jitter: int = 8
    late_jitter: int = 4
    scales: tuple[float, ...] = SCALES
    angles: tuple[int, ...] = ANGLES

    def for_size(self, size: int, reference: int = 224) -> "Robustness":
        """The same transforms for a size x size picture (a 128-pixel picture moves 128/224 as many pixels)."""
        f = size / reference
        return Robustness(max(1, round(self.pad * f)), max(1, round(self.jitter * f)),
                          max(1, round(self.late_jitter * f)), self.scales, self.angles)


NONE = Robustness(0, 0, 0, (1.0,), (0,))   # no transforms at all (for comparisons and exact tests)


def _choice(options, generator: torch.Generator):
    return options[int(torch.randint(len(options), (1,), generator=generator))]


def jitter(x: torch.Tensor, d: int, generator: torch.Generator) -> torch.Tensor:
    """A random crop that is d pixels smaller on each axis: the picture shifts by 0..d pixels."""
    if d <= 0:
        return x
    dy, dx = (int(v) for v in torch.randint(d + 1, (2,), generator=generator))
    return x[..., dy:x.shape[-2] - d + dy, dx:x.shape[-1] - d + dx]


def scale_and_rotate(x: torch.Tensor, scale: float, degrees: float) -> torch.Tensor:
    """Zoom by `scale` and turn by `degrees` about the centre (bilinear; the size stays; grey where nothing
    comes in)."""
    if scale == 1.0 and degrees == 0:
        return x
    a = math.radians(degrees)
    # affine_grid maps output coordinates to input ones: the inverse of the zoom and the turn.
    cos, sin = math.cos(a) / scale, math.sin(a) / scale
    theta = x.new_tensor([[cos, -sin, 0.0], [sin, cos, 0.0]]).expand(x.shape[0], 2, 3)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x - 0.5, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + 0.5


def robust_view(x: torch.Tensor, amounts: Robustness, generator: torch.Generator) -> torch.Tensor:
    """One random view of the pictures (N, 3, H, W) in [0, 1]: pad, jitter, scale, rotate, jitter."""
    if amounts.pad > 0:
        x = F.pad(x, [amounts.pad] * 4, value=0.5)
    x = jitter(x, amounts.jitter, generator)
    x = scale_and_rotate(x, _choice(amounts.scales, generator), _choice(amounts.angles, generator))
    return jitter(x, amounts.late_jitter, generator)
