""""Check yourself" in a real browser: a student types a wrong padding, reads the named mistake, then the right one,
in both languages; only the question's fragment reruns, the page keeps its state. Screenshots in tests/artifacts."""
from __future__ import annotations

import pytest

from browser_helpers import assert_no_exception, open_page, wait_idle
from googlenet import concept_checks as cc
from googlenet.i18n import t

QUESTION = cc.QUESTIONS["lab_padding"]


def first_line(text: str) -> str:
    """Enough of a message to find it on the screen (markdown may wrap or style the rest)."""
    return text.split("：")[0].split(":")[0][:40]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_answer_a_check_in_the_browser(streamlit_server, page, lang):
    open_page(page, streamlit_server, QUESTION.page, lang)
    assert_no_exception(page)
    expander = page.locator('[data-testid="stExpander"]').filter(has_text=t("cc.title", lang=lang)).last
    expander.locator("summary").click()
    question = expander.get_by_text(t(f"cc.{QUESTION.id}.q", lang=lang, **QUESTION.prompt())[:30])
    question.wait_for(timeout=30_000)
    field = expander.locator('[data-testid="stTextInput"] input').first
    field.scroll_into_view_if_needed()

    wrong = QUESTION.solution().mistakes["kernel"]
    field.fill(str(wrong))
    field.press("Enter")
    mistake = t(f"cc.{QUESTION.id}.mistake.kernel", lang=lang, **cc.judge(QUESTION, wrong).facts)
    expander.get_by_text(first_line(mistake)).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    expander.screenshot(path=f"tests/artifacts/concept_check_mistake_{lang}.png")

    field.fill(str(QUESTION.solution().answer))
    field.press("Enter")
    expander.get_by_text(t("cc.right", lang=lang)).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    body = expander.inner_text()
    assert first_line(mistake) not in body
    assert t("nav.inception_lab", lang=lang) in page.inner_text("h1")   # the page itself is still there
    expander.screenshot(path=f"tests/artifacts/concept_check_right_{lang}.png")


def test_the_checks_stay_open_when_the_page_changes(streamlit_server, page):
    """A student opens "Check yourself", then moves the architecture page's input-size slider: the page's
    layout above changes, and the checks (a keyed expander) stay open with what was typed."""
    from widget_driver import WIDGET_KINDS, act_and_settle, enabled_widgets, prepare

    open_page(page, streamlit_server, "architecture", "en")
    expander = page.locator('[data-testid="stExpander"]').filter(has_text=t("cc.title", lang="en")).last
    expander.locator("summary").click()
    field = expander.locator('[data-testid="stTextInput"] input').first
    field.wait_for(timeout=30_000)
    field.fill("123")
    slider = enabled_widgets(page, WIDGET_KINDS[1])[0]
    act_and_settle(page, prepare(page, WIDGET_KINDS[1], slider))
    assert expander.locator("details[open]").count() == 1
    assert expander.locator('[data-testid="stTextInput"] input').first.input_value() == "123"
    assert_no_exception(page)
