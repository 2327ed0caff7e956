"""googlenet.lab: presets, formulas, exercises, the 1x1 demo, the real-module referee; and inception_dot's labels."""
from __future__ import annotations

import pytest
import torch

from googlenet import INCEPTION_CONFIG, lab
from googlenet.costs import BRANCHES, inception_cost, layer_table, network_total
from googlenet.diagrams import INCEPTION_LABELS, inception_dot


# ------------------------------------------------------------------ presets

def test_presets_are_the_nine_blocks_at_their_input_sizes():
    presets = lab.lab_presets()
    assert set(presets) == set(INCEPTION_CONFIG) | {lab.WORKED_EXAMPLE}
    sizes = {name: presets[name].size for name in INCEPTION_CONFIG}
    assert sizes == {"inception3a": 28, "inception3b": 28, "inception4a": 14, "inception4b": 14, "inception4c": 14,
                     "inception4d": 14, "inception4e": 14, "inception5a": 7, "inception5b": 7}
    for name, spec in INCEPTION_CONFIG.items():
        assert presets[name].spec == tuple(spec)
        assert presets[name].out_channels() == spec.out_channels


def test_worked_example_is_branch3_of_3a():
    cfg = lab.lab_presets()[lab.WORKED_EXAMPLE]
    assert (cfg.in_ch, cfg.size, cfg.n5x5_reduce, cfg.n5x5) == (192, 28, 16, 32)
    assert cfg.cost(bottleneck=False)["branch3"].macs == 120_422_400
    assert cfg.cost(bottleneck=True)["branch3"].macs == 12_443_648


def test_slip_numbers():
    assert lab.SLIP["correct"] == 192 * 16 * 28 * 28 + 25 * 16 * 32 * 28 * 28 == 12_443_648
    assert lab.SLIP["printed"] == 12_433_648
    assert lab.SLIP["correct_term"] == 10_035_200 and lab.SLIP["printed_term"] == 5_017_600


# ------------------------------------------------------------------ formulas

def test_latex_int_keeps_commas_together():
    assert lab.latex_int(120_422_400) == "120{,}422{,}400"
    assert lab.latex_int(7) == "7"


def test_worked_example_formulas_show_the_substituted_numbers():
    cfg = lab.lab_presets()[lab.WORKED_EXAMPLE]
    naive, value = lab.branch_formula(cfg, "branch3", bottleneck=False)
    assert naive == r"5^2 \times 28^2 \times 192 \times 32 = 120{,}422{,}400" and value == 120_422_400
    reduced, value = lab.branch_formula(cfg, "branch3", bottleneck=True)
    assert value == 12_443_648
    for piece in (r"1^2 \times 28^2 \times 192 \times 16", r"5^2 \times 28^2 \times 16 \times 32",
                  "2{,}408{,}448", "10{,}035{,}200", "= 12{,}443{,}648"):
        assert piece in reduced
    params, value = lab.branch_formula(cfg, "branch3", bottleneck=True, quantity="params")
    assert value == 192 * 16 + 25 * 16 * 32 and r"5^2 \times 16 \times 32" in params and "^2 \\times 28" not in params


def test_naive_branch4_has_no_weights():
    cfg = lab.lab_presets()["inception4a"]
    assert lab.branch_formula(cfg, "branch4", bottleneck=False) == ("0", 0)


@pytest.mark.parametrize("name", list(INCEPTION_CONFIG))
@pytest.mark.parametrize("bottleneck", [True, False])
def test_formula_values_equal_costs(name, bottleneck):
    cfg = lab.lab_presets()[name]
    costs = inception_cost(cfg.in_ch, cfg.size, *cfg.spec[1:], bottleneck=bottleneck)
    for branch in BRANCHES:
        for quantity in lab.QUANTITIES:
            latex, value = lab.branch_formula(cfg, branch, bottleneck=bottleneck, quantity=quantity)
            assert value == getattr(costs[branch], quantity)
            assert latex.endswith(lab.latex_int(value))


def test_unknown_quantity_is_refused():
    with pytest.raises(ValueError):
        lab.conv_term(3, 4, 1, 5, quantity="flops")


# ------------------------------------------------------------------ exercises

@pytest.mark.parametrize("seed", range(40))
def test_exercise_answers_equal_costs(seed):
    ex = lab.make_exercise(seed)
    expected = inception_cost(ex.cfg.in_ch, ex.cfg.size, *ex.cfg.spec[1:], bottleneck=True)[ex.branch]
    assert ex.answer == getattr(expected, ex.quantity)
    assert ex.solution.endswith(lab.latex_int(ex.answer))
    assert lab.check_answer(ex, ex.answer)
    assert lab.check_answer(ex, float(ex.answer))
    assert not lab.check_answer(ex, ex.answer + 1)
    assert not lab.check_answer(ex, None)


def test_exercises_are_reproducible_and_varied():
    assert lab.make_exercise(7) == lab.make_exercise(7)
    many = [lab.make_exercise(s) for s in range(60)]
    assert {e.branch for e in many} == set(BRANCHES)
    assert {e.quantity for e in many} == set(lab.QUANTITIES)


def test_feedback_recognises_common_mistakes():
    ex = next(e for e in map(lab.make_exercise, range(100)) if e.quantity == "macs")
    area = ex.cfg.size ** 2
    assert lab.answer_feedback(ex, ex.answer) == "right"
    assert lab.answer_feedback(ex, ex.answer // area) == "forgot_area"
    assert lab.answer_feedback(ex, ex.answer - 1) == "too_small"
    assert lab.answer_feedback(ex, ex.answer + 1) == "too_big"
    ex = next(e for e in map(lab.make_exercise, range(100)) if e.quantity == "params")
    assert lab.answer_feedback(ex, ex.answer * ex.cfg.size ** 2) == "added_area"


# ------------------------------------------------------------------ 1x1 convolution as a matrix multiply

def test_one_by_one_conv_equals_matmul_per_pixel():
    demo = lab.one_by_one_demo()
    assert demo.x.shape == (3, 4, 4) and demo.weight.shape == (2, 3) and demo.bias.shape == (2,)
    assert demo.conv_out.shape == demo.matmul_out.shape == (2, 4, 4)
    assert demo.max_diff < 1e-6
    # And against an independent einsum.
    expected = torch.einsum("oc,chw->ohw", torch.tensor(demo.weight), torch.tensor(demo.x))
    expected += torch.tensor(demo.bias)[:, None, None]
    assert torch.allclose(expected, torch.tensor(demo.conv_out), atol=1e-6)
    assert lab.one_by_one_demo().max_diff == demo.max_diff  # fixed seed


def test_pixel_formula_matches_the_output():
    demo = lab.one_by_one_demo()
    text = lab.pixel_formula(demo)
    assert text.startswith("y_{0,0,0} = ") and text.endswith(f"{demo.conv_out[0, 0, 0]:.2f}")
    assert text.count(")(") == 3


# ------------------------------------------------------------------ a real module as referee

def test_verify_inception_agrees_with_the_formulas():
    cfg = lab.lab_presets()[lab.WORKED_EXAMPLE]
    v = lab.verify_inception(cfg)
    assert v.output_shape == v.expected_shape == (1, 256, 28, 28)
    assert v.torchinfo_params == v.formula_params == 163_696
    assert v.torchinfo_macs == v.formula_macs + v.bias_adds
    assert v.formula_macs == 128_049_152
    assert v.agree


def test_verify_small_odd_module():
    cfg = lab.LabConfig(3, 5, 1, 2, 3, 1, 2, 1)
    v = lab.verify_inception(cfg)
    assert v.agree and v.output_shape == (1, 7, 5, 5)


def test_verify_refuses_huge_modules():
    assert lab.verify_is_affordable(lab.lab_presets()["inception4e"])
    assert not lab.verify_is_affordable(lab.LabConfig(2048, 112, 1024, 1024, 1024, 1024, 1024, 1024))


# ------------------------------------------------------------------ architecture page helpers

def test_shares_sum_to_one_and_skip_weightless_rows():
    rows = layer_table("paper", 224)
    shares = lab.shares(rows)
    assert "pool1" not in shares and "softmax" not in shares
    assert set(shares) == {"conv1", "conv2", *INCEPTION_CONFIG, "linear"}
    assert sum(p for p, _ in shares.values()) == pytest.approx(1.0)
    assert sum(m for _, m in shares.values()) == pytest.approx(1.0)
    total = network_total("paper", 224)
    assert shares["linear"][0] == pytest.approx(1_025_000 / total.params)


def test_paper_differences():
    diffs = {d.name: d for d in lab.paper_differences(layer_table("paper", 224))}
    assert diffs["conv1"].params_pct == pytest.approx(100 * (2.7 - 9472 / 1024) / (9472 / 1024))
    assert diffs["inception5a"].params_k == pytest.approx(1019.0)
    assert diffs["inception5a"].paper_params_k == 1072
    assert abs(diffs["inception3a"].params_pct) < 1


def test_aux_info_matches_the_module():
    from googlenet import AuxClassifier
    for variant, bn in (("paper", False), ("torchvision", True)):
        for aux, c_in in (("aux1", 512), ("aux2", 528)):
            info = lab.aux_info(aux, variant, 224)
            head = AuxClassifier(c_in, 1000, batch_norm=bn, paper_pool=not bn)
            assert info.cost.params == sum(p.numel() for p in head.parameters())
            assert info.fits and info.pooled == 4
    assert not lab.aux_info("aux1", "paper", 448).fits  # the paper's fixed pool gives 9x9 at 448
    assert lab.aux_info("aux1", "torchvision", 448).fits


def test_block_sources_and_row_kinds():
    assert "class Inception" in lab.block_source("inception")
    assert "class ConvBlock" in lab.block_source("conv")
    assert "class AuxClassifier" in lab.block_source("aux")
    assert "def forward" in lab.block_source("other")
    short = lab.block_source("inception", docstring=False)
    assert short.startswith("class Inception") and '"""' not in short and "self.branch4" in short
    assert [lab.row_kind(n) for n in ("inception4a", "conv2", "aux1", "pool3")] == ["inception", "conv", "aux", "other"]


def test_network_summary_totals():
    text = lab.network_summary("paper", 224)
    assert "Total params: 6,998,552" in text
    assert "Total params: 6,624,904" in lab.network_summary("torchvision", 224)


def test_dropout_p():
    assert lab.dropout_p("paper") == 0.4 and lab.dropout_p("torchvision") == 0.2


# ------------------------------------------------------------------ diagrams.inception_dot labels

def test_inception_dot_defaults_unchanged_and_labels_translate():
    spec = INCEPTION_CONFIG["inception3a"]
    default = inception_dot(spec, 28)
    assert 'in [label="Inception\\ninput 28 x 28 x 192"' in default
    assert "1x1 conv (reduce)\\n192 -> 16" in default and "concatenate (channels)\\n28 x 28 x 256" in default
    assert "3x3 max pool\\nstride 1" in default
    words = {"input": "输入", "conv": "卷积", "reduce": "降维", "proj": "投影", "max_pool": "最大池化",
             "stride1": "步长 1", "concat": "沿通道拼接"}
    assert set(words) == set(INCEPTION_LABELS)
    zh = inception_dot(spec, 28, labels=words)
    assert "1x1 卷积 (降维)\\n192 -> 16" in zh and "沿通道拼接\\n28 x 28 x 256" in zh and "3x3 最大池化\\n步长 1" in zh
    assert "conv" not in zh.replace("concat", "")
    # An explicit concat_label still wins (the old keyword keeps working).
    assert "joined\\n28 x 28 x 256" in inception_dot(spec, 28, concat_label="joined", labels=words)


def test_inception_dot_naive_and_kernel():
    spec = INCEPTION_CONFIG["inception3a"]
    naive = inception_dot(spec, 28, kernel5=3, bottleneck=False)
    assert "reduce" not in naive and "3x3 conv\\n192 -> 32" in naive
    assert "28 x 28 x 416" in naive  # 64 + 128 + 32 + 192: the pool passes all input channels on

