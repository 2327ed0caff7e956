"""What the network sees: per-branch activations from one forward pass, and numbers about them.

An Inception block runs its branches on the same input and concatenates their outputs along the
channel axis. ``capture_blocks`` records each branch's output *and* the concatenated output in a
single forward pass, so a page can show them side by side; which modules those are is read from the
network itself (googlenet.network_anatomy), so GoogLeNet and the training lab's networks share this code.
``capture_branches`` does it by block name. The pictures made from the maps live in googlenet.viz;
GoogLeNet's table of channel numbers in googlenet.model.

Capturing uses forward hooks on a model that the app shares between all sessions. They are attached
and removed inside ``googlenet.runtime.hooks.temporary_hooks`` (which holds the model's lock), and each hook
records only the pass of the thread that attached it, so nothing ever leaks between calls or sessions.
"""
from __future__ import annotations

import threading
from typing import Iterable, NamedTuple, Sequence

import numpy as np
import torch
from torch import nn

from .costs import stage_shapes
from .model import BLOCKS, INCEPTION_CONFIG, INPUT_SIZE, STAGE_ORDER, STEM
from .network_anatomy import BlockAnatomy, blocks_by_name
from .runtime.hooks import temporary_hooks
from .viz import as_maps

LAYERS = STEM + BLOCKS   # every layer whose maps can be captured and shown, in forward order


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


def capture_blocks(model: nn.Module, batch: torch.Tensor, blocks: Sequence[BlockAnatomy | str],
                   stop_early: bool = True) -> dict[str, dict[str, torch.Tensor]]:
    """One forward pass; for every block read from the network (googlenet.network_anatomy.inception_blocks):
    {"branch1", "branch2", ..., "output"} -> tensor (N, C, H, W), the branches in concatenation order.

    Works for any network whose blocks concatenate their branches: GoogLeNet, the training lab's networks.
    The concatenated "output" of a block equals torch.cat([branch1, branch2, ...], dim=1). A plain module
    name instead of a block (e.g. GoogLeNet's stem "conv1") gets an entry with its "output" only.
    """
    names: list[str] = []
    for block in blocks:
        if isinstance(block, BlockAnatomy):
            names += [b.module for b in block.branches]
        names.append(getattr(block, "name", block))
    flat = capture_modules(model, batch, names, stop_early=stop_early)
    result: dict[str, dict[str, torch.Tensor]] = {}
    for block in blocks:
        branches = block.branches if isinstance(block, BlockAnatomy) else ()
        name = getattr(block, "name", block)
        result[name] = {**{b.name: flat[b.module] for b in branches}, "output": flat[name]}
    return result


def capture_branches(model: nn.Module, batch: torch.Tensor, blocks: Sequence[str] | None = None,
                     stop_early: bool = True) -> dict[str, dict[str, torch.Tensor]]:
    """One forward pass; for every Inception block: {"branch1".."branch4", "output"} -> tensor (N, C, H, W).

    `blocks` (module names) defaults to all the network's Inception blocks (GoogLeNet's nine). Other module
    names (GoogLeNet's stem: "conv1", "conv2", "conv3") may be listed too; they have no branches, so their
    entry holds only "output". The blocks and their branches are read from the network itself.
    """
    anatomy = blocks_by_name(model)
    blocks = list(anatomy if blocks is None else blocks)
    return capture_blocks(model, batch, [anatomy.get(b, b) for b in blocks], stop_early=stop_early)


def capture_stages(model: nn.Module, batch: torch.Tensor, names: Sequence[str] = STEM,
                   stop_early: bool = True) -> dict[str, torch.Tensor]:
    """Outputs of top-level stages (default: the stem convolutions conv1, conv2, conv3) in one pass."""
    return capture_modules(model, batch, names, stop_early=stop_early)


def capture_layer(model: nn.Module, batch: torch.Tensor, layer: str) -> dict[str, np.ndarray]:
    """One image's maps at one layer as (C, H, W) numpy arrays: {"branch1".."branch4", "output"} for an
    Inception block, {"output"} for a stem convolution. The pass stops right after the layer."""
    captured = capture_branches(model, batch, [layer])[layer]
    return {part: as_maps(x) for part, x in captured.items()}


def input_shape(layer: str, variant: str = "torchvision") -> tuple[int, ...]:
    """The shape (C, H, W) that enters `layer`: the output of the stage before it (3x224x224 for conv1)."""
    shapes = stage_shapes(variant)
    before = [s for s in STAGE_ORDER[:STAGE_ORDER.index(layer)] if s in shapes]
    return shapes[before[-1]] if before else (3, INPUT_SIZE, INPUT_SIZE)


def concat_channel(block: str, branch: str, channel: int) -> int:
    """Where channel `channel` of `branch` sits in the block's concatenated output."""
    return INCEPTION_CONFIG[block].branch_slices()[branch].start + channel


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

class BranchStats(NamedTuple):
    channels: int
    shape: tuple[int, int, int]   # (C, H, W)
    mean: float                   # mean activation over all channels and positions
    zero_fraction: float          # share of exact zeros: what the ReLU switched off


def branch_stats(maps) -> BranchStats:
    """Channel count, shape, mean activation and fraction of zeros of one branch's (or block's) output."""
    x = as_maps(maps)
    return BranchStats(int(x.shape[0]), tuple(int(s) for s in x.shape), float(x.mean()),
                       float((x == 0).mean()))


def channel_means(maps) -> np.ndarray:
    """Mean activation of every channel: (C,)."""
    return as_maps(maps).mean(axis=(1, 2))


def most_active(maps, k: int) -> list[int]:
    """Indices of the k channels with the largest mean activation, strongest first (ties: lower index)."""
    means = channel_means(maps)
    order = np.argsort(-means, kind="stable")
    return [int(i) for i in order[:max(0, k)]]


def channel_rank(maps, channel: int) -> int:
    """1 for the channel with the largest mean activation, 2 for the next, ... (ties share a rank)."""
    means = channel_means(maps)
    return int((means > means[channel]).sum()) + 1
