"""The Inception lab's package side (module_lab, formulas, exercise, onebyone, block_check), the architecture
page's (anatomy), and inception_dot's labels."""
from __future__ import annotations

import pytest
import torch

from googlenet import INCEPTION_CONFIG, anatomy, block_check, exercise, formulas, module_lab, onebyone
from googlenet.costs import layer_table, module_cost, network_total, paper_comparison
from googlenet.i18n import t
from googlenet.model import BRANCHES, InceptionSpec
from googlenet.diagrams import INCEPTION_LABELS, inception_dot


# ------------------------------------------------------------------ presets

def test_presets_are_the_two_examples_and_the_nine_blocks_at_their_input_sizes():
    presets = module_lab.lab_presets()
    assert list(presets)[:2] == [module_lab.WORKED_EXAMPLE, module_lab.PARAMS_EXAMPLE]
    assert set(presets) == set(INCEPTION_CONFIG) | set(module_lab.EXAMPLES)
    sizes = {name: presets[name].size for name in INCEPTION_CONFIG}
    assert sizes == {"inception3a": 28, "inception3b": 28, "inception4a": 14, "inception4b": 14, "inception4c": 14,
                     "inception4d": 14, "inception4e": 14, "inception5a": 7, "inception5b": 7}
    for name, spec in INCEPTION_CONFIG.items():
        assert presets[name].spec == spec
        assert presets[name].out_channels() == spec.out_channels


def test_worked_example_is_branch3_of_3a():
    cfg = module_lab.lab_presets()[module_lab.WORKED_EXAMPLE]
    assert (cfg.spec.in_channels, cfg.size, cfg.spec.n5x5_reduce, cfg.spec.n5x5) == (192, 28, 16, 32)
    assert cfg.cost(bottleneck=False)["branch3"].macs == 120_422_400
    assert cfg.cost(bottleneck=True)["branch3"].macs == 12_443_648


def test_macs_slip_numbers():
    slip = module_lab.macs_slip()
    assert slip["correct"] == 192 * 16 * 28 * 28 + 25 * 16 * 32 * 28 * 28 == 12_443_648
    assert slip["printed"] == 12_433_648 != slip["correct"]
    assert (slip["first_term"], slip["correct_term"]) == (2_408_448, 10_035_200)
    assert slip["as_written"] == 2_408_448 + 25 * 28 * 28 * 16 * 16 == 7_426_048 != slip["printed"]
    assert slip["naive"] == 120_422_400
    assert round(slip["branch_ratio"], 2) == 9.68          # branch 3 alone: the article's "one tenth"
    assert round(slip["module_ratio"], 2) == 2.37          # the whole inception 3a module
    assert slip["block"] == "inception3a"


def test_params_example_is_branch3_of_4b_and_4c():
    cfg = module_lab.lab_presets()[module_lab.PARAMS_EXAMPLE]
    assert (cfg.spec.in_channels, cfg.spec.n5x5_reduce, cfg.spec.n5x5) == (512, 24, 64)
    assert module_lab.blocks_like(cfg) == ["inception4b", "inception4c"]
    assert cfg.cost(bottleneck=False)["branch3"].params == 819_200
    assert cfg.cost(bottleneck=True)["branch3"].params == 50_688


def test_params_slip_numbers_against_real_convolutions():
    """Counted independently: the weight tensors of real nn.Conv2d layers (biases left out, as the article)."""
    from torch import nn

    slip = module_lab.params_slip()
    numel = lambda cin, cout, k: nn.Conv2d(cin, cout, k, bias=False).weight.numel()  # noqa: E731
    assert slip["naive"] == numel(512, 64, 5) == 819_200 == slip["printed_naive"]
    assert slip["naive_printed_kernels"] == numel(512, 65, 5) == 832_000 != slip["printed_naive"]
    assert slip["first_term"] == numel(512, 24, 1) == 12_288
    assert slip["correct_term"] == numel(24, 64, 5) == 38_400
    assert slip["correct"] == numel(512, 24, 1) + numel(24, 64, 5) == 50_688 == slip["printed_reduced"]
    assert slip["reduced_printed_kernels"] == numel(512, 24, 1) + numel(24, 65, 5) == 51_288
    assert slip["implied_reduce"] == 24 and slip["printed_kernels"] == 65
    assert round(slip["branch_ratio"], 2) == 16.16
    block = module_lab.lab_presets()[module_lab.PARAMS_EXAMPLE]
    assert slip["module_ratio"] == pytest.approx(block.cost(False)["total"].params / block.cost(True)["total"].params)


def test_params_example_against_torchinfo():
    """The example's two branch-3 versions as real modules, counted by torchinfo and run forward on 14 x 14."""
    import torchinfo
    from torch import nn

    size = module_lab.lab_presets()[module_lab.PARAMS_EXAMPLE].size
    naive = nn.Conv2d(512, 64, 5, padding=2, bias=False)
    reduced = nn.Sequential(nn.Conv2d(512, 24, 1, bias=False), nn.ReLU(), nn.Conv2d(24, 64, 5, padding=2, bias=False))
    cfg = module_lab.lab_presets()[module_lab.PARAMS_EXAMPLE]
    for module, bottleneck in ((naive, False), (reduced, True)):
        stats = torchinfo.summary(module, input_size=(1, 512, size, size), verbose=0)
        expected = cfg.cost(bottleneck=bottleneck)["branch3"]
        assert stats.total_params == expected.params and stats.total_mult_adds == expected.macs
        assert module(torch.zeros(1, 512, size, size)).shape == (1, 64, size, size)


def test_lab_config_is_an_inception_spec_plus_a_size():
    cfg = module_lab.lab_presets()["inception4e"]
    assert module_lab.LabConfig.from_fields(cfg.fields) == cfg
    assert list(cfg.fields) == list(module_lab.LAB_FIELDS)
    assert cfg.out_channels(True) == cfg.spec.out_channels == 832
    assert cfg.out_channels(False) == 256 + 320 + 128 + 528  # the naive pool branch passes the input through


# ------------------------------------------------------------------ reading the form

@pytest.mark.parametrize("text, value", [("192", 192), ("12,443,648", 12_443_648), (" 12 443 648 ", 12_443_648),
                                         ("１２", 12), ("-5", -5), ("0", 0), ("+7", 7)])
def test_parse_int_reads_what_people_type(text, value):
    assert module_lab.parse_int(text) == value


@pytest.mark.parametrize("text", ["", "  ", "abc", "1.5", "1e6", "12-3", "9" * 41, None])
def test_parse_int_refuses_what_is_not_a_whole_number(text):
    assert module_lab.parse_int(text) is None


def test_read_fields_accepts_exactly_the_allowed_numbers():
    cfg = module_lab.lab_presets()[module_lab.WORKED_EXAMPLE]
    texts = module_lab.field_texts(cfg)
    assert module_lab.read_fields(texts) == (cfg, [])
    for field, (low, high) in module_lab.FIELD_LIMITS.items():
        for good in (low, high):
            assert module_lab.read_fields({**texts, field: str(good)})[1] == [], (field, good)
        for bad in (str(low - 1), str(high + 1), "-5", "99999", "", "x"):
            got, problems = module_lab.read_fields({**texts, field: bad})
            assert got is None and [p.field for p in problems] == [field], (field, bad)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_field_problems_name_the_field_and_its_range(lang):
    texts = {**module_lab.field_texts(module_lab.lab_presets()["inception3a"]), "size": "0", "n5x5": ""}
    _, problems = module_lab.read_fields(texts)
    size, n5x5 = (p.message(lang) for p in problems)
    assert t("lab.in.size", lang=lang) in size and "0" in size and "1" in size and "112" in size
    assert t("lab.in.n5x5", lang=lang) in n5x5 and "1024" in n5x5
    assert size != n5x5


def test_branch_table_follows_the_inception_spec():
    cfg = module_lab.lab_presets()[module_lab.WORKED_EXAMPLE]
    table = module_lab.branch_table(cfg)
    assert len(table) == 5
    assert list(table["shape_bottleneck"]) == ["28×28×64", "28×28×128", "28×28×32", "28×28×32", "28×28×256"]
    assert list(table["shape_naive"])[-2:] == ["28×28×192", "28×28×416"]
    assert table["macs_naive"].iloc[2] == 120_422_400 and table["macs_bottleneck"].iloc[2] == 12_443_648
    assert table["ratio"].isna().iloc[3]  # the naive pool branch has no weights at all: no ratio, not "0.00×"


# ------------------------------------------------------------------ formulas

def test_latex_int_keeps_commas_together():
    assert formulas.latex_int(120_422_400) == "120{,}422{,}400"
    assert formulas.latex_int(7) == "7"


def test_worked_example_formulas_show_the_substituted_numbers():
    cfg = module_lab.lab_presets()[module_lab.WORKED_EXAMPLE]
    naive, value = formulas.branch_formula(cfg, "branch3", bottleneck=False)
    assert naive == r"5^2 \times 28^2 \times 192 \times 32 = 120{,}422{,}400" and value == 120_422_400
    reduced, value = formulas.branch_formula(cfg, "branch3", bottleneck=True)
    assert value == 12_443_648
    for piece in (r"1^2 \times 28^2 \times 192 \times 16", r"5^2 \times 28^2 \times 16 \times 32",
                  "2{,}408{,}448", "10{,}035{,}200", "= 12{,}443{,}648"):
        assert piece in reduced
    params, value = formulas.branch_formula(cfg, "branch3", bottleneck=True, quantity="params")
    assert value == 192 * 16 + 25 * 16 * 32 and r"5^2 \times 16 \times 32" in params and "^2 \\times 28" not in params


def test_naive_branch4_has_no_weights():
    cfg = module_lab.lab_presets()["inception4a"]
    assert formulas.branch_formula(cfg, "branch4", bottleneck=False) == ("0", 0)


@pytest.mark.parametrize("name", list(INCEPTION_CONFIG))
@pytest.mark.parametrize("bottleneck", [True, False])
def test_formula_values_equal_costs(name, bottleneck):
    cfg = module_lab.lab_presets()[name]
    costs = module_cost(cfg.spec, cfg.size, bottleneck=bottleneck)
    for branch in BRANCHES:
        for quantity in formulas.QUANTITIES:
            latex, value = formulas.branch_formula(cfg, branch, bottleneck=bottleneck, quantity=quantity)
            assert value == getattr(costs[branch], quantity)
            assert latex.endswith(formulas.latex_int(value))


def test_unknown_quantity_is_refused():
    with pytest.raises(ValueError):
        formulas.conv_term(3, 4, 1, 5, quantity="flops")


# ------------------------------------------------------------------ exercises

@pytest.mark.parametrize("seed", range(40))
def test_exercise_answers_equal_costs(seed):
    ex = exercise.make_exercise(seed)
    expected = module_cost(ex.cfg.spec, ex.cfg.size, bottleneck=True)[ex.branch]
    assert ex.answer == getattr(expected, ex.quantity)
    assert ex.solution.endswith(formulas.latex_int(ex.answer))
    assert exercise.check_answer(ex, ex.answer)
    assert exercise.check_answer(ex, float(ex.answer))
    assert not exercise.check_answer(ex, ex.answer + 1)
    assert not exercise.check_answer(ex, None)


def test_exercises_are_reproducible_and_varied():
    assert exercise.make_exercise(7) == exercise.make_exercise(7)
    many = [exercise.make_exercise(s) for s in range(60)]
    assert {e.branch for e in many} == set(BRANCHES)
    assert {e.quantity for e in many} == set(formulas.QUANTITIES)


def test_feedback_recognises_common_mistakes():
    ex = next(e for e in map(exercise.make_exercise, range(100)) if e.quantity == "macs")
    area = ex.cfg.size ** 2
    assert exercise.answer_feedback(ex, ex.answer) == "right"
    assert exercise.answer_feedback(ex, ex.answer // area) == "forgot_area"
    assert exercise.answer_feedback(ex, ex.answer - 1) == "too_small"
    assert exercise.answer_feedback(ex, ex.answer + 1) == "too_big"
    ex = next(e for e in map(exercise.make_exercise, range(100)) if e.quantity == "params")
    assert exercise.answer_feedback(ex, ex.answer * ex.cfg.size ** 2) == "added_area"


def test_verdict_judges_the_text_as_typed():
    ex = exercise.make_exercise(3)
    assert exercise.verdict(ex, "") == ("no_answer", None)
    assert exercise.verdict(ex, "twelve") == ("not_a_number", None)
    assert exercise.verdict(ex, f"{ex.answer:,}") == ("right", ex.answer)
    huge = 10 ** 30
    assert exercise.verdict(ex, str(huge)) == ("too_big", huge)  # far beyond a JavaScript number: judged as typed
    assert exercise.verdict(ex, "-3") == ("too_small", -3)


# ------------------------------------------------------------------ 1x1 convolution as a matrix multiply

def test_one_by_one_conv_equals_matmul_per_pixel():
    demo = onebyone.one_by_one_demo()
    assert demo.x.shape == (3, 4, 4) and demo.weight.shape == (2, 3) and demo.bias.shape == (2,)
    assert demo.conv_out.shape == demo.matmul_out.shape == (2, 4, 4)
    assert demo.max_diff < 1e-6
    # And against an independent einsum.
    expected = torch.einsum("oc,chw->ohw", torch.tensor(demo.weight), torch.tensor(demo.x))
    expected += torch.tensor(demo.bias)[:, None, None]
    assert torch.allclose(expected, torch.tensor(demo.conv_out), atol=1e-6)
    assert onebyone.one_by_one_demo().max_diff == demo.max_diff  # fixed seed


def test_pixel_formula_matches_the_output():
    demo = onebyone.one_by_one_demo()
    text = onebyone.pixel_formula(demo)
    assert text.startswith("y_{0,0,0} = ") and text.endswith(f"{demo.conv_out[0, 0, 0]:.2f}")
    assert text.count(")(") == 3


# ------------------------------------------------------------------ a real module as referee

def test_verify_inception_agrees_with_the_formulas():
    cfg = module_lab.lab_presets()[module_lab.WORKED_EXAMPLE]
    v = block_check.verify_inception(cfg)
    assert v.output_shape == v.expected_shape == (1, 256, 28, 28)
    assert v.torchinfo_params == v.formula_params == 163_696
    assert v.torchinfo_macs == v.formula_macs + v.bias_adds
    assert v.formula_macs == 128_049_152
    assert v.agree


def test_verify_small_odd_module():
    cfg = module_lab.LabConfig(InceptionSpec(3, 1, 2, 3, 1, 2, 1), 5)
    v = block_check.verify_inception(cfg)
    assert v.agree and v.output_shape == (1, 7, 5, 5)


def test_verify_refuses_huge_modules():
    assert block_check.verify_is_affordable(module_lab.lab_presets()["inception4e"])
    assert not block_check.verify_is_affordable(module_lab.LabConfig(InceptionSpec(2048, *[1024] * 6), 112))


# ------------------------------------------------------------------ architecture page helpers

def test_shares_sum_to_one_and_skip_weightless_rows():
    rows = layer_table("paper", 224)
    shares = anatomy.shares(rows)
    assert "pool1" not in shares and "softmax" not in shares
    assert set(shares) == {"conv1", "conv2", *INCEPTION_CONFIG, "linear"}
    assert sum(p for p, _ in shares.values()) == pytest.approx(1.0)
    assert sum(m for _, m in shares.values()) == pytest.approx(1.0)
    total = network_total("paper", 224)
    assert shares["linear"][0] == pytest.approx(1_025_000 / total.params)


def test_paper_table_marks_the_rows_that_are_off():
    rows = layer_table("paper", 224)
    frame = anatomy.paper_table(rows).data
    assert list(frame["paper_params"])[:1] == [2.7] and len(frame) == len(paper_comparison(rows))
    off = anatomy.off_rows(rows)
    assert len(off) == 3 and off[1:] == ["inception (4c)", "inception (5a)"] and "conv1" in off[0]
    # Red cells: conv1's and 4c's params, 5a's params and ops; nothing within the tolerance.
    styles = anatomy.paper_table(rows)._compute().ctx
    red = {(frame["layer"][r], frame.columns[c]) for (r, c), props in styles.items() if props}
    assert (off[0], "paper_params") in red and ("inception (5a)", "diff_ops") in red
    assert not any(layer == "inception (3a)" for layer, _ in red)


def test_focus_on_one_layer():
    rows = layer_table("paper", 224)
    block = anatomy.focus(rows, "inception3a", "paper", 224)
    assert (block.kind, block.shape, block.params) == ("inception", (256, 28, 28), 163_696)
    assert block.macs_share == pytest.approx(anatomy.shares(rows)["inception3a"][1])
    conv = anatomy.focus(rows, "conv2", "paper", 224)
    assert [(c.kernel, c.in_ch, c.out_ch) for c in conv.convs] == [(1, 64, 64), (3, 64, 192)]
    aux = anatomy.focus(rows, "aux1", "paper", 224)
    assert aux.kind == "aux" and aux.row is None and aux.shape == (1000,) and aux.params == aux.aux.cost.params
    assert anatomy.focus(rows, "pool1", "paper", 224).params == 0
    assert anatomy.layer_choices(rows)[-2:] == ["aux1", "aux2"]
    assert anatomy.spatial_path("paper", 224) == [224, 112, 56, 28, 14, 7, 7, 1]
    names, p_share, m_share, selected = anatomy.share_chart_data(rows, "aux1")
    assert selected is None and len(names) == len(p_share) == len(m_share) == 12


def test_aux_info_matches_the_module():
    from googlenet import AuxClassifier
    for variant, bn in (("paper", False), ("torchvision", True)):
        for aux, c_in in (("aux1", 512), ("aux2", 528)):
            info = anatomy.aux_info(aux, variant, 224)
            head = AuxClassifier(c_in, 1000, batch_norm=bn, paper_pool=not bn)
            assert info.cost.params == sum(p.numel() for p in head.parameters())
            assert info.fits and info.pooled == 4
    assert not anatomy.aux_info("aux1", "paper", 448).fits  # the paper's fixed pool gives 9x9 at 448
    assert anatomy.aux_info("aux1", "torchvision", 448).fits


def test_block_sources_and_row_kinds():
    assert "class Inception" in anatomy.block_source("inception")
    assert "class ConvBlock" in anatomy.block_source("conv")
    assert "class AuxClassifier" in anatomy.block_source("aux")
    assert "def forward" in anatomy.block_source("other")
    short = anatomy.block_source("inception", docstring=False)
    assert short.startswith("class Inception") and '"""' not in short and "self.branch4" in short
    assert [anatomy.row_kind(n) for n in ("inception4a", "conv2", "aux1", "pool3")] == ["inception", "conv", "aux", "other"]


def test_network_summary_totals():
    text = anatomy.network_summary("paper", 224)
    assert "Total params: 6,998,552" in text
    assert "Total params: 6,624,904" in anatomy.network_summary("torchvision", 224)


def test_dropout_p():
    assert anatomy.dropout_p("paper") == 0.4 and anatomy.dropout_p("torchvision") == 0.2


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



def test_saving_is_naive_over_reduced_and_can_be_below_one():
    worked = module_lab.lab_presets()[module_lab.WORKED_EXAMPLE]
    assert worked.saving() == pytest.approx(303_464_448 / 128_049_152)   # about 2.4x for inception 3a
    tiny = module_lab.LabConfig(module_lab.InceptionSpec(1, 1, 1, 1, 1, 1, 1), 1)
    assert tiny.saving() == pytest.approx(35 / 38)   # the reductions cost more than they save


# ------------------------------------------------------------------ the architecture page's quoted numbers

def test_rows_carry_the_models_own_names():
    from googlenet.i18n import set_language

    set_language("en")
    assert anatomy.code_names("conv2") == "conv2 + conv3" and anatomy.code_names("pool4") == "maxpool4"
    assert anatomy.layer_label("conv2") == "convolution (conv2 + conv3)"
    assert anatomy.layer_label("pool1") == "max pool (maxpool1)"
    assert anatomy.layer_label("avgpool") == "global avg pool (avgpool)"
    assert anatomy.chart_label("conv2") == "conv2 + conv3"
    model_names = {name for name, _ in anatomy.meta_model("paper").named_children()}
    for row, modules in anatomy.ROW_MODULES.items():
        assert set(modules) <= model_names, row
    assert anatomy.stem_channels("paper") == anatomy.stem_channels("torchvision") == {"conv2": 64, "conv3": 192}


def test_explain_numbers_are_the_tables_and_the_models():
    from torch import nn

    rows = layer_table("paper", 224)
    n = anatomy.explain_numbers(rows)
    conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3)
    assert n["conv1_weights"] == conv1.weight.numel() == 9_408
    assert n["conv1_params"] == sum(p.numel() for p in conv1.parameters()) == 9_472
    assert n["conv1_macs"] == 9_408 * 112 * 112 == 118_013_952
    assert (n["conv1_paper_k"], n["conv1_paper_m"], n["i3a_paper"], n["i4c_paper"]) == (2.7, 34, 159, 463)
    assert (n["i5a_paper_k"], n["i5a_paper_m"]) == (1072, 54)
    assert round(n["conv1_params_x"], 1) == 3.4 and round(n["conv1_macs_x"], 1) == 3.5
    assert n["i3a_k"] == pytest.approx(163_696 / 1024)   # K = 1024 in the paper's params column


def test_table1_rows_carry_the_published_numbers():
    rows = layer_table("paper", 224)
    assert sum(r.paper_params_k or 0 for r in rows) == pytest.approx(6797.7)
    assert sum(r.paper_ops_m or 0 for r in rows) == 1502


def test_aux_heads_fit_only_where_the_pool_gives_4x4():
    assert anatomy.aux_fitting_sizes("aux1", "paper") == (224, 256)
    assert anatomy.aux_fitting_sizes("aux2", "paper") == (224, 256)
    assert anatomy.aux_fitting_sizes("aux1", "torchvision") == anatomy.INPUT_SIZES


def test_summary_extra_adds_are_bias_and_batchnorm_counts():
    from torch import nn

    from googlenet.costs import conv_layers

    paper_biases = sum(layer.out_ch * layer.output_shape[1] * layer.output_shape[2]
                       for layer in conv_layers("paper", 224) if layer.kind == "conv")
    assert anatomy.summary_extra_adds("paper", 224) == paper_biases + 1000   # + the final layer's 1000 biases
    bn = sum(m.weight.numel() + m.bias.numel() for m in anatomy.meta_model("torchvision").modules()
             if isinstance(m, nn.BatchNorm2d))
    assert anatomy.summary_extra_adds("torchvision", 224) == bn + 1000


def test_lab_savings_match_the_reconciled_numbers():
    """The lab's module / branch savings agree with the home page's (googlenet.headline_numbers): 2.4x (3a) to
    5.1x (5a) for the module, 9.68x for 3a's 5x5 branch alone."""
    from googlenet.headline_numbers import block_savings

    presets = module_lab.lab_presets()
    for s in block_savings():
        cfg = presets[s.block]
        assert cfg.saving() == pytest.approx(s.module)
        assert cfg.saving(branch="branch2") == pytest.approx(s.branch3x3)
        assert cfg.saving(branch="branch3") == pytest.approx(s.branch5x5)
    module = {name: presets[name].saving() for name in INCEPTION_CONFIG}
    assert min(module, key=module.get) == "inception3a" and max(module, key=module.get) == "inception5a"
    assert (round(module["inception3a"], 1), round(module["inception5a"], 1)) == (2.4, 5.1)
    assert round(presets["inception3a"].saving(branch="branch3"), 2) == 9.68
