"""The training lab's weights: download a run's checkpoint, upload one again (it joins the history as a run)."""
from __future__ import annotations

import streamlit as st

from googlenet.digits import CheckpointError, save_checkpoint
from googlenet.i18n import t
from ui.training_runs import RunHistory, RunRecord, percent, run_label


def save_section(rec: RunRecord) -> None:
    st.header(t("train.save.title"))
    st.download_button(t("train.save.download", n=rec.number),  # the file is written only when clicked
                       data=lambda: save_checkpoint(rec.model, rec.config, rec.test_accuracy),
                       file_name=f"{rec.config.dataset}_{rec.config.preset}_run{rec.number}.pt",
                       mime="application/octet-stream",
                       key="train_download", on_click="ignore")
    st.caption(t("train.save.caption"))


def _read_uploaded_weights() -> None:
    """The weights uploader's callback: the file becomes a run before the page is drawn, so the page is drawn
    once, with the new run selected (not drawn, read the file, and drawn all over again)."""
    upload = st.session_state.get("train_weights_upload")
    if upload is not None:
        try:
            RunHistory().load_upload(upload.file_id, upload.getvalue())
        except CheckpointError:
            pass  # remembered with the file: load_section shows why it was refused


def load_section(runs: RunHistory) -> None:
    """Upload weights downloaded earlier: they join the history as a run of their own."""
    st.subheader(t("train.load"))
    upload = st.file_uploader(t("train.load.upload"), type=["pt", "pth"], key="train_weights_upload",
                              on_change=_read_uploaded_weights)
    if upload is None:
        return
    try:
        rec, new = runs.load_upload(upload.file_id, upload.getvalue())  # read once, in the callback
    except CheckpointError as err:  # another network's weights, a damaged file, no weights at all: say why
        st.error(err.message())
        if len(runs):                # ... and that nothing else was lost
            st.caption(t("train_weights.kept", n=len(runs)))
        return
    if new:
        st.rerun()  # draw the page again with the loaded network selected
    if rec is not None:
        st.success(t("train.load.ok", n=rec.number, label=run_label(rec, stat=False), acc=percent(rec.test_accuracy)))
