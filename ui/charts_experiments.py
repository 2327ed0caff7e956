"""Figures and on-screen names for the three experiment pages: branch ablation, preprocessing, receptive fields.

Like ui/charts.py, each figure builder takes plain numbers and already-translated words and returns a
Figure (the pages turn it into PNG bytes once with ui.charts.cached_png).
"""
from __future__ import annotations

from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator, PercentFormatter  # noqa: E402

from googlenet.ablation import ALL_BLOCKS  # noqa: E402
from googlenet.i18n import t  # noqa: E402
from ui.palette import BLUE, HIGHLIGHT  # noqa: E402
from ui.labels import block_label as inception_label  # noqa: E402

INTACT_COLOUR, ABLATED_COLOUR = BLUE, HIGHLIGHT
CHANNEL_COLOURS = ("#d62728", "#2ca02c", "#1f77b4")  # R, G, B


# ----------------------------------------------------------------------------------------- names

def block_label(block: str) -> str:
    """"Inception 4a", or "All nine blocks at once" for the ablation's ALL_BLOCKS choice."""
    if block == ALL_BLOCKS:
        return t("exp.abl.block.all")
    return inception_label(block)


def stage_label(stage: str) -> str:
    """"conv1 (7×7/2)", "max pool 2 (3×3/2)", "Inception 4a"…"""
    if stage.startswith("inception"):
        return block_label(stage)
    return t(f"exp.rf.name.{stage}")


def branch_label(branch: str) -> str:
    """"Branch 1: 1×1" … "Branch 4: 3×3 max pool → 1×1"."""
    return t(f"exp.abl.{branch}")


# ----------------------------------------------------------------------------------------- figures

def comparison_figure(names: Sequence[str], intact: Sequence[float], ablated: Sequence[float],
                      title: str, xlabel: str, legend: tuple[str, str]) -> Figure:
    """Grouped horizontal bars per class: intact (blue) against ablated (red) probability, values written in."""
    fig, ax = plt.subplots(figsize=(8, 0.7 * len(names) + 1.8))
    y = np.arange(len(names))
    h = 0.38
    ax.barh(y - h / 2, intact, h, color=INTACT_COLOUR, label=legend[0])
    ax.barh(y + h / 2, ablated, h, color=ABLATED_COLOUR, label=legend[1])
    top = max(max(intact), max(ablated), 1e-6)
    for yi, va, vb in zip(y, intact, ablated):
        ax.text(va + top * 0.01, yi - h / 2, f"{va:.1%}", va="center", fontsize=12)
        ax.text(vb + top * 0.01, yi + h / 2, f"{vb:.1%}", va="center", fontsize=12)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.22)
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=None))
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", pad=34)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False, borderaxespad=0.2)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def scan_figure(labels: Sequence[str], shifts: Sequence[float], xlabel: str) -> Figure:
    """One bar per branch: the change of the top class's probability (0..1 units, drawn in percentage points)."""
    fig, ax = plt.subplots(figsize=(8, 3.4))
    y = np.arange(len(labels))
    pp = [s * 100 for s in shifts]
    ax.barh(y, pp, color=[ABLATED_COLOUR if v < 0 else INTACT_COLOUR for v in pp], height=0.6)
    span = max(max(abs(v) for v in pp), 0.1)
    for yi, v in zip(y, pp):
        ax.text(v + (span * 0.02 if v >= 0 else -span * 0.02), yi, f"{v:+.2f}" if span < 1 else f"{v:+.1f}",
                va="center", ha="left" if v >= 0 else "right", fontsize=13)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(-span * 1.3, span * 1.3)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def histogram_figure(panels: Sequence[tuple[str, np.ndarray]]) -> Figure:
    """Value histograms side by side, one panel per (title, values of shape (3, N)), one colour per channel."""
    fig, axes = plt.subplots(1, len(panels), figsize=(12, 3.6), squeeze=False)
    for ax, (title, values) in zip(axes[0], panels):
        lo, hi = float(values.min()), float(values.max())
        edges = np.linspace(lo, hi, 61) if hi > lo else 60
        for channel, colour, name in zip(values, CHANNEL_COLOURS, "RGB"):
            ax.hist(channel, bins=edges, histtype="stepfilled", alpha=0.35, color=colour, label=name)
            ax.hist(channel, bins=edges, histtype="step", color=colour, linewidth=1.2)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_title(title, fontsize=14, loc="left")
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
    fig.legend(*axes[0][0].get_legend_handles_labels(), frameon=False, loc="upper right", ncol=3)
    fig.tight_layout(rect=(0, 0, 1, 0.9))   # room above the panels for the legend: it never covers a peak
    return fig
