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

from .costs import SPEC_COLUMNS, Cost, conv_cost, module_cost, stage_shapes
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

    def saving(self, quantity: str = "macs", branch: str = "total") -> float:
        """Naive / with 1x1 reductions, for the whole module ("total") or one branch, in multiply-adds ("macs")
        or weights ("params"); below 1 when the reductions cost more. The naive branch 4 has no weights: 0."""
        return getattr(self.cost(bottleneck=False)[branch], quantity) / getattr(self.cost(bottleneck=True)[branch],
                                                                                 quantity)

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

# The two worked examples of the source articles, each the branch 3 of a real block, and that block:
# the multiply-adds of a 5x5 conv on 192x28x28 -> 32 (seed article 004: branch 3 of inception 3a) and the
# weights of a 5x5 conv on 512 channels -> 64 (seed article 002: branch 3 of inception 4b and 4c).
WORKED_EXAMPLE = "worked_example"
PARAMS_EXAMPLE = "params_example"
EXAMPLE_BLOCKS = {WORKED_EXAMPLE: "inception3a", PARAMS_EXAMPLE: "inception4b"}
EXAMPLES = tuple(EXAMPLE_BLOCKS)


@lru_cache(maxsize=1)
def lab_presets() -> dict[str, LabConfig]:
    """The seed articles' two worked examples first (as the blocks whose branch 3 they are), then inception3a ...
    inception5b at their input sizes in the 224x224 network (28 / 14 / 7)."""
    shapes = stage_shapes("paper", INPUT_SIZE)
    presets = {name: LabConfig(spec, shapes[name][1]) for name, spec in INCEPTION_CONFIG.items()}
    return {**{example: presets[block] for example, block in EXAMPLE_BLOCKS.items()}, **presets}


# What the articles print (../shared/reference/seed-articles, CONCEPTS.md section 2); everything else is computed.
PRINTED_MACS_TOTAL = 12_433_648        # article 004: the bottleneck total (the right one is 12,443,648)
PRINTED_IN_CHANNELS = 128              # article 004: "the original has 128 channels", then it computes with 192
PRINTED_KERNELS = 65                   # article 002: "65 kernels of 5x5" (819,200 weights need 64)
PRINTED_PARAMS = (819_200, 50_688)     # article 002: weights without / with the 1x1 reduction


def blocks_like(cfg: LabConfig) -> list[str]:
    """The GoogLeNet blocks whose branch 3 is the preset's (same input channels, #5x5 reduce and #5x5)."""
    key = lambda s: (s.in_channels, s.n5x5_reduce, s.n5x5)  # noqa: E731
    return [name for name, spec in INCEPTION_CONFIG.items() if key(spec) == key(cfg.spec)]


def macs_slip() -> dict:
    """Article 004's example, computed: 5x5 conv 192x28x28 -> 32, without and with a 16-channel 1x1 first.
    The article writes the second term with 16 x 16 and prints a total that is neither sum."""
    cfg = lab_presets()[WORKED_EXAMPLE]
    s, n = cfg.spec, cfg.size
    first = conv_cost(s.in_channels, s.n5x5_reduce, 1, n, n).macs
    term = conv_cost(s.n5x5_reduce, s.n5x5, 5, n, n).macs
    as_written = first + conv_cost(s.n5x5_reduce, s.n5x5_reduce, 5, n, n).macs  # 16 -> 16: the slip
    naive = conv_cost(s.in_channels, s.n5x5, 5, n, n).macs
    return dict(in_ch=s.in_channels, size=n, reduce=s.n5x5_reduce, out=s.n5x5, printed=PRINTED_MACS_TOTAL,
                printed_in_ch=PRINTED_IN_CHANNELS,
                as_written=as_written, first_term=first, correct_term=term, correct=first + term, naive=naive,
                branch_ratio=naive / (first + term), module_ratio=cfg.saving(),
                block=EXAMPLE_BLOCKS[WORKED_EXAMPLE])


def params_slip() -> dict:
    """Article 002's example, computed: the weights of a 5x5 conv from 512 to 64 channels, without and with a
    1x1 reduction first (biases left out, as the article does). It says 65 kernels; its numbers need 64, and
    its reduced total fixes the 1x1's width: 50,688 / (512 + 5*5*64) = 24."""
    cfg = lab_presets()[PARAMS_EXAMPLE]
    s = cfg.spec
    weights = lambda cin, cout, k: conv_cost(cin, cout, k, 1, 1).params  # noqa: E731
    first, term = weights(s.in_channels, s.n5x5_reduce, 1), weights(s.n5x5_reduce, s.n5x5, 5)
    naive = weights(s.in_channels, s.n5x5, 5)
    return dict(in_ch=s.in_channels, reduce=s.n5x5_reduce, out=s.n5x5, printed_kernels=PRINTED_KERNELS,
                printed_naive=PRINTED_PARAMS[0], printed_reduced=PRINTED_PARAMS[1],
                naive_printed_kernels=weights(s.in_channels, PRINTED_KERNELS, 5), naive=naive,
                implied_reduce=PRINTED_PARAMS[1] / (s.in_channels + 25 * s.n5x5),
                first_term=first, correct_term=term, correct=first + term,
                reduced_printed_kernels=first + weights(s.n5x5_reduce, PRINTED_KERNELS, 5),
                branch_ratio=naive / (first + term), module_ratio=cfg.saving("params"),
                block=EXAMPLE_BLOCKS[PARAMS_EXAMPLE], blocks=blocks_like(cfg))


SLIPS = {WORKED_EXAMPLE: macs_slip, PARAMS_EXAMPLE: params_slip}


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
