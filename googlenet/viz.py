"""The only numpy/PIL picture code in the project: colour maps, upsampling, overlays, tiles, letterboxing.

One contract for every function here:

* **Sizes are (height, width)**, the order of numpy shapes (``array.shape[:2]``), never PIL's (width, height).
* **Pictures come back as uint8 RGB arrays** of shape (height, width, 3); st.image shows them as they are.
* Pictures going in may be PIL images or arrays (grey, RGB or RGBA); maps going in may be numpy arrays or
  torch tensors of shape (H, W), (C, H, W) or (1, C, H, W).
* A map that is drawn is stretched min..max to 0..1 first (``stretch=True``), unless its values already
  mean something on 0..1 (a Grad-CAM heat map: pass ``stretch=False``).

The colours for the four Inception branches live here too (``BRANCH_COLOURS``), for every picture,
chart and diagram that draws branches. matplotlib is used for its colour tables only, never for a figure.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw

# One colour per branch, in concatenation order: the Okabe–Ito palette, which stays distinguishable with
# every common kind of colour blindness (blue, orange, bluish green, reddish purple).
BRANCH_COLOURS = {"branch1": "#0072b2", "branch2": "#e69f00", "branch3": "#009e73", "branch4": "#cc79a7"}

# Heat maps (Grad-CAM, a channel laid over the photo): "inferno" is perceptually uniform and its lightness rises
# from black to pale yellow, so it reads the same with every common colour-vision deficiency and in grey
# (van der Walt & Smith's matplotlib maps). "jet", the old default, is not perceptually uniform (its bright
# cyan and yellow bands look like edges that are not in the data) and is hard to read with red-green colour blindness.
HEAT_CMAP = "inferno"

LETTERBOX_COLOUR = (238, 243, 250)  # the app's light panel colour: the bars read as "no picture here"
WHITE = "#ffffff"


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------

def as_maps(x) -> np.ndarray:
    """(C, H, W) float32 array from a tensor or array of shape (H, W), (C, H, W) or (1, C, H, W)."""
    if hasattr(x, "detach"):                       # a torch tensor (no torch import needed here)
        x = x.detach().to("cpu").float().numpy()
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 4:
        if x.shape[0] != 1:
            raise ValueError(f"expected one image, got a batch of {x.shape[0]}")
        x = x[0]
    if x.ndim == 2:
        x = x[None]
    if x.ndim != 3:
        raise ValueError(f"expected feature maps (C, H, W), got shape {x.shape}")
    return x


def as_map(x) -> np.ndarray:
    """One (H, W) float32 map (a (1, H, W) or (1, 1, H, W) input is fine too)."""
    maps = as_maps(x)
    if maps.shape[0] != 1:
        raise ValueError(f"expected a single map (H, W), got {maps.shape[0]} channels")
    return maps[0]


def as_rgb(image) -> np.ndarray:
    """A PIL image or an array (grey, RGB or RGBA, values on 0..255) as uint8 RGB (H, W, 3)."""
    if isinstance(image, Image.Image):
        return np.asarray(image.convert("RGB"))
    image = np.asarray(image)
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    if image.dtype != np.uint8:
        image = np.clip(np.rint(image), 0, 255).astype(np.uint8)
    return image[..., :3]


def hex_rgb(colour: str) -> np.ndarray:
    """"#4e79a7" -> array([78, 121, 167], uint8)."""
    colour = colour.lstrip("#")
    return np.array([int(colour[i:i + 2], 16) for i in (0, 2, 4)], dtype=np.uint8)


# --------------------------------------------------------------------------------------------
# Values -> colours
# --------------------------------------------------------------------------------------------

def stretch01(x: np.ndarray, axis=None) -> np.ndarray:
    """Min..max -> 0..1 (over `axis`, e.g. (1, 2) for each map of a stack); a constant map becomes 0."""
    x = np.asarray(x, dtype=np.float32)
    lo = x.min(axis=axis, keepdims=True)
    span = x.max(axis=axis, keepdims=True) - lo
    return np.where(span > 0, (x - lo) / np.where(span > 0, span, 1), 0.0).astype(np.float32)


@lru_cache(maxsize=16)
def colour_table(cmap: str | None) -> np.ndarray:
    """A (256, 3) uint8 colour table from a matplotlib colour map; None gives grey. Read-only."""
    if cmap is None:
        table = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1)
    else:
        from matplotlib import colormaps

        table = (colormaps[cmap](np.linspace(0, 1, 256))[:, :3] * 255).round().astype(np.uint8)
    table.flags.writeable = False
    return table


def colourise(values, cmap: str | None = "viridis", stretch: bool = True) -> np.ndarray:
    """Values of any shape -> uint8 RGB of that shape + (3,): stretched min..max first, or clipped to 0..1."""
    values = stretch01(values) if stretch else np.clip(np.asarray(values, dtype=np.float32), 0, 1)
    return colour_table(cmap)[np.rint(values * 255).astype(np.intp)]


# --------------------------------------------------------------------------------------------
# Resizing
# --------------------------------------------------------------------------------------------

def upsample(map2d, size: tuple[int, int], smooth: bool = True) -> np.ndarray:
    """One map resized to `size` = (height, width): bilinear, or nearest neighbour with smooth=False."""
    height, width = size
    resample = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    image = Image.fromarray(as_map(map2d), mode="F").resize((width, height), resample)
    return np.asarray(image, dtype=np.float32)


def enlarge(pictures: np.ndarray, factor: int) -> np.ndarray:
    """RGB pictures (..., H, W, 3) with every pixel grown to a factor x factor square (nearest neighbour)."""
    if factor <= 1:
        return pictures
    return pictures.repeat(factor, axis=-3).repeat(factor, axis=-2)


def letterbox(image, size: tuple[int, int], colour=LETTERBOX_COLOUR, upscale: int = 4) -> np.ndarray:
    """The picture scaled to fit inside `size` = (height, width), centred on bars of `colour`.

    Any shape stays readable on screen: a 10x3000 strip becomes a thin stripe in a box-sized frame instead
    of a page 80,000 pixels tall, and a small picture is enlarged (up to `upscale` times; nearest neighbour
    from 2x on, so its pixels stay sharp squares) instead of vanishing. The result is always exactly `size`.
    """
    picture = Image.fromarray(as_rgb(image))
    height, width = size
    scale = min(width / picture.width, height / picture.height, float(upscale))
    shown = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    # Tiny pictures grow in sharp squares; photos are resampled smoothly (no jagged 1.1x nearest neighbour).
    resample = Image.Resampling.NEAREST if scale >= 2 else Image.Resampling.LANCZOS
    canvas = Image.new("RGB", (width, height), colour)
    canvas.paste(picture.resize(shown, resample), ((width - shown[0]) // 2, (height - shown[1]) // 2))
    return np.asarray(canvas)


# --------------------------------------------------------------------------------------------
# Pictures of maps
# --------------------------------------------------------------------------------------------

def highlight_box(image: Image.Image, box: tuple[int, int, int, int], colour=(255, 235, 0), width: int = 3,
                  dim: float = 0.45) -> Image.Image:
    """A copy of the picture with `box` = (left, top, right, bottom) outlined and everything outside it dimmed."""
    dimmed = Image.blend(image.convert("RGB"), Image.new("RGB", image.size, (0, 0, 0)), dim)
    dimmed.paste(image.convert("RGB").crop(box), box[:2])
    ImageDraw.Draw(dimmed).rectangle([box[0], box[1], box[2] - 1, box[3] - 1], outline=colour, width=width)
    return dimmed


def heat_image(map2d, size: tuple[int, int] | None = None, cmap: str = "viridis", smooth: bool = False,
               stretch: bool = True) -> np.ndarray:
    """One map as a colour picture, optionally resized to `size` = (height, width) first."""
    m = as_map(map2d)
    if size is not None:
        m = upsample(m, size, smooth=smooth)
    return colourise(m, cmap, stretch=stretch)


def overlay(image, map2d, opacity: float = 0.5, cmap: str = HEAT_CMAP, stretch: bool = True,
            by_strength: bool = False) -> np.ndarray:
    """A map laid over the picture it came from (the picture's size; the map is upsampled bilinearly).

    `opacity` 0 shows the picture only, 1 the coloured map only. With `by_strength` the colour covers the
    picture only where the map is strong (opacity x value), so a silent map leaves the picture untouched.
    Pass the 224x224 crop the network saw, so the map and the picture line up.
    """
    if not 0.0 <= opacity <= 1.0:
        raise ValueError("opacity must be between 0 and 1")
    base = as_rgb(image).astype(np.float32)
    m = upsample(map2d, base.shape[:2])
    m = stretch01(m) if stretch else np.clip(m, 0, 1)
    colour = colourise(m, cmap, stretch=False).astype(np.float32)
    a = opacity * (m[..., None] if by_strength else 1.0)
    return np.rint(base * (1 - a) + colour * a).astype(np.uint8)


def tile(pictures: np.ndarray, cols: int | None = None, pad: int = 2, pad_colour: str = WHITE) -> np.ndarray:
    """Equal-sized uint8 RGB pictures (n, h, w, 3) in a grid, `cols` wide (default: about square),
    separated by `pad` pixels of `pad_colour`, which also fills the empty slots of the last row."""
    n, h, w, _ = pictures.shape
    if n == 0:
        raise ValueError("nothing to tile")
    cols = max(1, min(cols or math.ceil(math.sqrt(n)), n))
    rows = math.ceil(n / cols)
    grid = np.empty((rows * cols, h + pad, w + pad, 3), dtype=np.uint8)
    grid[:] = hex_rgb(pad_colour)
    grid[:n, :h, :w] = pictures
    grid = grid.reshape(rows, cols, h + pad, w + pad, 3).transpose(0, 2, 1, 3, 4)
    return grid.reshape(rows * (h + pad), cols * (w + pad), 3)[:rows * (h + pad) - pad, :cols * (w + pad) - pad]


def wide_grid_columns(n: int, widest: int = 16) -> int:
    """Columns for n tiles on a wide row: about twice as wide as tall, full rows where possible (16 -> 8)."""
    low = math.ceil(math.sqrt(2 * n))
    for cols in range(low, min(widest, n) + 1):
        if n % cols == 0:
            return cols
    return min(low, n)


def tile_channels(maps, order: Sequence[int] | None = None, cols: int | None = None, pad: int = 2,
                  min_tile: int = 48, cmap: str | None = "viridis", normalize: str = "each",
                  pad_colour: str = WHITE) -> np.ndarray:
    """Channels of one feature-map stack (C, H, W), tiled into one picture.

    Which channels: `order` (indices, e.g. googlenet.features.most_active(maps, 16)), else all of them,
    in reading order. Each map is stretched min..max on its own (`normalize="each"`) or all shown maps
    share one scale (`"shared"`, which keeps weak channels dark). Small maps are enlarged by an integer
    factor (nearest neighbour) so each tile is at least `min_tile` pixels.
    """
    x = as_maps(maps)
    chosen = x[[int(i) for i in (range(x.shape[0]) if order is None else order)]]   # (n, h, w)
    if not len(chosen):
        raise ValueError("no channels to tile")
    if normalize not in ("each", "shared"):
        raise ValueError("normalize must be 'each' or 'shared'")
    values = stretch01(chosen, axis=(1, 2) if normalize == "each" else None)
    factor = max(1, math.ceil(min_tile / max(chosen.shape[1:])))
    return tile(enlarge(colourise(values, cmap, stretch=False), factor), cols, pad, pad_colour)


def filter_image(weight, cols: int = 8, pad: int = 1, scale: int = 6) -> np.ndarray:
    """First-layer filters (C_out, 3, k, k) as small colour pictures, tiled.

    Each filter is stretched symmetrically around zero, so grey means 0; trained conv1 filters show
    edges and colour blobs, random ones show noise.
    """
    w = weight.detach().to("cpu").float().numpy() if hasattr(weight, "detach") else np.asarray(weight, np.float32)
    if w.ndim != 4 or w.shape[1] != 3:
        raise ValueError(f"expected RGB filters (C_out, 3, k, k), got {w.shape}")
    limit = np.abs(w).max(axis=(1, 2, 3), keepdims=True)
    w = 0.5 + 0.5 * w / np.where(limit > 0, limit, 1)   # -limit..limit -> 0..1
    pictures = np.rint(w.transpose(0, 2, 3, 1) * 255).astype(np.uint8)   # (n, k, k, 3)
    return tile(enlarge(pictures, scale), cols, pad)


def concat_band_image(means, widths: Sequence[int], px: int = 2, band_height: int = 12, heat_height: int = 36,
                      gap: int = 2, cmap: str = "magma", colours: Sequence[str] | None = None) -> np.ndarray:
    """A concatenated output as a strip, one column (`px` wide) per channel, from its channel `means` (C,).

    Top: a colour band per branch of `widths` channels (which channels came from which branch). Below: each
    channel's mean activation on a colour map. Shape (band_height + gap + heat_height, C * px, 3).
    """
    means = np.asarray(means, dtype=np.float32).reshape(-1)
    widths = list(widths)
    if sum(widths) != means.shape[0]:
        raise ValueError(f"branch widths {widths} do not add up to the {means.shape[0]} output channels")
    colours = list(colours or BRANCH_COLOURS.values())
    band = np.concatenate([np.tile(hex_rgb(colours[i % len(colours)]), (n, 1)) for i, n in enumerate(widths)])
    heat = colourise(means, cmap)
    white = np.full_like(band, 255)
    strip = np.stack([band] * band_height + [white] * gap + [heat] * heat_height)   # (height, C, 3)
    return strip.repeat(px, axis=1)
