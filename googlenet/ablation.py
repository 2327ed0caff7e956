"""Branch ablation: switch off branches of Inception blocks and see what the network then predicts.

An Inception block concatenates its four branches along the channel axis, in the order
branch1 (#1x1) | branch2 (#3x3) | branch3 (#5x5) | branch4 (pool proj), so each branch owns a fixed
slice of the block's output channels (INCEPTION_CONFIG). "Switching a branch off" sets its slice to
zero — as if the branch had learned nothing — and lets the rest of the network run unchanged.

The model is shared between sessions, so the zeroing is done by a forward hook that *returns a new
output* (the block's own tensor is never modified), attached only for one guarded pass
(googlenet.runtime.hooks.temporary_hooks: the model's lock is held and the hook removed afterwards).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

import torch
from torch import nn

from .costs import BRANCHES
from .runtime.hooks import model_lock, temporary_hooks
from .model import INCEPTION_CONFIG

BLOCKS = tuple(INCEPTION_CONFIG)

Switches = Mapping[str, Iterable[str]]  # block name -> the branches switched off in it


def branch_slices(block: str) -> dict[str, slice]:
    """The channel slice each branch occupies in `block`'s output, e.g. inception3a: branch1 -> 0:64."""
    spec = INCEPTION_CONFIG[block]
    slices, start = {}, 0
    for branch, width in zip(BRANCHES, (spec.n1x1, spec.n3x3, spec.n5x5, spec.pool_proj)):
        slices[branch] = slice(start, start + width)
        start += width
    return slices


def _normalise(off: Switches) -> dict[str, tuple[str, ...]]:
    clean = {}
    for block, branches in off.items():
        if block not in INCEPTION_CONFIG:
            raise KeyError(f"{block!r} is not an Inception block; choose from {BLOCKS}")
        branches = tuple(dict.fromkeys(branches))
        unknown = [b for b in branches if b not in BRANCHES]
        if unknown:
            raise KeyError(f"unknown branch(es) {unknown}; choose from {BRANCHES}")
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
    hooks = {block: _zeroing_hook([branch_slices(block)[b] for b in branches]) for block, branches in off.items()}
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
    def same_top_class(self) -> bool:
        return int(self.ablated.argmax()) == self.top_class


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
