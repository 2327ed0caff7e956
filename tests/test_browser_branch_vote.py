"""Real browser (Chromium): the page "Which branch voted" in both languages - the heat maps and the scrambled-weights
panel drawn, a mouse click on the picture moves the occlusion patch - and the same click component on the
receptive-field page moves the unit; nothing is fetched from outside the app."""
from __future__ import annotations

import re

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, wait_idle
from googlenet.i18n import t
from googlenet.receptive_field import receptive_fields
from widget_driver import act_and_settle

CLICKABLE = 'iframe[title*="streamlit_image_coordinates"]'
CHARTS = '[data-testid="stVegaLiteChart"]'


def click_picture(page, fx: float, fy: float) -> None:
    """A real mouse click at (fx, fy), fractions of the clickable picture's width and height; waits for the rerun."""
    picture = page.frame_locator(CLICKABLE).first.locator("#image")
    picture.wait_for(timeout=60_000)
    box = picture.bounding_box()
    assert box and box["width"] > 100, box       # drawn at the column's width, not as a sliver
    act_and_settle(page, lambda: picture.click(position={"x": fx * box["width"], "y": fy * box["height"]}))
    wait_idle(page)


def read_back(key: str, lang: str, text: str, read: tuple[str, ...], **fixed) -> tuple[int, ...]:
    """The numbers in the placeholders `read` of string `key` as it appears in `text` (the others `fixed`)."""
    marks = {name: f"987{i}65" for i, name in enumerate(read)}
    found = re.escape(t(key, lang=lang, **fixed, **marks))
    for name, mark in marks.items():
        found = found.replace(mark, rf"(?P<{name}>\d+)", 1).replace(mark, rf"(?P={name})")
    match = re.search(found, text)
    assert match, f"{key} not on the page"
    return tuple(int(match.group(name)) for name in read)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_click_on_the_picture_moves_the_patch_and_the_unit(streamlit_server, page, lang):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, streamlit_server, "branch_vote", lang)
    page.get_by_role("heading", name=t("nav.branch_vote", lang=lang)).first.wait_for(timeout=60_000)
    page.locator(CHARTS).nth(1).wait_for(timeout=120_000)
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text('[data-testid="stMain"]')
    assert t("bv.sanity.rho", lang=lang) in body and t("bv.sanity.rule", lang=lang, seed=0).split("**")[1] in body
    assert page.locator(CHARTS).count() == 2                       # the network as it is, and scrambled
    assert read_back("bv.occ.hidden.caption", lang, body, ("x", "y"), patch=56) == (112, 112)   # the middle
    screenshot(page, f"branch_vote_{lang}")

    click_picture(page, 0.25, 0.75)                                 # lower left
    body = page.inner_text('[data-testid="stMain"]')
    x, y = read_back("bv.occ.hidden.caption", lang, body, ("x", "y"), patch=56)
    assert abs(x - 56) <= 2 and abs(y - 168) <= 2, (x, y)
    assert_no_exception(page)
    screenshot(page, f"branch_vote_clicked_{lang}")

    # The receptive-field page: a click picks the unit whose field is centred nearest to the point.
    open_page(page, streamlit_server, "receptive_field", lang)
    page.frame_locator(CLICKABLE).first.locator("#image").wait_for(timeout=60_000)
    field = receptive_fields("torchvision")["inception4a"]          # the default layer, 14 x 14
    body = page.inner_text('[data-testid="stMain"]')
    assert read_back("click.rf.caption", lang, body, ("row", "col")) == (field.side // 2,) * 2
    click_picture(page, 0.1, 0.9)
    row, col = read_back("click.rf.caption", lang, page.inner_text('[data-testid="stMain"]'), ("row", "col"))
    expect_row = round((0.9 * 224 - 0.5 - field.start) / field.jump)
    expect_col = round((0.1 * 224 - 0.5 - field.start) / field.jump)
    assert abs(row - expect_row) <= 1 and abs(col - expect_col) <= 1, (row, col, expect_row, expect_col)
    assert_no_exception(page)
    screenshot(page, f"receptive_field_clicked_{lang}")

    # The component's files come from the app itself: the browser asked nothing of any other server.
    outside = [url for url in requested if not url.startswith((streamlit_server.url, "data:", "blob:", "about:"))]
    assert not outside, outside
    assert any("streamlit_image_coordinates" in url for url in requested)
