"""Nothing leaves the server: what counts as a request to outside the app. The check itself runs in
tests/test_browser.py, which records every request while it opens every page in both languages: no font server
(fonts.googleapis.com, gstatic), no CDN, no analytics — a classroom without internet sees the same app, and no
student's visit is reported anywhere else."""
from __future__ import annotations

from urllib.parse import urlsplit

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
