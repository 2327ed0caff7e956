"""The home page's guided path with the keyboard, in real Chromium: Tab reaches the cards in reading order
(step 1, 2, 3, ...), as a sighted keyboard user reads them, not column by column (1, 4, 7, 2, ...)."""
from __future__ import annotations

import re

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot
from googlenet.i18n import t
from ui.nav import available_pages


@pytest.mark.parametrize("lang", ["en"])
def test_tab_reaches_the_guided_path_in_reading_order(streamlit_server, page, lang):
    open_page(page, streamlit_server, "home", lang)
    steps = len(available_pages()) - 1
    step = re.compile(re.escape(t("home.path.step", lang=lang, n=0)).replace("0", r"(\d+)"))
    # Start where a reader starts the section: its heading (clicking it moves the keyboard's starting point there).
    page.get_by_role("heading", name=t("home.path.title", lang=lang)).first.click()
    reached = []
    for _ in range(3 * steps):
        page.keyboard.press("Tab")
        text = page.evaluate("() => (document.activeElement && document.activeElement.innerText) || ''").strip()
        found = step.search(text)   # (an icon may come first: its ligature is text)
        if found:
            reached.append(int(found.group(1)))
            if len(reached) == steps:
                break
    assert reached == list(range(1, steps + 1))
    # The focused card is drawn where it is read: each step's card sits right of or below the one before.
    boxes = [page.get_by_role("link", name=step_name).first.bounding_box()
             for step_name in (t("home.path.step", lang=lang, n=n) for n in (1, 2, 3, 4))]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"] and boxes[3]["y"] > boxes[0]["y"]
    assert_no_exception(page)
    screenshot(page, f"home_keyboard_{lang}")
