"""The Inception lab in a real browser, both languages: what a user types is what the page computes
(refused numbers are named, never silently replaced), the reset-to-preset button, and the exercise judging
the answer in the field even when it is huge and Check is clicked straight after typing."""
from __future__ import annotations

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot
from googlenet.i18n import t
from widget_driver import act_and_settle


def type_into(page, label: str, text: str, enter: bool = True) -> None:
    """Type into the labelled field; with Enter, wait until the rerun it starts has changed the page and settled."""
    page.get_by_label(label, exact=True).fill(text)
    if enter:
        act_and_settle(page, lambda: page.keyboard.press("Enter"))


def click_and_settle(page, button: str) -> None:
    """Click the named button and wait until the rerun it starts has changed the page and settled."""
    act_and_settle(page, page.get_by_role("button", name=button).click)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inception_lab_fields_in_a_real_browser(streamlit_server, page, lang):
    open_page(page, streamlit_server, "inception_lab", lang)
    page.get_by_role("heading", name=t("nav.inception_lab", lang=lang)).first.wait_for(timeout=30_000)
    naive = t("lab.metric.naive", lang=lang)
    assert "303,464,448" in page.inner_text("body")
    size = t("lab.in.size", lang=lang)
    for bad in ("0", "-5", "99999"):
        type_into(page, size, bad)
        body = page.inner_text("body")
        assert page.get_by_label(size, exact=True).input_value() == bad
        assert t("lab.error.nothing_computed", lang=lang) in body
        assert naive not in body and "303,464,448" not in body, bad  # nothing computed from an older value
        assert_no_exception(page)
    screenshot(page, f"inception_lab_refused_{lang}")
    type_into(page, size, "14")
    body = page.inner_text("body")
    assert naive in body and f"{303_464_448 // 4:,}" in body and t("lab.error.nothing_computed", lang=lang) not in body
    # Reset to the preset (choosing the already chosen preset would do nothing).
    click_and_settle(page, t("lab.preset.reset", lang=lang))
    assert page.get_by_label(size, exact=True).input_value() == "28" and "303,464,448" in page.inner_text("body")
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inception_lab_exercise_in_a_real_browser(streamlit_server, page, lang):
    open_page(page, streamlit_server, "inception_lab", lang)
    page.get_by_role("heading", name=t("lab.ex.title", lang=lang)).first.wait_for(timeout=30_000)
    answer, check = t("lab.ex.answer", lang=lang), t("lab.ex.check", lang=lang)
    for typed in ("1234567", "9" * 30):  # typed, then Check clicked at once (no Enter): the verdict is on this answer
        type_into(page, answer, typed, enter=False)
        click_and_settle(page, check)
        body = page.inner_text("body")
        assert f"{int(typed):,}" in body, typed
        assert_no_exception(page)
    screenshot(page, f"inception_lab_exercise_{lang}")
