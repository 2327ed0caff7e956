"""A network trained in the training lab, seen by the explainer pages: the input it expects and its maps.

The explainers show GoogLeNet on 224x224 photos. A lab network was trained on digits, so a picture is first
prepared the way that run's training digits were (googlenet.digits.data: 8x8 in 0..16, or 28x28 MNIST in
0..255), then passed through the network once while hooks record every Inception block it has - the blocks
and their branches read from the network itself (googlenet.network_anatomy), captured by the same code as
GoogLeNet's (googlenet.features.capture_blocks).
"""
from __future__ import annotations

import numpy as np
import torch
from PIL import Image
from torch import nn

from .ablation import Ablation, Switches, blind_logits, branch_scan, compare, plain_logits
from .digits import TRAIN_THREADS
from .digits import data as digit_data
from .explain import GradCam, grad_cam
from .features import capture_blocks
from .network_anatomy import inception_blocks
from .network_pass import eval_pass
from .runtime.serving import torch_threads
from .viz import as_maps

DEFAULT_DATASET = "digits"   # a run whose settings name no data set was trained on the 8x8 digits


def dataset_of(config) -> str:
    """The data set a run was trained on ("digits" or "mnist")."""
    return getattr(config, "dataset", None) or DEFAULT_DATASET


def max_value(config) -> float:
    """The top of the run's pixel scale: 16 for the 8x8 digits, 255 for MNIST."""
    specs = getattr(digit_data, "DATASETS", None)
    return specs[dataset_of(config)].max_value if specs else digit_data.MAX_VALUE


def prepare_input(config, image: Image.Image) -> np.ndarray:
    """Any picture -> one digit (S, S) float32, prepared like the run's training data."""
    prepare = getattr(digit_data, "prepare_image", None)
    if prepare is not None:
        return np.asarray(prepare(dataset_of(config), image), dtype=np.float32)
    return digit_data.digit_from_image(image)


def digit_picture(digit: np.ndarray, top: float, size: int) -> np.ndarray:
    """A digit as a sharp RGB picture `size` x `size` (white ink on black): what the maps are laid over."""
    grey = np.uint8(np.clip(np.round(np.asarray(digit, np.float32) / top * 255), 0, 255))
    return np.asarray(Image.fromarray(grey, mode="L").resize((size, size), Image.Resampling.NEAREST).convert("RGB"))


def lab_maps(model: nn.Module, digit: np.ndarray) -> dict[str, dict[str, np.ndarray]]:
    """One forward pass of one digit: {block: {"branch1", ..., "output"} -> maps (C, H, W)} for every
    Inception block of the network.

    Holds the model's lock from switching it to eval mode (BatchNorm uses its running statistics, dropout is
    off) to the end of the pass, and leaves the mode as it found it, like googlenet.digits.predict_proba."""
    blocks = inception_blocks(model)
    with torch_threads(TRAIN_THREADS), eval_pass(model):
        captured = capture_blocks(model, digit_batch(digit), blocks, stop_early=False)
    return {name: {part: as_maps(x) for part, x in entry.items()} for name, entry in captured.items()}


def digit_batch(digit: np.ndarray) -> torch.Tensor:
    """One digit (S, S), in its data set's scale -> the batch (1, 1, S, S) the lab networks take."""
    side = np.shape(digit)[-1]
    return torch.as_tensor(np.asarray(digit, np.float32)).reshape(1, 1, side, side)


# The explainers' own code (googlenet.ablation, googlenet.explain) on one digit, on the training threads. Every
# pass there holds the model's lock in eval mode and restores its mode (googlenet.network_pass.eval_pass).

def lab_logits(model: nn.Module, digit: np.ndarray) -> torch.Tensor:
    """The intact network's logits (1, classes) for one digit."""
    with torch_threads(TRAIN_THREADS):
        return plain_logits(model, digit_batch(digit))


def lab_ablation(model: nn.Module, digit: np.ndarray, off: Switches,
                 intact_logits: torch.Tensor | None = None) -> Ablation:
    """The digit's probabilities from the intact network and with the branches `off` switched off."""
    with torch_threads(TRAIN_THREADS):
        return compare(model, digit_batch(digit), off, intact_logits=intact_logits)


def lab_blind_logits(model: nn.Module, digits, off: Switches) -> list[torch.Tensor]:
    """The ablated network's logits (classes,) for each digit, each in its own pass (googlenet.ablation.blind_logits)."""
    with torch_threads(TRAIN_THREADS):
        return blind_logits(model, [digit_batch(d) for d in digits], off)


def lab_branch_scan(model: nn.Module, digit: np.ndarray, block: str,
                    intact_logits: torch.Tensor | None = None) -> dict[str, float]:
    """Each branch of `block` (or of every block) switched off alone: the change of the top digit's probability."""
    with torch_threads(TRAIN_THREADS):
        return branch_scan(model, digit_batch(digit), block, intact_logits)


def lab_grad_cam(model: nn.Module, digit: np.ndarray, layer: str | None = None,
                 class_index: int | None = None) -> GradCam:
    """Grad-CAM for one digit at `layer` (default: the network's last Inception block)."""
    with torch_threads(TRAIN_THREADS):
        return grad_cam(model, digit_batch(digit), class_index, layer)
