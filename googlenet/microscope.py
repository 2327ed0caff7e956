"""A bridge to OpenAI Microscope and Lucid: their names for GoogLeNet's layers and channels, and ours.

Microscope's "InceptionV1" and Lucid's model zoo (lucid/modelzoo/other_models/InceptionV1.py) name the layers
``conv2d0``, ``conv2d1``, ``conv2d2`` (the stem) and ``mixed3a`` ... ``mixed5b`` (the nine Inception blocks);
torchvision (and this app) call the same places ``conv1``, ``conv2``, ``conv3`` and ``inception3a`` ...
``inception5b``. A "neuron" there is a channel of a block's *concatenated* output, numbered 0..C-1 across the four
branches (1x1, 3x3, 5x5, pool, in that order); here it is computed from the model's branch widths which branch
that number falls in and which channel of that branch it is.

The weights are NOT the same. Microscope and Lucid show Google's original TensorFlow GoogLeNet (the "inception5h"
graph: no BatchNorm, 5x5 convolutions, 1008 output classes, pixels in [-117, 138]; Lucid's InceptionV1 class);
torchvision's weights were ported from TF-slim's inception_v1, retrained with BatchNorm and 3x3 convolutions in
branch 3 (googlenet.weights). Two networks trained separately learn their features in a different order, so
"mixed4c neuron 447" in Microscope and channel 447 of inception4c here are unrelated: only the names and the
numbering scheme carry over, not what a number detects. Even the numbering differs in one block: Lucid lists
mixed4a with 508 channels (its 3x3 branch has 204, not the paper's 208), so from its 3x3 branch on, mixed4a's
numbers are shifted by 4 (Lucid's layer table: conv2d0 64, conv2d1 64, conv2d2 192, mixed3a 256, mixed3b 480,
mixed4a 508, mixed4b 512, mixed4c 512, mixed4d 528, mixed4e 832, mixed5a 832, mixed5b 1024).
"""
from __future__ import annotations

from typing import NamedTuple

from .model import BLOCKS, BRANCHES, INCEPTION_CONFIG, STEM

# Lucid / Microscope names -> torchvision's (and this app's) module names.
STEM_NAMES = {"conv2d0": "conv1", "conv2d1": "conv2", "conv2d2": "conv3"}
BLOCK_NAMES = {f"mixed{b.removeprefix('inception')}": b for b in BLOCKS}     # mixed3a -> inception3a ...
MICROSCOPE_TO_TORCHVISION = {**STEM_NAMES, **BLOCK_NAMES}
TORCHVISION_TO_MICROSCOPE = {v: k for k, v in MICROSCOPE_TO_TORCHVISION.items()}

# Where Lucid's graph has other branch widths than the paper / torchvision (Lucid's layer table: mixed4a 508).
LUCID_WIDTH_DIFFERENCES = {"inception4a": {"branch2": 204}}

# What Microscope's pages call each branch of a block (the operation that ends it).
BRANCH_KERNELS = {"branch1": "1x1", "branch2": "3x3", "branch3": "5x5", "branch4": "pool"}


def microscope_name(layer: str) -> str:
    """"inception4c" -> "mixed4c", "conv1" -> "conv2d0"."""
    return TORCHVISION_TO_MICROSCOPE[layer]


def torchvision_name(layer: str) -> str:
    """"mixed4c" -> "inception4c", "conv2d0" -> "conv1"."""
    return MICROSCOPE_TO_TORCHVISION[layer]


class BranchChannel(NamedTuple):
    block: str      # torchvision's name, e.g. "inception4c"
    branch: str     # "branch1" .. "branch4"
    channel: int    # within the branch


def branch_widths(block: str) -> dict[str, int]:
    """The channels of each branch of `block`, from the model's table (googlenet.model.INCEPTION_CONFIG)."""
    return INCEPTION_CONFIG[block].branch_widths()


def split_channel(block: str, index: int, widths: dict[str, int] | None = None) -> BranchChannel:
    """Channel `index` of the block's concatenated output -> (branch, channel within that branch).
    `widths`: the branch widths to use (default: this model's)."""
    widths = widths or branch_widths(block)
    if not 0 <= index < sum(widths.values()):
        raise IndexError(f"{block} has {sum(widths.values())} channels; there is no channel {index}")
    start = 0
    for branch, width in widths.items():
        if index < start + width:
            return BranchChannel(block, branch, index - start)
        start += width
    raise AssertionError("unreachable")


def concat_index(block: str, branch: str, channel: int, widths: dict[str, int] | None = None) -> int:
    """(branch, channel within it) -> the channel's number in the block's concatenated output."""
    widths = widths or branch_widths(block)
    if branch not in widths or not 0 <= channel < widths[branch]:
        raise IndexError(f"{block} {branch} has {widths.get(branch, 0)} channels; there is no channel {channel}")
    return sum(widths[b] for b in BRANCHES[:BRANCHES.index(branch)]) + channel


def lucid_widths(block: str) -> dict[str, int]:
    """The branch widths of the same block in Lucid's / Microscope's graph."""
    return {**branch_widths(block), **LUCID_WIDTH_DIFFERENCES.get(block, {})}


def lucid_index(block: str, branch: str, channel: int) -> int | None:
    """The number Microscope would give the same *position* (branch, channel within it) in its own network; None
    where that branch is narrower there. (The same position, not the same feature: see the module's note.)"""
    widths = lucid_widths(block)
    if channel >= widths[branch]:
        return None
    return concat_index(block, branch, channel, widths)
