"""Receptive fields: hand-computed values, grid sides that match the real network, boxes that hold the gradient."""
from __future__ import annotations

import pytest
import torch
from PIL import Image

from googlenet import GoogLeNet
from googlenet.costs import stage_shapes
from googlenet.receptive_field import MIN_GRID_CELL, dots_drawn, draw_field, receptive_fields, shown_stages, unit_field


def test_hand_computed_stem_torchvision():
    f = receptive_fields("torchvision")
    # conv1 7x7/2 pad 3: rf 7, jump 2, centred on pixel 0.
    assert (f["conv1"].rf, f["conv1"].jump, f["conv1"].start) == (7, 2, 0)
    # maxpool1 3x3/2 (no padding, ceil mode): rf 7 + 2*2 = 11, jump 4, start 0 + 1*2 = 2.
    assert (f["maxpool1"].rf, f["maxpool1"].jump, f["maxpool1"].start) == (11, 4, 2)
    assert (f["conv2"].rf, f["conv2"].jump) == (11, 4)                      # 1x1: nothing changes
    assert (f["conv3"].rf, f["conv3"].jump) == (11 + 2 * 4, 4)              # 3x3: + 2 * jump = 19
    assert (f["maxpool2"].rf, f["maxpool2"].jump) == (19 + 2 * 4, 8)        # 27
    # Inception: the widest branch is a 3x3 in torchvision's variant (branches 2, 3 and 4 tie): + 2 * 8.
    assert f["inception3a"].rf == 27 + 2 * 8 and f["inception3a"].jump == 8
    assert f["inception3a"].widest_branches == ("branch2", "branch3", "branch4")
    assert (f["maxpool4"].rf, f["maxpool4"].jump) == (235 + 1 * 16, 32)     # the 2x2/2 pool before 5a
    assert f["inception5b"].rf == 251 + 2 * 2 * 32 and f["inception5b"].jump == 32


def test_hand_computed_paper_variant():
    f = receptive_fields("paper")
    assert (f["conv1"].rf, f["conv1"].jump) == (7, 2)
    assert (f["maxpool1"].rf, f["maxpool1"].jump, f["maxpool1"].start) == (11, 4, 0)  # padded pool: start 0
    assert f["lrn1"].rf == 11                                              # LRN mixes channels, not pixels
    # The paper's 5x5 branch is the widest: + 4 * jump per block.
    assert f["inception3a"].rf == 27 + 4 * 8 and f["inception3a"].widest_branches == ("branch3",)


@pytest.mark.parametrize("variant", ["torchvision", "paper"])
def test_grid_sides_match_the_network(variant):
    shapes = stage_shapes(variant)
    fields = receptive_fields(variant)
    for name, field in fields.items():
        assert field.side == shapes[name][1] == shapes[name][2], name
    assert [fields[n].side for n in ("conv3", "inception3a", "inception4a", "inception5b")] == [56, 28, 14, 7]
    # jump x side covers the picture exactly once the first pool is passed
    for name in ("conv3", "inception3b", "inception4e", "inception5b"):
        assert fields[name].jump * fields[name].side == 224


def test_unit_field_boxes():
    assert unit_field("conv1", 0, 0, clip=False) == (-3, -3, 4, 4)
    assert unit_field("conv1", 0, 0) == (0, 0, 4, 4)
    # inception3a unit (13, 13): centre 6 + 13*8 = 110, half-width 21 -> pixels 89..131
    assert unit_field("inception3a", 13, 13) == (89, 89, 132, 132)
    assert unit_field("inception5b", 3, 3) == (0, 0, 224, 224)      # one 7x7 unit sees the whole crop
    x0, y0, x1, y1 = unit_field("inception4a", 2, 5, clip=False)
    assert (x1 - x0, y1 - y0) == (107, 107)
    with pytest.raises(IndexError):
        unit_field("inception4a", 14, 0)


def test_gradient_of_a_unit_stays_inside_its_theoretical_field():
    """Empirical check: the input pixels that influence one unit (non-zero gradient) lie in its box."""
    torch.manual_seed(0)
    model = GoogLeNet(variant="torchvision", aux_logits=False).eval()
    x = torch.randn(1, 3, 224, 224, requires_grad=True)
    out = x
    for name, module in model.stages():
        out = module(out)
        if name == "inception3a":
            break
    row, col = 20, 5
    out[0, :, row, col].sum().backward()
    touched = x.grad[0].abs().sum(0).nonzero()
    x0, y0, x1, y1 = unit_field("inception3a", row, col)
    assert len(touched) > 0
    assert touched[:, 0].min() >= y0 and touched[:, 0].max() < y1
    assert touched[:, 1].min() >= x0 and touched[:, 1].max() < x1
    # ... and reaches most of the way out to it (the bound is not loose by much for this random net)
    assert touched[:, 1].max() - touched[:, 1].min() >= 0.6 * (x1 - x0)


def test_draw_field_returns_a_bigger_picture():
    picture = Image.new("RGB", (224, 224), (0, 128, 0))
    drawn = draw_field(picture, "inception4a", 3, 4, scale=2)
    assert drawn.size == (448, 448) and drawn.mode == "RGB"
    x0, y0, _, _ = unit_field("inception4a", 3, 4)
    assert drawn.getpixel((int(x0 * 2) + 1, int(y0 * 2) + 20))[0] > 200   # the red outline


@pytest.mark.parametrize("variant", ["torchvision", "paper"])
def test_shown_stages_leave_out_only_the_lrns(variant):
    fields = receptive_fields(variant)
    shown = shown_stages(variant)
    assert shown == [s for s in fields if s not in ("lrn1", "lrn2")]
    assert shown[0] == "conv1" and shown[-1] == "inception5b"


def test_dots_are_drawn_only_on_coarse_grids():
    f = receptive_fields("torchvision")
    assert not dots_drawn(f["conv1"], 2)          # 2 px apart x 2 = 4 screen px: too dense
    assert dots_drawn(f["inception4a"], 2)        # 16 x 2 = 32
    assert dots_drawn(f["conv3"], 2) == (4 * 2 >= MIN_GRID_CELL)
