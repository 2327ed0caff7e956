"""Classroom: the teacher publishes one photo under a class code; students join with the class link or the code.

Thin: the store, the PIN and its rate limit live in googlenet.classroom; the class a tab belongs to in
ui.classroom_link; the photo then appears in every picture picker (ui.image_input.pick_image).
"""
from __future__ import annotations

import sqlite3
import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from googlenet import classroom
from googlenet.i18n import t
from ui.classroom_link import class_status, forget_lookups, join_class, leave_class, remember_class_code
from ui.concept_check import stop_page
from ui.image_input import show_picture
from ui.qr import show_qr

PIN_KEY = "classroom_pin"             # the PIN this tab unlocked with (server-side session state only)
TEACHER_CODE_KEY = "classroom_teacher_code"
HOURS = round(classroom.LIFETIME_S / 3600)


def client_id() -> str:
    """Whom wrong PINs are counted against: this browser tab's session (the server-wide limit covers the rest)."""
    ctx = get_script_run_ctx()
    return f"session:{ctx.session_id}" if ctx else "session:?"


def class_link(code: str) -> str:
    """The app's address as the browser sees it (behind nginx too), home page, with ?class=."""
    here = st.context.url or ""
    root = here.removesuffix("/classroom").rstrip("/")
    return f"{root}/?class={code}"


def student_section() -> None:
    st.subheader(t("classroom.join.title"))
    code = remember_class_code()
    with st.form("classroom_join", border=False):
        typed = st.text_input(t("classroom.join.code"), key="classroom_join_code", max_chars=12,
                              placeholder=t("classroom.join.placeholder", example="K7QX-M3PA"))
        if st.form_submit_button(t("classroom.join.button"), icon=":material/login:"):
            wanted = classroom.normalise_code(typed)
            if wanted is None:
                st.error(t("classroom.join.bad", code=typed.strip(), length=classroom.CODE_LENGTH))
            else:
                join_class(wanted)
                code = wanted
    if code is None:
        return
    class_status(code, ok_key="classroom.join.ok", gone_key="classroom.join.gone")
    if st.button(t("classroom.join.leave", code=code), key="classroom_leave", icon=":material/logout:"):
        leave_class()
        st.rerun()


def unlock_form(store: classroom.Classroom) -> None:
    st.caption(t("classroom.pin.from_env" if store.pin_source() == "env" else "classroom.pin.generated"))
    with st.form("classroom_unlock", border=False):
        pin = st.text_input(t("classroom.pin.label"), type="password", key="classroom_pin_input", max_chars=64)
        if st.form_submit_button(t("classroom.pin.unlock"), icon=":material/lock_open:"):
            try:
                store.check_pin(pin, client_id())
            except classroom.ClassroomError as err:
                st.error(err.message(), icon=":material/block:")
                return
            st.session_state[PIN_KEY] = pin
            st.rerun()


OUTCOME_KEY = "classroom_outcome"   # what the last button did, said once on the run it causes


def say(kind: str, text: str) -> None:
    st.session_state[OUTCOME_KEY] = (kind, text)


def show_outcome() -> None:
    kind, text = st.session_state.pop(OUTCOME_KEY, (None, None))
    if kind == "success":
        st.success(text, icon=":material/check_circle:")
    elif kind == "warning":
        st.warning(text)
    elif kind == "error":
        st.error(text, icon=":material/block:")


# Buttons act in callbacks, before the page is drawn: the page then shows the new state at once (the code, the
# "Replace" label, the photo) instead of one run later.

def on_publish(store: classroom.Classroom) -> None:
    from googlenet.images import ImageError

    upload = st.session_state.get("classroom_upload")
    if upload is None:
        say("warning", t("classroom.need_photo"))
        return
    try:
        code = store.publish(st.session_state[PIN_KEY], upload.getvalue(), name=upload.name,
                             code=st.session_state.get(TEACHER_CODE_KEY), client=client_id())
    except ImageError as err:
        say("error", t("input.error", name=upload.name, reason=err.message()))
    except classroom.ClassroomError as err:   # the PIN changed on the server meanwhile
        st.session_state.pop(PIN_KEY, None)
        say("error", err.message())
    else:
        st.session_state[TEACHER_CODE_KEY] = code
        join_class(code)      # the teacher's own tab (on the projector) shows it too
        forget_lookups()
        say("success", t("classroom.published", code=code, name=upload.name))


def on_unpublish(store: classroom.Classroom, code: str) -> None:
    try:
        store.unpublish(st.session_state[PIN_KEY], code, client=client_id())
    except classroom.ClassroomError as err:
        st.session_state.pop(PIN_KEY, None)
        say("error", err.message())
        return
    forget_lookups()
    st.session_state.pop(TEACHER_CODE_KEY, None)
    say("success", t("classroom.unpublished", code=code))


def on_lock() -> None:
    st.session_state.pop(PIN_KEY, None)


def publish_form(store: classroom.Classroom) -> None:
    from googlenet.images import ACCEPTED_EXTENSIONS

    st.success(t("classroom.pin.ok"), icon=":material/verified_user:")
    st.file_uploader(t("classroom.upload", mb=classroom.MAX_PHOTO_BYTES // 2**20),
                     type=list(ACCEPTED_EXTENSIONS), key="classroom_upload",
                     help=t("classroom.upload.help", side=classroom.MAX_SIDE, hours=HOURS))
    label = t("classroom.publish.replace" if st.session_state.get(TEACHER_CODE_KEY) else "classroom.publish")
    st.button(label, type="primary", key="classroom_publish", icon=":material/publish:", on_click=on_publish,
              args=(store,))
    show_outcome()
    published(store)
    st.button(t("classroom.lock"), key="classroom_lock", icon=":material/lock:", on_click=on_lock)


def published(store: classroom.Classroom) -> None:
    code = st.session_state.get(TEACHER_CODE_KEY)
    if code is None:
        st.info(t("classroom.none"))
        return
    photo = store.photo(code)
    if photo is None:
        st.warning(t("classroom.expired", code=code))
        st.session_state.pop(TEACHER_CODE_KEY, None)
        return
    st.markdown(t("classroom.link"))
    st.code(class_link(code), language=None)
    st.caption(t("classroom.link.note", code=code))
    left, right = st.columns([1, 2])
    with left:
        st.metric(t("classroom.code"), code, border=True)
        show_qr(class_link(code), t("classroom.qr"))
        st.button(t("classroom.unpublish"), key="classroom_unpublish", icon=":material/delete:",
                  on_click=on_unpublish, args=(store, code), help=t("classroom.unpublish.help"))
    with right:
        left_s = max(0, photo.expires - time.time())
        st.markdown(f"**{t('classroom.current')}**")
        show_picture(photo.image, caption=t("classroom.photo.caption", name=photo.name,
                                            w=photo.image.width, h=photo.image.height,
                                            time=time.strftime("%Y-%m-%d %H:%M", time.gmtime(photo.expires)),
                                            hours=int(left_s // 3600), minutes=int(left_s % 3600 // 60)))


def teacher_section(store: classroom.Classroom) -> None:
    st.subheader(t("classroom.teacher.title"))
    if PIN_KEY in st.session_state:
        publish_form(store)
    else:
        show_outcome()   # e.g. the server's PIN changed while this tab was unlocked
        unlock_form(store)


st.title(t("classroom.title"))
st.markdown(t("classroom.intro", hours=HOURS))
the_store = classroom.store()
try:
    the_store.ensure_pin()   # without GOOGLENET_TEACHER_PIN: generated and printed in the terminal, once
except (OSError, sqlite3.Error) as exc:   # a folder the server may not write to, a damaged file: said, not raised
    st.error(t("classroom.err.store", path=str(the_store.path), reason=str(exc)))
    stop_page("classroom")

with st.container(border=True):
    student_section()
with st.container(border=True):
    teacher_section(the_store)
