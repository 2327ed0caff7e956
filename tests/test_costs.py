"""Exact parameter and multiply-add counts: worked examples, paper Table 1, and torchinfo as a referee."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
import torch
import torchinfo
from torch import nn

from googlenet import GoogLeNet, INCEPTION_CONFIG
from googlenet.costs import (PAPER_TOLERANCE_PCT, Cost, conv_cost, conv_layers, inception_branches, inception_cost, module_cost,
                             layer_table, network_total, paper_comparison)
from googlenet.model import BRANCHES

TABLE1 = Path(__file__).resolve().parents[1] / "googlenet" / "data" / "paper_table1.csv"


def table1() -> list[dict]:
    with TABLE1.open(newline="") as f:
        return list(csv.DictReader(f))


def optional_float(text: str) -> float | None:
    return float(text) if text else None


# ------------------------------------------------------------------ the worked examples (../shared/reference/CONCEPTS.md section 2)

def test_5x5_conv_multiplies_naive_vs_bottleneck():
    naive = conv_cost(192, 32, 5, 28, 28)
    assert naive.macs == 5 * 5 * 28 * 28 * 192 * 32 == 120_422_400
    reduce = conv_cost(192, 16, 1, 28, 28)
    conv5 = conv_cost(16, 32, 5, 28, 28)
    assert reduce.macs == 2_408_448
    assert conv5.macs == 10_035_200
    assert (reduce + conv5).macs == 12_443_648  # not 12,433,648 as seed article 004 prints
    assert naive.macs / (reduce + conv5).macs == pytest.approx(9.68, abs=0.01)


def test_5x5_conv_parameters_naive_vs_bottleneck():
    assert conv_cost(512, 64, 5, 1, 1).params == 819_200
    with_reduce = conv_cost(512, 24, 1, 1, 1) + conv_cost(24, 64, 5, 1, 1)
    assert with_reduce.params == 512 * 24 + 5 * 5 * 24 * 64 == 50_688
    # Biases add one parameter per output channel, and no multiply-adds.
    assert conv_cost(512, 64, 5, 7, 7, bias=True) == Cost(819_200 + 64, 819_200 * 49)


def test_inception3a_naive_vs_bottleneck():
    spec = INCEPTION_CONFIG["inception3a"]
    naive = inception_cost(192, 28, 64, 96, 128, 16, 32, 32, bottleneck=False)   # Table 1's row, as published
    bottleneck = inception_cost(192, 28, 64, 96, 128, 16, 32, 32, bottleneck=True)
    assert naive == module_cost(spec, 28, bottleneck=False) and bottleneck == module_cost(spec, 28)
    assert naive["branch4"] == Cost(0, 0)  # the pooled input passes straight through
    assert set(naive) == set(bottleneck) == {"branch1", "branch2", "branch3", "branch4", "total"}
    for costs in (naive, bottleneck):
        assert costs["total"] == sum((costs[b] for b in ("branch1", "branch2", "branch3", "branch4")), Cost(0, 0))
    assert bottleneck["total"].macs < naive["total"].macs
    assert bottleneck["total"].params < naive["total"].params
    # The exact numbers (no biases): 303,464,448 vs 128,049,152 multiply-adds, about 2.4x fewer.
    assert naive["total"] == Cost(387_072, 303_464_448)
    assert naive["branch3"].macs == 120_422_400
    assert bottleneck["total"] == Cost(163_328, 128_049_152)


@pytest.mark.parametrize("variant, kernel5, bias", [("paper", 5, True), ("torchvision", 3, False)])
def test_inception_cost_agrees_with_the_layer_table(variant, kernel5, bias):
    rows = {r.name: r for r in layer_table(variant)}
    for name, spec in INCEPTION_CONFIG.items():
        size = rows[name].output_shape[1]
        total = module_cost(spec, size, kernel5=kernel5, bias=bias)["total"]
        assert total.macs == rows[name].macs, name
        # torchvision's rows also hold BatchNorm's weight and bias: two per output channel of each conv.
        conv_outputs = spec.n1x1 + spec.n3x3_reduce + spec.n3x3 + spec.n5x5_reduce + spec.n5x5 + spec.pool_proj
        batch_norm = 0 if bias else 2 * conv_outputs
        assert total.params + batch_norm == rows[name].params, name


# ------------------------------------------------------------------ paper Table 1

def test_layer_table_has_every_table1_row_with_the_published_numbers():
    rows = layer_table("paper")
    csv_rows = table1()
    assert [r.name for r in rows] == [c["layer"] for c in csv_rows]
    assert len(rows) == 19
    for row, c in zip(rows, csv_rows):
        assert row.paper_params_k == optional_float(c["paper_params_K"]), row.name
        assert row.paper_ops_m == optional_float(c["paper_ops_M"]), row.name
        assert row.depth == int(c["depth"]), row.name
        hw, channels = int(c["output_hw"]), int(c["output_channels"])
        if len(row.output_shape) == 3:
            assert row.output_shape == (channels, hw, hw), row.name
        else:  # dropout / linear / softmax act on the flattened 1x1xC vector
            assert hw == 1 and row.output_shape == (channels,), row.name


# Published params (K = 1024) against the computed ones (weights + biases), relative to the computed value,
# in percent. Every Inception row is within 6% except inception4c: the paper lists 463K where the channel
# numbers give 510,104 = 498.1K (-7.06%). 5a: 1072K vs 1,043,456 = 1019.0K (+5.20%).
PARAMS_DEVIATION_PCT = {
    "inception3a": -0.54,  # 159K  vs 163,696   = 159.9K
    "inception3b": +0.10,  # 380K  vs 388,736   = 379.6K
    "inception4a": -0.91,  # 364K  vs 376,176   = 367.4K
    "inception4b": -0.37,  # 437K  vs 449,160   = 438.6K
    "inception4c": -7.06,  # 463K  vs 510,104   = 498.1K
    "inception4d": -1.89,  # 580K  vs 605,376   = 591.2K
    "inception4e": -0.94,  # 840K  vs 868,352   = 848.0K
    "inception5a": +5.20,  # 1072K vs 1,043,456 = 1019.0K
    "inception5b": -1.58,  # 1388K vs 1,444,080 = 1410.2K
}
# Published ops (M = 10^6) against computed multiply-adds, in percent: all within 1% except 5a.
OPS_DEVIATION_PCT = {
    "inception3a": -0.04, "inception3b": -0.09, "inception4a": -0.83, "inception4b": +0.10,
    "inception4c": +0.15, "inception4d": +0.41, "inception4e": +0.00,
    "inception5a": +5.72,  # 54M vs 51,079,168
    "inception5b": +0.43,
}


def deviation_pct(published: float, computed: float) -> float:
    return (published - computed) / computed * 100


def test_inception_rows_agree_with_the_published_table():
    rows = {r.name: r for r in layer_table("paper")}
    for name in INCEPTION_CONFIG:
        row = rows[name]
        params_dev = deviation_pct(row.paper_params_k, row.params_k)
        ops_dev = deviation_pct(row.paper_ops_m, row.macs_m)
        assert params_dev == pytest.approx(PARAMS_DEVIATION_PCT[name], abs=0.01), name
        assert ops_dev == pytest.approx(OPS_DEVIATION_PCT[name], abs=0.01), name
        assert abs(ops_dev) < 6, name
        assert abs(params_dev) < (8 if name == "inception4c" else 6), name
    assert [n for n, d in PARAMS_DEVIATION_PCT.items() if abs(d) >= 6] == ["inception4c"]


def test_stem_and_classifier_rows():
    rows = {r.name: r for r in layer_table("paper")}
    # conv1: the published 2.7K / 34M cannot come from a 7x7x3 -> 64 conv at 112x112.
    assert rows["conv1"].params == 7 * 7 * 3 * 64 + 64 == 9_472
    assert rows["conv1"].macs == 7 * 7 * 3 * 64 * 112 * 112 == 118_013_952
    assert (rows["conv1"].paper_params_k, rows["conv1"].paper_ops_m) == (2.7, 34)
    # conv2 (1x1 reduce to 64, then 3x3 to 192): 112K / 360M published, 114,944 = 112.25K / 359.66M computed.
    assert rows["conv2"].params == 64 * 64 + 64 + 3 * 3 * 64 * 192 + 192 == 114_944
    assert rows["conv2"].macs == 359_661_568
    assert abs(deviation_pct(rows["conv2"].paper_params_k, rows["conv2"].params_k)) < 0.5
    assert abs(deviation_pct(rows["conv2"].paper_ops_m, rows["conv2"].macs_m)) < 0.5
    # linear: 1000K / 1M published; 1024*1000 + 1000 = 1,025,000 = 1001.0K, 1,024,000 multiply-adds.
    assert rows["linear"].params == 1_025_000 and rows["linear"].macs == 1_024_000
    for name in ("pool1", "pool2", "pool3", "pool4", "avgpool", "dropout", "softmax"):
        assert (rows[name].params, rows[name].macs) == (0, 0), name


def test_one_paper_comparison_with_one_tolerance():
    compared = {d.name: d for d in paper_comparison(layer_table("paper"))}
    assert list(compared) == ["conv1", "conv2", *INCEPTION_CONFIG, "linear"]  # the rows with published numbers
    assert compared["conv1"].params_pct == pytest.approx(100 * (2.7 - 9472 / 1024) / (9472 / 1024))
    assert compared["inception5a"].params_k == pytest.approx(1019.0) and compared["inception5a"].paper_params_k == 1072
    assert PAPER_TOLERANCE_PCT == 3
    assert [n for n, d in compared.items() if d.off] == ["conv1", "inception4c", "inception5a"]
    assert (compared["inception4c"].params_off, compared["inception4c"].ops_off) == (True, False)
    assert compared["inception5a"].params_off and compared["inception5a"].ops_off
    for d in compared.values():
        assert d.off == (abs(d.params_pct) > PAPER_TOLERANCE_PCT or abs(d.ops_pct) > PAPER_TOLERANCE_PCT)


@pytest.mark.parametrize("name", list(INCEPTION_CONFIG))
@pytest.mark.parametrize("bottleneck", [True, False])
def test_branches_end_at_the_spec_widths(name, bottleneck):
    spec = INCEPTION_CONFIG[name]
    steps = inception_branches(spec, bottleneck=bottleneck)
    assert tuple(steps) == BRANCHES
    for branch, width in spec.branch_widths(bottleneck).items():
        if steps[branch]:
            assert steps[branch][0].in_ch == spec.in_channels and steps[branch][-1].out_ch == width
        else:  # the naive pool branch: no conv, the input's channels pass through
            assert not bottleneck and branch == "branch4" and width == spec.in_channels


def test_network_totals():
    assert network_total("paper") == Cost(6_998_552, 1_582_671_872)  # ~7.0M params, ~1.58G multiply-adds
    assert network_total("torchvision") == Cost(6_624_904, 1_498_376_192)
    with torch.device("meta"):
        for variant in ("paper", "torchvision"):
            model = GoogLeNet(variant=variant, aux_logits=False, init_weights=False)
            assert network_total(variant).params == sum(p.numel() for p in model.parameters())


# ------------------------------------------------------------------ torchinfo as a referee

def torchinfo_layers(variant: str, size: int) -> dict[str, "torchinfo.layer_info.LayerInfo"]:
    """torchinfo's row for every Conv2d and Linear, keyed by the module's path in the model."""
    with torch.device("meta"):
        model = GoogLeNet(variant=variant, aux_logits=False, init_weights=False).eval()
    path = {id(m): name for name, m in model.named_modules()}
    summary = torchinfo.summary(model, input_size=(1, 3, size, size), depth=20, verbose=0, device="meta")
    layers = {path[id(info.module)]: info for info in summary.summary_list
              if isinstance(info.module, (nn.Conv2d, nn.Linear))}
    assert summary.total_params == sum(p.numel() for p in model.parameters())
    return layers


def torchinfo_weight_macs(info) -> int:
    """torchinfo counts one multiply-add per bias per output value as well (LayerInfo.calculate_macs);
    costs.py counts the multiply-adds of the weights only, as the paper does. Take the bias term out."""
    bias = info.module.bias
    if bias is None:
        return info.macs
    spatial = 1
    for d in info.output_size[2:]:
        spatial *= d
    return info.macs - bias.numel() * spatial


@pytest.mark.parametrize("variant", ["paper", "torchvision"])
@pytest.mark.parametrize("size", [224, 160])
def test_every_conv_and_linear_agrees_with_torchinfo(variant, size):
    ours = conv_layers(variant, size)
    theirs = torchinfo_layers(variant, size)
    assert [layer.name for layer in ours] == list(theirs)  # same layers, same (forward) order
    assert len(ours) == 3 + 9 * 6 + 1
    for layer in ours:
        info = theirs[layer.name]
        assert layer.cost.params == info.num_params == info.trainable_params, layer.name
        assert layer.cost.macs == torchinfo_weight_macs(info), layer.name
        if info.module.bias is None:  # torchvision's convs (BatchNorm follows): no correction at all
            assert layer.cost.macs == info.macs, layer.name
        assert list(layer.output_shape) == info.output_size[1:], layer.name
    assert sum(layer.cost.macs for layer in ours) == sum(torchinfo_weight_macs(i) for i in theirs.values())
    assert sum(layer.cost.params for layer in ours) == sum(i.num_params for i in theirs.values())
    if size == 224:
        assert sum(layer.cost.macs for layer in ours) == network_total(variant).macs


# ------------------------------------------------------------------ other input sizes

@pytest.mark.parametrize("variant", ["paper", "torchvision"])
def test_doubling_the_input_quadruples_the_conv_multiply_adds(variant):
    # Every spatial size doubles exactly (224 -> 448: 112 -> 224, ..., 7 -> 14), so every conv row costs
    # exactly 4x; the linear layer (after global average pooling) costs the same; parameters do not change.
    small, large = layer_table(variant, 224), layer_table(variant, 448)
    for a, b in zip(small, large):
        assert b.params == a.params, a.name
        if len(a.output_shape) == 3:
            c, h, w = a.output_shape
            assert b.output_shape == ((c, 2 * h, 2 * w) if a.name != "avgpool" else (c, 1, 1)), a.name
        if a.name == "linear":
            assert b.macs == a.macs == 1_024_000
        else:
            assert b.macs == 4 * a.macs, a.name
    linear = 1_024_000
    assert network_total(variant, 448).macs == 4 * (network_total(variant).macs - linear) + linear
