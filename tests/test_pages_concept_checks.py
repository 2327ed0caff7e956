""""Check yourself" through app.py on every page, in both languages: a wrong answer names its mistake, the right
one is confirmed, and the computed explanation is shown."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_clean, goto, open_app, rerun, visible_text
from googlenet import concept_checks as cc
from googlenet.i18n import t
from ui.concept_check import widget_key
from ui.nav import available_pages

PAGES = available_pages()


def answer_widget(at, question_id: str):
    key = widget_key(question_id)
    found = [w for w in (*at.radio, *at.text_input) if w.key == key]
    assert len(found) == 1, f"no answer field {key!r} on the page"
    return found[0]


def typed(question: cc.Question, value):
    """What a student puts in the field: an option, or the number as the app writes it ("67,436,544")."""
    return value if question.kind == cc.CHOICE else cc.format_number(float(value), question.decimals)


def a_mistake(question: cc.Question) -> tuple[object, str]:
    """A wrong answer and the i18n key of the mistake it shows."""
    solution = question.solution()
    if question.kind == cc.CHOICE:
        wrong = next(o for o in question.options if o != solution.answer)
        return wrong, f"cc.{question.id}.mistake.{wrong}"
    mistake, value = next(iter(solution.mistakes.items()))
    return value, f"cc.{question.id}.mistake.{mistake}"


def open_page(info, lang: str):
    at = open_app(lang)
    if info.url_path != "home":
        goto(at, info.path)
    if info.url_path == "training":   # the page shows its results (and what follows them) once a run exists
        at.number_input(key="train_max_steps").set_value(1)
        at.slider(key="train_epochs").set_value(1)
        at.button(key="train_start").click()
        rerun(at)
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("info", PAGES, ids=[p.url_path for p in PAGES])
def test_check_yourself_on_every_page(with_weights, info, lang):
    at = open_page(info, lang)
    questions = cc.page_questions(info.url_path)
    assert questions
    text = visible_text(at)
    assert t("cc.title", lang=lang) in text
    for question in questions:
        assert t(f"cc.{question.id}.q", lang=lang, **question.prompt()) in text
        assert answer_widget(at, question.id).value in (None, "")   # nothing answered, nothing revealed yet
    assert t("cc.answer_first", lang=lang) in text

    for question in questions:
        wrong, mistake_key = a_mistake(question)
        answer_widget(at, question.id).set_value(typed(question, wrong))
        rerun(at)
        verdict = cc.judge(question, wrong)
        shown = visible_text(at)
        assert t(mistake_key, lang=lang, **verdict.facts) in shown
        assert t(f"cc.{question.id}.explain", lang=lang, **verdict.facts) in shown

        right = question.solution().answer
        answer_widget(at, question.id).set_value(typed(question, right))
        rerun(at)
        shown = visible_text(at)
        assert t("cc.right", lang=lang) in shown
        assert t(f"cc.{question.id}.explain", lang=lang, **cc.judge(question, right).facts) in shown
        assert t(mistake_key, lang=lang, **verdict.facts) not in shown
    assert_clean(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_number_that_matches_no_mistake_is_too_small_or_too_big(with_weights, lang):
    at = open_page(next(p for p in PAGES if p.url_path == "architecture"), lang)
    for text, outcome, shown in (("5 000", "cc.too_big", "5,000"), ("3", "cc.too_small", "3")):
        answer_widget(at, "arch_4e_channels").set_value(text)
        rerun(at)
        assert t(outcome, lang=lang, value=shown) in visible_text(at)
    answer_widget(at, "arch_4e_channels").set_value("832 channels")
    rerun(at)
    assert t("cc.not_a_number", lang=lang, text="832 channels") in visible_text(at)
    assert t("cc.arch_4e_channels.explain", lang=lang, **cc.judge(cc.QUESTIONS["arch_4e_channels"], 832).facts) \
        not in visible_text(at)


def test_a_page_that_stops_early_still_shows_its_checks():
    """stop_page(url_path) in place of st.stop(): the checks need no weights and no training run."""
    from streamlit.testing.v1 import AppTest

    def page_that_stops():
        import streamlit as st

        from ui.concept_check import stop_page
        st.info("no weights")
        stop_page("classify")
        st.write("never drawn")

    at = AppTest.from_function(page_that_stops, default_timeout=60)
    at.run()
    assert not at.exception
    text = visible_text(at)
    assert t("cc.title", lang="zh") in text and "never drawn" not in text   # no language chosen: Chinese
    assert [answer_widget(at, q.id) for q in cc.page_questions("classify")]
