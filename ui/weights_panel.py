"""The sidebar's weights panel: found, or missing with the command line and a download button.

The download itself is googlenet.weights.fetch_and_check (the same one `make weights` runs): it streams the
file into torch's hub cache, checks its hash, proves it loads, and reports bytes through a callback, which
here moves a Streamlit progress bar. Success reruns the app, so every page finds the weights; a failure
(offline, a stalled connection, a wrong file) stays on screen as a message in the reader's language, and
the command line stays shown for a classroom without internet.
"""
from __future__ import annotations

import streamlit as st

from googlenet.i18n import t
from googlenet.weights import FETCH_COMMAND, FILE_SIZE_MB, WeightsUnavailable, fetch_and_check, megabytes, weights_path

BUTTON_KEY = "weights_download"
ERROR_KEY = "weights_download_error"   # the last failure (a WeightsUnavailable), shown until the next try
DONE_KEY = "weights_downloaded_mb"     # set just before the rerun that follows a good download


def progress_text(done: int, total: int | None) -> str:
    """What the bar says: "12.3 / 49.7 MB" while the size is known, the bytes so far when it is not."""
    if done == 0:
        return t("common.weights_connecting")
    if total:
        return t("common.weights_progress", done=megabytes(done), total=megabytes(total))
    return t("common.weights_progress_unknown", done=megabytes(done))


def weights_panel() -> None:
    """Draw the panel in the current container (app.py puts it in the sidebar)."""
    found = weights_path()
    if found:
        st.session_state.pop(ERROR_KEY, None)
        st.success(t("common.weights_found", path=found.name))
        st.caption(t("common.weights_origin"))   # where these weights come from (googlenet/weights.py's docstring)
        downloaded_mb = st.session_state.pop(DONE_KEY, None)
        if downloaded_mb is not None:
            st.success(t("common.weights_downloaded", size=downloaded_mb))
        return
    st.warning(t("common.weights_missing"))
    st.code(FETCH_COMMAND, language="bash", wrap_lines=True)   # the whole command, even in a narrow sidebar
    if st.button(t("common.weights_download", size=FILE_SIZE_MB), key=BUTTON_KEY, icon=":material/download:",
                 help=t("common.weights_download_help"), width="stretch"):
        st.session_state.pop(ERROR_KEY, None)
        _download()
    error = st.session_state.get(ERROR_KEY)
    if error is not None:
        st.error(error.message(), icon=":material/cloud_off:")


def _download() -> None:
    bar = st.progress(0.0, text=progress_text(0, None))
    expected = FILE_SIZE_MB * 2**20   # the fill of the bar when the server does not say how big the file is

    def show(done: int, total: int | None) -> None:
        finished = bool(total) and done >= total   # all bytes are in: the check comes next
        text = t("common.weights_checking") if finished else progress_text(done, total)
        bar.progress(min(done / (total or expected), 1.0), text=text)

    try:
        path = fetch_and_check(progress=show)
    except WeightsUnavailable as err:
        bar.empty()
        st.session_state[ERROR_KEY] = err   # shown below the button, in whichever language is chosen later
        return
    st.session_state[DONE_KEY] = megabytes(path.stat().st_size)
    st.rerun()
