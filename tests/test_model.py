"""GoogLeNet model: torchvision compatibility, the paper variant, and paper Table 1's shapes."""
from __future__ import annotations

import copy
import csv
from pathlib import Path

import pytest
import torch
import torchvision
from torch import nn

from googlenet import GoogLeNet, INCEPTION_CONFIG
from googlenet.model import LRN_SETTINGS
from model_helpers import randomise

TABLE1 = Path(__file__).resolve().parents[1] / "googlenet" / "data" / "paper_table1.csv"
SPEC_COLUMNS = ("n1x1", "n3x3_reduce", "n3x3", "n5x5_reduce", "n5x5", "pool_proj")

# Paper Table 1 row -> the module of our model whose output that row describes. The paper's "conv2"
# (depth 2) is our conv2 (1x1 reduce) followed by conv3 (3x3): its output is conv3's. "softmax" has
# no module; its shape is the model's output shape.
ROW_TO_MODULE = {
    "conv1": "conv1", "pool1": "maxpool1", "conv2": "conv3", "pool2": "maxpool2",
    "inception3a": "inception3a", "inception3b": "inception3b", "pool3": "maxpool3",
    "inception4a": "inception4a", "inception4b": "inception4b", "inception4c": "inception4c",
    "inception4d": "inception4d", "inception4e": "inception4e", "pool4": "maxpool4",
    "inception5a": "inception5a", "inception5b": "inception5b",
    "avgpool": "avgpool", "dropout": "dropout", "linear": "fc", "softmax": None,
}


def table1() -> list[dict]:
    with TABLE1.open(newline="") as f:
        return list(csv.DictReader(f))


def tv_googlenet(aux_logits: bool = True, **kw) -> nn.Module:
    return torchvision.models.googlenet(weights=None, aux_logits=aux_logits, init_weights=True, **kw)


@pytest.fixture(scope="module")
def tv_and_ours():
    torch.manual_seed(0)
    tv = tv_googlenet()
    randomise(tv)
    ours = GoogLeNet(variant="torchvision", aux_logits=True, init_weights=False)
    ours.load_state_dict(tv.state_dict(), strict=True)
    return tv, ours


# ------------------------------------------------------------------ torchvision variant

def test_state_dict_keys_identical_to_torchvision():
    ours = GoogLeNet(variant="torchvision", aux_logits=True, init_weights=False)
    assert list(ours.state_dict().keys()) == list(tv_googlenet().state_dict().keys())
    with torch.device("meta"):
        ours_noaux = GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False)
        tv_noaux = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)
    assert list(ours_noaux.state_dict().keys()) == list(tv_noaux.state_dict().keys())


def test_strict_load_of_torchvision_state_dict():
    ours = GoogLeNet(variant="torchvision", aux_logits=True, init_weights=False)
    result = ours.load_state_dict(tv_googlenet().state_dict(), strict=True)
    assert not result.missing_keys and not result.unexpected_keys


@pytest.mark.parametrize("transform_input", [False, True])
def test_eval_logits_equal_torchvision(tv_and_ours, transform_input):
    tv, ours = tv_and_ours
    tv.eval().transform_input = transform_input
    ours.eval().transform_input = transform_input
    x = torch.randn(2, 3, 224, 224, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected, got = tv(x), ours(x)
    assert isinstance(got, torch.Tensor) and got.shape == (2, 1000)
    assert expected.std() > 0.1  # the comparison below is not between two near-zero tensors
    torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-5)


def test_train_mode_outputs_equal_torchvision(tv_and_ours):
    tv, ours = tv_and_ours
    tv.train().transform_input = False
    ours.train().transform_input = False
    # Train-mode BatchNorm updates running statistics: work on copies so the fixture stays intact.
    tv, ours = copy.deepcopy(tv), copy.deepcopy(ours)
    x = torch.randn(2, 3, 224, 224, generator=torch.Generator().manual_seed(2))
    torch.manual_seed(123)  # the same dropout masks, drawn in the same order (aux1, aux2, main)
    expected = tv(x)
    torch.manual_seed(123)
    got = ours(x)
    assert len(got) == 3
    for name, a, b in zip(("logits", "aux2", "aux1"), got, expected):
        assert a.shape == (2, 1000), name
        torch.testing.assert_close(a, b, atol=1e-5, rtol=1e-5, msg=name)
    assert got.logits is got[0] and got.aux_logits2 is got[1] and got.aux_logits1 is got[2]


def test_parameter_count_without_aux_heads():
    with torch.device("meta"):
        model = GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False)
    assert sum(p.numel() for p in model.parameters()) == 6_624_904


def test_torchvision_variant_uses_3x3_in_branch3_and_batchnorm():
    model = GoogLeNet(variant="torchvision", aux_logits=False, init_weights=False)
    for name in INCEPTION_CONFIG:
        assert getattr(model, name).branch3[1].conv.kernel_size == (3, 3)
    assert not any(isinstance(m, nn.LocalResponseNorm) for m in model.modules())
    assert all(m.bias is None for m in model.modules() if isinstance(m, nn.Conv2d))
    assert sum(isinstance(m, nn.BatchNorm2d) for m in model.modules()) == 57


# ------------------------------------------------------------------ paper variant

def test_paper_variant_structure():
    model = GoogLeNet(variant="paper", aux_logits=True, init_weights=False)
    assert not any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in model.modules())
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    assert len(convs) == 3 + 9 * 6 + 2  # stem, 6 per Inception block, one per aux head
    assert all(m.bias is not None for m in convs)
    lrns = [m for m in model.modules() if isinstance(m, nn.LocalResponseNorm)]
    assert len(lrns) == 2
    for lrn in lrns:
        assert (lrn.size, lrn.alpha, lrn.beta, lrn.k) == (5, 1e-4, 0.75, 2.0)
    assert LRN_SETTINGS == dict(size=5, alpha=1e-4, beta=0.75, k=2.0)
    for name in INCEPTION_CONFIG:
        conv5 = getattr(model, name).branch3[1].conv
        assert conv5.kernel_size == (5, 5) and conv5.padding == (2, 2)


@pytest.mark.parametrize("variant", ["paper", "torchvision"])
def test_stage_shapes_equal_paper_table1(variant):
    model = GoogLeNet(variant=variant, aux_logits=False).eval()
    seen: dict[str, tuple] = {}
    hooks = [getattr(model, module).register_forward_hook(
                 lambda _m, _i, out, n=module: seen.__setitem__(n, tuple(out.shape)))
             for module in ROW_TO_MODULE.values() if module]
    with torch.no_grad():
        logits = model(torch.randn(1, 3, 224, 224))
    for h in hooks:
        h.remove()
    rows = table1()
    assert [r["layer"] for r in rows] == list(ROW_TO_MODULE)  # all 19 rows, in order
    for row in rows:
        module = ROW_TO_MODULE[row["layer"]]
        shape = seen[module] if module else tuple(logits.shape)
        hw, c = int(row["output_hw"]), int(row["output_channels"])
        if len(shape) == 2:  # after flatten: (N, features) stands for 1x1xfeatures
            assert hw == 1 and shape == (1, c), row["layer"]
        else:
            assert shape == (1, c, hw, hw), row["layer"]


def test_paper_variant_aux_heads_train_mode_shapes():
    model = GoogLeNet(variant="paper", aux_logits=True).train()
    out = model(torch.randn(2, 3, 224, 224))
    assert len(out) == 3 and all(o.shape == (2, 1000) for o in out)
    assert isinstance(model.eval()(torch.randn(1, 3, 224, 224)), torch.Tensor)


# ------------------------------------------------------------------ the channel table

def test_inception_config_chains_and_matches_table1():
    rows = {r["layer"]: r for r in table1()}
    previous_out = int(rows["conv2"]["output_channels"])  # 192 channels enter inception3a
    for name, spec in INCEPTION_CONFIG.items():
        row = rows[name]
        assert spec.in_channels == previous_out, name
        assert spec.out_channels == spec.n1x1 + spec.n3x3 + spec.n5x5 + spec.pool_proj
        assert spec.out_channels == int(row["output_channels"]), name
        assert {c: getattr(spec, c) for c in SPEC_COLUMNS} == {c: int(row[c]) for c in SPEC_COLUMNS}, name
        previous_out = spec.out_channels
    assert previous_out == 1024
    assert list(INCEPTION_CONFIG) == [r for r in rows if r.startswith("inception")]


# ------------------------------------------------------------------ any input size

@pytest.mark.parametrize("variant", ["paper", "torchvision"])
@pytest.mark.parametrize("size", [160, 320])
def test_fully_convolutional_up_to_global_average_pooling(variant, size):
    model = GoogLeNet(variant=variant, aux_logits=True, init_weights=False).eval()
    with torch.no_grad():
        out = model(torch.randn(2, 3, size, size))
    assert isinstance(out, torch.Tensor) and out.shape == (2, 1000)


@pytest.mark.parametrize("variant", ["torchvision", "paper"])
def test_forward_shape_comments_are_true(variant):
    """The forward pass students read carries a shape comment on every line; each one must be what the line
    really produces at 224 x 224 (checked against a hooked pass, so a comment can never drift)."""
    import inspect
    import re

    from googlenet.costs import stage_shapes

    shapes = stage_shapes(variant, 224)
    checked = 0
    for line in inspect.getsource(GoogLeNet.forward).splitlines():
        stage = re.search(r"x = self\.(\w+)\(x\)\s+# N x ([\d x]+)$", line.strip())
        if stage is None:
            continue
        name, comment = stage.group(1), tuple(int(n) for n in stage.group(2).split(" x "))
        if name in shapes:
            assert shapes[name] == comment, (variant, name, shapes[name], comment)
            checked += 1
    assert checked >= 17 if variant == "paper" else checked >= 15


def test_forward_order_matches_stage_order():
    """STAGE_ORDER (used by feature capture and receptive fields) lists the stages in the forward's order."""
    import inspect
    import re

    from googlenet.model import STAGE_ORDER

    called = re.findall(r"x = self\.(\w+)\(x\)", inspect.getsource(GoogLeNet.forward))
    assert [n for n in called if n in STAGE_ORDER] == list(STAGE_ORDER)


def test_aux_heads_listen_where_aux_taps_say():
    """AUX_TAPS (drawn in the diagram, costed on the architecture page) names the blocks the forward feeds them."""
    from googlenet.model import AUX_TAPS

    model = GoogLeNet(variant="torchvision").train()
    seen = {}
    outputs = {}
    hooks = [getattr(model, aux).register_forward_hook(
        lambda m, inputs, out, aux=aux: seen.__setitem__(aux, inputs[0])) for aux in AUX_TAPS]
    hooks += [getattr(model, tap).register_forward_hook(
        lambda m, inputs, out, tap=tap: outputs.__setitem__(tap, out)) for tap in AUX_TAPS.values()]
    model(torch.randn(2, 3, 224, 224))
    for h in hooks:
        h.remove()
    for aux, tap in AUX_TAPS.items():
        assert seen[aux] is outputs[tap], (aux, tap)
