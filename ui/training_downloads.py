"""The training lab's downloads of every run: settings, curves and final accuracy (CSV), and the curves as one
picture (PNG), for a class to compare."""
from __future__ import annotations

import streamlit as st

from googlenet.digits import runs_csv
from googlenet.i18n import get_language, t
from ui.training_runs import RunHistory


def downloads_row(runs: RunHistory) -> None:
    """Every run as one CSV and as one PNG of its curves (each written only when clicked). The PNG's words are
    fixed now, in the page's language: Streamlit calls the data function outside this script run."""
    from ui.charts_training_png import png_labels, runs_png

    records, lang = list(runs), get_language()
    labels = png_labels(records, lang)
    c1, c2 = st.columns(2)
    c1.download_button(t("train.history.csv"), data=lambda: runs_csv(records),
                       file_name="training_runs.csv", mime="text/csv", key="train_csv", on_click="ignore",
                       help=t("train.history.csv.help"))
    c2.download_button(t("train_png.button"), data=lambda: runs_png(records, labels, lang),
                       file_name=f"training_runs_{lang}.png", mime="image/png", key="train_png", on_click="ignore",
                       help=t("train_png.help"))
