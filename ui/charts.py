"""Matplotlib figure builders shared by the pages: big type, few colours, readable on a projector.

Each function takes plain numbers and already-translated words and returns a Figure; pages turn it into
PNG bytes once, cached by everything it shows (``cached_png(key, lang, draw)`` or
``chart_png(builder, *args)``), and show them with st.image: on a 2-core machine drawing one of these
figures takes about half a second, so a widget change that does not touch a chart must not redraw it.
The colours every chart module uses are defined here.
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
from matplotlib.ticker import FuncFormatter, PercentFormatter  # noqa: E402

from ui.style import apply_chart_style  # noqa: E402

apply_chart_style()

BASE = "#9fb3c8"        # ordinary bars
HIGHLIGHT = "#d62728"   # the selected one / GoogLeNet / after an ablation
BLUE = "#4e79a7"        # the reference: with 1x1 reductions, the intact network, conv weights
RED = "#e15759"         # the naive module, fully connected weights
GREY = "#bab0ac"
GRID_GREY = "#555555"   # notes and dividers
NAIVE, BOTTLENECK = RED, BLUE
SPLIT_COLOURS = (BLUE, RED, GREY)  # conv, fully connected, other


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


def show_figure(key: tuple, draw, where=st, **image_kw) -> None:
    """`draw()`'s figure, drawn once per `key` and language (cached_png), shown full width in `where`."""
    from googlenet.i18n import get_language

    where.image(cached_png(key, get_language(), draw), **{"width": "stretch", **image_kw})


def chart_png(draw, *args, **kwargs) -> bytes:
    """`draw(*args, **kwargs)`'s figure as PNG, through cached_png: keyed by the builder's name and its
    (hashable) arguments, which hold everything the figure shows, words included."""
    from googlenet.i18n import get_language

    key = (draw.__name__, args, tuple(sorted(kwargs.items())))
    return cached_png(key, get_language(), lambda: draw(*args, **kwargs))


def human(n: float, digits: int = 3) -> str:
    """1_582_671_872 -> "1.58G", 6_998_552 -> "7M", 9_408 -> "9.41K" (digits=2: "9.4K")."""
    for unit, scale in (("G", 1e9), ("M", 1e6), ("K", 1e3)):
        if abs(n) >= scale:
            return f"{n / scale:.{digits}g}{unit}" if n / scale < 100 else f"{n / scale:.0f}{unit}"
    return f"{n:.0f}"


def share_chart(names: Sequence[str], params_share: Sequence[float], macs_share: Sequence[float],
                selected: str | None, titles: tuple[str, str]) -> Figure:
    """Each layer's share of the network's parameters (left) and multiply-adds (right); the selected one in red."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 5.2), sharey=True)
    y = range(len(names))
    colours = [HIGHLIGHT if n == selected else BASE for n in names]
    for ax, values, title in zip(axes, (params_share, macs_share), titles):
        ax.barh(y, values, color=colours)
        ax.set_title(title)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlim(0, max(max(values), 0.01) * 1.3)
        for yi, v, c in zip(y, values, colours):
            ax.text(v, yi, f" {v:.1%}", va="center", fontsize=11,
                    fontweight="bold" if c == HIGHLIGHT else "normal")
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(list(y), names)
    axes[0].invert_yaxis()
    for label in axes[0].get_yticklabels():
        if label.get_text() == selected:
            label.set_color(HIGHLIGHT)
            label.set_fontweight("bold")
    fig.tight_layout()
    return fig


def branch_chart(branches: Sequence[str], naive: Sequence[tuple[int, int]], bottleneck: Sequence[tuple[int, int]],
                 titles: tuple[str, str], legend: tuple[str, str]) -> Figure:
    """Grouped bars per branch: parameters (left) and multiply-adds (right), naive vs with 1x1 reductions.

    `naive` and `bottleneck` hold (params, macs) per branch.
    """
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.8))
    x = range(len(branches))
    w = 0.38
    for i, (ax, title) in enumerate(zip(axes, titles)):
        a = [c[i] for c in naive]
        b = [c[i] for c in bottleneck]
        bars_a = ax.bar([xi - w / 2 for xi in x], a, w, color=NAIVE, label=legend[0])
        bars_b = ax.bar([xi + w / 2 for xi in x], b, w, color=BOTTLENECK, label=legend[1])
        for bars in (bars_a, bars_b):
            for bar in bars:
                ax.annotate(human(bar.get_height(), digits=2), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                            ha="center", va="bottom", fontsize=10, xytext=(0, 2), textcoords="offset points")
        ax.set_xticks(list(x), branches)
        ax.set_title(title)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: human(v)))
        ax.set_ylim(0, max(max(a), max(b), 1) * 1.18)
        ax.grid(axis="y", alpha=0.3)
    axes[1].legend(loc="upper right", frameon=False)
    fig.tight_layout()
    return fig


def family_scatter(names: Sequence[str], gflops: Sequence[float], top1: Sequence[float], params: Sequence[int],
                   xlabel: str, ylabel: str, size_note: str, highlight: str | None = None) -> Figure:
    """Top-1 accuracy against GFLOPs (log x), bubble area proportional to the parameter count."""
    fig, ax = plt.subplots(figsize=(10, 5.6))
    biggest = max(params)
    sizes = [150 + 3500 * p / biggest for p in params]
    colours = [HIGHLIGHT if n == highlight else BOTTLENECK for n in names]
    ax.scatter(gflops, top1, s=sizes, c=colours, alpha=0.55, edgecolors="black", linewidths=0.8)
    # Labels beside the bubbles; nudged where neighbours would collide.
    offsets = {"ResNet-18": (8, -22), "GoogLeNet": (10, 10), "MobileNet v2": (8, -20),
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
