"""The headline numbers, each checked by a path independent of googlenet.headline_numbers: parameters summed
over real nn.Modules (torchvision's own GoogLeNet and AlexNet), multiply-adds counted by forward hooks, the
Table 1 sums read from the CSV with plain string splitting, the bottleneck savings from the k*k*C_in*C_out
formula written out."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torchvision
from torch import nn

from googlenet import headline_numbers as hn
from googlenet.model import INCEPTION_CONFIG, GoogLeNet

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def numbers() -> hn.Reconciled:
    return hn.reconciled()


def count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def hooked_macs(model: nn.Module, size: int = 224) -> int:
    """Multiply-adds of every Conv2d and Linear, from the output shapes a forward pass on the meta device
    produces: each output value is a dot product of length k*k*C_in/groups (or in_features)."""
    total = 0

    def hook(m, _inputs, out):
        nonlocal total
        per_output = (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1] \
            if isinstance(m, nn.Conv2d) else m.in_features
        total += per_output * out[0].numel()   # one image

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model.eval()(torch.empty(1, 3, size, size, device="meta"))
    for h in handles:
        h.remove()
    return total


def test_table3_as_published():
    rows = [(r.models, r.crops, r.top5_error) for r in hn.TABLE3]
    assert rows == [(1, 1, 10.07), (1, 10, 9.15), (1, 144, 7.89), (7, 1, 8.09), (7, 10, 7.62), (7, 144, 6.67)]
    assert (hn.HEADLINE_TOP5.top5_error, hn.SINGLE_TOP5.top5_error) == (6.67, 10.07)
    assert hn.HEADLINE_TOP5.evaluations == 1008
    # More crops, or more models, always helped.
    for models in (1, 7):
        errors = [r.top5_error for r in hn.TABLE3 if r.models == models]
        assert errors == sorted(errors, reverse=True)


def test_torchvision_accuracy_is_read_from_its_metadata(numbers):
    metrics = torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.meta["_metrics"]["ImageNet-1K"]
    assert (numbers.tv_top1, numbers.tv_top5) == (metrics["acc@1"], metrics["acc@5"]) == (69.778, 89.53)
    assert numbers.tv_top5_error == 10.47


def test_table1_sums_match_the_csv_read_by_hand():
    lines = (ROOT / "googlenet" / "data" / "paper_table1.csv").read_text().splitlines()
    header = lines[0].split(",")
    cells = [dict(zip(header, line.split(","))) for line in lines[1:]]
    params_k = sum(float(c["paper_params_K"]) for c in cells if c["paper_params_K"])
    ops_m = sum(float(c["paper_ops_M"]) for c in cells if c["paper_ops_M"])
    sums = hn.table1_sums()
    assert sums.params_k == pytest.approx(params_k) == pytest.approx(6797.7)
    assert sums.ops_m == pytest.approx(ops_m) == 1502
    assert sums.params_read_as_thousands == 6_797_700 and hn.millions(sums.params_read_as_thousands) == "6.8M"
    assert sums.params_read_as_1024 == round(6797.7 * 1024) == 6_960_845
    assert hn.table1_printed("conv1") == (2.7, 34.0)


def test_parameters_summed_over_real_modules(numbers):
    with torch.device("meta"):
        tv = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)
        tv_aux = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False)
        paper = GoogLeNet(variant="paper", aux_logits=False, init_weights=False)
        paper_aux = GoogLeNet(variant="paper", aux_logits=True, init_weights=False)
    assert numbers.tv_params == count(tv) == 6_624_904
    assert numbers.tv_meta_params == torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.meta["num_params"]
    assert numbers.tv_params_with_aux == count(tv_aux) == 13_004_888
    assert numbers.paper_params == count(paper) == 6_998_552
    assert numbers.paper_params_with_aux == count(paper_aux)
    assert numbers.aux_params_tv == count(tv_aux.aux1) + count(tv_aux.aux2)
    # conv1 and block 3a, from the formula: k*k*C_in*C_out weights + C_out biases.
    assert numbers.conv1_params == 7 * 7 * 3 * 64 + 64 == 9_472
    spec = INCEPTION_CONFIG["inception3a"]
    weights = (spec.in_channels * spec.n1x1 + spec.in_channels * spec.n3x3_reduce + 9 * spec.n3x3_reduce * spec.n3x3
               + spec.in_channels * spec.n5x5_reduce + 25 * spec.n5x5_reduce * spec.n5x5
               + spec.in_channels * spec.pool_proj)
    biases = spec.n1x1 + spec.n3x3_reduce + spec.n3x3 + spec.n5x5_reduce + spec.n5x5 + spec.pool_proj
    assert numbers.inception3a_params == weights + biases == 163_696
    assert round(numbers.inception3a_params / 1024) == 160 and hn.table1_printed("inception3a")[0] == 159


def test_torchvision_is_smaller_mainly_because_of_its_3x3_branch(numbers):
    """The claim in the parameters paragraph: 5x5 -> 3x3 in branch 3 saves more than the whole difference
    (BatchNorm's two numbers per channel, instead of one bias, add some back)."""
    saved = sum((25 - 9) * s.n5x5_reduce * s.n5x5 for s in INCEPTION_CONFIG.values())
    difference = numbers.paper_params - numbers.tv_params
    assert difference > 0 and saved > difference and saved < 1.1 * difference


def test_multiply_adds_counted_by_hooks(numbers):
    with torch.device("meta"):
        tv = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False, transform_input=False)
        paper = GoogLeNet(variant="paper", aux_logits=False, init_weights=False)
    assert numbers.tv_macs == hooked_macs(tv) == 1_498_376_192
    assert numbers.paper_macs == hooked_macs(paper) == 1_582_671_872
    # torchvision's "GFLOPS" is this multiply-add count, rounded to 3 decimals.
    assert numbers.tv_meta_gflops == torchvision.models.GoogLeNet_Weights.IMAGENET1K_V1.meta["_ops"]
    assert round(numbers.tv_macs / 1e9, 3) == numbers.tv_meta_gflops
    assert numbers.conv1_macs == 7 * 7 * 3 * 64 * 112 * 112 == 118_013_952


def test_alexnet_ratio(numbers):
    with torch.device("meta"):
        alexnet = torchvision.models.alexnet(weights=None)
    assert numbers.alexnet_params == count(alexnet) == 61_100_840
    assert numbers.alexnet_params == torchvision.models.AlexNet_Weights.IMAGENET1K_V1.meta["num_params"]
    assert round(numbers.alexnet_ratio_tv, 1) == 9.2
    assert round(numbers.alexnet_ratio_paper, 1) == 8.7
    assert round(numbers.alexnet_ratio_table1, 1) == 8.8
    # "12x fewer than 60M" would be 5M: below every count the paper or the model gives.
    assert numbers.params_implied_by_12x == 5e6
    assert numbers.params_implied_by_12x < min(numbers.tv_params, hn.table1_sums().params_read_as_thousands)


def test_bottleneck_savings_from_the_formula(numbers):
    """Naive module: 1x1, 3x3 and 5x5 convs straight from the input (the pool branch has no weights);
    with 1x1 reductions: the module as built. Ratios of weights = ratios of multiply-adds at one size."""
    def weights(spec, naive: bool) -> tuple[int, int, int]:
        c = spec.in_channels
        if naive:
            b3, b5 = 9 * c * spec.n3x3, 25 * c * spec.n5x5
            return c * spec.n1x1 + b3 + b5, b3, b5
        b3 = c * spec.n3x3_reduce + 9 * spec.n3x3_reduce * spec.n3x3
        b5 = c * spec.n5x5_reduce + 25 * spec.n5x5_reduce * spec.n5x5
        return c * spec.n1x1 + b3 + b5 + c * spec.pool_proj, b3, b5

    assert [s.block for s in numbers.savings] == list(INCEPTION_CONFIG)
    for saving in numbers.savings:
        naive, reduced = weights(INCEPTION_CONFIG[saving.block], True), weights(INCEPTION_CONFIG[saving.block], False)
        assert saving.module == pytest.approx(naive[0] / reduced[0])
        assert saving.branch3x3 == pytest.approx(naive[1] / reduced[1])
        assert saving.branch5x5 == pytest.approx(naive[2] / reduced[2])
    assert [s.size for s in numbers.savings] == [28, 28, 14, 14, 14, 14, 14, 7, 7]
    assert round(numbers.saving_3a.branch5x5, 2) == 9.68                 # CONCEPTS.md §2: about 1/10
    low, high = numbers.module_saving_range
    assert (low.block, round(low.module, 1), high.block, round(high.module, 1)) == \
        ("inception3a", 2.4, "inception5a", 5.1)
    assert all(s.module < s.branch5x5 for s in numbers.savings)          # never "ten times" for a module


def test_the_published_numbers_need_no_torch():
    """The home page draws the published numbers before (or without) loading PyTorch."""
    script = ("import sys; from googlenet import headline_numbers as hn; hn.table1_sums(); "
              "print(sorted(m for m in ('torch', 'torchvision', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "[]"
