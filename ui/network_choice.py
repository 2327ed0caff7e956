"""The "Network" choice of the explainer pages (feature maps, ablation, Grad-CAM): GoogLeNet, or a network
trained in the training lab (or loaded there from saved weights) in this session.

Offered only when the session has finished runs: a running run's weights still change. Each page keeps its
choice under its own widget key (e.g. "fm_network"), so the pages do not move each other's choice.
"""
from __future__ import annotations

import streamlit as st

from googlenet.i18n import t
from ui.training_runs import RunHistory, RunRecord, percent, settings_label

GOOGLENET = "googlenet"  # the choice's value for GoogLeNet; a lab run's is "run<number>"
FINISHED = ("done", "stopped", "loaded")


def finished_runs() -> dict[str, RunRecord]:
    """This session's finished runs, keyed by their choice value ("run1", ...), oldest first."""
    return {f"run{r.number}": r for r in RunHistory() if r.status in FINISHED}


def network_label(choice: str, runs: dict[str, RunRecord]) -> str:
    if choice == GOOGLENET:
        return t("fmaps.network.googlenet")
    rec = runs[choice]
    return t("fmaps.network.lab", n=rec.number, settings=settings_label(rec.config), acc=percent(rec.test_accuracy))


def choose_network(key: str, help_key: str, none_key: str) -> RunRecord | None:
    """The "Network" selectbox under widget key `key` (drawn only when this session has finished lab runs,
    otherwise the caption `none_key` says how to get one). Returns the chosen run; None means GoogLeNet."""
    runs = finished_runs()
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
