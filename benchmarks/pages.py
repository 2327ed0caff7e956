"""Page speed as a class feels it: every page opened in Chromium, in both languages, and every widget changed.

    .venv/bin/python benchmarks/pages.py [--pages architecture,classify] [--langs en,zh] [--busy]

One warm server of the app (weights from a seeded checkpoint, GOOGLENET_WEIGHTS) and one of a trivial
one-widget page (benchmarks/trivial_app.py: the floor of Streamlit itself on this machine), both started here.
Each page is opened twice by its address as a new visitor (the first visit warms the server's caches; the second
is timed), then every enabled widget of its main area is changed once, as a user would (tests/widget_driver.py,
the list the browser test of every widget uses). Per page and language it prints:
  on screen          ms from navigation start until the page has settled: the script finished and its
                     content's last change (nothing changes for 0.5 s after it)
  change p50 / p90   ms per widget change, from the user's action to the content's last change
and each as a ratio to the trivial page's same number measured in this run. --busy keeps a second session
training in the lab meanwhile (the targets hold "also with a second session training").
Targets (issue 12): on screen <= 1500 ms (median <= 800), change p90 <= 300 ms (<= 3x trivial). A change's time
holds the script's run and the browser's drawing, so it is an upper bound on the script time the targets name.
"""
from __future__ import annotations

import argparse
import statistics
import sys

import common  # noqa: F401  (puts the repository on sys.path)
from common import ROOT, machine_load, make_checkpoint

sys.path.insert(0, str(ROOT / "tests"))
from browser_helpers import launch_browser, start_server, stop_server  # noqa: E402
from widget_driver import Change, change_every_widget, now_ms, open_and_time, watch_script_runs  # noqa: E402

from googlenet.i18n import t  # noqa: E402
from ui.nav import available_pages  # noqa: E402

VIEWPORT = {"width": 1440, "height": 900}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def measure_page(browser, url: str, rounds: int = 1) -> tuple[float, list[Change]]:
    """(on-screen ms of the second visit, widget changes, every widget `rounds` times) for one address."""
    context = browser.new_context(viewport=VIEWPORT)
    watch_script_runs(context)
    try:
        page = context.new_page()
        open_and_time(page, url)               # first visit: fills the server's caches for this page
        on_screen = open_and_time(page, url)   # a new session, as a second student would open it
        return on_screen, [change for _ in range(rounds) for change in change_every_widget(page)]
    finally:
        context.close()


def start_training(browser, server_url: str):
    """A second session that keeps the lab's training busy while the pages are measured."""
    context = browser.new_context(viewport=VIEWPORT)
    watch_script_runs(context)
    page = context.new_page()
    open_and_time(page, f"{server_url}/training?lang=en")
    since = now_ms(page)
    page.get_by_role("button", name=t("train.start", lang="en")).click()
    page.wait_for_function("since => window.__seen.lastChange > since", arg=since)
    return context


def row(name: str, on_screen: float, changes: list[Change], floor: tuple[float, list[float]]) -> str:
    """One page: its times, each with its ratio to the trivial page measured just before it."""
    floor_on, floor_changes = floor
    cells = [f"{on_screen:7.0f} {on_screen / floor_on:5.1f}x"]
    for q in (0.5, 0.9):
        if changes:
            ms = percentile([c.ms for c in changes], q)
            cells.append(f"{ms:6.0f} {ms / percentile(floor_changes, q):5.1f}x")
        else:
            cells.append(f"{'-':>6}    - ")
    return f"{name:<24}{len(changes):>3}   " + "   ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="", help="comma-separated url paths (default: every page)")
    parser.add_argument("--langs", default="en,zh")
    parser.add_argument("--busy", action="store_true", help="a second session trains in the lab meanwhile")
    parser.add_argument("--details", action="store_true", help="print every widget change")
    args = parser.parse_args()
    pages = [p for p in available_pages() if not args.pages or p.url_path in args.pages.split(",")]
    langs = args.langs.split(",")
    checkpoint = make_checkpoint()
    print(f"machine load before: {machine_load()}")
    app = start_server(ROOT, env={"GOOGLENET_WEIGHTS": str(checkpoint)})
    trivial = start_server(ROOT, script="benchmarks/trivial_app.py")
    results, floors = [], []
    try:
        with launch_browser() as browser:
            measure_page(browser, trivial.url)                     # warm-up: Streamlit's own first run
            busy = start_training(browser, app.url) if args.busy else None
            for info in pages:
                for lang in langs:
                    # The floor, measured just before each page: a burst of load hits both alike.
                    floor_on, floor_changes = measure_page(browser, trivial.url, rounds=2)
                    floors.append((floor_on, [c.ms for c in floor_changes]))
                    address = "" if info.url_path == "home" else info.url_path
                    on, changes = measure_page(browser, f"{app.url}/{address}?lang={lang}")
                    results.append((f"{info.url_path} ({lang})", on, changes, floors[-1]))
                    print(f"  {info.url_path} ({lang}): on screen {on:.0f} ms, {len(changes)} widgets "
                          f"(trivial page just before: {floor_on:.0f} ms)", flush=True)
                    if args.details:
                        for c in changes:
                            print(f"    {c.kind:<18} {c.label[:50]:<50} {c.ms:6.0f} ms", flush=True)
            if busy:
                busy.close()
    finally:
        stop_server(app)
        stop_server(trivial)
    print(f"\nmachine load after: {machine_load()}{'   (a second session was training)' if args.busy else ''}")
    floor_opens = [on for on, _ in floors]
    floor_changes = [ms for _, changes in floors for ms in changes]
    print(f"trivial one-widget page (the floor, measured before every page): on screen median "
          f"{statistics.median(floor_opens):.0f} ms, change p50 {percentile(floor_changes, 0.5):.0f} ms, "
          f"p90 {percentile(floor_changes, 0.9):.0f} ms")
    print(f"\n{'page':<24}{'n':>3}   {'on screen ms':>13}   {'change p50':>12}   {'change p90':>12}"
          "   (ratios: to the trivial page just before)")
    for name, on, changes, floor in results:
        print(row(name, on, changes, floor))
    opens = [on for _, on, _, _ in results]
    every = [c.ms for _, _, changes, _ in results for c in changes]
    print(f"\nall pages: on screen median {statistics.median(opens):.0f} ms, slowest {max(opens):.0f} ms "
          f"(targets 800 / 1500); widget changes p50 {percentile(every, 0.5):.0f} ms, p90 {percentile(every, 0.9):.0f} ms "
          f"(target 300)")
    print(f"ratio to the trivial page: on screen median {statistics.median(opens) / statistics.median(floor_opens):.1f}x, "
          f"change p90 {percentile(every, 0.9) / percentile(floor_changes, 0.9):.1f}x (target <= 3x)")


if __name__ == "__main__":
    main()
