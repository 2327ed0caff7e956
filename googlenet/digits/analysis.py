"""What a run's numbers say: smoothed curves, gradient phases, the vanishing-gradient verdict, the most
frequent confusion, and the honest with/without auxiliary classifiers comparison.

Everything here reads a :class:`RunCurves` (the step-by-step record of one run) and plain arrays, so the
teaching sentences a page shows are computed, and tested, in one place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, Sequence

import numpy as np

from .data import NUM_CLASSES
from .trainer import StepReport, TrainConfig, Trainer, evaluate

TAIL = 10                          # "final loss" = mean over the last 10 steps (one batch is noisy)
PHASES = ("early", "late")         # the first and the last fifth of a run
VANISH_FACTOR = 10.0               # a gradient 10x smaller at the first block than at the last: vanishing
SAME_THRESHOLD_PP = 1.0            # accuracy differences below one point are within run-to-run noise here


@dataclass
class RunCurves:
    """One run step by step: losses, batch accuracies, gradient norms, and the test accuracy at epoch ends."""
    total_steps: int = 0
    steps: list[int] = field(default_factory=list)
    losses: list[float] = field(default_factory=list)
    main_losses: list[float] = field(default_factory=list)
    accuracies: list[float] = field(default_factory=list)
    grad_norms: list[dict[str, float]] = field(default_factory=list)
    epoch_steps: list[int] = field(default_factory=list)
    test_accuracies: list[float] = field(default_factory=list)
    epoch_elapsed: list[float] = field(default_factory=list)   # the run's clock at each test measurement
    elapsed: float = 0.0

    def add(self, report: StepReport) -> None:
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
            self.epoch_elapsed.append(report.elapsed)

    @property
    def last_step(self) -> int:
        return self.steps[-1] if self.steps else 0

    @property
    def complete(self) -> bool:
        """Every planned step was taken (a run stopped early, or loaded from a file, is not complete)."""
        return bool(self.steps) and self.last_step == self.total_steps

    @property
    def final_loss(self) -> float:
        """The main loss at the end of the run: mean of the last TAIL steps (nan without steps)."""
        return tail_mean(self.main_losses)

    def phase_grad_norms(self, phase: str) -> dict[str, float]:
        """Mean gradient norm per block over the first ("early") or the last ("late") fifth of the steps."""
        return mean_grad_norms(phase_rows(self.grad_norms, phase))


class FinishedRun(NamedTuple):
    """A run trained to its end away from the page (tests, benchmarks): what compare_aux reads."""
    config: TrainConfig
    curves: RunCurves
    test_accuracy: float


def train_to_end(trainer: Trainer) -> FinishedRun:
    """Run `trainer` through every step, keeping its curves, then evaluate it on the test set."""
    curves = RunCurves(total_steps=trainer.total_steps)
    for report in trainer.run():
        curves.add(report)
    result = evaluate(trainer.model, trainer.data.x_test, trainer.data.y_test)
    return FinishedRun(trainer.config, curves, result.accuracy)


def tail_mean(values: Sequence[float], k: int = TAIL) -> float:
    return float(np.mean(values[-k:])) if len(values) else float("nan")


def smooth(values: Sequence[float], k: int = TAIL) -> np.ndarray:
    """Trailing mean over (up to) the last k values at every point."""
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return values
    cumsum = np.cumsum(np.insert(values, 0, 0.0))
    idx = np.arange(1, len(values) + 1)
    lo = np.maximum(0, idx - k)
    return (cumsum[idx] - cumsum[lo]) / (idx - lo)


def phase_rows(rows: Sequence, phase: str) -> Sequence:
    """The first ("early") or last ("late") fifth of `rows`, at least one row."""
    if phase not in PHASES:
        raise ValueError(f"phase must be one of {PHASES}, not {phase!r}")
    fifth = max(1, len(rows) // 5)
    return rows[:fifth] if phase == "early" else rows[-fifth:]


def mean_grad_norms(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    """Average gradient norm per block over `rows` (one dict per step), in the blocks' order."""
    if not rows:
        return {}
    return {name: float(np.mean([r[name] for r in rows])) for name in rows[0]}


# --------------------------------------------------------------------------------------------
# Vanishing gradients
# --------------------------------------------------------------------------------------------

COMPARED_PREFIXES = ("incep", "res", "rblock")   # Inception blocks; the residual nets' blocks


def compared_blocks(names: Sequence[str]) -> list[str] | None:
    """The blocks a verdict compares, input side first: every Inception (or residual) block (they have the same
    size, so their gradient norms are comparable), or, with only one, the block before it and that block. None
    when there is no such block at all."""
    inceptions = [n for n in names if n.startswith(COMPARED_PREFIXES)]
    if len(inceptions) >= 2:
        return inceptions
    if inceptions and names[0] != inceptions[0]:
        return [names[0], inceptions[0]]
    return None


class GradientVerdict(NamedTuple):
    kind: str          # "vanish" (smaller at `block`) | "grow" (larger at `block`) | "dead" (zero at `block`) | "flat"
    block: str         # the block the sentence is about: where the gradient is smallest (vanish, dead) or largest
    last: str          # the block nearest the output, where the backward pass enters the blocks
    phase: str | None  # "early" | "late": the phase the sentence is about (None for "flat": both phases)
    factor: float      # how many times smaller (vanish) or larger (grow) than at `last`; for "flat" the largest
    #                    spread; inf for "dead"
    first: str = ""    # the block nearest the input among those compared
    recovery: float = 1.0  # vanish only: how many times larger the gradient is again at `first` than at `block`
    #                        (> 1 when something between them, e.g. an auxiliary head, feeds gradient in)


def gradient_verdict(curves: RunCurves) -> GradientVerdict | None:
    """Did the gradient vanish on its way back from the last Inception block? Every earlier block is compared
    with the last one, in the first and in the last fifth of the run: the verdict names the weakest block and
    the phase it is about. (Comparing only the first and the last block would miss a gradient that vanishes
    half-way and is fed again further down, as auxiliary classifiers do.) None when the run has no gradient
    record, or nothing reached the last block (nothing to compare)."""
    if not curves.grad_norms:
        return None
    path = compared_blocks(list(curves.grad_norms[0]))
    if path is None:
        return None
    *earlier, last = path
    norms = {phase: curves.phase_grad_norms(phase) for phase in PHASES}
    values = [norms[p][b] for p in PHASES for b in path]
    if not all(np.isfinite(v) for v in values) or min(norms[p][last] for p in PHASES) <= 0:
        return None
    for phase in PHASES:
        dead = [b for b in earlier if norms[phase][b] <= 0]
        if dead:  # the one nearest the output: where the signal died
            return GradientVerdict("dead", dead[-1], last, phase, float("inf"), path[0])
    # ratio[phase][block]: how many times smaller the gradient is at `block` than at the last block
    ratio = {p: {b: norms[p][last] / norms[p][b] for b in earlier} for p in PHASES}
    weakest = {p: max(earlier, key=ratio[p].get) for p in PHASES}
    phase = max(PHASES, key=lambda p: ratio[p][weakest[p]])
    if ratio[phase][weakest[phase]] > VANISH_FACTOR:
        block = weakest[phase]
        recovery = norms[phase][path[0]] / norms[phase][block]
        return GradientVerdict("vanish", block, last, phase, ratio[phase][block], path[0], recovery)
    strongest = {p: min(earlier, key=ratio[p].get) for p in PHASES}
    phase = max(PHASES, key=lambda p: 1 / ratio[p][strongest[p]])
    if 1 / ratio[phase][strongest[phase]] > VANISH_FACTOR:
        return GradientVerdict("grow", strongest[phase], last, phase, 1 / ratio[phase][strongest[phase]],
                               path[0])
    spread = max(max(r, 1 / r) for p in PHASES for r in ratio[p].values())
    return GradientVerdict("flat", path[0], last, None, spread, path[0])


# --------------------------------------------------------------------------------------------
# Mistakes
# --------------------------------------------------------------------------------------------

class Confusion(NamedTuple):
    true: int
    predicted: int
    count: int


def worst_confusion(confusion: np.ndarray) -> Confusion | None:
    """The most frequent mistake in a confusion matrix (rows: truth, columns: prediction); None if there is none."""
    off = np.array(confusion, copy=True)
    np.fill_diagonal(off, 0)
    if off.size == 0 or off.max() <= 0:
        return None
    true, predicted = np.unravel_index(off.argmax(), off.shape)
    return Confusion(int(true), int(predicted), int(off[true, predicted]))


# --------------------------------------------------------------------------------------------
# With or without auxiliary classifiers
# --------------------------------------------------------------------------------------------

class ComparableRun(Protocol):
    """What compare_aux needs of a run (the page's run records have it)."""
    config: TrainConfig
    curves: RunCurves

    @property
    def test_accuracy(self) -> float | None: ...


class AuxComparison(NamedTuple):
    with_aux: ComparableRun
    without_aux: ComparableRun
    accuracy_gain: float           # percentage points, with minus without
    loss_with: float               # final main loss (mean of the last TAIL steps), with aux
    loss_without: float            # ... and without
    first_block: str               # the trunk's first block (stem / conv1)
    first_block_ratio: float       # its mean gradient norm in the first fifth, with / without (nan if unknown)
    verdict: str                   # "same" | "aux_better" | "aux_worse"

    def partner_of(self, run) -> ComparableRun | None:
        """The other run of the pair, if `run` is one of them."""
        if run is self.with_aux:
            return self.without_aux
        return self.with_aux if run is self.without_aux else None


def compare_aux(runs: Sequence[ComparableRun]) -> AuxComparison | None:
    """The newest pair of complete, evaluated runs that differ only in the auxiliary heads (None if none)."""
    finished = [r for r in runs if r.curves.complete and r.test_accuracy is not None]
    for newest in reversed(finished):
        partner = next((r for r in reversed(finished)
                        if r is not newest and r.config.aux != newest.config.aux
                        and r.config.same_except_aux(newest.config)), None)
        if partner is not None:
            with_aux, without = (newest, partner) if newest.config.aux else (partner, newest)
            return _compared(with_aux, without)
    return None


def _compared(with_aux: ComparableRun, without: ComparableRun) -> AuxComparison:
    gain = 100 * (with_aux.test_accuracy - without.test_accuracy)
    first = next(iter(with_aux.curves.grad_norms[0]))
    g_with = with_aux.curves.phase_grad_norms("early").get(first, float("nan"))
    g_without = without.curves.phase_grad_norms("early").get(first, float("nan"))
    ratio = g_with / g_without if g_without else float("nan")
    verdict = "same" if abs(gain) < SAME_THRESHOLD_PP else ("aux_better" if gain > 0 else "aux_worse")
    return AuxComparison(with_aux, without, gain, with_aux.curves.final_loss, without.curves.final_loss,
                         first, ratio, verdict)


# --------------------------------------------------------------------------------------------
# Runs a class can compare: every run's settings, curves and final accuracy as one table (CSV)
# --------------------------------------------------------------------------------------------

class NumberedRun(ComparableRun, Protocol):
    number: int


def runs_table(runs: Sequence[NumberedRun]) -> "pd.DataFrame":
    """One row per training step of every run: the run's number and settings, the step's losses and batch
    accuracy, the test accuracy where it was measured (epoch ends), and the run's final test accuracy.
    A run without steps (loaded from a file) gets one row with its settings and final accuracy."""
    import pandas as pd

    frames = []
    for run in runs:
        c = run.curves
        test = dict(zip(c.epoch_steps, c.test_accuracies))
        steps = c.steps or [None]
        frame = pd.DataFrame({
            "step": pd.array(steps, dtype="Int64"),
            "loss": c.losses or [float("nan")],
            "main_loss": c.main_losses or [float("nan")],
            "batch_accuracy": c.accuracies or [float("nan")],
            "test_accuracy": [test.get(s, float("nan")) for s in steps],
        })
        settings = {"run": run.number, **run.config.to_dict(),
                    "final_test_accuracy": run.test_accuracy if run.test_accuracy is not None else float("nan")}
        for i, (name, value) in enumerate(settings.items()):
            frame.insert(i, name, value)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def runs_csv(runs: Sequence[NumberedRun]) -> bytes:
    """runs_table as UTF-8 CSV bytes (for a download button)."""
    return runs_table(runs).to_csv(index=False).encode("utf-8")


# --------------------------------------------------------------------------------------------
# Softmax before CrossEntropyLoss (the seed articles' bug)
# --------------------------------------------------------------------------------------------

class SoftmaxLossRange(NamedTuple):
    """What CrossEntropyLoss can return for a softmax output (probabilities in 0..1): computed, not typed."""
    floor: float       # all probability on the right class: the lowest loss the buggy run can ever reach
    uniform: float     # every class equally likely (= ln C): where both runs start
    ceiling: float     # all probability on one wrong class: the highest


def softmax_loss_range(num_classes: int = NUM_CLASSES) -> SoftmaxLossRange:
    """F.cross_entropy of the extreme probability vectors, i.e. log(e + C - 1) - 1 at best (1.461 for C = 10)."""
    import torch
    import torch.nn.functional as F

    label = torch.tensor([0])
    right, wrong = torch.eye(num_classes)[[0]], torch.eye(num_classes)[[1]]
    uniform = torch.full((1, num_classes), 1.0 / num_classes)
    return SoftmaxLossRange(*(float(F.cross_entropy(p, label)) for p in (right, uniform, wrong)))


class SoftmaxComparison(NamedTuple):
    correct: ComparableRun
    buggy: ComparableRun
    floor: float                   # the lowest loss the buggy run could reach
    loss_correct: float            # final main loss (mean of the last TAIL steps)
    loss_buggy: float
    lowest_buggy: float            # the buggy run's lowest single-batch loss (never below `floor`)
    accuracy_gap: float            # final test accuracy, percentage points, correct minus buggy
    first_test_gap: float          # test accuracy at the first measurement (first epoch's end), points; nan if none
    first_test_correct: float      # ... of the correct run, 0..1 (nan if none)
    first_test_buggy: float
    grad_ratio: float              # mean gradient norm over all blocks in the first fifth, correct / buggy
    verdict: str                   # final accuracy apart by a point or more: "buggy_worse" | "buggy_better";
    #                                else the first epoch's: "buggy_slower" | "buggy_faster"; else "same"

    def partner_of(self, run) -> ComparableRun | None:
        if run is self.correct:
            return self.buggy
        return self.correct if run is self.buggy else None


def _pair(runs: Sequence[ComparableRun], differ: str, ignore: tuple[str, ...] = ("seed",)):
    """The newest two complete, evaluated runs whose settings differ in `differ` only (`ignore` aside):
    (run with `differ` False, run with it True), or None."""
    finished = [r for r in runs if r.curves.complete and r.test_accuracy is not None]
    for newest in reversed(finished):
        partner = next((r for r in reversed(finished)
                        if r is not newest and getattr(r.config, differ) != getattr(newest.config, differ)
                        and r.config.same_except(newest.config, differ, *ignore)), None)
        if partner is not None:
            return (partner, newest) if getattr(newest.config, differ) else (newest, partner)
    return None


def _first_test(run: ComparableRun) -> float:
    return run.curves.test_accuracies[0] if run.curves.test_accuracies else float("nan")


def _mean_early_grad(run: ComparableRun) -> float:
    norms = run.curves.phase_grad_norms("early")
    return float(np.mean(list(norms.values()))) if norms else float("nan")


def compare_softmax(runs: Sequence[ComparableRun]) -> SoftmaxComparison | None:
    """The newest pair of complete, evaluated runs that differ only in the softmax bug (None if none)."""
    pair = _pair(runs, "softmax_bug")
    if pair is None:
        return None
    correct, buggy = pair
    gap = 100 * (correct.test_accuracy - buggy.test_accuracy)
    first_c, first_b = _first_test(correct), _first_test(buggy)
    first_gap = 100 * (first_c - first_b)
    g_b = _mean_early_grad(buggy)
    ratio = _mean_early_grad(correct) / g_b if g_b else float("nan")
    if abs(gap) >= SAME_THRESHOLD_PP:              # the final accuracies differ: which way?
        verdict = "buggy_worse" if gap > 0 else "buggy_better"
    elif np.isfinite(first_gap) and abs(first_gap) >= SAME_THRESHOLD_PP:   # the same at the end, not on the way
        verdict = "buggy_slower" if first_gap > 0 else "buggy_faster"
    else:
        verdict = "same"
    return SoftmaxComparison(correct, buggy, softmax_loss_range().floor, correct.curves.final_loss,
                             buggy.curves.final_loss, float(min(buggy.curves.main_losses)), gap, first_gap,
                             first_c, first_b, ratio, verdict)


# --------------------------------------------------------------------------------------------
# Plain vs residual (degradation, He et al. 2015)
# --------------------------------------------------------------------------------------------

DEGRADATION_MARGIN = 0.05          # final training losses closer than this (nats) count as equal


class ResidualComparison(NamedTuple):
    plain: ComparableRun           # the deep plain net
    residual: ComparableRun        # the same net with identity shortcuts
    shallow: ComparableRun | None  # a shallower plain net (None: none trained with these settings)
    loss_plain: float              # final training loss (main loss, mean of the last TAIL steps)
    loss_residual: float
    loss_shallow: float            # nan without a shallow run
    degradation: bool | None       # the deep plain net ended with a clearly higher training loss than the
    #                                shallow one (None: no shallow run to compare with)
    removed: bool | None           # degradation, and the residual net's loss is no longer clearly above the
    #                                shallow one's (None when there was no degradation to remove)
    residual_better: bool          # the shortcuts lowered the deep net's training loss clearly
    plain_grad_ratio: float        # deep plain net, first fifth: gradient at its last block / at its first block

    def runs(self) -> list[ComparableRun]:
        return [r for r in (self.plain, self.residual, self.shallow) if r is not None]


def _block_ratio(run: ComparableRun) -> float:
    """First fifth of the run: mean gradient norm of the last compared block over the first one's."""
    if not run.curves.grad_norms:
        return float("nan")
    path = compared_blocks(list(run.curves.grad_norms[0]))
    if path is None or len(path) < 2:
        return float("nan")
    norms = run.curves.phase_grad_norms("early")
    return norms[path[-1]] / norms[path[0]] if norms[path[0]] > 0 else float("inf")


def compare_residual(runs: Sequence[ComparableRun]) -> ResidualComparison | None:
    """The newest deep plain / deep residual pair (same settings but the shortcuts) and, if trained, the newest
    shallower plain net with the same settings; None without such a pair."""
    pair = _pair(runs, "shortcuts")
    if pair is None:
        return None
    plain, residual = pair
    finished = [r for r in runs if r.curves.complete and r.test_accuracy is not None]
    shallow = next((r for r in reversed(finished) if not r.config.shortcuts and r.config.depth < plain.config.depth
                    and r.config.same_except(plain.config, "depth", "seed")), None)
    lp, lr_ = plain.curves.final_loss, residual.curves.final_loss
    ls = shallow.curves.final_loss if shallow is not None else float("nan")
    degradation = None if shallow is None else bool(lp > ls + DEGRADATION_MARGIN)
    removed = None if not degradation else bool(lr_ <= ls + DEGRADATION_MARGIN)
    return ResidualComparison(plain, residual, shallow, lp, lr_, ls, degradation, removed,
                              bool(lr_ < lp - DEGRADATION_MARGIN), _block_ratio(plain))


def grad_norm_series(curves: RunCurves, k: int = TAIL) -> dict[str, np.ndarray]:
    """Every block's gradient norm at every step (smoothed over the last k steps), in the blocks' order."""
    if not curves.grad_norms:
        return {}
    return {name: smooth([row[name] for row in curves.grad_norms], k) for name in curves.grad_norms[0]}
