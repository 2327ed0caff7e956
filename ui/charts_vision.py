"""Matplotlib figures of the vision pages (Classify, Feature maps, Grad-CAM).

Like ui/charts.py: each function takes plain numbers and already-translated words and returns a Figure;
the page turns it into PNG bytes once with ui.charts.cached_png (so moving an unrelated widget costs no
re-drawing) and shows them with st.image. Branch colours come from googlenet.viz.BRANCH_COLOURS.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from googlenet.viz import BRANCH_COLOURS, HEAT_CMAP, concat_band_image
from ui.charts import plt
from ui.palette import BASE, GRID_GREY, HIGHLIGHT


def top5_figure(names: Sequence[str], probs: Sequence[float], title: str, xlabel: str) -> Figure:
    """The best guesses as horizontal bars on the true 0..100% scale, the first one highlighted."""
    # Drawn at about the size it appears in its column, so the type stays large on a projector.
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    y = list(range(len(names)))
    ax.barh(y, probs, color=[HIGHLIGHT] + [BASE] * (len(names) - 1), height=0.65)
    ax.set_yticks(y, names, fontsize=16)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.12)  # probabilities on their true 0..1 scale: an unsure network shows short bars
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    for yi, p in zip(y, probs):
        ax.text(p + 0.01, yi, f"{p:.1%}", va="center", fontsize=15, fontweight="bold" if yi == 0 else "normal")
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def concat_figure(means: np.ndarray, slices: dict[str, slice], legend: Sequence[str], xlabel: str,
                  ylabel: str) -> Figure:
    """Mean activation per channel of a concatenated output, coloured by branch, with the band strip below.

    `slices` is {branch: its channels in the output}, in concatenation order (BlockAnatomy.branch_slices() or
    InceptionSpec.branch_slices()); `legend` one label per branch. A fifth branch onwards is drawn grey.
    """
    fig, (bars, strip) = plt.subplots(2, 1, figsize=(10, 4.5), height_ratios=[5, 1], sharex=True)
    for (branch, channels), label in zip(slices.items(), legend):
        bars.bar(np.arange(channels.start, channels.stop), means[channels], width=1.0, color=BRANCH_COLOURS.get(branch, GRID_GREY),
                 label=label)
        bars.axvline(channels.stop - 0.5, color=GRID_GREY, lw=0.8, ls=":")
    bars.set_ylabel(ylabel)
    # Plain tick labels: an untrained network's tiny values would otherwise get a "1e-12" multiplier on top.
    bars.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.2g}"))
    bars.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4, frameon=False, fontsize=13,
                handlelength=1.2, columnspacing=1.2, borderaxespad=0.2)
    bars.set_xlim(-0.5, len(means) - 0.5)
    strip.imshow(concat_band_image(means, [c.stop - c.start for c in slices.values()], px=1), aspect="auto", interpolation="nearest",
                 extent=(-0.5, len(means) - 0.5, 1, 0))
    strip.set_yticks([])
    strip.set_xlabel(xlabel)
    strip.spines[["left", "top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def heatmap_figure(heatmap: np.ndarray) -> Figure:
    """A Grad-CAM heat map (values 0..1), cell by cell; the values are written in when the grid is coarse
    enough to read them."""
    side = heatmap.shape[0]
    fig, ax = plt.subplots(figsize=(3.9, 3.4))   # drawn near the size it is shown at: the type stays large
    shown = ax.imshow(heatmap, cmap=HEAT_CMAP, vmin=0, vmax=1, interpolation="nearest")
    if side <= 14:
        for (r, c), v in np.ndenumerate(heatmap):
            # inferno grows lighter with the value: white type on the dark half, black on the light half.
            ax.text(c, r, f"{v:.2f}" if side <= 7 else f"{v:.1f}", ha="center", va="center",
                    fontsize=11 if side <= 7 else 8, color="white" if v < 0.55 else "black")
    ticks = range(0, side, max(1, side // 7))
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    ax.tick_params(labelsize=14)
    bar = fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
    bar.ax.tick_params(labelsize=14)
    fig.tight_layout()
    return fig
