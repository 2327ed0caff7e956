"""Start-up: the first page needs only what it shows (no torch, torchvision, matplotlib or pandas for the shell,
and on a restarted server none for the home page either). Properties, not times: benchmarks/startup.py times it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.source_stamp import package_stamp

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "torchvision", "matplotlib", "pandas")


def test_the_app_shell_imports_nothing_heavy(tmp_path):
    """app.py's own imports (read from its source, so a new one is checked too), then the weights panel's
    question "are the weights here?", load none of the heavy libraries."""
    app_imports = [line for line in (ROOT / "app.py").read_text().splitlines()
                   if line.startswith(("import ", "from "))]
    script = "\n".join(app_imports + [
        "import sys",
        "from googlenet.weights import weights_path",
        "weights_path()",
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))",
    ])
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "TORCH_HOME": str(tmp_path)})
    assert "from ui.weights_panel import weights_panel" in app_imports
    assert out.stdout.strip() == "[]"


def test_the_package_stamp_follows_the_code(tmp_path):
    package = tmp_path / "googlenet"
    (package / "strings").mkdir(parents=True)
    (package / "model.py").write_text("INCEPTION = 1\n")
    (package / "strings" / "home.py").write_text("EN = {}\n")
    first = package_stamp(package)
    assert package_stamp(package) == first
    (package / "model.py").write_text("INCEPTION = 22\n")
    assert package_stamp(package) != first
    changed = package_stamp(package)
    (package / "strings" / "new.py").write_text("")
    assert package_stamp(package) != changed
    assert package_stamp() != first   # the real package


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc to see what a server loaded")
def test_a_restarted_server_shows_the_home_page_without_torch(browser, tmp_path):
    """The first start traces the network once and keeps the diagram on disk; the next start's home page,
    diagram included, is drawn without importing torch."""
    from browser_helpers import assert_no_exception, open_page, start_server, stop_server
    from googlenet.i18n import t

    env = {"HOME": str(tmp_path)}   # a private ~/.streamlit, where Streamlit keeps persisted caches
    loaded = []
    for _ in range(2):
        server = start_server(ROOT, env=env)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            open_page(page, server, "home", "en")
            page.get_by_role("heading", name=t("home.diagram.title", lang="en")).wait_for()
            page.locator('[data-testid="stMain"] img').first.wait_for()   # the network diagram (an SVG)
            assert_no_exception(page)
            loaded.append("libtorch_cpu" in Path(f"/proc/{server.process.pid}/maps").read_text())
        finally:
            context.close()
            stop_server(server)
    assert loaded == [True, False]


def test_an_unreadable_kept_diagram_is_drawn_afresh(without_weights, monkeypatch):
    """Streamlit writes a kept entry in place; a reader that meets a half-written one (several workers' first
    start) gets CacheError. The home page then draws the diagram itself instead of failing."""
    from streamlit.runtime.caching.cache_data_api import DataCache
    from streamlit.runtime.caching.cache_errors import CacheError

    from apptest_helpers import diagram_text, open_app

    original = DataCache.read_result

    def unreadable(self, value_key):
        if self.persist == "disk":   # only the kept diagram: the page's other caches read as usual
            raise CacheError("Failed to unpickle (half written)")
        return original(self, value_key)

    monkeypatch.setattr(DataCache, "read_result", unreadable)
    at = open_app("en")
    assert "Inception 5b" in diagram_text(at) and "7 x 7 x 1024" in diagram_text(at)
