"""The training lab's sections, drawn from a run record and the package's analysis (app_pages/training.py
decides which to draw). Nothing here computes a verdict: googlenet.digits.analysis does."""
from __future__ import annotations

import time

import numpy as np
import pandas as pd
import streamlit as st

from googlenet.digits import (
    SAME_THRESHOLD_PP, AuxComparison, DigitsData, GradientVerdict, TrainConfig, Trainer, compare_aux,
    count_parameters, gradient_verdict, worst_confusion,
)
from googlenet.i18n import t
from ui.charts_training import confusion_chart, draw_live, show_grad_series, show_gradients, show_history
from ui.downloads import show_table, show_vega
from ui.training_downloads import downloads_row
from ui.training_runs import RunHistory, RunRecord, data_name, data_sizes_label, percent, settings_label, status_label

DRAW_EVERY_S = 0.5                # live charts are redrawn at most twice a second


# ------------------------------------------------------------------------------------------------ training
def train_live(runs: RunHistory, cfg: TrainConfig, data: DigitsData) -> RunRecord:
    """Train one run here on `data` (the split of cfg.dataset), with a progress bar and live curves; it joins
    the history at its first step."""
    trainer = Trainer(cfg, data)
    rec = runs.start(trainer)
    st.subheader(t("train.live.title", n=rec.number, label=settings_label(cfg)))
    bar = st.progress(0.0)
    box = st.empty()
    last_draw = 0.0
    for report in trainer.run():
        rec.update(report)
        now = time.monotonic()
        if report.step == report.total_steps or report.test_accuracy is not None or now - last_draw > DRAW_EVERY_S:
            bar.progress(min(1.0, report.fraction),
                         text=t("train.progress", step=report.step, total=report.total_steps, epoch=report.epoch,
                                loss=report.loss, elapsed=report.elapsed))
            draw_live(box, rec.curves)
            last_draw = now
    if rec.finish():  # False: a newer script run stopped this one meanwhile and has finished it
        box.empty()  # the finished run's curves are drawn below, with all the others
        bar.progress(1.0, text=t("train.live.done", n=rec.number, acc=percent(rec.test_accuracy),
                                 elapsed=rec.curves.elapsed))
    return rec


# ------------------------------------------------------------------------------------------------ results
def metrics_row(rec: RunRecord) -> None:
    c = rec.curves
    n_train, n_test = rec.data.sizes
    st.markdown(t("train.metric.data", n=rec.number, data=data_name(rec.config.dataset), n_train=n_train,
                  n_test=n_test))
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("train.metric.test_acc"), percent(rec.test_accuracy))
    m2.metric(t("train.metric.time"), f"{c.elapsed:.1f} s" if c.steps else "–")
    m3.metric(t("train.metric.steps"), f"{len(c.steps)} / {c.total_steps}" if c.steps else "–")
    trunk = count_parameters(rec.model, include_aux=False)
    m4.metric(t("train.metric.params"), f"{trunk:,}",
              help=t("train.metric.params.help", aux=count_parameters(rec.model) - trunk))


def history_section(runs: RunHistory) -> None:
    trained = [r for r in runs if r.trained_here]
    if trained:
        st.subheader(t("train.history.title"))
        show_history(trained)
        st.caption(t("train.history.caption"))
    table = pd.DataFrame({
        t("train.history.table.run"): [f"#{r.number}" for r in runs],
        t("train.history.table.settings"): [settings_label(r.config) for r in runs],
        t("train.history.table.data"): [data_sizes_label(r.config.dataset) for r in runs],
        t("train.history.table.acc"): [percent(r.test_accuracy) for r in runs],
        t("train.history.table.time"): [f"{r.curves.elapsed:.1f}" if r.trained_here else "–" for r in runs],
        t("train.history.table.status"): [status_label(r) for r in runs],
    })
    show_table(table, "training_runs", hide_index=True, width="stretch")
    c1, c2 = st.columns([1, 3])
    c1.button(t("train.history.clear"), key="train_clear", on_click=runs.clear)
    with c2:
        downloads_row(runs)


def verdict_section(runs: RunHistory) -> AuxComparison | None:
    """The honest verdict: computed from this session's runs, never written in advance."""
    st.subheader(t("train.verdict.title"))
    c = compare_aux(list(runs))
    if c is None:
        st.info(t("train.verdict.none"))
    else:
        text = t("train.verdict.numbers", a=c.with_aux.number, b=c.without_aux.number,
                 acc_with=100 * c.with_aux.test_accuracy, acc_without=100 * c.without_aux.test_accuracy,
                 diff=c.accuracy_gain, loss_with=c.loss_with, loss_without=c.loss_without)
        text += "\n\n" + t(f"train.verdict.{c.verdict}", threshold=SAME_THRESHOLD_PP)
        if np.isfinite(c.first_block_ratio):
            text += "\n\n" + t("train.verdict.grad", block=c.first_block, ratio=c.first_block_ratio)
        (st.info if c.verdict == "same" else st.success)(text)
    with st.expander(t("train.why.title"), expanded=c is not None and c.verdict == "same"):
        st.markdown(t("train.why.body"))
    return c


RECOVERY_WORTH_SAYING = 2.0   # "it grows again nearer the input" only when it clearly does


def gradient_text(rec: RunRecord, v: GradientVerdict) -> str:
    phase = t(f"train.grad.phase.{v.phase}") if v.phase else ""
    text = t(f"train.grad.{v.kind}", n=rec.number, block=v.block, last=v.last, factor=v.factor, phase=phase)
    if v.kind == "vanish" and rec.config.aux and v.recovery > RECOVERY_WORTH_SAYING:
        text += " " + t("train.grad.recovery", first=v.first, block=v.block, recovery=v.recovery)
    return text


def gradient_section(rec: RunRecord, comparison: AuxComparison | None) -> None:
    st.subheader(t("train.grad.title"))
    if not rec.curves.grad_norms:
        st.info(t("train.grad.none" if rec.status == "loaded" else "train.grad.no_steps", n=rec.number))
        return
    show_gradients(rec, comparison.partner_of(rec) if comparison is not None else None)
    st.caption(t("train.grad.caption"))
    verdict = gradient_verdict(rec.curves)
    if verdict is not None:
        st.markdown(gradient_text(rec, verdict))
    st.markdown(f"**{t('trainexp.gradseries.title')}**")   # the same norms step by step
    show_grad_series([(t("trainexp.gradseries.run", n=rec.number), rec)])
    st.caption(t("trainexp.gradseries.caption", n=rec.number))


def confusion_section(rec: RunRecord) -> None:
    st.subheader(t("train.confusion.title"))
    if rec.evaluation is None:
        st.info(t("train.not_evaluated", n=rec.number))
        return
    left, right = st.columns([3, 2])
    with left:
        show_vega(confusion_chart(rec.evaluation.confusion, t("train.confusion.pred"), t("train.confusion.true"),
                                  t("train.confusion.count")), "confusion_matrix", width="content")
    with right:
        st.caption(t("train.confusion.caption"))
        worst = worst_confusion(rec.evaluation.confusion)
        if worst is None:
            st.markdown(t("train.confusion.perfect", n=int(rec.evaluation.confusion.sum())))
        else:
            st.markdown(t("train.confusion.worst", true=worst.true, pred=worst.predicted, count=worst.count))
