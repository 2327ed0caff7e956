"""The training lab's downloads of every run: settings, curves and final accuracy, for a class to compare."""
from __future__ import annotations

import streamlit as st

from googlenet.digits import runs_csv
from googlenet.i18n import t
from ui.training_runs import RunHistory


def downloads_row(runs: RunHistory) -> None:
    """Every run as one CSV (written only when clicked)."""
    st.download_button(t("train.history.csv"), data=lambda: runs_csv(list(runs)),
                       file_name="training_runs.csv", mime="text/csv", key="train_csv", on_click="ignore",
                       help=t("train.history.csv.help"))
