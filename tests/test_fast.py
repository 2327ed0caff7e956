"""The fast inference path (googlenet.runtime.fast): same logits, same modules, hooks still work, channels-last."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from googlenet import GoogLeNet
from googlenet.blocks import ConvBlock
from googlenet.runtime.fast import FastGoogLeNet, fold_batchnorm, is_optimized, optimize_for_inference
from googlenet.runtime.hooks import has_hooks, temporary_hooks
from model_helpers import randomise

BRANCH_NAMES = [f"{block}.branch{i}" for block in ("inception3a", "inception4c", "inception5b") for i in (1, 2, 3, 4)]


@pytest.fixture(scope="module")
def models():
    torch.manual_seed(0)
    plain = randomise(GoogLeNet(variant="torchvision", aux_logits=True, transform_input=True)).eval()
    return plain, optimize_for_inference(plain)


@pytest.fixture(scope="module")
def batch():
    return torch.randn(2, 3, 224, 224, generator=torch.Generator().manual_seed(1))


def test_logits_match_the_unfolded_model(models, batch):
    plain, fast = models
    with torch.inference_mode():
        expected, got = plain(batch), fast(batch)
    assert expected.abs().max() > 1.0, "test weights should give logits of a real size"
    assert got.shape == (2, 1000)
    torch.testing.assert_close(got, expected, atol=1e-4, rtol=1e-4)
    assert torch.equal(got.argmax(1), expected.argmax(1))


def test_other_input_sizes_and_plain_calls(models):
    plain, fast = models
    x = torch.randn(1, 3, 160, 192, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():  # no_grad (not inference_mode) is what some callers use
        torch.testing.assert_close(fast(x), plain(x), atol=1e-4, rtol=1e-4)


def test_original_is_untouched_and_copy_is_eval(models):
    plain, fast = models
    assert fast is not plain
    assert isinstance(plain.conv1.bn, nn.BatchNorm2d) and plain.conv1.conv.bias is None
    assert not fast.training and all(not m.training for m in fast.modules())
    assert isinstance(fast, GoogLeNet) and isinstance(fast, FastGoogLeNet)
    assert is_optimized(fast) and not is_optimized(plain)


def test_module_names_and_structure_are_preserved(models):
    plain, fast = models
    assert [n for n, _ in plain.named_modules()] == [n for n, _ in fast.named_modules()]
    for (name, a), (_, b) in zip(plain.named_modules(), fast.named_modules()):
        if isinstance(a, nn.BatchNorm2d):
            assert isinstance(b, nn.Identity), name
        else:
            assert type(b) is type(a) or isinstance(b, type(a)), name
    blocks = [m for m in fast.modules() if isinstance(m, ConvBlock)]
    assert len(blocks) == 57 + 2  # 57 convs in the network, one in each aux head
    assert all(isinstance(b.bn, nn.Identity) and b.conv.bias is not None for b in blocks)
    assert not any(isinstance(m, nn.BatchNorm2d) for m in fast.modules())


def test_weights_are_channels_last(models):
    _, fast = models
    convs = [m for m in fast.modules() if isinstance(m, nn.Conv2d)]
    assert convs and all(c.weight.is_contiguous(memory_format=torch.channels_last) for c in convs)


def test_branch_hooks_fire_and_see_nchw_activations(models, batch):
    plain, fast = models

    def capture(model):
        seen: dict[str, torch.Tensor] = {}

        def hook(name):
            return lambda module, inputs, output: seen.__setitem__(name, output.detach().clone())

        with temporary_hooks(model, {name: hook(name) for name in BRANCH_NAMES + ["conv1", "inception4a"]}), \
                torch.inference_mode():
            model(batch)
        return seen

    expected, got = capture(plain), capture(fast)
    assert set(got) == set(BRANCH_NAMES + ["conv1", "inception4a"])
    for name in got:
        assert got[name].shape == expected[name].shape, name
        assert got[name].shape[0] == 2 and got[name].dim() == 4  # (N, C, H, W)
        torch.testing.assert_close(got[name], expected[name], atol=1e-4, rtol=1e-4)
    assert got["inception4a"].is_contiguous(memory_format=torch.channels_last)  # the layout stays NHWC inside
    assert got["inception3a.branch2"].shape == (2, 128, 28, 28)
    assert not has_hooks(fast)


def test_gradients_flow_for_grad_cam(models):
    """Grad-CAM differentiates a class score with respect to an activation: that must still work."""
    plain, fast = models
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(3))
    grads = []
    for model in (plain, fast):
        acts = {}
        with temporary_hooks(model, {"inception4e": lambda m, i, o: acts.setdefault("a", o)}):
            logits = model(x)
        score = logits[0, logits[0].argmax()]
        grads.append(torch.autograd.grad(score, acts["a"])[0])
    # A handful of activations sit within float noise of ReLU's kink, so compare what Grad-CAM uses:
    # the gradient averaged over each channel's map, and the gradient map as a whole.
    torch.testing.assert_close(grads[1].mean((2, 3)), grads[0].mean((2, 3)), atol=1e-5, rtol=1e-3)
    assert (grads[1] - grads[0]).norm() <= 1e-2 * grads[0].norm()


def test_paper_variant_has_nothing_to_fold():
    torch.manual_seed(0)
    plain = randomise(GoogLeNet(variant="paper", aux_logits=False)).eval()
    assert fold_batchnorm(optimize_for_inference(plain, channels_last=False)) == 0
    fast = optimize_for_inference(plain)
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(4))
    with torch.inference_mode():
        torch.testing.assert_close(fast(x), plain(x), atol=1e-4, rtol=1e-4)


def test_folds_torchvisions_own_googlenet():
    torchvision = pytest.importorskip("torchvision")
    torch.manual_seed(0)
    tv = randomise(torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=False)).eval()
    fast = optimize_for_inference(tv)
    assert any(isinstance(m, nn.BatchNorm2d) for m in tv.modules())  # a copy was folded, not tv itself
    assert not any(isinstance(m, nn.BatchNorm2d) for m in fast.modules())
    x = torch.randn(1, 3, 224, 224, generator=torch.Generator().manual_seed(5))
    with torch.inference_mode():
        torch.testing.assert_close(fast(x.contiguous(memory_format=torch.channels_last)), tv(x),
                                   atol=1e-4, rtol=1e-4)


def test_feature_capture_of_the_pages_works_on_the_fast_model(models, batch):
    """googlenet.features (the Feature maps page) sees the same branch maps, as ordinary NCHW arrays."""
    from googlenet.features import capture_branches, most_active
    from googlenet.viz import tile_channels

    plain, fast = models
    expected = capture_branches(plain, batch[:1], ["inception4a"])["inception4a"]
    got = capture_branches(fast, batch[:1], ["inception4a"])["inception4a"]
    assert set(got) == {"branch1", "branch2", "branch3", "branch4", "output"}
    for part in got:
        torch.testing.assert_close(got[part], expected[part], atol=1e-4, rtol=1e-4)
    assert most_active(got["branch2"][0], 16) == most_active(expected["branch2"][0], 16)
    assert tile_channels(got["branch2"][0], order=range(16)).shape == tile_channels(expected["branch2"][0],
                                                                                     order=range(16)).shape
    assert not has_hooks(fast)


def test_conv_relu_fusion_and_its_fallbacks(models, batch):
    """Gradient-free passes use the fused oneDNN call; a hook on an inner conv, or grad mode, the ordinary path."""
    from googlenet.runtime.fast import FusedConvBlock

    plain, fast = models
    blocks = [m for m in fast.modules() if isinstance(m, ConvBlock)]
    fused = [m for m in blocks if isinstance(m, FusedConvBlock) and m.packed() is not None]
    if not fused:
        pytest.skip("this PyTorch build has no oneDNN fused convolution: the ordinary path is used")
    assert len(fused) == 57  # every conv of the network (the aux heads are never run in eval mode)
    x = batch[:1]
    with torch.inference_mode():
        expected = plain(x)
        assert fused[0]._can_fuse(x.contiguous(memory_format=torch.channels_last))
        torch.testing.assert_close(fast(x), expected, atol=1e-4, rtol=1e-4)
    seen = []
    with temporary_hooks(fast, {"inception3b.branch3.1.conv": lambda m, i, o: seen.append(o.shape)}), \
            torch.inference_mode():
        torch.testing.assert_close(fast(x), expected, atol=1e-4, rtol=1e-4)
    assert seen == [(1, 96, 28, 28)]  # the inner conv's hook fired: that block took the ordinary path
    with torch.no_grad():
        conv = fast.inception5b.branch1.conv
        saved = conv.weight.clone()
        conv.weight.mul_(2)  # weights changed after packing: the block must notice
        changed = fast(x)
        conv.weight.copy_(saved)
        assert not torch.allclose(changed, expected, atol=1e-3)
        torch.testing.assert_close(fast(x), expected, atol=1e-4, rtol=1e-4)


def test_weights_are_packed_once_per_thread_count_and_copies_start_unpacked(models, batch):
    """oneDNN blocks packed weights by thread count (bf16: a packing for 2 threads is reordered again on every
    1-thread call), so each count gets its own packing; a deep copy repacks on first use."""
    import copy

    from googlenet.runtime.fast import FusedConvBlock
    from googlenet.runtime.serving import torch_threads

    plain, fast = models
    block = fast.inception4c.branch2[1]
    if not isinstance(block, FusedConvBlock) or block.packed() is None:
        pytest.skip("this PyTorch build has no oneDNN fused convolution")
    x = batch[:1]
    with torch.inference_mode():
        expected = plain(x)
        for threads in (1, 2):
            with torch_threads(threads):
                torch.testing.assert_close(fast(x), expected, atol=1e-4, rtol=1e-4)
    assert {key[0] for key in block._packs} >= {1, 2}
    twin = copy.deepcopy(fast)
    assert twin.inception4c.branch2[1]._packs == {}
    with torch.inference_mode():
        torch.testing.assert_close(twin(x), expected, atol=1e-4, rtol=1e-4)
        # A batch of another size runs fused too, with the plain channels-last weights.
        torch.testing.assert_close(twin(batch), plain(batch), atol=1e-4, rtol=1e-4)
    assert twin.inception4c.branch2[1]._packs
