"""Every widget of a page, changed the way a user would, in a real browser — and how long the page took.

One list of what counts as a widget and how a user changes it, shared by the browser test that changes every
widget on every page (tests/test_browser_widgets.py) and the page-speed benchmark (benchmarks/pages.py).

Timing comes from the page itself: an init script records, with `performance.now()` (milliseconds since the
page's navigation started), every change of the app's `data-test-script-state` attribute and the time of the
last change anywhere in the app's content (the header's running indicator aside). So the numbers hold no
Playwright round trips:
  on screen   navigation start -> the content's last change, once the script has finished and nothing has
              changed for QUIET_MS;
  a change    the user's action -> the content's last change of the reruns it caused (fragment reruns too).
(A fast rerun can start and end inside one browser frame, so the script state alone may never show "running":
the content's changes are the reliable end mark.)
"""
from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_helpers import PLACEHOLDERS

QUIET_MS = 500  # a page has settled when its content has not changed for this long after the script ended

# Runs before any of the page's own scripts.
RECORDER = """
(() => {
  const seen = window.__seen = {states: [], lastChange: 0};
  const watch = (app) => {
    const note = () => seen.states.push([app.getAttribute('data-test-script-state'), performance.now()]);
    note();
    new MutationObserver(note).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    new MutationObserver((records) => {
      if (records.some((r) => {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        return el && el !== app && !el.closest('[data-testid="stHeader"], [data-testid="stDecoration"]');
      })) seen.lastChange = performance.now();
    }).observe(app, {subtree: true, childList: true, attributes: true, characterData: true});
  };
  const find = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app) watch(app); else requestAnimationFrame(find);
  };
  find();
})();
"""

# Settled: the content changed after `since`, the script is not running, nothing on the page is still a
# placeholder (an element whose code is still loading) or greyed out as stale, and all has been quiet for
# QUIET_MS (with `ran`, a script run must also have been seen: a page opening is never done inside one frame).
WAITING = f'{PLACEHOLDERS}, [data-stale="true"]'
SETTLED = """([since, quiet, ran, waiting]) => {
  const seen = window.__seen;
  if (!seen || seen.lastChange < since || !seen.states.length) return false;
  if (document.querySelector(waiting)) return false;
  if (ran && !seen.states.some(([state, at]) => state === 'running' && at >= since)) return false;
  const [state, at] = seen.states[seen.states.length - 1];
  const now = performance.now();
  return state === 'notRunning' && now - seen.lastChange >= quiet && now - at >= quiet;
}"""

MAIN = '[data-testid="stMain"]'


@dataclass(frozen=True)
class WidgetKind:
    """A kind of widget: the test id Streamlit gives its element, and how a user changes its value."""
    test_id: str
    name: str


# Every kind of widget the pages use whose value a user changes. Buttons start jobs or actions (tested
# page by page); file and camera inputs need a file (tests/picture_corpus.py drives those).
WIDGET_KINDS = (
    WidgetKind("stSelectbox", "select box"),
    WidgetKind("stSlider", "slider"),
    WidgetKind("stCheckbox", "checkbox / toggle"),
    WidgetKind("stRadio", "radio"),
    WidgetKind("stNumberInput", "number field"),
    WidgetKind("stTextInput", "text field"),
)


@dataclass(frozen=True)
class Change:
    """One widget change: what was changed, and the times it took (ms)."""
    kind: str
    label: str
    ms: float   # the action -> the content's last change


def watch_script_runs(context) -> None:
    """Install the recorder in every page this browser context opens (call before opening any)."""
    context.add_init_script(RECORDER)


def now_ms(page) -> float:
    return page.evaluate("performance.now()")


def wait_settled(page, since: float, timeout_ms: float = 60_000, ran: bool = False) -> float:
    """Wait until the page settles after `since`; returns the time of the content's last change."""
    page.wait_for_function(SETTLED, arg=[since, QUIET_MS, ran, WAITING], timeout=timeout_ms, polling=50)
    return page.evaluate("window.__seen.lastChange")


def act_and_settle(page, action) -> float:
    """Do `action()` (a click, a key) and wait until the rerun it starts has changed the page and settled;
    ms it took. (A fragment rerun can be over before a plain "is it idle?" check has seen it begin.)"""
    since = now_ms(page)
    action()
    return wait_settled(page, since) - since


def open_and_time(page, url: str) -> float:
    """Open `url` as a new visitor; ms from navigation start until the page has settled."""
    page.goto(url)
    return wait_settled(page, 0.0, ran=True)


def enabled_widgets(page, kind: WidgetKind):
    """The visible, enabled widgets of one kind in the page's main area (the sidebar holds the language switch)."""
    found = page.locator(f'{MAIN} [data-testid="{kind.test_id}"]')
    widgets = (found.nth(i) for i in range(found.count()))
    return [w for w in widgets if w.is_visible() and not _disabled(w)]


def open_expanders(page) -> None:
    """Open every closed expander of the main area, so the widgets inside can be reached; waits for the reruns
    an expander that draws its content lazily asks for."""
    closed = page.locator(f'{MAIN} [data-testid="stExpander"] details:not([open]) > summary')
    if not closed.count():
        return
    since = now_ms(page)
    while closed.count():
        closed.first.click()
    wait_settled(page, since)


def _disabled(widget) -> bool:
    return widget.evaluate("""el => !!el.querySelector('input:disabled, [aria-disabled="true"], button:disabled')""")


def label_of(widget) -> str:
    label = widget.locator('[data-testid="stWidgetLabel"]')
    return label.first.inner_text().strip() if label.count() else ""


def change(page, kind: WidgetKind, widget) -> None:
    """Change one widget's value the way a user would."""
    prepare(page, kind, widget)()


def prepare(page, kind: WidgetKind, widget):
    """Everything before the change itself (opening a select box's list), then the change as a callable: a
    change is timed from the moment the user commits it (clicks the option, presses the key)."""
    return CHANGERS[kind.test_id](page, widget)


def _next_option(page, widget):
    """Open the list with the box's own button; the change: the option after the one shown (the first after the last)."""
    shown = widget.get_by_role("combobox").first.input_value()
    options = page.locator('[role="listbox"] [role="option"]')
    for _ in range(3):   # on a busy machine a click sometimes does not open the list: ask again
        widget.locator('button[aria-haspopup="listbox"]').first.click()
        try:
            options.first.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    texts = [options.nth(i).inner_text().strip() for i in range(options.count())]
    current = texts.index(shown) if shown in texts else -1
    return options.nth((current + 1) % len(texts)).click


def _slide(page, widget):
    thumb = widget.locator('input[type="range"]').first
    at_max = thumb.input_value() == thumb.get_attribute("max")
    return lambda: thumb.press("ArrowLeft" if at_max else "ArrowRight")


def _tick(page, widget):
    return widget.locator("label").first.click


def _other_option(page, widget):
    options = widget.locator('[role="radiogroup"] label')
    unchecked = [options.nth(i) for i in range(options.count()) if not options.nth(i).locator("input").is_checked()]
    return unchecked[0].click


def _step_up(page, widget):
    up = widget.locator('[data-testid="stNumberInputStepUp"]')
    return (widget.locator('[data-testid="stNumberInputStepDown"]') if up.is_disabled() else up).click


def _retype(page, widget):
    """A number one larger than the field's own (a field with no number gets "1"), confirmed with Enter."""
    field = widget.locator("input").first
    value = field.input_value().strip()
    field.fill(str(int(value) + 1) if value.isdigit() else "1")
    return lambda: field.press("Enter")


CHANGERS = {
    "stSelectbox": _next_option,
    "stSlider": _slide,
    "stCheckbox": _tick,
    "stRadio": _other_option,
    "stNumberInput": _step_up,
    "stTextInput": _retype,
}
assert set(CHANGERS) == {kind.test_id for kind in WIDGET_KINDS}


def change_every_widget(page, on_change=None) -> list[Change]:
    """Change each enabled widget in the main area once, waiting for the page to settle after each.

    The widgets are counted once, before the first change; a widget a change removes is skipped. An expander
    a change redraws closed (a new element where the page's layout changed) is opened again before the next.
    `on_change(change)` is called after each one (a test checks the page there).
    """
    open_expanders(page)
    plan = [(kind, i) for kind in WIDGET_KINDS for i in range(len(enabled_widgets(page, kind)))]
    changes = []
    for kind, i in plan:
        open_expanders(page)
        widgets = enabled_widgets(page, kind)
        if i >= len(widgets):
            continue
        widget = widgets[i]
        widget.scroll_into_view_if_needed()
        label = label_of(widget)
        commit = prepare(page, kind, widget)
        since = now_ms(page)
        commit()
        done = Change(kind.name, label, ms=wait_settled(page, since) - since)
        changes.append(done)
        if on_change:
            on_change(done)
    return changes
