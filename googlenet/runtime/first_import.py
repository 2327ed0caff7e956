"""PyTorch's first import, one session at a time.

Each browser session runs its page in a thread of its own. On a freshly started server the first sessions all
import torch at once, and torch's import graph is so tangled that Python's per-module import locks, to avoid a
deadlock between two threads, hand one of them a *partially initialised* module: "KeyError: 'torch'",
"partially initialized module 'torch' has no attribute 'autograd'", "cannot import name 'tqdm' from partially
initialized module 'torch.hub'" (seen with four tabs opened together on a cold server). So the app imports
torch and torchvision here, under one lock, before a page that needs them runs; once done, this costs nothing.
"""
from __future__ import annotations

import threading

_LOCK = threading.Lock()
_loaded = False


def load_torch() -> None:
    """Import torch and torchvision completely (the first caller does it, the others wait for it)."""
    global _loaded
    if _loaded:
        return
    with _LOCK:
        if not _loaded:
            import torch  # noqa: F401
            import torchvision  # noqa: F401
            _loaded = True


def torch_loaded() -> bool:
    """Whether load_torch has finished: torch is then safe to use from any thread."""
    return _loaded
