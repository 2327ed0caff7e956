"""The handouts' figures: matplotlib drawn off-screen (no pyplot state), in print sizes, with the CJK font the
app's charts use (ui/style.py), so Chinese labels are not drawn as boxes."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Callable

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

CJK_FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
PRINT_STYLE = {
    "font.sans-serif": ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"],
    "font.family": "sans-serif",
    "axes.unicode_minus": False,   # CJK fonts lack the Unicode minus sign
    "font.size": 10, "axes.titlesize": 11, "axes.labelsize": 10, "xtick.labelsize": 9, "ytick.labelsize": 9,
    "legend.fontsize": 9, "axes.spines.top": False, "axes.spines.right": False,
}
DPI = 160
WIDTH_IN = 7.0          # the figure's width in inches; the page prints it about 17.8 cm wide
BLUE, ORANGE, GREEN, RED, GREY = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#7f7f7f"
BRANCH_COLOURS = (BLUE, ORANGE, GREEN, RED)


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    for path in CJK_FONT_FILES:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)


def new_figure(height_in: float = 3.2, **subplots) -> tuple[Figure, object]:
    """A figure WIDTH_IN wide and its axes (call inside print_style)."""
    fig = Figure(figsize=(WIDTH_IN, height_in), layout="constrained")
    return fig, fig.subplots(**subplots)


def figure_png(draw: Callable[[], Figure]) -> tuple[bytes, float]:
    """The figure drawn in the print style as PNG bytes, and its height / width."""
    _register_fonts()
    with matplotlib.rc_context(PRINT_STYLE):
        fig = draw()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    width, height = fig.get_size_inches()
    return buffer.getvalue(), float(height / width)


def millions(n: float) -> str:
    return f"{n / 1e6:,.1f}"
