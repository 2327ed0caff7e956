"""Only the layers up to the target run: a private copy of the network's first stages and of the target branch.

A channel of inception3a needs the stem and one branch of 3a; everything after it would be computed and thrown
away at every step. So the optimiser gets its *own copy* of exactly the stages it needs (taken under the shared
model's lock, which takes milliseconds) and then works without ever touching the shared model again: another
session's classification never waits for a visualisation, and no hook is ever attached to the shared network.

What is maximised is the channel's value *before* the branch's last ReLU (Lucid's "..._pre_relu" layers,
lucid/modelzoo): after the ReLU a channel that starts at zero everywhere has zero gradient and could never
be woken up; before it, the optimiser always knows which way is up.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import torch
from torch import nn

from ..blocks import ConvBlock, Inception
from ..model import BLOCKS, BRANCHES, IMAGENET_MEAN, IMAGENET_STD, transform_input
from ..runtime.hooks import model_lock

PARTS = BRANCHES + ("output",)   # one branch of a block, or its concatenated output


@dataclass(frozen=True)
class Target:
    """One channel: of `part` ("branch1".."branch4", numbered within that branch; or "output", numbered in the
    block's concatenated output) of the Inception block `block` (e.g. "inception4c")."""
    block: str
    part: str
    channel: int

    def __post_init__(self):
        if self.block not in BLOCKS:
            raise ValueError(f"no Inception block {self.block!r}; choose one of {BLOCKS}")
        if self.part not in PARTS:
            raise ValueError(f"no part {self.part!r}; choose one of {PARTS}")
        if self.channel < 0:
            raise ValueError(f"channel must be >= 0, not {self.channel}")


def pre_relu(module: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """A branch's output without its final ReLU: every layer but the last ConvBlock, then that block's conv
    (and BatchNorm, where the network has one)."""
    if isinstance(module, nn.Sequential):
        *first, module = list(module)
        for layer in first:
            x = layer(x)
    if isinstance(module, ConvBlock):
        x = module.conv(x)
        return module.bn(x) if module.bn is not None else x
    return module(x)


class TruncatedNet(nn.Module):
    """The stages before `target.block`, then the target's branch (or all four branches for "output"), returning
    the pre-ReLU activations (N, C, h, w) of that branch (or of the concatenated block).

    Takes pictures with values in [0, 1] and prepares them as the network expects: ImageNet normalisation, then
    the network's own re-mapping to [-1, 1] where it has one (``transform_input``, torchvision's weights).
    """

    def __init__(self, stages: list[tuple[str, nn.Module]], block: Inception, part: str, remap_input: bool):
        super().__init__()
        self.stage_names = tuple(name for name, _ in stages)
        self.stages = nn.Sequential(*(module for _, module in stages))
        self.part = part
        self.branches = nn.ModuleList(block.branches() if part == "output" else [getattr(block, part)])
        self.remap_input = remap_input
        self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(IMAGENET_STD).view(1, 3, 1, 1), persistent=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Which of the network's top-level modules run (the target block last)."""
        return self.stage_names

    def forward(self, pictures: torch.Tensor) -> torch.Tensor:
        x = (pictures - self.mean) / self.std
        if self.remap_input:
            x = transform_input(x)
        x = self.stages(x)
        parts = [pre_relu(branch, x) for branch in self.branches]
        return parts[0] if len(parts) == 1 else torch.cat(parts, dim=1)


def truncated_copy(model: nn.Module, target: Target) -> TruncatedNet:
    """A private, frozen, float32 copy of the part of `model` that `target` needs (see the module's note).

    The copy is taken under the model's lock: no other session's temporary hooks are attached meanwhile (they are
    only ever attached under that lock), so none is copied along."""
    names = [name for name, _ in model.stages()]
    if target.block not in names:
        raise ValueError(f"this network has no block {target.block!r}")
    before = names[:names.index(target.block)]
    with model_lock(model):
        stages = [(name, copy.deepcopy(getattr(model, name))) for name in before]
        block = copy.deepcopy(getattr(model, target.block))
    net = TruncatedNet(stages, block, target.part, bool(getattr(model, "transform_input", False)))
    net.stage_names = (*before, target.block)
    net = net.float().eval()
    for p in net.parameters():
        p.requires_grad_(False)
    return net


def part_width(model: nn.Module, target: Target) -> int:
    """Channels of the target's part, read from the network (a branch's last conv, or the sum of all four)."""
    block = getattr(model, target.block)
    branches = block.branches() if target.part == "output" else [getattr(block, target.part)]
    return sum(_out_channels(b) for b in branches)


def _out_channels(branch: nn.Module) -> int:
    convs = [m for m in branch.modules() if isinstance(m, nn.Conv2d)]
    return convs[-1].out_channels
