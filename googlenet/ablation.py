"""Branch ablation: switch off branches of Inception blocks and see what the network then predicts.

An Inception block concatenates its branches along the channel axis (GoogLeNet's: branch1 (#1x1) | branch2
(#3x3) | branch3 (#5x5) | branch4 (pool proj)), so each branch owns a fixed slice of the block's output
channels. "Switching a branch off" sets its slice to zero: the layers after the block get nothing from that
branch, and the rest of the network runs unchanged. With all branches of a block off, nothing of the picture
gets past the block (there is no path around it): every picture then gets the same prediction
(``cut_block``, ``blind_logits``).

The blocks, their branches and the slices are read from the network itself (googlenet.network_anatomy), so the
same code serves GoogLeNet and a network trained in the training lab (its ``inception1``, ``incep1``, ...).
Functions that take no model (``switches``, ``channels_off``, ``cut_block``) take the network's blocks
(``inception_blocks(model)``); without them they use GoogLeNet's, read once from a GoogLeNet built without
weights.

A model may be shared (GoogLeNet between sessions, a lab network with the training page), so the zeroing is
done by a forward hook that *returns a new output* (the block's own tensor is never modified), attached only
for one guarded pass (googlenet.runtime.hooks.temporary_hooks), and every pass holds the model's lock with the
model in eval mode, its mode restored afterwards (googlenet.network_pass.eval_pass).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple, Sequence

import torch
from torch import nn

from .model import meta_model
from .network_anatomy import BlockAnatomy, inception_blocks
from .network_pass import eval_pass
from .runtime.hooks import temporary_hooks

ALL_BLOCKS = "all"  # the block choice "the same branches off in every block"

Switches = Mapping[str, Iterable[str]]  # block name -> the branches switched off in it
SwitchSet = tuple[tuple[str, tuple[str, ...]], ...]  # the same, hashable (a cache key): ((block, branches), ...)
Blocks = Sequence[BlockAnatomy]  # a network's Inception blocks in forward order (inception_blocks(model))


@lru_cache(maxsize=1)
def googlenet_blocks() -> tuple[BlockAnatomy, ...]:
    """GoogLeNet's nine blocks, read from a GoogLeNet built on the meta device (its structure, no weights)."""
    return inception_blocks(meta_model("torchvision"))


def _table(blocks: Blocks | None) -> dict[str, BlockAnatomy]:
    return {b.name: b for b in (googlenet_blocks() if blocks is None else blocks)}


def block_names(blocks: Blocks | None = None) -> tuple[str, ...]:
    """The blocks' names in forward order (GoogLeNet's: inception3a .. inception5b)."""
    return tuple(_table(blocks))


def branch_names(blocks: Blocks | None = None, block: str = ALL_BLOCKS) -> tuple[str, ...]:
    """The branches of `block` in concatenation order; for ALL_BLOCKS every branch name any block has."""
    table = _table(blocks)
    chosen = table.values() if block == ALL_BLOCKS else [_block(table, block)]
    return tuple(dict.fromkeys(br.name for b in chosen for br in b.branches))


def _block(table: dict[str, BlockAnatomy], block: str) -> BlockAnatomy:
    if block not in table:
        raise KeyError(f"{block!r} is not an Inception block; choose from {tuple(table)}")
    return table[block]


def _blocks(table: dict[str, BlockAnatomy], block: str) -> tuple[str, ...]:
    return tuple(table) if block == ALL_BLOCKS else (_block(table, block).name,)


def switches(block: str, branches: Iterable[str], blocks: Blocks | None = None) -> SwitchSet:
    """`branches` switched off in `block`, or in every block when `block` is ALL_BLOCKS, as a SwitchSet.

    Branches come out in concatenation order whatever order they are given in; nothing off gives ().
    With ALL_BLOCKS a block that lacks a branch (a network whose blocks differ) just has it not switched off.
    """
    table = _table(blocks)
    names = _blocks(table, block)
    ordered = _checked(branches, table)
    off = ((b, tuple(x for x in ordered if x in table[b].branch_widths())) for b in names)
    return tuple((b, xs) for b, xs in off if xs)


class ChannelCount(NamedTuple):
    """How many output channels a choice of switches silences."""
    off: int                   # channels set to zero, summed over the blocks concerned
    total: int                 # output channels of those blocks together
    widths: tuple[int, ...]    # one block: the width of each branch switched off, in order; all blocks: ()


def channels_off(block: str, branches: Sequence[str], blocks: Blocks | None = None) -> ChannelCount:
    """E.g. inception4a with branch1 off: 192 of 512 channels; ALL_BLOCKS with branch1 off: 1,680 of 5,488."""
    table = _table(blocks)
    off = switches(block, branches, blocks)
    total = sum(table[b].out_channels for b in _blocks(table, block))
    dark = sum(table[b].branch_widths()[x] for b, xs in off for x in xs)
    one_block = off and block != ALL_BLOCKS
    widths = tuple(table[block].branch_widths()[x] for x in off[0][1]) if one_block else ()
    return ChannelCount(dark, total, widths)


def _checked(branches: Iterable[str], table: dict[str, BlockAnatomy]) -> tuple[str, ...]:
    """Branch names, each once, in concatenation order; a name no block has is refused."""
    known = branch_names(tuple(table.values()))
    chosen = set(branches)
    unknown = chosen - set(known)
    if unknown:
        raise KeyError(f"unknown branch(es) {sorted(unknown)}; choose from {known}")
    return tuple(b for b in known if b in chosen)


def _normalise(off: Switches, table: dict[str, BlockAnatomy]) -> dict[str, tuple[str, ...]]:
    """{block: branches off} with known names only, in forward and concatenation order; empty entries dropped."""
    clean = {}
    for block, branches in off.items():
        own = _block(table, block).branch_widths()
        branches = _checked(branches, table)
        missing = [b for b in branches if b not in own]
        if missing:
            raise KeyError(f"{block!r} has no branch(es) {missing}; it has {tuple(own)}")
        if branches:
            clean[block] = branches
    return {b: clean[b] for b in table if b in clean}


def _zeroing_hook(channels: list[slice]):
    def hook(_module: nn.Module, _inputs, output: torch.Tensor) -> torch.Tensor:
        keep = torch.ones(output.shape[1], dtype=output.dtype, device=output.device)
        for s in channels:
            keep[s] = 0
        return output * keep.view(1, -1, 1, 1)  # a new tensor: the block's output is left as it was
    return hook


@torch.no_grad()
def plain_logits(model: nn.Module, batch: torch.Tensor) -> torch.Tensor:
    """Logits of the intact network, in eval mode with the model's lock held, so that no other session's
    hooked pass (an ablation in progress) and no training step can run on the model at the same time."""
    with eval_pass(model):
        return model(batch)


@torch.no_grad()
def ablated_logits(model: nn.Module, batch: torch.Tensor, off: Switches) -> torch.Tensor:
    """Logits (N, classes) of `model` on `batch` with the given branches switched off (eval mode). The blocks
    and each branch's channels are read from `model` itself."""
    table = _table(inception_blocks(model))
    off = _normalise(off, table)
    if not off:
        return plain_logits(model, batch)
    hooks = {block: _zeroing_hook([table[block].branch_slices()[b] for b in branches])
             for block, branches in off.items()}
    with eval_pass(model), temporary_hooks(model, hooks):
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


def cut_block(off: Switches, blocks: Blocks | None = None) -> str | None:
    """The first block, in forward order, whose branches are all switched off; None if there is none.

    There is no path around an Inception block: the next stage is computed from the block's output alone.
    With every branch off that output is all zeros whatever the picture, so every layer after it computes
    the same numbers for every picture, and every picture gets the same prediction (``blind_logits`` shows it).
    """
    table = _table(blocks)
    off = _normalise(off, table)
    return next((b for b in table if len(off.get(b, ())) == len(table[b].branches)), None)


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
    off = _normalise(off, _table(inception_blocks(model)))
    ablated = ablated_logits(model, batch, off) if off else intact_logits
    return Ablation(intact_logits.reshape(-1).softmax(0), ablated.reshape(-1).softmax(0), off, k)


def branch_scan(model: nn.Module, batch: torch.Tensor, block: str,
                intact_logits: torch.Tensor | None = None) -> dict[str, float]:
    """Each branch switched off alone (in `block`, or in every block for ALL_BLOCKS): how much the intact
    network's top-class probability changes (ablated - intact, 0..1 units), branch by branch."""
    blocks = inception_blocks(model)
    if intact_logits is None:
        intact_logits = plain_logits(model, batch)
    return {b: compare(model, batch, dict(switches(block, [b], blocks)), intact_logits=intact_logits).shift
            for b in branch_names(blocks, block)}
