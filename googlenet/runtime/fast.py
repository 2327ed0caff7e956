"""A faster GoogLeNet for inference: BatchNorm folded into the convolutions, channels-last memory.

``optimize_for_inference(model)`` returns a *copy* of an eval-mode model that computes the same logits
(to about 1e-5) in roughly half the time on a CPU, while keeping every module and its name, so forward
hooks on "conv1", "inception3a.branch2.1" or "inception4c" still fire and still see (N, C, H, W) tensors.

Three changes, all exact in eval mode (up to float rounding):

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

3. **Conv + bias + ReLU in one oneDNN call, weights prepacked.** Each ``ConvBlock`` becomes a
   ``FusedConvBlock`` that, for gradient-free passes, calls oneDNN's fused convolution with the ReLU as
   a post-op and weights reordered once into oneDNN's blocked layout (what ``torch.jit.freeze`` and
   ``torch.compile`` do internally; packed again if the weights change). The block, its ``conv`` and
   its (Identity) ``bn`` stay in the module tree. Whenever the fused call cannot stand in exactly —
   gradients wanted (Grad-CAM), a hook on the inner ``conv`` / ``bn`` modules or a global hook, an
   input that is not a channels-last CPU tensor of the weights' dtype — the block runs the ordinary
   conv and ReLU instead. Hooks on the block itself, on branches and on whole Inception blocks fire
   either way.

A bfloat16 copy (``dtype=torch.bfloat16``) does the same in bfloat16, for CPUs with native bf16
arithmetic: fewer bits per number, so less memory traffic and twice the multiply-adds per instruction,
at the price of ~3 significant digits. googlenet.runtime.precision checks that price before the app pays it.

The result is for inference only: calling ``.train()`` on it cannot bring BatchNorm back.
"""
from __future__ import annotations

import copy
import functools

import torch
from torch import nn
from torch.nn.modules import module as _module

from ..blocks import ConvBlock
from .hooks import model_lock, temporary_hooks
from ..model import INPUT_SIZE, GoogLeNet

__all__ = ["optimize_for_inference", "fold_batchnorm", "is_optimized", "FastGoogLeNet", "FusedConvBlock",
           "Float32AveragePool"]


class FastGoogLeNet(GoogLeNet):
    """GoogLeNet whose forward first puts the input into channels-last memory format (and its own dtype).

    Same modules, same names, same state_dict layout (plus conv biases) as the model it came from;
    ``isinstance(model, GoogLeNet)`` stays true. Made by ``optimize_for_inference``, not built directly.
    A bfloat16 copy (``optimize_for_inference(..., dtype=torch.bfloat16)``) takes float32 pictures,
    computes in bfloat16 and hands back float32 logits, so callers need not know which one they hold.
    """

    @property
    def compute_dtype(self) -> torch.dtype:
        """The dtype of the convolutions' weights and activations: float32, or bfloat16 for a bf16 copy."""
        return self.conv1.conv.weight.dtype

    def forward(self, x: torch.Tensor):
        # The model's lock (re-entrant, shared with hooked passes): one pass at a time on this model,
        # so concurrent sessions neither oversubscribe the cores nor run through each other's hooks.
        with model_lock(self):
            # With fused blocks the picture stays a plain NCHW float32 tensor through transform_input
            # (per-channel arithmetic is several times faster in that layout than in NHWC, ~4x in bfloat16):
            # the first block converts it, once, to its dtype and channels-last.
            if x.dim() == 4 and not isinstance(self.conv1, FusedConvBlock):
                x = x.to(dtype=self.compute_dtype, memory_format=torch.channels_last)
            out = super().forward(x)
            return out.float() if isinstance(out, torch.Tensor) else out


@functools.cache
def _fused_op():
    """oneDNN's fused convolution (a private PyTorch op; None where this build lacks it)."""
    try:
        if not torch.backends.mkldnn.is_available():
            return None
        return torch.ops.mkldnn._convolution_pointwise.default, torch.ops.mkldnn._reorder_convolution_weight.default
    except (AttributeError, RuntimeError):
        return None


def _has_hooks(module: nn.Module) -> bool:
    return bool(module._forward_hooks or module._forward_pre_hooks)


FUSED_DTYPES = (torch.float32, torch.bfloat16)  # the dtypes oneDNN's fused convolution takes on a CPU


class FusedConvBlock(ConvBlock):
    """A folded ConvBlock (bn is Identity) whose gradient-free passes run conv + bias + ReLU as one call.

    The weights are packed into oneDNN's blocked layout on first use, once per thread count: oneDNN's
    bfloat16 kernels block the weights differently for 1 and for 2 threads, and a packing made for the
    other count would be reordered again on every call (slower than no packing at all). A weight that
    changes (a new version, dtype or tensor) is packed again. Copies (``copy.deepcopy``) start unpacked:
    oneDNN's packed tensors cannot be copied.
    """

    _pack_size: list[int] | None = None   # the input size (N, C, H, W) the packing is made for
    _packs: dict | None = None            # {(threads, weight's identity and version): packed weight}

    def pack(self, input_size: list[int]) -> bool:
        """Get ready to run fused for inputs of `input_size` (N, C, H, W); False where it cannot."""
        self._pack_size, self._packs = list(input_size), {}
        if self.packed() is None:
            self._pack_size = None
        return self._pack_size is not None

    def packed(self) -> torch.Tensor | None:
        """The weights in oneDNN's layout for the current thread count (None: take the ordinary path)."""
        conv = self.conv
        weight, bias = conv.weight, conv.bias
        if self._pack_size is None or self._packs is None or bias is None:
            return None
        key = (torch.get_num_threads(), weight.dtype, id(weight), weight._version, id(bias), bias._version)
        packed = self._packs.get(key)
        if packed is None:
            op = _fused_op()
            if op is None or weight.dtype not in FUSED_DTYPES or weight.device.type != "cpu":
                return None
            with torch.no_grad():
                packed = op[1](weight.detach(), list(conv.padding), list(conv.stride), list(conv.dilation),
                               conv.groups, self._pack_size)
            # Packs of older weights are stale: keep only those of the current weights (other thread counts).
            self._packs = {k: v for k, v in self._packs.items() if k[1:] == key[1:]}
            self._packs[key] = packed
        return packed

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_packs"] = {} if self._packs is not None else None   # packed anew on first use
        return state

    def _can_fuse(self, x: torch.Tensor) -> bool:
        conv, bn = self.conv, self.bn
        return (self._pack_size is not None and not torch.is_grad_enabled() and not self.training
                and x.dtype == conv.weight.dtype and x.dtype in FUSED_DTYPES and x.device.type == "cpu"
                and x.dim() == 4
                and x.is_contiguous(memory_format=torch.channels_last)
                and not _has_hooks(conv) and not (bn is not None and _has_hooks(bn))
                and not (_module._global_forward_hooks or _module._global_forward_pre_hooks))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        conv = self.conv
        if x.dim() == 4:  # a no-op except for the picture entering the first block
            x = x.to(dtype=conv.weight.dtype, memory_format=torch.channels_last)
        if not self._can_fuse(x):
            return super().forward(x)
        # Packed weights suit inputs of the packed size only (oneDNN blocks them by input size too); any other
        # size (a batch of 8, a 160 x 192 picture) gets the plain channels-last weights, which oneDNN reorders
        # itself on each call: still one fused call, a little slower per layer.
        weight = self.packed() if list(x.shape) == self._pack_size else None
        return _fused_op()[0](x, conv.weight if weight is None else weight, conv.bias, conv.padding,
                              conv.stride, conv.dilation, conv.groups, "relu", [], None)


class Float32AveragePool(nn.AdaptiveAvgPool2d):
    """The global average pool of a bfloat16 network, averaging in float32 for a float32 classifier.

    bfloat16 carries ~3 significant digits: enough for the convolutions, whose rounding errors are
    random and mostly average out, but a logit rounded to bf16 (steps of 1/64 near 2-4) could swap two
    classes whose scores differ in the 3rd digit. So the last step, 1024 averages and one linear layer
    (0.1% of the multiply-adds), stays in float32.
    """

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x.float())


def _fuse_conv_blocks(model: nn.Module, sample: torch.Tensor) -> int:
    """Turn every folded ConvBlock into a FusedConvBlock packed for the input sizes `sample` produces."""
    if _fused_op() is None:
        return 0
    blocks = {name: m for name, m in model.named_modules()
              if type(m) in (ConvBlock, FusedConvBlock) and isinstance(m.bn, nn.Identity) and m.conv.bias is not None}
    sizes: dict[str, list[int]] = {}

    def recorder(name: str):
        def hook(_module, inputs, _output) -> None:  # returns None: the output is left as it is
            sizes.setdefault(name, list(inputs[0].shape))
        return hook

    with temporary_hooks(model, {name: recorder(name) for name in blocks}), torch.inference_mode():
        model(sample)
    fused = 0
    for name, m in blocks.items():
        if name in sizes:
            m.__class__ = FusedConvBlock
            fused += m.pack(sizes[name])
    # Check the fused network against the unfused one on the sample; keep it only if they agree.
    with torch.inference_mode():
        got = model(sample)
        with torch.enable_grad():  # grad mode: every block takes its ordinary path
            expected = model(sample).detach()
    # float32: the same sums in another order; bfloat16 rounds each layer's output to 8 significant bits.
    tolerance = 1e-4 if model.compute_dtype == torch.float32 else 5e-2
    if not torch.allclose(got, expected, atol=tolerance * max(1.0, expected.abs().max().item()), rtol=tolerance):
        for m in blocks.values():
            m._pack_size = None
        return 0
    return fused


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


def optimize_for_inference(model: nn.Module, *, channels_last: bool = True, fuse: bool = True,
                           inplace: bool = False, dtype: torch.dtype = torch.float32) -> nn.Module:
    """An equivalent eval-mode copy of `model`, with BatchNorm folded and (by default) channels-last weights.

    With `fuse` (and channels-last) each ConvBlock of a GoogLeNet also runs conv + bias + ReLU as one
    prepacked oneDNN call in gradient-free passes (see the module docstring).
    For a ``GoogLeNet`` the copy is a ``FastGoogLeNet`` whose forward converts its input to
    channels-last itself. Other models (e.g. torchvision's GoogLeNet) get the same folding and weight
    layout; their callers convert inputs with ``x.contiguous(memory_format=torch.channels_last)``.
    `inplace=True` changes `model` itself instead of a copy (saves memory for a big model).
    `dtype=torch.bfloat16` stores the weights, and computes, in bfloat16 (googlenet.runtime.precision
    decides whether that is good enough); BatchNorm is folded first, in float64, then rounded once.
    An already optimized model may be passed in again, e.g. to make a bfloat16 copy of it.
    """
    fast = model if inplace else copy.deepcopy(model)
    fast.eval()
    fold_batchnorm(fast)
    fast.eval()  # the new Identity modules too
    if dtype != torch.float32:
        fast.to(dtype)
        if isinstance(fast, GoogLeNet):  # the head stays float32 (see Float32AveragePool)
            fast.avgpool.__class__ = Float32AveragePool
            fast.fc.float()
    if channels_last:
        fast.to(memory_format=torch.channels_last)
        if type(fast) in (GoogLeNet, FastGoogLeNet):
            fast.__class__ = FastGoogLeNet
            if fuse:
                sample = torch.randn(1, 3, INPUT_SIZE, INPUT_SIZE, generator=torch.Generator().manual_seed(0))
                _fuse_conv_blocks(fast, sample)
    fast._optimized_for_inference = True
    return fast


def is_optimized(model: nn.Module) -> bool:
    """True for a model returned by ``optimize_for_inference``."""
    return bool(getattr(model, "_optimized_for_inference", False))
