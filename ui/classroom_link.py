"""The class a student's browser tab belongs to: ``?class=CODE`` in any page's address, kept in session_state.

Streamlit drops the query string when a student moves to another page, so the code read from a link is kept in
``st.session_state`` for the rest of the visit; the photo itself is looked up in the shared store
(googlenet.classroom) on every run, so a replaced photo reaches the class and an expired one disappears.
"""
from __future__ import annotations

import streamlit as st

from googlenet import classroom

CODE_KEY = "class_code"            # the session's class (a normalised code)
BAD_CODE_KEY = "class_code_bad"    # a ?class= value that is no code: one short notice
QUERY = "class"
LOOKUP_TTL_S = 5                   # a replaced or removed photo reaches the class within this many seconds


def remember_class_code() -> str | None:
    """Read ?class= from the address into the session (a new class puts every picker back on its photo) and
    return the session's class code, or None."""
    raw = st.query_params.get(QUERY)
    if raw is not None:
        code = classroom.normalise_code(raw)
        if code is None:
            st.session_state[BAD_CODE_KEY] = raw[:40]
        elif code != st.session_state.get(CODE_KEY):
            join_class(code)
    return st.session_state.get(CODE_KEY)


def join_class(code: str) -> None:
    st.session_state[CODE_KEY] = code
    st.session_state.pop(BAD_CODE_KEY, None)
    for key in [k for k in st.session_state if isinstance(k, str) and k.endswith("_sample")]:
        del st.session_state[key]   # each picker starts on the class photo again


def leave_class() -> None:
    st.session_state.pop(CODE_KEY, None)
    if st.query_params.get(QUERY) is not None:
        del st.query_params[QUERY]


def bad_code_notice() -> None:
    """Once: a ?class= value that cannot be a code."""
    bad = st.session_state.pop(BAD_CODE_KEY, None)
    if bad is not None:
        from googlenet.i18n import t

        st.warning(t("classroom.input.bad_code", code=bad), icon=":material/link_off:")


@st.cache_data(ttl=LOOKUP_TTL_S, max_entries=64, show_spinner=False)
def _lookup(code: str, data_dir: str) -> classroom.ClassPhoto | None:
    return classroom.Classroom(data_dir).photo(code)


def class_photo(code: str | None) -> classroom.ClassPhoto | None:
    """The class's photo, or None (no class, unknown or expired code)."""
    if code is None:
        return None
    return _lookup(code, str(classroom.data_dir()))


@st.cache_data(ttl=LOOKUP_TTL_S, max_entries=64, show_spinner=False)
def _lookup_info(code: str, data_dir: str) -> classroom.PhotoInfo | None:
    return classroom.Classroom(data_dir).photo_info(code)


def class_photo_info(code: str | None) -> classroom.PhotoInfo | None:
    """Whether the class has a photo (its name, size, expiry), without decoding it: for pages that only say so."""
    if code is None:
        return None
    return _lookup_info(code, str(classroom.data_dir()))


def forget_lookups() -> None:
    """After the teacher publishes or removes a photo: this worker shows the change at once."""
    _lookup.clear()
    _lookup_info.clear()


def class_banner() -> None:
    """On the home page (where the class link lands): which class this tab belongs to, or why the link did not
    work. Nothing at all without ?class= (and no store is opened); with it, no picture is decoded (the home page
    stays free of PyTorch)."""
    from googlenet.i18n import t

    code = remember_class_code()
    bad_code_notice()
    class_status(code, ok_key="classroom.home.banner", gone_key="classroom.input.gone")


def class_status(code: str | None, ok_key: str, gone_key: str) -> None:
    """One line: the class has its photo (ok_key), or the code is unknown or expired (gone_key); nothing without a
    class. No picture is decoded."""
    from googlenet.i18n import t

    if code is None:
        return
    if class_photo_info(code) is None:
        st.info(t(gone_key, code=code), icon=":material/event_busy:")
    else:
        st.success(t(ok_key, code=code), icon=":material/groups:")
