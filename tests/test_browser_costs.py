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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inception_lab_params_example_in_a_real_browser(streamlit_server, page, lang):
    """The article-002 preset: chosen from the list, its weights and its slip (65 kernels) on screen."""
    open_page(page, streamlit_server, "inception_lab", lang)
    page.get_by_role("heading", name=t("nav.inception_lab", lang=lang)).first.wait_for(timeout=30_000)
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=t("lab.preset", lang=lang)).first
    label = t("lab.preset.params_example", lang=lang, in_ch=512, out=64, block="Inception 4b")
    for _ in range(3):   # on a busy machine a click sometimes does not open the list: ask again
        box.locator('button[aria-haspopup="listbox"]').first.click()
        try:
            page.locator('[role="listbox"] [role="option"]').first.wait_for(timeout=5_000)
            break
        except Exception:  # noqa: BLE001 - playwright's timeout: try again
            page.keyboard.press("Escape")
    act_and_settle(page, page.locator('[role="listbox"] [role="option"]').filter(has_text=label).first.click)
    assert page.get_by_label(t("lab.in.in_ch", lang=lang), exact=True).input_value() == "512"
    body = page.inner_text("body")
    for number in ("819,200", "50,688", "832,000", "51,288"):   # weights, and the slip's 65 kernels
        assert number in body, number
    assert t("lab.slip.params_example.title", lang=lang) in body
    assert_no_exception(page)
    screenshot(page, f"inception_lab_params_example_{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_architecture_page_in_a_real_browser(streamlit_server, page, lang):
    open_page(page, streamlit_server, "architecture", lang)
    page.get_by_role("heading", name=t("nav.architecture", lang=lang)).first.wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert "6,998,552" in body and "6,960,845" in body and t("reconciled.link", lang=lang) in body
    assert t("arch.diff.weights", lang=lang) in body
    assert_no_exception(page)
    screenshot(page, f"architecture_{lang}")
