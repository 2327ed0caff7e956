"""googlenet.network_anatomy and the generic capture: any network's Inception blocks, read from the network.

The finder knows nothing of GoogLeNet's table: it must agree with it on both GoogLeNet variants, and with real
forward hooks (each branch fills exactly its slice of the concatenated output) on GoogLeNet, on the training
lab's small GoogLeNet and on the seed articles' net with its Inception-A blocks (16 + 24 + 24 + 24 = 88).
"""
from __future__ import annotations

import inspect

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw
from torch import nn

from googlenet.blocks import ConvBlock, Inception
from googlenet.digits import TrainConfig, build_model
from googlenet.digits.nets import SMALL_INCEPTION, SMALL_OUT, InceptionA
from googlenet.features import capture_blocks, capture_branches
from googlenet.lab_network import dataset_of, digit_picture, lab_maps, max_value, prepare_input
from googlenet.model import BLOCKS, BRANCHES, INCEPTION_CONFIG, GoogLeNet, meta_device
from googlenet.network_anatomy import Step, inception_blocks, read_block
from googlenet.runtime.fast import optimize_for_inference
from googlenet.runtime.hooks import has_hooks


def hooked(model: nn.Module, batch: torch.Tensor, names: list[str]) -> dict[str, torch.Tensor]:
    """Outputs of the named modules, recorded by plain forward hooks of our own (not the code under test)."""
    modules, seen, handles = dict(model.named_modules()), {}, []
    for name in names:
        handles.append(modules[name].register_forward_hook(
            lambda _m, _i, out, name=name: seen.__setitem__(name, out.detach().clone())))
    try:
        with torch.no_grad():
            model(batch)
    finally:
        for h in handles:
            h.remove()
    return seen


def assert_slices_match_hooks(model: nn.Module, batch: torch.Tensor) -> None:
    """Every block: the branches' outputs, concatenated in the finder's order and slices, are the block's output."""
    blocks = inception_blocks(model)
    assert blocks
    names = [b.module for block in blocks for b in block.branches] + [block.name for block in blocks]
    seen = hooked(model, batch, names)
    for block in blocks:
        out = seen[block.name]
        assert out.shape[1] == block.out_channels, block.name
        for branch, channels in zip(block.branches, block.branch_slices().values()):
            assert seen[branch.module].shape[1] == branch.channels == channels.stop - channels.start
            assert torch.equal(out[:, channels], seen[branch.module]), (block.name, branch.name)
        assert torch.equal(torch.cat([seen[b.module] for b in block.branches], dim=1), out)


# ------------------------------------------------------------------------------ GoogLeNet

@pytest.mark.parametrize("variant", ["torchvision", "paper"])
def test_the_finder_reads_googlenets_table_from_the_network(variant):
    with meta_device():   # the structure only: no weights are needed to read it
        model = GoogLeNet(variant=variant, aux_logits=True)
    blocks = inception_blocks(model)
    assert [b.name for b in blocks] == list(BLOCKS)
    for block in blocks:
        spec = INCEPTION_CONFIG[block.name]
        assert block.kind == "Inception" and block.in_channels == spec.in_channels
        assert [b.name for b in block.branches] == list(BRANCHES)
        assert [b.module for b in block.branches] == [f"{block.name}.{b}" for b in BRANCHES]
        assert block.branch_slices() == spec.branch_slices()
        assert block.branch_widths() == spec.branch_widths()
        assert block.out_channels == spec.out_channels
        assert all(b.relu_last for b in block.branches)   # every ConvBlock ends in a ReLU
    first = blocks[0]
    k5 = 5 if variant == "paper" else 3   # torchvision's "5x5" branch is a 3x3 (CONCEPTS.md)
    assert first.branch("branch1").steps == (Step("conv", 1, 64),)
    assert first.branch("branch2").steps == (Step("conv", 1, 96), Step("conv", 3, 128))
    assert first.branch("branch3").steps == (Step("conv", 1, 16), Step("conv", k5, 32))
    assert first.branch("branch4").steps == (Step("max_pool", 3), Step("conv", 1, 32))


def test_googlenets_branches_match_real_hooks():
    torch.manual_seed(0)
    model = GoogLeNet(variant="torchvision", aux_logits=False, transform_input=False).eval()
    assert_slices_match_hooks(model, torch.randn(1, 3, 96, 96))
    assert not has_hooks(model)


def test_the_apps_fast_inference_copy_reads_the_same():
    """The pages show the fast copy (BatchNorm folded, fused ConvBlocks whose forward looks at real tensors):
    its blocks read the same as the plain network's."""
    torch.manual_seed(0)
    plain = GoogLeNet(variant="torchvision", aux_logits=False).eval()
    fast = optimize_for_inference(plain)
    assert inception_blocks(fast) == inception_blocks(plain)
    assert all(b.relu_last for block in inception_blocks(fast) for b in block.branches)


# ------------------------------------------------------------------------------ the training lab's networks

@pytest.mark.parametrize("depth", [2, 3])
def test_the_small_lab_googlenet(depth):
    model = build_model("googlenet_small", depth=depth, aux=True, seed=depth).eval()
    blocks = inception_blocks(model)
    assert [b.name for b in blocks] == [f"inception{i}" for i in range(1, depth + 1)]   # not the aux heads
    n1, _, n3, _, n5, pool = SMALL_INCEPTION
    for block in blocks:
        assert block.kind == "Inception"
        assert list(block.branch_widths().values()) == [n1, n3, n5, pool]
        assert block.out_channels == SMALL_OUT == 64
    assert blocks[0].in_channels == 32 and blocks[-1].in_channels == SMALL_OUT
    assert_slices_match_hooks(model, torch.rand(2, 1, 8, 8) * 16)


def test_the_seed_net_and_its_inception_a_blocks():
    model = build_model("seed_mnist", aux=True, seed=0).eval()
    blocks = inception_blocks(model)
    assert [b.name for b in blocks] == ["incep1", "incep2"]
    for block, in_channels in zip(blocks, (10, 20)):
        assert block.kind == "InceptionA" and block.in_channels == in_channels
        assert list(block.branch_widths().values()) == [16, 24, 24, 24]
        assert block.out_channels == 88 == InceptionA.out_channels
        # The module whose output is each branch's output: the last conv of each chain, in the cat's order.
        assert [b.module for b in block.branches] == [f"{block.name}.{m}" for m in
                                                      ("branch1x1", "branch5x5_2", "branch3x3_3", "branch_pool")]
        assert [b.steps for b in block.branches] == [
            (Step("conv", 1, 16),),
            (Step("conv", 1, 16), Step("conv", 5, 24)),
            (Step("conv", 1, 16), Step("conv", 3, 24), Step("conv", 3, 24)),
            (Step("avg_pool", 3), Step("conv", 1, 24)),
        ]
        assert not any(b.relu_last for b in block.branches)   # as published: no ReLU inside the block
    assert_slices_match_hooks(model, torch.rand(1, 1, 8, 8) * 16)


def test_modules_that_are_not_inception_blocks_are_not_found():
    assert read_block("c", ConvBlock(3, 8, kernel_size=1)) is None
    assert read_block("s", nn.Sequential(nn.Conv2d(3, 4, 1), nn.Conv2d(4, 4, 1))) is None

    class CatAlongBatch(nn.Module):   # concatenates, but not along the channels
        def __init__(self):
            super().__init__()
            self.a, self.b = nn.Conv2d(3, 4, 1), nn.Conv2d(3, 4, 1)

        def forward(self, x):
            return torch.cat([self.a(x), self.b(x)], dim=0)

    class CatThenRelu(nn.Module):     # the block's output is not the concatenation itself
        def __init__(self):
            super().__init__()
            self.a, self.b = nn.Conv2d(3, 4, 1), nn.Conv2d(3, 4, 1)

        def forward(self, x):
            return torch.relu(torch.cat([self.a(x), self.b(x)], dim=1))

    assert read_block("x", CatAlongBatch()) is None
    assert read_block("x", CatThenRelu()) is None
    block = read_block("x", Inception(8, 2, 2, 3, 2, 4, 5))
    assert block is not None and block.branch_widths() == {"branch1": 2, "branch2": 3, "branch3": 4, "branch4": 5}


# ------------------------------------------------------------------------------ the generic capture

def test_capture_blocks_is_the_same_code_for_googlenet_and_the_lab_net():
    torch.manual_seed(1)
    google = GoogLeNet(variant="torchvision", aux_logits=False, transform_input=False).eval()
    batch = torch.randn(1, 3, 96, 96)
    by_name = capture_branches(google, batch, ["conv1", "inception3a", "inception4e"])
    by_block = capture_blocks(google, batch, ["conv1", *[b for b in inception_blocks(google)
                                                         if b.name in ("inception3a", "inception4e")]])
    assert list(by_name) == list(by_block) == ["conv1", "inception3a", "inception4e"]
    assert list(by_name["conv1"]) == ["output"]
    for name in by_name:
        assert all(torch.equal(by_name[name][p], by_block[name][p]) for p in by_name[name])

    lab = build_model("seed_mnist", aux=False, seed=1).eval()
    maps = capture_branches(lab, torch.rand(1, 1, 8, 8) * 16)
    assert list(maps) == ["incep1", "incep2"]
    assert [maps["incep2"][p].shape[1] for p in maps["incep2"]] == [16, 24, 24, 24, 88]
    assert not has_hooks(lab) and not has_hooks(google)


def seven() -> Image.Image:
    image = Image.new("RGB", (120, 160), "white")
    ImageDraw.Draw(image).line([(20, 25), (100, 25), (50, 140)], fill="black", width=12)
    return image


def test_a_lab_runs_maps_from_a_picture():
    config = TrainConfig(depth=2, aux=True, max_steps=1)
    model = build_model("googlenet_small", depth=2, aux=True, seed=0)
    model.train()
    assert dataset_of(config) in ("digits", "mnist")
    digit = prepare_input(config, seven())
    side = 8 if dataset_of(config) == "digits" else 28
    assert digit.shape == (side, side) and digit.max() > 0
    maps = lab_maps(model, digit)
    assert model.training                       # the mode it had is given back
    assert not has_hooks(model)
    assert list(maps) == ["inception1", "inception2"]
    for entry in maps.values():
        assert list(entry) == [*BRANCHES, "output"]
        assert np.array_equal(np.concatenate([entry[b] for b in BRANCHES]), entry["output"])
        assert entry["output"].shape == (64, side, side)
    again = lab_maps(model, digit)              # eval mode: dropout off, BatchNorm's running statistics
    assert all(np.array_equal(again[b]["output"], maps[b]["output"]) for b in maps)
    picture = digit_picture(digit, max_value(config), 224)
    assert picture.shape == (224, 224, 3) and picture.dtype == np.uint8 and picture.max() > 0


MNIST_BUILDS = "dataset" in inspect.signature(build_model).parameters


@pytest.mark.skipif(not MNIST_BUILDS, reason="the lab builds its networks for the 8x8 digits only")
@pytest.mark.parametrize("preset", ["googlenet_small", "seed_mnist"])
def test_the_lab_networks_built_for_mnist(preset):
    """On 28x28 MNIST the small net's stem shrinks the picture first (a Sequential, not a block) and the seed
    net runs at its published size: the finder still finds exactly the Inception blocks, hooks agree."""
    model = build_model(preset, depth=2, aux=True, seed=0, dataset="mnist").eval()
    blocks = inception_blocks(model)
    assert [b.name for b in blocks] == (["inception1", "inception2"] if preset == "googlenet_small"
                                        else ["incep1", "incep2"])
    assert_slices_match_hooks(model, torch.rand(1, 1, 28, 28) * 255)
    config = TrainConfig(preset=preset, depth=2, aux=True, dataset="mnist", max_steps=1)
    digit = prepare_input(config, seven())
    assert digit.shape == (28, 28) and max_value(config) == 255
    maps = lab_maps(model, digit)
    last = maps[blocks[-1].name]["output"]
    assert last.shape == ((64, 7, 7) if preset == "googlenet_small" else (88, 4, 4))   # 88x4x4 = 1,408 features
