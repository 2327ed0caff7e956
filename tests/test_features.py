"""googlenet.features: per-branch capture in one forward pass, and the numbers about the maps (pictures: test_viz.py)."""
from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

from googlenet.model import transform_input
from googlenet.costs import layer_table, stage_shapes
from googlenet.features import (LAYERS, branch_stats, capture_branches, capture_layer, capture_modules, capture_stages,
                                channel_means, channel_rank, concat_channel, input_shape, most_active)
from googlenet.model import BLOCKS, BRANCHES, INCEPTION_CONFIG, STEM, GoogLeNet
from googlenet.runtime.hooks import has_hooks


@pytest.fixture(scope="module")
def tv_model():
    torch.manual_seed(0)
    return GoogLeNet(variant="torchvision", aux_logits=False, transform_input=True).eval()


@pytest.fixture(scope="module")
def paper_model():
    torch.manual_seed(1)
    return GoogLeNet(variant="paper", aux_logits=False).eval()


@pytest.fixture(scope="module")
def batch():
    torch.manual_seed(2)
    return torch.randn(1, 3, 224, 224)


@pytest.fixture(scope="module")
def all_blocks(tv_model, batch):
    return capture_branches(tv_model, batch)


# ------------------------------------------------------------------------------ capture

def test_capture_covers_every_block_and_removes_its_hooks(tv_model, all_blocks):
    assert list(all_blocks) == list(BLOCKS) == list(INCEPTION_CONFIG)
    for entry in all_blocks.values():
        assert list(entry) == [*BRANCHES, "output"]
        for x in entry.values():
            assert x.device.type == "cpu" and not x.requires_grad and not x.is_inference()
    assert not has_hooks(tv_model)


@pytest.mark.parametrize("variant", ["torchvision", "paper"])
def test_branch_shapes_equal_the_costs_table(variant, tv_model, paper_model, all_blocks, batch):
    captured = all_blocks if variant == "torchvision" else capture_branches(paper_model, batch)
    shapes = stage_shapes(variant)
    rows = {row.name: row for row in layer_table(variant)}
    for block, entry in captured.items():
        spec = INCEPTION_CONFIG[block]
        expected_channels = spec.branch_widths()
        assert spec.branch_widths() == expected_channels
        for branch in BRANCHES:
            assert tuple(entry[branch].shape[1:]) == shapes[f"{block}.{branch}"], (block, branch)
            assert entry[branch].shape[1] == expected_channels[branch], (block, branch)
        assert tuple(entry["output"].shape[1:]) == shapes[block] == tuple(rows[block].output_shape)
        assert entry["output"].shape[1] == spec.out_channels


def test_concatenated_output_is_the_branches_in_order(all_blocks):
    for block, entry in all_blocks.items():
        assert torch.equal(torch.cat([entry[b] for b in BRANCHES], dim=1), entry["output"]), block
        for branch, channels in INCEPTION_CONFIG[block].branch_slices().items():
            assert torch.equal(entry["output"][:, channels], entry[branch])


def test_capture_matches_the_blocks_own_computation(tv_model, batch, all_blocks):
    """The hooks record exactly what each branch module computes on the block's input."""
    with torch.inference_mode():
        x = transform_input(batch) if tv_model.transform_input else batch
        for name, module in tv_model.stages():
            if name == "inception4c":
                expected = [branch(x) for branch in module.branches()]
                break
            x = module(x)
    for branch, want in zip(BRANCHES, expected):
        torch.testing.assert_close(all_blocks["inception4c"][branch], want)


def test_early_stop_gives_the_same_maps(tv_model, batch, all_blocks):
    early = capture_branches(tv_model, batch, ["inception3b"])
    full = capture_branches(tv_model, batch, ["inception3b"], stop_early=False)
    for part in [*BRANCHES, "output"]:
        torch.testing.assert_close(early["inception3b"][part], all_blocks["inception3b"][part])
        torch.testing.assert_close(full["inception3b"][part], all_blocks["inception3b"][part])
    assert not has_hooks(tv_model)


def test_stem_captures(tv_model, batch):
    stem = capture_stages(tv_model, batch)
    shapes = stage_shapes("torchvision")
    assert list(stem) == list(STEM)
    for name, x in stem.items():
        assert tuple(x.shape[1:]) == shapes[name]
    assert tuple(stem["conv1"].shape[1:]) == (64, 112, 112)
    assert tuple(stem["conv3"].shape[1:]) == (192, 56, 56)
    # Stem names work through capture_branches too, with only an "output".
    entry = capture_branches(tv_model, batch, ["conv2"])["conv2"]
    assert list(entry) == ["output"]
    torch.testing.assert_close(entry["output"], stem["conv2"])


def test_hooks_are_removed_when_the_pass_fails(tv_model):
    with pytest.raises(RuntimeError):
        capture_branches(tv_model, torch.randn(1, 5, 224, 224))   # wrong channel count
    assert not has_hooks(tv_model)
    with pytest.raises(KeyError):
        capture_modules(tv_model, torch.randn(1, 3, 224, 224), ["inception9z"])
    assert not has_hooks(tv_model)


def test_capture_ignores_other_threads_passes(tv_model, batch, all_blocks):
    """A plain forward pass from another thread while our hooks are attached must not land in our capture."""
    other = torch.zeros(1, 3, 224, 224)
    done = threading.Event()

    def plain_pass():
        with torch.inference_mode():
            tv_model(other)
        done.set()

    worker = threading.Thread(target=plain_pass)

    def pause_after_3b(_m, _i, _o):
        # Our pass has already recorded 3a; the other thread's pass now runs through 3a with our hooks attached.
        if threading.current_thread() is threading.main_thread() and not worker.is_alive() and not done.is_set():
            worker.start()
            assert done.wait(60)

    handle = tv_model.inception3b.register_forward_hook(pause_after_3b)
    try:
        captured = capture_branches(tv_model, batch, ["inception3a"], stop_early=False)
    finally:
        handle.remove()
        worker.join(60)
    assert done.is_set()
    torch.testing.assert_close(captured["inception3a"]["output"], all_blocks["inception3a"]["output"])
    assert not has_hooks(tv_model)


def test_torchvision_model_is_captured_too(batch):
    import torchvision

    torch.manual_seed(0)
    tv = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True).eval()
    entry = capture_branches(tv, batch, ["inception5a"])["inception5a"]
    assert [entry[b].shape[1] for b in BRANCHES] == list(INCEPTION_CONFIG["inception5a"].branch_widths().values())
    assert not has_hooks(tv)


# ------------------------------------------------------------------------------ numbers

def test_branch_stats_most_active_and_rank():
    x = torch.zeros(3, 2, 2)
    x[1] = 4.0
    x[2, 0, 0] = 1.0
    stats = branch_stats(x[None])
    assert stats.channels == 3 and stats.shape == (3, 2, 2)
    assert stats.mean == pytest.approx(17 / 12)
    assert stats.zero_fraction == pytest.approx(7 / 12)
    assert most_active(x, 2) == [1, 2]
    assert most_active(x, 10) == [1, 2, 0]
    np.testing.assert_allclose(channel_means(x), [0, 4, 0.25])
    assert [channel_rank(x, c) for c in range(3)] == [3, 1, 2]
    with pytest.raises(ValueError):
        branch_stats(torch.zeros(2, 3, 4, 4))   # a batch of two images
    assert channel_rank(torch.zeros(4, 2, 2), 3) == 1    # all equal: all first


def test_concat_channel_and_input_shape():
    assert [concat_channel("inception3a", b, 0) for b in BRANCHES] == [0, 64, 192, 224]
    assert concat_channel("inception4e", "branch3", 5) == 256 + 320 + 5
    assert input_shape("conv1") == (3, 224, 224)
    assert input_shape("conv2") == (64, 56, 56)          # after conv1 and the first max pool
    assert input_shape("inception3a") == (192, 28, 28)
    assert input_shape("inception4a") == (480, 14, 14)   # after the max pool between 3b and 4a
    assert LAYERS == STEM + BLOCKS


def test_capture_layer_gives_numpy_maps(tv_model, batch, all_blocks):
    maps = capture_layer(tv_model, batch, "inception3b")
    assert list(maps) == [*BRANCHES, "output"]
    np.testing.assert_array_equal(maps["branch2"], all_blocks["inception3b"]["branch2"][0].numpy())
    assert list(capture_layer(tv_model, batch, "conv3")) == ["output"]
    assert not has_hooks(tv_model)
