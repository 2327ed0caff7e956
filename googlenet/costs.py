"""Exact parameter and multiply-add counts, from the channel numbers alone.

A k x k convolution from C_in to C_out channels producing an H x W map has
    k*k*C_in*C_out weights (+ C_out biases)  and  k*k*C_in*C_out*H*W multiply-adds:
every output value (C_out*H*W of them) is a dot product of length k*k*C_in.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import torch
from torch import nn

from .model import BRANCHES, INCEPTION_CONFIG, INPUT_SIZE, GoogLeNet, InceptionSpec, meta_device, meta_model

PAPER_TABLE = Path(__file__).with_name("data") / "paper_table1.csv"


class Cost(NamedTuple):
    params: int
    macs: int

    def __add__(self, other: "Cost") -> "Cost":  # type: ignore[override]
        return Cost(self.params + other.params, self.macs + other.macs)


ZERO = Cost(0, 0)


def conv_cost(in_ch: int, out_ch: int, kernel: int, out_h: int, out_w: int, bias: bool = False) -> Cost:
    """Weights (+ biases) and multiply-adds of one k x k convolution."""
    weights = kernel * kernel * in_ch * out_ch
    return Cost(weights + (out_ch if bias else 0), weights * out_h * out_w)


def linear_cost(in_features: int, out_features: int, bias: bool = True) -> Cost:
    weights = in_features * out_features
    return Cost(weights + (out_features if bias else 0), weights)


class ConvStep(NamedTuple):
    """One convolution inside a branch: in channels, out channels, kernel size."""
    in_ch: int
    out_ch: int
    kernel: int


def inception_branches(spec: InceptionSpec, bottleneck: bool = True, kernel5: int = 5) -> dict[str, list[ConvStep]]:
    """The convolutions of each branch, in BRANCHES order; each branch ends at its width from
    ``spec.branch_widths``. The naive module has no 1x1 reductions and no pool projection."""
    c, width = spec.in_channels, spec.branch_widths(bottleneck)
    if bottleneck:
        steps = {
            "branch1": [ConvStep(c, width["branch1"], 1)],
            "branch2": [ConvStep(c, spec.n3x3_reduce, 1), ConvStep(spec.n3x3_reduce, width["branch2"], 3)],
            "branch3": [ConvStep(c, spec.n5x5_reduce, 1), ConvStep(spec.n5x5_reduce, width["branch3"], kernel5)],
            "branch4": [ConvStep(c, width["branch4"], 1)],
        }
    else:
        steps = {
            "branch1": [ConvStep(c, width["branch1"], 1)],
            "branch2": [ConvStep(c, width["branch2"], 3)],
            "branch3": [ConvStep(c, width["branch3"], kernel5)],
            "branch4": [],  # the pooled input passes straight through: in_channels channels, no weights
        }
    return {b: steps[b] for b in BRANCHES}


def inception_cost(in_ch: int, size: int, n1x1: int, n3x3_reduce: int, n3x3: int, n5x5_reduce: int, n5x5: int,
                   pool_proj: int, bottleneck: bool = True, kernel5: int = 5, bias: bool = False) -> dict[str, Cost]:
    """Cost of each branch of an Inception module on a size x size input, and the "total", from the channel
    numbers as the paper's Table 1 lists them (the public form; ``module_cost`` takes an InceptionSpec)."""
    spec = InceptionSpec(in_ch, n1x1, n3x3_reduce, n3x3, n5x5_reduce, n5x5, pool_proj)
    return module_cost(spec, size, bottleneck=bottleneck, kernel5=kernel5, bias=bias)


def module_cost(spec: InceptionSpec, size: int, bottleneck: bool = True, kernel5: int = 5,
                bias: bool = False) -> dict[str, Cost]:
    """Cost of each branch of an Inception module on a size x size input (all branches keep the size),
    and the "total"."""
    steps = inception_branches(spec, bottleneck, kernel5)
    costs = {name: sum((conv_cost(s.in_ch, s.out_ch, s.kernel, size, size, bias) for s in convs), ZERO)
             for name, convs in steps.items()}
    costs["total"] = sum(costs.values(), ZERO)
    return costs


# ---------------------------------------------------------------------------------------------
# Whole-network tables, measured on the real model: shapes come from a forward pass on the
# "meta" device (no memory, no arithmetic), costs from each layer's own settings.

@dataclass
class LayerCost:
    """One Conv2d or Linear layer of the model."""
    name: str
    kind: str            # "conv" or "linear"
    in_ch: int
    out_ch: int
    kernel: int
    stride: int
    output_shape: tuple  # (C, H, W) or (features,)
    cost: Cost


@dataclass
class LayerRow:
    """One row of the paper's Table 1, computed from the model, with the paper's published numbers beside it."""
    name: str
    type: str
    patch_stride: str
    output_shape: tuple
    depth: int
    spec: dict = field(default_factory=dict)  # n1x1 ... pool_proj for Inception rows, n3x3_reduce/n3x3 for conv2
    params: int = 0
    macs: int = 0
    paper_params_k: float | None = None
    paper_ops_m: float | None = None
    modules: tuple = ()

    @property
    def params_k(self) -> float:
        """Parameters in the paper's unit: K = 1024."""
        return self.params / 1024

    @property
    def macs_m(self) -> float:
        return self.macs / 1e6


def trace_shapes(model: nn.Module, input_size: int) -> dict[str, tuple]:
    """Output shape (without batch) of every module, from one forward pass on the meta device."""
    shapes: dict[str, tuple] = {}
    handles = [m.register_forward_hook(lambda _m, _i, out, n=name: shapes.__setitem__(n, tuple(out.shape[1:])))
               for name, m in model.named_modules() if name]
    try:
        with torch.no_grad(), meta_device():
            model(torch.empty(1, 3, input_size, input_size, device="meta"))
    finally:
        for h in handles:
            h.remove()
    return shapes


@lru_cache(maxsize=32)
def stage_shapes(variant: str = "paper", input_size: int = INPUT_SIZE) -> dict[str, tuple]:
    """Output shape (C, H, W) of every module of the network, by dotted name, for one input size."""
    return trace_shapes(meta_model(variant), input_size)


@lru_cache(maxsize=64)
def conv_layers(variant: str = "paper", input_size: int = INPUT_SIZE) -> tuple[LayerCost, ...]:
    """Every Conv2d and Linear of the network (auxiliary heads left out), in forward order."""
    model = meta_model(variant)
    shapes = trace_shapes(model, input_size)
    layers = []
    for name, m in model.named_modules():
        if isinstance(m, nn.Conv2d):
            c, h, w = shapes[name]
            k, s = m.kernel_size[0], m.stride[0]
            layers.append(LayerCost(name, "conv", m.in_channels, m.out_channels, k, s, (c, h, w),
                                    conv_cost(m.in_channels, m.out_channels, k, h, w, bias=m.bias is not None)))
        elif isinstance(m, nn.Linear) and not name.startswith("aux"):
            layers.append(LayerCost(name, "linear", m.in_features, m.out_features, 1, 1, shapes[name],
                                    linear_cost(m.in_features, m.out_features, bias=m.bias is not None)))
    return tuple(layers)


def _paper_rows() -> dict[str, dict]:
    with PAPER_TABLE.open(newline="") as f:
        return {row["layer"]: row for row in csv.DictReader(f)}


# Table 1's rows and the model modules each one covers. The paper's "conv2" row (depth 2) is our
# conv2 (1x1 reduce) + conv3 (3x3); LRN layers are not rows in the paper's table.
TABLE_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("conv1", ("conv1",)), ("pool1", ("maxpool1",)), ("conv2", ("conv2", "conv3")), ("pool2", ("maxpool2",)),
    ("inception3a", ("inception3a",)), ("inception3b", ("inception3b",)), ("pool3", ("maxpool3",)),
    ("inception4a", ("inception4a",)), ("inception4b", ("inception4b",)), ("inception4c", ("inception4c",)),
    ("inception4d", ("inception4d",)), ("inception4e", ("inception4e",)), ("pool4", ("maxpool4",)),
    ("inception5a", ("inception5a",)), ("inception5b", ("inception5b",)), ("avgpool", ("avgpool",)),
    ("dropout", ("dropout",)), ("linear", ("fc",)), ("softmax", ()),
)

SPEC_COLUMNS = InceptionSpec._fields[1:]  # n1x1, n3x3_reduce, n3x3, n5x5_reduce, n5x5, pool_proj


def _patch_stride(model: GoogLeNet, modules: tuple[str, ...], fallback: str) -> str:
    if not modules:
        return fallback
    m = getattr(model, modules[-1])
    if isinstance(m, nn.MaxPool2d):
        k, s = m.kernel_size, m.stride
        return f"{k}x{k}/{s}"
    if hasattr(m, "conv") and isinstance(m.conv, nn.Conv2d):
        return f"{m.conv.kernel_size[0]}x{m.conv.kernel_size[0]}/{m.conv.stride[0]}"
    if isinstance(m, nn.AdaptiveAvgPool2d):
        return fallback
    return ""


@lru_cache(maxsize=32)
def _layer_table(variant: str, input_size: int) -> tuple[LayerRow, ...]:
    model = meta_model(variant)
    shapes = trace_shapes(model, input_size)
    macs_by_module: dict[str, int] = {}
    for layer in conv_layers(variant, input_size):
        top = layer.name.split(".")[0]
        macs_by_module[top] = macs_by_module.get(top, 0) + layer.cost.macs
    paper = _paper_rows()
    rows = []
    for row_name, modules in TABLE_ROWS:
        p = paper[row_name]
        params = sum(param.numel() for m in modules for param in getattr(model, m).parameters())
        macs = sum(macs_by_module.get(m, 0) for m in modules)
        if modules:
            shape = shapes[modules[-1]]
        else:  # softmax keeps the logits' shape
            shape = shapes["fc"]
        if row_name == "avgpool":
            shape = (shape[0], 1, 1)
        spec = {c: int(p[c]) for c in SPEC_COLUMNS if p[c]}
        if row_name in INCEPTION_CONFIG:
            spec = {c: getattr(INCEPTION_CONFIG[row_name], c) for c in SPEC_COLUMNS}
        avg_hw = shapes["inception5b"][1]
        fallback = f"{avg_hw}x{avg_hw}/1" if row_name == "avgpool" else ""
        rows.append(LayerRow(
            name=row_name, type=p["type"], patch_stride=_patch_stride(model, modules, fallback),
            output_shape=shape, depth=int(p["depth"]), spec=spec, params=params, macs=macs,
            paper_params_k=float(p["paper_params_K"]) if p["paper_params_K"] else None,
            paper_ops_m=float(p["paper_ops_M"]) if p["paper_ops_M"] else None,
            modules=modules,
        ))
    return tuple(rows)


def layer_table(variant: str = "paper", input_size: int = INPUT_SIZE) -> list[LayerRow]:
    """Paper Table 1 recomputed from the model: one row per layer, for any input size."""
    return list(_layer_table(variant, input_size))


def size_scaling(variant: str, input_size: int, reference: int = INPUT_SIZE) -> tuple[float, float]:
    """(multiply-adds at `input_size` / at `reference`, the area ratio (input_size / reference)^2): the work grows
    with the area of the picture (roughly: borders and ceil-mode pools make it inexact), the weights do not."""
    macs = network_total(variant, input_size).macs / network_total(variant, reference).macs
    return macs, (input_size / reference) ** 2


def network_total(variant: str = "paper", input_size: int = INPUT_SIZE) -> Cost:
    """Parameters (aux heads left out) and multiply-adds of convs + the final linear layer."""
    rows = _layer_table(variant, input_size)
    return Cost(sum(r.params for r in rows), sum(r.macs for r in rows))


# Published numbers further than this from the computed ones count as "off" (shown in red on the page).
PAPER_TOLERANCE_PCT = 3.0


@dataclass(frozen=True)
class PaperComparison:
    """One row of Table 1 that has published numbers, beside the computed ones."""
    name: str
    paper_params_k: float
    params_k: float
    params_pct: float     # (published - computed) / computed, in percent
    paper_ops_m: float
    macs_m: float
    ops_pct: float

    @property
    def params_off(self) -> bool:
        return abs(self.params_pct) > PAPER_TOLERANCE_PCT

    @property
    def ops_off(self) -> bool:
        return abs(self.ops_pct) > PAPER_TOLERANCE_PCT

    @property
    def off(self) -> bool:
        return self.params_off or self.ops_off


def _pct(published: float, computed: float) -> float:
    return 100.0 * (published - computed) / computed if computed else 0.0


def paper_comparison(rows: list[LayerRow]) -> list[PaperComparison]:
    """Every row with published params and ops, with the relative difference of each (params in K = 1024).
    A row is ``off`` where either differs by more than PAPER_TOLERANCE_PCT."""
    return [PaperComparison(r.name, r.paper_params_k, r.params_k, _pct(r.paper_params_k, r.params_k),
                            r.paper_ops_m, r.macs_m, _pct(r.paper_ops_m, r.macs_m))
            for r in rows if r.paper_params_k is not None and r.paper_ops_m is not None]
