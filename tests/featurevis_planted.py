"""Networks with a planted detector: one channel of one branch responds to a known pattern; everything else is 0.

The pattern sits in conv1's channel 0; conv2, conv3 and the target branch's convolutions pass channel 0 straight
on (a 1 at the kernel's centre), so the target channel computes ReLU(pattern filter * picture), pooled. BatchNorm
keeps its identity statistics (mean 0, variance 1): x / sqrt(1 + 0.001), the same sign everywhere.
"""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from googlenet.model import GoogLeNet


def gabor(angle_deg: float, period: float = 8.0, size: int = 7) -> torch.Tensor:
    """A 7x7 oriented edge filter: a cosine grating across `angle_deg` (the direction it varies along) under a
    Gaussian, zero mean."""
    a = math.radians(angle_deg)
    r = torch.arange(size, dtype=torch.float32) - size // 2
    y, x = torch.meshgrid(r, r, indexing="ij")
    along = x * math.cos(a) + y * math.sin(a)
    w = torch.cos(2 * math.pi * along / period) * torch.exp(-(x * x + y * y) / (2 * 2.0 ** 2))
    return w - w.mean()


def _pass_channel_zero(conv: nn.Conv2d, out_channel: int = 0) -> None:
    k = conv.kernel_size[0]
    conv.weight[out_channel, 0, k // 2, k // 2] = 1.0


def planted_network(first_filter: torch.Tensor, block: str = "inception3a", branch: str = "branch1",
                    channel: int = 5) -> GoogLeNet:
    """GoogLeNet (torchvision variant, no input re-mapping) whose only live path is conv1's channel 0, with
    `first_filter` (3, 7, 7), to channel `channel` of `branch` of `block` (which must be inception3a)."""
    model = GoogLeNet(variant="torchvision", aux_logits=False, transform_input=False, init_weights=False).eval()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                m.weight.zero_()
        model.conv1.conv.weight[0] = first_filter
        _pass_channel_zero(model.conv2.conv)
        _pass_channel_zero(model.conv3.conv)
        convs = [m for m in getattr(getattr(model, block), branch).modules() if isinstance(m, nn.Conv2d)]
        for conv in convs[:-1]:
            _pass_channel_zero(conv)
        _pass_channel_zero(convs[-1], channel)
    return model


def edge_network(angle_deg: float, **kw) -> GoogLeNet:
    return planted_network(gabor(angle_deg).expand(3, 7, 7).clone(), **kw)


def colour_network(rgb: tuple[float, float, float], awake: bool = True, **kw) -> GoogLeNet:
    """A single-colour detector: + on the colour's channels, - on the others, flat over the 7x7 window.
    `awake`: a positive shift, so that it answers a grey picture too (else its ReLU would pass no gradient at the
    start of an optimisation); without it, grey gives exactly 0."""
    w = torch.tensor([1.0 if v > 0.5 else -1.0 for v in rgb]).view(3, 1, 1).expand(3, 7, 7) / 49
    model = planted_network(w.clone(), **kw)
    if awake:
        with torch.no_grad():
            model.conv1.bn.bias[0] = 1.0
    return model


def photo_with_square(size: int = 256, square: int = 24, at: tuple[int, int] = (60, 150),
                      colour=(230, 20, 20)) -> "np.ndarray":
    """A mid-grey photo with one coloured square whose top-left corner is `at` = (x, y)."""
    x = np.full((size, size, 3), 128, dtype=np.uint8)
    x[at[1]:at[1] + square, at[0]:at[0] + square] = colour
    return x
