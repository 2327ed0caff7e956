"""The training lab's networks for the 8x8 digits and for 28x28 MNIST (see ``googlenet.digits`` for the presets).

* :class:`DigitsGoogLeNet` - GoogLeNet in miniature: a conv stem, ``depth`` Inception blocks built from the
  very same :class:`googlenet.blocks.Inception` class as the full network, global average pooling and one
  linear layer; optional auxiliary heads listen to intermediate blocks, like aux1/aux2 after 4a and 4d.
* :class:`SeedMNISTNet` - the seed articles' MNIST network (../shared/reference/CONCEPTS.md 6b).

Every model is built for one data set (``dataset``: "digits" or "mnist", see :mod:`.data`): its first step
normalises that data set's pixel scale, and ``model.image_size`` is the picture size it takes.

In train mode a model returns :class:`TrainOutput` (main logits and one logits tensor per auxiliary head);
in eval mode it returns the main logits only. ``model.blocks()`` lists the trunk in forward order (for
gradient norms). All weights are drawn from a caller's ``torch.Generator``, never the shared global one.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import torch
from torch import nn
import torch.nn.functional as F

from ..blocks import ConvBlock, Inception
from .data import DATASETS, DEFAULT_DATASET, NUM_CLASSES, DataSpec

PRESETS = ("googlenet_small", "seed_mnist", "resnet_small", "seed_resnet")
RESIDUAL_PRESETS = ("resnet_small", "seed_resnet")   # googlenet.digits.residual: the shortcut switch, no aux heads
SEED_PRESETS = ("seed_mnist", "seed_resnet")          # the seed articles' nets: fixed shape, no BatchNorm
MIN_DEPTH, MAX_DEPTH = 1, 10     # Inception blocks in the small net
RESNET_MAX_DEPTH = 20            # residual blocks in the small residual net
SEED_NET_DEPTH = 2               # the seed nets always have two Inception-A (or residual) blocks

# Pixel statistics of the 8x8 training digits (values / 16), as before MNIST came (googlenet.bug_hunt uses them).
DIGITS_MEAN, DIGITS_STD = DATASETS["digits"].mean, DATASETS["digits"].std
SEED_NET_SIZE = 28               # the seed net's published input size: 28 -> 24 -> 12 -> 8 -> 4

# The small net's channel numbers, in the column order of the paper's Table 1:
# #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj  ->  16 + 24 + 12 + 12 = 64 channels out.
STEM_CHANNELS = 32
SMALL_INCEPTION = (16, 16, 24, 8, 12, 12)
SMALL_OUT = SMALL_INCEPTION[0] + SMALL_INCEPTION[2] + SMALL_INCEPTION[4] + SMALL_INCEPTION[5]


class SeededDropout(nn.Module):
    """Dropout that draws from its own generator (set by the trainer), so a run repeats exactly."""

    def __init__(self, p: float):
        super().__init__()
        self.p = p
        self.generator: torch.Generator | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0:
            return x
        keep = torch.rand(x.shape, generator=self.generator, device=x.device) >= self.p
        return x * keep / (1.0 - self.p)

    def extra_repr(self) -> str:
        return f"p={self.p}"


class SmallAuxClassifier(nn.Module):
    """The paper's auxiliary classifier shrunk for 8x8 maps (same idea as ``blocks.AuxClassifier``):
    average pool to 2x2 -> 1x1 conv (32) + ReLU -> FC 128 -> 64 + ReLU -> dropout 70% -> FC 64 -> 10.
    Returns raw logits (CrossEntropyLoss applies the softmax; a softmax here would be a bug,
    ../shared/reference/CONCEPTS.md 6)."""

    def __init__(self, in_channels: int, num_classes: int = NUM_CLASSES, batch_norm: bool = True,
                 pool: int = 2, dropout: float = 0.7):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d((pool, pool))
        self.conv = ConvBlock(in_channels, 32, batch_norm=batch_norm, kernel_size=1)
        self.fc1 = nn.Linear(32 * pool * pool, 64)
        self.dropout = SeededDropout(dropout)
        self.fc2 = nn.Linear(64, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv(self.pool(x))
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc2(self.dropout(x))


class TrainOutput(NamedTuple):
    """What a model returns in train mode: main logits and one logits tensor per auxiliary head."""
    logits: torch.Tensor
    aux: tuple[torch.Tensor, ...]


def _normalise(x: torch.Tensor, spec: DataSpec) -> torch.Tensor:
    """Pixels in the data set's scale (0..16 or 0..255) -> roughly zero mean, unit variance, stored channels-last.

    Channels-last ("NHWC") is only a memory layout, the numbers are the same. On a CPU it makes these small
    convolutions and, above all, the 3x3 max pool of every Inception block several times faster."""
    if x.shape[-1] != spec.image_size or x.shape[-2] != spec.image_size:
        raise ValueError(f"this network takes {spec.image_size}x{spec.image_size} pictures, "
                         f"not {x.shape[-2]}x{x.shape[-1]}")
    return ((x / spec.max_value - spec.mean) / spec.std).contiguous(memory_format=torch.channels_last)


def aux_taps(depth: int) -> tuple[int, ...]:
    """Which blocks (1-based) get an auxiliary head: a third and two thirds of the way, like 4a and 4d,
    which are the 3rd and 6th of GoogLeNet's nine blocks. Only blocks before the last one qualify."""
    taps = sorted({max(1, round(depth * k / 3)) for k in (1, 2)} - {depth})
    return tuple(t for t in taps if t < depth)


def can_have_aux(preset: str, depth: int) -> bool:
    """Whether the network has a block for an auxiliary head to listen to (a one-block small net has none;
    the residual nets have no auxiliary heads at all)."""
    if preset in RESIDUAL_PRESETS:
        return False
    return preset == "seed_mnist" or bool(aux_taps(depth))


def max_depth(preset: str) -> int:
    """The largest `depth` setting a preset takes (the seed nets ignore it: their depth is fixed)."""
    return RESNET_MAX_DEPTH if preset == "resnet_small" else MAX_DEPTH


def small_stem(image_size: int, batch_norm: bool) -> nn.Module:
    """The small net's stem. 8x8 digits: one conv 3x3 (32), the blocks then work at 8x8. 28x28 MNIST: like
    GoogLeNet's own stem (convolutions and max pools that shrink the picture before the first Inception
    block), conv 3x3 (32) -> max pool 2 -> conv 3x3 (32) -> max pool 2: the blocks work at 7x7, about the
    size they have on the 8x8 digits (so the same blocks and aux heads fit, at a similar cost)."""
    if image_size == 8:
        return ConvBlock(1, STEM_CHANNELS, batch_norm=batch_norm, kernel_size=3, padding=1)
    if image_size == 28:
        return nn.Sequential(ConvBlock(1, STEM_CHANNELS, batch_norm=batch_norm, kernel_size=3, padding=1),
                             nn.MaxPool2d(2),
                             ConvBlock(STEM_CHANNELS, STEM_CHANNELS, batch_norm=batch_norm, kernel_size=3, padding=1),
                             nn.MaxPool2d(2))
    raise ValueError(f"no stem for {image_size}x{image_size} pictures")


def block_size(dataset: str) -> int:
    """The side of the feature maps the small net's Inception blocks work on (8 for the digits, 7 for MNIST)."""
    return 8 if DATASETS[dataset].image_size == 8 else DATASETS[dataset].image_size // 4


class DigitsGoogLeNet(nn.Module):
    """GoogLeNet in miniature: stem (see :func:`small_stem`) -> `depth` Inception blocks (64 channels each,
    8x8 on the digits, 7x7 on MNIST) -> global average pooling -> dropout 20% -> linear 64 -> 10, plus optional
    aux heads."""

    def __init__(self, depth: int = 3, aux: bool = True, batch_norm: bool = True, num_classes: int = NUM_CLASSES,
                 dataset: str = DEFAULT_DATASET):
        super().__init__()
        self.depth = depth
        self.dataset, self.spec = dataset, DATASETS[dataset]
        self.image_size = self.spec.image_size
        self.stem = small_stem(self.image_size, batch_norm)
        in_ch = STEM_CHANNELS
        for i in range(1, depth + 1):
            setattr(self, f"inception{i}", Inception(in_ch, *SMALL_INCEPTION, batch_norm=batch_norm))
            in_ch = SMALL_OUT
        self.taps = aux_taps(depth) if aux else ()
        self.aux_heads = nn.ModuleDict({f"aux{n}": SmallAuxClassifier(SMALL_OUT, num_classes, batch_norm)
                                        for n, _ in enumerate(self.taps, start=1)})
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = SeededDropout(0.2)
        self.fc = nn.Linear(SMALL_OUT, num_classes)

    def blocks(self) -> list[tuple[str, nn.Module]]:
        """The trunk in forward order, for gradient norms: stem, inception1..N, fc."""
        return ([("stem", self.stem)] + [(f"inception{i}", getattr(self, f"inception{i}"))
                                         for i in range(1, self.depth + 1)] + [("fc", self.fc)])

    def forward(self, x: torch.Tensor):
        x = self.stem(_normalise(x, self.spec))
        aux_out = []
        for i in range(1, self.depth + 1):
            x = getattr(self, f"inception{i}")(x)
            if self.training and i in self.taps:
                aux_out.append(self.aux_heads[f"aux{self.taps.index(i) + 1}"](x))
        logits = self.fc(self.dropout(torch.flatten(self.avgpool(x), 1)))
        return TrainOutput(logits, tuple(aux_out)) if self.training else logits


class InceptionA(nn.Module):
    """The seed articles' Inception-A block (../shared/reference/CONCEPTS.md 6b), four branches
    -> 16 + 24 + 24 + 24 = 88 channels:
    1x1 (16) | 1x1 (16) -> 5x5 (24) | 1x1 (16) -> 3x3 (24) -> 3x3 (24) | 3x3 average pool -> 1x1 (24).
    As published: plain convs with bias, no BatchNorm and no ReLU inside the block. One fix: the article's
    3x3 branch starts from ``branch5x5_1`` by mistake; here it has its own 1x1 conv, as intended."""

    out_channels = 88

    def __init__(self, in_channels: int):
        super().__init__()
        self.branch1x1 = nn.Conv2d(in_channels, 16, kernel_size=1)
        self.branch5x5_1 = nn.Conv2d(in_channels, 16, kernel_size=1)
        self.branch5x5_2 = nn.Conv2d(16, 24, kernel_size=5, padding=2)
        self.branch3x3_1 = nn.Conv2d(in_channels, 16, kernel_size=1)
        self.branch3x3_2 = nn.Conv2d(16, 24, kernel_size=3, padding=1)
        self.branch3x3_3 = nn.Conv2d(24, 24, kernel_size=3, padding=1)
        self.branch_pool = nn.Conv2d(in_channels, 24, kernel_size=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b1 = self.branch1x1(x)
        b5 = self.branch5x5_2(self.branch5x5_1(x))
        b3 = self.branch3x3_3(self.branch3x3_2(self.branch3x3_1(x)))
        bp = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([b1, b5, b3, bp], dim=1)


class SeedMNISTNet(nn.Module):
    """The seed articles' MNIST network, at its native 28x28 on MNIST:
    28x28 -> conv 1->10 5x5 (24x24) -> max pool 2 (12x12) -> ReLU -> Inception-A (88 ch) -> conv 88->20 5x5 (8x8)
    -> max pool 2 (4x4) -> ReLU -> Inception-A (88 ch) -> flatten 88x4x4 = 1,408 -> linear 10.
    On the 8x8 digits the picture is first upsampled to 28x28, so the published sizes hold.
    With ``aux=True`` one auxiliary head listens after the first Inception-A block (not in the article)."""

    def __init__(self, aux: bool = False, num_classes: int = NUM_CLASSES, dataset: str = DEFAULT_DATASET):
        super().__init__()
        self.dataset, self.spec = dataset, DATASETS[dataset]
        self.image_size = self.spec.image_size
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.incep1 = InceptionA(10)
        self.conv2 = nn.Conv2d(88, 20, kernel_size=5)
        self.incep2 = InceptionA(20)
        self.fc = nn.Linear(88 * 4 * 4, num_classes)
        self.aux_heads = nn.ModuleDict({"aux1": SmallAuxClassifier(88, num_classes, batch_norm=False)} if aux else {})

    def blocks(self) -> list[tuple[str, nn.Module]]:
        return [(name, getattr(self, name)) for name in ("conv1", "incep1", "conv2", "incep2", "fc")]

    def forward(self, x: torch.Tensor):
        x = _normalise(x, self.spec)
        if self.image_size != SEED_NET_SIZE:
            x = F.interpolate(x, size=(SEED_NET_SIZE, SEED_NET_SIZE), mode="bilinear", align_corners=False)
            x = x.contiguous(memory_format=torch.channels_last)
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = self.incep1(x)
        aux_out = (self.aux_heads["aux1"](x),) if self.training and "aux1" in self.aux_heads else ()
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        x = self.incep2(x)
        logits = self.fc(torch.flatten(x, 1))
        return TrainOutput(logits, aux_out) if self.training else logits


def init_parameters(model: nn.Module, generator: torch.Generator) -> None:
    """PyTorch's default initialisation, drawn from `generator` instead of the shared global one."""
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_uniform_(m.weight, a=math.sqrt(5), generator=generator)
            if m.bias is not None:
                fan_in = m.weight[0].numel()
                bound = 1 / math.sqrt(fan_in)
                nn.init.uniform_(m.bias, -bound, bound, generator=generator)
        elif isinstance(m, nn.BatchNorm2d):
            m.reset_parameters()
            m.reset_running_stats()


def build_model(preset: str = "googlenet_small", depth: int = 3, aux: bool = True, batch_norm: bool = True,
                seed: int = 0, dataset: str = DEFAULT_DATASET, shortcuts: bool = True) -> nn.Module:
    """A fresh model for the given settings and data set, initialised from `seed`. `shortcuts` concerns the
    residual presets only (googlenet.digits.residual), `aux` and `batch_norm` the Inception ones only."""
    from .residual import SeedResNet, SmallResNet   # (residual builds on this module's TrainOutput)

    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {tuple(DATASETS)}, not {dataset!r}")
    if preset == "seed_mnist":
        model = SeedMNISTNet(aux=aux, dataset=dataset)
    elif preset == "googlenet_small":
        model = DigitsGoogLeNet(depth=depth, aux=aux, batch_norm=batch_norm, dataset=dataset)
    elif preset == "resnet_small":
        model = SmallResNet(depth=depth, shortcuts=shortcuts, dataset=dataset)
    elif preset == "seed_resnet":
        model = SeedResNet(shortcuts=shortcuts, dataset=dataset)
    else:
        raise ValueError(f"preset must be one of {PRESETS}, not {preset!r}")
    init_parameters(model, torch.Generator().manual_seed(seed))
    return model.to(memory_format=torch.channels_last)


def count_parameters(model: nn.Module, include_aux: bool = True) -> int:
    return sum(p.numel() for name, p in model.named_parameters() if include_aux or not name.startswith("aux_heads"))


@lru_cache(maxsize=None)
def settings_parameters(preset: str, depth: int, batch_norm: bool, dataset: str = DEFAULT_DATASET) -> int:
    """The weights of the network these settings build, aux heads left out (what the settings form shows on
    every change): a model is built once per shape, not once per widget change. (Shortcuts add no weights.)"""
    return count_parameters(build_model(preset, depth, aux=False, batch_norm=batch_norm, dataset=dataset))
