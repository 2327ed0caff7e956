"""Teaching calculations behind the architecture explorer and the Inception / 1x1 cost lab.

Everything here is plain Python + torch (no Streamlit), so it can be unit-tested:
* lab presets (the nine Inception blocks with their input sizes, and the seed articles' worked example),
* LaTeX formulas with the numbers substituted, built from the same conv steps ``googlenet.costs`` counts,
* the "try it yourself" exercise (generated from a seed, answered by ``googlenet.costs``),
* the 1x1 convolution as a per-pixel matrix multiply,
* a real Inception block checked against the formulas (output shape, torchinfo's parameter count),
* helpers for the architecture page: shares of the whole network, aux-head cost, block source code,
  the torchinfo summary of the whole network.
"""
from __future__ import annotations

import inspect
import random
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import torch
from torch import nn

from .blocks import AuxClassifier, ConvBlock, Inception
from .costs import (BRANCHES, Cost, LayerRow, conv_cost, inception_branches, inception_cost, linear_cost,
                    stage_shapes)
from .model import AUX_TAPS, INCEPTION_CONFIG, GoogLeNet, meta_model

QUANTITIES = ("macs", "params")


# ---------------------------------------------------------------------------------- lab inputs and presets

@dataclass(frozen=True)
class LabConfig:
    """The numbers the lab asks for: input channels, input size (H = W) and the six channel columns of Table 1."""
    in_ch: int
    size: int
    n1x1: int
    n3x3_reduce: int
    n3x3: int
    n5x5_reduce: int
    n5x5: int
    pool_proj: int

    @property
    def spec(self) -> tuple[int, ...]:
        """Arguments for Inception(...) / inception_branches(...): in_ch, n1x1, ..., pool_proj."""
        return (self.in_ch, self.n1x1, self.n3x3_reduce, self.n3x3, self.n5x5_reduce, self.n5x5, self.pool_proj)

    def cost(self, bottleneck: bool = True, kernel5: int = 5, bias: bool = False) -> dict[str, Cost]:
        return inception_cost(self.in_ch, self.size, *self.spec[1:], bottleneck=bottleneck, kernel5=kernel5,
                              bias=bias)

    def out_channels(self, bottleneck: bool = True) -> int:
        return self.n1x1 + self.n3x3 + self.n5x5 + (self.pool_proj if bottleneck else self.in_ch)


LAB_FIELDS = ("in_ch", "size", "n1x1", "n3x3_reduce", "n3x3", "n5x5_reduce", "n5x5", "pool_proj")
WORKED_EXAMPLE = "worked_example"


@lru_cache(maxsize=1)
def lab_presets() -> dict[str, LabConfig]:
    """inception3a ... inception5b at their input sizes in the 224x224 network (28 / 14 / 7),
    plus the seed articles' worked example, which is branch 3 of inception 3a (192x28x28 -> 16 -> 32 of 5x5)."""
    shapes = stage_shapes("paper", 224)
    presets = {name: LabConfig(spec.in_channels, shapes[name][1], *spec[1:])
               for name, spec in INCEPTION_CONFIG.items()}
    presets[WORKED_EXAMPLE] = presets["inception3a"]
    return presets


# The seed article's arithmetic slip (CONCEPTS.md section 2).
SLIP = {"printed": 12_433_648, "correct": 12_443_648,
        "printed_term": 5 * 5 * 28 * 28 * 16 * 16, "correct_term": 5 * 5 * 28 * 28 * 16 * 32}


# ---------------------------------------------------------------------------------- formulas in LaTeX

def latex_int(n: int) -> str:
    """120422400 -> 120{,}422{,}400 (braces keep LaTeX from adding space after the commas)."""
    return f"{n:,}".replace(",", "{,}")


def conv_term(in_ch: int, out_ch: int, kernel: int, size: int, quantity: str = "macs") -> tuple[str, int]:
    """One convolution's weights (k^2 C_in C_out) or multiply-adds (k^2 H W C_in C_out), as LaTeX and value."""
    cost = conv_cost(in_ch, out_ch, kernel, size, size)
    if quantity == "macs":
        return rf"{kernel}^2 \times {size}^2 \times {in_ch} \times {out_ch}", cost.macs
    if quantity == "params":
        return rf"{kernel}^2 \times {in_ch} \times {out_ch}", cost.params
    raise ValueError(f"quantity must be one of {QUANTITIES}, not {quantity!r}")


def branch_formula(cfg: LabConfig, branch: str, bottleneck: bool = True, quantity: str = "macs",
                   kernel5: int = 5) -> tuple[str, int]:
    """The branch's cost written out with the numbers substituted, and its value (biases left out).

    e.g. naive branch 3 of the worked example: ``5^2 \\times 28^2 \\times 192 \\times 32 = 120{,}422{,}400``.
    """
    steps = inception_branches(*cfg.spec, bottleneck=bottleneck, kernel5=kernel5)[branch]
    if not steps:  # naive branch 4: the pooled input passes straight through
        return "0", 0
    terms = [conv_term(s.in_ch, s.out_ch, s.kernel, cfg.size, quantity) for s in steps]
    total = sum(value for _, value in terms)
    text = " + ".join(term for term, _ in terms)
    if len(terms) > 1:
        text += " = " + " + ".join(latex_int(value) for _, value in terms)
    return f"{text} = {latex_int(total)}", total


# ---------------------------------------------------------------------------------- "try it yourself"

@dataclass(frozen=True)
class Exercise:
    seed: int
    cfg: LabConfig
    branch: str
    quantity: str      # "macs" or "params" (weights only, no biases)
    answer: int
    solution: str      # LaTeX, numbers substituted


# Channel numbers in the range the real blocks use, so the exercise looks like GoogLeNet.
_CHOICES = {
    "in_ch": (64, 128, 192, 256, 480, 512, 528, 832), "size": (7, 14, 28, 56),
    "n1x1": (32, 64, 96, 128, 160, 192, 256), "n3x3_reduce": (48, 64, 96, 112, 128, 160),
    "n3x3": (96, 128, 192, 208, 224, 256, 320), "n5x5_reduce": (8, 16, 24, 32, 48),
    "n5x5": (16, 32, 48, 64, 96, 128), "pool_proj": (16, 32, 64, 128),
}


def make_exercise(seed: int) -> Exercise:
    """A random bottleneck module and one question about one branch; the same seed gives the same exercise."""
    rng = random.Random(seed)
    cfg = LabConfig(**{name: rng.choice(_CHOICES[name]) for name in LAB_FIELDS})
    branch = rng.choice(BRANCHES)
    quantity = rng.choice(QUANTITIES)
    solution, answer = branch_formula(cfg, branch, bottleneck=True, quantity=quantity)
    expected = getattr(cfg.cost(bottleneck=True)[branch], quantity)
    assert answer == expected, "formula and costs disagree"  # the two are built from the same conv steps
    return Exercise(seed, cfg, branch, quantity, answer, solution)


def check_answer(exercise: Exercise, value: float | int | None) -> bool:
    """Exact integer answer (multiply-adds and weights are whole numbers)."""
    if value is None:
        return False
    return round(float(value)) == exercise.answer and abs(float(value) - exercise.answer) < 0.5


def answer_feedback(exercise: Exercise, value: float | int | None) -> str:
    """A verdict (i18n key suffix): right, forgot_area (gave weights x k^2 C C without H x W), added_area, too_small, too_big."""
    if check_answer(exercise, value):
        return "right"
    value = round(float(value or 0))
    area = exercise.cfg.size ** 2
    if exercise.quantity == "macs" and value * area == exercise.answer:
        return "forgot_area"
    if exercise.quantity == "params" and value == exercise.answer * area:
        return "added_area"
    return "too_small" if value < exercise.answer else "too_big"


# ---------------------------------------------------------------------------------- 1x1 conv = matmul per pixel

@dataclass(frozen=True)
class OneByOneDemo:
    x: np.ndarray           # (C_in, H, W) input
    weight: np.ndarray      # (C_out, C_in): the 1x1 kernels, one row per output channel
    bias: np.ndarray        # (C_out,)
    conv_out: np.ndarray    # (C_out, H, W) from nn.Conv2d(kernel_size=1)
    matmul_out: np.ndarray  # (C_out, H, W) from W @ x[:, i, j] + b at every pixel
    max_diff: float


def one_by_one_demo(seed: int = 0, in_ch: int = 3, out_ch: int = 2, size: int = 4) -> OneByOneDemo:
    """The same numbers two ways: a 1x1 convolution, and a matrix multiply at each pixel.

    Inputs and weights are rounded to one decimal so students can check a pixel by hand.
    """
    g = torch.Generator().manual_seed(seed)
    def one_decimal(*shape: int) -> torch.Tensor:
        return torch.round(torch.randn(*shape, generator=g) * 10) / 10 + 0.0  # + 0.0 turns -0.0 into 0.0

    x = one_decimal(in_ch, size, size)
    conv = nn.Conv2d(in_ch, out_ch, kernel_size=1)
    with torch.no_grad():
        conv.weight.copy_(one_decimal(out_ch, in_ch, 1, 1))
        conv.bias.copy_(one_decimal(out_ch))
        conv_out = conv(x.unsqueeze(0))[0]
        w = conv.weight[:, :, 0, 0].detach()
        b = conv.bias.detach()
        matmul_out = torch.empty_like(conv_out)
        for i in range(size):
            for j in range(size):
                matmul_out[:, i, j] = w @ x[:, i, j] + b  # one pixel: a fully connected layer over channels
    diff = float((conv_out - matmul_out).abs().max())
    return OneByOneDemo(x.numpy(), w.numpy().copy(), b.numpy().copy(), conv_out.detach().numpy(),
                        matmul_out.numpy(), diff)


def pixel_formula(demo: OneByOneDemo, i: int = 0, j: int = 0, out: int = 0) -> str:
    """LaTeX for one output value: sum_c W[out, c] * x[c, i, j] + b[out]."""
    terms = " + ".join(f"({demo.weight[out, c]:.1f})({demo.x[c, i, j]:.1f})" for c in range(demo.x.shape[0]))
    return rf"y_{{{out},{i},{j}}} = {terms} + ({demo.bias[out]:.1f}) = {demo.conv_out[out, i, j]:.2f}"


# ---------------------------------------------------------------------------------- a real block as referee

MAX_VERIFY_MACS = 4_000_000_000  # keeps one CPU forward pass well under a second or two


@dataclass(frozen=True)
class Verification:
    output_shape: tuple
    expected_shape: tuple
    torchinfo_params: int
    formula_params: int      # weights + biases (the paper variant's convs have biases)
    torchinfo_macs: int
    formula_macs: int        # multiply-adds without the bias additions
    bias_adds: int           # torchinfo counts one more "multiply-add" per output value for each bias

    @property
    def agree(self) -> bool:
        return (self.output_shape == self.expected_shape and self.torchinfo_params == self.formula_params
                and self.torchinfo_macs == self.formula_macs + self.bias_adds)


def verify_inception(cfg: LabConfig, kernel5: int = 5, seed: int = 0) -> Verification:
    """Build the block (conv + bias + ReLU, as in the paper), push one random tensor through, ask torchinfo."""
    import torchinfo

    torch.manual_seed(seed)
    block = Inception(*cfg.spec, batch_norm=False, kernel5=kernel5).eval()
    x = torch.randn(1, cfg.in_ch, cfg.size, cfg.size)
    with torch.no_grad():
        y = block(x)
        stats = torchinfo.summary(block, input_data=x, verbose=0)
    with_bias = cfg.cost(bottleneck=True, kernel5=kernel5, bias=True)["total"]
    plain = cfg.cost(bottleneck=True, kernel5=kernel5, bias=False)["total"]
    bias_adds = (with_bias.params - plain.params) * cfg.size * cfg.size
    return Verification(tuple(y.shape), (1, cfg.out_channels(), cfg.size, cfg.size), int(stats.total_params),
                        with_bias.params, int(stats.total_mult_adds), plain.macs, bias_adds)


def verify_is_affordable(cfg: LabConfig, kernel5: int = 5) -> bool:
    return cfg.cost(bottleneck=True, kernel5=kernel5)["total"].macs <= MAX_VERIFY_MACS


# ---------------------------------------------------------------------------------- architecture page helpers

def weighted_rows(rows: list[LayerRow]) -> list[LayerRow]:
    """The rows that have weights (convs, Inception blocks, the linear layer)."""
    return [r for r in rows if r.params or r.macs]


def shares(rows: list[LayerRow]) -> dict[str, tuple[float, float]]:
    """Each weighted row's share of the network's parameters and multiply-adds (fractions summing to 1)."""
    weighted = weighted_rows(rows)
    total_p = sum(r.params for r in weighted) or 1
    total_m = sum(r.macs for r in weighted) or 1
    return {r.name: (r.params / total_p, r.macs / total_m) for r in weighted}


def row_kind(name: str) -> str:
    """Which building block a row / item of the architecture page is made of."""
    if name.startswith("inception"):
        return "inception"
    if name.startswith("aux"):
        return "aux"
    if name.startswith("conv"):
        return "conv"
    return "other"


@lru_cache(maxsize=16)
def block_source(kind: str, docstring: bool = True) -> str:
    """The PyTorch source of the block a row is built from (for st.code beside the diagram).

    docstring=False leaves out the class's docstring, so the layers themselves come first.
    """
    obj = {"inception": Inception, "conv": ConvBlock, "aux": AuxClassifier}.get(kind, GoogLeNet.forward)
    source = inspect.getsource(obj)
    if not docstring and obj.__doc__:
        source = re.sub(r'\n(\s*)"""(?:.|\n)*?"""\n', "\n", source, count=1)
    return source


@dataclass(frozen=True)
class AuxInfo:
    tap: str               # the block whose output feeds the head
    in_shape: tuple        # (C, H, W) of that output
    pooled: int            # H = W after the head's pool (the linear layer expects 4)
    cost: Cost             # 1x1 conv + two linear layers, at a 4x4 pooled map
    fits: bool             # whether the pooled map is the 4x4 the first linear layer expects


def aux_info(aux: str, variant: str = "paper", input_size: int = 224) -> AuxInfo:
    """An auxiliary head's cost. The paper pools 5x5 / stride 3 (14x14 -> 4x4, only at 224-ish inputs);
    torchvision pools adaptively to 4x4 at any input size."""
    tap = AUX_TAPS[aux]
    shape = stage_shapes(variant, input_size)[tap]
    pooled = (shape[1] - 5) // 3 + 1 if variant == "paper" else 4
    bias = variant == "paper"
    cost = (conv_cost(shape[0], 128, 1, 4, 4, bias=bias) + linear_cost(128 * 4 * 4, 1024)
            + linear_cost(1024, 1000))
    if not bias:  # torchvision: BatchNorm's scale and shift after the 1x1 conv
        cost = cost + Cost(2 * 128, 0)
    return AuxInfo(tap, shape, pooled, cost, pooled == 4)


@lru_cache(maxsize=16)
def network_summary(variant: str = "paper", input_size: int = 224) -> str:
    """torchinfo's table of the whole network (aux heads left out), traced on the "meta" device: fast, no memory."""
    import torchinfo

    model = meta_model(variant)
    stats = torchinfo.summary(model, input_size=(1, 3, input_size, input_size), verbose=0, depth=3,
                              col_names=("output_size", "num_params", "mult_adds"), col_width=18, device="meta")
    return str(stats)


@dataclass(frozen=True)
class PaperDifference:
    """One row of Table 1: the paper's published numbers beside the computed ones."""
    name: str
    paper_params_k: float
    params_k: float
    params_pct: float     # (published - computed) / computed, in percent
    paper_ops_m: float
    macs_m: float
    ops_pct: float


def paper_differences(rows: list[LayerRow]) -> list[PaperDifference]:
    """Rows that have published numbers, with the relative difference of each (K = 1024 for params)."""
    def pct(published: float, computed: float) -> float:
        return 100.0 * (published - computed) / computed if computed else 0.0
    return [PaperDifference(r.name, r.paper_params_k, r.params_k, pct(r.paper_params_k, r.params_k),
                            r.paper_ops_m, r.macs_m, pct(r.paper_ops_m, r.macs_m))
            for r in rows if r.paper_params_k is not None and r.paper_ops_m is not None]


@lru_cache(maxsize=4)
def dropout_p(variant: str) -> float:
    """The dropout probability before the final linear layer (paper 0.4, torchvision 0.2)."""
    return meta_model(variant).dropout.p
