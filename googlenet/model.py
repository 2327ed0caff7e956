"""GoogLeNet (Inception v1) built from one table of channel numbers.

Two variants:
* ``"torchvision"`` – what torchvision ships: the layout of TF-slim's inception_v1, whose ImageNet weights
  torchvision ported: BatchNorm (eps 0.001) after every conv, 3x3 convs in branch 3, ceil-mode max pools,
  a 2x2 pool before 5a, dropout 0.2.
* ``"paper"`` – "Going Deeper with Convolutions" (Szegedy et al. 2014): conv + ReLU with biases,
  Local Response Normalisation in the stem, 5x5 convs in branch 3, 3x3/2 max pools throughout.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator, NamedTuple

import torch
from torch import nn

from .blocks import AuxClassifier, ConvBlock, Inception

VARIANTS = ("torchvision", "paper")


# The four parallel branches of every Inception block, in the order they are concatenated.
BRANCHES = ("branch1", "branch2", "branch3", "branch4")


class InceptionSpec(NamedTuple):
    """Channel numbers of one Inception block (the columns of the paper's Table 1)."""
    in_channels: int
    n1x1: int
    n3x3_reduce: int
    n3x3: int
    n5x5_reduce: int
    n5x5: int
    pool_proj: int

    def branch_widths(self, bottleneck: bool = True) -> dict[str, int]:
        """Output channels of each branch. Without the 1x1 reductions ("naive" module) the pool branch has
        no projection: the pooled input passes straight through with all its channels."""
        return {"branch1": self.n1x1, "branch2": self.n3x3, "branch3": self.n5x5,
                "branch4": self.pool_proj if bottleneck else self.in_channels}

    def branch_slices(self, bottleneck: bool = True) -> dict[str, slice]:
        """The channels each branch occupies in the concatenated output, e.g. inception3a: branch1 -> 0:64."""
        slices, start = {}, 0
        for branch, width in self.branch_widths(bottleneck).items():
            slices[branch] = slice(start, start + width)
            start += width
        return slices

    @property
    def out_channels(self) -> int:
        return sum(self.branch_widths().values())


# Paper Table 1. Each block's input is the previous block's output: 256 = 64+128+32+32, and so on.
INCEPTION_CONFIG: dict[str, InceptionSpec] = {
    "inception3a": InceptionSpec(192, 64, 96, 128, 16, 32, 32),
    "inception3b": InceptionSpec(256, 128, 128, 192, 32, 96, 64),
    "inception4a": InceptionSpec(480, 192, 96, 208, 16, 48, 64),
    "inception4b": InceptionSpec(512, 160, 112, 224, 24, 64, 64),
    "inception4c": InceptionSpec(512, 128, 128, 256, 24, 64, 64),
    "inception4d": InceptionSpec(512, 112, 144, 288, 32, 64, 64),
    "inception4e": InceptionSpec(528, 256, 160, 320, 32, 128, 128),
    "inception5a": InceptionSpec(832, 256, 160, 320, 32, 128, 128),
    "inception5b": InceptionSpec(832, 384, 192, 384, 48, 128, 128),
}

BLOCKS = tuple(INCEPTION_CONFIG)          # inception3a .. inception5b
INPUT_SIZE = 224                          # the paper's input, 224 x 224 x 3 (and the pretrained weights' crop)
STEM = ("conv1", "conv2", "conv3")        # the plain convolutions before the first block



def short_name(block: str) -> str:
    """"inception4c" -> "4c": how the paper's Table 1 names a block."""
    return block.removeprefix("inception")


# Where the auxiliary classifiers listen (their input channels come from the table above).
AUX_TAPS = {"aux1": "inception4a", "aux2": "inception4d"}

# The order in which the forward pass visits the network's top-level modules.
# lrn1 / lrn2 exist only in the paper variant and are skipped when absent.
STAGE_ORDER = (
    "conv1", "maxpool1", "lrn1", "conv2", "conv3", "lrn2", "maxpool2",
    "inception3a", "inception3b", "maxpool3",
    "inception4a", "inception4b", "inception4c", "inception4d", "inception4e", "maxpool4",
    "inception5a", "inception5b",
)

# Local Response Normalisation: n = 5, alpha = 1e-4, beta = 0.75 as in the BVLC Caffe GoogLeNet model. The
# GoogLeNet paper gives no values; k = 2 is AlexNet's (Krizhevsky 2012). Caffe's GoogLeNet sets no k, so it
# runs with Caffe's default k = 1 (caffe.proto, LRNParameter).
LRN_SETTINGS = dict(size=5, alpha=1e-4, beta=0.75, k=2.0)

# ImageNet normalisation constants (torchvision's IMAGENET1K_V1 transform).
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def transform_input(x: torch.Tensor) -> torch.Tensor:
    """An ImageNet-normalised batch (N, 3, H, W) re-mapped to the [-1, 1] pixel scale of TF-slim's
    inception_v1, which torchvision's GoogLeNet weights were ported from.

    x * std + mean undoes the normalisation (back to [0, 1]); (... - 0.5) / 0.5 maps [0, 1] to [-1, 1].
    torchvision's GoogLeNet does this as its first step when ``transform_input=True`` (its pretrained default).
    """
    std = x.new_tensor(IMAGENET_STD).view(1, 3, 1, 1)
    mean = x.new_tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    return (x * std + mean - 0.5) / 0.5


class GoogLeNetOutputs(NamedTuple):
    """Train-mode output with auxiliary heads, in torchvision's order."""
    logits: torch.Tensor
    aux_logits2: torch.Tensor | None
    aux_logits1: torch.Tensor | None


class GoogLeNet(nn.Module):
    """GoogLeNet: a stem of plain convs, nine Inception blocks, global average pooling, one linear layer.

    eval(): returns logits (N, num_classes).
    train() with aux_logits=True: returns (logits, aux2, aux1), like torchvision.
    """

    def __init__(self, num_classes: int = 1000, aux_logits: bool = True, variant: str = "torchvision",
                 init_weights: bool = True, transform_input: bool = False, dropout: float | None = None,
                 dropout_aux: float = 0.7):
        super().__init__()
        if variant not in VARIANTS:
            raise ValueError(f"variant must be one of {VARIANTS}, not {variant!r}")
        self.variant = variant
        self.aux_logits = aux_logits
        self.transform_input = transform_input
        paper = variant == "paper"
        bn = not paper

        def pool(kernel: int = 3) -> nn.MaxPool2d:
            # 3x3/2 max pools halve the size: 112 -> 56 -> 28 -> 14 -> 7. torchvision gets there with
            # ceil_mode=True (and a 2x2 pool before 5a); the paper variant pads by 1 instead.
            if paper:
                return nn.MaxPool2d(3, stride=2, padding=1)
            return nn.MaxPool2d(kernel, stride=2, ceil_mode=True)

        # Stem: plain convolutions shrink 224x224x3 to 28x28x192 before any Inception block.
        self.conv1 = ConvBlock(3, 64, batch_norm=bn, kernel_size=7, stride=2, padding=3)
        self.maxpool1 = pool()
        self.lrn1 = nn.LocalResponseNorm(**LRN_SETTINGS) if paper else None
        self.conv2 = ConvBlock(64, 64, batch_norm=bn, kernel_size=1)
        self.conv3 = ConvBlock(64, 192, batch_norm=bn, kernel_size=3, padding=1)
        self.lrn2 = nn.LocalResponseNorm(**LRN_SETTINGS) if paper else None
        self.maxpool2 = pool()

        # Nine Inception blocks, all built from the same table.
        for name, spec in INCEPTION_CONFIG.items():
            setattr(self, name, Inception(*spec, batch_norm=bn, kernel5=5 if paper else 3, ceil_mode=not paper))
        self.maxpool3 = pool()
        self.maxpool4 = pool(kernel=2)

        if aux_logits:
            for aux_name, tap in AUX_TAPS.items():
                setattr(self, aux_name, AuxClassifier(INCEPTION_CONFIG[tap].out_channels, num_classes,
                                                      batch_norm=bn, dropout=dropout_aux, paper_pool=paper))
        else:
            self.aux1 = self.aux2 = None

        # Global average pooling: 7x7x1024 -> 1024 numbers per image, then a single linear layer.
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(p=dropout if dropout is not None else (0.4 if paper else 0.2))
        self.fc = nn.Linear(INCEPTION_CONFIG["inception5b"].out_channels, num_classes)

        if init_weights:
            self._init_weights()

    def _init_weights(self) -> None:
        # Same scheme as torchvision: small truncated-normal weights, BatchNorm starting as identity.
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.trunc_normal_(m.weight, mean=0.0, std=0.01, a=-2, b=2)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def stages(self) -> list[tuple[str, nn.Module]]:
        """The top-level modules in forward order, as (name, module) pairs (LRN only in the paper variant)."""
        return [(name, getattr(self, name)) for name in STAGE_ORDER if getattr(self, name, None) is not None]

    def forward(self, x: torch.Tensor):
        # The shapes are those of a 224 x 224 input; N = images in the batch.
        if self.transform_input:
            x = transform_input(x)       # N x 3 x 224 x 224
        x = self.conv1(x)                # N x 64 x 112 x 112
        x = self.maxpool1(x)             # N x 64 x 56 x 56
        if self.lrn1 is not None:
            x = self.lrn1(x)             # N x 64 x 56 x 56
        x = self.conv2(x)                # N x 64 x 56 x 56
        x = self.conv3(x)                # N x 192 x 56 x 56
        if self.lrn2 is not None:
            x = self.lrn2(x)             # N x 192 x 56 x 56
        x = self.maxpool2(x)             # N x 192 x 28 x 28

        x = self.inception3a(x)          # N x 256 x 28 x 28
        x = self.inception3b(x)          # N x 480 x 28 x 28
        x = self.maxpool3(x)             # N x 480 x 14 x 14

        x = self.inception4a(x)          # N x 512 x 14 x 14
        aux1 = self.aux1(x) if self.aux1 is not None and self.training else None   # N x num_classes
        x = self.inception4b(x)          # N x 512 x 14 x 14
        x = self.inception4c(x)          # N x 512 x 14 x 14
        x = self.inception4d(x)          # N x 528 x 14 x 14
        aux2 = self.aux2(x) if self.aux2 is not None and self.training else None   # N x num_classes
        x = self.inception4e(x)          # N x 832 x 14 x 14
        x = self.maxpool4(x)             # N x 832 x 7 x 7

        x = self.inception5a(x)          # N x 832 x 7 x 7
        x = self.inception5b(x)          # N x 1024 x 7 x 7

        x = self.avgpool(x)              # N x 1024 x 1 x 1
        x = torch.flatten(x, 1)          # N x 1024
        x = self.dropout(x)
        logits = self.fc(x)              # N x num_classes
        if self.training and self.aux_logits:
            return GoogLeNetOutputs(logits, aux2, aux1)
        return logits


def he_init(model: nn.Module, generator: torch.Generator | None = None) -> nn.Module:
    """Random weights that keep the signal alive through all 22 layers (He et al. 2015), in place.

    torchvision's small init (std 0.01) is meant to be followed by training: in an untrained network in
    eval mode it shrinks the activations layer after layer, until every logit is ~1e-13 and every class
    sits at 0.1%. For an untrained stand-in whose feature maps and predictions still react to the image,
    scale each layer so the variance of its output matches its input (ReLU halves it: hence gain 2).
    """
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu", generator=generator)
        elif isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=m.in_features ** -0.5, generator=generator)
    return model


# ---------------------------------------------------------------------------------------------
# Shape-only models on PyTorch's "meta" device: every layer and shape, no memory, no arithmetic.
# Building them is serialised: two threads building meta modules for the first time at once have
# crashed inside PyTorch's lazy operator registration ("schema not registered yet").
_META_LOCK = threading.RLock()


@contextmanager
def meta_device(device: str | torch.device = "meta") -> Iterator[None]:
    """Create modules on `device` (by default "meta"), one thread at a time."""
    with _META_LOCK, torch.device(device):
        yield


def meta_model(variant: str = "paper") -> GoogLeNet:
    """A GoogLeNet (no aux heads) on the meta device, in eval mode: for shapes and counts only."""
    with meta_device():
        return GoogLeNet(variant=variant, aux_logits=False, init_weights=False).eval()
