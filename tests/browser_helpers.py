"""Real-browser plumbing: a Streamlit server on a free port and Debian's Chromium driven by Playwright."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root: Path, env: dict | None = None, port: int | None = None, timeout: float = 90,
                 script: str = "app.py") -> Server:
    port = port or free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"streamlit-{port}.log"
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
           "--browser.gatherUsageStats", "false"]
    process = subprocess.Popen(cmd, cwd=root, env={**os.environ, **(env or {})},
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        with contextlib.suppress(OSError):
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return Server(process, url, log)
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not answer within {timeout}s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


def require_chromium() -> None:
    """In CI the browser test must run; elsewhere, without Chromium, skip with one loud line."""
    if Path(CHROMIUM).exists():
        return
    message = f"REAL-BROWSER TEST SKIPPED: {CHROMIUM} is missing (run `make test` as root to install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    print("\n" + message, file=sys.stderr)
    pytest.skip(message)


@contextlib.contextmanager
def launch_browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


# Placeholders of elements whose code is still loading (the app's skeleton, a chart's): not on screen yet.
PLACEHOLDERS = '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]'


def wait_idle(page, timeout: float = 90_000, settle_ms: int = 400) -> None:
    """Wait until Streamlit has finished the current script run (and stays finished for a moment) and every
    element is drawn (no placeholder left)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    for _ in range(3):  # a rerun may start just after we look: re-check after a short pause
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_timeout(settle_ms)
        if page.query_selector(RUNNING) is None:
            break
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function("sel => !document.querySelector(sel)", arg=PLACEHOLDERS, timeout=timeout)


def open_page(page, server: Server, url_path: str, lang: str) -> None:
    page.goto(f"{server.url}/{'' if url_path == 'home' else url_path}?lang={lang}")
    wait_idle(page)


def exceptions(page) -> list[str]:
    return [e.inner_text() for e in page.query_selector_all('[data-testid="stException"]')]


def assert_no_exception(page) -> None:
    found = exceptions(page)
    assert not found, f"Streamlit exception on the page: {found}"


def upload(page, file: Path, index: int = 0) -> None:
    """Put a file into the index-th file uploader on the page, then wait for the rerun it triggers."""
    page.locator('[data-testid="stFileUploader"] input[type="file"]').nth(index).set_input_files(str(file))
    page.wait_for_timeout(300)
    wait_idle(page)


def screenshot(page, name: str) -> Path:
    """The whole page: Streamlit scrolls inside its main container, so grow the window to fit it first."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]') || document.body;
        return Math.max(main.scrollHeight, window.innerHeight);
    }""")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path
