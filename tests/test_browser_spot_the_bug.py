"""The spot-the-bug page in a real browser, both languages: pick a wrong line and the right one from the list,
reveal the fix, and the measured curves appear (Vega-Lite drawn by the browser)."""
from __future__ import annotations

import re

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, wait_idle
from googlenet import bug_hunt
from googlenet.i18n import t

PUZZLE = bug_hunt.BY_KEY["softmax"]
WRONG_LINE = 8


def pick_line(page, lang: str, line: int) -> None:
    """Open the line list, type the line's label ("line 8:") to filter it, take the option that starts with it."""
    label = t("bug.pick.line", lang=lang, n=line, code="").strip()
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=t("bug.pick", lang=lang)).first
    box.get_by_role("combobox").click()
    page.keyboard.type(label)
    option = page.locator('[role="listbox"] [role="option"]').filter(has_text=re.compile("^" + re.escape(label)))
    option.first.wait_for(timeout=10_000)
    assert option.count() == 1
    option.first.click()
    wait_idle(page)


def check(page, lang: str) -> None:
    page.get_by_role("button", name=t("bug.check", lang=lang), exact=True).click()
    page.wait_for_timeout(300)
    wait_idle(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_spot_the_bug_in_a_real_browser(streamlit_server, page, lang):
    open_page(page, streamlit_server, "spot_the_bug", lang)
    page.get_by_role("heading", name=t("nav.spot_the_bug", lang=lang)).first.wait_for(timeout=30_000)
    assert_no_exception(page)
    page.get_by_text(t("bug.softmax.title", lang=lang), exact=True).first.click()
    page.get_by_role("heading", name=t("bug.softmax.title", lang=lang)).first.wait_for(timeout=30_000)
    wait_idle(page)

    pick_line(page, lang, WRONG_LINE)
    check(page, lang)
    page.get_by_text(t("bug.softmax.hint", lang=lang).split("`")[0].strip()).first.wait_for(timeout=30_000)

    pick_line(page, lang, PUZZLE.bug_lines[0])
    check(page, lang)
    right = t("bug.softmax.right", lang=lang, line=PUZZLE.bug_lines[0]).split("`")[0].strip()
    page.get_by_text(right).first.wait_for(timeout=30_000)

    page.get_by_role("button", name=t("bug.reveal", lang=lang), exact=True).click()
    page.get_by_role("heading", name=t("bug.measured.title", lang=lang)).first.wait_for(timeout=90_000)
    page.locator('[data-testid="stVegaLiteChart"]').nth(1).wait_for(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("bug.chart.loss", lang=lang) in body
    assert t("bug.score.body", lang=lang, found=1, total=6, first=0, revealed=0) in body
    screenshot(page, f"spot_the_bug_{lang}")
