"""The history page and the CNN family page in a real browser (Chromium), both languages: drawn without an
exception, the output-size check judging an answer typed and checked at once, and a screenshot of each."""
from __future__ import annotations

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot
from googlenet import history
from googlenet.i18n import t
from widget_driver import act_and_settle


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_history_page_in_a_real_browser(streamlit_server, page, lang):
    open_page(page, streamlit_server, "history", lang)
    page.get_by_role("heading", name=t("nav.history", lang=lang)).first.wait_for(timeout=30_000)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("history.timeline.title", lang=lang) in body and "4,944" in body
    assert page.locator('[data-testid="stDataFrame"]').count() == 5
    assert page.locator('[data-testid="stTable"]').count() == 1
    # GoogLeNet's conv1 is the preset: type the answer and click Check straight away (no Enter)
    answer = t("history.size.answer", lang=lang)
    right = history.conv_output_size(**history.CONV1_EXAMPLE)
    page.get_by_label(answer, exact=True).fill(str(right))
    act_and_settle(page, page.get_by_role("button", name=t("history.size.check", lang=lang)).click)
    assert t("history.size.right", lang=lang, answer=right) in page.inner_text("body")
    page.get_by_label(answer, exact=True).fill(str(right + 1))
    act_and_settle(page, page.get_by_role("button", name=t("history.size.check", lang=lang)).click)
    assert t("history.size.wrong", lang=lang, answer=right + 1, right=right) in page.inner_text("body")
    assert_no_exception(page)
    screenshot(page, f"history_{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_family_page_in_a_real_browser(streamlit_server, page, lang):
    open_page(page, streamlit_server, "family", lang)
    page.get_by_role("heading", name=t("nav.family", lang=lang)).first.wait_for(timeout=30_000)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("familypage.resnet.title", lang=lang) in body and t("familypage.mnv1.title", lang=lang) in body
    assert page.locator('[data-testid="stDataFrame"]').count() == 3
    assert page.locator('[data-testid="stImage"] img').count() == 2
    screenshot(page, f"family_{lang}")
