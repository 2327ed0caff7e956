"""The training lab's experiments (the seed articles' claims, run live): auxiliary heads on/off, the softmax
before CrossEntropyLoss, and plain vs residual (He et al.'s degradation experiment in miniature).

One button per experiment trains its runs one after the other (googlenet.digits.experiment_configs decides
which); the results draw the runs' curves side by side and a verdict that googlenet.digits.analysis computes
from their numbers (compare_softmax, compare_residual): every sentence here is chosen by a number, never
written in advance.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
import streamlit as st

from googlenet.digits import (
    DEEP_NO_BN, DEGRADATION_MARGIN, EXPERIMENTS, RESIDUAL_PRESETS, SAME_THRESHOLD_PP, SEED_NET_DEPTH, SEED_PRESETS,
    VANISH_FACTOR, AuxComparison, ResidualComparison, SoftmaxComparison, TrainConfig, compare_residual,
    compare_softmax, experiment_configs, load_split, softmax_loss_range,
)
from googlenet.i18n import t
from ui.charts_training import show_experiment, show_grad_series
from ui.training_runs import RunHistory, RunRecord, on_off, percent
from ui.training_sections import train_live

KIND_KEY = "trainexp_kind"             # which experiment the panel shows
AUX_DEEP_KEY = "trainexp_aux_deep"     # the aux experiment on the deep no-BatchNorm net (DEEP_NO_BN)


class Experiment(NamedTuple):
    kind: str                          # "aux" | "softmax" | "residual"
    configs: list[TrainConfig]         # its runs, in the order they are trained


def panel_state(config: TrainConfig, aux_possible: bool) -> tuple:
    """What the experiment buttons depend on: a settings change that alters it must redraw them (the settings
    form is a fragment and reruns alone)."""
    return aux_possible, tuple((c.preset, c.depth) for c in experiment_configs("residual", config))


# ------------------------------------------------------------------------------------------------ the buttons
def experiments_panel(config: TrainConfig, aux_possible: bool) -> Experiment | None:
    """The three experiments, one at a time (a choice, not tabs: the page's tabs are the "try the network" ones),
    with what the chosen one tests and its button; returns the experiment whose button was clicked."""
    st.header(t("trainexp.title"))
    st.caption(t("trainexp.intro"))
    kind = st.radio(t("trainexp.choose"), EXPERIMENTS, key=KIND_KEY, horizontal=True, persist_state="session",
                    format_func=lambda k: t(f"trainexp.tab.{k}"))
    with st.container(border=True):
        return {"aux": aux_panel, "softmax": softmax_panel, "residual": residual_panel}[kind](config, aux_possible)


def aux_panel(config: TrainConfig, aux_possible: bool) -> Experiment | None:
    st.markdown(t("trainexp.aux.body"))
    deep = st.toggle(t("trainexp.aux.deep", depth=DEEP_NO_BN["depth"]), False, key=AUX_DEEP_KEY,
                     help=t("trainexp.aux.deep.help", depth=DEEP_NO_BN["depth"]), persist_state="session")
    possible = aux_possible or deep
    reason = ("train.compare.help" if possible else
              "train.aux.residual_help" if config.preset in RESIDUAL_PRESETS else "train.aux.none_help")
    if st.button(t("train.compare"), key="train_compare", disabled=not possible, help=t(reason)):
        return Experiment("aux", experiment_configs("aux", config, deep_no_bn=deep))
    return None


def softmax_panel(config: TrainConfig, aux_possible: bool) -> Experiment | None:
    bounds = softmax_loss_range()
    st.markdown(t("trainexp.softmax.body", floor=bounds.floor, uniform=bounds.uniform))
    if st.button(t("trainexp.softmax.button"), key="trainexp_softmax", help=t("trainexp.softmax.button.help")):
        return Experiment("softmax", experiment_configs("softmax", config))
    return None


def residual_panel(config: TrainConfig, aux_possible: bool) -> Experiment | None:
    configs = experiment_configs("residual", config)
    st.markdown(t("trainexp.residual.body"))
    if len(configs) == 3:
        st.markdown(t("trainexp.residual.trio", deep=configs[0].depth, shallow=configs[2].depth))
    else:
        st.info(t("trainexp.residual.seed_pair"))
    if st.button(t("trainexp.residual.button", n=len(configs)), key="trainexp_residual",
                 help=t("trainexp.residual.button.help")):
        return Experiment("residual", configs)
    return None


def run_experiment(runs: RunHistory, experiment: Experiment) -> list[RunRecord]:
    """Train the experiment's runs one after the other, each with its own progress bar and live curves, under a
    bar that counts the runs. A Stop click ends the run in progress and the rest are not started."""
    name, n = t(f"trainexp.name.{experiment.kind}"), len(experiment.configs)
    overall = st.progress(0.0)
    done = []
    for i, cfg in enumerate(experiment.configs, start=1):
        overall.progress((i - 1) / n, text=t("trainexp.progress", name=name, i=i, n=n))
        done.append(train_live(runs, cfg, load_split(cfg.dataset)))
    overall.progress(1.0, text=t("trainexp.progress", name=name, i=n, n=n))
    return done


# ------------------------------------------------------------------------------------------------ results
def aux_gradients(c: AuxComparison) -> None:
    """The aux pair's gradient norms over the steps, side by side: where the heads feed the early blocks."""
    st.markdown(f"**{t('trainexp.gradseries.title')}**")
    show_grad_series([(t("trainexp.gradseries.panel", n=r.number, aux=on_off(r.config.aux)), r)
                      for r in (c.with_aux, c.without_aux)], name="aux_gradient_series")
    st.caption(t("trainexp.gradseries.aux_caption", a=c.with_aux.number, b=c.without_aux.number))


def result(kind: str, labelled: list, verdict: str, **lines) -> None:
    """An experiment's result: its title, the runs' curves side by side (with `lines`: a floor, the loss of
    guessing), what the figure shows, and the computed verdict."""
    st.subheader(t(f"trainexp.{kind}.title"))
    show_experiment(labelled, **lines, name=f"experiment_{kind}")
    st.caption(t(f"trainexp.{kind}.caption"))
    st.markdown(verdict)


def softmax_text(c: SoftmaxComparison) -> str:
    parts = [t("trainexp.softmax.numbers", a=c.correct.number, b=c.buggy.number, loss_correct=c.loss_correct,
               loss_buggy=c.loss_buggy, lowest=c.lowest_buggy, floor=c.floor,
               acc_correct=100 * c.correct.test_accuracy, acc_buggy=100 * c.buggy.test_accuracy,
               gap=c.accuracy_gap),
             t(f"trainexp.softmax.{c.verdict}", gap=abs(c.accuracy_gap), threshold=SAME_THRESHOLD_PP,
               first_correct=100 * c.first_test_correct, first_buggy=100 * c.first_test_buggy)]
    if c.verdict != "buggy_worse":   # the accuracy survived the bug: say why, and what it broke instead
        parts.append(t("trainexp.softmax.why", floor=c.floor))
    if np.isfinite(c.grad_ratio):
        parts.append(t("trainexp.softmax.grad", ratio=c.grad_ratio))
    return "\n\n".join(parts)


def softmax_section(runs: RunHistory) -> SoftmaxComparison | None:
    """The newest right/buggy pair: their curves (with the buggy loss's floor) and the computed verdict."""
    c = compare_softmax(list(runs))
    if c is not None:
        result("softmax", [(t("trainexp.run.correct", n=c.correct.number), c.correct),
                           (t("trainexp.run.buggy", n=c.buggy.number), c.buggy)], softmax_text(c),
               floor=c.floor, floor_label=t("trainexp.chart.floor", floor=c.floor))
    return c


def blocks_of(cfg: TrainConfig) -> int:
    return SEED_NET_DEPTH if cfg.preset in SEED_PRESETS else cfg.depth


def residual_legend(rec) -> str:
    kind = "residual" if rec.config.shortcuts else "plain"
    return t(f"trainexp.run.{kind}", n=rec.number, depth=blocks_of(rec.config))


def residual_text(c: ResidualComparison) -> str:
    losses = dict(loss_plain=c.loss_plain, loss_residual=c.loss_residual, loss_shallow=c.loss_shallow,
                  margin=DEGRADATION_MARGIN)
    if c.shallow is not None:
        parts = [t("trainexp.residual.numbers", a=c.plain.number, b=c.residual.number, c=c.shallow.number,
                   deep=blocks_of(c.plain.config), shallow=blocks_of(c.shallow.config),
                   acc_a=percent(c.plain.test_accuracy), acc_b=percent(c.residual.test_accuracy),
                   acc_c=percent(c.shallow.test_accuracy), **losses)]
    else:
        parts = [t("trainexp.residual.numbers_pair", a=c.plain.number, b=c.residual.number,
                   acc_a=percent(c.plain.test_accuracy), acc_b=percent(c.residual.test_accuracy), **losses)]
    better = t("trainexp.residual.better" if c.residual_better else "trainexp.residual.not_better", **losses)
    if c.degradation is None:        # no shallower net: nothing to measure degradation against
        parts += [t("trainexp.residual.no_shallow"), better]
    elif c.degradation:
        parts.append(t("trainexp.residual.degradation", **losses))
        outcome = "removed" if c.removed else "reduced" if c.residual_better else "kept"
        parts.append(t(f"trainexp.residual.{outcome}", **losses))
    else:
        parts += [t("trainexp.residual.no_degradation", **losses), better]
    ratio = c.plain_grad_ratio
    if np.isfinite(ratio) and ratio > 0:
        if ratio > VANISH_FACTOR:
            parts.append(t("trainexp.residual.grad_vanish", ratio=ratio))
        else:
            text = t("trainexp.residual.grad_ok", ratio=ratio, vanish=VANISH_FACTOR)
            parts.append(text + (" " + t("trainexp.residual.grad_ok_degraded") if c.degradation else ""))
    return "\n\n".join(parts)


def residual_section(runs: RunHistory) -> ResidualComparison | None:
    """The newest plain/residual pair (and shallower plain net): training losses side by side, the verdict."""
    c = compare_residual(list(runs))
    if c is not None:
        guess = softmax_loss_range().uniform     # every digit 1/10: the loss of a net that learnt nothing
        result("residual", [(residual_legend(r), r) for r in c.runs()], residual_text(c), guess=guess,
               guess_label=t("trainexp.chart.guess", value=guess))
    return c
