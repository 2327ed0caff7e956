"""Shared fixtures. Tests never touch the network: the torch hub cache points at a temporary folder,
and pretrained weights come from a checkpoint file the tests make themselves."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Isolate the torch hub cache for the whole run (and for servers the tests start), before torch is used.
_HUB = tempfile.mkdtemp(prefix="googlenet-test-hub-")
os.environ["TORCH_HOME"] = _HUB
# The class-photo store and the feature-visualisation cache too: tests (and the servers they start) never write
# to the app's own data folder or to the user's cache.
os.environ["GOOGLENET_DATA_DIR"] = tempfile.mkdtemp(prefix="googlenet-test-data-")
os.environ["GOOGLENET_FEATUREVIS_CACHE"] = tempfile.mkdtemp(prefix="googlenet-test-featurevis-")
os.environ.pop("GOOGLENET_WEIGHTS", None)


@pytest.fixture(scope="session")
def fake_weights_file(tmp_path_factory) -> Path:
    """A checkpoint shaped exactly like torchvision's IMAGENET1K_V1 file, with random but seeded values.

    He-initialised (googlenet.model.he_init), so its predictions change with the image like a real
    network's do; torchvision's small init would put every class at 0.1% whatever the picture.
    """
    import torch
    import torchvision

    from googlenet.model import he_init

    torch.manual_seed(0)
    model = he_init(torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True))
    path = tmp_path_factory.mktemp("weights") / "googlenet-test.pth"
    torch.save(model.state_dict(), path)
    return path


@pytest.fixture
def with_weights(fake_weights_file, monkeypatch) -> Path:
    """Point the app at the test checkpoint, as a teacher would with GOOGLENET_WEIGHTS."""
    monkeypatch.setenv("GOOGLENET_WEIGHTS", str(fake_weights_file))
    return fake_weights_file


@pytest.fixture
def without_weights(tmp_path, monkeypatch) -> None:
    """No weights anywhere: empty hub cache, no env var."""
    monkeypatch.delenv("GOOGLENET_WEIGHTS", raising=False)
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "empty-hub"))


# ---------------------------------------------------------------- real browser (Chromium + Playwright)

@pytest.fixture(scope="session")
def streamlit_server(fake_weights_file):
    """`streamlit run app.py` on a free localhost port, with the test checkpoint as its weights."""
    from browser_helpers import start_server, stop_server

    server = start_server(ROOT, env={"GOOGLENET_WEIGHTS": str(fake_weights_file)})
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser():
    from browser_helpers import launch_browser

    with launch_browser() as b:
        yield b


@pytest.fixture
def page(browser):
    from widget_driver import watch_script_runs

    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    watch_script_runs(context)   # lets a test wait for the rerun its action started (widget_driver.wait_settled)
    p = context.new_page()
    yield p
    context.close()
