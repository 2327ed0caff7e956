"""googlenet.features: per-branch capture in one forward pass, and the pictures made from it."""
from __future__ import annotations

import threading

import numpy as np
import pytest
import torch

from googlenet.model import transform_input
from googlenet.costs import branch_out_channels, layer_table, stage_shapes
from googlenet.features import (BLOCKS, BRANCH_COLOURS, BRANCHES, STEM, branch_offsets, branch_sizes, branch_stats,
                                capture_branches, capture_modules, capture_stages, channel_means,
                                concat_band_image, filter_image, heat_image, most_active, overlay, tile_channels)
from googlenet.runtime.hooks import has_hooks
from googlenet.model import INCEPTION_CONFIG, GoogLeNet


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
        expected_channels = branch_out_channels(*spec)
        assert branch_sizes(block) == expected_channels
        for branch in BRANCHES:
            assert tuple(entry[branch].shape[1:]) == shapes[f"{block}.{branch}"], (block, branch)
            assert entry[branch].shape[1] == expected_channels[branch], (block, branch)
        assert tuple(entry["output"].shape[1:]) == shapes[block] == tuple(rows[block].output_shape)
        assert entry["output"].shape[1] == spec.out_channels


def test_concatenated_output_is_the_branches_in_order(all_blocks):
    for block, entry in all_blocks.items():
        assert torch.equal(torch.cat([entry[b] for b in BRANCHES], dim=1), entry["output"]), block
        sizes = [entry[b].shape[1] for b in BRANCHES]
        for branch, (first, end) in zip(BRANCHES, branch_offsets(sizes)):
            assert torch.equal(entry["output"][:, first:end], entry[branch])


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
    assert [entry[b].shape[1] for b in BRANCHES] == list(branch_sizes("inception5a").values())
    assert not has_hooks(tv)


# ------------------------------------------------------------------------------ numbers

def test_branch_stats_and_most_active():
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
    with pytest.raises(ValueError):
        branch_stats(torch.zeros(2, 3, 4, 4))   # a batch of two images


def test_branch_offsets():
    assert branch_offsets(branch_sizes("inception3a")) == [(0, 64), (64, 192), (192, 224), (224, 256)]


# ------------------------------------------------------------------------------ pictures

def test_tile_channels_layout():
    maps = np.arange(5 * 4 * 4, dtype=np.float32).reshape(5, 4, 4)
    img = tile_channels(maps, cols=3, pad=2, min_tile=8, cmap=None)   # 4x4 maps enlarged x2
    assert img.dtype == np.uint8 and img.shape == (2 * 8 + 2, 3 * 8 + 2 * 2, 3)
    # Each tile is stretched on its own: darkest 0 at its top-left, brightest 255 at its bottom-right.
    assert img[0, 0, 0] == 0 and img[7, 7, 0] == 255
    # Padding between tiles and the empty sixth slot are white.
    assert (img[:, 8:10] == 255).all()
    assert (img[10:, 20:] == 255).all()


def test_tile_channels_order_top_k_and_shared_scale():
    maps = np.zeros((4, 3, 3), dtype=np.float32)
    maps[2] = 2.0
    maps[3, 1, 1] = 9.0
    chosen = tile_channels(maps, top_k=2, cols=2, pad=0, min_tile=1, cmap=None)
    assert chosen.shape == (3, 6, 3)
    # top_k picks channel 2 (mean 2) then 3 (mean 1); a constant map is drawn black on its own scale.
    assert (chosen[:, :3] == 0).all() and chosen[1, 4, 0] == 255
    shared = tile_channels(maps, order=[2, 3], cols=2, pad=0, min_tile=1, cmap=None, normalize="shared")
    assert shared[0, 0, 0] == round(2 / 9 * 255) and shared[1, 4, 0] == 255
    with pytest.raises(ValueError):
        tile_channels(maps, order=[])


def test_tile_channels_of_a_real_branch(all_blocks):
    img = tile_channels(all_blocks["inception5b"]["branch1"], top_k=16)
    assert img.dtype == np.uint8 and img.ndim == 3 and img.shape[2] == 3
    # 7x7 maps are enlarged to at least 48 pixels per tile: 4 tiles of 49 pixels and 3 gaps of 2.
    assert img.shape[:2] == (4 * 49 + 3 * 2, 4 * 49 + 3 * 2)


def test_overlay_and_heat_image():
    picture = np.full((224, 224, 3), 100, dtype=np.uint8)
    silent = overlay(np.zeros((7, 7)), picture)
    assert silent.shape == (224, 224, 3) and (silent == 100).all()   # nothing fires: the picture shows
    hot = np.zeros((7, 7))
    hot[3, 3] = 1.0
    lit = overlay(hot, picture, alpha=0.6)
    assert (lit[112, 112] != 100).any() and (lit[0, 0] == 100).all()
    heat = heat_image(hot, size=(224, 224))
    assert heat.shape == (224, 224, 3) and heat.dtype == np.uint8
    assert (heat[100, 100] == heat[127, 127]).all()   # nearest-neighbour: one 32x32 block per value


def test_concat_band_image(all_blocks):
    out = all_blocks["inception3a"]["output"]
    strip = concat_band_image(out, branch_sizes("inception3a"), px=2, band_height=10, heat_height=20, gap=2)
    assert strip.shape == (32, 256 * 2, 3) and strip.dtype == np.uint8
    colours = list(BRANCH_COLOURS.values())
    for (first, _end), colour in zip(branch_offsets(branch_sizes("inception3a")), colours):
        expected = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
        assert strip[0, first * 2].tolist() == expected
    with pytest.raises(ValueError):
        concat_band_image(out, [64, 128, 32, 31])


def test_filter_image(tv_model):
    img = filter_image(tv_model.conv1.conv.weight, cols=8, pad=1, scale=6)
    assert img.shape == (8 * 42 + 7, 8 * 42 + 7, 3) and img.dtype == np.uint8
