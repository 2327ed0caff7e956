"""The architecture explorer's analysis: Table 1 as a table, the published numbers beside the computed ones,
each layer's share of the network, one layer up close (its cost, its building block, its source code),
the auxiliary heads' cost and torchinfo's summary of the whole network.

Words come from ``googlenet.i18n.t`` (current language); numbers from ``googlenet.costs``.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .blocks import AuxClassifier, ConvBlock, Inception
from .costs import (SPEC_COLUMNS, TABLE_ROWS, Cost, LayerCost, LayerRow, conv_cost, conv_layers, linear_cost,
                    network_total, paper_comparison, stage_shapes)
from .i18n import t
from .model import AUX_TAPS, INPUT_SIZE, GoogLeNet, meta_device, meta_model, short_name

VARIANTS = ("paper", "torchvision")
AUX_HEADS = tuple(AUX_TAPS)  # aux1, aux2


# ---------------------------------------------------------------------------------- names and shapes

ROW_MODULES = dict(TABLE_ROWS)  # Table 1's row -> the model's modules it covers ("conv2" -> conv2, conv3)


def code_names(row: str) -> str:
    """The model's own names for a Table 1 row: "conv2 + conv3" for the paper's one row of depth 2, "maxpool1" for
    its "pool1": one name per layer on every page, the name the code uses."""
    return " + ".join(ROW_MODULES.get(row, ())) or row


def layer_label(name: str, variant: str = "paper") -> str:
    """Table 1's "type" column with the model's names: "convolution (conv2 + conv3)", "inception (3a)",
    "max pool (maxpool2)"."""
    if name.startswith("inception"):
        return f"inception ({short_name(name)})"
    if name.startswith("conv"):
        return t("arch.layer.conv", name=code_names(name))
    if name.startswith("pool"):
        return t("arch.layer.pool", name=code_names(name))
    if name.startswith("aux"):
        return t("arch.layer.aux", n=name[-1])
    if name == "dropout":
        return t("arch.layer.dropout", p=round(dropout_p(variant) * 100))
    return t(f"arch.layer.{name}")


def chart_label(name: str) -> str:
    """Short names for the share chart's axis (the model's names)."""
    if name.startswith("inception"):
        return f"Inception {short_name(name)}"
    return code_names(name) if name.startswith("conv") else t(f"arch.layer.{name}")


def shape_text(shape: tuple) -> str:
    """(C, H, W) -> "H×W×C" as Table 1 writes it; a flat (C,) -> "1×1×C"."""
    if len(shape) == 3:
        c, h, w = shape
        return f"{h}×{w}×{c}"
    return f"1×1×{shape[0]}"


def row_kind(name: str) -> str:
    """Which building block a row / item of the architecture page is made of."""
    if name.startswith("inception"):
        return "inception"
    if name.startswith("aux"):
        return "aux"
    if name.startswith("conv"):
        return "conv"
    return "other"


def spatial_path(variant: str, size: int) -> list[int]:
    """Height = width of the input, after each stride-2 stage, at the last block, and after the global pool."""
    shapes = stage_shapes(variant, size)
    return [size] + [shapes[m][1] for m in ("conv1", "maxpool1", "maxpool2", "maxpool3", "maxpool4",
                                            "inception5b")] + [1]


# ---------------------------------------------------------------------------------- tables

def table1(rows: list[LayerRow], variant: str) -> pd.DataFrame:
    """Paper Table 1 recomputed: one row per layer, the channel columns as text ("" where they do not apply)."""
    return pd.DataFrame({
        "type": [layer_label(r.name, variant) for r in rows],
        "patch": [r.patch_stride for r in rows],
        "output": [shape_text(r.output_shape) for r in rows],
        "depth": [r.depth for r in rows],
        **{c: [str(r.spec[c]) if c in r.spec else "" for r in rows] for c in SPEC_COLUMNS},
        "params": [r.params for r in rows],
        "macs": [r.macs for r in rows],
    })


OFF_STYLE = "background-color: #f8d7da; color: #842029; font-weight: bold"


def paper_table(rows: list[LayerRow]):
    """The published numbers beside the computed ones (costs.paper_comparison), as a pandas Styler:
    the cells of a row's params (or ops) in red where they differ by more than costs.PAPER_TOLERANCE_PCT."""
    diffs = paper_comparison(rows)
    frame = pd.DataFrame({
        "layer": [layer_label(d.name) for d in diffs],
        "paper_params": [d.paper_params_k for d in diffs], "our_params": [d.params_k for d in diffs],
        "diff_params": [round(d.params_pct, 1) + 0.0 for d in diffs],  # + 0.0: no "-0.0%"
        "paper_ops": [d.paper_ops_m for d in diffs], "our_ops": [d.macs_m for d in diffs],
        "diff_ops": [round(d.ops_pct, 1) + 0.0 for d in diffs],
    })

    def red_if_off(col: pd.Series) -> list[str]:
        params = col.name in ("paper_params", "our_params", "diff_params")
        return [OFF_STYLE if (d.params_off if params else d.ops_off) else "" for d in diffs]

    return frame.style.apply(red_if_off, subset=[c for c in frame.columns if c != "layer"])


def off_rows(rows: list[LayerRow]) -> list[str]:
    """Names of the rows whose published numbers are off (costs.paper_comparison), in the current language."""
    return [layer_label(d.name) for d in paper_comparison(rows) if d.off]


def explain_numbers(rows: list[LayerRow]) -> dict:
    """Every number the "Reading the differences" text quotes: published ones from Table 1 (paper_table1.csv),
    computed ones from the model (conv1's kernel and channels from its Conv2d), and the ratios between them."""
    row = {r.name: r for r in rows}
    conv1 = next(layer for layer in conv_layers("paper", INPUT_SIZE) if layer.name == "conv1.conv")
    c1, i3a, i4c, i5a = (row[n] for n in ("conv1", "inception3a", "inception4c", "inception5a"))
    return dict(
        i3a_params=i3a.params, i3a_k=i3a.params_k, i3a_paper=i3a.paper_params_k,
        conv1_paper_k=c1.paper_params_k, conv1_paper_m=c1.paper_ops_m,
        k=conv1.kernel, cin=conv1.in_ch, cout=conv1.out_ch, hw=conv1.output_shape[1],
        conv1_weights=conv1.kernel ** 2 * conv1.in_ch * conv1.out_ch, conv1_params=c1.params, conv1_k=c1.params_k,
        conv1_macs=c1.macs, conv1_params_x=c1.params_k / c1.paper_params_k, conv1_macs_x=c1.macs_m / c1.paper_ops_m,
        i4c_paper=i4c.paper_params_k, i4c_k=i4c.params_k,
        i5a_paper_k=i5a.paper_params_k, i5a_paper_m=i5a.paper_ops_m, i5a_k=i5a.params_k, i5a_params=i5a.params,
        i5a_m=i5a.macs_m)


def stem_channels(variant: str = "paper") -> dict[str, int]:
    """Output channels of the model's conv2 (1x1 reduce) and conv3 (3x3): Table 1's one row of depth 2."""
    out = {layer.name.split(".")[0]: layer.out_ch for layer in conv_layers(variant, INPUT_SIZE)}
    return {"conv2": out["conv2"], "conv3": out["conv3"]}


# ---------------------------------------------------------------------------------- shares of the whole

def weighted_rows(rows: list[LayerRow]) -> list[LayerRow]:
    """The rows that have weights (convs, Inception blocks, the linear layer)."""
    return [r for r in rows if r.params or r.macs]


def shares(rows: list[LayerRow]) -> dict[str, tuple[float, float]]:
    """Each weighted row's share of the network's parameters and multiply-adds (fractions summing to 1)."""
    weighted = weighted_rows(rows)
    total_p = sum(r.params for r in weighted) or 1
    total_m = sum(r.macs for r in weighted) or 1
    return {r.name: (r.params / total_p, r.macs / total_m) for r in weighted}


def share_chart_data(rows: list[LayerRow], pick: str) -> tuple[tuple, tuple, tuple, str | None]:
    """Arguments for ui.charts.share_chart (axis names, params shares, macs shares, the selected name).
    Shares are rounded to the 0.1% the chart prints: input sizes that scale every layer alike reuse one drawing."""
    part = shares(rows)
    names = list(part)
    return (tuple(chart_label(n) for n in names), tuple(round(part[n][0], 3) for n in names),
            tuple(round(part[n][1], 3) for n in names), chart_label(pick) if pick in part else None)


# ---------------------------------------------------------------------------------- one layer up close

@dataclass(frozen=True)
class AuxInfo:
    tap: str               # the block whose output feeds the head
    in_shape: tuple        # (C, H, W) of that output
    pooled: int            # H = W after the head's pool (the linear layer expects 4)
    cost: Cost             # 1x1 conv + two linear layers, at a 4x4 pooled map
    fits: bool             # whether the pooled map is the 4x4 the first linear layer expects


@lru_cache(maxsize=1)
def aux_head_input() -> tuple[int, int, int]:
    """(side, channels, features): the map the head's first linear layer reads, 4 x 4 x 128 = 2048, from the
    module itself."""
    with meta_device():
        head = AuxClassifier(512, 1000)
    channels, features = head.conv.conv.out_channels, head.fc1.in_features
    return round((features / channels) ** 0.5), channels, features


def head_features(variant: str = "paper") -> tuple[int, int]:
    """(inputs, outputs) of the final linear layer: the 1024 averages of the global pool -> 1000 classes."""
    fc = meta_model(variant).fc
    return fc.in_features, fc.out_features


def aux_info(aux: str, variant: str = "paper", input_size: int = INPUT_SIZE) -> AuxInfo:
    """An auxiliary head's cost. The paper pools 5x5 / stride 3 (14x14 -> 4x4, only at 224-ish inputs);
    torchvision pools adaptively to 4x4 at any input size."""
    tap = AUX_TAPS[aux]
    shape = stage_shapes(variant, input_size)[tap]
    side, ch, features = aux_head_input()
    pooled = (shape[1] - 5) // 3 + 1 if variant == "paper" else side
    bias = variant == "paper"
    cost = (conv_cost(shape[0], ch, 1, side, side, bias=bias) + linear_cost(features, 1024)
            + linear_cost(1024, 1000))
    if not bias:  # torchvision: BatchNorm's scale and shift after the 1x1 conv
        cost = cost + Cost(2 * ch, 0)
    return AuxInfo(tap, shape, pooled, cost, pooled == side)


# The input sizes the architecture page offers (its slider): height = width, in pixels.
INPUT_SIZES = tuple(range(96, 449, 32))


@lru_cache(maxsize=8)
def aux_fitting_sizes(aux: str, variant: str = "paper") -> tuple[int, ...]:
    """The offered input sizes at which the head's pool gives the 4x4 map its first linear layer expects."""
    return tuple(size for size in INPUT_SIZES if aux_info(aux, variant, size).fits)


@dataclass(frozen=True)
class LayerFocus:
    """What the page shows about the picked layer, row of Table 1 or auxiliary head."""
    name: str
    kind: str                    # row_kind(name)
    shape: tuple                 # output shape: (C, H, W), (features,), or (1000,) for an aux head
    params: int
    macs: int
    params_share: float          # of the whole network (0 for aux heads and weightless rows)
    macs_share: float
    row: LayerRow | None         # None for aux heads
    aux: AuxInfo | None          # None for Table 1 rows
    convs: tuple[LayerCost, ...]  # the Conv2d layers of a "conv" row


def layer_choices(rows: list[LayerRow]) -> list[str]:
    return [r.name for r in rows] + list(AUX_HEADS)


def focus(rows: list[LayerRow], pick: str, variant: str, size: int) -> LayerFocus:
    """Everything about one layer (a Table 1 row name or "aux1" / "aux2") at this variant and input size."""
    kind = row_kind(pick)
    p_share, m_share = shares(rows).get(pick, (0.0, 0.0))
    if kind == "aux":
        info = aux_info(pick, variant, size)
        return LayerFocus(pick, kind, (1000,), info.cost.params, info.cost.macs, p_share, m_share, None, info, ())
    row = next(r for r in rows if r.name == pick)
    convs = tuple(layer for layer in conv_layers(variant, size) if layer.name.split(".")[0] in row.modules)
    return LayerFocus(pick, kind, row.output_shape, row.params, row.macs, p_share, m_share, row, None,
                      convs if kind == "conv" else ())


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


@lru_cache(maxsize=16)
def _summary(variant: str, input_size: int) -> tuple[str, int]:
    import torchinfo

    model = meta_model(variant)
    stats = torchinfo.summary(model, input_size=(1, 3, input_size, input_size), verbose=0, depth=3,
                              col_names=("output_size", "num_params", "mult_adds"), col_width=18, device="meta")
    return str(stats), int(stats.total_mult_adds)


def network_summary(variant: str = "paper", input_size: int = INPUT_SIZE) -> str:
    """torchinfo's table of the whole network (aux heads left out), traced on the "meta" device: fast, no memory."""
    return _summary(variant, input_size)[0]


def summary_extra_adds(variant: str = "paper", input_size: int = INPUT_SIZE) -> int:
    """How many more multiply-adds torchinfo counts than the table: it adds every bias once per output value
    (the paper variant's convs, the final linear layer) and one per BatchNorm scale and shift (torchvision)."""
    return _summary(variant, input_size)[1] - network_total(variant, input_size).macs


@lru_cache(maxsize=4)
def dropout_p(variant: str) -> float:
    """The dropout probability before the final linear layer (paper 0.4, torchvision 0.2)."""
    return meta_model(variant).dropout.p
