"""The lab's "try it yourself": a random bottleneck module, one question about one branch, and a verdict.

The answer is generated from a seed and computed by ``googlenet.costs``; the worked solution is the same
formula ``googlenet.formulas`` shows.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from .formulas import QUANTITIES, branch_formula
from .model import BRANCHES
from .module_lab import LAB_FIELDS, LabConfig, parse_int


@dataclass(frozen=True)
class Exercise:
    seed: int
    cfg: LabConfig
    branch: str
    quantity: str      # "macs" or "params" (weights only, no biases)
    answer: int
    solution: str      # LaTeX, numbers substituted


# Channel numbers in the range the real blocks use, so the exercise looks like GoogLeNet.
_CHOICES = {
    "in_ch": (64, 128, 192, 256, 480, 512, 528, 832), "size": (7, 14, 28, 56),
    "n1x1": (32, 64, 96, 128, 160, 192, 256), "n3x3_reduce": (48, 64, 96, 112, 128, 160),
    "n3x3": (96, 128, 192, 208, 224, 256, 320), "n5x5_reduce": (8, 16, 24, 32, 48),
    "n5x5": (16, 32, 48, 64, 96, 128), "pool_proj": (16, 32, 64, 128),
}


def make_exercise(seed: int) -> Exercise:
    """A random bottleneck module and one question about one branch; the same seed gives the same exercise."""
    rng = random.Random(seed)
    cfg = LabConfig.from_fields({name: rng.choice(_CHOICES[name]) for name in LAB_FIELDS})
    branch = rng.choice(BRANCHES)
    quantity = rng.choice(QUANTITIES)
    solution, answer = branch_formula(cfg, branch, bottleneck=True, quantity=quantity)
    expected = getattr(cfg.cost(bottleneck=True)[branch], quantity)
    assert answer == expected, "formula and costs disagree"  # the two are built from the same conv steps
    return Exercise(seed, cfg, branch, quantity, answer, solution)


def check_answer(exercise: Exercise, value: float | int | None) -> bool:
    """Exact integer answer (multiply-adds and weights are whole numbers)."""
    if value is None:
        return False
    return round(float(value)) == exercise.answer and abs(float(value) - exercise.answer) < 0.5


def answer_feedback(exercise: Exercise, value: float | int | None) -> str:
    """A verdict (i18n key suffix): right, forgot_area (gave weights x k^2 C C without H x W), added_area, too_small, too_big."""
    if check_answer(exercise, value):
        return "right"
    value = round(float(value or 0))
    area = exercise.cfg.size ** 2
    if exercise.quantity == "macs" and value * area == exercise.answer:
        return "forgot_area"
    if exercise.quantity == "params" and value == exercise.answer * area:
        return "added_area"
    return "too_small" if value < exercise.answer else "too_big"


def verdict(exercise: Exercise, text: str | None) -> tuple[str, int | None]:
    """What the answer field says, judged: ("no_answer", None), ("not_a_number", None) or (feedback, value).
    Any whole number is judged as typed, however large."""
    if not (text or "").strip():
        return "no_answer", None
    value = parse_int(text)
    if value is None:
        return "not_a_number", None
    return answer_feedback(exercise, value), value
