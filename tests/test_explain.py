"""Grad-CAM: right on a case whose answer is known, and harmless to the shared model."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from googlenet import GoogLeNet
from googlenet.explain import grad_cam
from googlenet.runtime.hooks import has_hooks
from googlenet.model import he_init


class TwoColourNet(nn.Module):
    """A tiny network whose answer is known: class 0 = "how red", class 1 = "how green".

    `features` has two channels: channel 0 copies the red input, channel 1 the green input (1x1 conv,
    then a 4x4 average pool: 32x32 pixels -> 8x8 map). The classifier averages the maps: class 0 reads
    only channel 0, class 1 only channel 1, class 2 reads red negatively.
    """

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 2, 1, bias=False), nn.ReLU(), nn.AvgPool2d(4))
        self.fc = nn.Linear(2, 3, bias=False)
        with torch.no_grad():
            self.features[0].weight.zero_()
            self.features[0].weight[0, 0] = 1.0   # red
            self.features[0].weight[1, 1] = 1.0   # green
            self.fc.weight.copy_(torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]))

    def forward(self, x):
        return self.fc(self.features(x).mean(dim=(2, 3)))


def two_squares() -> torch.Tensor:
    """A 32x32 picture: a red square top-left (rows/cols 0..7), a green square bottom-right (24..31)."""
    x = torch.zeros(1, 3, 32, 32)
    x[0, 0, 0:8, 0:8] = 1.0
    x[0, 1, 24:32, 24:32] = 1.0
    return x


def test_grad_cam_finds_the_only_region_that_drives_the_class():
    model = TwoColourNet().eval()
    red = grad_cam(model, two_squares(), class_index=0, layer="features")
    green = grad_cam(model, two_squares(), class_index=1, layer="features")
    assert red.heatmap.shape == (8, 8)
    # Red evidence sits only in the top-left 2x2 cells (pixels 0..7), green only bottom-right.
    expected_red = np.zeros((8, 8), np.float32)
    expected_red[0:2, 0:2] = 1.0
    np.testing.assert_allclose(red.heatmap, expected_red, atol=1e-6)
    np.testing.assert_allclose(green.heatmap, expected_red[::-1, ::-1], atol=1e-6)
    assert red.raw_max > 0
    # Channel weights: d(class 0)/d(map) averaged = 1/64 for the red channel, 0 for green.
    np.testing.assert_allclose(red.channel_weights, [1 / 64, 0.0], atol=1e-7)


def test_grad_cam_of_a_class_with_only_negative_evidence_is_empty():
    model = TwoColourNet().eval()
    cam = grad_cam(model, two_squares(), class_index=2, layer="features")
    assert cam.raw_max == 0.0
    assert not cam.heatmap.any()


def test_grad_cam_defaults_to_the_top_class():
    model = TwoColourNet().eval()
    x = two_squares()
    x[0, 1] *= 3  # more green than red
    assert grad_cam(model, x, layer="features").class_index == 1


@pytest.fixture(scope="module")
def googlenet() -> GoogLeNet:
    torch.manual_seed(0)
    return he_init(GoogLeNet(variant="torchvision", aux_logits=False, transform_input=True)).eval()


def test_grad_cam_leaves_the_shared_model_untouched(googlenet):
    batch = torch.randn(1, 3, 224, 224)
    with torch.no_grad():
        before = googlenet(batch)
    cam = grad_cam(googlenet, batch, layer="inception5b")
    assert cam.heatmap.shape == (7, 7)
    assert 0.0 <= cam.heatmap.min() and cam.heatmap.max() <= 1.0
    assert cam.class_index == int(before.argmax())
    torch.testing.assert_close(cam.logits, before[0])
    assert all(p.grad is None for p in googlenet.parameters()), "Grad-CAM wrote .grad on the model's weights"
    assert not has_hooks(googlenet)
    with torch.no_grad():
        torch.testing.assert_close(googlenet(batch), before, rtol=0, atol=0)


@pytest.mark.parametrize("layer,side", [("inception4e", 7), ("inception3a", 14)])
def test_grad_cam_at_other_layers(googlenet, layer, side):
    # a 112x112 input (four times cheaper): every grid is half as wide as at 224 (14 -> 7, 28 -> 14)
    cam = grad_cam(googlenet, torch.randn(1, 3, 112, 112), class_index=7, layer=layer)
    assert cam.heatmap.shape == (side, side) and cam.class_index == 7 and cam.layer == layer
    assert not has_hooks(googlenet)


def test_grad_cam_rejects_bad_arguments(googlenet):
    small = torch.randn(1, 3, 64, 64)  # GoogLeNet runs on any size from about 32 pixels up: fast here
    with pytest.raises(ValueError):
        grad_cam(googlenet, torch.randn(2, 3, 64, 64))
    with pytest.raises(IndexError):
        grad_cam(googlenet, small, class_index=1000)
    with pytest.raises(KeyError):
        grad_cam(googlenet, small, layer="inception9z")
    assert not has_hooks(googlenet)


def test_ranking_of_the_classes():
    model = TwoColourNet().eval()
    x = two_squares()
    x[0, 1] *= 3  # green (class 1) > red (class 0) > minus red (class 2)
    cam = grad_cam(model, x, layer="features")
    assert cam.top_classes(3) == [1, 0, 2] and cam.top_classes(1) == [cam.class_index]
    assert cam.ranks().tolist() == [2, 1, 3]


# ------------------------------------------------------------------------------ any network: the training lab's

@pytest.mark.parametrize("preset", ["googlenet_small", "seed_mnist"])
def test_grad_cam_at_every_block_of_a_lab_network(preset):
    """The heat map has the block's map size (its height and width, read by our own hook), is non-negative and
    scaled to a peak of 1; the network's mode is restored and no parameter gets a gradient."""
    from googlenet.digits import build_model
    from googlenet.explain import last_block
    from googlenet.network_anatomy import inception_blocks
    model = build_model(preset, depth=3, aux=True, seed=4).train()
    side = getattr(model, "image_size", 8)
    torch.manual_seed(5)
    digit = torch.rand(1, 1, side, side) * 16
    blocks = inception_blocks(model)
    assert last_block(model) == blocks[-1].name
    sizes = {}
    handles = [dict(model.named_modules())[b.name].register_forward_hook(
        lambda _m, _i, out, name=b.name: sizes.__setitem__(name, tuple(out.shape[2:]))) for b in blocks]
    with torch.no_grad():
        model.eval()(digit)
    for h in handles:
        h.remove()
    model.train()
    for block in blocks:
        cam = grad_cam(model, digit, layer=block.name)
        assert cam.heatmap.shape == sizes[block.name]
        assert (cam.heatmap >= 0).all()
        assert np.isclose(cam.heatmap.max(), 1.0) if cam.raw_max > 0 else not cam.heatmap.any()
        assert cam.channel_weights.shape == (block.out_channels,) and cam.logits.shape == (10,)
    default = grad_cam(model, digit, layer=None)
    assert default.layer == blocks[-1].name
    assert model.training and not has_hooks(model)
    assert all(p.grad is None for p in model.parameters())
