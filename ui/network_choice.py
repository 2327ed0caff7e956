"""The "Network" choice of the explainer pages (feature maps, ablation, Grad-CAM): GoogLeNet, or a network
trained in the training lab (or loaded there from saved weights) in this session.

Offered only when the session has finished runs: a running run's weights still change. These pages explain
Inception blocks, so a run whose network has none (the residual nets) is not offered; a caption names the runs
left out and why. Each page keeps its choice under its own widget key (e.g. "fm_network"), so the pages do not
move each other's choice.
"""
from __future__ import annotations

import streamlit as st

from googlenet.i18n import t
from googlenet.network_anatomy import inception_blocks
from ui.training_runs import RunHistory, RunRecord, percent, settings_label

GOOGLENET = "googlenet"  # the choice's value for GoogLeNet; a lab run's is "run<number>"
FINISHED = ("done", "stopped", "loaded")


def finished_runs() -> dict[str, RunRecord]:
    """This session's finished runs, keyed by their choice value ("run1", ...), oldest first."""
    return {f"run{r.number}": r for r in RunHistory() if r.status in FINISHED}


def has_inception_blocks(rec: RunRecord) -> bool:
    """Whether the run's network has an Inception block (read from the network itself, not from its preset)."""
    return bool(inception_blocks(rec.model))


def offered_runs() -> tuple[dict[str, RunRecord], list[RunRecord]]:
    """(the finished runs these pages can explain, the finished runs left out: no Inception block)."""
    runs = finished_runs()
    offered = {choice: r for choice, r in runs.items() if has_inception_blocks(r)}
    return offered, [r for choice, r in runs.items() if choice not in offered]


def network_label(choice: str, runs: dict[str, RunRecord]) -> str:
    if choice == GOOGLENET:
        return t("fmaps.network.googlenet")
    rec = runs[choice]
    return t("fmaps.network.lab", n=rec.number, settings=settings_label(rec.config), acc=percent(rec.test_accuracy))


def choose_network(key: str, help_key: str, none_key: str) -> RunRecord | None:
    """The "Network" selectbox under widget key `key` (drawn only when this session has finished lab runs with
    Inception blocks, otherwise the caption `none_key` says how to get one). Returns the chosen run; None means
    GoogLeNet."""
    runs, left_out = offered_runs()
    if left_out:
        st.caption(t("train.explainers.left_out", runs=", ".join(f"#{r.number}" for r in left_out)))
    if not runs:
        st.session_state.pop(key, None)
        st.caption(t(none_key))
        return None
    options = [GOOGLENET, *runs]
    if st.session_state.get(key) not in options:   # e.g. the history was cleared since
        st.session_state[key] = GOOGLENET
    choice = st.selectbox(t("fmaps.network"), options, key=key, help=t(help_key),
                          format_func=lambda c: network_label(c, runs))
    return runs.get(choice)
