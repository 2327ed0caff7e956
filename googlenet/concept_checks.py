"""Concept checks: predict, then see the answer — computed from the model and the package, never typed in.

Every page ends with one to three questions. A question's numbers come from the same code the page uses
(googlenet.model's channel table, googlenet.costs, googlenet.receptive_field, googlenet.ablation ...), and so
does its answer. A wrong answer is matched against the mistakes students typically make — each mistake is
*computed* too (e.g. "forgot H x W" = the right formula without the H x W factor), so the feedback can name it.

Two kinds of question:
* NUMBER: the student types a number; right within ``tolerance``; a wrong number is matched against
  ``Solution.mistakes`` (mistake -> the number that mistake gives), else judged too small / too big;
* CHOICE: the student picks one option; every option but the computed answer is a named mistake.

``Question.prompt()`` gives the numbers of the question text and is cheap (it is drawn with the page);
``Question.solution()`` computes the answer and may take a moment (a forward pass): it is called only once
the student has answered, and cached for the process.

Light at import (no torch): the home page draws its questions without loading PyTorch, so everything a
question needs is imported inside the functions that compute it.
The texts live in googlenet/strings/concept_checks.py under "cc.<question id>.…".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:
    import torch

    from .model import GoogLeNet

NUMBER, CHOICE = "number", "choice"
RIGHT, TOO_SMALL, TOO_BIG = "right", "too_small", "too_big"


@dataclass(frozen=True)
class Solution:
    """The computed answer, the mistakes a wrong answer is matched against, and the facts the reveal shows."""
    answer: float | str
    mistakes: Mapping[str, float] = field(default_factory=dict)  # NUMBER: mistake -> the number it gives
    facts: Mapping[str, object] = field(default_factory=dict)     # placeholders of the explanation


@dataclass(frozen=True)
class Question:
    id: str
    page: str                                  # url_path of the page it is asked on
    kind: str                                  # NUMBER or CHOICE
    solve: Callable[[], Solution]
    prompt: Callable[[], dict] = dict          # placeholders of the question text and options (cheap)
    options: tuple[str, ...] = ()              # CHOICE: option ids (texts: cc.<id>.opt.<option>)
    decimals: int = 0                          # NUMBER: digits after the point a student types
    tolerance: float = 0.0                     # NUMBER: accepted distance from the answer
    consequence: Callable[[float], dict] | None = None  # NUMBER: facts about the number typed (e.g. what it gives)

    def solution(self) -> Solution:
        return _solved(self.id)


@dataclass(frozen=True)
class Verdict:
    outcome: str    # RIGHT; a mistake (NUMBER: a key of Solution.mistakes; CHOICE: the option picked); TOO_SMALL; TOO_BIG
    facts: dict     # the solution's facts, plus "value" (what was answered) and "answer", and the consequence's facts

    @property
    def right(self) -> bool:
        return self.outcome == RIGHT


QUESTIONS: dict[str, Question] = {}


def _ask(question: Question) -> Question:
    if question.id in QUESTIONS:
        raise KeyError(f"question {question.id!r} defined twice")
    QUESTIONS[question.id] = question
    return question


@lru_cache(maxsize=None)
def _solved(question_id: str) -> Solution:
    return QUESTIONS[question_id].solve()


def page_questions(page: str) -> list[Question]:
    """The questions of one page (url_path), in the order they are asked."""
    return [q for q in QUESTIONS.values() if q.page == page]


def format_number(x: float, decimals: int = 0) -> str:
    """12443648 -> "12,443,648"; 65.68 with one decimal -> "65.7"."""
    return f"{x:,.{decimals}f}"


def parse_number(text: str | None) -> float | None:
    """A number as people type it: "67436544", "67,436,544", "67 436 544", "72%", "６.６"; None if it is not one."""
    cleaned = re.sub(r"[\s,_，%％]", "", text or "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        return None
    return float(cleaned)


def judge(question: Question, value: float | str) -> Verdict:
    """Right, or which mistake the answer shows (NUMBER: matched within the tolerance; else too small / big)."""
    solution = question.solution()
    facts = {**solution.facts, "value": value, "answer": solution.answer}
    if question.kind == CHOICE:
        if value not in question.options:
            raise ValueError(f"{value!r} is not an option of {question.id}")
        return Verdict(RIGHT if value == solution.answer else str(value), facts)
    number = float(value)
    facts.update(value=format_number(number, question.decimals),
                 answer=format_number(float(solution.answer), question.decimals))
    if question.consequence is not None:
        facts.update(question.consequence(number))
    if abs(number - float(solution.answer)) <= question.tolerance + 1e-9:
        return Verdict(RIGHT, facts)
    for mistake, wrong in solution.mistakes.items():
        if abs(number - float(wrong)) <= question.tolerance + 1e-9:
            return Verdict(mistake, facts)
    return Verdict(TOO_SMALL if number < float(solution.answer) else TOO_BIG, facts)


# ---------------------------------------------------------------------------------------------
# Shared helpers

def conv_out_side(side: int, kernel: int, padding: int, stride: int = 1) -> int:
    """Output side of a convolution: (H + 2p - k) / s + 1 (rounded down, as PyTorch does)."""
    return (side + 2 * padding - kernel) // stride + 1


def _config():
    from .model import INCEPTION_CONFIG
    return INCEPTION_CONFIG


def _spec(block: str) -> dict:
    """A block's channel numbers and its output width: the placeholders of questions about it."""
    spec = _config()[block]
    return {**spec._asdict(), "out": spec.out_channels}


def _input_size() -> int:
    from .model import INPUT_SIZE
    return INPUT_SIZE


@lru_cache(maxsize=None)
def _meta(variant: str) -> GoogLeNet:
    """The shape-only model of a variant, built once (only read: layer settings and counts)."""
    from .model import meta_model
    return meta_model(variant)


def _shape(stage: str, variant: str = "torchvision") -> tuple[int, ...]:
    """(C, H, W) of a stage's output for a 224 x 224 picture, read from the model. Called exactly as the pages
    call it (stage_shapes(variant, INPUT_SIZE), e.g. googlenet.module_lab), so a page's trace is reused."""
    from .costs import stage_shapes
    return stage_shapes(variant, _input_size())[stage]


@lru_cache(maxsize=None)
def _reconciled():
    """The headline numbers (googlenet.headline_numbers: computed once, each defined there only)."""
    from .headline_numbers import reconciled
    return reconciled()


@lru_cache(maxsize=1)
def demo_model() -> GoogLeNet:
    """A real GoogLeNet (torchvision variant) with seeded He-initialised weights: what the ablation and
    Grad-CAM checks run their pictures through. Untrained on purpose: the facts they show hold for any weights."""
    import torch
    from torch import nn

    from .model import GoogLeNet, he_init
    with torch.device("cpu"):
        model = GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False)
    generator = torch.Generator().manual_seed(0)
    he_init(model, generator=generator)
    # The shifts too come from the seeded generator (not the global one), and are not zero: like a trained
    # network's, each layer answers even an all-zero input with something, so what is computed after a silenced
    # block is a real prediction, the same for every photo (with zero shifts it would be all zeros).
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm2d, nn.Linear)) and m.bias is not None:
            nn.init.normal_(m.bias, std=0.1, generator=generator)
    return model.eval()


def demo_pictures(size: int | None = None) -> torch.Tensor:
    """Two very different normalised pictures: seeded noise and a plain mid-grey (all zeros)."""
    import torch
    size = size or _input_size()
    noise = torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(1))
    return torch.cat([noise, torch.zeros(1, 3, size, size)])


# ---------------------------------------------------------------------------------------------
# home

def _home_passes() -> Solution:
    from .headline_numbers import HEADLINE_TOP5, TABLE3
    by_size = {(row.models, row.crops): row for row in TABLE3}
    single = by_size[(1, 1)]
    return Solution(HEADLINE_TOP5.evaluations,
                    {"one_pass": single.evaluations, "crops_only": HEADLINE_TOP5.crops,
                     "models_only": HEADLINE_TOP5.models},
                    {"models": HEADLINE_TOP5.models, "crops": HEADLINE_TOP5.crops, "error": HEADLINE_TOP5.top5_error,
                     "single": single.top5_error, "crops_error": by_size[(1, HEADLINE_TOP5.crops)].top5_error,
                     "models_error": by_size[(HEADLINE_TOP5.models, 1)].top5_error})


def _home_passes_prompt() -> dict:
    from .headline_numbers import HEADLINE_TOP5
    return {"error": HEADLINE_TOP5.top5_error}


def _home_params() -> Solution:
    r = _reconciled()
    m = lambda n: round(n / 1e6, 1)  # noqa: E731
    table = r.table1.params_read_as_thousands
    return Solution(m(r.tv_params),
                    {"paper_table": m(table), "paper_variant": m(r.paper_params), "with_aux": m(r.tv_params_with_aux),
                     "alexnet": m(r.alexnet_params)},
                    {"exact": r.tv_params, "paper": r.paper_params, "with_aux": r.tv_params_with_aux,
                     "alexnet": r.alexnet_params, "table_sum": table})


_ask(Question("home_passes", "home", NUMBER, _home_passes, prompt=_home_passes_prompt))
_ask(Question("home_params", "home", NUMBER, _home_params, decimals=1, tolerance=0.05))


# ---------------------------------------------------------------------------------------------
# history

def _bn_layers(variant: str) -> int:
    from torch import nn
    return sum(isinstance(m, nn.BatchNorm2d) for m in _meta(variant).modules())


def _history_bn() -> Solution:
    return Solution(_bn_layers("paper"), {"torchvision": _bn_layers("torchvision")},
                    {"torchvision": _bn_layers("torchvision")})


def stacked_field(kernels: tuple[int, ...]) -> int:
    """Receptive field of stride-1 "same" convolutions one after another (googlenet.receptive_field's rule)."""
    from .receptive_field import _apply
    return int(_apply([(k, 1, (k - 1) // 2) for k in kernels], 1, 1, 0)[0])


def _history_two_3x3() -> Solution:
    from .costs import conv_cost
    c = 64  # any channel count gives the same ratio: both sides scale with C x C
    five, three = conv_cost(c, c, 5, 1, 1).params, conv_cost(c, c, 3, 1, 1).params
    pct = lambda x: round(100 * x / five, 1)  # noqa: E731
    return Solution(pct(2 * three), {"one_3x3": pct(three), "sides": round(100 * (3 + 3) / 5, 1),
                                     "inverse": round(100 * five / (2 * three), 1)},
                    {"five": five // (c * c), "three": three // (c * c), "field": stacked_field((3, 3)),
                     "pct": pct(2 * three)})


_ask(Question("history_bn", "history", NUMBER, _history_bn))
_ask(Question("history_two_3x3", "history", NUMBER, _history_two_3x3, decimals=1, tolerance=0.5))


# ---------------------------------------------------------------------------------------------
# architecture

def _arch_4e() -> Solution:
    s = _config()["inception4e"]
    out = sum(s.branch_widths().values())
    return Solution(out, {"added_reduces": out + s.n3x3_reduce + s.n5x5_reduce, "input_channels": s.in_channels,
                          "naive_pool": sum(s.branch_widths(bottleneck=False).values()),
                          "input_plus": s.in_channels + out},
                    {**s._asdict(), "out": out, "shape": "×".join(map(str, _shape("inception4e")))})


def _gap_prompt() -> dict:
    # The architecture page's own table (layer_table("paper", INPUT_SIZE), computed once): shapes of both rows.
    from .costs import layer_table
    rows = {row.name: row for row in layer_table("paper", _input_size())}
    c, h, w = rows["inception5b"].output_shape
    (classes,) = rows["linear"].output_shape
    return {"c": c, "h": h, "w": w, "classes": classes}


def _arch_gap() -> Solution:
    from .costs import network_total
    f = _gap_prompt()
    c, h, w, classes = f["c"], f["h"], f["w"], f["classes"]
    flat, network = c * h * w * classes, network_total("torchvision").params
    return Solution(flat, {"with_gap": c * classes, "one_side": c * h * classes, "no_classes": c * h * w},
                    {**f, "flat": flat, "gap": c * classes, "times": flat / (c * classes), "network": network,
                     "vs_network": flat / network})


def network_depth(model: GoogLeNet, count_pools: bool = False) -> int:
    """Layers on the longest path from input to output: a conv or linear layer counts 1, an Inception
    block its deepest branch (parallel branches are side by side, not one after the other)."""
    from torch import nn

    def depth(module: nn.Module) -> int:
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            return 1
        if isinstance(module, (nn.MaxPool2d, nn.AdaptiveAvgPool2d)):
            return int(count_pools)
        if hasattr(module, "branches"):
            return max(depth(b) for b in module.branches())
        return sum(depth(child) for child in module.children())
    return sum(depth(m) for _, m in model.stages()) + depth(model.avgpool) + depth(model.fc)


def _arch_depth() -> Solution:
    from torch import nn

    from .model import STEM
    model = _meta("paper")
    convs = sum(isinstance(m, nn.Conv2d) for m in model.modules())
    layers, with_pools = network_depth(model), network_depth(model, count_pools=True)
    return Solution(layers, {"with_pools": with_pools, "every_conv": convs + 1,
                             "blocks_once": layers - len(_config())},
                    {"layers": layers, "with_pools": with_pools, "convs": convs, "blocks": len(_config()),
                     "stem": len(STEM)})


_ask(Question("arch_4e_channels", "architecture", NUMBER, _arch_4e, prompt=lambda: _spec("inception4e")))
_ask(Question("arch_gap_weights", "architecture", NUMBER, _arch_gap, prompt=_gap_prompt))
_ask(Question("arch_depth", "architecture", NUMBER, _arch_depth))


# ---------------------------------------------------------------------------------------------
# inception_lab: block 3a, on its 28 x 28 map

def _lab_side() -> int:
    return _shape("inception3a", "paper")[1]


def _lab_padding() -> Solution:
    conv = _meta("paper").inception3a.branch3[1].conv  # the paper's 5x5 conv of branch 3
    k, p = conv.kernel_size[0], conv.padding[0]
    return Solution(p, {"kernel": k, "k_minus_1": k - 1, "three_by_three": (3 - 1) // 2, "none": 0},
                    {"k": k, "p": p, "side": _lab_side()})


_ask(Question("lab_padding", "inception_lab", NUMBER, _lab_padding,
              prompt=lambda: {"side": _lab_side()},
              consequence=lambda p: {"out": conv_out_side(_lab_side(), 5, int(p))}))

LAB_NEW_REDUCE = 64   # the question's changed #3x3 reduce of block 3a (the paper's is 96)


def _lab_prompt() -> dict:
    spec = _config()["inception3a"]
    return {"c": spec.in_channels, "side": _lab_side(), "old": spec.n3x3_reduce, "o": spec.n3x3, "r": LAB_NEW_REDUCE,
            "n5x5_reduce": spec.n5x5_reduce}


def _lab_branch_macs() -> Solution:
    from .costs import module_cost
    spec, f = _config()["inception3a"], _lab_prompt()
    side, c, r, o = f["side"], f["c"], f["r"], f["o"]
    area = side * side
    right = module_cost(spec._replace(n3x3_reduce=r), side)["branch2"].macs
    old = module_cost(spec, side)["branch2"].macs
    reduce_part, conv_part = c * r * area, 9 * r * o * area
    return Solution(right, {"forgot_area": right // area, "input_channels": c * r * area + 9 * c * o * area,
                            "forgot_reduce": conv_part, "old_reduce": old,
                            "forgot_kernel": c * r * area + r * o * area},
                    {**f, "reduce_part": reduce_part, "conv_part": conv_part, "macs": right, "old_macs": old})


_ask(Question("lab_branch_macs", "inception_lab", NUMBER, _lab_branch_macs, prompt=_lab_prompt))


def _lab_1x1_params() -> Solution:
    from .costs import conv_cost
    f = _lab_prompt()
    c, r, side = f["c"], f["n5x5_reduce"], f["side"]
    cost = conv_cost(c, r, 1, side, side)
    return Solution(cost.params, {"times_area": cost.macs, "kernel_25": 25 * c * r,
                                  "with_biases": conv_cost(c, r, 1, 1, 1, bias=True).params},
                    {"c": c, "r": r, "params": cost.params, "macs": cost.macs, "side": side})


_ask(Question("lab_1x1_params", "inception_lab", NUMBER, _lab_1x1_params,
              prompt=lambda: {**_lab_prompt(), "r": _lab_prompt()["n5x5_reduce"]}))


# ---------------------------------------------------------------------------------------------
# spot_the_bug

def softmax_twice(margin: float = 20.0) -> dict:
    """GoogLeNet's 1000 classes through CrossEntropyLoss: a confident, right prediction's loss on raw logits and
    on logits softmaxed first (the bug), the lowest loss the bug allows (a one-hot probability vector), and how
    much smaller the bug makes the gradient of a confidently wrong prediction."""
    import torch
    import torch.nn.functional as F

    classes = _meta("torchvision").fc.out_features
    target = torch.tensor([0])
    right = torch.zeros(1, classes)
    right[0, 0] = margin
    wrong = torch.zeros(1, classes)
    wrong[0, 1] = margin

    def gradient(logits: torch.Tensor, softmax_first: bool) -> float:
        x = logits.clone().requires_grad_(True)
        (g,) = torch.autograd.grad(F.cross_entropy(x.softmax(1) if softmax_first else x, target), x)
        return float(g.norm())

    return {"classes": classes, "loss_raw": float(F.cross_entropy(right, target)),
            "loss_twice": float(F.cross_entropy(right.softmax(1), target)),
            "floor": float(F.cross_entropy(F.one_hot(target, classes).float(), target)),
            "shrink": gradient(wrong, False) / gradient(wrong, True)}


def _bug_softmax() -> Solution:
    facts = softmax_twice()
    return Solution("double" if facts["loss_twice"] > 100 * facts["loss_raw"] else "fine", facts=facts)


_ask(Question("bug_aux_softmax", "spot_the_bug", CHOICE, _bug_softmax, options=("fine", "double", "crash", "eval_only")))


def buggy_inception_a(in_channels: int = 10, side: int = 12) -> dict:
    """The seed article's wiring: the 3x3 branch fed from branch5x5_1 instead of branch3x3_1. Run it once
    and report whether it raised, the output channels, and whether branch3x3_1 got any gradient."""
    import torch
    import torch.nn.functional as F

    from .digits.nets import InceptionA
    block = InceptionA(in_channels)
    x = torch.randn(1, in_channels, side, side, generator=torch.Generator().manual_seed(0))
    try:
        b1 = block.branch1x1(x)
        b5 = block.branch5x5_2(block.branch5x5_1(x))
        b3 = block.branch3x3_3(block.branch3x3_2(block.branch5x5_1(x)))  # the bug: branch5x5_1, not branch3x3_1
        bp = block.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        out = torch.cat([b1, b5, b3, bp], dim=1)
    except RuntimeError:
        return {"raised": True}
    out.sum().backward()
    return {"raised": False, "out_channels": out.shape[1], "expected": InceptionA.out_channels,
            "reduce_5": block.branch5x5_1.out_channels, "reduce_3": block.branch3x3_1.out_channels,
            "unused_grad": block.branch3x3_1.weight.grad is None,
            "unused_params": sum(p.numel() for p in block.branch3x3_1.parameters())}


def _bug_inception_a() -> Solution:
    facts = buggy_inception_a()
    if facts["raised"]:
        return Solution("crash", facts=facts)
    if facts["out_channels"] != facts["expected"]:
        return Solution("fewer_channels", facts=facts)
    return Solution("silent" if facts["unused_grad"] else "same", facts=facts)


_ask(Question("bug_inception_a", "spot_the_bug", CHOICE, _bug_inception_a,
              options=("crash", "silent", "fewer_channels", "same")))


# ---------------------------------------------------------------------------------------------
# family

def _family_alexnet() -> Solution:
    from .family import efficiency_summary
    from .headline_numbers import PAPER_FEWER_THAN_ALEXNET
    s = efficiency_summary()
    return Solution(round(s.times_fewer_than_alexnet, 1),
                    {"paper_claim": PAPER_FEWER_THAN_ALEXNET, "vgg": round(s.times_fewer_than_vgg16, 1)},
                    {"googlenet": s.googlenet_params, "alexnet": s.alexnet_params, "vgg": s.vgg16_params,
                     "times": s.times_fewer_than_alexnet, "times_vgg": s.times_fewer_than_vgg16,
                     "claim": PAPER_FEWER_THAN_ALEXNET})


def _family_fc_share() -> Solution:
    from .family import efficiency_summary
    share = efficiency_summary().fc_share
    g, m = share["googlenet"], share["mobilenet_v2"]
    answer = "same" if abs(g - m) < 0.01 else ("mobilenet_v2" if m > g else "googlenet")
    return Solution(answer, facts={"googlenet": 100 * g, "mobilenet_v2": 100 * m})


_ask(Question("family_alexnet", "family", NUMBER, _family_alexnet, decimals=1, tolerance=0.3))
_ask(Question("family_fc_share", "family", CHOICE, _family_fc_share, options=("googlenet", "mobilenet_v2", "same")))


# ---------------------------------------------------------------------------------------------
# classify

def _imagenet_accuracy() -> dict:
    """torchvision's GoogLeNet_Weights.IMAGENET1K_V1 metadata: one model, one centre crop (reading it loads
    nothing: the classify page has torchvision already)."""
    from torchvision.models import GoogLeNet_Weights
    metrics = GoogLeNet_Weights.IMAGENET1K_V1.meta["_metrics"]["ImageNet-1K"]
    return {"top1": metrics["acc@1"], "top5": metrics["acc@5"]}


def _classify_top5() -> Solution:
    f = _imagenet_accuracy()
    top1, top5 = f["top1"], f["top5"]
    return Solution(round(top5 - top1, 2), {"top5": top5, "top5_error": round(100 - top5, 2),
                                            "top1_error": round(100 - top1, 2), "top1": top1},
                    {**f, "share": top5 - top1})


_ask(Question("classify_top5", "classify", NUMBER, _classify_top5, prompt=_imagenet_accuracy, decimals=2,
              tolerance=0.3))

SHIFT = 5.0   # added to every logit in the question


def _classify_shift() -> Solution:
    import torch
    classes = _meta("torchvision").fc.out_features
    logits = torch.randn(classes, generator=torch.Generator().manual_seed(0)) * 3
    before, after = logits.softmax(0), (logits + SHIFT).softmax(0)
    change = float((after - before).abs().max())
    return Solution("unchanged" if change < 1e-6 else "all_rise",
                    facts={"change": change, "exp5": math.exp(SHIFT), "classes": classes})


_ask(Question("classify_shift", "classify", CHOICE, _classify_shift,
              options=("all_rise", "unchanged", "top_rises", "sum_changes")))


# ---------------------------------------------------------------------------------------------
# preprocessing

PHOTO = (640, 480)  # width, height of the photo in the question


def _prep_prompt() -> dict:
    from .images import preprocessing
    transform = preprocessing()
    return {"resize": transform.resize_size[0], "crop": transform.crop_size[0], "w": PHOTO[0], "h": PHOTO[1]}


def _prep_eval() -> Solution:
    import torch
    from PIL import Image

    from .images import preprocessing
    transform = preprocessing()
    picture = Image.effect_noise(PHOTO, 60).convert("RGB")
    deterministic = bool(torch.equal(transform(picture), transform(picture)))
    return Solution("eval" if deterministic else "paper_training", facts=_prep_prompt())


def crop_share(width: int, height: int) -> dict:
    """What resize-256 + centre-crop-224 keeps of a width x height photo, by torchvision's own rounding."""
    from torchvision.transforms.functional import _compute_resized_output_size
    f = _prep_prompt()
    new_h, new_w = _compute_resized_output_size((height, width), [f["resize"]])
    return {**f, "w": width, "h": height, "new_w": new_w, "new_h": new_h, "share": 100 * f["crop"] / new_w}


def _prep_crop() -> Solution:
    f = crop_share(*PHOTO)
    crop = f["crop"]
    return Solution(round(f["share"], 1),
                    {"no_resize": round(100 * crop / f["w"], 1), "height": round(100 * crop / f["new_h"], 1),
                     "area": round(100 * crop * crop / (f["new_w"] * f["new_h"]), 1)}, f)


_ask(Question("prep_eval", "preprocessing", CHOICE, _prep_eval, options=("paper_training", "eval", "both", "any_size"),
              prompt=_prep_prompt))
_ask(Question("prep_crop", "preprocessing", NUMBER, _prep_crop, prompt=_prep_prompt, decimals=1, tolerance=0.5))


# ---------------------------------------------------------------------------------------------
# feature_maps

def _fm_slice() -> Solution:
    s = _config()["inception4c"]
    slices = s.branch_slices()
    start = slices["branch3"].start
    return Solution(start, {"used_reduce": s.n1x1 + s.n3x3_reduce, "one_based": start + 1,
                            "end": slices["branch3"].stop, "second": slices["branch2"].start},
                    {**s._asdict(), "start": start, "stop": slices["branch3"].stop})


def _fm_side() -> Solution:
    from .receptive_field import receptive_fields
    side = _shape("inception4c")[1]
    return Solution(side, {"one_less": 2 * side, "one_more": side // 2, "input": _input_size()},
                    {"side": side, "jump": receptive_fields("torchvision")["inception4c"].jump,
                     "input": _input_size()})


_ask(Question("fm_branch_start", "feature_maps", NUMBER, _fm_slice, prompt=lambda: _spec("inception4c")))
_ask(Question("fm_side", "feature_maps", NUMBER, _fm_side, prompt=lambda: {"input": _input_size()}))


# ---------------------------------------------------------------------------------------------
# receptive_field

@lru_cache(maxsize=1)
def _stem_settings() -> dict:
    """conv1's and pool1's "patch size/stride" as the paper's Table 1 prints them ("7x7/2", "3x3/2"; the model is
    built from the same numbers, tests/test_concept_checks.py compares): read from the table, not by building a
    model, so that the question draws at once."""
    import csv

    from .costs import PAPER_TABLE
    with PAPER_TABLE.open(newline="") as f:
        patch = {row["layer"]: row["patch_stride"] for row in csv.DictReader(f)}
    (k1, s1), (pool_k, pool_s) = ((int(p.split("x")[0]), int(p.split("/")[1])) for p in (patch["conv1"], patch["pool1"]))
    return {"k1": k1, "s1": s1, "pool_k": pool_k, "pool_s": pool_s}


def _rf_pool1() -> Solution:
    from .receptive_field import receptive_fields
    f = receptive_fields("torchvision")
    conv1, k = f["conv1"], _stem_settings()["pool_k"]
    return Solution(f["maxpool1"].rf, {"no_jump": conv1.rf + k - 1, "multiplied": conv1.rf * k,
                                       "kernel_sum": conv1.rf + k},
                    {"rf1": conv1.rf, "jump1": conv1.jump, "rf": f["maxpool1"].rf, "pool_k": k})


def _rf_two_3x3() -> Solution:
    rf = stacked_field((3, 3))
    return Solution(rf, {"sum": 3 + 3, "product": 3 * 3}, {"rf": rf, "three": stacked_field((3, 3, 3))})


_ask(Question("rf_pool1", "receptive_field", NUMBER, _rf_pool1, prompt=_stem_settings))
_ask(Question("rf_two_3x3", "receptive_field", NUMBER, _rf_two_3x3))


# ---------------------------------------------------------------------------------------------
# ablation

def block_off_demo(block: str = "inception3b") -> dict:
    """Two very different pictures through a real GoogLeNet, intact and with every branch of `block` off
    (googlenet.ablation, the page's own switch): how far apart their logits are in each case."""
    from .ablation import ablated_logits, plain_logits
    from .model import BRANCHES
    model, pictures = demo_model(), demo_pictures()
    intact = plain_logits(model, pictures)
    off = ablated_logits(model, pictures, {block: BRANCHES})
    return {"block": block.removeprefix("inception"), "intact_diff": float((intact[0] - intact[1]).abs().max()),
            "off_diff": float((off[0] - off[1]).abs().max()), "off_top": tuple(int(c) for c in off.argmax(1)),
            "off_spread": float(off[0].max() - off[0].min()),   # > 0: a real prediction, not all-equal logits
            "intact_top": tuple(int(c) for c in intact.argmax(1))}


def _abl_block_off() -> Solution:
    facts = block_off_demo()
    same = facts["off_diff"] <= 1e-4 * max(1.0, facts["intact_diff"])
    return Solution("same_prediction" if same else "small_drop", facts={**facts, "class": facts["off_top"][0]})


def _abl_channels() -> Solution:
    from .ablation import channels_off
    s = _config()["inception4a"]
    count = channels_off("inception4a", ["branch2"])
    where = s.branch_slices()["branch2"]
    return Solution(count.off, {"reduce": s.n3x3_reduce, "both": s.n3x3_reduce + s.n3x3},
                    {"off": count.off, "total": count.total, "first": where.start, "last": where.stop - 1,
                     **s._asdict()})


_ask(Question("abl_block_off", "ablation", CHOICE, _abl_block_off,
              options=("bypass", "same_prediction", "random", "small_drop")))
_ask(Question("abl_channels", "ablation", NUMBER, _abl_channels, prompt=lambda: _spec("inception4a")))


# ---------------------------------------------------------------------------------------------
# gradcam

def cam_equals_fc_weights(layer: str = "inception5b") -> dict:
    """Grad-CAM's channel weights at the last block, next to the final layer's weights for the class / (H x W):
    right before global average pooling the two are the same numbers (Grad-CAM there is the original CAM)."""
    from .explain import grad_cam
    model = demo_model()
    cam = grad_cam(model, demo_pictures()[:1], layer=layer)
    side = cam.heatmap.shape[0]
    fc_row = model.fc.weight[cam.class_index].detach().numpy() / (side * side)
    return {"channels": len(cam.channel_weights), "side": side,
            "max_diff": float(abs(cam.channel_weights - fc_row).max()), "largest": float(abs(fc_row).max())}


def _cam_weights() -> Solution:
    return Solution("gradient_mean", facts=cam_equals_fc_weights())


def _cam_prompt() -> dict:
    from .receptive_field import receptive_fields
    return {"side": receptive_fields("torchvision")["inception5b"].side, "input": _input_size()}


def _cam_cell() -> Solution:
    from .receptive_field import receptive_fields
    f = receptive_fields("torchvision")
    five_b = f["inception5b"]
    return Solution(five_b.jump, {"map_side": five_b.side, "field": five_b.rf, "four": f["inception4e"].jump},
                    {"jump": five_b.jump, "side": five_b.side, "rf": five_b.rf, "input": _input_size()})


_ask(Question("cam_weights", "gradcam", CHOICE, _cam_weights,
              options=("activation_mean", "gradient_mean", "fc_weight", "probability")))
_ask(Question("cam_cell", "gradcam", NUMBER, _cam_cell, prompt=_cam_prompt))


# ---------------------------------------------------------------------------------------------
# training

TRAIN_MAIN, TRAIN_AUX = 1.2, 2.0   # the losses in the question


def _aux_weight() -> dict:
    from .digits.trainer import AUX_WEIGHT
    return {"w": AUX_WEIGHT}


def _train_total() -> Solution:
    from .model import AUX_TAPS
    w, heads = _aux_weight()["w"], len(AUX_TAPS)
    total = TRAIN_MAIN + w * TRAIN_AUX * heads
    return Solution(round(total, 2), {"one_aux": round(TRAIN_MAIN + w * TRAIN_AUX, 2),
                                      "unweighted": round(TRAIN_MAIN + heads * TRAIN_AUX, 2),
                                      "weighted_all": round(w * (TRAIN_MAIN + heads * TRAIN_AUX), 2),
                                      "average": round((TRAIN_MAIN + heads * TRAIN_AUX) / (heads + 1), 2)},
                    {"w": w, "main": TRAIN_MAIN, "aux": TRAIN_AUX, "total": total, "heads": heads})


_ask(Question("train_total", "training", NUMBER, _train_total, decimals=2, tolerance=0.01,
              prompt=lambda: {"main": TRAIN_MAIN, "aux": TRAIN_AUX}))


def aux_heads_run(training: bool) -> dict:
    """Which auxiliary heads run in one forward pass of the full network (meta device: shapes only), and how
    many outputs the network returns, in train or eval mode."""
    import torch

    from .model import AUX_TAPS, GoogLeNet, meta_device
    with meta_device():
        model = GoogLeNet(variant="torchvision", aux_logits=True, init_weights=False).train(training)
    ran: list[str] = []
    handles = [getattr(model, name).register_forward_hook(lambda *_a, n=name: ran.append(n)) for name in AUX_TAPS]
    try:
        with torch.no_grad():
            out = model(torch.empty(1, 3, _input_size(), _input_size(), device="meta"))
    finally:
        for h in handles:
            h.remove()
    return {"ran": tuple(ran), "outputs": len(out) if isinstance(out, tuple) else 1}


def _train_eval() -> Solution:
    train, evaluation = aux_heads_run(True), aux_heads_run(False)
    answer = "nothing" if not evaluation["ran"] and evaluation["outputs"] == 1 else "averaged"
    return Solution(answer, facts={"train_ran": len(train["ran"]), "train_outputs": train["outputs"],
                                   "eval_ran": len(evaluation["ran"]), "eval_outputs": evaluation["outputs"],
                                   **_aux_weight()})


_ask(Question("train_eval", "training", CHOICE, _train_eval, options=("averaged", "nothing", "weighted", "vote"),
              prompt=_aux_weight))


# ---------------------------------------------------------------------------------------------
# glossary: one concept, one word

GLOSSARY_TERM = "concatenation"
GLOSSARY_OPTIONS = ("avoid0", "d2l", "zh", "avoid1")   # the app's word, d2l-zh's, and two the app avoids


def _glossary_words() -> dict:
    from .glossary import term
    entry = term(GLOSSARY_TERM)
    return {"en": entry.en, "zh": entry.zh, "d2l": entry.d2l, "avoid0": entry.avoid[0], "avoid1": entry.avoid[1]}


def _glossary_word() -> Solution:
    from .glossary import zh
    words = _glossary_words()
    answer = next(option for option in GLOSSARY_OPTIONS if words[option] == zh(GLOSSARY_TERM))
    return Solution(answer, facts=words)


_ask(Question("glossary_word", "glossary", CHOICE, _glossary_word, options=GLOSSARY_OPTIONS, prompt=_glossary_words))


# Pages added later keep their questions in modules of their own, googlenet/concept_checks_<page>.py, which
# call _ask when imported: every such module found next to this one is loaded here, once.
def _load_page_modules() -> None:
    import importlib
    import pkgutil
    from pathlib import Path

    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("concept_checks_"):
            importlib.import_module(f"{__package__}.{info.name}")


_load_page_modules()
