"""Feature visualisation by optimisation: the picture that makes one channel as active as possible.

Start from faint random noise (described in Fourier space, googlenet.featurevis.parameterisation), and repeat:
show the network a randomly moved, scaled and turned view of the picture (googlenet.featurevis.robustness), read
the target channel's mean activation, and change the picture a little in the direction that raises it (Adam,
learning rate 0.05, Lucid's default in ``render_vis``). Olah et al., "Feature Visualization", Distill 2017.

*Diversity*: several pictures of the same channel at once, with a penalty for looking alike: the cosine
similarity between their Gram matrices (channel x channel correlations of the target layer), summed over every
pair and divided by the number of pictures (Lucid's ``objectives.diversity``; Distill 2017, "Diversity").

Runs on one thread (``torch_threads(1)``): on a 2-core machine a pass with two threads that shares the cores with
the server waits at every layer for a thread the system has paused (the issue measured 14x slower), and the other
core stays free for the other sessions.
"""
from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Callable

import numpy as np
import torch
from torch import nn

from ..runtime.serving import torch_threads
from .parameterisation import FourierImage
from .robustness import Robustness, robust_view
from .truncated import Target, TruncatedNet, part_width, truncated_copy

LEARNING_RATE = 0.05       # Lucid's render_vis: tf.train.AdamOptimizer(0.05)
DIVERSITY_WEIGHT = 100.0   # Lucid's tutorial objective: channel - 1e2 * diversity(layer)
THREADS = 1                # see the module's note
VERSION = 1                # changes whenever the recipe changes, so old cached pictures are not served

Progress = Callable[[int, int, float], None]   # (steps done, steps in all, current objective)


@dataclass(frozen=True)
class Settings:
    """Everything that decides the picture (and so the cache key), besides the weights and the channel."""
    steps: int = 256
    size: int = 128
    images: int = 1              # > 1: "diversity", that many pictures with a penalty for looking alike
    seed: int = 0
    learning_rate: float = LEARNING_RATE
    diversity_weight: float = DIVERSITY_WEIGHT
    robust: bool = True          # transformation robustness on (off only for comparisons and exact tests)
    decorrelate: bool = True     # Fourier + colour decorrelation on (off: naive pixels, for comparison)

    def __post_init__(self):
        if self.steps < 1 or self.size < 16 or self.images < 1:
            raise ValueError(f"need steps >= 1, size >= 16 and images >= 1, not {self}")

    def as_dict(self) -> dict:
        return {**asdict(self), "version": VERSION}


@dataclass
class Visualisation:
    """The result: pictures (images, size, size, 3) uint8, the objective (per picture) at the end, how long."""
    target: Target
    settings: Settings
    pictures: np.ndarray
    objective: list[float]
    seconds: float
    steps_done: int
    stopped: bool = False        # True: stopped early by the user (never cached)
    from_cache: bool = False
    history: list[float] = field(default_factory=list)   # mean objective every step

    @property
    def complete(self) -> bool:
        return not self.stopped and self.steps_done == self.settings.steps


def diversity_penalty(activations: torch.Tensor) -> torch.Tensor:
    """Lucid's diversity term for a batch (N, C, h, w): each picture's Gram matrix (C x C) normalised to length 1,
    then the sum of dot products over all ordered pairs of different pictures, divided by N. 0 for one picture."""
    n = activations.shape[0]
    if n < 2:
        return activations.new_zeros(())
    flat = activations.reshape(n, activations.shape[1], -1)
    grams = flat @ flat.transpose(1, 2)
    grams = grams / grams.flatten(1).norm(dim=1).clamp(min=1e-10).view(n, 1, 1)
    similarity = torch.einsum("icd,jcd->ij", grams, grams)
    return (similarity.sum() - similarity.diagonal().sum()) / n


def to_uint8(pictures: torch.Tensor) -> np.ndarray:
    """(N, 3, H, W) in [0, 1] -> (N, H, W, 3) uint8."""
    return (pictures.detach().clamp(0, 1) * 255).round().byte().permute(0, 2, 3, 1).numpy()


def optimise(net: TruncatedNet, channel: int, settings: Settings, *, progress: Progress | None = None,
             stop: threading.Event | None = None) -> tuple[torch.Tensor, list[float], list[float], int]:
    """Gradient ascent on the pictures for `net`'s output channel `channel`.
    Returns (pictures (N, 3, H, W) in [0, 1], final objective per picture, mean objective per step, steps done)."""
    generator = torch.Generator().manual_seed(settings.seed)
    image = FourierImage(settings.size, batch=settings.images, generator=generator,
                         decorrelate=settings.decorrelate, fourier=settings.decorrelate)
    optimiser = torch.optim.Adam(image.parameters(), lr=settings.learning_rate)
    amounts = Robustness().for_size(settings.size) if settings.robust else Robustness(0, 0, 0, (1.0,), (0,))
    history: list[float] = []
    done = 0
    for step in range(settings.steps):
        if stop is not None and stop.is_set():
            break
        activations = net(robust_view(image(), amounts, generator))
        per_picture = activations[:, channel].mean(dim=(1, 2))
        loss = -per_picture.sum()
        if settings.images > 1 and settings.diversity_weight:
            loss = loss + settings.diversity_weight * diversity_penalty(torch.relu(activations))
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        done = step + 1
        history.append(float(per_picture.detach().mean()))
        if progress is not None:
            progress(done, settings.steps, history[-1])
    with torch.no_grad():
        final = image()
        objective = net(final)[:, channel].mean(dim=(1, 2)).tolist()
    return final, objective, history, done


def visualise(model: nn.Module, target: Target, settings: Settings = Settings(), *,
              progress: Progress | None = None, stop: threading.Event | None = None) -> Visualisation:
    """The picture(s) that excite `target` most, optimised on a private truncated copy of `model` (the shared
    model's lock is held only while copying), on THREADS threads."""
    width = part_width(model, target)
    if target.channel >= width:
        raise ValueError(f"{target.block} {target.part} has {width} channels; there is no channel {target.channel}")
    start = time.perf_counter()
    net = truncated_copy(model, target)
    with torch_threads(THREADS):
        pictures, objective, history, done = optimise(net, target.channel, settings, progress=progress, stop=stop)
    return Visualisation(target, settings, to_uint8(pictures), objective, time.perf_counter() - start, done,
                         stopped=done < settings.steps, history=history)
