"""Classify one picture: the top-k ImageNet classes, how long the network took, and what it saw.

The app shares one model between all sessions. The forward pass goes through
``googlenet.runtime.serving.infer``: requests that arrive together from different sessions share one batched
pass, which runs under the model's lock (``googlenet.runtime.hooks.model_lock``), so no other session's hooked
pass (feature maps, ablation) is in flight meanwhile. On a CPU the passes compete for the same cores
anyway, so batching them halves the wall time for a class clicking at once.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

import torch
from PIL import Image
from torch import nn

from .serving import infer
from ..images import preprocessed_crop, to_batch
from ..weights import labels, weights_path


def image_fingerprint(image: Image.Image) -> str:
    """A hash of the picture's pixels: caches keyed on it hit for the same picture, whatever widget sent it."""
    digest = hashlib.blake2b(image.tobytes(), digest_size=16)
    digest.update(f"{image.mode}{image.size}".encode())
    return digest.hexdigest()


def model_fingerprint(model: nn.Module, pretrained: bool = True) -> str:
    """Which network a cached result belongs to: the weights file (path, modification time) and the object."""
    path = weights_path() if pretrained else None
    stamp = f"{path}:{path.stat().st_mtime}" if path is not None else "untrained"
    return f"{stamp}:{id(model)}"


@dataclass
class Prediction:
    top: list[tuple[int, str, float]]   # (class index, English name, probability), most likely first
    ms: float                           # the forward pass alone, in milliseconds
    crop: Image.Image                   # the 224x224 picture the network actually saw
    preprocess_ms: float = 0.0          # resize + crop + normalise, in milliseconds
    rest: float = field(default=0.0)    # probability left for the other (1000 - k) classes
    precision: str = "float32"          # the number format the forward pass ran in (or "bfloat16")

    @property
    def indices(self) -> list[int]:
        return [i for i, _, _ in self.top]

    @property
    def probabilities(self) -> list[float]:
        return [p for _, _, p in self.top]


def top_k(logits: torch.Tensor, k: int = 5) -> list[tuple[int, str, float]]:
    """Softmax over one row of logits, then the k most likely classes as (index, name, probability)."""
    probs = torch.softmax(logits.detach().float().reshape(-1), dim=0)
    values, indices = probs.topk(max(1, min(k, probs.numel())))
    names = labels()
    return [(int(i), names[int(i)] if int(i) < len(names) else str(int(i)), float(p))
            for p, i in zip(values, indices)]


def classify(model: nn.Module, image: Image.Image, k: int = 5) -> Prediction:
    """Run one RGB picture through `model` (eval mode, ImageNet logits) and return the top-k classes."""
    start = time.perf_counter()
    batch = to_batch(image)
    crop = preprocessed_crop(image)
    preprocess_ms = (time.perf_counter() - start) * 1000
    # Shared with whatever other sessions ask at the same moment: one guarded pass for all of them.
    result = infer(model, batch)
    top = top_k(result.logits[0], k)
    ms = result.ms
    return Prediction(top=top, ms=ms, crop=crop, preprocess_ms=preprocess_ms,
                      rest=max(0.0, 1.0 - sum(p for _, _, p in top)), precision=precision_of(model))


def precision_of(model: nn.Module) -> str:
    """The number format `model` computes in: "float32", or "bfloat16" for a bf16 copy (googlenet.runtime.precision)."""
    dtype = getattr(model, "compute_dtype", None) or next(model.parameters()).dtype
    return str(dtype).removeprefix("torch.")
