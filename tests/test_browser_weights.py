"""The sidebar's download button in Chromium, on a server without weights and without internet.

The server's download address (GOOGLENET_WEIGHTS_URL) is a port on 127.0.0.1: nothing listens there for the
offline check; for the progress check the test serves bytes there slowly (not the real file, so the hash
check refuses it at the end). Screenshots go to tests/artifacts/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, start_server, stop_server, wait_idle
from googlenet.i18n import t
from googlenet.weights import FETCH_COMMAND, FILE_NAME, FILE_SIZE_MB, URL_ENV_VAR
from weights_helpers import closed_port, serve_bytes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def server_without_weights(tmp_path_factory):
    port = closed_port()
    env = {"TORCH_HOME": str(tmp_path_factory.mktemp("no-weights-hub")), URL_ENV_VAR: f"http://127.0.0.1:{port}/{FILE_NAME}",
           "NO_PROXY": "*", "http_proxy": "", "HTTP_PROXY": "", "https_proxy": "", "HTTPS_PROXY": ""}
    server = start_server(ROOT, env=env)
    server.download_port = port
    yield server
    stop_server(server)


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def click_download(page, lang):
    sidebar(page).get_by_role("button", name=t("common.weights_download", lang=lang, size=FILE_SIZE_MB)).click()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_offline_the_button_explains_and_nothing_breaks(server_without_weights, page, lang):
    open_page(page, server_without_weights, "home", lang)
    assert FETCH_COMMAND in sidebar(page).inner_text()
    click_download(page, lang)
    alert = sidebar(page).locator('[data-testid="stAlertContentError"]')
    alert.wait_for(timeout=30_000)
    wait_idle(page)
    message = alert.inner_text()
    start = t("weights.download_failed", lang=lang, reason="\0", command="", venv_command="", env="").split("\0")[0]
    assert start in message and "Connection refused" in message and FETCH_COMMAND in message
    assert_no_exception(page)
    # The page is whole, and the command line is still there for an offline classroom.
    page.get_by_role("heading", name=t("home.title", lang=lang)).first.wait_for()
    assert FETCH_COMMAND in sidebar(page).inner_text()
    page.mouse.move(800, 10)   # away from the button, so its tooltip does not cover the sidebar
    screenshot(page, f"weights_offline_{lang}")


def test_the_bar_counts_the_bytes_then_a_wrong_file_is_refused(server_without_weights, page):
    junk = bytes(range(256)) * 4096 * 8   # 8 MB that are not the weights
    mirror = serve_bytes(junk, pieces=16, pause=0.4, port=server_without_weights.download_port)
    try:
        open_page(page, server_without_weights, "home", "en")
        click_download(page, "en")
        bar = sidebar(page).locator('[data-testid="stProgress"]')
        page.wait_for_function("""() => {
            const bar = document.querySelector('[data-testid="stSidebar"] [data-testid="stProgress"]');
            return bar && /Downloading the weights: [1-9][0-9.]* \\/ 8\\.0 MB/.test(bar.innerText);
        }""", timeout=30_000, polling=50)
        shown = bar.inner_text()
        screenshot(page, "weights_progress_en")
        alert = sidebar(page).locator('[data-testid="stAlertContentError"]')
        alert.wait_for(timeout=30_000)
        wait_idle(page)
    finally:
        mirror.shutdown()
        mirror.server_close()
    assert "/ 8.0 MB" in shown
    assert "checksum mismatch" in alert.inner_text()
    assert bar.count() == 0   # the bar is gone, the message stays
    assert_no_exception(page)
