"""The training lab's charts: live curves while a run trains, two matplotlib figures of finished runs (loss
and test accuracy of every run, gradient norm per block) and two Vega-Lite charts (the confusion matrix, a
digit's probabilities), which the browser draws and which show their numbers on hover.

The figures are drawn once per content and language (ui.charts.show_figure) and shown as PNGs, so moving an
unrelated widget does not redraw them. Words come from googlenet.i18n in the current language.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
import streamlit as st

from googlenet.digits import PHASES, RunCurves, grad_norm_series, smooth
from googlenet.i18n import t
from ui.charts import show_figure
from ui.palette import BLUE, GRID_GREY
from ui.training_runs import RunRecord, on_off

import matplotlib.pyplot as plt  # noqa: E402  (after ui.charts, which selects the Agg backend)
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator  # noqa: E402

FIGSIZE = (10, 4.5)
PLAIN = FuncFormatter(lambda v, _: f"{v:g}")   # 0.5 rather than 5 x 10^-1 on logarithmic axes
PHASE_STYLE = {"early": dict(marker="o", color="C0"), "late": dict(marker="s", color="C1")}


def plain_log_axis(ax) -> None:
    """Logarithmic y axis with plain tick labels, as many per decade as the range leaves room for."""
    ax.set_yscale("log")
    low, high = ax.get_ylim()
    span = high / max(low, 1e-30)
    subs = tuple(range(1, 10)) if span < 10 else (1, 2, 5) if span < 300 else (1,)
    ax.yaxis.set_major_locator(LogLocator(subs=[float(k) for k in subs], numticks=40))
    ax.yaxis.set_major_formatter(PLAIN)
    ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))


# ------------------------------------------------------------------------------------------------ live
def live_frames(curves: RunCurves) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The live charts' data: losses per step, and accuracy in % (training batches smoothed, test set per epoch)."""
    steps = pd.Index(curves.steps, name=t("train.chart.step"))
    loss = pd.DataFrame({t("train.series.total"): curves.losses, t("train.series.main"): curves.main_losses},
                        index=steps)
    test = pd.Series(np.nan, index=steps)
    test.loc[curves.epoch_steps] = curves.test_accuracies
    acc = pd.DataFrame({t("train.series.train_acc"): 100 * smooth(curves.accuracies),
                        t("train.series.test_acc"): 100 * test.ffill()}, index=steps)
    return loss, acc


def draw_live(box, curves: RunCurves) -> None:
    loss, acc = live_frames(curves)
    with box.container():
        c1, c2 = st.columns(2)
        c1.markdown(f"**{t('train.live.loss')}**")
        c1.line_chart(loss, height=280, x_label=t("train.chart.step"))
        c2.markdown(f"**{t('train.live.accuracy')}**")
        c2.line_chart(acc, height=280, x_label=t("train.chart.step"), y_label="%")
        c2.caption(t("train.live.accuracy.caption"))


# ------------------------------------------------------------------------------------------------ figures
def _curve_key(rec: RunRecord) -> tuple:
    c = rec.curves
    return (rec.number, rec.config.aux, tuple(c.steps), tuple(c.main_losses), tuple(c.epoch_steps),
            tuple(c.test_accuracies))


def loss_and_accuracy_figure(runs: Sequence[RunRecord]):
    """Smoothed main loss (log scale) and test accuracy per epoch of every run; dashed: with aux heads."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=FIGSIZE, sharex=True)
    for i, rec in enumerate(runs):
        c = rec.curves
        style = dict(color=f"C{i % 10}", linestyle="--" if rec.config.aux else "-", label=f"#{rec.number}")
        ax1.plot(c.steps, smooth(c.main_losses), **style)
        ax2.plot(c.epoch_steps, [100 * a for a in c.test_accuracies], marker="o", markersize=4, **style)
    plain_log_axis(ax1)
    ax1.set_title(t("train.chart.loss"))
    ax2.set_title(t("train.chart.test_acc"))
    ax2.set_ylabel("%")
    # From a round number below the lowest accuracy (at most 80%), so no point sits on the axis.
    lowest = min([85.0] + [100 * a for r in runs for a in r.curves.test_accuracies])
    ax2.set_ylim(max(0, 10 * (int(lowest - 5) // 10)), 100.5)
    for ax in (ax1, ax2):
        ax.set_xlabel(t("train.chart.step"))
        ax.grid(alpha=0.3)
    ax2.legend(title=t("train.chart.run"), loc="best")
    if not any(r.curves.test_accuracies for r in runs):  # every run stopped before its first epoch ended
        ax2.text(0.5, 0.5, t("train.chart.no_test"), transform=ax2.transAxes, ha="center", va="center",
                 color=GRID_GREY, wrap=True)
    fig.tight_layout()
    return fig


def show_history(runs: Sequence[RunRecord], name: str = "training_curves") -> None:
    """The finished runs' curves, with a PNG button (the live charts during a run have none)."""
    show_figure(("train.history", tuple(_curve_key(r) for r in runs)), lambda: loss_and_accuracy_figure(runs),
                name=name)


def grad_figure(rec: RunRecord, partner: RunRecord | None):
    """Mean gradient norm per block in the first and last fifth of `rec` (and the first fifth of `partner`)."""
    phases = {phase: rec.curves.phase_grad_norms(phase) for phase in PHASES}
    names = list(phases["early"])
    x = np.arange(len(names))
    fig, ax = plt.subplots(figsize=FIGSIZE)
    for phase, norms in phases.items():
        ax.plot(x, [norms[n] for n in names], **PHASE_STYLE[phase], label=t(f"train.grad.{phase}", n=rec.number))
    if partner is not None:
        other = partner.curves.phase_grad_norms("early")
        ax.plot(x, [other.get(n, np.nan) for n in names], marker="^", color="C2", linestyle="--",
                label=t("train.grad.partner", n=partner.number, aux=on_off(partner.config.aux)))
    plain_log_axis(ax)
    ax.set_xticks(x, names, rotation=30 if len(names) > 6 else 0)
    ax.set_ylabel(t("train.grad.ylabel"))
    ax.grid(alpha=0.3, which="major")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3 if partner is not None else 2, frameon=False,
              fontsize=12)
    fig.tight_layout()
    return fig


def show_gradients(rec: RunRecord, partner: RunRecord | None, name: str = "block_gradients") -> None:
    key = ("train.grad", rec.number, tuple(tuple(r.values()) for r in rec.curves.grad_norms),
           None if partner is None else (partner.number, partner.config.aux,
                                         tuple(partner.curves.phase_grad_norms("early").items())))
    show_figure(key, lambda: grad_figure(rec, partner), name=name)


def confusion_chart(confusion: np.ndarray, x_title: str, y_title: str, count_title: str) -> dict:
    """The confusion matrix as a Vega-Lite heat map (rows: true digit, columns: predicted digit), each
    non-zero count written in its cell; hovering a cell names it. Drawn by the browser: a new run or a
    loaded checkpoint costs the server no matplotlib figure."""
    top = int(confusion.max()) or 1
    values = [{"true": int(i), "pred": int(j), "count": int(n)} for (i, j), n in np.ndenumerate(confusion)]
    digit_axis = {"labelAngle": 0, "labelColor": "black", "titleColor": "black"}
    return {
        "datasets": {"confusion": values}, "data": {"name": "confusion"},
        "width": 420, "height": 420,
        "encoding": {
            "x": {"field": "pred", "type": "ordinal", "title": x_title, "axis": {**digit_axis, "orient": "bottom"}},
            "y": {"field": "true", "type": "ordinal", "title": y_title, "axis": digit_axis},
        },
        "layer": [
            {"mark": {"type": "rect"},
             "encoding": {
                 "color": {"field": "count", "type": "quantitative", "legend": None,   # 0: white paper
                           "scale": {"domain": [0, top], "range": ["#ffffff", "#08306b"], "interpolate": "rgb"}},
                 "tooltip": [{"field": "true", "type": "ordinal", "title": y_title},
                             {"field": "pred", "type": "ordinal", "title": x_title},
                             {"field": "count", "type": "quantitative", "title": count_title}]}},
            {"mark": {"type": "text", "fontSize": 13},
             "transform": [{"filter": "datum.count > 0"}],
             "encoding": {"text": {"field": "count", "type": "quantitative"},
                          "color": {"condition": {"test": f"datum.count > {top / 2}", "value": "white"},
                                    "value": "black"}}},
        ],
        "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 14, "titleFontSize": 15}},
    }


def digit_probabilities_chart(probabilities: Sequence[float], title: str, x_title: str, y_title: str) -> dict:
    """The ten digits' probabilities as bars in percent, with labels big enough for a projector, as a
    Vega-Lite spec for st.vega_lite_chart (hovering a bar shows its value). A plain dict: Altair's schema
    check cost more than the prediction itself on every move of the "try it" slider."""
    values = [{"digit": str(d), "percent": 100 * float(p)} for d, p in enumerate(probabilities)]
    return {
        "datasets": {"probabilities": values}, "data": {"name": "probabilities"},  # (a named data set: with
        "height": 220,                                                     # inline values the title was clipped)
        "title": title,
        "mark": {"type": "bar", "color": BLUE},
        "encoding": {
            "x": {"field": "digit", "type": "nominal", "title": x_title, "sort": None, "axis": {"labelAngle": 0}},
            "y": {"field": "percent", "type": "quantitative", "title": y_title, "scale": {"domain": [0, 100]}},
            "tooltip": [{"field": "digit", "type": "nominal", "title": x_title},
                        {"field": "percent", "type": "quantitative", "title": y_title, "format": ".1f"}],
        },
        "config": {"axis": {"labelFontSize": 15, "titleFontSize": 15}, "title": {"fontSize": 16}},
    }


# ------------------------------------------------------------------------------------------------ experiments
def experiment_figure(runs: Sequence[tuple[str, RunRecord]], floor: float | None = None,
                      guess: float | None = None, floor_label: str = "", guess_label: str = ""):
    """An experiment's runs side by side in two panels: the smoothed training (main) loss on a log scale, where a
    softmax floor or the loss of guessing can be drawn as a dotted line, and the test accuracy per epoch.
    `runs` are (legend label, run) pairs."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=FIGSIZE, sharex=True)
    for i, (label, rec) in enumerate(runs):
        c = rec.curves
        ax1.plot(c.steps, smooth(c.main_losses), color=f"C{i}", label=label)
        ax2.plot(c.epoch_steps, [100 * a for a in c.test_accuracies], color=f"C{i}", marker="o", markersize=4,
                 label=label)
    for value, text in ((floor, floor_label), (guess, guess_label)):
        if value is not None:
            ax1.axhline(value, color=GRID_GREY, linestyle=":", linewidth=2, label=text)
    plain_log_axis(ax1)
    ax1.set_title(t("trainexp.chart.loss"))
    ax2.set_title(t("trainexp.chart.test_acc"))
    ax2.set_ylabel("%")
    ax2.set_ylim(0, 100.5)
    for ax in (ax1, ax2):
        ax.set_xlabel(t("train.chart.step"))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))   # steps are whole numbers
        ax.grid(alpha=0.3)
    ax1.legend(loc="best", fontsize=10)
    fig.tight_layout()
    return fig


def show_experiment(runs: Sequence[tuple[str, RunRecord]], floor: float | None = None, guess: float | None = None,
                    floor_label: str = "", guess_label: str = "", name: str = "experiment") -> None:
    key = ("train.experiment", tuple((label, _curve_key(rec)) for label, rec in runs), floor, guess, floor_label,
           guess_label)
    show_figure(key, lambda: experiment_figure(runs, floor, guess, floor_label, guess_label), name=name)


def grad_series_figure(runs: Sequence[tuple[str, RunRecord]]):
    """Each block's gradient norm over the training steps (smoothed, log scale), one panel per run, side by side
    on a shared axis. Colours run from dark (the block nearest the input) to light (nearest the output)."""
    fig, axes = plt.subplots(1, len(runs), figsize=FIGSIZE, sharey=True, squeeze=False)
    for ax, (title, rec) in zip(axes[0], runs):
        series = grad_norm_series(rec.curves)
        colours = plt.cm.viridis(np.linspace(0, 0.9, max(len(series), 1)))
        for colour, (name, values) in zip(colours, series.items()):
            ax.plot(rec.curves.steps, values, color=colour, label=name, linewidth=1.5)
        ax.set_title(title)
        ax.set_xlabel(t("train.chart.step"))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))   # steps are whole numbers
        ax.grid(alpha=0.3, which="major")
    axes[0][0].set_ylabel(t("trainexp.gradseries.ylabel"))
    if any(ax.get_lines() for ax in axes[0]):
        plain_log_axis(axes[0][0])
    handles, labels = max((ax.get_legend_handles_labels() for ax in axes[0]), key=lambda hl: len(hl[0]))
    axes[0][-1].legend(handles, labels, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9, frameon=False,
                       ncol=2 if len(handles) > 12 else 1)   # beside the last panel: the blocks, input first
    fig.tight_layout()
    return fig


def show_grad_series(runs: Sequence[tuple[str, RunRecord]], name: str = "gradient_series") -> None:
    key = ("train.grad_series", tuple((title, rec.number, tuple(tuple(r.values()) for r in rec.curves.grad_norms))
                                      for title, rec in runs))
    show_figure(key, lambda: grad_series_figure(runs), name=name)
