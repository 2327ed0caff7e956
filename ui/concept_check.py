""""Check yourself" at the foot of every page: predict, then see the computed answer and the named mistake.

app.py calls ``show_concept_checks(url_path)`` after the page has run. Each question is its own fragment, so
answering reruns only that question, never the page. Nothing is computed until the student has answered
(googlenet.concept_checks: the prompt's numbers are cheap, the answer is computed on the first answer and kept
for the process). Widget keys start with "cc_", apart from every page's own. Below the questions, the page's
one-page handout (ui.handout, key "dl_handout_<page>").
"""
from __future__ import annotations

import streamlit as st

from googlenet.i18n import t

KEY_PREFIX = "cc_"
HOME = "home"   # Streamlit gives the default page the url_path "" (the root address)


def show_concept_checks(page: str) -> None:
    """The page's questions (url_path, e.g. "architecture") in a "Check yourself" expander (none: no expander),
    then the page's handout button (ui.handout)."""
    from googlenet import concept_checks   # light: no torch until a question is answered

    from ui.handout import handout_button

    questions = concept_checks.page_questions(page or HOME)
    if questions:
        with st.expander(t("cc.title"), icon=":material/quiz:", key=f"{KEY_PREFIX}open_{page or HOME}"):
            st.caption(t("cc.intro"))
            for n, question in enumerate(questions):
                if n:
                    st.divider()
                _question(question.id)
    handout_button(page)   # the page's one-page handout: its figure, numbers and these questions, as a PDF


def stop_page(page: str) -> None:
    """For a page that ends early: its checks first, then st.stop(). (After st.stop() nothing more can be drawn,
    so app.py's call after the page would not be reached; the checks need neither weights nor a training run.)"""
    show_concept_checks(page)
    st.stop()


def widget_key(question_id: str) -> str:
    return f"{KEY_PREFIX}{question_id}"


@st.fragment
def _question(question_id: str) -> None:
    from googlenet import concept_checks as cc

    question = cc.QUESTIONS[question_id]
    prompt = question.prompt()
    st.markdown(t(f"cc.{question_id}.q", **prompt))
    key = widget_key(question_id)
    if question.kind == cc.CHOICE:
        value = st.radio(t("cc.your_answer"), question.options, index=None, key=key,
                         format_func=lambda o: t(f"cc.{question_id}.opt.{o}", **prompt))
    else:   # a text field: "67,436,544" and "67 436 544" are numbers too (a number field refuses them)
        text = st.text_input(t("cc.your_answer"), key=key, placeholder=t("cc.placeholder"))
        value = cc.parse_number(text)
        if text.strip() and value is None:
            st.warning(t("cc.not_a_number", text=text), icon=":material/error:")
            return
    if value is None:
        st.caption(t("cc.answer_first"))
        return
    with st.spinner(t("cc.computing")):
        verdict = cc.judge(question, value)
    _reveal(question, verdict)


def _reveal(question, verdict) -> None:
    from googlenet import concept_checks as cc

    facts = verdict.facts
    if verdict.right:
        st.success(t("cc.right"), icon=":material/check_circle:")
    elif verdict.outcome in (cc.TOO_SMALL, cc.TOO_BIG):
        st.warning(t(f"cc.{verdict.outcome}", **facts), icon=":material/error:")
    else:
        st.error(t(f"cc.{question.id}.mistake.{verdict.outcome}", **facts), icon=":material/error:")
    answer = facts["answer"]
    if question.kind == cc.CHOICE:
        answer = t(f"cc.{question.id}.opt.{answer}", **question.prompt())
    st.markdown(t("cc.answer", answer=answer))
    st.markdown(t(f"cc.{question.id}.explain", **facts))
