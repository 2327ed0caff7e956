"""Why and how GoogLeNet came about: every number the history page shows, computed here or cited with its source.

Computed: the cost of widening a conv stack, the naive Inception module's channel growth block by block, the
global-average-pooling head against an AlexNet-style head, a real Local Response Normalisation, the output-size
formula checked against a real nn.Conv2d, the app's own training settings, and the parameters / multiply-adds of
the Inception versions torchvision or the package can build. Cited (source beside each number): the rest.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import torch
import torchvision
from torch import nn

from .costs import Cost, conv_cost, linear_cost, module_cost, network_total, stage_shapes
from .model import BLOCKS, INCEPTION_CONFIG, LRN_SETTINGS, InceptionSpec, meta_device, meta_model

# ---------------------------------------------------------------------------------------------
# 1. Going naively wider: two chained 3x3 convolutions, C -> C -> C channels, on a 28 x 28 map.
# The paper (Szegedy et al. 2014, section 3): "if two convolutional layers are chained, any uniform increase
# in the number of their filters results in a quadratic increase of computation".

WIDEN_SIZE = 28
WIDEN_KERNEL = 3
WIDTHS = (64, 128, 256, 512, 1024)


class WideningRow(NamedTuple):
    width: int          # channels of both layers
    factor: float       # width / the first width
    cost: Cost          # both layers together
    cost_factor: float  # multiply-adds / the first row's


def widening(widths: tuple[int, ...] = WIDTHS, size: int = WIDEN_SIZE, kernel: int = WIDEN_KERNEL) -> list[WideningRow]:
    """Two chained k x k convolutions at each width: their cost grows with the square of the width."""
    rows, first = [], None
    for c in widths:
        cost = conv_cost(c, c, kernel, size, size) + conv_cost(c, c, kernel, size, size)
        first = first or cost
        rows.append(WideningRow(c, c / widths[0], cost, cost.macs / first.macs))
    return rows


# ---------------------------------------------------------------------------------------------
# 2. The naive Inception module, block after block: with no 1x1 reductions the pool branch passes all its
# input channels through, so every block's output is wider than its input, and the next block pays for it.

class NaiveBlock(NamedTuple):
    block: str
    size: int            # H = W of the block's input and output
    in_channels: int     # grown by the naive blocks before it
    out_channels: int
    naive: Cost          # this block without reductions, on the grown input
    real_in: int         # the real network's input channels here (paper Table 1)
    real_out: int
    real: Cost           # the real block, with 1x1 reductions


@lru_cache(maxsize=1)
def naive_growth() -> tuple[NaiveBlock, ...]:
    """Table 1's nine blocks built naively and chained: channels and cost, beside the real blocks."""
    shapes = stage_shapes("paper")
    rows, channels = [], INCEPTION_CONFIG[BLOCKS[0]].in_channels
    for block in BLOCKS:
        spec = INCEPTION_CONFIG[block]
        size = shapes[block][1]
        grown = spec._replace(in_channels=channels)
        out = sum(grown.branch_widths(bottleneck=False).values())
        rows.append(NaiveBlock(block, size, channels, out, module_cost(grown, size, bottleneck=False)["total"],
                               spec.in_channels, spec.out_channels, module_cost(spec, size)["total"]))
        channels = out
    return tuple(rows)


def naive_totals() -> tuple[Cost, Cost]:
    """(all nine naive blocks, all nine real blocks)."""
    rows = naive_growth()
    return sum((r.naive for r in rows), Cost(0, 0)), sum((r.real for r in rows), Cost(0, 0))


# ---------------------------------------------------------------------------------------------
# 3. Network-in-Network's global average pooling, GoogLeNet's head against an AlexNet-style one.
# Lin, Chen & Yan, "Network In Network" (arXiv 1312.4400, Dec 2013; ICLR 2014): 1x1 "mlpconv" layers and
# global average pooling. GoogLeNet keeps one linear layer after the pooling "to adapt and fine-tune to other
# label sets easily"; moving from fully connected layers to average pooling improved top-1 accuracy by about
# 0.6% (Szegedy et al. 2014, section 5).

class HeadCosts(NamedTuple):
    feature_shape: tuple[int, int, int]   # (C, H, W) of the last feature map (inception5b)
    gap: Cost                             # GoogLeNet: average to C numbers, one linear layer to the classes
    fc_stack: Cost                        # AlexNet-style: flatten C*H*W, two hidden layers, then the classes
    hidden: tuple[int, ...]               # the hidden widths of that stack (AlexNet's)
    single_fc: Cost                       # flatten C*H*W straight into one linear layer
    network: Cost                         # the whole GoogLeNet (paper variant), for scale
    classes: int                          # 1000 ImageNet classes


@lru_cache(maxsize=1)
def head_costs() -> HeadCosts:
    """Parameters and multiply-adds of three heads on GoogLeNet's last 7x7x1024 feature map."""
    c, h, w = stage_shapes("paper")["inception5b"]
    classes = meta_model("paper").fc.out_features
    with meta_device():
        alexnet = torchvision.models.alexnet(weights=None)
    hidden = tuple(m.out_features for m in alexnet.classifier if isinstance(m, nn.Linear))[:-1]   # (4096, 4096)
    widths = (c * h * w, *hidden, classes)
    stack = sum((linear_cost(i, o) for i, o in zip(widths, widths[1:])), Cost(0, 0))
    return HeadCosts((c, h, w), linear_cost(c, classes), stack, hidden, linear_cost(c * h * w, classes),
                     network_total("paper"), classes)


# ---------------------------------------------------------------------------------------------
# 4. Local Response Normalisation: b_i = a_i / (k + alpha/n * sum_{j near i} a_j^2)^beta, over n neighbouring
# channels at the same pixel. The package's paper variant uses googlenet.model.LRN_SETTINGS: n = 5, alpha = 1e-4,
# beta = 0.75 as in BVLC Caffe's GoogLeNet (deploy.prototxt), and k = 2 from AlexNet (Krizhevsky et al. 2012).
# Caffe's GoogLeNet sets no k, so it gets Caffe's default k = 1 (caffe.proto, LRNParameter: k default 1).
CAFFE_DEFAULT_K = 1.0
# A pixel's activations on 8 channels: channels 0 and 4 hold the same value, but channel 4 has two loud
# neighbours (5 and 6) inside its window of 5 channels, channel 0 has none.
LRN_EXAMPLE = (50.0, 0.0, 0.0, 0.0, 50.0, 300.0, 300.0, 0.0)


class LRNExample(NamedTuple):
    a: tuple[float, ...]          # input activations, one per channel
    b: tuple[float, ...]          # torch.nn.LocalResponseNorm's output
    b_by_hand: tuple[float, ...]  # the formula, summed by hand (zeros beyond the first and last channel)
    divisor: tuple[float, ...]    # (k + alpha/n * sum a_j^2)^beta for each channel
    settings: dict


def lrn_divisors(a: list[float], size: int, alpha: float, beta: float, k: float) -> list[float]:
    """(k + alpha/size * sum of a_j^2 over the window)^beta for every channel i; the window runs from
    i - size//2 to i + (size-1)//2, as PyTorch's does (channels beyond the first and last count as zeros)."""
    lo, hi = size // 2, (size - 1) // 2
    return [(k + alpha / size * sum(a[j] ** 2 for j in range(max(0, i - lo), min(len(a), i + hi + 1)))) ** beta
            for i in range(len(a))]


def lrn_by_hand(a: list[float], size: int, alpha: float, beta: float, k: float) -> list[float]:
    """The formula channel by channel: b_i = a_i / divisor_i."""
    return [x / d for x, d in zip(a, lrn_divisors(a, size, alpha, beta, k))]


@lru_cache(maxsize=4)
def lrn_example(values: tuple[float, ...] = LRN_EXAMPLE) -> LRNExample:
    """A real nn.LocalResponseNorm (the package's settings) on one pixel of len(values) channels, and the formula."""
    x = torch.tensor(values, dtype=torch.float64).view(1, -1, 1, 1)
    b = nn.LocalResponseNorm(**LRN_SETTINGS)(x).flatten().tolist()
    s = LRN_SETTINGS
    by_hand = lrn_by_hand(list(values), s["size"], s["alpha"], s["beta"], s["k"])
    divisors = lrn_divisors(list(values), s["size"], s["alpha"], s["beta"], s["k"])
    return LRNExample(tuple(values), tuple(b), tuple(by_hand), tuple(divisors), dict(s))


# ---------------------------------------------------------------------------------------------
# 5. The output size of a convolution: floor((H + 2p - k) / s) + 1, checked against a real nn.Conv2d.

MAX_SIZE = 1024
MAX_KERNEL = 15
MAX_STRIDE = 8


def conv_output_size(h: int, k: int, s: int, p: int) -> int | None:
    """floor((H + 2p - k) / s) + 1, or None when the kernel does not fit the padded input."""
    if h < 1 or k < 1 or s < 1 or p < 0:
        raise ValueError("H, k and s must be at least 1, p at least 0")
    if h + 2 * p < k:
        return None
    return (h + 2 * p - k) // s + 1


def measured_output_size(h: int, k: int, s: int, p: int) -> int | None:
    """The height a real nn.Conv2d(k, stride=s, padding=p) gives an H x H input (meta device: shapes only)."""
    with meta_device():
        conv = nn.Conv2d(1, 1, k, stride=s, padding=p)
        try:
            return conv(torch.empty(1, 1, h, h)).shape[-1]
        except RuntimeError:   # "Kernel size can't be greater than actual input size"
            return None


def same_padding(k: int) -> int:
    """The padding that keeps H at stride 1 for an odd kernel: p = (k - 1) / 2."""
    if k < 1 or k % 2 == 0:
        raise ValueError("p = (k - 1) / 2 keeps the size only for odd k")
    return (k - 1) // 2


class PaddingRow(NamedTuple):
    kernel: int
    padding: int
    formula: int    # output H by the formula
    measured: int   # output H of a real nn.Conv2d


SAME_SIZE_H = 28   # an Inception 3a-sized input


@lru_cache(maxsize=4)
def padding_rule(kernels: tuple[int, ...] = (1, 3, 5, 7), h: int = SAME_SIZE_H) -> tuple[PaddingRow, ...]:
    """The four kernel sizes of an Inception block (and the stem's 7x7) with p = (k-1)/2: all keep H x H, so the
    branches can be concatenated."""
    return tuple(PaddingRow(k, same_padding(k), conv_output_size(h, k, 1, same_padding(k)),
                            measured_output_size(h, k, 1, same_padding(k))) for k in kernels)


# GoogLeNet's conv1: 224 x 224 input, 7x7 kernel, stride 2, padding 3 -> 112 (the preset of the check).
CONV1_EXAMPLE = dict(h=224, k=7, s=2, p=3)


# ---------------------------------------------------------------------------------------------
# 6. Training as published vs the app's training lab.
# Szegedy et al. 2014, section 6: asynchronous stochastic gradient descent (DistBelief, CPU cluster), momentum 0.9,
# a fixed schedule decreasing the learning rate by 4% every 8 epochs, Polyak averaging for the final model.
PUBLISHED_MOMENTUM = 0.9
PUBLISHED_LR_DECAY = 0.04        # 4% ...
PUBLISHED_LR_EVERY = 8           # ... every 8 epochs
# Section 6's augmentation: crops of 8% to 100% of the image area, aspect ratio between 3/4 and 4/3.
PUBLISHED_CROP_AREA_PCT = (8, 100)
PUBLISHED_ASPECT = ("3/4", "4/3")


def published_lr_factor(epoch: int) -> float:
    """The fraction of the starting learning rate the paper's schedule uses in `epoch` (0-based)."""
    return (1 - PUBLISHED_LR_DECAY) ** (epoch // PUBLISHED_LR_EVERY)


def published_halving_epochs() -> int:
    """Epochs until the paper's schedule has halved the learning rate."""
    steps = math.ceil(math.log(0.5) / math.log(1 - PUBLISHED_LR_DECAY))
    return steps * PUBLISHED_LR_EVERY


@dataclass(frozen=True)
class AppTraining:
    """What the training lab really does, read from a Trainer built with the default settings."""
    optimizer: str
    betas: tuple[float, float]
    lr: float
    epochs: int
    batch_size: int
    lr_middle: float     # the learning rate half-way through the run
    lr_last: float       # at the last step
    total_steps: int


@lru_cache(maxsize=1)
def app_training() -> AppTraining:
    from .digits.trainer import TrainConfig, Trainer

    trainer = Trainer(TrainConfig())
    opt = trainer.optimizer
    n = trainer.total_steps
    return AppTraining(type(opt).__name__, tuple(opt.defaults["betas"]), trainer.config.lr, trainer.config.epochs,
                       trainer.config.batch_size, trainer.learning_rate(n // 2), trainer.learning_rate(n - 1), n)


# ---------------------------------------------------------------------------------------------
# 7. The Inception family tree, v1 -> v4, with each version's cost.

def count_macs(model: nn.Module, input_size: int) -> Cost:
    """Parameters (every one) and multiply-adds of every Conv2d and Linear, from a forward pass on the meta
    device: a conv's weights (out x in/groups x kh x kw, rectangular kernels too) times its output H x W."""
    sizes: dict[str, tuple[int, ...]] = {}
    handles = [m.register_forward_hook(lambda _m, _i, out, n=name: sizes.__setitem__(n, tuple(out.shape)))
               for name, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    try:
        with torch.no_grad(), meta_device():
            model.eval()(torch.empty(1, 3, input_size, input_size, device="meta"))
    finally:
        for h in handles:
            h.remove()
    macs = 0
    for name, m in model.named_modules():
        if name in sizes:
            spatial = math.prod(sizes[name][2:]) if isinstance(m, nn.Conv2d) else 1
            macs += m.weight.numel() * spatial
    return Cost(sum(p.numel() for p in model.parameters()), macs)


@dataclass(frozen=True)
class InceptionVersion:
    key: str                 # "v1", "v2", "v3", "v4", "irv2"; strings: history.version.<key>.*
    name: str
    arxiv: str               # arXiv id
    published: str           # arXiv month, "2014-09", ...
    venue: str               # "CVPR 2015", ...
    params: int | None       # parameters (aux heads left out where the network has them)
    macs: int | None         # multiply-adds per image
    input_size: int
    cost_source: str         # "computed" (the package / torchvision on the meta device) or "cited"
    top1: float              # single model, single crop (TF-slim's models, see below)
    top5: float


# What each version's paper reports, quoted in the page's notes.
# v1: Table 3 of "Going Deeper" (googlenet.headline_numbers: 6.67% top-5 with 7 models x 144 crops; 10.07% with one
# model, one crop) and 22 layers with parameters; global average pooling instead of fully connected layers
# "improved the top-1 accuracy by about 0.6%" (section 5).
GAP_TOP1_GAIN = 0.6
# v2: Ioffe & Szegedy, arXiv 1502.03167, abstract: the same accuracy "with 14 times fewer training steps"; an
# ensemble reaches "4.9% top-5 validation error".
BN_FEWER_STEPS = 14
BN_ENSEMBLE_TOP5_ERROR = 4.9
# v4: Szegedy et al., arXiv 1602.07261, abstract: three residual networks and one Inception-v4, "3.08% top-5 error
# on the test set".
V4_ENSEMBLE_TOP5_ERROR = 3.08

# Single-model, single-crop ImageNet accuracy of Google's own TF-slim models, one source for all five:
# tensorflow/models, research/slim/README.md, "Pre-trained Models" table (top-1 / top-5 %).
TF_SLIM_ACCURACY = {"v1": (69.8, 89.6), "v2": (73.9, 91.8), "v3": (78.0, 93.9), "v4": (80.2, 95.2),
                    "irv2": (80.4, 95.3)}
# BN-Inception: "The network contains 13.6 * 10^6 parameters" (Ioffe & Szegedy, arXiv 1502.03167, section 4.2);
# the paper gives no multiply-add count.
BN_INCEPTION_PARAMS = 13_600_000
# Inception v4 and Inception-ResNet-v2: their paper (arXiv 1602.07261) gives no parameter or multiply-add counts;
# timm's model cards for the ported TF weights do: inception_v4.tf_in1k 42.7M params, 12.3 GMACs;
# inception_resnet_v2.tf_in1k 55.8M params, 13.2 GMACs (299 x 299 input).
TIMM_COSTS = {"v4": (42_700_000, 12_300_000_000), "irv2": (55_800_000, 13_200_000_000)}
# The v3 paper's own summary: 5 billion multiply-adds, fewer than 25 million parameters (arXiv 1512.00567, abstract).
V3_PAPER = (5_000_000_000, 25_000_000)


@lru_cache(maxsize=1)
def inception_versions() -> tuple[InceptionVersion, ...]:
    """v1 (GoogLeNet) -> BN-Inception (v2) -> v3 -> v4 / Inception-ResNet-v2, with each one's cost."""
    v1 = network_total("paper")   # the paper's network as the package builds it (aux heads left out)
    with meta_device():
        v3_model = torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=False)
    v3 = count_macs(v3_model, 299)
    acc = TF_SLIM_ACCURACY
    return (
        InceptionVersion("v1", "GoogLeNet (Inception v1)", "1409.4842", "2014-09", "CVPR 2015", v1.params, v1.macs,
                         224, "computed", *acc["v1"]),
        InceptionVersion("v2", "BN-Inception (v2)", "1502.03167", "2015-02", "ICML 2015", BN_INCEPTION_PARAMS, None,
                         224, "cited", *acc["v2"]),
        InceptionVersion("v3", "Inception v3", "1512.00567", "2015-12", "CVPR 2016", v3.params, v3.macs,
                         299, "computed", *acc["v3"]),
        InceptionVersion("v4", "Inception v4", "1602.07261", "2016-02", "AAAI 2017", *TIMM_COSTS["v4"],
                         299, "cited", *acc["v4"]),
        InceptionVersion("irv2", "Inception-ResNet-v2", "1602.07261", "2016-02", "AAAI 2017", *TIMM_COSTS["irv2"],
                         299, "cited", *acc["irv2"]),
    )
