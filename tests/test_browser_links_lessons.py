"""In Chromium: a link with state opens the same view in a fresh browser (and the "link to this view" control
gives that link), a lesson is stepped through to its end, and the presentation view at a projector's 1280x720:
no sidebar, type a class can read (>= 16 px), the lesson's Previous/Next on screen however far one scrolls."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from browser_helpers import ARTIFACTS, assert_no_exception, screenshot, wait_idle
from googlenet.i18n import t
from googlenet.lessons import load_lessons
from widget_driver import _next_option, act_and_settle, watch_script_runs

PROJECTOR = {"width": 1280, "height": 720}

# The font size of every piece of text on screen in the page's main area (charts drawn on a canvas and the
# data grid's canvas hold no text nodes; SVG text of charts is measured too).
FONT_SIZES = """() => {
  const root = document.querySelector('[data-testid="stMain"]');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    out.push([parseFloat(style.fontSize), node.textContent.trim().slice(0, 50), el.tagName]);
  }
  return out;
}"""


def fresh_page(browser, viewport=None):
    context = browser.new_context(viewport=viewport or {"width": 1440, "height": 900}, locale="en-US")
    watch_script_runs(context)
    return context, context.new_page()


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def click(page, key: str) -> None:
    """Click the button with widget key `key` and wait for the rerun (or page switch) it starts."""
    act_and_settle(page, page.locator(f".st-key-{key} button").first.click)
    wait_idle(page)


def test_links_lessons_and_presentation_view(streamlit_server, browser):
    base = streamlit_server.url
    # 1. A link with state, in a fresh browser: the view it names (a bad value's notice: tests/test_url_state.py).
    context, page = fresh_page(browser)
    page.goto(f"{base}/architecture?lang=en&variant=torchvision&size=288&layer=inception4c")
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text('[data-testid="stMain"]')
    assert t("arch.totals.title", lang="en", size=288) in body
    assert page.locator('[data-testid="stMain"] [data-testid="stRadio"] input[value="1"]').first.is_checked()   # the second variant
    assert query(page.url)["layer"] == "inception4c"
    # The address follows a change; the "link to this view" control gives that link; a fresh browser opens it.
    radio = page.locator('[data-testid="stMain"] [data-testid="stRadio"]').first
    act_and_settle(page, radio.get_by_text(t("arch.variant.paper", lang="en")).click)
    wait_idle(page)
    assert query(page.url)["variant"] == "paper" and query(page.url)["size"] == "288"
    layer_box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first   # in a fragment
    act_and_settle(page, _next_option(page, layer_box))
    assert query(page.url)["layer"] == "inception4d"     # a fragment's rerun writes the address too
    click(page, "url_share")
    link = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]').first.inner_text().strip()
    assert link.startswith(f"{base}/architecture?") and query(link) == query(page.url) | {"lang": "en"}
    context.close()

    context, page = fresh_page(browser)
    page.goto(link)
    wait_idle(page)
    assert_no_exception(page)
    assert t("arch.totals.title", lang="en", size=288) in page.inner_text('[data-testid="stMain"]')
    assert page.locator('[data-testid="stMain"] [data-testid="stRadio"] input[value="0"]').first.is_checked()
    shown = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.get_by_role("combobox")
    assert shown.first.input_value() == "inception (4d)"
    assert query(page.url) == query(link)
    context.close()

    # 2. A lesson, from its link to its end (Chinese); the Lessons page's Start button: tests/test_lessons.py.
    lesson = load_lessons()[0]["intro_45"]
    context, page = fresh_page(browser)
    page.goto(f"{base}/lessons?lang=zh&lesson=intro_45&step=1")
    wait_idle(page)
    for n, step in enumerate(lesson.steps, start=1):
        bar = page.locator(".st-key-lesson_bar")
        bar.wait_for()
        assert f"第 {n} 步，共 {len(lesson)} 步" in bar.inner_text()
        assert step.question("zh") in page.locator(".st-key-lesson_step").inner_text()
        assert query(page.url)["step"] == str(n) and urlsplit(page.url).path.endswith(step.page)
        assert_no_exception(page)
        if n == 4:
            screenshot(page, "lesson_step4_zh")
        next_button = page.locator(".st-key-lesson_next button")
        assert t("lesson.finish" if n == len(lesson) else "lesson.next", lang="zh") in next_button.inner_text()
        click(page, "lesson_next")
    assert page.locator(".st-key-lesson_bar").count() == 0 and "lesson" not in query(page.url)
    context.close()

    # 3. The presentation view at 1280x720, a lesson on: step 2 (the lab) and step 3 (Table 1).
    context, page = fresh_page(browser, PROJECTOR)
    for step, name, lang in ((2, "inception_lab", "en"), (3, "architecture", "zh")):
        page.goto(f"{base}/{name}?lang={lang}&present=1&lesson=intro_45&step={step}")
        wait_idle(page)
        assert_no_exception(page)
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert not page.locator('[class*="st-key-secondary_"], [data-testid="stTooltipIcon"]').first.is_visible()
        page.screenshot(path=str(ARTIFACTS / f"present_{name}_{lang}_1280x720.png"))   # what the projector shows
        sizes = page.evaluate(FONT_SIZES)
        small = [s for s in sizes if s[0] < 16 and s[1] != '\u200b']   # not the zero-width space
        (ARTIFACTS / f"font_sizes_{name}.json").write_text(json.dumps(sizes, ensure_ascii=False))
        assert not small, small[:10]
        # Scrolled far down, Previous/Next are still on screen.
        page.locator('[data-testid="stMain"]').evaluate("m => m.scrollTo(0, m.scrollHeight / 2)")
        page.wait_for_timeout(300)
        next_button = page.locator(".st-key-lesson_next button")
        assert t("lesson.next", lang=lang) in next_button.inner_text()
        box = next_button.bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= PROJECTOR["height"]
        page.screenshot(path=str(ARTIFACTS / f"present_{name}_{lang}_scrolled_1280x720.png"))
        if name == "architecture":
            screenshot(page, f"present_{name}_{lang}_full")
    context.close()
