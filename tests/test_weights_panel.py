"""The sidebar's "download weights" button, through app.py as a student uses it, in both languages.

Never the network: the download comes from a server on 127.0.0.1 that the test starts (GOOGLENET_WEIGHTS_URL),
serving the test checkpoint under a name whose hash part matches it, so the real downloader and its hash check
run; "offline" is an address on 127.0.0.1 where nothing listens.
"""
from __future__ import annotations

import pytest
from streamlit.elements.progress import ProgressMixin

from apptest_helpers import assert_shows, choose_language, goto, open_app, visible_text
from googlenet import weights
from googlenet.i18n import t
from ui import weights_panel
from weights_helpers import closed_port, hashed_name, serve_bytes


def download_button(at):
    return at.button(key=weights_panel.BUTTON_KEY)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Addresses on 127.0.0.1 are reached directly, whatever proxy the machine is set up with."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def progress_shown(monkeypatch) -> list[tuple[float, str]]:
    """Every (value, text) a Streamlit progress bar is given while the test runs."""
    shown: list[tuple[float, str]] = []
    original = ProgressMixin.progress

    def spy(self, value, text=None, **kwargs):
        shown.append((float(value), text or ""))
        return original(self, value, text=text, **kwargs)

    monkeypatch.setattr(ProgressMixin, "progress", spy)
    return shown


@pytest.fixture
def mirror(without_weights, fake_weights_file, monkeypatch):
    """A local 'download server' with the test checkpoint, sent in pieces so the bar has steps to show."""
    data = fake_weights_file.read_bytes()
    monkeypatch.setattr(weights, "FILE_NAME", hashed_name(data))
    server = serve_bytes(data, pieces=6, pause=0.2)
    monkeypatch.setenv(weights.URL_ENV_VAR, f"http://127.0.0.1:{server.server_address[1]}/{weights.FILE_NAME}")
    yield data
    server.shutdown()
    server.server_close()


@pytest.fixture
def offline(without_weights, monkeypatch):
    """No internet: the download address refuses connections at once."""
    monkeypatch.setenv(weights.URL_ENV_VAR, f"http://127.0.0.1:{closed_port()}/{weights.FILE_NAME}")


def test_the_button_says_how_big_the_download_is():
    assert t("common.weights_download", lang="en", size=weights.FILE_SIZE_MB) == "Download weights (≈ 50 MB)"
    assert t("common.weights_download", lang="zh", size=weights.FILE_SIZE_MB) == "下载权重（约 50 MB）"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_bar_s_words(lang):
    from googlenet.i18n import set_language

    set_language(lang)
    assert weights_panel.progress_text(0, None) == t("common.weights_connecting", lang=lang)
    assert weights_panel.progress_text(3 * 2**20, 50 * 2**20) == t("common.weights_progress", lang=lang, done=3, total=50)
    assert "3.0 / 50.0 MB" in weights_panel.progress_text(3 * 2**20, 50 * 2**20)
    assert "3.0 MB" in weights_panel.progress_text(3 * 2**20, None)   # a server that does not say the size


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_download_shows_progress_then_the_weights_are_found(lang, mirror, progress_shown):
    at = open_app(lang)
    assert_shows(at, t("common.weights_missing", lang=lang), weights.FETCH_COMMAND)
    assert download_button(at).label == t("common.weights_download", lang=lang, size=weights.FILE_SIZE_MB)

    download_button(at).click().run()

    assert not at.exception
    # The bar moved through the bytes in the reader's language, ending at the check.
    total_mb = weights.megabytes(len(mirror))
    between = [(value, text) for value, text in progress_shown if 0 < value < 1]
    assert between, "the bar never showed a step between empty and full"
    done_mb = between[0][0] * total_mb
    assert between[0][1] == t("common.weights_progress", lang=lang, done=done_mb, total=total_mb)
    assert progress_shown[-1] == (1.0, t("common.weights_checking", lang=lang))
    assert [value for value, _ in progress_shown] == sorted(value for value, _ in progress_shown)
    # Then the app reran: the weights are found, the button and the command are gone, the page is whole.
    found = weights.hub_cache_path()
    assert found.read_bytes() == mirror
    assert_shows(at, t("common.weights_found", lang=lang, path=found.name),
                 t("common.weights_downloaded", lang=lang, size=total_mb))
    assert weights_panel.BUTTON_KEY not in [b.key for b in at.button]
    assert weights.FETCH_COMMAND not in visible_text(at)
    assert at.title[0].value == t("home.title", lang=lang)


def test_after_the_download_the_pages_use_the_weights(mirror):
    at = open_app("en")
    download_button(at).click().run()
    goto(at, "app_pages/classify.py")
    text = visible_text(at)
    assert t("models.weights_missing", lang="en") not in text and weights.FETCH_COMMAND not in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_offline_the_failure_is_explained_and_nothing_breaks(lang, offline, progress_shown):
    at = open_app(lang)
    download_button(at).click().run()

    assert not at.exception
    error = at.session_state[weights_panel.ERROR_KEY]
    assert isinstance(error, weights.WeightsUnavailable) and error.key == "weights.download_failed"
    assert "Connection refused" in str(error)
    assert [e.value for e in at.sidebar.error] == [error.message(lang)]
    assert weights.FETCH_COMMAND in error.message(lang)   # the way out for an offline classroom
    # Nothing broken: the command line and the button are still there, the page is whole, no file appeared.
    assert_shows(at, t("common.weights_missing", lang=lang), weights.FETCH_COMMAND)
    assert download_button(at).label == t("common.weights_download", lang=lang, size=weights.FILE_SIZE_MB)
    assert at.title[0].value == t("home.title", lang=lang)
    assert not weights.hub_cache_path().exists()
    assert progress_shown and progress_shown[0][1] == t("common.weights_connecting", lang=lang)

    # The message follows the language switch, and stays through a visit to another page.
    other = "zh" if lang == "en" else "en"
    choose_language(at, other)
    assert [e.value for e in at.sidebar.error] == [error.message(other)]
    goto(at, "app_pages/architecture.py")
    assert [e.value for e in at.sidebar.error] == [error.message(other)]
