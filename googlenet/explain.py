"""Grad-CAM: which part of the picture made the network choose a class?

Grad-CAM (Selvaraju et al., ICCV 2017) looks at one layer's feature maps A_k (k = channel) and asks how
much the class score y_c would change if each map changed: the gradient dy_c / dA_k. Averaging that
gradient over the map gives one weight per channel, alpha_k; the heat map is

    ReLU( sum_k alpha_k * A_k )

— the feature maps that push the class up, added together, keeping only the positive evidence. At
inception5b the map is 7x7: one cell per 32x32 input pixels, stretched back over the picture.

The same code explains GoogLeNet and a network trained in the training lab: `layer` is any module of the
network, by default its last Inception block as read from the network itself (googlenet.network_anatomy).

The model may be shared (GoogLeNet between sessions, a lab network with the training page), so the pass holds
the model's lock with the model in eval mode, its mode restored afterwards (googlenet.network_pass.eval_pass),
and nothing here may touch its parameters: the layer's output
is captured by a forward hook that swaps it for a detached copy that requires grad (inside
googlenet.runtime.hooks.temporary_hooks), and ``torch.autograd.grad(score, activation)`` asks for that one
gradient only. No parameter's ``.grad`` is ever written.
The pictures (the heat map over the photo) are drawn by googlenet.viz.overlay(..., stretch=False).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from .network_anatomy import inception_blocks
from .network_pass import eval_pass
from .runtime.hooks import temporary_hooks

DEFAULT_LAYER = "inception5b"   # GoogLeNet's last Inception block


def last_block(model: nn.Module) -> str:
    """The network's last Inception block (GoogLeNet: inception5b), where Grad-CAM is most class-specific."""
    blocks = inception_blocks(model)
    if not blocks:
        raise ValueError("the network has no Inception block")
    return blocks[-1].name


@dataclass
class GradCam:
    """A Grad-CAM result for one image."""
    heatmap: np.ndarray      # (h, w) float32 in [0, 1] at the layer's resolution (all zeros if no positive evidence)
    raw_max: float           # the largest value before scaling to [0, 1]
    class_index: int
    layer: str
    logits: torch.Tensor     # (classes,) the model's logits for this image
    channel_weights: np.ndarray  # alpha_k, one per channel of the layer

    @property
    def probabilities(self) -> torch.Tensor:
        return self.logits.softmax(0)

    def ranking(self) -> np.ndarray:
        """All classes, most likely first (ties: the lower index first)."""
        return np.argsort(-self.logits.numpy(), kind="stable")

    def top_classes(self, k: int = 5) -> list[int]:
        """The k most likely classes, most likely first."""
        return [int(c) for c in self.ranking()[:k]]

    def ranks(self) -> np.ndarray:
        """Every class's place in the ranking: ranks()[c] is 1 when class c is the most likely one."""
        ranks = np.empty(self.logits.shape[0], dtype=np.int64)
        ranks[self.ranking()] = np.arange(1, self.logits.shape[0] + 1)
        return ranks


def grad_cam(model: nn.Module, batch: torch.Tensor, class_index: int | None = None,
             layer: str | None = DEFAULT_LAYER) -> GradCam:
    """Grad-CAM of `class_index` (default: the top class) at module `layer` (a dotted module name; None: the
    network's last Inception block) for one image.

    `model(batch)` must return logits (N, classes); `batch` holds exactly one image.
    """
    if batch.dim() != 4 or batch.shape[0] != 1:
        raise ValueError(f"grad_cam() takes a batch of one image, shape (1, C, H, W); got {tuple(batch.shape)}")
    if layer is None:
        layer = last_block(model)
    captured: dict[str, torch.Tensor] = {}

    def capture(_module, _inputs, output):
        # A fresh leaf: the gradient stops here, so nothing before the layer (and no parameter) is involved.
        activation = output.detach().requires_grad_(True)
        captured["a"] = activation
        return activation.clone()  # the net goes on with a copy, so a later in-place op cannot hit the leaf

    with eval_pass(model), temporary_hooks(model, {layer: capture}), torch.enable_grad():
        logits = model(batch.detach())
        if "a" not in captured:
            raise RuntimeError(f"module {layer!r} was not used in the forward pass")
        if class_index is None:
            class_index = int(logits[0].argmax())
        if not 0 <= class_index < logits.shape[1]:
            raise IndexError(f"class {class_index} is outside 0..{logits.shape[1] - 1}")
        activation = captured.pop("a")
        (gradient,) = torch.autograd.grad(logits[0, class_index], activation)

    with torch.no_grad():
        weights = gradient[0].mean(dim=(1, 2))                       # alpha_k: (C,)
        cam = torch.relu((weights.view(-1, 1, 1) * activation[0]).sum(0))  # (h, w)
        peak = float(cam.max())
        scaled = cam / peak if peak > 0 else torch.zeros_like(cam)
    return GradCam(scaled.numpy().astype(np.float32), peak, class_index, layer,
                   logits[0].detach().clone(), weights.numpy().astype(np.float32))
