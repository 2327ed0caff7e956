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

from .digits import TRAIN_THREADS
from .digits import data as digit_data
from .features import capture_blocks
from .network_anatomy import inception_blocks
from .runtime.hooks import model_lock
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
    side = digit.shape[-1]
    batch = torch.as_tensor(np.asarray(digit, np.float32)).reshape(1, 1, side, side)
    blocks = inception_blocks(model)
    with torch_threads(TRAIN_THREADS), model_lock(model):
        was_training = model.training
        model.eval()
        try:
            captured = capture_blocks(model, batch, blocks, stop_early=False)
        finally:
            model.train(was_training)
    return {name: {part: as_maps(x) for part, x in entry.items()} for name, entry in captured.items()}
