"""Nothing leaves the server: in real Chromium, every request the browser makes while it opens every page goes to
the app's own address. No font server (fonts.googleapis.com, gstatic), no CDN, no analytics: a classroom without
internet sees the same app, and no student's visit is reported anywhere else.

The pages are opened one after another, not in parallel tabs: on a cold server, sessions importing PyTorch at the
same moment fail (KeyError 'torch' in the weights panel, "partially initialized module 'torch'" on the architecture
and Inception lab pages) — an app-shell bug reported separately, not what this test is about.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser_helpers import exceptions, open_page, wait_idle
from ui.nav import available_pages
from widget_driver import now_ms, wait_settled, watch_script_runs

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension"}   # made inside the browser: nothing is sent


def outside(url: str, app_url: str) -> bool:
    """A request to anywhere but the app itself (same host; another local port counts as outside too)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    app = urlsplit(app_url)
    return not (parts.hostname in LOCAL_HOSTS and parts.port == app.port)


def test_outside_is_judged_by_host_and_port():
    app = "http://127.0.0.1:8501"
    assert not outside("http://127.0.0.1:8501/static/js/main.js", app)
    assert not outside("data:image/png;base64,AAAA", app)
    assert outside("https://fonts.googleapis.com/css2?family=Material+Symbols", app)
    assert outside("https://fonts.gstatic.com/s/x.woff2", app)
    assert outside("http://127.0.0.1:9999/x", app)


@pytest.mark.parametrize("lang", ["en"])
def test_every_page_fetches_only_from_the_app(streamlit_server, browser, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))   # every tab, frame and worker
    watch_script_runs(context)
    page = context.new_page()
    try:
        # The first page loaded as a new visitor does; the others as a student moves on, by the sidebar's links
        # (each page's own elements, charts, components and pictures are fetched then). One after another: see
        # the module docstring.
        pages = available_pages()
        open_page(page, streamlit_server, pages[0].url_path, lang)
        for info in pages[1:]:
            link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{info.url_path}"]')
            since = now_ms(page)
            link.click()
            page.wait_for_url(f"**/{info.url_path}*")
            wait_settled(page, since, timeout_ms=120_000)   # the new page has drawn and gone quiet
            wait_idle(page)
            assert not exceptions(page), (info.url_path, exceptions(page))
        # The tab icon and the app's own scripts prove the recorder saw the app's traffic.
        assert any(url.endswith("favicon.png") for url in requested), sorted(set(requested))[:20]
        assert len({urlsplit(u).path for u in requested}) > 10
        foreign = sorted({u for u in requested if outside(u, streamlit_server.url)})
        assert not foreign, f"the browser fetched from outside the app: {foreign}"
    finally:
        context.close()
