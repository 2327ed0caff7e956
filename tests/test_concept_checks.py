"""Concept checks: every computed answer equals the same fact reached another way (torchvision's own modules,
torchinfo, real convolutions, gradients), every listed mistake is recognised, every text exists in both languages."""
from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torchvision
from torch import nn
from torchvision.models.googlenet import Inception as TorchvisionInception

from googlenet import concept_checks as cc
from googlenet.i18n import tables
from ui.nav import available_pages

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = list(cc.QUESTIONS.values())
IDS = [q.id for q in QUESTIONS]


def answer(question_id: str):
    return cc.QUESTIONS[question_id].solution().answer


def tv_googlenet(aux: bool = False, device: str = "meta") -> nn.Module:
    with torch.device(device):
        return torchvision.models.googlenet(weights=None, aux_logits=aux, init_weights=False).eval()


def output_shape(model: nn.Module, module_name: str, size: int = 224) -> tuple[int, ...]:
    """The (C, H, W) a named module outputs in a forward pass on the meta device."""
    seen = {}
    handle = dict(model.named_modules())[module_name].register_forward_hook(
        lambda _m, _i, out: seen.__setitem__("shape", tuple(out.shape[1:])))
    with torch.no_grad():
        model(torch.empty(1, 3, size, size, device="meta"))
    handle.remove()
    return seen["shape"]


def receptive_field_by_gradient(layers: nn.Module, size: int = 64) -> int:
    """Side of the input patch the centre output unit depends on: where its input gradient is non-zero
    (all weights 1, so no cancellation)."""
    for p in layers.parameters():
        nn.init.ones_(p)
    x = torch.rand(1, 1, size, size, requires_grad=True)
    out = layers(x)
    c = out.shape[-1] // 2
    out[0, 0, c, c].backward()
    rows = torch.nonzero(x.grad[0, 0].abs().sum(1))
    return int(rows.max() - rows.min() + 1)


# ------------------------------------------------------------------------------------------ the catalogue

def test_every_page_asks_one_to_three_questions():
    pages = {p.url_path for p in available_pages()}   # every page that exists
    assert {q.page for q in QUESTIONS} == pages
    for page in pages:
        assert 1 <= len(cc.page_questions(page)) <= 3, page


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_every_outcome_has_its_text_in_both_languages(question):
    solution = question.solution()
    if question.kind == cc.CHOICE:
        assert solution.answer in question.options
        values = list(question.options)
    else:
        values = [solution.answer, *solution.mistakes.values(), float(solution.answer) * 10 + 7, -1]
    for lang in ("en", "zh"):
        table = tables()[lang]
        prompt = question.prompt()
        assert table[f"cc.{question.id}.q"].format(**prompt)
        for option in question.options:
            assert table[f"cc.{question.id}.opt.{option}"].format(**prompt)
        for value in values:
            verdict = cc.judge(question, value)
            if not verdict.right:
                key = (f"cc.{verdict.outcome}" if verdict.outcome in (cc.TOO_SMALL, cc.TOO_BIG)
                       else f"cc.{question.id}.mistake.{verdict.outcome}")
                assert table[key].format(**verdict.facts)
            assert table[f"cc.{question.id}.explain"].format(**verdict.facts)


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind == cc.NUMBER],
                         ids=[q.id for q in QUESTIONS if q.kind == cc.NUMBER])
def test_each_listed_mistake_is_recognised(question):
    solution = question.solution()
    values = [float(solution.answer), *map(float, solution.mistakes.values())]
    # No two outcomes share a number, and none lies within the tolerance of another.
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            assert abs(a - b) > 2 * question.tolerance, (question.id, a, b)
    assert cc.judge(question, solution.answer).right
    for mistake, value in solution.mistakes.items():
        assert cc.judge(question, value).outcome == mistake
    far = float(solution.answer) * 100 + 1000
    assert cc.judge(question, far).outcome not in (cc.RIGHT, *solution.mistakes)


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind == cc.CHOICE],
                         ids=[q.id for q in QUESTIONS if q.kind == cc.CHOICE])
def test_every_other_option_is_a_named_mistake(question):
    right = question.solution().answer
    for option in question.options:
        assert cc.judge(question, option).outcome == (cc.RIGHT if option == right else option)


def test_the_home_questions_load_no_torch():
    code = ("import sys; from googlenet import concept_checks as cc; "
            "[q.prompt() for q in cc.page_questions('home')]; "
            "cc.judge(cc.QUESTIONS['home_passes'], 1008); "
            "print(sorted(m for m in ('torch', 'torchvision') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------------------------------ each answer, another way

def test_home_passes_is_the_table3_ensemble():
    from googlenet.headline_numbers import HEADLINE_TOP5
    assert HEADLINE_TOP5.top5_error == 6.67
    assert answer("home_passes") == 7 * 144 == HEADLINE_TOP5.models * HEADLINE_TOP5.crops


def test_home_params_is_torchvisions_count():
    n = sum(p.numel() for p in tv_googlenet().parameters())
    assert n == torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.meta["num_params"]
    assert answer("home_params") == round(n / 1e6, 1)
    with_aux = sum(p.numel() for p in tv_googlenet(aux=True).parameters())
    assert cc.QUESTIONS["home_params"].solution().mistakes["with_aux"] == round(with_aux / 1e6, 1)


def test_history_bn_counts_batchnorm_layers():
    assert answer("history_bn") == 0
    tv = sum(isinstance(m, nn.BatchNorm2d) for m in tv_googlenet().modules())
    assert cc.QUESTIONS["history_bn"].solution().mistakes["torchvision"] == tv == 57


def test_two_3x3_against_one_5x5_with_real_convolutions():
    five = nn.Conv2d(32, 32, 5, bias=False, device="meta").weight.numel()
    two = 2 * nn.Conv2d(32, 32, 3, bias=False, device="meta").weight.numel()
    assert answer("history_two_3x3") == pytest.approx(100 * two / five, abs=0.05)
    stack = nn.Sequential(nn.Conv2d(1, 1, 3, padding=1, bias=False), nn.Conv2d(1, 1, 3, padding=1, bias=False))
    assert receptive_field_by_gradient(stack) == cc.QUESTIONS["history_two_3x3"].solution().facts["field"] == 5


def test_4e_output_channels_from_torchvisions_own_block():
    block = TorchvisionInception(528, 256, 160, 320, 32, 128, 128).eval()
    with torch.no_grad():
        out = block(torch.rand(1, 528, 14, 14))
    assert answer("arch_4e_channels") == out.shape[1] == 832
    assert output_shape(tv_googlenet(), "inception4e")[0] == 832


def test_gap_weights_of_a_flattening_linear_layer():
    c, h, w = output_shape(tv_googlenet(), "inception5b")
    flat = nn.Linear(c * h * w, 1000, bias=False, device="meta")
    assert answer("arch_gap_weights") == flat.weight.numel() == 50_176_000
    assert cc.QUESTIONS["arch_gap_weights"].solution().mistakes["with_gap"] == tv_googlenet().fc.weight.numel()


def test_depth_is_the_papers_22_and_27():
    from googlenet.headline_numbers import LAYERS_WITH_PARAMETERS, LAYERS_WITH_POOLING
    solution = cc.QUESTIONS["arch_depth"].solution()
    assert solution.answer == LAYERS_WITH_PARAMETERS
    assert solution.mistakes["with_pools"] == LAYERS_WITH_POOLING


def test_padding_keeps_28x28_with_a_real_convolution():
    question = cc.QUESTIONS["lab_padding"]
    p = answer("lab_padding")
    x = torch.rand(1, 1, 28, 28)
    assert nn.Conv2d(1, 1, 5, padding=p)(x).shape[-1] == 28
    for mistake, wrong in question.solution().mistakes.items():
        real = nn.Conv2d(1, 1, 5, padding=int(wrong))(x).shape[-1]
        assert cc.judge(question, wrong).facts["out"] == real != 28, mistake


def test_branch_multiply_adds_with_torchinfo():
    import torchinfo
    branch = nn.Sequential(nn.Conv2d(192, 64, 1, bias=False), nn.Conv2d(64, 128, 3, padding=1, bias=False))
    stats = torchinfo.summary(branch, input_size=(1, 192, 28, 28), verbose=0)
    assert answer("lab_branch_macs") == stats.total_mult_adds == 67_436_544
    mistakes = cc.QUESTIONS["lab_branch_macs"].solution().mistakes
    old = nn.Sequential(nn.Conv2d(192, 96, 1, bias=False), nn.Conv2d(96, 128, 3, padding=1, bias=False))
    assert mistakes["old_reduce"] == torchinfo.summary(old, input_size=(1, 192, 28, 28), verbose=0).total_mult_adds
    assert mistakes["forgot_area"] * 28 * 28 == stats.total_mult_adds


def test_1x1_weights_of_a_real_convolution():
    conv = nn.Conv2d(192, 16, 1)
    assert answer("lab_1x1_params") == conv.weight.numel() == 3072
    assert cc.QUESTIONS["lab_1x1_params"].solution().mistakes["with_biases"] == sum(p.numel() for p in conv.parameters())


def test_softmax_before_cross_entropy_has_the_analytic_floor():
    facts = cc.QUESTIONS["bug_aux_softmax"].solution().facts
    assert answer("bug_aux_softmax") == "double"
    assert facts["floor"] == pytest.approx(math.log(math.e + 999) - 1, rel=1e-5)   # -log(e / (e + 999))
    assert facts["loss_raw"] < 1e-3 < facts["loss_twice"] - facts["floor"] + 1
    assert facts["shrink"] > 1e3


def test_the_miswired_inception_a_runs_and_leaves_a_conv_untrained():
    from googlenet.digits.nets import InceptionA

    class Miswired(InceptionA):
        def forward(self, x):
            pool = nn.functional.avg_pool2d(x, 3, stride=1, padding=1)
            return torch.cat([self.branch1x1(x), self.branch5x5_2(self.branch5x5_1(x)),
                              self.branch3x3_3(self.branch3x3_2(self.branch5x5_1(x))), self.branch_pool(pool)], 1)

    block = Miswired(10)
    out = block(torch.rand(2, 10, 12, 12))
    out.sum().backward()
    assert out.shape[1] == InceptionA.out_channels
    assert block.branch3x3_1.weight.grad is None and block.branch5x5_1.weight.grad is not None
    assert answer("bug_inception_a") == "silent"


def test_family_ratio_from_torchvisions_models():
    with torch.device("meta"):
        alexnet = sum(p.numel() for p in torchvision.models.alexnet(weights=None).parameters())
    googlenet = sum(p.numel() for p in tv_googlenet().parameters())
    assert answer("family_alexnet") == round(alexnet / googlenet, 1) == 9.2
    assert cc.QUESTIONS["family_alexnet"].solution().mistakes["paper_claim"] == 12


def test_fc_share_from_torchvisions_models():
    def share(model):
        linear = sum(p.numel() for m in model.modules() if isinstance(m, nn.Linear) for p in m.parameters())
        return linear / sum(p.numel() for p in model.parameters())
    with torch.device("meta"):
        mobilenet = torchvision.models.mobilenet_v2(weights=None)
    assert share(mobilenet) > share(tv_googlenet())
    assert answer("family_fc_share") == "mobilenet_v2"


def test_top5_only_share_from_the_weights_metadata():
    metrics = torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.meta["_metrics"]["ImageNet-1K"]
    assert answer("classify_top5") == pytest.approx(metrics["acc@5"] - metrics["acc@1"], abs=0.005)


def test_softmax_ignores_a_common_shift():
    z = torch.randn(1000, dtype=torch.float64)
    assert torch.allclose(torch.softmax(z + 5, 0), torch.softmax(z, 0))
    assert answer("classify_shift") == "unchanged"


def test_the_resize_and_crop_is_torchvisions_deterministic_evaluation_transform():
    from PIL import Image
    from torchvision.transforms import functional as F
    transform = torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.transforms()
    assert (transform.resize_size, transform.crop_size) == ([256], [224])
    assert answer("prep_eval") == "eval"
    photo = Image.new("RGB", (640, 480))
    resized = F.resize(photo, 256)
    assert answer("prep_crop") == pytest.approx(100 * 224 / resized.width, abs=0.05)
    assert resized.size == (341, 256)


def test_branch3_channels_of_4c_in_torchvisions_block():
    block = TorchvisionInception(512, 128, 128, 256, 24, 64, 64).eval()
    x = torch.rand(1, 512, 14, 14)
    with torch.no_grad():
        out, branch3 = block(x), block.branch3(x)
    start = answer("fm_branch_start")
    assert torch.equal(out[:, start:start + branch3.shape[1]], branch3)
    assert not torch.equal(out[:, start - 1:start - 1 + branch3.shape[1]], branch3)


def test_4c_map_side_from_a_forward_pass():
    assert answer("fm_side") == output_shape(tv_googlenet(), "inception4c")[1] == 14


def test_the_stem_settings_in_the_question_are_the_models():
    model = tv_googlenet()
    conv, pool = model.conv1.conv, model.maxpool1
    assert cc.QUESTIONS["rf_pool1"].prompt() == {"k1": conv.kernel_size[0], "s1": conv.stride[0],
                                                 "pool_k": pool.kernel_size, "pool_s": pool.stride}


def test_receptive_field_after_maxpool1_by_gradient():
    # A max pool's gradient reaches only its window's largest input; an average pool over the same window sees
    # the same pixels and passes gradient to all of them.
    stem = nn.Sequential(nn.Conv2d(1, 1, 7, stride=2, padding=3, bias=False), nn.AvgPool2d(3, stride=2, ceil_mode=True))
    assert answer("rf_pool1") == receptive_field_by_gradient(stem) == 11
    two = nn.Sequential(nn.Conv2d(1, 1, 3, padding=1, bias=False), nn.Conv2d(1, 1, 3, padding=1, bias=False))
    assert answer("rf_two_3x3") == receptive_field_by_gradient(two)


class Silent(nn.Module):
    """A block whose output is all zeros: what switching off every branch leaves."""

    def __init__(self, channels: int):
        super().__init__()
        self.channels = channels

    def forward(self, x):
        return x.new_zeros(x.shape[0], self.channels, *x.shape[2:])


def test_with_3b_silent_two_pictures_get_identical_logits():
    torch.manual_seed(0)
    model = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True).eval()
    model.inception3b = Silent(480)
    with torch.no_grad():
        logits = model(torch.randn(2, 3, 96, 96))
    assert torch.equal(logits[0], logits[1])
    facts = cc.QUESTIONS["abl_block_off"].solution().facts
    assert facts["off_diff"] == 0 and facts["intact_diff"] > 1 and facts["intact_top"][0] != facts["intact_top"][1]
    assert facts["off_spread"] > 1   # one real prediction for both, not a tie of equal logits
    assert answer("abl_block_off") == "same_prediction"


def test_branch2_of_4a_is_208_channels_in_torchvisions_block():
    block = TorchvisionInception(480, 192, 96, 208, 16, 48, 64).eval()
    with torch.no_grad():
        assert answer("abl_channels") == block.branch2(torch.rand(1, 480, 14, 14)).shape[1]


def test_gradcam_weights_at_5b_are_the_fc_weights_over_49():
    facts = cc.QUESTIONS["cam_weights"].solution().facts
    assert (facts["channels"], facts["side"]) == (1024, 7)
    assert facts["max_diff"] < 1e-4 * facts["largest"]
    assert answer("cam_weights") == "gradient_mean"


def test_cam_cell_spacing_is_the_product_of_strides():
    model = tv_googlenet()
    strides = [m.stride if isinstance(m.stride, int) else m.stride[0]
               for m in model.modules() if isinstance(m, (nn.Conv2d, nn.MaxPool2d))
               and m.stride not in (1, (1, 1))]
    side = output_shape(model, "inception5b")[1]
    assert answer("cam_cell") == math.prod(strides) == 224 // side == 32


def test_total_loss_with_the_trainers_own_loss():
    from googlenet.digits.trainer import paper_loss

    def logits_with_loss(loss: float) -> torch.Tensor:   # two classes, target 0: CE = log(1 + e^z)
        return torch.tensor([[0.0, math.log(math.exp(loss) - 1)]], dtype=torch.float64)

    target = torch.tensor([0])
    parts = paper_loss(logits_with_loss(cc.TRAIN_MAIN), [logits_with_loss(cc.TRAIN_AUX)] * 2, target)
    assert answer("train_total") == pytest.approx(float(parts.total), abs=1e-9)


def test_torchvisions_googlenet_runs_no_aux_head_in_eval_mode():
    model = tv_googlenet(aux=True)
    with torch.no_grad():
        assert isinstance(model.eval()(torch.empty(1, 3, 224, 224, device="meta")), torch.Tensor)
        assert len(model.train()(torch.empty(1, 3, 224, 224, device="meta"))) == 3
    assert answer("train_eval") == "nothing"


def test_glossary_word_is_the_glossarys():
    from googlenet.glossary import term
    words = cc.QUESTIONS["glossary_word"].prompt()
    assert words[answer("glossary_word")] == term("concatenation").zh == "拼接"
    assert len({words[o] for o in cc.GLOSSARY_OPTIONS}) == len(cc.GLOSSARY_OPTIONS)
