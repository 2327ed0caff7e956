"""Start-up: from `streamlit run` to the first page in a browser, then the first classification.

    .venv/bin/python benchmarks/startup.py [--repeats 2]

Chromium (Playwright) is launched first, then the clock starts with `streamlit run app.py` (weights
from a seeded checkpoint: GOOGLENET_WEIGHTS). Measured in one run, for each repeat (fresh server):
  server ready      the process answers /_stcore/health
  first page        the home page rendered in the browser (heading visible, script finished)
  first classify    from opening the Classify page to its top-5 on screen: weights loaded (once per
                    process), BatchNorm folded, first forward pass, chart drawn
  warm classify     the same for an uploaded picture afterwards (model cached, nothing to load)
The last line is the ratio first classification / warm classification.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
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


def one_start(browser, checkpoint: Path, upload: Path, timeout: float = 300) -> dict[str, float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = common.workdir("googlenet-startup-") / "streamlit.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
           "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
           "--browser.gatherUsageStats", "false"]
    env = {**os.environ, "GOOGLENET_WEIGHTS": str(checkpoint)}
    times: dict[str, float] = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    t0 = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
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
        page.goto(f"{url}/?lang=en", timeout=timeout * 1000)
        page.get_by_role("heading", name="GoogLeNet").first.wait_for(timeout=timeout * 1000)
        page.wait_for_selector(IDLE, timeout=timeout * 1000)
        times["first page"] = time.perf_counter() - t0

        start = time.perf_counter()
        page.goto(f"{url}/classify?lang=en", timeout=timeout * 1000)
        page.wait_for_function(RESULT, arg="", timeout=timeout * 1000, polling=50)
        times["first classify"] = time.perf_counter() - start

        start = time.perf_counter()
        page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(upload))
        page.wait_for_function(RESULT, arg=upload.name, timeout=timeout * 1000, polling=50)
        times["warm classify"] = time.perf_counter() - start
    finally:
        context.close()
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
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
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for i in range(args.repeats):
                runs.append(one_start(browser, checkpoint, upload))
                print("  run {}: ".format(i + 1) + ", ".join(f"{k} {v:.2f} s" for k, v in runs[-1].items()),
                      flush=True)
        finally:
            browser.close()
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"  medians of {len(runs)} fresh starts: " + ", ".join(f"{k} {v:.2f} s" for k, v in med.items()))
    print(f"  from `streamlit run` to the first result on screen: {med['first page'] + med['first classify']:.2f} s")
    print(f"ratio first classification / warm classification: {med['first classify'] / med['warm classify']:.2f}")


if __name__ == "__main__":
    main()
