"""Matplotlib figure builders shared by the pages: big type, few colours, readable on a projector.

Each function takes plain numbers and already-translated words and returns a Figure; pages turn it into
PNG bytes once, cached by everything it shows (``cached_png(key, lang, draw)`` or
``chart_png(builder, *args)``), and show them with st.image: on a 2-core machine drawing one of these
figures takes about half a second, so a widget change that does not touch a chart must not redraw it.
The colours come from ui.palette (shared with the Vega-Lite charts of ui.charts_vega).
Fonts (including a CJK font) come from ui.style.apply_chart_style, applied once when this module is first
imported (every chart module imports it), so a page without charts never loads matplotlib.
"""
from __future__ import annotations

import io
from typing import Sequence

import matplotlib
import streamlit as st

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from ui.style import apply_chart_style  # noqa: E402

apply_chart_style()

from ui.palette import BOTTLENECK, GRID_GREY, HIGHLIGHT, SPLIT_COLOURS  # noqa: E402


PNG_DPI = 140  # 10 inches -> 1400 px: sharp on a projector, under Streamlit's 1460 px limit (no re-encoding)


def png_bytes(fig: Figure, dpi: int = PNG_DPI) -> bytes:
    """Render the figure to PNG (cropped like st.pyplot does) and close it."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pil_kwargs={"compress_level": 1})
    plt.close(fig)
    return buf.getvalue()


@st.cache_data(show_spinner=False, max_entries=64, ttl=3600)
def cached_png(key: tuple, lang: str, _draw) -> bytes:
    """`_draw()`'s figure as PNG, drawn once per `key` (everything the figure shows) and language:
    moving an unrelated widget then costs no re-drawing."""
    return png_bytes(_draw())


def show_figure(key: tuple, draw, where=st, name: str | None = None, **image_kw) -> None:
    """`draw()`'s figure, drawn once per `key` and language (cached_png), shown full width in `where`;
    with a `name`, a PNG download button under it (ui.downloads; the name makes the file name and the key)."""
    from googlenet.i18n import get_language

    png = cached_png(key, get_language(), draw)
    if name is None:
        where.image(png, **{"width": "stretch", **image_kw})
        return
    from ui.downloads import show_png

    show_png(png, name, where, **image_kw)


def chart_png(draw, *args, **kwargs) -> bytes:
    """`draw(*args, **kwargs)`'s figure as PNG, through cached_png: keyed by the builder's name and its
    (hashable) arguments, which hold everything the figure shows, words included."""
    from googlenet.i18n import get_language

    key = (draw.__name__, args, tuple(sorted(kwargs.items())))
    return cached_png(key, get_language(), lambda: draw(*args, **kwargs))


def family_scatter(names: Sequence[str], gflops: Sequence[float], top1: Sequence[float], params: Sequence[int],
                   xlabel: str, ylabel: str, size_note: str, highlight: str | None = None) -> Figure:
    """Top-1 accuracy against GFLOPs (log x), bubble area proportional to the parameter count."""
    fig, ax = plt.subplots(figsize=(10, 5.6))
    biggest = max(params)
    sizes = [150 + 3500 * p / biggest for p in params]
    colours = [HIGHLIGHT if n == highlight else BOTTLENECK for n in names]
    ax.scatter(gflops, top1, s=sizes, c=colours, alpha=0.55, edgecolors="black", linewidths=0.8)
    # Labels beside the bubbles; nudged where neighbours would collide.
    offsets = {"ResNet-18": (8, -22), "GoogLeNet": (10, 10), "MobileNet v2": (-30, -34), "MobileNet v1": (8, 8),
               "MobileNet v3 (large)": (8, 8), "Inception v3": (-30, 14), "ResNet-50": (10, -20)}
    for n, x, y, p in zip(names, gflops, top1, params):
        dx, dy = offsets.get(n, (10, 6))
        ax.annotate(f"{n}\n{p / 1e6:.1f}M", (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=12,
                    fontweight="bold" if n == highlight else "normal",
                    color=HIGHLIGHT if n == highlight else "black")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:g}"))
    ax.set_xlim(min(gflops) / 1.8, max(gflops) * 2.2)
    ax.set_ylim(min(top1) - 3, max(top1) + 3.5)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3, which="both")
    ax.text(0.99, 0.02, size_note, transform=ax.transAxes, ha="right", va="bottom", fontsize=11, color=GRID_GREY)
    fig.tight_layout()
    return fig


def param_split_chart(names: Sequence[str], parts: Sequence[Sequence[int]], part_labels: Sequence[str],
                      xlabel: str, highlight: str | None = None) -> Figure:
    """Stacked horizontal bars: where each network's parameters live (conv / fully connected / other), in millions."""
    fig, ax = plt.subplots(figsize=(10, 5))
    y = list(range(len(names)))
    left = [0.0] * len(names)
    for values, label, colour in zip(zip(*parts), part_labels, SPLIT_COLOURS):
        millions = [v / 1e6 for v in values]
        ax.barh(y, millions, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, millions)]
    for yi, total in zip(y, left):
        ax.text(total, yi, f" {total:.1f}M", va="center", fontsize=12)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    for label in ax.get_yticklabels():
        if label.get_text() == highlight:
            label.set_color(HIGHLIGHT)
            label.set_fontweight("bold")
    ax.set_xlim(0, max(left) * 1.15)
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower right", frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig
