"""The training lab's runs as one picture to download (PNG): loss and accuracy per training step for every run,
the legend naming each run's number, settings and final test accuracy, the words in the user's language.

Made only when the download button is clicked, and then outside the page's script run (Streamlit calls the
button's data function on its own): so the language and the runs' labels are fixed while the page is drawn
(:func:`png_labels`), and the figure is a plain matplotlib ``Figure`` (no pyplot state shared between threads)
with a CJK font registered (ui.style), so Chinese is not drawn as boxes.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from googlenet.digits import smooth
from googlenet.i18n import get_language, t
from ui.charts_training import plain_log_axis
from ui.style import apply_chart_style
from ui.training_runs import RunRecord, percent, settings_label

FIGSIZE = (13.0, 6.0)      # inches; the legend below adds half an inch per row
DPI = 110


@dataclass(frozen=True)
class RunLine:
    """One run as the picture draws it: a copy of its curves at the moment of the click."""
    number: int
    label: str                      # "#3 · settings · final test accuracy 97.1%", in the page's language
    aux: bool
    steps: np.ndarray
    main_losses: np.ndarray
    accuracies: np.ndarray          # on the training batches, 0..1
    epoch_steps: np.ndarray
    test_accuracies: np.ndarray     # on the test set at the end of each epoch, 0..1


def png_labels(runs: Sequence[RunRecord], lang: str | None = None) -> dict[int, str]:
    """Each run's legend entry, in the page's language (made while the page is drawn)."""
    lang = lang or get_language()
    return {rec.number: f"#{rec.number} · {settings_label(rec.config)} · "
                        f"{t('train_png.final', lang=lang, acc=percent(rec.test_accuracy))}" for rec in runs}


def run_lines(runs: Sequence[RunRecord], labels: dict[int, str]) -> list[RunLine]:
    """The runs' curves as they are now (a run still training may have one step more in one list than in
    another: each pair is cut to the shorter)."""
    lines = []
    for rec in runs:
        c = rec.curves
        steps, losses, accs = list(c.steps), list(c.main_losses), list(c.accuracies)
        n = min(len(steps), len(losses), len(accs))
        epochs, tests = list(c.epoch_steps), list(c.test_accuracies)
        m = min(len(epochs), len(tests))
        lines.append(RunLine(rec.number, labels.get(rec.number, f"#{rec.number}"), bool(rec.config.aux),
                             np.asarray(steps[:n], float), np.asarray(losses[:n], float), np.asarray(accs[:n], float),
                             np.asarray(epochs[:m], float), np.asarray(tests[:m], float)))
    return lines


def curves_figure(lines: Sequence[RunLine], lang: str) -> Figure:
    """Left: each run's main loss per step (smoothed, log scale). Right: its accuracy on the training batches
    per step (smoothed, line) and on the test set at each epoch's end (dots). One colour per run; dashed: with
    auxiliary classifiers, as on the page."""
    apply_chart_style()
    rows = len(lines)
    fig = Figure(figsize=(FIGSIZE[0], FIGSIZE[1] + 0.45 * rows), dpi=DPI, layout="constrained")
    ax_loss, ax_acc = fig.subplots(1, 2)
    handles = []
    for i, line in enumerate(lines):
        colour = f"C{i % 10}"
        style = dict(color=colour, linestyle="--" if line.aux else "-", linewidth=1.8)
        if len(line.steps):
            ax_loss.plot(line.steps, smooth(line.main_losses), **style)
            ax_acc.plot(line.steps, 100 * smooth(line.accuracies), alpha=0.8, **style)
        if len(line.epoch_steps):
            ax_acc.plot(line.epoch_steps, 100 * line.test_accuracies, linestyle="none", marker="o", markersize=6,
                        color=colour)
        label = line.label if len(line.steps) else f"{line.label} · {t('train_png.no_steps', lang=lang, n=line.number)}"
        handles.append(Line2D([], [], label=label, **style))
    if any(len(line.steps) for line in lines):
        plain_log_axis(ax_loss)
    ax_loss.set_title(t("train_png.loss", lang=lang), loc="left")
    ax_loss.set_ylabel(t("train_png.loss_axis", lang=lang))
    ax_acc.set_title(t("train_png.accuracy", lang=lang), loc="left")
    ax_acc.set_ylabel(t("train_png.acc_axis", lang=lang))
    ax_acc.set_ylim(0, 100.5)
    for ax in (ax_loss, ax_acc):
        ax.set_xlabel(t("train_png.step", lang=lang))
        ax.grid(alpha=0.3)
    ax_acc.annotate(t("train_png.style", lang=lang), xy=(1.0, 0.0), xycoords="axes fraction", xytext=(0, -48),
                    textcoords="offset points", ha="right", va="top", fontsize=11, color="0.3")
    fig.suptitle(t("train_png.title", lang=lang), x=0.01, ha="left", fontsize=17)
    fig.legend(handles=handles, title=t("train.chart.run", lang=lang), loc="outside lower left", ncol=1,
               frameon=False, fontsize=12, title_fontsize=12, alignment="left")
    return fig


def curves_png(lines: Sequence[RunLine], lang: str) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    curves_figure(lines, lang).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def runs_png(runs: Sequence[RunRecord], labels: dict[int, str], lang: str) -> bytes:
    """Every run's curves as PNG bytes: what the download button writes when it is clicked."""
    return curves_png(run_lines(runs, labels), lang)
