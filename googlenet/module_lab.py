"""The Inception lab's module: the numbers a student types in, checked, and the presets to start from.

A ``LabConfig`` is an ``InceptionSpec`` (the branch arithmetic lives there) plus the input's height = width.
``read_fields`` turns the eight text fields into a ``LabConfig``, or names every field it cannot accept:
the page computes exactly what the fields show, or nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

import pandas as pd

from .costs import SPEC_COLUMNS, Cost, module_cost, stage_shapes
from .errors import LocalisedError, Term
from .i18n import t
from .model import BRANCHES, INCEPTION_CONFIG, INPUT_SIZE, InceptionSpec

LAB_FIELDS = ("in_ch", "size") + SPEC_COLUMNS
# Allowed range of each field: enough for every real block, small enough that a page stays fast.
FIELD_LIMITS = {"in_ch": (1, 2048), "size": (1, 112), **{c: (1, 1024) for c in SPEC_COLUMNS}}
MAX_DIGITS = 40  # longer numbers are refused as "not a number" rather than parsed


@dataclass(frozen=True)
class LabConfig:
    """The module the lab computes: its channel numbers (Table 1's columns) and its input size (H = W)."""
    spec: InceptionSpec
    size: int

    @classmethod
    def from_fields(cls, values: Mapping[str, int]) -> "LabConfig":
        """From the eight form fields: in_ch, size, n1x1, ..., pool_proj."""
        return cls(InceptionSpec(values["in_ch"], *(values[c] for c in SPEC_COLUMNS)), values["size"])

    @property
    def fields(self) -> dict[str, int]:
        """The eight form fields, in LAB_FIELDS order."""
        return {"in_ch": self.spec.in_channels, "size": self.size, **{c: getattr(self.spec, c) for c in SPEC_COLUMNS}}

    def cost(self, bottleneck: bool = True, kernel5: int = 5, bias: bool = False) -> dict[str, Cost]:
        return module_cost(self.spec, self.size, bottleneck=bottleneck, kernel5=kernel5, bias=bias)

    def saving(self) -> float:
        """Multiply-adds of the naive module / with 1x1 reductions (below 1 when the reductions cost more)."""
        return self.cost(bottleneck=False)["total"].macs / self.cost(bottleneck=True)["total"].macs

    def out_channels(self, bottleneck: bool = True) -> int:
        return sum(self.spec.branch_widths(bottleneck).values())


# ---------------------------------------------------------------------------------- reading the form

def parse_int(text: str | None) -> int | None:
    """A whole number as people type it: "12443648", "12,443,648", "12 443 648", "１２"; None if it is not one."""
    cleaned = re.sub(r"[\s,_，]", "", text or "")
    if not re.fullmatch(rf"[+-]?\d{{1,{MAX_DIGITS}}}", cleaned):
        return None
    return int(cleaned)


class FieldProblem(LocalisedError, ValueError):
    """A field the lab cannot use, and why: ``problem.message()`` names the field and its allowed range."""

    def __init__(self, field: str, text: str):
        self.field, self.text = field, text
        low, high = FIELD_LIMITS[field]
        super().__init__("lab.error.empty" if not text.strip() else "lab.error.range",
                         field=Term(f"lab.in.{field}"), text=text, low=low, high=high)

    @property
    def limits(self) -> tuple[int, int]:
        return FIELD_LIMITS[self.field]

    def __reduce__(self):
        return type(self), (self.field, self.text)


def read_fields(texts: Mapping[str, str]) -> tuple[LabConfig | None, list[FieldProblem]]:
    """The config the eight fields describe, or None and one problem per field that is empty, not a whole
    number, or outside FIELD_LIMITS."""
    values, problems = {}, []
    for field in LAB_FIELDS:
        text = str(texts.get(field, ""))
        value = parse_int(text)
        low, high = FIELD_LIMITS[field]
        if value is None or not low <= value <= high:
            problems.append(FieldProblem(field, text))
        else:
            values[field] = value
    return (None, problems) if problems else (LabConfig.from_fields(values), [])


def field_texts(cfg: LabConfig) -> dict[str, str]:
    """What the form shows for a config (the preset's numbers, as typed)."""
    return {field: str(value) for field, value in cfg.fields.items()}


# ---------------------------------------------------------------------------------- presets

WORKED_EXAMPLE = "worked_example"


@lru_cache(maxsize=1)
def lab_presets() -> dict[str, LabConfig]:
    """The seed articles' worked example first (it is branch 3 of inception 3a: 192x28x28 -> 16 -> 32 of 5x5),
    then inception3a ... inception5b at their input sizes in the 224x224 network (28 / 14 / 7)."""
    shapes = stage_shapes("paper", INPUT_SIZE)
    presets = {name: LabConfig(spec, shapes[name][1]) for name, spec in INCEPTION_CONFIG.items()}
    return {WORKED_EXAMPLE: presets["inception3a"], **presets}


# The seed article's arithmetic slip (../shared/reference/CONCEPTS.md section 2).
SLIP = {"printed": 12_433_648, "correct": 12_443_648,
        "printed_term": 5 * 5 * 28 * 28 * 16 * 16, "correct_term": 5 * 5 * 28 * 28 * 16 * 32}


# ---------------------------------------------------------------------------------- naive vs bottleneck

def branch_table(cfg: LabConfig) -> pd.DataFrame:
    """Branch by branch (and the total): output shape, parameters and multiply-adds, naive and with 1x1
    reductions, and how many times cheaper the reduced branch is. Branch names in the current language."""
    s = cfg.size
    naive, reduced = cfg.cost(bottleneck=False), cfg.cost(bottleneck=True)
    width = {False: cfg.spec.branch_widths(False), True: cfg.spec.branch_widths(True)}
    for bottleneck in (False, True):
        width[bottleneck]["total"] = cfg.out_channels(bottleneck)
    keys = list(BRANCHES) + ["total"]
    return pd.DataFrame({
        "branch": [t(f"lab.branch.{b}") for b in keys],
        "shape_naive": [f"{s}×{s}×{width[False][b]}" for b in keys],
        "shape_bottleneck": [f"{s}×{s}×{width[True][b]}" for b in keys],
        "params_naive": [naive[b].params for b in keys],
        "params_bottleneck": [reduced[b].params for b in keys],
        "macs_naive": [naive[b].macs for b in keys],
        "macs_bottleneck": [reduced[b].macs for b in keys],
        # No ratio where the naive branch has no weights (its pooled input passes straight through).
        "ratio": [naive[b].macs / reduced[b].macs if reduced[b].macs and naive[b].macs else None for b in keys],
    })
