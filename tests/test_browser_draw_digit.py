"""Draw a digit in a real browser (Chromium), both languages: mouse strokes on the canvas give a prediction, the
empty canvas says so, a scribble is flagged, the clear button empties the canvas; and how long from lifting the
pen to the answer on screen (written to tests/artifacts/draw_digit_latency.txt). The panel runs on its test page (tests/pages/draw_digit_demo.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from browser_helpers import ARTIFACTS, assert_no_exception, screenshot, start_server, stop_server, wait_idle
from googlenet.i18n import t

ROOT = Path(__file__).resolve().parent.parent
CANVAS = "canvas.upper-canvas"       # Fabric.js draws on two canvases; the upper one takes the pointer
SEEN_IMAGE = '[data-testid="stMain"] [data-testid="stImage"] img'
LATENCIES_MS: list[float] = []


@pytest.fixture(scope="module")
def demo_server():
    server = start_server(ROOT, script="tests/pages/draw_digit_demo.py")
    yield server
    stop_server(server)


def text_before(key: str, lang: str) -> str:
    """The fixed start of a string, before its first placeholder (and without Markdown's stars)."""
    return t(key, lang=lang).split("{")[0].replace("**", "").strip()


def predicted(lang: str, digit: int) -> str:
    """"Prediction: 7" as the page shows it (Markdown's stars gone, the probability left out)."""
    return t("draw.prediction", lang=lang, digit=digit, p=0).replace("**", "").split(" (")[0].split("（")[0]


def stroke(page, points, steps: int = 8) -> None:
    """One pen stroke through `points` (fractions of the canvas's width and height) with the mouse."""
    box = page.locator(CANVAS).first.bounding_box()
    at = [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in points]
    page.mouse.move(*at[0])
    page.mouse.down()
    for x, y in at[1:]:
        page.mouse.move(x, y, steps=steps)


def lift_pen_and_time(page, lang: str) -> float:
    """Release the mouse; ms until the new answer is on screen (the picture the network saw has changed)."""
    old = page.evaluate(f"() => document.querySelector('{SEEN_IMAGE}')?.src || ''")
    start = page.evaluate("performance.now()")
    page.mouse.up()
    page.wait_for_function(
        """([sel, old, marker]) => {
            const img = document.querySelector(sel);
            return img && img.src !== old && img.complete && document.body.innerText.includes(marker);
        }""", arg=[SEEN_IMAGE, old, text_before("draw.prediction", lang)], polling="raf", timeout=30_000)
    elapsed = page.evaluate("performance.now()") - start
    LATENCIES_MS.append(elapsed)
    return elapsed


def draw(page, lang: str, strokes) -> float:
    """Draw the strokes one by one, waiting for each answer; ms of the last one."""
    elapsed = 0.0
    for points in strokes:
        stroke(page, points)
        elapsed = lift_pen_and_time(page, lang)
    wait_idle(page)
    return elapsed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_drawing_a_digit_with_the_mouse(demo_server, page, lang):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{demo_server.url}/?lang={lang}")
    wait_idle(page)
    page.locator(CANVAS).first.wait_for(timeout=30_000)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("draw.empty", lang=lang) in body                         # nothing drawn: no prediction
    assert text_before("draw.prediction", lang) not in body
    screenshot(page, f"draw_digit_empty_{lang}")

    # A "7": the bar, then the slanted stem, as two strokes.
    draw(page, lang, [[(0.25, 0.22), (0.75, 0.22)], [(0.75, 0.22), (0.45, 0.85)]])
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("draw.empty", lang=lang) not in body
    assert t("draw.top3", lang=lang) in body and "%" in body
    assert text_before("draw.time", lang) in body
    assert text_before("draw.not_digit", lang) not in body
    assert page.locator(SEEN_IMAGE).count() >= 3                      # the 28x28 and the feature maps
    assert text_before("draw.maps.caption", lang) in body
    screenshot(page, f"draw_digit_seven_{lang}")

    # Clear: the empty canvas and its message come back.
    page.get_by_role("button", name=t("draw.clear", lang=lang)).click()
    page.get_by_text(t("draw.empty", lang=lang)).wait_for(timeout=30_000)
    wait_idle(page)
    assert text_before("draw.prediction", lang) not in page.inner_text("body")

    # A "1" after clearing: one vertical stroke; the stand-in classifier reads it as a 1.
    draw(page, lang, [[(0.5, 0.15), (0.5, 0.85)]])
    assert predicted(lang, 1) in page.inner_text("body")

    # A scribble over the whole canvas: still an answer, and a note that it does not look like a digit.
    page.get_by_role("button", name=t("draw.clear", lang=lang)).click()
    page.get_by_text(t("draw.empty", lang=lang)).wait_for(timeout=30_000)
    wait_idle(page)
    # From the bottom up: the canvas's toolbar, invisible until the mouse is over the canvas, lies over its
    # top right corner for the first moments (a mouse press there would not draw).
    zigzag = [(0.03 if i % 2 else 0.97, 0.97 - i * 0.06) for i in range(17)]
    draw(page, lang, [zigzag])
    assert text_before("draw.not_digit", lang) in page.inner_text("body")
    assert_no_exception(page)
    screenshot(page, f"draw_digit_scribble_{lang}")

    # The canvas's code comes from the app itself: the browser asked nothing of any other server.
    outside = [url for url in requested if not url.startswith((demo_server.url, "data:", "blob:"))]
    assert not outside, outside
    assert any("/bidi-components/" in url for url in requested)   # the component's own files, served by the app
    record_latencies()


def record_latencies() -> None:
    """The pen-up -> answer times measured so far, for the record (a benchmark's number, not a test's limit):
    tests/artifacts/draw_digit_latency.txt and stderr."""
    ARTIFACTS.mkdir(exist_ok=True)
    ordered = sorted(LATENCIES_MS)
    line = (f"pen up -> answer on screen, {len(ordered)} strokes: median {ordered[len(ordered) // 2]:.0f} ms, "
            f"max {ordered[-1]:.0f} ms, all {[round(x) for x in LATENCIES_MS]}")
    (ARTIFACTS / "draw_digit_latency.txt").write_text(line + "\n")
    print("\n" + line, file=sys.stderr)

