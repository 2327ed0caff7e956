"""Lesson mode: the bar at the top of every page while a lesson is on — step n of N, the teacher's note, the
question for the class, Previous / Next / Leave — and the moves between steps.

A step is a page and the link choices that set its state (googlenet.lessons). Moving to a step switches to its
page with those choices in the address and asks ui.url_state to read them afresh ("reset": a choice the step
does not name goes back to its default), so every step opens as its author saw it. ?lesson=intro_45&step=3 in a
link starts the lesson at that step.
"""
from __future__ import annotations

import streamlit as st

from googlenet.i18n import get_language, t
from googlenet.lessons import Lesson, check_links, load_lessons
from ui import presentation, url_state
from ui.nav import ROOT

STATE = "lesson_on"   # session state: (lesson id, step index from 0) while a lesson is on


def lessons() -> dict[str, Lesson]:
    """The lessons on disk (read each time: a teacher's new file appears without restarting the app)."""
    return load_lessons()[0]


def current() -> tuple[Lesson, int] | None:
    state = st.session_state.get(STATE)
    if not state:
        return None
    lesson = lessons().get(state[0])
    if lesson is None or not 0 <= state[1] < len(lesson):   # the file went away or shrank
        st.session_state.pop(STATE, None)
        return None
    return lesson, state[1]


def url_params() -> dict[str, str]:
    state = st.session_state.get(STATE)
    return {"lesson": state[0], "step": str(state[1] + 1)} if state else {}


def page_path(url_path: str) -> str:
    return f"app_pages/{url_path}.py"


def go(lesson: Lesson, index: int) -> None:
    """Open step `index` (from 0) of `lesson`: its page, in the state its link choices give."""
    step = lesson.steps[index]
    if not (ROOT / page_path(step.page)).exists():   # a teacher's lesson naming a page this app does not have
        leave()
        st.toast(t("lesson.bad_link", lesson=lesson.id, step=index + 1), icon=":material/link_off:")
        return
    st.session_state[STATE] = (lesson.id, index)
    st.session_state[url_state.REOPEN] = "reset"
    query = {**step.params, **url_state.global_params()}
    st.switch_page(page_path(step.page), query_params=query)


def leave() -> None:
    st.session_state.pop(STATE, None)


def follow_link(page: str) -> None:
    """?lesson=…&step=… in the address (a shared link): start that lesson at that step, on the step's page.
    A lesson or step the app does not have: a notice, and the page opens without a lesson."""
    wanted = st.query_params.get("lesson")
    if wanted is None:
        return
    text = st.query_params.get("step", "1")
    state = st.session_state.get(STATE)
    if state and state[0] == wanted and str(state[1] + 1) == text:
        return                                       # the lesson this session is on already
    lesson = lessons().get(wanted)
    index = int(text) - 1 if text.isdigit() else -1
    if lesson is None or not 0 <= index < len(lesson):
        del st.query_params["lesson"]
        if "step" in st.query_params:
            del st.query_params["step"]
        st.toast(t("lesson.bad_link", lesson=wanted, step=text), icon=":material/link_off:")
        return
    st.session_state[STATE] = (lesson.id, index)
    if lesson.steps[index].page != page:
        go(lesson, index)


MOVE = "lesson_move"   # session state: what the bar's last button asked for (set in its callback)


def _ask(move) -> None:
    st.session_state[MOVE] = move


def _make_move() -> None:
    """Carry out the button pressed in the last run: another step (a page switch), finish or leave."""
    move = st.session_state.pop(MOVE, None)
    on = current()
    if move is None or on is None:
        return
    lesson, index = on
    if move in ("finish", "leave"):
        leave()
        if move == "finish":
            st.toast(t("lesson.finished", lesson=lesson.title(get_language())), icon=":material/school:")
        return
    if 0 <= index + move < len(lesson):
        go(lesson, index + move)


def draw() -> None:
    """The bar, while a lesson is on (app.py, above the page)."""
    _make_move()
    on = current()
    if on is None:
        return
    lesson, index = on
    lang = get_language()
    step, total = lesson.steps[index], len(lesson)
    last = index == total - 1
    # The row with the moves is a container of its own: the presentation view pins it to the top of the screen.
    with st.container(border=True, key="lesson_bar"):
        head, prev_col, next_col, leave_col = st.columns([6, 1.3, 1.3, 1.3], vertical_alignment="center")
        head.markdown(t("lesson.bar.title", lesson=lesson.title(lang), n=index + 1, total=total,
                        step=step.title(lang)))
        prev_col.button(t("lesson.prev"), key="lesson_prev", disabled=index == 0, width="stretch",
                        icon=":material/arrow_back:", on_click=_ask, args=(-1,))
        next_col.button(t("lesson.finish" if last else "lesson.next"), key="lesson_next", type="primary",
                        width="stretch", icon=":material/flag:" if last else ":material/arrow_forward:",
                        on_click=_ask, args=("finish" if last else 1,))
        leave_col.button(t("lesson.leave"), key="lesson_leave", width="stretch", icon=":material/logout:",
                         on_click=_ask, args=("leave",))
    with st.container(key="lesson_step"):
        st.markdown(f"**{t('lesson.question')}** {step.question(lang)}")
        with st.expander(t("lesson.note"), expanded=not presentation.is_on(), icon=":material/sticky_note_2:"):
            st.markdown(step.note(lang))


def check(lesson: Lesson, pages) -> None:
    """Every step's page exists and every choice it sets is one the page takes (LessonError otherwise)."""
    check_links(lesson, pages, url_state.invalid)

