"""What the network sees: per-branch activations from one forward pass, and pictures of them.

An Inception block runs four branches on the same input and concatenates their outputs along the
channel axis. ``capture_branches`` records each branch's output *and* the concatenated output in a
single forward pass, so a page can show them side by side. The pictures (``tile_channels``,
``overlay``, ``concat_band_image``) are plain numpy arrays (uint8 RGB): no figure per channel.

Capturing uses forward hooks on a model that the app shares between all sessions. They are attached
and removed inside ``googlenet.runtime.hooks.temporary_hooks`` (which holds the model's lock), and each hook
records only the pass of the thread that attached it, so nothing ever leaks between calls or sessions.
"""
from __future__ import annotations

import math
import threading
from typing import Iterable, NamedTuple, Sequence

import numpy as np
import torch
from torch import nn

from .runtime.hooks import temporary_hooks
from .model import INCEPTION_CONFIG, STAGE_ORDER

BRANCHES = ("branch1", "branch2", "branch3", "branch4")
BLOCKS = tuple(INCEPTION_CONFIG)                 # inception3a .. inception5b
STEM = ("conv1", "conv2", "conv3")               # the plain convolutions before the first block
# One colour per branch, used wherever branches are drawn (tiles, bands, charts).
BRANCH_COLOURS = {"branch1": "#4e79a7", "branch2": "#f28e2b", "branch3": "#59a14f", "branch4": "#e15759"}


# --------------------------------------------------------------------------------------------
# Capturing
# --------------------------------------------------------------------------------------------

class _Done(Exception):
    """Raised by the last hook that is needed: the rest of the forward pass would be wasted work."""


def _forward_position(name: str) -> int:
    top = name.split(".")[0]
    return STAGE_ORDER.index(top) if top in STAGE_ORDER else len(STAGE_ORDER)


def capture_modules(model: nn.Module, batch: torch.Tensor, names: Iterable[str],
                    stop_early: bool = True) -> dict[str, torch.Tensor]:
    """Outputs of the named submodules (dotted names, e.g. "inception4a.branch2") in one forward pass.

    Returns detached CPU tensors (N, C, H, W) that are safe to keep. With `stop_early` the pass ends
    right after the last requested module (nothing after it can change what was captured). The model
    should be in eval mode (BatchNorm would otherwise update its running statistics).
    """
    names = list(dict.fromkeys(names))
    if not names:
        return {}
    owner = threading.get_ident()
    captured: dict[str, torch.Tensor] = {}
    last = max(names, key=_forward_position)
    stop = stop_early and _forward_position(last) < len(STAGE_ORDER)

    def make_hook(name: str):
        def hook(_module, _inputs, output):
            if threading.get_ident() != owner:  # another thread's pass on the shared model: not ours
                return None
            # A copy now: later layers could in principle modify this tensor in place.
            captured[name] = output.detach().to("cpu", copy=True)
            if stop and len(captured) == len(names):
                raise _Done
            return None
        return hook

    # Hooks on a Sequential fire after its last layer: the branch's final ReLU output.
    with temporary_hooks(model, {name: make_hook(name) for name in names}):
        try:
            with torch.inference_mode():
                model(batch)
        except _Done:
            pass
    missing = [n for n in names if n not in captured]
    if missing:
        raise RuntimeError(f"the forward pass never reached: {missing}")
    # Copied again outside inference mode: ordinary tensors that callers may use however they like.
    return {name: captured[name].clone() for name in names}


def capture_branches(model: nn.Module, batch: torch.Tensor, blocks: Sequence[str] | None = None,
                     stop_early: bool = True) -> dict[str, dict[str, torch.Tensor]]:
    """One forward pass; for every Inception block: {"branch1".."branch4", "output"} -> tensor (N, C, H, W).

    `blocks` defaults to all nine Inception blocks. Stem names ("conv1", "conv2", "conv3") may be
    listed too; they have no branches, so their entry holds only "output". The concatenated
    "output" of a block equals torch.cat([branch1, ..., branch4], dim=1).
    """
    blocks = list(BLOCKS if blocks is None else blocks)
    names: list[str] = []
    for block in blocks:
        if block.startswith("inception"):
            names += [f"{block}.{b}" for b in BRANCHES]
        names.append(block)
    flat = capture_modules(model, batch, names, stop_early=stop_early)
    result: dict[str, dict[str, torch.Tensor]] = {}
    for block in blocks:
        entry = {b: flat[f"{block}.{b}"] for b in BRANCHES if f"{block}.{b}" in flat}
        entry["output"] = flat[block]
        result[block] = entry
    return result


def capture_stages(model: nn.Module, batch: torch.Tensor, names: Sequence[str] = STEM,
                   stop_early: bool = True) -> dict[str, torch.Tensor]:
    """Outputs of top-level stages (default: the stem convolutions conv1, conv2, conv3) in one pass."""
    return capture_modules(model, batch, names, stop_early=stop_early)


def branch_sizes(block: str) -> dict[str, int]:
    """Output channels of each branch of an Inception block, from the paper's Table 1 (INCEPTION_CONFIG)."""
    spec = INCEPTION_CONFIG[block]
    return {"branch1": spec.n1x1, "branch2": spec.n3x3, "branch3": spec.n5x5, "branch4": spec.pool_proj}


def branch_offsets(sizes: dict[str, int] | Sequence[int]) -> list[tuple[int, int]]:
    """[(first, end)] channel ranges of the branches inside the concatenated output, in order."""
    values = list(sizes.values()) if isinstance(sizes, dict) else list(sizes)
    ends = np.cumsum(values).tolist()
    return [(end - n, end) for n, end in zip(values, ends)]


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

class BranchStats(NamedTuple):
    channels: int
    shape: tuple[int, int, int]   # (C, H, W)
    mean: float                   # mean activation over all channels and positions
    zero_fraction: float          # share of exact zeros: what the ReLU switched off


def _maps(x) -> np.ndarray:
    """(C, H, W) float32 numpy array from a tensor or array of shape (C, H, W) or (1, C, H, W)."""
    if isinstance(x, torch.Tensor):
        x = x.detach().to("cpu", torch.float32).numpy()
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


def branch_stats(maps) -> BranchStats:
    """Channel count, shape, mean activation and fraction of zeros of one branch's (or block's) output."""
    x = _maps(maps)
    return BranchStats(int(x.shape[0]), tuple(int(s) for s in x.shape), float(x.mean()),
                       float((x == 0).mean()))


def channel_means(maps) -> np.ndarray:
    """Mean activation of every channel: (C,)."""
    return _maps(maps).mean(axis=(1, 2))


def most_active(maps, k: int) -> list[int]:
    """Indices of the k channels with the largest mean activation, strongest first (ties: lower index)."""
    means = channel_means(maps)
    order = np.argsort(-means, kind="stable")
    return [int(i) for i in order[:max(0, k)]]


# --------------------------------------------------------------------------------------------
# Pictures (numpy only; matplotlib is used for its colour maps, never for a figure)
# --------------------------------------------------------------------------------------------

def _lut(cmap: str | None) -> np.ndarray:
    """A (256, 3) uint8 colour table; None gives grey."""
    if cmap is None:
        ramp = np.arange(256, dtype=np.uint8)
        return np.stack([ramp] * 3, axis=1)
    from matplotlib import colormaps

    return (colormaps[cmap](np.linspace(0, 1, 256))[:, :3] * 255).round().astype(np.uint8)


def _hex_rgb(colour: str) -> np.ndarray:
    colour = colour.lstrip("#")
    return np.array([int(colour[i:i + 2], 16) for i in (0, 2, 4)], dtype=np.uint8)


def _normalise(x: np.ndarray, axis=None) -> np.ndarray:
    """Min..max -> 0..1 (over `axis`); a constant map becomes 0."""
    lo = x.min(axis=axis, keepdims=True)
    hi = x.max(axis=axis, keepdims=True)
    span = hi - lo
    return np.where(span > 0, (x - lo) / np.where(span > 0, span, 1), 0.0).astype(np.float32)


def tile_channels(maps, order: Sequence[int] | None = None, top_k: int | None = None, cols: int | None = None,
                  pad: int = 2, min_tile: int = 48, cmap: str | None = "viridis", normalize: str = "each",
                  pad_colour: str = "#ffffff") -> np.ndarray:
    """Channels of one feature map stack, tiled into one RGB image (uint8, H x W x 3).

    Which channels: `order` (explicit indices), else the `top_k` most active, else all of them, in
    reading order. Each map is stretched min..max to the colour map (`normalize="each"`) or all
    shown maps share one scale (`"shared"`, which keeps weak channels dark). Small maps are enlarged
    by an integer factor (nearest neighbour) so each tile is at least `min_tile` pixels; tiles are
    separated by `pad` pixels of `pad_colour`.
    """
    x = _maps(maps)
    if order is None:
        order = most_active(x, top_k) if top_k is not None else range(x.shape[0])
    order = [int(i) for i in order]
    if not order:
        raise ValueError("no channels to tile")
    chosen = x[order]                                    # (n, h, w)
    n, h, w = chosen.shape
    if normalize == "each":
        values = _normalise(chosen, axis=(1, 2))
    elif normalize == "shared":
        values = _normalise(chosen)
    else:
        raise ValueError("normalize must be 'each' or 'shared'")
    scale = max(1, math.ceil(min_tile / max(h, w)))
    if scale > 1:
        values = values.repeat(scale, axis=1).repeat(scale, axis=2)
        h, w = h * scale, w * scale
    cols = max(1, min(cols or math.ceil(math.sqrt(n)), n))
    rows = math.ceil(n / cols)

    index = np.full((rows * cols, h + pad, w + pad), -1, dtype=np.int16)   # -1: padding / empty slot
    index[:n, :h, :w] = np.rint(values * 255).astype(np.int16)
    grid = index.reshape(rows, cols, h + pad, w + pad).transpose(0, 2, 1, 3)
    grid = grid.reshape(rows * (h + pad), cols * (w + pad))[:rows * (h + pad) - pad, :cols * (w + pad) - pad]

    lut = np.vstack([_lut(cmap), _hex_rgb(pad_colour)[None]])   # row 256 is the padding colour
    return lut[np.where(grid < 0, 256, grid)]


def _as_rgb_array(image) -> np.ndarray:
    if hasattr(image, "convert"):                       # a PIL image
        image = np.asarray(image.convert("RGB"))
    image = np.asarray(image)
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    return image[..., :3]


def upsample(map2d, size: tuple[int, int], smooth: bool = True) -> np.ndarray:
    """One (h, w) map resized to (height, width) = `size` (bilinear, or nearest with smooth=False)."""
    from PIL import Image

    m = _maps(map2d)
    if m.shape[0] != 1:
        raise ValueError("upsample takes a single map (H, W)")
    height, width = size
    resample = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    return np.asarray(Image.fromarray(m[0], mode="F").resize((width, height), resample), dtype=np.float32)


def heat_image(map2d, size: tuple[int, int] | None = None, cmap: str = "viridis", smooth: bool = False) -> np.ndarray:
    """One map as a colour picture (uint8 RGB), optionally enlarged to `size` = (height, width)."""
    m = _maps(map2d)[0]
    if size is not None:
        m = upsample(m, size, smooth=smooth)
    return _lut(cmap)[np.rint(_normalise(m) * 255).astype(np.int64)]


def overlay(map2d, image, alpha: float = 0.6, cmap: str = "jet") -> np.ndarray:
    """One feature map laid over the picture it came from (uint8 RGB, the picture's size).

    The map is upsampled (bilinear) to the picture, stretched to 0..1 and coloured; where the channel
    is silent the picture shows through, where it fires strongly the colour covers it (up to `alpha`).
    Pass the 224x224 crop the network saw, so the map and the picture line up.
    """
    base = _as_rgb_array(image).astype(np.float32)
    m = _normalise(upsample(map2d, base.shape[:2]))
    colour = _lut(cmap)[np.rint(m * 255).astype(np.int64)].astype(np.float32)
    a = (alpha * m)[..., None]
    return np.rint(base * (1 - a) + colour * a).astype(np.uint8)


def concat_band_image(output, branch_sizes: dict[str, int] | Sequence[int], px: int = 2, band_height: int = 12,
                      heat_height: int = 36, gap: int = 2, cmap: str = "magma",
                      colours: Sequence[str] | None = None) -> np.ndarray:
    """The concatenated output as a strip: one column per channel (`px` wide).

    Top: a colour band per branch (which channels came from which branch). Below: each channel's mean
    activation on a colour map. Returns uint8 RGB of shape (band + gap + heat, C * px, 3).
    """
    means = channel_means(output)
    sizes = list(branch_sizes.values()) if isinstance(branch_sizes, dict) else list(branch_sizes)
    if sum(sizes) != means.shape[0]:
        raise ValueError(f"branch sizes {sizes} do not add up to the {means.shape[0]} output channels")
    colours = list(colours or BRANCH_COLOURS.values())
    band = np.concatenate([np.tile(_hex_rgb(colours[i % len(colours)]), (n, 1)) for i, n in enumerate(sizes)])
    heat = _lut(cmap)[np.rint(_normalise(means) * 255).astype(np.int64)]
    white = np.full_like(band, 255)
    rows = [band] * band_height + [white] * gap + [heat] * heat_height
    strip = np.stack(rows)                               # (height, C, 3)
    return strip.repeat(px, axis=1)


def filter_image(weight: torch.Tensor, cols: int = 8, pad: int = 1, scale: int = 6) -> np.ndarray:
    """First-layer filters (C_out, 3, k, k) as small colour pictures, tiled (uint8 RGB).

    Each filter is stretched symmetrically around zero, so grey means 0; trained conv1 filters show
    edges and colour blobs, random ones show noise.
    """
    w = weight.detach().to("cpu", torch.float32).numpy()
    if w.ndim != 4 or w.shape[1] != 3:
        raise ValueError(f"expected RGB filters (C_out, 3, k, k), got {w.shape}")
    limit = np.abs(w).max(axis=(1, 2, 3), keepdims=True)
    w = 0.5 + 0.5 * w / np.where(limit > 0, limit, 1)   # -limit..limit -> 0..1
    w = w.transpose(0, 2, 3, 1).repeat(scale, axis=1).repeat(scale, axis=2)   # (n, k*s, k*s, 3)
    n, h, wd, _ = w.shape
    cols = max(1, min(cols, n))
    rows = math.ceil(n / cols)
    grid = np.ones((rows * cols, h + pad, wd + pad, 3), dtype=np.float32)
    grid[:n, :h, :wd] = w
    grid = grid.reshape(rows, cols, h + pad, wd + pad, 3).transpose(0, 2, 1, 3, 4)
    grid = grid.reshape(rows * (h + pad), cols * (wd + pad), 3)[:-pad or None, :-pad or None]
    return np.rint(grid * 255).astype(np.uint8)
