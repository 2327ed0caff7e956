"""The handouts' figures: matplotlib drawn off-screen (no pyplot state), in print proportions, with the CJK font
the app's charts use (ui/style.py), so Chinese labels are not drawn as boxes."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Callable

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure

CJK_FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
CJK_FAMILIES = ["Noto Sans CJK SC", "Noto Sans CJK JP"]
DPI = 160
WIDTH_IN = 7.0          # the figure's width in inches at 10-point text; the page prints it about 17.8 cm wide
BLUE, ORANGE, GREEN, RED, GREY = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#7f7f7f"
BRANCH_COLOURS = (BLUE, ORANGE, GREEN, RED)


@lru_cache(maxsize=1)
def _chinese_fonts() -> None:
    """The CJK font registered and first in the sans-serif list. Set for good, never put back afterwards: the app's
    charts (ui/style.py) set the same fonts in the same global settings, and a figure drawn in another session at the
    same moment must not lose them (matplotlib's rc_context would restore what it found when it started)."""
    for path in CJK_FONT_FILES:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
    families = list(matplotlib.rcParams["font.sans-serif"])
    if not any(name.startswith("Noto Sans CJK") for name in families):
        matplotlib.rcParams["font.sans-serif"] = CJK_FAMILIES + families
    matplotlib.rcParams["axes.unicode_minus"] = False   # CJK fonts lack the Unicode minus sign


def _scale() -> float:
    """The text size in use (10 points by default, 14 in the app's projector style) over 10: the figure is drawn
    that much larger and saved at that much fewer dots per inch, so text and figure keep the same proportions."""
    return matplotlib.rcParams["font.size"] / 10


def new_figure(height_in: float = 3.2, **subplots) -> tuple[Figure, object]:
    """A figure WIDTH_IN wide (at 10-point text) and its axes, without the top and right frame lines."""
    _chinese_fonts()
    k = _scale()
    fig = Figure(figsize=(WIDTH_IN * k, height_in * k), layout="constrained")
    axes = fig.subplots(**subplots)
    for ax in np.atleast_1d(axes).ravel():
        ax.spines[["top", "right"]].set_visible(False)
    return fig, axes


def figure_png(draw: Callable[[], Figure]) -> tuple[bytes, float]:
    """The figure as PNG bytes, and its height / width."""
    fig = draw()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI / _scale(), facecolor="white")
    width, height = fig.get_size_inches()
    return buffer.getvalue(), float(height / width)
