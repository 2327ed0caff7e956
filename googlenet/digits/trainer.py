"""Training a digits network: the settings, the paper's loss, one run as a generator, and evaluation.

The loss is the paper's: main loss + 0.3 x each auxiliary loss. :meth:`Trainer.run` is a generator that
yields one :class:`StepReport` per step (loss, accuracy, gradient norm of every block), so a page can draw
while it trains and stop whenever it likes. Runs are deterministic for a given seed: weights, shuffling and
dropout all draw from one private ``torch.Generator`` (never the global one, which other sessions share).

One model, two threads. Streamlit may start a new script run (after a Stop click) while the old one is still
inside a training step, on the same model. So every step holds the model's lock from ``model.train()`` to
the optimiser step, :func:`predict_proba` holds it from ``model.eval()`` to the end of the forward pass,
and :meth:`Trainer.stop` makes the generator end before its next step: an evaluation never sees a model
flipped into train mode by someone else, and a stopped run stops changing.
"""
from __future__ import annotations

import math
import threading
import time
from dataclasses import asdict, dataclass, fields, replace
from typing import Iterator, NamedTuple

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

from ..runtime.hooks import model_lock
from ..runtime.serving import torch_threads
from .data import DATASET_NAMES, DEFAULT_DATASET, NUM_CLASSES, DigitsData, load_split
from .nets import MIN_DEPTH, PRESETS, RESIDUAL_PRESETS, SeededDropout, build_model, can_have_aux, max_depth

# One thread per run. These convolutions are tiny (8x8 maps); on a 2-core laptop two OpenMP threads gain
# little when the machine is idle and lose 10x or more as soon as anything else runs (threads spin-wait
# for each other) - and several students training at once on one server is the normal classroom case.
TRAIN_THREADS = 1
AUX_WEIGHT = 0.3                 # the paper: "their loss is added to the total loss with a discount weight (0.3)"


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a run. MODEL_FIELDS define the model (they go into checkpoints)."""
    preset: str = "googlenet_small"
    depth: int = 3               # Inception (or residual) blocks of the small nets; the seed nets always have two
    aux: bool = True             # auxiliary classifiers on intermediate blocks (Inception nets only)
    batch_norm: bool = True      # small GoogLeNet only; the seed nets and the residual nets have no BatchNorm
    dataset: str = DEFAULT_DATASET  # "digits" (8x8) or "mnist" (28x28): the network is built for its pictures
    shortcuts: bool = True       # residual nets only: y = relu(F(x) + x); off: the plain net y = relu(F(x))
    # 8 epochs at 3e-3 suit both data sets. On MNIST (benchmarks/mnist_run.py, busy 2-core CPU) the seed net ends
    # at 97.5-97.7% in 34-38 s, passing 97% after about 19 s; 6 epochs end at 97.1-97.9%, too close to call.
    epochs: int = 8
    lr: float = 3e-3
    batch_size: int = 64
    seed: int = 0
    max_steps: int = 0           # 0 = no limit; a positive number stops early (quick demos, tests)
    # The seed articles' bug (../shared/reference/CONCEPTS.md 6): a softmax applied to every head's logits before
    # CrossEntropyLoss, which applies (log-)softmax itself. Part of the training, not of the network: the
    # weights are the same kind either way.
    softmax_bug: bool = False

    MODEL_FIELDS = ("preset", "depth", "aux", "batch_norm", "dataset", "shortcuts")

    def __post_init__(self):
        if self.preset not in PRESETS:
            raise ValueError(f"preset must be one of {PRESETS}, not {self.preset!r}")
        if self.dataset not in DATASET_NAMES:
            raise ValueError(f"dataset must be one of {DATASET_NAMES}, not {self.dataset!r}")
        if not MIN_DEPTH <= self.depth <= max_depth(self.preset):
            raise ValueError(f"depth must be {MIN_DEPTH}..{max_depth(self.preset)}, not {self.depth}")
        if self.epochs < 1 or self.batch_size < 1 or self.max_steps < 0 or not self.lr > 0:
            raise ValueError("epochs and batch_size must be positive, max_steps >= 0, lr > 0")
        if self.aux and not can_have_aux(self.preset, self.depth):
            # No block to listen to: such a run has no aux heads, and says so (it never poses as "aux on").
            object.__setattr__(self, "aux", False)
        if self.preset in RESIDUAL_PRESETS:   # built without BatchNorm; the label never says "BN on"
            object.__setattr__(self, "batch_norm", False)
        else:                                 # no shortcuts to switch: an Inception net never poses as residual
            object.__setattr__(self, "shortcuts", False)

    def model_config(self) -> dict:
        return {name: getattr(self, name) for name in self.MODEL_FIELDS}

    def to_dict(self) -> dict:
        return asdict(self)

    def with_(self, **changes) -> "TrainConfig":
        return replace(self, **changes)

    def same_except_aux(self, other: "TrainConfig") -> bool:
        """Same experiment apart from the auxiliary heads (the seed may differ)."""
        return self.same_except(other, "aux", "seed")

    def same_except(self, other: "TrainConfig", *names: str) -> bool:
        """Every setting equal apart from `names`."""
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self) if f.name not in names)


# --------------------------------------------------------------------------------------------
# Loss and gradients
# --------------------------------------------------------------------------------------------

class LossParts(NamedTuple):
    total: torch.Tensor
    main: torch.Tensor
    aux: tuple[torch.Tensor, ...]


def head_loss(logits: torch.Tensor, targets: torch.Tensor, softmax_bug: bool = False) -> torch.Tensor:
    """Cross-entropy of one head: on its raw logits (right), or - the seed articles' bug - on the softmax of its
    logits, so that F.cross_entropy takes a second softmax of numbers that are already probabilities in 0..1."""
    return F.cross_entropy(torch.softmax(logits, dim=1) if softmax_bug else logits, targets)


def paper_loss(logits: torch.Tensor, aux_logits: tuple[torch.Tensor, ...] | list, targets: torch.Tensor,
               aux_weight: float = AUX_WEIGHT, softmax_bug: bool = False) -> LossParts:
    """total = main + 0.3 x (aux1 + aux2 + ...), each a cross-entropy on raw logits (with ``softmax_bug``: on
    their softmax, see :func:`head_loss`)."""
    main = head_loss(logits, targets, softmax_bug)
    aux = tuple(head_loss(a, targets, softmax_bug) for a in aux_logits)
    total = main + aux_weight * sum(aux) if aux else main
    return LossParts(total, main, aux)


def block_grad_norms(model: nn.Module) -> dict[str, float]:
    """The L2 norm of the gradient over all parameters of each trunk block, in forward order."""
    norms = {}
    for name, module in model.blocks():
        squares = [p.grad.detach().pow(2).sum() for p in module.parameters() if p.grad is not None]
        norms[name] = float(torch.stack(squares).sum().sqrt()) if squares else 0.0
    return norms


# --------------------------------------------------------------------------------------------
# The training loop
# --------------------------------------------------------------------------------------------

@dataclass
class StepReport:
    step: int                      # 1-based
    total_steps: int
    epoch: int                     # 1-based
    loss: float                    # total loss (main + 0.3 x aux)
    main_loss: float
    aux_losses: tuple[float, ...]
    accuracy: float                # on this step's training batch, 0..1
    grad_norms: dict[str, float]
    elapsed: float                 # seconds since the run started
    test_accuracy: float | None = None   # at the end of each epoch (and of the run)

    @property
    def fraction(self) -> float:
        return self.step / self.total_steps


class Trainer:
    """One run: ``for report in Trainer(config).run(): ...`` (stop iterating, or call :meth:`stop` from any
    thread, whenever you like). ``trainer.model`` is the model being trained; use it through
    :func:`predict_proba` / :func:`evaluate`, which are safe while a step is in progress."""

    def __init__(self, config: TrainConfig, data: DigitsData | None = None, threads: int = TRAIN_THREADS):
        self.config = config
        self.threads = threads
        self.data = data if data is not None else load_split(config.dataset)
        if self.data.name != config.dataset:
            raise ValueError(f"the settings say {config.dataset!r}, the data is {self.data.name!r}")
        self.generator = torch.Generator().manual_seed(config.seed)
        self.model = build_model(**config.model_config(), seed=config.seed)
        for m in self.model.modules():
            if isinstance(m, SeededDropout):
                m.generator = self.generator
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config.lr)
        self.steps_per_epoch = math.ceil(len(self.data.y_train) / config.batch_size)
        steps = config.epochs * self.steps_per_epoch
        self.total_steps = min(steps, config.max_steps) if config.max_steps else steps
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the run to end: no step starts after this call (one in progress finishes first)."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def learning_rate(self, step: int) -> float:
        """Cosine decay from lr to 0 over the run (step is 0-based)."""
        return self.config.lr * 0.5 * (1 + math.cos(math.pi * step / self.total_steps))

    def run(self) -> Iterator[StepReport]:
        with torch_threads(self.threads):
            yield from self._run()

    def _batches(self) -> Iterator[tuple[int, int, bool, torch.Tensor]]:
        """(0-based step, 1-based epoch, last batch of its epoch?, the batch's indices), reshuffled every epoch."""
        n = len(self.data.y_train)
        step = 0
        for epoch in range(1, self.config.epochs + 1):
            order = torch.randperm(n, generator=self.generator)
            for first in range(0, n, self.config.batch_size):
                if step == self.total_steps:
                    return
                yield step, epoch, first + self.config.batch_size >= n, order[first:first + self.config.batch_size]
                step += 1

    def _run(self) -> Iterator[StepReport]:
        start = time.perf_counter()
        for step, epoch, end_of_epoch, idx in self._batches():
            with model_lock(self.model):
                if self.stopped:
                    return
                report = self._step(step, epoch, idx, start)
                if end_of_epoch or report.step == self.total_steps:  # (run() has set the threads already)
                    report.test_accuracy = _evaluation(self.model, self.data.x_test, self.data.y_test).accuracy
                    report.elapsed = time.perf_counter() - start
                if report.step == self.total_steps:
                    self.model.eval()
            yield report

    def _step(self, step: int, epoch: int, idx: torch.Tensor, start: float) -> StepReport:
        """One optimiser step on the batch `idx` (the caller holds the model's lock)."""
        model, x, y = self.model, self.data.x_train[idx], self.data.y_train[idx]
        for group in self.optimizer.param_groups:
            group["lr"] = self.learning_rate(step)
        model.train()
        out = model(x)
        parts = paper_loss(out.logits, out.aux, y, softmax_bug=self.config.softmax_bug)
        self.optimizer.zero_grad(set_to_none=True)
        parts.total.backward()
        norms = block_grad_norms(model)
        self.optimizer.step()
        return StepReport(step=step + 1, total_steps=self.total_steps, epoch=epoch,
                          loss=float(parts.total.detach()), main_loss=float(parts.main.detach()),
                          aux_losses=tuple(float(a.detach()) for a in parts.aux),
                          accuracy=float((out.logits.argmax(1) == y).float().mean()),
                          grad_norms=norms, elapsed=time.perf_counter() - start)


# --------------------------------------------------------------------------------------------
# Using a trained model
# --------------------------------------------------------------------------------------------

class Evaluation(NamedTuple):
    accuracy: float
    predictions: np.ndarray
    confusion: np.ndarray          # rows: true digit, columns: predicted digit


def _as_batch(digits) -> torch.Tensor:
    """One square picture (S, S), or N of them (N, S, S) or (N, 1, S, S) -> a batch (N, 1, S, S)."""
    x = torch.as_tensor(np.asarray(digits, dtype=np.float32))
    side = x.shape[-1]
    return x.reshape(-1, 1, side, side)


def predict_proba(model: nn.Module, digits) -> np.ndarray:
    """Digits (N, S, S) or (N, 1, S, S) or one (S, S), in the model's data set's size and scale (8x8 in 0..16,
    28x28 in 0..255) -> class probabilities (N, 10).

    Holds the model's lock from switching it to eval mode until the forward pass is done (a training step
    on another thread waits), and leaves the mode as it found it. Runs on TRAIN_THREADS threads, like
    training: on a busy 2-core machine two threads made the test set's evaluation 3-5x slower."""
    with torch_threads(TRAIN_THREADS):
        return _probabilities(model, digits)


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> Evaluation:
    """Accuracy, predictions and confusion matrix on (x, y), on TRAIN_THREADS threads (see predict_proba)."""
    with torch_threads(TRAIN_THREADS):
        return _evaluation(model, x, y)


@torch.no_grad()
def _probabilities(model: nn.Module, digits) -> np.ndarray:
    batch = _as_batch(digits)
    with model_lock(model):
        was_training = model.training
        model.eval()
        try:
            logits = model(batch)
        finally:
            model.train(was_training)
    return torch.softmax(logits, dim=1).numpy()


def _evaluation(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> Evaluation:
    """evaluate() for a caller that has set the threads already (torch_threads does not nest: it restores
    the process setting, not the caller's)."""
    predictions = _probabilities(model, x).argmax(1)
    truth = np.asarray(y)
    confusion = np.zeros((NUM_CLASSES, NUM_CLASSES), np.int64)
    np.add.at(confusion, (truth, predictions), 1)
    return Evaluation(float((predictions == truth).mean()), predictions, confusion)
