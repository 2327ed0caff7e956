"""What a handout holds: plain data, built by one builder per page and drawn by googlenet.handouts.render."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:   # the button (ui/handout.py) reads this package on pages that load no chart library
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Number:
    """One key number: its label, the number as computed by the package, and how the handout prints it."""
    label: str
    value: float
    text: str


@dataclass(frozen=True)
class HandoutQuestion:
    """A "Check yourself" question as printed: its text, its options (none: a number to write down), and the
    answer for the teacher (an option's letter, or the number)."""
    text: str
    options: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class Handout:
    page: str                        # url_path of the page, e.g. "architecture"
    lang: str                        # "en" or "zh"
    title: str
    intro: str                       # plain text: what the page teaches
    figure: Callable[[], Figure]     # draws the key figure (called once, when the PDF is made)
    caption: str
    numbers: tuple[Number, ...]
    questions: tuple[HandoutQuestion, ...]
