"""The training lab in a real browser (Chromium): a short run, then a digit drawn with the mouse
on the Draw tab is classified by that run's network (top 3, the picture it saw, its Inception blocks' feature
maps); a scribble is flagged; Clear empties the canvas again."""
from __future__ import annotations

from browser_helpers import assert_no_exception, screenshot, wait_idle
from googlenet.i18n import t
from test_browser_draw_digit import CANVAS, stroke, text_before
from test_browser_training import short_lab_run


NOT_DIGIT = ("draw.not_digit", "draw.not_digit.digits")   # the note for a 28x28 network, for an 8x8 one


def draw(page, lang: str, strokes) -> None:
    """Each stroke with the mouse, then the run's answer on screen (the page's first picture is the test
    digit's, so the wait is for the answer's own words)."""
    for points in strokes:
        stroke(page, points)
        page.mouse.up()
        page.wait_for_timeout(300)
        wait_idle(page)
    page.get_by_text(t("draw.top3", lang=lang)).first.wait_for(timeout=30_000)
    wait_idle(page)


def test_a_digit_drawn_for_a_run_of_the_lab(streamlit_server, page):
    lang = "zh"   # the draw panel itself is driven in both languages by tests/test_browser_draw_digit.py
    short_lab_run(page, streamlit_server, lang, 3)

    page.get_by_role("tab", name=t("train_draw.tab", lang=lang)).click()
    page.locator(CANVAS).first.wait_for(timeout=30_000)
    page.get_by_text(t("draw.empty", lang=lang)).first.wait_for(timeout=30_000)   # nothing drawn yet
    assert_no_exception(page)

    # A "7": the bar, then the slanted stem.
    draw(page, lang, [[(0.25, 0.22), (0.75, 0.22)], [(0.75, 0.22), (0.45, 0.85)]])
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("draw.top3", lang=lang) in body and text_before("draw.time", lang) in body
    assert text_before("draw.seen", lang) in body                    # the picture the run's network saw
    assert text_before("draw.maps.caption", lang) in body            # its Inception blocks' feature maps
    assert not any(text_before(key, lang) in body for key in NOT_DIGIT)
    screenshot(page, f"training_draw_seven_{lang}")

    # A scribble over the whole canvas: still an answer, and the note that it does not look like a digit.
    page.get_by_role("button", name=t("draw.clear", lang=lang)).click()
    page.get_by_text(t("draw.empty", lang=lang)).first.wait_for(timeout=30_000)
    wait_idle(page)
    zigzag = [(0.03 if i % 2 else 0.97, 0.97 - i * 0.06) for i in range(17)]
    draw(page, lang, [zigzag])
    body = page.inner_text("body")
    assert any(text_before(key, lang) in body for key in NOT_DIGIT)
    assert_no_exception(page)
    screenshot(page, f"training_draw_scribble_{lang}")
