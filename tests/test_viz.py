"""googlenet.viz: the one place for pictures. Sizes are (height, width); pictures come back as uint8 RGB arrays."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from googlenet.diagrams import inception_dot
from googlenet.model import BRANCHES, INCEPTION_CONFIG
from googlenet.viz import (BRANCH_COLOURS, HEAT_CMAP, LETTERBOX_COLOUR, colour_table, colourise,
                           concat_band_image, filter_image, heat_image, letterbox, overlay, tile, tile_channels,
                           upsample, wide_grid_columns)


def test_one_size_order_everywhere():
    """A non-square size (h, w) = (30, 50) gives a 30-row, 50-column result from every function that takes one."""
    m = np.arange(12, dtype=np.float32).reshape(3, 4)
    assert upsample(m, (30, 50)).shape == (30, 50)
    assert heat_image(m, size=(30, 50)).shape == (30, 50, 3)
    assert letterbox(Image.new("RGB", (8, 8)), (30, 50)).shape == (30, 50, 3)
    assert overlay(np.zeros((30, 50, 3), np.uint8), m).shape == (30, 50, 3)


def test_colour_tables_and_colourise():
    grey = colour_table(None)
    assert grey.shape == (256, 3) and grey[0].tolist() == [0, 0, 0] and grey[255].tolist() == [255, 255, 255]
    assert not colour_table("jet").flags.writeable
    values = np.array([[2.0, 4.0], [6.0, 6.0]])
    stretched = colourise(values, None)                 # min..max -> black..white
    assert stretched[0, 0].tolist() == [0, 0, 0] and stretched[1, 1].tolist() == [255, 255, 255]
    clipped = colourise(values / 10, None, stretch=False)   # values that mean something on 0..1 keep it
    assert clipped[0, 0, 0] == round(0.2 * 255) and clipped[1, 1, 0] == round(0.6 * 255)
    assert (colourise(np.zeros((3, 3)), None) == 0).all()   # a constant map is dark, not an error


def test_upsample_smooth_and_nearest():
    heat = np.zeros((7, 7), np.float32)
    heat[0, 0] = 1.0
    big = upsample(heat, (224, 224))
    assert big.shape == (224, 224) and big[0, 0] > 0.9 and big[-1, -1] == 0.0
    sharp = upsample(heat, (224, 224), smooth=False)
    assert sharp[31, 31] == 1.0 and sharp[32, 32] == 0.0
    upsample(torch.ones(1, 1, 7, 7), (14, 14))          # tensors and (1, 1, H, W) are fine
    with pytest.raises(ValueError):
        upsample(np.zeros((2, 7, 7)), (14, 14))          # two maps are not one


def test_tile_channels_layout():
    maps = np.arange(5 * 4 * 4, dtype=np.float32).reshape(5, 4, 4)
    img = tile_channels(maps, cols=3, pad=2, min_tile=8, cmap=None)   # 4x4 maps enlarged x2
    assert img.dtype == np.uint8 and img.shape == (2 * 8 + 2, 3 * 8 + 2 * 2, 3)
    # Each tile is stretched on its own: darkest 0 at its top-left, brightest 255 at its bottom-right.
    assert img[0, 0, 0] == 0 and img[7, 7, 0] == 255
    # Padding between tiles and the empty sixth slot are white.
    assert (img[:, 8:10] == 255).all()
    assert (img[10:, 20:] == 255).all()


def test_tile_channels_order_and_shared_scale():
    maps = np.zeros((4, 3, 3), dtype=np.float32)
    maps[2] = 2.0
    maps[3, 1, 1] = 9.0
    chosen = tile_channels(maps, order=[2, 3], cols=2, pad=0, min_tile=1, cmap=None)
    assert chosen.shape == (3, 6, 3)
    # A constant map is drawn black on its own scale.
    assert (chosen[:, :3] == 0).all() and chosen[1, 4, 0] == 255
    shared = tile_channels(maps, order=[2, 3], cols=2, pad=0, min_tile=1, cmap=None, normalize="shared")
    assert shared[0, 0, 0] == round(2 / 9 * 255) and shared[1, 4, 0] == 255
    with pytest.raises(ValueError):
        tile_channels(maps, order=[])
    with pytest.raises(ValueError):
        tile_channels(maps, normalize="loud")


def test_tile_channels_enlarges_small_maps():
    img = tile_channels(torch.rand(1, 16, 7, 7))
    # 7x7 maps are enlarged to at least 48 pixels per tile: 4 tiles of 49 pixels and 3 gaps of 2.
    assert img.shape == (4 * 49 + 3 * 2, 4 * 49 + 3 * 2, 3)


def test_tile_fills_empty_slots_with_the_pad_colour():
    pictures = np.zeros((3, 2, 2, 3), np.uint8)
    grid = tile(pictures, cols=2, pad=1, pad_colour="#ff0000")
    assert grid.shape == (5, 5, 3)
    assert grid[3:, 3:].tolist() == [[[255, 0, 0]] * 2] * 2 and grid[0, 2].tolist() == [255, 0, 0]
    with pytest.raises(ValueError):
        tile(np.zeros((0, 2, 2, 3), np.uint8))


def test_overlay_by_strength_and_by_opacity():
    picture = np.full((224, 224, 3), 100, dtype=np.uint8)
    silent = overlay(picture, np.zeros((7, 7)), opacity=0.6, by_strength=True)
    assert silent.shape == (224, 224, 3) and (silent == 100).all()   # nothing fires: the picture shows
    hot = np.zeros((7, 7))
    hot[3, 3] = 1.0
    lit = overlay(picture, hot, opacity=0.6, by_strength=True)
    assert (lit[112, 112] != 100).any() and (lit[0, 0] == 100).all()
    # Uniform opacity (Grad-CAM): 0 = the picture only, 1 = the coloured map only.
    black = Image.new("RGB", (224, 224))
    assert overlay(black, hot, opacity=0.0, stretch=False).max() == 0
    full = overlay(black, hot, opacity=1.0, stretch=False)
    np.testing.assert_array_equal(full, colourise(np.clip(upsample(hot, (224, 224)), 0, 1), HEAT_CMAP, stretch=False))
    with pytest.raises(ValueError):
        overlay(black, hot, opacity=1.5)


def test_heat_image_nearest_blocks():
    hot = np.zeros((7, 7))
    hot[3, 3] = 1.0
    heat = heat_image(hot, size=(224, 224))
    assert heat.shape == (224, 224, 3) and heat.dtype == np.uint8
    assert (heat[100, 100] == heat[127, 127]).all()   # nearest-neighbour: one 32x32 block per value


def test_concat_band_image():
    widths = INCEPTION_CONFIG["inception3a"].branch_widths()
    means = np.linspace(0, 1, 256)
    strip = concat_band_image(means, list(widths.values()), px=2, band_height=10, heat_height=20, gap=2)
    assert strip.shape == (32, 256 * 2, 3) and strip.dtype == np.uint8
    for branch, channels in INCEPTION_CONFIG["inception3a"].branch_slices().items():
        colour = BRANCH_COLOURS[branch]
        assert strip[0, channels.start * 2].tolist() == [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    with pytest.raises(ValueError):
        concat_band_image(means, [64, 128, 32, 31])


def test_filter_image():
    torch.manual_seed(0)
    img = filter_image(torch.randn(64, 3, 7, 7), cols=8, pad=1, scale=6)
    assert img.shape == (8 * 42 + 7, 8 * 42 + 7, 3) and img.dtype == np.uint8
    assert filter_image(torch.zeros(2, 3, 3, 3), cols=2, pad=0, scale=1)[0, 0].tolist() == [128] * 3  # 0 is grey


@pytest.mark.parametrize("size,expect_shown", [((1, 1), (4, 4)), ((10, 3000), (120, 1)), ((3000, 10), (1, 180)),
                                               ((451, 300), (120, 180))])
def test_letterbox_any_shape(size, expect_shown):
    """(width, height) pictures into a (height 120, width 180) box: always exactly the box, the picture centred."""
    picture = Image.new("RGB", size, (200, 30, 30))
    boxed = letterbox(picture, (120, 180))
    assert boxed.shape == (120, 180, 3) and boxed.dtype == np.uint8
    red = np.argwhere((boxed == [200, 30, 30]).all(axis=-1))
    height, width = red.max(axis=0) - red.min(axis=0) + 1
    assert abs(height - expect_shown[0]) <= 1 and abs(width - expect_shown[1]) <= 1
    assert boxed[0, 0].tolist() == list(LETTERBOX_COLOUR) or expect_shown == (120, 180)


def test_branch_colours_are_the_same_everywhere():
    assert list(BRANCH_COLOURS) == list(BRANCHES)
    assert len(set(BRANCH_COLOURS.values())) == 4
    dot = inception_dot(INCEPTION_CONFIG["inception3a"], 28)
    for colour in BRANCH_COLOURS.values():
        assert f'color="{colour}"' in dot


def test_wide_grid_columns():
    assert wide_grid_columns(16) == 8 and wide_grid_columns(64) == 16 and wide_grid_columns(1) == 1
    assert wide_grid_columns(9) == 9 or 9 % wide_grid_columns(9) == 0
