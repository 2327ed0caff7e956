"""The training lab: train a small Inception network on 8x8 handwritten digits, with or without
auxiliary classifiers, and watch where the gradients go.

Two presets:
* ``"googlenet_small"`` – GoogLeNet in miniature: a conv stem, ``depth`` Inception blocks built from the
  very same :class:`googlenet.blocks.Inception` class as the full network, global average pooling and one
  linear layer. Optional auxiliary heads listen to intermediate blocks, like aux1/aux2 after 4a and 4d.
* ``"seed_mnist"`` – the seed articles' MNIST network (CONCEPTS.md 6b): conv 5x5 -> Inception-A ->
  conv 5x5 -> Inception-A -> linear 1,408 -> 10. The 8x8 digits are upsampled to 28x28 so the published
  sizes hold (88 x 4 x 4 = 1,408 features into the linear layer).

The loss is the paper's: main loss + 0.3 x each auxiliary loss. Training is a generator that yields one
:class:`StepReport` per step (loss, accuracy, gradient norm of every block), so a page can draw while it
trains and stop whenever it likes. Runs are deterministic for a given seed: weights, shuffling and dropout
all draw from one private ``torch.Generator`` (never the global one, which other users' sessions share).
"""
from __future__ import annotations

import io
import math
import pickle
import time
import warnings
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Iterator, NamedTuple

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

from .blocks import ConvBlock, Inception
from .digits import IMAGE_SIZE, MAX_VALUE, NUM_CLASSES, DigitsData, load_digits_split

PRESETS = ("googlenet_small", "seed_mnist")
# One thread per run. These convolutions are tiny (8x8 maps); on a 2-core laptop two OpenMP threads gain
# little when the machine is idle and lose 10x or more as soon as anything else runs (threads spin-wait
# for each other) - and several students training at once on one server is the normal classroom case.
TRAIN_THREADS = 1
_DEFAULT_THREADS = torch.get_num_threads()
AUX_WEIGHT = 0.3                 # the paper: "their loss is added to the total loss with a discount weight (0.3)"
MIN_DEPTH, MAX_DEPTH = 1, 10     # Inception blocks in the small net
CHECKPOINT_FORMAT = "googlenet-explorer/digits-v1"
MAX_CHECKPOINT_BYTES = 20 * 1024 * 1024

# Pixel statistics of the training digits (values / 16): the network's first step normalises with them.
DIGITS_MEAN, DIGITS_STD = 0.305, 0.376

# The small net's channel numbers, in the column order of the paper's Table 1:
# #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj  ->  16 + 24 + 12 + 12 = 64 channels out.
STEM_CHANNELS = 32
SMALL_INCEPTION = (16, 16, 24, 8, 12, 12)
SMALL_OUT = SMALL_INCEPTION[0] + SMALL_INCEPTION[2] + SMALL_INCEPTION[4] + SMALL_INCEPTION[5]


# --------------------------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a run. The first four fields define the model (they go into checkpoints)."""
    preset: str = "googlenet_small"
    depth: int = 3               # Inception blocks (small net only; the seed net always has two)
    aux: bool = True             # auxiliary classifiers on intermediate blocks
    batch_norm: bool = True      # small net only; the seed net is published without BatchNorm
    epochs: int = 8
    lr: float = 3e-3
    batch_size: int = 64
    seed: int = 0
    max_steps: int = 0           # 0 = no limit; a positive number stops early (quick demos, tests)

    MODEL_FIELDS = ("preset", "depth", "aux", "batch_norm")

    def __post_init__(self):
        if self.preset not in PRESETS:
            raise ValueError(f"preset must be one of {PRESETS}, not {self.preset!r}")
        if not MIN_DEPTH <= self.depth <= MAX_DEPTH:
            raise ValueError(f"depth must be {MIN_DEPTH}..{MAX_DEPTH}, not {self.depth}")
        if self.epochs < 1 or self.batch_size < 1 or self.max_steps < 0 or not self.lr > 0:
            raise ValueError("epochs and batch_size must be positive, max_steps >= 0, lr > 0")

    def model_config(self) -> dict:
        return {name: getattr(self, name) for name in self.MODEL_FIELDS}

    def to_dict(self) -> dict:
        return asdict(self)

    def with_(self, **changes) -> "TrainConfig":
        return replace(self, **changes)

    def same_except_aux(self, other: "TrainConfig") -> bool:
        """Same experiment apart from the auxiliary heads (the seed may differ)."""
        ignore = {"aux", "seed"}
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self) if f.name not in ignore)


# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------

class SeededDropout(nn.Module):
    """Dropout that draws from its own generator (set by the trainer), so a run repeats exactly."""

    def __init__(self, p: float):
        super().__init__()
        self.p = p
        self.generator: torch.Generator | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0:
            return x
        keep = torch.rand(x.shape, generator=self.generator, device=x.device) >= self.p
        return x * keep / (1.0 - self.p)

    def extra_repr(self) -> str:
        return f"p={self.p}"


class SmallAuxClassifier(nn.Module):
    """The paper's auxiliary classifier shrunk for 8x8 maps (same idea as ``blocks.AuxClassifier``):
    average pool to 2x2 -> 1x1 conv (32) + ReLU -> FC 128 -> 64 + ReLU -> dropout 70% -> FC 64 -> 10.
    Returns raw logits (CrossEntropyLoss applies the softmax; a softmax here would be a bug, CONCEPTS.md 6)."""

    def __init__(self, in_channels: int, num_classes: int = NUM_CLASSES, batch_norm: bool = True,
                 pool: int = 2, dropout: float = 0.7):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d((pool, pool))
        self.conv = ConvBlock(in_channels, 32, batch_norm=batch_norm, kernel_size=1)
        self.fc1 = nn.Linear(32 * pool * pool, 64)
        self.dropout = SeededDropout(dropout)
        self.fc2 = nn.Linear(64, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv(self.pool(x))
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc2(self.dropout(x))


class TrainOutput(NamedTuple):
    """What a model returns in train mode: main logits and one logits tensor per auxiliary head."""
    logits: torch.Tensor
    aux: tuple[torch.Tensor, ...]


def _normalise(x: torch.Tensor) -> torch.Tensor:
    """0..16 pixel counts -> roughly zero mean, unit variance, stored channels-last.

    Channels-last ("NHWC") is only a memory layout, the numbers are the same. On a CPU it makes these small
    convolutions and, above all, the 3x3 max pool of every Inception block several times faster."""
    return ((x / MAX_VALUE - DIGITS_MEAN) / DIGITS_STD).contiguous(memory_format=torch.channels_last)


def aux_taps(depth: int) -> tuple[int, ...]:
    """Which blocks (1-based) get an auxiliary head: a third and two thirds of the way, like 4a and 4d,
    which are the 3rd and 6th of GoogLeNet's nine blocks. Only blocks before the last one qualify."""
    taps = sorted({max(1, round(depth * k / 3)) for k in (1, 2)} - {depth})
    return tuple(t for t in taps if t < depth)


class DigitsGoogLeNet(nn.Module):
    """GoogLeNet in miniature for 1x8x8 digits: stem conv 3x3 (32) -> `depth` Inception blocks (64 channels
    each, all at 8x8) -> global average pooling -> dropout 20% -> linear 64 -> 10, plus optional aux heads."""

    def __init__(self, depth: int = 3, aux: bool = True, batch_norm: bool = True, num_classes: int = NUM_CLASSES):
        super().__init__()
        self.depth = depth
        self.stem = ConvBlock(1, STEM_CHANNELS, batch_norm=batch_norm, kernel_size=3, padding=1)
        in_ch = STEM_CHANNELS
        for i in range(1, depth + 1):
            setattr(self, f"inception{i}", Inception(in_ch, *SMALL_INCEPTION, batch_norm=batch_norm))
            in_ch = SMALL_OUT
        self.taps = aux_taps(depth) if aux else ()
        self.aux_heads = nn.ModuleDict({f"aux{n}": SmallAuxClassifier(SMALL_OUT, num_classes, batch_norm)
                                        for n, _ in enumerate(self.taps, start=1)})
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = SeededDropout(0.2)
        self.fc = nn.Linear(SMALL_OUT, num_classes)

    def blocks(self) -> list[tuple[str, nn.Module]]:
        """The trunk in forward order, for gradient norms: stem, inception1..N, fc."""
        return ([("stem", self.stem)] + [(f"inception{i}", getattr(self, f"inception{i}"))
                                         for i in range(1, self.depth + 1)] + [("fc", self.fc)])

    def forward(self, x: torch.Tensor):
        x = self.stem(_normalise(x))
        aux_out = []
        for i in range(1, self.depth + 1):
            x = getattr(self, f"inception{i}")(x)
            if self.training and i in self.taps:
                aux_out.append(self.aux_heads[f"aux{self.taps.index(i) + 1}"](x))
        logits = self.fc(self.dropout(torch.flatten(self.avgpool(x), 1)))
        return TrainOutput(logits, tuple(aux_out)) if self.training else logits


class InceptionA(nn.Module):
    """The seed articles' Inception-A block (CONCEPTS.md 6b), four branches -> 16 + 24 + 24 + 24 = 88 channels:
    1x1 (16) | 1x1 (16) -> 5x5 (24) | 1x1 (16) -> 3x3 (24) -> 3x3 (24) | 3x3 average pool -> 1x1 (24).
    As published: plain convs with bias, no BatchNorm and no ReLU inside the block. One fix: the article's
    3x3 branch starts from ``branch5x5_1`` by mistake; here it has its own 1x1 conv, as intended."""

    out_channels = 88

    def __init__(self, in_channels: int):
        super().__init__()
        self.branch1x1 = nn.Conv2d(in_channels, 16, kernel_size=1)
        self.branch5x5_1 = nn.Conv2d(in_channels, 16, kernel_size=1)
        self.branch5x5_2 = nn.Conv2d(16, 24, kernel_size=5, padding=2)
        self.branch3x3_1 = nn.Conv2d(in_channels, 16, kernel_size=1)
        self.branch3x3_2 = nn.Conv2d(16, 24, kernel_size=3, padding=1)
        self.branch3x3_3 = nn.Conv2d(24, 24, kernel_size=3, padding=1)
        self.branch_pool = nn.Conv2d(in_channels, 24, kernel_size=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b1 = self.branch1x1(x)
        b5 = self.branch5x5_2(self.branch5x5_1(x))
        b3 = self.branch3x3_3(self.branch3x3_2(self.branch3x3_1(x)))
        bp = self.branch_pool(F.avg_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([b1, b5, b3, bp], dim=1)


class SeedMNISTNet(nn.Module):
    """The seed articles' MNIST network on upsampled digits:
    8x8 -> upsample 28x28 -> conv 1->10 5x5 (24x24) -> max pool 2 (12x12) -> ReLU -> Inception-A (88 ch)
    -> conv 88->20 5x5 (8x8) -> max pool 2 (4x4) -> ReLU -> Inception-A (88 ch) -> flatten 88x4x4 = 1,408 -> linear 10.
    With ``aux=True`` one auxiliary head listens after the first Inception-A block (not in the article)."""

    def __init__(self, aux: bool = False, num_classes: int = NUM_CLASSES):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.incep1 = InceptionA(10)
        self.conv2 = nn.Conv2d(88, 20, kernel_size=5)
        self.incep2 = InceptionA(20)
        self.fc = nn.Linear(88 * 4 * 4, num_classes)
        self.aux_heads = nn.ModuleDict({"aux1": SmallAuxClassifier(88, num_classes, batch_norm=False)} if aux else {})

    def blocks(self) -> list[tuple[str, nn.Module]]:
        return [(name, getattr(self, name)) for name in ("conv1", "incep1", "conv2", "incep2", "fc")]

    def forward(self, x: torch.Tensor):
        x = F.interpolate(_normalise(x), size=(28, 28), mode="bilinear", align_corners=False)
        x = x.contiguous(memory_format=torch.channels_last)
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = self.incep1(x)
        aux_out = (self.aux_heads["aux1"](x),) if self.training and "aux1" in self.aux_heads else ()
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        x = self.incep2(x)
        logits = self.fc(torch.flatten(x, 1))
        return TrainOutput(logits, aux_out) if self.training else logits


def init_parameters(model: nn.Module, generator: torch.Generator) -> None:
    """PyTorch's default initialisation, drawn from `generator` instead of the shared global one."""
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_uniform_(m.weight, a=math.sqrt(5), generator=generator)
            if m.bias is not None:
                fan_in = m.weight[0].numel()
                bound = 1 / math.sqrt(fan_in)
                nn.init.uniform_(m.bias, -bound, bound, generator=generator)
        elif isinstance(m, nn.BatchNorm2d):
            m.reset_parameters()
            m.reset_running_stats()


def build_model(preset: str = "googlenet_small", depth: int = 3, aux: bool = True, batch_norm: bool = True,
                seed: int = 0) -> nn.Module:
    """A fresh model for the given settings, initialised from `seed`."""
    if preset == "seed_mnist":
        model = SeedMNISTNet(aux=aux)
    elif preset == "googlenet_small":
        model = DigitsGoogLeNet(depth=depth, aux=aux, batch_norm=batch_norm)
    else:
        raise ValueError(f"preset must be one of {PRESETS}, not {preset!r}")
    init_parameters(model, torch.Generator().manual_seed(seed))
    return model.to(memory_format=torch.channels_last)


def count_parameters(model: nn.Module, include_aux: bool = True) -> int:
    return sum(p.numel() for name, p in model.named_parameters() if include_aux or not name.startswith("aux_heads"))


# --------------------------------------------------------------------------------------------
# Loss and gradients
# --------------------------------------------------------------------------------------------

class LossParts(NamedTuple):
    total: torch.Tensor
    main: torch.Tensor
    aux: tuple[torch.Tensor, ...]


def paper_loss(logits: torch.Tensor, aux_logits: tuple[torch.Tensor, ...] | list, targets: torch.Tensor,
               aux_weight: float = AUX_WEIGHT) -> LossParts:
    """total = main + 0.3 x (aux1 + aux2 + ...), each a cross-entropy on raw logits."""
    main = F.cross_entropy(logits, targets)
    aux = tuple(F.cross_entropy(a, targets) for a in aux_logits)
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

def _process_threads() -> int:
    """The thread count the rest of the app runs with: the one googlenet.runtime.serving chose, if it has chosen."""
    from .runtime.serving import configured_threads

    return configured_threads() or _DEFAULT_THREADS


@contextmanager
def torch_threads(n: int):
    """Run a block with `n` intra-op threads, then go back to the process setting (never to a value some
    other run happened to leave behind, so overlapping runs cannot leave the app single-threaded)."""
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(_process_threads())


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
    """One run: ``for report in Trainer(config).run(): ...`` (stop iterating whenever you like).
    ``trainer.model`` is the model being trained, usable at any point (call ``.eval()`` first)."""

    def __init__(self, config: TrainConfig, data: DigitsData | None = None, threads: int = TRAIN_THREADS):
        self.config = config
        self.threads = threads
        self.data = data if data is not None else load_digits_split()
        self.generator = torch.Generator().manual_seed(config.seed)
        self.model = build_model(**config.model_config(), seed=config.seed)
        for m in self.model.modules():
            if isinstance(m, SeededDropout):
                m.generator = self.generator
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=config.lr)
        n = len(self.data.y_train)
        self.steps_per_epoch = math.ceil(n / config.batch_size)
        steps = config.epochs * self.steps_per_epoch
        self.total_steps = min(steps, config.max_steps) if config.max_steps else steps

    def learning_rate(self, step: int) -> float:
        """Cosine decay from lr to 0 over the run (step is 0-based)."""
        return self.config.lr * 0.5 * (1 + math.cos(math.pi * step / self.total_steps))

    def run(self) -> Iterator[StepReport]:
        with torch_threads(self.threads):
            yield from self._run()

    def _run(self) -> Iterator[StepReport]:
        cfg, data, model = self.config, self.data, self.model
        start = time.perf_counter()
        step = 0
        n = len(data.y_train)
        for epoch in range(1, cfg.epochs + 1):
            order = torch.randperm(n, generator=self.generator)
            for first in range(0, n, cfg.batch_size):
                idx = order[first:first + cfg.batch_size]
                x, y = data.x_train[idx], data.y_train[idx]
                for group in self.optimizer.param_groups:
                    group["lr"] = self.learning_rate(step)
                model.train()
                out = model(x)
                parts = paper_loss(out.logits, out.aux, y)
                self.optimizer.zero_grad(set_to_none=True)
                parts.total.backward()
                norms = block_grad_norms(model)
                self.optimizer.step()
                step += 1
                last = step == self.total_steps
                end_of_epoch = first + cfg.batch_size >= n
                report = StepReport(
                    step=step, total_steps=self.total_steps, epoch=epoch,
                    loss=float(parts.total.detach()), main_loss=float(parts.main.detach()),
                    aux_losses=tuple(float(a.detach()) for a in parts.aux),
                    accuracy=float((out.logits.argmax(1) == y).float().mean()),
                    grad_norms=norms, elapsed=time.perf_counter() - start)
                if end_of_epoch or last:
                    report.test_accuracy = evaluate(model, data.x_test, data.y_test).accuracy
                    report.elapsed = time.perf_counter() - start
                yield report
                if last:
                    model.eval()
                    return
        model.eval()


# --------------------------------------------------------------------------------------------
# Using a trained model
# --------------------------------------------------------------------------------------------

class Evaluation(NamedTuple):
    accuracy: float
    predictions: np.ndarray
    confusion: np.ndarray          # rows: true digit, columns: predicted digit


def _as_batch(digits) -> torch.Tensor:
    x = torch.as_tensor(np.asarray(digits, dtype=np.float32))
    return x.reshape(-1, 1, IMAGE_SIZE, IMAGE_SIZE)


@torch.no_grad()
def predict_proba(model: nn.Module, digits) -> np.ndarray:
    """Digits (N, 8, 8) or (N, 1, 8, 8) or one (8, 8), in the 0..16 scale -> class probabilities (N, 10)."""
    was_training = model.training
    model.eval()
    try:
        return torch.softmax(model(_as_batch(digits)), dim=1).numpy()
    finally:
        model.train(was_training)


def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> Evaluation:
    predictions = predict_proba(model, x).argmax(1)
    truth = np.asarray(y)
    confusion = np.zeros((NUM_CLASSES, NUM_CLASSES), np.int64)
    np.add.at(confusion, (truth, predictions), 1)
    return Evaluation(float((predictions == truth).mean()), predictions, confusion)


# --------------------------------------------------------------------------------------------
# Run history (what the page keeps in st.session_state)
# --------------------------------------------------------------------------------------------

@dataclass
class RunRecord:
    """One run as the page remembers it. Updated after every report, so a stopped run keeps its curves."""
    number: int
    config: TrainConfig
    model: nn.Module
    status: str = "running"        # running | done | stopped | loaded
    steps: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    main_losses: list[float] = field(default_factory=list)
    accuracies: list[float] = field(default_factory=list)
    grad_norms: list[dict[str, float]] = field(default_factory=list)
    epoch_steps: list[int] = field(default_factory=list)
    test_accuracies: list[float] = field(default_factory=list)
    total_steps: int = 0
    elapsed: float = 0.0
    evaluation: Evaluation | None = None

    def update(self, report: StepReport) -> None:
        self.steps.append(report.step)
        self.losses.append(report.loss)
        self.main_losses.append(report.main_loss)
        self.accuracies.append(report.accuracy)
        self.grad_norms.append(report.grad_norms)
        self.total_steps = report.total_steps
        self.elapsed = report.elapsed
        if report.test_accuracy is not None:
            self.epoch_steps.append(report.step)
            self.test_accuracies.append(report.test_accuracy)

    def finish(self, data: DigitsData, status: str = "done") -> None:
        """Mark the run as ended (done, stopped...) and evaluate what the model has learnt so far."""
        self.model.eval()
        self.status = status
        self.evaluation = evaluate(self.model, data.x_test, data.y_test)

    @property
    def test_accuracy(self) -> float | None:
        if self.evaluation is not None:
            return self.evaluation.accuracy
        return self.test_accuracies[-1] if self.test_accuracies else None

    def mean_grad_norms(self, first: int | None = None) -> dict[str, float]:
        """Average gradient norm per block over the first `first` steps (all steps if None)."""
        rows = self.grad_norms[:first] if first else self.grad_norms
        if not rows:
            return {}
        return {name: float(np.mean([r[name] for r in rows])) for name in rows[0]}


class AuxComparison(NamedTuple):
    with_aux: RunRecord
    without_aux: RunRecord
    accuracy_gain: float           # percentage points, with minus without
    loss_gain: float               # final main loss, without minus with (positive: aux lowered it)
    first_block_ratio: float       # first block's mean gradient norm, with / without (early training)
    verdict: str                   # "same" | "aux_better" | "aux_worse"


SAME_THRESHOLD_PP = 1.0            # differences below one percentage point are within run-to-run noise here


def _tail_mean(values: list[float], k: int = 10) -> float:
    return float(np.mean(values[-k:])) if values else float("nan")


def compare_aux(history: list[RunRecord]) -> AuxComparison | None:
    """The newest finished pair of runs that differ only in the auxiliary heads (None if there is none)."""
    finished = [r for r in history if r.status == "done" and r.test_accuracy is not None]
    for newest in reversed(finished):
        partner = next((r for r in reversed(finished)
                        if r is not newest and r.config.aux != newest.config.aux
                        and r.config.same_except_aux(newest.config)), None)
        if partner is None:
            continue
        with_aux, without = (newest, partner) if newest.config.aux else (partner, newest)
        gain = 100 * (with_aux.test_accuracy - without.test_accuracy)
        early = max(1, min(len(with_aux.grad_norms), len(without.grad_norms)) // 5)
        first = with_aux.model.blocks()[0][0]
        g_with = with_aux.mean_grad_norms(early).get(first, float("nan"))
        g_without = without.mean_grad_norms(early).get(first, float("nan"))
        ratio = g_with / g_without if g_without else float("nan")
        verdict = "same" if abs(gain) < SAME_THRESHOLD_PP else ("aux_better" if gain > 0 else "aux_worse")
        return AuxComparison(with_aux, without, gain,
                             _tail_mean(without.main_losses) - _tail_mean(with_aux.main_losses), ratio, verdict)
    return None


# --------------------------------------------------------------------------------------------
# Checkpoints: save to bytes, load untrusted bytes safely
# --------------------------------------------------------------------------------------------

class CheckpointError(ValueError):
    """A weights file that cannot be used; ``t(err.key, **err.fmt)`` explains why in the user's language."""

    def __init__(self, key: str, **fmt):
        self.key = key
        self.fmt = fmt
        super().__init__(key if not fmt else f"{key} {fmt}")


def save_checkpoint(model: nn.Module, config: TrainConfig, test_accuracy: float | None = None) -> bytes:
    """The trained weights plus the settings needed to rebuild the model, as the bytes of a .pt file."""
    buffer = io.BytesIO()
    torch.save({"format": CHECKPOINT_FORMAT, "config": config.to_dict(),
                "state_dict": {k: v.detach().clone() for k, v in model.state_dict().items()},
                "test_accuracy": test_accuracy}, buffer)
    return buffer.getvalue()


def _checked_config(raw) -> TrainConfig:
    if not isinstance(raw, dict):
        raise CheckpointError("train.ckpt.not_ours")
    known = {f.name: f.type for f in fields(TrainConfig)}
    values = {}
    for name, value in raw.items():
        if name not in known:
            continue
        if name in ("aux", "batch_norm") and not isinstance(value, bool):
            raise CheckpointError("train.ckpt.bad_config", field=name)
        if name in ("depth", "epochs", "batch_size", "seed", "max_steps") and (
                isinstance(value, bool) or not isinstance(value, int)):
            raise CheckpointError("train.ckpt.bad_config", field=name)
        if name == "lr" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise CheckpointError("train.ckpt.bad_config", field=name)
        if name == "preset" and value not in PRESETS:
            raise CheckpointError("train.ckpt.bad_config", field=name)
        values[name] = value
    if any(name not in values for name in TrainConfig.MODEL_FIELDS):
        raise CheckpointError("train.ckpt.not_ours")
    try:
        return TrainConfig(**values)
    except (TypeError, ValueError) as exc:
        raise CheckpointError("train.ckpt.bad_config", field="depth") from exc


def load_checkpoint(data: bytes) -> tuple[nn.Module, TrainConfig, float | None]:
    """Untrusted bytes -> (model in eval mode, config, recorded test accuracy), or CheckpointError.

    ``torch.load(..., weights_only=True)`` only rebuilds tensors and plain containers: a file that asks the
    unpickler to call anything else (the classic way to run code from a pickle) is refused before it runs.
    """
    if not data:
        raise CheckpointError("train.ckpt.empty")
    if len(data) > MAX_CHECKPOINT_BYTES:
        raise CheckpointError("train.ckpt.too_big", size_mb=len(data) / 2**20, limit_mb=MAX_CHECKPOINT_BYTES // 2**20)
    if not data.startswith(b"PK\x03\x04"):
        # torch.save writes a zip archive; anything else (a bare pickle included) is never unpickled at all.
        raise CheckpointError("train.ckpt.not_checkpoint")
    try:
        with warnings.catch_warnings():  # e.g. "pickle protocol 4": harmless, and the file is refused anyway
            warnings.simplefilter("ignore")
            payload = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        # The restricted unpickler met something other than tensors and plain containers: an object whose
        # loading could run code. It has been refused before anything ran.
        raise CheckpointError("train.ckpt.unsafe") from None
    except Exception:  # noqa: BLE001 - damaged zip, truncated data, not a torch file at all ...
        raise CheckpointError("train.ckpt.not_checkpoint") from None
    if not isinstance(payload, dict) or payload.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointError("train.ckpt.not_ours")
    config = _checked_config(payload.get("config"))
    state = payload.get("state_dict")
    if not isinstance(state, dict) or not all(isinstance(k, str) and isinstance(v, torch.Tensor)
                                              for k, v in state.items()):
        raise CheckpointError("train.ckpt.not_ours")
    if not all(torch.isfinite(v).all() for v in state.values() if v.is_floating_point()):
        raise CheckpointError("train.ckpt.not_finite")
    model = build_model(**config.model_config(), seed=0)
    try:
        model.load_state_dict(state, strict=True)
    except (RuntimeError, ValueError, TypeError):
        raise CheckpointError("train.ckpt.mismatch") from None
    model.eval()
    accuracy = payload.get("test_accuracy")
    accuracy = float(accuracy) if isinstance(accuracy, (int, float)) and not isinstance(accuracy, bool) else None
    return model, config, accuracy
