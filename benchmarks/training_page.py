"""The training lab as a class feels it, in Chromium: does the page slow down as runs pile up?

    .venv/bin/python benchmarks/training_page.py [--repeat 3] [--lang en] [--steps 60]

One warm server of the app, one browser session on the training page. It times (ms, from the page itself:
tests/widget_driver.py records the script's state and the page's last change with performance.now(); a change
lasts from the user's action to the last change its reruns make to the page):
  settings, 0 runs    every settings widget changed REPEAT times before any run
  start -> progress   a click on "train with and without aux" until the progress bar is on screen
  settings, 2 runs    the same changes after those two short runs (STEPS steps each)
  results widgets     the run picker and the "try it" slider, with two runs
  checkpoint load     a downloaded weights file put back into the uploader, until the page has settled
and prints p50 / p90 of each, the ratio "2 runs / 0 runs" (1.0x: the page does not slow down with runs), each
number as a ratio to the target (issue 12: every widget change p90 <= 300 ms; a job shows
progress within 300 ms) and to the floor: a one-widget Streamlit page served and timed in the same run (what
Streamlit itself needs on this machine, as busy as it is now).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import common  # noqa: F401  (puts the repository on sys.path)
from common import ROOT, machine_load

sys.path.insert(0, str(ROOT / "tests"))
from browser_helpers import launch_browser, start_server, stop_server  # noqa: E402
from widget_driver import WIDGET_KINDS, now_ms, prepare, open_and_time, wait_settled, watch_script_runs  # noqa: E402

from googlenet.i18n import t  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

TARGET_MS = 300
SELECT_BOX = next(kind for kind in WIDGET_KINDS if kind.test_id == "stSelectbox")
BUTTON = '[data-testid^="stBaseButton"]'   # (not the "?" of its help)
VIEWPORT = {"width": 1440, "height": 900}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def widget(page, key: str):
    """The element Streamlit drew for the widget with this key (its container carries the class st-key-KEY)."""
    return page.locator(f".st-key-{key}").first


def timed(page, action, timeout_ms: float = 180_000) -> float:
    """ms of one user action: from the action to the last change its reruns made to the page. An action that
    returns a callable has only prepared the change (opened a list): the clock starts at that callable."""
    since = now_ms(page)
    commit = action()
    if callable(commit):
        since = now_ms(page)
        commit()
    return wait_settled(page, since, timeout_ms) - since


def slide(page, key: str, step: int):
    def go():
        thumb = widget(page, key).get_by_role("slider").first  # (an <input type=range>)
        thumb.focus()
        page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")
    return go


def tick(page, key: str):
    return lambda: widget(page, key).locator("label").first.click()


def step_number(page, key: str, up: bool):
    return lambda: widget(page, key).locator(
        f'[data-testid="stNumberInputStep{"Up" if up else "Down"}"]').click()


def next_option(page, key: str):
    """The select box's next option (tests/widget_driver.py): the list opened before the clock starts, the
    click on the option timed."""
    return lambda: prepare(page, SELECT_BOX, widget(page, key))


def settings_changes(page, repeat: int) -> list[float]:
    """Each settings widget moved and moved back, `repeat` times: ms per change."""
    moves = {"epochs +1": slide(page, "train_epochs", +1), "epochs -1": slide(page, "train_epochs", -1),
             "lr up": slide(page, "train_lr", +1), "lr down": slide(page, "train_lr", -1),
             "depth +1": slide(page, "train_depth", +1), "depth -1": slide(page, "train_depth", -1),
             "BN off": tick(page, "train_bn"), "BN on": tick(page, "train_bn"),
             "seed +1": step_number(page, "train_seed", up=True), "seed -1": step_number(page, "train_seed", up=False)}
    return measure(page, moves, repeat)


def measure(page, moves: dict, repeat: int) -> list[float]:
    """ms of each move, made `repeat` times; a move that times out (a busy machine) is left out."""
    times = []
    for _ in range(repeat):
        for name, move in moves.items():
            try:
                times.append(timed(page, move, timeout_ms=60_000))
            except PlaywrightTimeout:
                print(f"  (no rerun after '{name}' within a minute: not counted)", flush=True)
    return times


def open_more_settings(page, lang: str) -> None:
    page.get_by_text(t("train.more", lang=lang), exact=True).click()
    widget(page, "train_seed").wait_for()


def set_max_steps(page, steps: int) -> None:
    box = widget(page, "train_max_steps").locator("input")
    timed(page, lambda: (box.fill(str(steps)), box.press("Enter")))


def start_to_progress(page) -> float:
    """Click "with and without aux": ms until the progress bar is on screen; then wait for both runs to end."""
    since = now_ms(page)
    widget(page, "train_compare").locator(BUTTON).first.click()
    shown = page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stProgress\"]') ? performance.now() : 0",
        timeout=60_000, polling="raf").json_value()
    wait_settled(page, since, timeout_ms=300_000)
    return shown - since


def load_checkpoint(page, folder: Path) -> float:
    """Download the chosen run's weights, put them back into the uploader: ms until the page has the new run."""
    with page.expect_download() as download:
        widget(page, "train_download").locator(BUTTON).first.click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    uploader = widget(page, "train_weights_upload").locator('input[type="file"]')
    return timed(page, lambda: uploader.set_input_files(str(path)))


def line(name: str, values: list[float], floor: float, base: list[float] | None = None) -> str:
    p50, p90 = percentile(values, 0.5), percentile(values, 0.9)
    text = (f"{name:<22}{len(values):>3}   p50 {p50:6.0f} ms   p90 {p90:6.0f} ms   "
            f"p90/target {p90 / TARGET_MS:4.1f}x   p90/floor {p90 / floor:4.1f}x")
    if base:
        text += f"   p90 vs 0 runs {p90 / percentile(base, 0.9):4.1f}x"
    return text


def floor_ms(browser, repeat: int) -> float:
    """p90 ms of a slider change on the one-widget page (benchmarks/trivial_app.py, its own server)."""
    server = start_server(ROOT, script="benchmarks/trivial_app.py")
    try:
        context = browser.new_context(viewport=VIEWPORT)
        watch_script_runs(context)
        page = context.new_page()
        open_and_time(page, server.url)
        slider = page.get_by_role("slider").first
        times = measure(page, {"+1": lambda: (slider.focus(), page.keyboard.press("ArrowRight")),
                               "-1": lambda: (slider.focus(), page.keyboard.press("ArrowLeft"))}, repeat)
        context.close()
    finally:
        stop_server(server)
    return percentile(times, 0.9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="times each settings change is made")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--steps", type=int, default=60, help="training steps of each of the two runs")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to serve (e.g. an older version)")
    args = parser.parse_args()
    print(f"serving {args.root}; machine load before: {machine_load()}")
    server = start_server(args.root)
    try:
        with launch_browser() as browser, tempfile.TemporaryDirectory() as folder:
            context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
            watch_script_runs(context)
            page = context.new_page()
            url = f"{server.url}/training?lang={args.lang}"
            open_and_time(page, url)   # a first visit warms the server's caches for this page
            open_and_time(page, url)
            floor = floor_ms(browser, 5)
            print(f"floor: a one-widget page's slider, p90 {floor:.0f} ms", flush=True)
            print(f"\ntraining page ({args.lang}), ms per change (target p90 <= {TARGET_MS} ms):", flush=True)
            open_more_settings(page, args.lang)
            empty = settings_changes(page, args.repeat)
            print(line("settings, 0 runs", empty, floor), flush=True)
            set_max_steps(page, args.steps)
            progress = start_to_progress(page)
            print(f"{'start -> progress':<22}      {progress:6.0f} ms   ratio to target {progress / TARGET_MS:4.1f}x",
                  flush=True)
            print(line("settings, 2 runs", settings_changes(page, args.repeat), floor, empty), flush=True)
            results = measure(page, {"run picker": next_option(page, "train_pick"),
                                     "try-it slider": slide(page, "train_test_index_digits", +1)}, args.repeat)
            print(line("results widgets", results, floor, empty) + "   (run picker, try-it slider)", flush=True)
            loaded = load_checkpoint(page, Path(folder))
            print(f"{'checkpoint load':<22}      {loaded:6.0f} ms   "
                  f"ratio to a settings change (p50, 0 runs) {loaded / statistics.median(empty):4.1f}x", flush=True)
            print(line("settings, 3 runs", settings_changes(page, 1), floor, empty) + "   (after the checkpoint load)")
            context.close()
    finally:
        stop_server(server)
    print(f"machine load after: {machine_load()}")

if __name__ == "__main__":
    main()
