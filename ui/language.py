"""The session's language for code that runs without the app's top: fragment reruns and widget callbacks.

app.py sets the language at the top of every full run; a fragment rerun (st.fragment) or a widget's callback
runs in a new thread that has not, so googlenet.i18n asks this source instead: the language the session chose.
Without it those runs would speak the default language — and a select box, whose value is matched against its
translated option labels, would no longer recognise its own choice.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from googlenet.i18n import use_language_source


def session_language() -> str | None:
    """The language this Streamlit session chose, or None outside a session (a test's own thread)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get("lang")


use_language_source(session_language)
