"""Branch ablation: switch off branches of Inception blocks and see what the network then predicts.

An Inception block concatenates its four branches along the channel axis, in the order
branch1 (#1x1) | branch2 (#3x3) | branch3 (#5x5) | branch4 (pool proj), so each branch owns a fixed
slice of the block's output channels (googlenet.model.InceptionSpec.branch_slices). "Switching a branch
off" sets its slice to zero: the layers after the block get nothing from that branch, and the rest of the
network runs unchanged. With all four branches of a block off, nothing of the picture gets past the block
(there is no path around it): every picture then gets the same prediction (``cut_block``, ``blind_logits``).

The model is shared between sessions, so the zeroing is done by a forward hook that *returns a new
output* (the block's own tensor is never modified), attached only for one guarded pass
(googlenet.runtime.hooks.temporary_hooks: the model's lock is held and the hook removed afterwards).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, NamedTuple, Sequence

import torch
from torch import nn

from .model import BLOCKS, BRANCHES, INCEPTION_CONFIG
from .runtime.hooks import model_lock, temporary_hooks

ALL_BLOCKS = "all"  # the block choice "the same branches off in every block"

Switches = Mapping[str, Iterable[str]]  # block name -> the branches switched off in it
SwitchSet = tuple[tuple[str, tuple[str, ...]], ...]  # the same, hashable (a cache key): ((block, branches), ...)


def switches(block: str, branches: Iterable[str]) -> SwitchSet:
    """`branches` switched off in `block`, or in every block when `block` is ALL_BLOCKS, as a SwitchSet.

    Branches come out in concatenation order whatever order they are given in; nothing off gives ().
    """
    if block != ALL_BLOCKS and block not in INCEPTION_CONFIG:
        raise KeyError(f"{block!r} is not an Inception block; choose from {BLOCKS} or {ALL_BLOCKS!r}")
    ordered = _checked(branches)
    return tuple((b, ordered) for b in _blocks(block)) if ordered else ()


def _blocks(block: str) -> tuple[str, ...]:
    return BLOCKS if block == ALL_BLOCKS else (block,)


class ChannelCount(NamedTuple):
    """How many output channels a choice of switches silences."""
    off: int                   # channels set to zero, summed over the blocks concerned
    total: int                 # output channels of those blocks together
    widths: tuple[int, ...]    # one block: the width of each branch switched off, in order; all blocks: ()


def channels_off(block: str, branches: Sequence[str]) -> ChannelCount:
    """E.g. inception4a with branch1 off: 192 of 512 channels; ALL_BLOCKS with branch1 off: 1,680 of 5,488."""
    off = switches(block, branches)
    total = sum(INCEPTION_CONFIG[b].out_channels for b in _blocks(block))
    dark = sum(INCEPTION_CONFIG[b].branch_widths()[x] for b, xs in off for x in xs)
    one_block = off and block != ALL_BLOCKS
    widths = tuple(INCEPTION_CONFIG[block].branch_widths()[x] for x in off[0][1]) if one_block else ()
    return ChannelCount(dark, total, widths)


def _checked(branches: Iterable[str]) -> tuple[str, ...]:
    """Branch names, each once, in concatenation order; an unknown name is refused."""
    chosen = set(branches)
    unknown = chosen - set(BRANCHES)
    if unknown:
        raise KeyError(f"unknown branch(es) {sorted(unknown)}; choose from {BRANCHES}")
    return tuple(b for b in BRANCHES if b in chosen)


def _normalise(off: Switches) -> dict[str, tuple[str, ...]]:
    clean = {}
    for block, branches in off.items():
        if block not in INCEPTION_CONFIG:
            raise KeyError(f"{block!r} is not an Inception block; choose from {BLOCKS}")
        branches = _checked(branches)
        if branches:
            clean[block] = branches
    return clean


def _zeroing_hook(channels: list[slice]):
    def hook(_module: nn.Module, _inputs, output: torch.Tensor) -> torch.Tensor:
        keep = torch.ones(output.shape[1], dtype=output.dtype, device=output.device)
        for s in channels:
            keep[s] = 0
        return output * keep.view(1, -1, 1, 1)  # a new tensor: the block's output is left as it was
    return hook


@torch.no_grad()
def plain_logits(model: nn.Module, batch: torch.Tensor) -> torch.Tensor:
    """Logits of the intact network. The model's lock is held so that no other session's hooked pass
    (an ablation in progress) can be running on the shared model at the same time."""
    with model_lock(model):
        return model(batch)


@torch.no_grad()
def ablated_logits(model: nn.Module, batch: torch.Tensor, off: Switches) -> torch.Tensor:
    """Logits (N, classes) of `model` on `batch` with the given branches switched off (eval mode)."""
    off = _normalise(off)
    if not off:
        return plain_logits(model, batch)
    hooks = {block: _zeroing_hook([INCEPTION_CONFIG[block].branch_slices()[b] for b in branches])
             for block, branches in off.items()}
    with temporary_hooks(model, hooks):
        return model(batch)


@dataclass
class Ablation:
    """Intact and ablated predictions for one image."""
    intact: torch.Tensor        # probabilities (classes,)
    ablated: torch.Tensor       # probabilities (classes,)
    off: dict[str, tuple[str, ...]]
    k: int = 5

    @property
    def top_class(self) -> int:
        """The intact network's top class."""
        return int(self.intact.argmax())

    @property
    def shift(self) -> float:
        """How much the probability of the intact top class changed (ablated - intact, in 0..1 units)."""
        c = self.top_class
        return float(self.ablated[c] - self.intact[c])

    def top(self, which: str = "intact") -> list[tuple[int, float]]:
        """Top-k (class index, probability) of the "intact" or "ablated" network."""
        probs = self.intact if which == "intact" else self.ablated
        values, indices = probs.topk(self.k)
        return [(int(i), float(v)) for i, v in zip(indices, values)]

    @property
    def ablated_top_class(self) -> int:
        """The ablated network's top class."""
        return int(self.ablated.argmax())

    @property
    def same_top_class(self) -> bool:
        return self.ablated_top_class == self.top_class

    def compared_classes(self) -> list[int]:
        """The classes of both top-k lists, intact first, each once: the rows of a side-by-side chart."""
        return list(dict.fromkeys(c for which in ("intact", "ablated") for c, _ in self.top(which)))


def cut_block(off: Switches) -> str | None:
    """The first block, in forward order, whose four branches are all switched off; None if there is none.

    There is no path around an Inception block: the next stage is computed from the block's output alone.
    With every branch off that output is all zeros whatever the picture, so every layer after it computes
    the same numbers for every picture, and every picture gets the same prediction (``blind_logits`` shows it).
    """
    off = _normalise(off)
    return next((b for b in BLOCKS if len(off.get(b, ())) == len(BRANCHES)), None)


def blind_logits(model: nn.Module, batches: Sequence[torch.Tensor], off: Switches) -> list[torch.Tensor]:
    """The ablated network's logits (classes,) for each of several one-image batches, each in its own pass.

    When ``cut_block(off)`` is not None they are identical (bit for bit: the same operations on the same
    zeros), however different the pictures are: the network no longer looks at its input.
    """
    return [ablated_logits(model, batch, off).reshape(-1) for batch in batches]


def largest_difference(logits: Sequence[torch.Tensor]) -> float:
    """The largest absolute difference between any two of the logit vectors (0.0 for identical ones)."""
    stacked = torch.stack([x.reshape(-1) for x in logits])
    return float((stacked.max(dim=0).values - stacked.min(dim=0).values).max())


def compare(model: nn.Module, batch: torch.Tensor, off: Switches, k: int = 5,
            intact_logits: torch.Tensor | None = None) -> Ablation:
    """Run `batch` (one image) through the intact and the ablated network; softmax probabilities of both.

    `intact_logits` may be given when already known (e.g. cached), to save one forward pass.
    """
    if batch.shape[0] != 1:
        raise ValueError("compare() takes a batch of exactly one image")
    if intact_logits is None:
        intact_logits = plain_logits(model, batch)
    off = _normalise(off)
    ablated = ablated_logits(model, batch, off) if off else intact_logits
    return Ablation(intact_logits.reshape(-1).softmax(0), ablated.reshape(-1).softmax(0), off, k)


def branch_scan(model: nn.Module, batch: torch.Tensor, block: str,
                intact_logits: torch.Tensor | None = None) -> dict[str, float]:
    """Each branch switched off alone (in `block`, or in every block for ALL_BLOCKS): how much the intact
    network's top-class probability changes (ablated - intact, 0..1 units), branch by branch."""
    if intact_logits is None:
        intact_logits = plain_logits(model, batch)
    return {b: compare(model, batch, dict(switches(block, [b])), intact_logits=intact_logits).shift for b in BRANCHES}
