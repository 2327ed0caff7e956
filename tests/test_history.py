"""googlenet.history: every number of the page "Why and how it came about", checked against an independent path
(real PyTorch modules, torchvision's metadata, hand arithmetic)."""
from __future__ import annotations

import math
import random

import pytest
import torch
import torchvision
from torch import nn

from googlenet import history
from googlenet.costs import network_total
from googlenet.i18n import placeholders
from googlenet.model import BLOCKS, INCEPTION_CONFIG, LRN_SETTINGS
from googlenet.strings import history as history_strings


# ------------------------------------------------------------------ naive width and depth

def test_widening_costs_grow_with_the_square_of_the_width():
    rows = history.widening()
    assert [r.width for r in rows] == list(history.WIDTHS)
    for r in rows:
        assert r.cost_factor == pytest.approx(r.factor ** 2)
        c, s = r.width, history.WIDEN_SIZE
        assert r.cost.params == 2 * 3 * 3 * c * c
        assert r.cost.macs == 2 * 3 * 3 * c * c * s * s
    # a real pair of convolutions holds the same number of weights
    with torch.device("meta"):
        pair = nn.Sequential(nn.Conv2d(128, 128, 3, padding=1, bias=False), nn.Conv2d(128, 128, 3, padding=1, bias=False))
    assert sum(p.numel() for p in pair.parameters()) == rows[1].cost.params


def test_naive_blocks_grow_block_after_block():
    rows = history.naive_growth()
    assert [r.block for r in rows] == list(BLOCKS)
    assert rows[0].in_channels == INCEPTION_CONFIG["inception3a"].in_channels == 192
    for before, after in zip(rows, rows[1:]):
        assert after.in_channels == before.out_channels                  # each block feeds the next
    for r in rows:
        spec = INCEPTION_CONFIG[r.block]
        # no pool projection: the input passes through beside the three conv branches
        assert r.out_channels == spec.n1x1 + spec.n3x3 + spec.n5x5 + r.in_channels
        assert (r.real_in, r.real_out) == (spec.in_channels, spec.out_channels)
        assert r.naive.macs > r.real.macs
    assert rows[-1].out_channels == 4944 and rows[-1].real_out == 1024
    assert [r.size for r in rows] == [28, 28, 14, 14, 14, 14, 14, 7, 7]
    # inception 3a, naive: the Inception lab's worked number (1x1, 3x3 and 5x5 branches on 192 channels)
    assert rows[0].naive.macs == 28 * 28 * 192 * (64 * 1 + 128 * 9 + 32 * 25) == 303_464_448
    naive, real = history.naive_totals()
    assert naive.macs == sum(r.naive.macs for r in rows) and real.macs == sum(r.real.macs for r in rows)
    assert 10 < naive.macs / real.macs < 12


# ------------------------------------------------------------------ Network-in-Network: global average pooling

def test_head_costs():
    heads = history.head_costs()
    assert heads.feature_shape == (1024, 7, 7) and heads.classes == 1000 and heads.hidden == (4096, 4096)
    assert heads.gap.params == 1024 * 1000 + 1000
    flat = 1024 * 7 * 7
    assert heads.fc_stack.params == (flat * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000) == 226_403_304
    assert heads.single_fc.params == flat * 1000 + 1000
    with torch.device("meta"):
        stack = nn.Sequential(nn.Linear(flat, 4096), nn.Linear(4096, 4096), nn.Linear(4096, 1000))
    assert sum(p.numel() for p in stack.parameters()) == heads.fc_stack.params
    assert heads.network == network_total("paper") and heads.network.params == 6_998_552
    assert heads.fc_stack.params / heads.network.params > 30


# ------------------------------------------------------------------ LRN

def test_lrn_example_matches_torch_and_the_formula():
    ex = history.lrn_example()
    assert ex.settings == LRN_SETTINGS == dict(size=5, alpha=1e-4, beta=0.75, k=2.0)
    assert ex.b == pytest.approx(ex.b_by_hand, rel=1e-12)
    # the same input, turned down more next to loud neighbours
    assert ex.a[0] == ex.a[4] and ex.b[4] < ex.b[0]
    assert ex.divisor[0] == pytest.approx((2 + 1e-4 / 5 * 50 ** 2) ** 0.75)
    assert ex.divisor[4] == pytest.approx((2 + 1e-4 / 5 * (50 ** 2 + 2 * 300 ** 2)) ** 0.75)
    assert ex.divisor[1] == pytest.approx((2 + 1e-4 / 5 * 50 ** 2) ** 0.75)   # defined where a_i = 0 too
    assert all(b * d == pytest.approx(a) for a, b, d in zip(ex.a, ex.b, ex.divisor))
    assert history.CAFFE_DEFAULT_K == 1.0


@pytest.mark.parametrize("seed", range(3))
def test_lrn_by_hand_is_pytorchs_formula(seed):
    rng = random.Random(seed)
    values = [rng.uniform(-400, 400) for _ in range(11)]
    for size, alpha, beta, k in ((5, 1e-4, 0.75, 2.0), (4, 1e-3, 0.5, 1.0), (3, 2e-4, 0.75, 1.0)):
        x = torch.tensor(values, dtype=torch.float64).view(1, -1, 1, 1)
        torch_b = nn.LocalResponseNorm(size, alpha, beta, k)(x).flatten().tolist()
        assert history.lrn_by_hand(values, size, alpha, beta, k) == pytest.approx(torch_b, rel=1e-12)


# ------------------------------------------------------------------ output size

def test_output_size_formula_agrees_with_a_real_conv():
    rng = random.Random(0)
    cases = [(224, 7, 2, 3), (56, 3, 1, 1), (28, 5, 1, 2), (14, 1, 1, 0), (7, 7, 1, 0), (10, 4, 3, 2)]
    cases += [(rng.randint(1, 64), rng.randint(1, 9), rng.randint(1, 4), rng.randint(0, 4)) for _ in range(40)]
    for h, k, s, p in cases:
        assert history.conv_output_size(h, k, s, p) == history.measured_output_size(h, k, s, p), (h, k, s, p)
    assert history.conv_output_size(224, 7, 2, 3) == 112          # GoogLeNet's conv1
    assert history.conv_output_size(**history.CONV1_EXAMPLE) == 112
    assert history.conv_output_size(3, 9, 1, 0) is None and history.measured_output_size(3, 9, 1, 0) is None
    with pytest.raises(ValueError):
        history.conv_output_size(0, 3, 1, 0)
    with pytest.raises(ValueError):
        history.conv_output_size(8, 3, 0, 0)


def test_padding_rule_keeps_the_size():
    assert [history.same_padding(k) for k in (1, 3, 5, 7)] == [0, 1, 2, 3]
    with pytest.raises(ValueError):
        history.same_padding(4)
    for row in history.padding_rule():
        assert row.formula == row.measured == history.SAME_SIZE_H


# ------------------------------------------------------------------ training

def test_published_schedule():
    assert history.published_lr_factor(0) == history.published_lr_factor(7) == 1
    assert history.published_lr_factor(8) == pytest.approx(0.96)
    assert history.published_lr_factor(100) == pytest.approx(0.96 ** 12)
    epochs = history.published_halving_epochs()
    assert epochs == 136 and history.published_lr_factor(epochs) < 0.5 <= history.published_lr_factor(epochs - 1)


def test_app_training_is_read_from_the_trainer():
    from googlenet.digits.trainer import TrainConfig, Trainer

    app = history.app_training()
    trainer = Trainer(TrainConfig())
    assert isinstance(trainer.optimizer, torch.optim.Adam) and app.optimizer == "Adam"
    assert app.lr == TrainConfig().lr and app.epochs == TrainConfig().epochs
    assert app.batch_size == TrainConfig().batch_size
    assert app.lr_middle == pytest.approx(app.lr / 2)
    assert 0 <= app.lr_last < app.lr / 100
    assert app.betas == tuple(trainer.optimizer.defaults["betas"])


# ------------------------------------------------------------------ the Inception versions

def test_count_macs_matches_the_package_and_torchvision():
    with torch.device("meta"):
        g = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)
        v3 = torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=False)
    cost = history.count_macs(g, 224)
    assert cost == network_total("torchvision")
    assert round(cost.macs / 1e9, 3) == torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.meta["_ops"]
    v3_cost = history.count_macs(v3, 299)
    assert round(v3_cost.macs / 1e9, 3) == torchvision.models.Inception_V3_Weights.IMAGENET1K_V1.meta["_ops"]


def test_inception_versions():
    versions = history.inception_versions()
    assert [v.key for v in versions] == ["v1", "v2", "v3", "v4", "irv2"]
    v1, v2, v3, v4, irv2 = versions
    total = network_total("paper")
    assert (v1.params, v1.macs, v1.cost_source) == (total.params, total.macs, "computed")
    assert v2.params == 13_600_000 and v2.macs is None and v2.cost_source == "cited"
    assert v3.params == 23_834_568 and v3.input_size == 299 and v3.cost_source == "computed"
    assert v3.macs < history.V3_PAPER[0] * 1.2 and v3.params < history.V3_PAPER[1]   # "5 billion", "< 25 million"
    assert (v4.params, v4.macs) == history.TIMM_COSTS["v4"] and (irv2.params, irv2.macs) == history.TIMM_COSTS["irv2"]
    assert [v.top1 for v in versions] == sorted(v.top1 for v in versions)
    assert (v1.top1, v1.top5) == (69.8, 89.6)
    assert [v.published for v in versions] == ["2014-09", "2015-02", "2015-12", "2016-02", "2016-02"]
    assert v3.venue == "CVPR 2016"


def test_history_strings_in_both_languages():
    en, zh = history_strings.EN, history_strings.ZH
    assert list(en) == list(zh)
    for key in en:
        assert key.startswith("history."), key
        assert placeholders(en[key]) == placeholders(zh[key]), key
    assert "Adam" not in en["history.train.app.optimizer"]    # read from the trainer, never typed
    assert math.isclose(history.PUBLISHED_LR_DECAY, 0.04)
