"""The layout's own pieces: the network diagram's two layouts (one column for a phone), the width from which the
four-row drawing is shown, and the presentation view at a projector's 1280 x 720 in Chromium: no download buttons,
and the pinned "leave" button in a gutter of its own, so no text runs under it."""
from __future__ import annotations

import re

from browser_helpers import assert_no_exception, wait_idle
from googlenet.diagrams import NETWORK_FONT_SIZE, network_dot
from googlenet.i18n import t
from layout_checks import assert_fits
from ui import diagrams


def test_the_tall_network_diagram_is_one_column_with_the_same_boxes():
    wide, tall = network_dot("paper"), network_dot("paper", tall=True)
    assert "rank=same" in wide and "rank=same" not in tall
    boxes = lambda dot: sorted(re.findall(r'^  "(\w+)" \[label=', dot, flags=re.M))   # noqa: E731
    assert boxes(wide) == boxes(tall)
    assert "auxiliary classifier\\n(training only)" in tall


def test_the_wide_drawing_needs_the_width_its_labels_ask_for():
    svg = diagrams.diagram_svg(network_dot("paper"))
    width, smallest = diagrams.svg_geometry(svg)
    assert smallest == NETWORK_FONT_SIZE
    assert diagrams.min_width_px(svg, 12) == -(-width * 12 // smallest)   # 12 px labels: width x 12 / 15
    tall = diagrams.diagram_svg(network_dot("paper", tall=True))
    assert diagrams.svg_geometry(tall)[0] < width / 2


def test_presentation_view_hides_downloads_and_keeps_its_button_off_the_text(streamlit_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US")
    try:
        page = context.new_page()
        page.goto(f"{streamlit_server.url}/architecture?lang=en&present=1")
        wait_idle(page)
        assert_no_exception(page)
        assert page.locator('[class*="st-key-dl_"]').count() > 0          # the page has download buttons ...
        shown = page.locator('[class*="st-key-dl_"], [data-testid="stDownloadButton"]').all()
        assert not any(b.is_visible() for b in shown)                           # ... none shown
        assert_fits(page, "architecture, presentation view")
        button = page.locator(".st-key-present_exit button")
        box = button.bounding_box()
        text_right = page.evaluate("""() => { const c = document.querySelector('[data-testid="stMainBlockContainer"]');
            return c.getBoundingClientRect().right - parseFloat(getComputedStyle(c).paddingRight); }""")
        assert box and box["x"] >= text_right and box["x"] + box["width"] <= 1280, (box, text_right)
        assert t("present.exit", lang="en") in button.inner_text()     # its words, for screen readers
    finally:
        context.close()
