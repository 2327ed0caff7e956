"""A faster GoogLeNet for inference: BatchNorm folded into the convolutions, channels-last memory.

``optimize_for_inference(model)`` returns a *copy* of an eval-mode model that computes the same logits
(to about 1e-5) in roughly half the time on a CPU, while keeping every module and its name, so forward
hooks on "conv1", "inception3a.branch2.1" or "inception4c" still fire and still see (N, C, H, W) tensors.

Two changes, both exact in eval mode:

1. **BatchNorm folding.** In eval mode BatchNorm is a fixed per-channel affine map,
   ``y = gamma * (x - mean) / sqrt(var + eps) + beta``. It directly follows a convolution, so it can be
   merged into it: with ``s = gamma / sqrt(var + eps)``,
   ``W' = W * s`` (per output channel) and ``b' = (b - mean) * s + beta``. The conv gets the new bias and
   the ``bn`` module becomes ``nn.Identity()`` — one pass over memory less for each of the 57 (+2 aux)
   convolutions. The paper variant has no BatchNorm: folding does nothing there.

2. **Channels-last (NHWC) memory format.** oneDNN's CPU convolutions work in NHWC; in the default NCHW
   layout every convolution reorders its input and output. The weights are converted once, and the
   model's forward converts its input once, so the whole network stays in NHWC. A channels-last
   tensor still has the shape (N, C, H, W) — only its strides differ — so hooks and callers see
   the usual shapes. (Call ``.contiguous()`` before ``.view(...)`` on a captured activation, or use
   ``.reshape(...)``; ``.numpy()`` works either way.)

The result is for inference only: calling ``.train()`` on it cannot bring BatchNorm back.
"""
from __future__ import annotations

import copy

import torch
from torch import nn

from .hooks import model_lock
from .model import GoogLeNet

__all__ = ["optimize_for_inference", "fold_batchnorm", "is_optimized", "FastGoogLeNet"]


class FastGoogLeNet(GoogLeNet):
    """GoogLeNet whose forward first puts the input into channels-last memory format.

    Same modules, same names, same state_dict layout (plus conv biases) as the model it came from;
    ``isinstance(model, GoogLeNet)`` stays true. Made by ``optimize_for_inference``, not built directly.
    """

    def forward(self, x: torch.Tensor):
        # The model's lock (re-entrant, shared with hooked passes): one pass at a time on this model,
        # so concurrent sessions neither oversubscribe the cores nor run through each other's hooks.
        with model_lock(self):
            if x.dim() == 4:
                x = x.contiguous(memory_format=torch.channels_last)
            return super().forward(x)


@torch.no_grad()
def _fold_conv_bn(conv: nn.Conv2d, bn: nn.BatchNorm2d) -> None:
    """Merge eval-mode `bn` into `conv` in place (conv gains a bias if it had none)."""
    if bn.running_mean is None or bn.running_var is None:
        raise ValueError("cannot fold a BatchNorm without running statistics (track_running_stats=False)")
    scale = torch.rsqrt(bn.running_var.double() + bn.eps)
    if bn.weight is not None:
        scale = scale * bn.weight.double()
    shift = -bn.running_mean.double() * scale
    if bn.bias is not None:
        shift = shift + bn.bias.double()
    weight = conv.weight.double() * scale.view(-1, 1, 1, 1)
    bias = shift if conv.bias is None else conv.bias.double() * scale + shift
    conv.weight.copy_(weight.to(conv.weight.dtype))
    conv.bias = nn.Parameter(bias.to(conv.weight.dtype), requires_grad=conv.weight.requires_grad)


def fold_batchnorm(model: nn.Module) -> int:
    """Fold every ``conv`` + ``bn`` pair (GoogLeNet's ConvBlock, torchvision's BasicConv2d) in place.

    Each ``bn`` becomes ``nn.Identity()``, so the module names stay and forward code that calls
    ``self.bn(x)`` unconditionally still works. Returns how many BatchNorms were folded.
    """
    folded = 0
    for module in model.modules():
        conv, bn = getattr(module, "conv", None), getattr(module, "bn", None)
        if isinstance(conv, nn.Conv2d) and isinstance(bn, nn.BatchNorm2d):
            _fold_conv_bn(conv, bn)
            module.bn = nn.Identity()
            folded += 1
    return folded


def optimize_for_inference(model: nn.Module, *, channels_last: bool = True, inplace: bool = False) -> nn.Module:
    """An equivalent eval-mode copy of `model`, with BatchNorm folded and (by default) channels-last weights.

    For a ``GoogLeNet`` the copy is a ``FastGoogLeNet`` whose forward converts its input to
    channels-last itself. Other models (e.g. torchvision's GoogLeNet) get the same folding and weight
    layout; their callers convert inputs with ``x.contiguous(memory_format=torch.channels_last)``.
    `inplace=True` changes `model` itself instead of a copy (saves memory for a big model).
    """
    fast = model if inplace else copy.deepcopy(model)
    fast.eval()
    fold_batchnorm(fast)
    fast.eval()  # the new Identity modules too
    if channels_last:
        fast.to(memory_format=torch.channels_last)
        if type(fast) is GoogLeNet:
            fast.__class__ = FastGoogLeNet
    fast._optimized_for_inference = True
    return fast


def is_optimized(model: nn.Module) -> bool:
    """True for a model returned by ``optimize_for_inference``."""
    return bool(getattr(model, "_optimized_for_inference", False))
