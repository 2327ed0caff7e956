"""What a screen shows of a page, measured in Chromium: does the page scroll sideways, is text a student must read
cut off ("…"), how large are the network diagram's labels. Used by the every-page browser test (a phone and a
laptop) and the presentation view's test."""
from __future__ import annotations

# Scale factor 1: the layout in CSS px is the same as a phone's 3, and full-page screenshots cost a ninth.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
MIN_DIAGRAM_PX = 12   # ui.diagrams.MIN_LABEL_PX: the smallest label a student reads on a screen of their own

# The page's width against the window's (the document and Streamlit's main area, which scrolls itself), and every
# metric, metric label or page link whose text is clipped (a box narrower than its text, with the rest hidden).
LAYOUT = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const cut = [];
  const boxes = main.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricLabel"], '
                                      + '[data-testid="stPageLink-NavLink"]');
  for (const box of boxes) {
    for (const el of [box, ...box.querySelectorAll('*')]) {
      if (!el.getClientRects().length || getComputedStyle(el).overflowX === 'visible') continue;
      if (el.scrollWidth > el.clientWidth + 1) { cut.push(box.innerText.trim().slice(0, 60)); break; }
    }
  }
  return {window: window.innerWidth, document: document.scrollingElement.scrollWidth,
          main: main.scrollWidth, mainBox: main.clientWidth, cut};
}"""

# The network diagram on screen (of its two layouts, the one the page shows): the size in CSS px of its smallest
# label = its smallest font size in the SVG's own units x the width it is drawn at / its width in those units.
DIAGRAM_LABEL_PX = """() => {
  const shown = [...document.querySelectorAll('[class*="st-key-network_diagram_"] img')]
    .filter(img => img.getBoundingClientRect().width > 0);
  return shown.map(img => {
    const svg = atob(img.src.split(',')[1]);
    const width = parseFloat(svg.match(/viewBox="[-\\d.]+ [-\\d.]+ ([\\d.]+)/)[1]);
    const smallest = Math.min(...[...svg.matchAll(/font-size="([\\d.]+)"/g)].map(m => parseFloat(m[1])));
    return {px: img.getBoundingClientRect().width * smallest / width, layout: img.closest('[class*="st-key-"]').className};
  });
}"""


def assert_fits(page, what: str) -> dict:
    """The page does not scroll sideways and no metric or page link is cut off."""
    found = page.evaluate(LAYOUT)
    assert found["document"] <= found["window"] and found["main"] <= found["mainBox"], (what, found)
    assert not found["cut"], (what, found["cut"])
    return found


def diagram_label_px(page) -> float:
    shown = page.evaluate(DIAGRAM_LABEL_PX)
    assert len(shown) == 1, shown   # one layout on screen, the other hidden
    return shown[0]["px"]
