"""A class opens the app together on a freshly started server: four tabs at once, each page importing PyTorch for
the first time. Without one lock around torch's first import (googlenet.runtime.first_import) some sessions were
handed a half-initialised torch ("KeyError: 'torch'", "partially initialized module 'torch' has no attribute
'autograd'"). The race shows under load; on a quiet machine this test passes with or without the lock,
so it guards the symptom (no exception for a class arriving together), not the cause."""
from __future__ import annotations

from pathlib import Path

from browser_helpers import exceptions, start_server, stop_server, wait_idle
from googlenet.i18n import t

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("", "architecture", "inception_lab", "spot_the_bug")   # the home page and three that import torch


def test_four_tabs_at_once_on_a_cold_server(browser, fake_weights_file):
    server = start_server(ROOT, env={"GOOGLENET_WEIGHTS": str(fake_weights_file)})
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tabs = [context.new_page() for _ in PAGES]
        for tab, path in zip(tabs, PAGES):   # all four requested before any has finished
            tab.goto(f"{server.url}/{path}?lang=en", wait_until="commit")
        for tab, path in zip(tabs, PAGES):
            tab.get_by_role("heading", name=t(f"nav.{path}" if path else "home.title", lang="en")).first.wait_for(
                timeout=120_000)
            wait_idle(tab)
            assert not exceptions(tab), (path, exceptions(tab))
    finally:
        context.close()
        stop_server(server)
