"""MobileNet v1 (Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision
Applications", arXiv 1704.04861, April 2017), built from the paper's Table 1.

torchvision ships MobileNet v2 and v3 but no v1, so the package builds it here to count it exactly.

Every layer after the first is a *depthwise separable* convolution: a 3x3 depthwise convolution (one 3x3
filter per channel, ``groups = channels``) followed by a 1x1 pointwise convolution that mixes the channels;
each is followed by BatchNorm and ReLU. Two knobs shrink the network:
* the width multiplier alpha scales every layer's channel count (cost and parameters fall roughly as alpha^2);
* the resolution multiplier rho scales the input picture, 224 * rho (cost falls as rho^2, parameters stay).
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import torch
from torch import nn

from .costs import Cost, conv_cost, linear_cost, trace_shapes
from .model import meta_device

INPUT_SIZE = 224
NUM_CLASSES = 1000
FIRST_CHANNELS = 32


class SeparableStep(NamedTuple):
    """One row pair of Table 1: a 3x3 depthwise conv with this stride, then a 1x1 conv to out_channels."""
    stride: int
    out_channels: int


# Table 1, after the first full 3x3 convolution (3 -> 32, stride 2). The paper prints the 13th depthwise
# layer as "Conv dw / s2" while its output stays 7x7: that is a misprint, it has stride 1 (as every released
# implementation, e.g. TF-slim's mobilenet_v1.py, builds it).
TABLE1: tuple[SeparableStep, ...] = (
    SeparableStep(1, 64),
    SeparableStep(2, 128), SeparableStep(1, 128),
    SeparableStep(2, 256), SeparableStep(1, 256),
    SeparableStep(2, 512), *[SeparableStep(1, 512)] * 5,
    SeparableStep(2, 1024), SeparableStep(1, 1024),
)

# The paper's Tables 6 and 7 (ImageNet top-1 accuracy %, million multiply-adds, million parameters), keyed by
# (alpha, input size). Source: Howard et al. 2017, arXiv 1704.04861v1, Table 6 (width) and Table 7 (resolution).
PAPER_RESULTS: dict[tuple[float, int], tuple[float, int, float]] = {
    (1.0, 224): (70.6, 569, 4.2),
    (0.75, 224): (68.4, 325, 2.6),
    (0.5, 224): (63.7, 149, 1.3),
    (0.25, 224): (50.6, 41, 0.5),
    (1.0, 192): (69.1, 418, 4.2),
    (1.0, 160): (67.2, 290, 4.2),
    (1.0, 128): (64.4, 186, 4.2),
}


def width(channels: int, alpha: float) -> int:
    """A layer's channel count under the width multiplier alpha (at least 1)."""
    return max(1, int(round(channels * alpha)))


def _conv_bn_relu(in_ch: int, out_ch: int, kernel: int, stride: int, groups: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, kernel, stride=stride, padding=kernel // 2, groups=groups, bias=False),
        nn.BatchNorm2d(out_ch),
        nn.ReLU(inplace=True),
    )


class MobileNetV1(nn.Module):
    """Table 1: a full 3x3 conv, 13 depthwise separable layers, global average pooling, one linear layer."""

    def __init__(self, alpha: float = 1.0, num_classes: int = NUM_CLASSES):
        super().__init__()
        if not alpha > 0:
            raise ValueError(f"the width multiplier must be positive, not {alpha}")
        self.alpha = alpha
        layers = [_conv_bn_relu(3, width(FIRST_CHANNELS, alpha), 3, 2)]
        channels = width(FIRST_CHANNELS, alpha)
        for step in TABLE1:
            out = width(step.out_channels, alpha)
            layers.append(nn.Sequential(
                _conv_bn_relu(channels, channels, 3, step.stride, groups=channels),  # depthwise
                _conv_bn_relu(channels, out, 1, 1),                                  # pointwise
            ))
            channels = out
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.avgpool(self.features(x)), 1))


def build(alpha: float = 1.0, device: str | torch.device = "meta") -> MobileNetV1:
    """The network on `device` (by default "meta": shapes only, for counting)."""
    with meta_device(device):
        return MobileNetV1(alpha).eval()


class MobileNetCost(NamedTuple):
    """Counted the way the paper counts: convolution weights and the classifier, multiply-adds of both.
    BatchNorm's scale and shift (which fold into the convolutions at inference) are reported apart."""
    params: int        # conv weights + fully connected weights and biases
    macs: int          # multiply-adds per image
    bn_params: int     # BatchNorm weight + bias, not in the paper's count
    conv_params: int
    fc_params: int


@lru_cache(maxsize=64)
def cost(alpha: float = 1.0, input_size: int = INPUT_SIZE) -> MobileNetCost:
    """Parameters and multiply-adds of MobileNet v1 at width multiplier alpha and an input_size picture,
    from each convolution's own settings and its output size (traced on the meta device)."""
    model = build(alpha)
    shapes = trace_shapes(model, input_size)   # (C, H, W) of every module
    conv = Cost(0, 0)
    for name, m in model.named_modules():
        if isinstance(m, nn.Conv2d):
            h, w = shapes[name][1:]
            k = m.kernel_size[0]
            # A depthwise conv (groups = channels) gives each output channel one k x k filter on one input channel.
            conv = conv + conv_cost(m.in_channels // m.groups, m.out_channels, k, h, w)
    fc = linear_cost(model.fc.in_features, model.fc.out_features)
    bn = sum(p.numel() for m in model.modules() if isinstance(m, nn.BatchNorm2d) for p in m.parameters())
    total = conv + fc
    return MobileNetCost(params=total.params, macs=total.macs, bn_params=bn, conv_params=conv.params,
                         fc_params=fc.params)


def resolution_multiplier(input_size: int) -> float:
    """rho: the input size as a fraction of 224."""
    return input_size / INPUT_SIZE


# The paper's Table 4: the same network with full 3x3 convolutions in place of each depthwise separable pair
# ("Conv MobileNet"): 71.7% top-1, 4866 million multiply-adds, 29.3 million parameters (Howard et al. 2017).
PAPER_FULL_CONV = (71.7, 4866, 29.3)


@lru_cache(maxsize=8)
def full_conv_cost(alpha: float = 1.0, input_size: int = INPUT_SIZE) -> Cost:
    """What the network would cost with a full 3x3 convolution (in -> out channels, same stride) wherever
    Table 1 has a depthwise separable pair: the comparison of the paper's Table 4."""
    size = (input_size + 2 - 3) // 2 + 1            # after the first 3x3 stride-2 conv (padding 1)
    channels = width(FIRST_CHANNELS, alpha)
    total = conv_cost(3, channels, 3, size, size)
    for step in TABLE1:
        size = (size + 2 - 3) // step.stride + 1
        out = width(step.out_channels, alpha)
        total = total + conv_cost(channels, out, 3, size, size)
        channels = out
    return total + linear_cost(channels, NUM_CLASSES)


class PaperRow(NamedTuple):
    """One configuration of the paper's Tables 6/7: counted here, and as published."""
    alpha: float
    input_size: int
    rho: float
    params: int
    macs: int
    paper_params_m: float
    paper_macs_m: int
    paper_top1: float


def paper_rows() -> list[PaperRow]:
    """Every configuration the paper reports, counted on the built network, beside the published numbers."""
    rows = []
    for (alpha, size), (top1, macs_m, params_m) in PAPER_RESULTS.items():
        c = cost(alpha, size)
        rows.append(PaperRow(alpha, size, resolution_multiplier(size), c.params, c.macs, params_m, macs_m, top1))
    return rows
