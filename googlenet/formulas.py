"""Cost formulas in LaTeX with the numbers substituted, built from the same conv steps ``googlenet.costs`` counts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .costs import conv_cost, inception_branches

if TYPE_CHECKING:
    from .module_lab import LabConfig

QUANTITIES = ("macs", "params")


def latex_int(n: int) -> str:
    """120422400 -> 120{,}422{,}400 (braces keep LaTeX from adding space after the commas)."""
    return f"{n:,}".replace(",", "{,}")


def conv_term(in_ch: int, out_ch: int, kernel: int, size: int, quantity: str = "macs") -> tuple[str, int]:
    """One convolution's weights (k^2 C_in C_out) or multiply-adds (k^2 H W C_in C_out), as LaTeX and value."""
    cost = conv_cost(in_ch, out_ch, kernel, size, size)
    if quantity == "macs":
        return rf"{kernel}^2 \times {size}^2 \times {in_ch} \times {out_ch}", cost.macs
    if quantity == "params":
        return rf"{kernel}^2 \times {in_ch} \times {out_ch}", cost.params
    raise ValueError(f"quantity must be one of {QUANTITIES}, not {quantity!r}")


def branch_formula(cfg: LabConfig, branch: str, bottleneck: bool = True, quantity: str = "macs",
                   kernel5: int = 5) -> tuple[str, int]:
    """The branch's cost written out with the numbers substituted, and its value (biases left out).

    e.g. naive branch 3 of the worked example: ``5^2 \\times 28^2 \\times 192 \\times 32 = 120{,}422{,}400``.
    """
    steps = inception_branches(cfg.spec, bottleneck=bottleneck, kernel5=kernel5)[branch]
    if not steps:  # naive branch 4: the pooled input passes straight through
        return "0", 0
    terms = [conv_term(s.in_ch, s.out_ch, s.kernel, cfg.size, quantity) for s in steps]
    total = sum(value for _, value in terms)
    text = " + ".join(term for term, _ in terms)
    if len(terms) > 1:
        text += " = " + " + ".join(latex_int(value) for _, value in terms)
    return f"{text} = {latex_int(total)}", total
