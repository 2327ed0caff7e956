"""Branch ablation: the right channels go dark, only for one pass, and the shared model is unchanged afterwards."""
from __future__ import annotations

import pytest
import torch

from googlenet import GoogLeNet, INCEPTION_CONFIG
from googlenet.ablation import (ALL_BLOCKS, ablated_logits, branch_scan, channels_off, compare, plain_logits,
                                switches)
from googlenet.model import BLOCKS, BRANCHES, he_init
from googlenet.runtime.hooks import has_hooks, temporary_hooks


def branch_slices(block: str) -> dict[str, slice]:
    return INCEPTION_CONFIG[block].branch_slices()


@pytest.fixture(scope="module")
def model() -> GoogLeNet:
    torch.manual_seed(0)
    return he_init(GoogLeNet(variant="torchvision", aux_logits=False, transform_input=True)).eval()


@pytest.fixture(scope="module")
def batch() -> torch.Tensor:
    torch.manual_seed(1)
    return torch.randn(1, 3, 224, 224)


def test_branch_slices_follow_the_concatenation_order():
    s = branch_slices("inception3a")  # 64 | 128 | 32 | 32 = 256
    assert s == {"branch1": slice(0, 64), "branch2": slice(64, 192), "branch3": slice(192, 224),
                 "branch4": slice(224, 256)}
    for block, spec in INCEPTION_CONFIG.items():
        assert branch_slices(block)["branch4"].stop == spec.out_channels


def test_ablated_block_output_has_exactly_the_branch_channels_zeroed(model, batch):
    seen = {}
    with torch.no_grad(), temporary_hooks(model, {"inception3b": lambda m, i, o: seen.__setitem__("intact", o.clone())}):
        model(batch)
    # maxpool3 comes right after 3b: its input is what the rest of the network receives from the ablated block.
    with temporary_hooks(model, {"maxpool3": lambda m, i, o: seen.__setitem__("ablated", i[0].clone())}):
        ablated_logits(model, batch, {"inception3b": ["branch2", "branch4"]})
    intact, ablated = seen["intact"], seen["ablated"]
    slices = branch_slices("inception3b")
    assert intact[:, slices["branch2"]].any() and intact[:, slices["branch4"]].any()
    assert not ablated[:, slices["branch2"]].any() and not ablated[:, slices["branch4"]].any()
    torch.testing.assert_close(ablated[:, slices["branch1"]], intact[:, slices["branch1"]])
    torch.testing.assert_close(ablated[:, slices["branch3"]], intact[:, slices["branch3"]])
    assert not has_hooks(model)


def test_zeroing_the_slice_equals_silencing_the_branch_itself(model, batch):
    """Cross-check with a different mechanism: make branch3's own module output zeros."""
    via_slices = ablated_logits(model, batch, {"inception4c": ["branch3"]})
    with torch.no_grad(), temporary_hooks(model, {"inception4c.branch3": lambda m, i, o: torch.zeros_like(o)}):
        via_branch = model(batch)
    torch.testing.assert_close(via_slices, via_branch)


def test_ablation_changes_logits_and_leaves_no_trace(model, batch):
    with torch.no_grad():
        original = model(batch)
    ablated = ablated_logits(model, batch, {"inception5b": ["branch1", "branch2"], "inception3a": ["branch4"]})
    assert not torch.allclose(ablated, original)
    assert not has_hooks(model)
    with torch.no_grad():
        again = model(batch)
    torch.testing.assert_close(again, original, rtol=0, atol=0)  # an intact pass after an ablated one
    assert all(p.grad is None for p in model.parameters())


def test_switching_off_nothing_is_the_intact_network(model, batch):
    with torch.no_grad():
        original = model(batch)
    torch.testing.assert_close(ablated_logits(model, batch, {}), original)
    torch.testing.assert_close(ablated_logits(model, batch, {"inception4a": []}), original)


def test_switching_off_every_branch_of_the_last_block_leaves_only_the_bias(model, batch):
    logits = ablated_logits(model, batch, {"inception5b": ["branch1", "branch2", "branch3", "branch4"]})
    torch.testing.assert_close(logits[0], model.fc.bias.detach())


def test_compare_reports_top5_and_the_shift_of_the_top_class(model, batch):
    result = compare(model, batch, {"inception5b": ["branch2"]})
    intact, ablated = result.top("intact"), result.top("ablated")
    assert len(intact) == len(ablated) == 5
    assert intact[0][0] == result.top_class
    assert [p for _, p in intact] == sorted((p for _, p in intact), reverse=True)
    c = result.top_class
    assert result.shift == pytest.approx(float(result.ablated[c] - result.intact[c]))
    assert abs(float(result.intact.sum()) - 1) < 1e-5 and abs(float(result.ablated.sum()) - 1) < 1e-5
    assert result.off == {"inception5b": ("branch2",)}


def test_bad_names_are_refused_without_leaving_hooks(model, batch):
    with pytest.raises(KeyError):
        ablated_logits(model, batch, {"inception9z": ["branch1"]})
    with pytest.raises(KeyError):
        ablated_logits(model, batch, {"inception3a": ["branch7"]})
    with pytest.raises(ValueError):
        compare(model, torch.randn(2, 3, 224, 224), {})
    assert not has_hooks(model)


def test_switches_for_one_block_and_for_all_blocks():
    assert switches("inception4a", []) == ()
    assert switches("inception4a", ["branch3", "branch1", "branch1"]) == (("inception4a", ("branch1", "branch3")),)
    every = switches(ALL_BLOCKS, ["branch2"])
    assert [b for b, _ in every] == list(BLOCKS) and all(x == ("branch2",) for _, x in every)
    with pytest.raises(KeyError):
        switches("inception9z", ["branch1"])
    with pytest.raises(KeyError):
        switches("inception3a", ["branch7"])


def test_channels_off_counts_the_dark_channels():
    # inception4a: 192 | 208 | 48 | 64 = 512 (paper Table 1)
    assert channels_off("inception4a", ["branch1"]) == (192, 512, (192,))
    assert channels_off("inception5b", ["branch2", "branch1"]) == (384 + 384, 1024, (384, 384))
    assert channels_off("inception3a", []) == (0, 256, ())
    every = channels_off(ALL_BLOCKS, ["branch1"])
    assert every.off == sum(spec.n1x1 for spec in INCEPTION_CONFIG.values())
    assert every.total == sum(spec.out_channels for spec in INCEPTION_CONFIG.values()) and every.widths == ()
    assert channels_off(ALL_BLOCKS, list(BRANCHES)).off == every.total


def test_compared_classes_hold_both_top_lists_once(model, batch):
    result = compare(model, batch, {"inception5b": ["branch1", "branch2", "branch3"]})
    classes = result.compared_classes()
    assert len(classes) == len(set(classes))
    assert set(classes) == {c for c, _ in result.top("intact")} | {c for c, _ in result.top("ablated")}
    assert classes[0] == result.top_class
    assert result.ablated_top_class == int(result.ablated.argmax())


def test_branch_scan_is_each_branch_alone(model):
    small = torch.randn(1, 3, 96, 96, generator=torch.Generator().manual_seed(2))  # 20 passes: keep them cheap
    intact = plain_logits(model, small)
    scan = branch_scan(model, small, "inception4e", intact_logits=intact)
    assert list(scan) == list(BRANCHES)
    for branch, shift in scan.items():
        alone = compare(model, small, {"inception4e": [branch]}, intact_logits=intact)
        assert shift == pytest.approx(alone.shift, abs=1e-6)
    every = branch_scan(model, small, ALL_BLOCKS)
    assert every["branch4"] == pytest.approx(
        compare(model, small, dict(switches(ALL_BLOCKS, ["branch4"])), intact_logits=intact).shift, abs=1e-6)
    assert not has_hooks(model)


# ------------------------------------------------------------------------------ any network: the training lab's
# The blocks, branches and channel slices come from the network itself (googlenet.network_anatomy).

def lab_net(preset: str):
    from googlenet.digits import build_model
    torch.manual_seed(0)
    return build_model(preset, depth=3, aux=True, seed=3)


def lab_digits(model, n: int = 2) -> torch.Tensor:
    side = model.image_size if hasattr(model, "image_size") else 8
    torch.manual_seed(2)
    return torch.rand(n, 1, side, side) * 16


def concat_zeroed(model, batch, block: str, channels: slice) -> torch.Tensor:
    """Our own mechanism: a plain hook on the block that zeroes those channels of the concatenation."""
    def zero(_m, _i, out):
        out = out.clone()
        out[:, channels] = 0
        return out
    handle = dict(model.named_modules())[block].register_forward_hook(zero)
    try:
        with torch.no_grad():
            return model.eval()(batch)
    finally:
        handle.remove()


@pytest.mark.parametrize("preset", ["googlenet_small", "seed_mnist"])
def test_zeroing_a_branch_of_a_lab_network_is_zeroing_its_channels_of_the_concatenation(preset):
    from googlenet.network_anatomy import inception_blocks
    model = lab_net(preset).eval()
    batch = lab_digits(model)
    blocks = inception_blocks(model)
    assert len(blocks) == (3 if preset == "googlenet_small" else 2)
    intact = plain_logits(model, batch)
    for block in blocks:
        for branch, channels in block.branch_slices().items():
            ablated = ablated_logits(model, batch, {block.name: [branch]})
            torch.testing.assert_close(ablated, concat_zeroed(model, batch, block.name, channels), rtol=0, atol=0)
            assert not torch.equal(ablated, intact), (block.name, branch)
            # And a third mechanism: the branch's own last module gives zeros.
            module = block.branch(branch).module
            with torch.no_grad(), temporary_hooks(model, {module: lambda m, i, o: torch.zeros_like(o)}):
                torch.testing.assert_close(ablated, model(batch))
    assert not has_hooks(model)


def test_the_seed_nets_counts_and_names_come_from_the_network():
    from googlenet.ablation import branch_names, cut_block
    from googlenet.network_anatomy import inception_blocks
    blocks = inception_blocks(lab_net("seed_mnist"))
    assert channels_off("incep1", ["branch2"], blocks) == (24, 88, (24,))
    assert channels_off(ALL_BLOCKS, ["branch1", "branch4"], blocks) == (2 * (16 + 24), 176, ())
    assert branch_names(blocks) == ("branch1", "branch2", "branch3", "branch4")
    assert switches(ALL_BLOCKS, ["branch3"], blocks) == (("incep1", ("branch3",)), ("incep2", ("branch3",)))
    assert cut_block(dict(switches("incep2", branch_names(blocks), blocks)), blocks) == "incep2"
    with pytest.raises(KeyError):
        switches("inception4a", ["branch1"], blocks)       # GoogLeNet's block is not the seed net's
    with pytest.raises(KeyError):
        channels_off("incep1", ["branch5"], blocks)


def test_a_lab_networks_mode_is_restored_and_its_lock_held():
    """A lab network may still be in train mode (the training page holds it): the ablation runs it in eval mode,
    gives it back in the mode it found, and waits while another thread holds the model's lock."""
    import threading

    from googlenet.runtime.hooks import model_lock
    model = lab_net("googlenet_small").train()
    batch = lab_digits(model, 1)
    off = {"inception2": ["branch3"]}
    result = ablated_logits(model, batch, off)
    assert model.training and isinstance(result, torch.Tensor) and result.shape == (1, 10)
    model.eval()
    torch.testing.assert_close(result, ablated_logits(model, batch, off))
    assert not model.training
    model.train()
    done = threading.Event()
    with model_lock(model):
        worker = threading.Thread(target=lambda: (compare(model, batch, off), done.set()))
        worker.start()
        assert not done.wait(0.5)       # the ablation waits for the lock
    worker.join(10)
    assert done.is_set() and model.training
