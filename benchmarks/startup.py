"""Start-up: from `streamlit run` to the first page in a browser, then the first classification.

    .venv/bin/python benchmarks/startup.py [--repeats 2] [--deep-links architecture feature_maps ...]

Chromium (Playwright) is launched first, then the clock starts with `streamlit run app.py` (weights
from a seeded checkpoint: GOOGLENET_WEIGHTS). Measured in one run, for each repeat (fresh server):
  server ready      the process answers /_stcore/health
  first heading     the home page's title is on screen (its words come first, the diagram last)
  first page        the home page complete (script finished, diagram drawn): the <= 5 s target
  server cpu        CPU seconds the server process used until then (barely moved by other load)
  cold first page   the same on the first start ever: no diagram kept on disk yet (a fresh ~/.streamlit)
  first classify    from opening the Classify page to its top-5 on screen: weights loaded (once per
                    process), BatchNorm folded, first forward pass, chart drawn
  warm classify     the same for an uploaded picture afterwards (model cached, nothing to load)
  floor             a one-title Streamlit page started the same way: Streamlit's own start-up here
--deep-links: for each page named, a fresh server whose first visitor opens that page by its address.
It also says whether torch was loaded in the server when the first page was complete (from /proc).
The last lines are the ratios first page / floor and first classification / warm classification.
An untimed start comes first, as the start before any lesson would have: it leaves the home page's
diagram on disk (app_pages/home.py).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import common  # noqa: F401
from common import ROOT, machine_load, make_checkpoint

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RESULT = """(name) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (name && !document.body.innerText.includes('Using your upload \\u201c' + name + '\\u201d')) return false;
  return [...document.querySelectorAll('[data-testid="stMarkdownContainer"] h4')]
      .some(h => h.innerText.startsWith('Best guess'));
}"""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


TARGET_FIRST_PAGE = 5.0   # seconds from `streamlit run` to the home page on screen (issue 12)
FLOOR_APP = 'import streamlit as st\n\nst.title("GoogLeNet")\n'


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def torch_loaded(pid: int) -> bool:
    """Whether the process has torch's library mapped, i.e. has imported torch (Linux /proc)."""
    return "libtorch_cpu" in Path(f"/proc/{pid}/maps").read_text()


def start_and_open(browser, script: Path, first_path: str, env: dict, times: dict, timeout: float):
    """Start `streamlit run script`, open `first_path` in a new tab; returns (process, page, url, context).

    Fills times["server ready"], times["first heading"] (an h1 on screen) and times["first page"] (the
    script finished), all from the moment the server process is started, and times["server cpu"].
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = common.workdir("googlenet-startup-") / "streamlit.log"
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.address",
           "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
           "--browser.gatherUsageStats", "false"]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    t0 = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = t0 + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited:\n{log.read_text()[-2000:]}")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            pass
        if time.perf_counter() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    times["server ready"] = time.perf_counter() - t0
    page.goto(f"{url}/{first_path}?lang=en", timeout=timeout * 1000)
    page.locator("h1").first.wait_for(timeout=timeout * 1000)
    times["first heading"] = time.perf_counter() - t0
    page.wait_for_selector(IDLE, timeout=timeout * 1000)
    times["first page"] = time.perf_counter() - t0
    times["server cpu"] = process_cpu(process.pid)
    return process, page, url, context


def stop(process: subprocess.Popen, context) -> None:
    context.close()
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def floor_start(browser, work: Path, timeout: float = 120) -> float:
    """Seconds from `streamlit run` to a one-title page complete: what Streamlit itself costs here."""
    script = work / "floor_app.py"
    script.write_text(FLOOR_APP)
    times: dict[str, float] = {}
    process, page, _, context = start_and_open(browser, script, "", dict(os.environ), times, timeout)
    stop(process, context)
    return times["first page"]


def deep_link_start(browser, checkpoint: Path, url_path: str, timeout: float = 300) -> float:
    """Seconds from `streamlit run` to `url_path` complete, when it is the first page anyone opens."""
    times: dict[str, float] = {}
    env = {**os.environ, "GOOGLENET_WEIGHTS": str(checkpoint)}
    process, page, _, context = start_and_open(browser, ROOT / "app.py", url_path, env, times, timeout)
    stop(process, context)
    return times["first page"]


def cold_start(browser, checkpoint: Path, work: Path, timeout: float = 300) -> float:
    """Seconds to the home page complete on a server with nothing kept on disk by an earlier start."""
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))   # an empty ~/.streamlit; the real caches otherwise
    env = {**os.environ, "GOOGLENET_WEIGHTS": str(checkpoint), "HOME": str(home),
           "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", str(Path.home() / ".cache")),
           "MPLCONFIGDIR": os.environ.get("MPLCONFIGDIR", str(Path.home() / ".config" / "matplotlib"))}
    times: dict[str, float] = {}
    process, page, _, context = start_and_open(browser, ROOT / "app.py", "", env, times, timeout)
    stop(process, context)
    return times["first page"]


def one_start(browser, checkpoint: Path, upload: Path, notes: dict, timeout: float = 300) -> dict[str, float]:
    env = {**os.environ, "GOOGLENET_WEIGHTS": str(checkpoint)}
    times: dict[str, float] = {}
    process, page, url, context = start_and_open(browser, ROOT / "app.py", "", env, times, timeout)
    try:
        notes["torch loaded by the first page"] = torch_loaded(process.pid)
        page.get_by_role("heading", name="GoogLeNet").first.wait_for(timeout=timeout * 1000)

        start = time.perf_counter()
        page.goto(f"{url}/classify?lang=en", timeout=timeout * 1000)
        page.wait_for_function(RESULT, arg="", timeout=timeout * 1000, polling=50)
        times["first classify"] = time.perf_counter() - start

        start = time.perf_counter()
        page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(upload))
        page.wait_for_function(RESULT, arg=upload.name, timeout=timeout * 1000, polling=50)
        times["warm classify"] = time.perf_counter() - start
    finally:
        stop(process, context)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--deep-links", nargs="*", default=[], metavar="URL_PATH",
                        help="also time a fresh start whose first page is this one (e.g. architecture)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"startup benchmark: {CHROMIUM} is missing (make system-deps as root installs it)")
    from PIL import ImageOps
    from playwright.sync_api import sync_playwright

    from googlenet.images import load_image

    print("startup benchmark: streamlit run -> first page in Chromium -> first classification")
    print(f"  {machine_load()}")
    work = common.workdir("googlenet-startup-")
    checkpoint = make_checkpoint(work / "googlenet.pth")
    upload = work / "mirrored_coffee.jpg"
    ImageOps.mirror(load_image(common.ASSETS / "coffee.jpg")).save(upload, quality=92)
    runs = []
    notes: dict[str, bool] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            one_start(browser, checkpoint, upload, notes)   # untimed: the start before (see the docstring)
            for i in range(args.repeats):  # interleaved with the floor, so load bursts hit both alike
                runs.append(one_start(browser, checkpoint, upload, notes))
                runs[-1]["cold first page"] = cold_start(browser, checkpoint, work)
                runs[-1]["floor"] = floor_start(browser, work)
                print("  run {}: ".format(i + 1) + ", ".join(f"{k} {v:.2f} s" for k, v in runs[-1].items()),
                      flush=True)
            deep = {}
            for url_path in args.deep_links:
                deep[url_path] = statistics.median(deep_link_start(browser, checkpoint, url_path)
                                                   for _ in range(args.repeats))
        finally:
            browser.close()
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"  medians of {len(runs)} fresh starts: " + ", ".join(f"{k} {v:.2f} s" for k, v in med.items()))
    for url_path, seconds in deep.items():
        print(f"  deep link /{url_path} as the first page: {seconds:.2f} s "
              f"({seconds / med['floor']:.1f}x the floor)")
    print("  torch loaded in the server by the first page: " + ("yes" if notes["torch loaded by the first page"]
                                                                 else "no"))
    for name in ("first page", "cold first page"):
        verdict = "meets" if med[name] <= TARGET_FIRST_PAGE else "MISSES"
        print(f"  {name} {med[name]:.2f} s against the target of {TARGET_FIRST_PAGE:.0f} s: {verdict} it")
    print(f"  first heading {med['first heading']:.2f} s; server CPU until the first page {med['server cpu']:.2f} s")
    print(f"  from `streamlit run` to the first result on screen: {med['first page'] + med['first classify']:.2f} s")
    print(f"ratio first page / floor (a one-title Streamlit page): {med['first page'] / med['floor']:.2f}")
    print(f"ratio first classification / warm classification: {med['first classify'] / med['warm classify']:.2f}")


if __name__ == "__main__":
    main()
