"""GoogLeNet Explorer's teaching package: the model, its costs, weights, images and features.

The lesson lives in the top-level modules; the serving machinery (hooks, fast path, batching) in
``googlenet.runtime``.

The names below are imported on first use (PEP 562), not with the package: ``googlenet.i18n`` or
``googlenet.weights.weights_path`` must not pay for importing torch, or the app's first page would wait
seconds for a model it does not show.
"""
from __future__ import annotations

import importlib

_WHERE = {
    "GoogLeNet": ".model", "INCEPTION_CONFIG": ".model", "BLOCKS": ".model", "BRANCHES": ".model",
    "Inception": ".blocks", "AuxClassifier": ".blocks", "ConvBlock": ".blocks",
    "optimize_for_inference": ".runtime.fast",
}

__all__ = ["GoogLeNet", "Inception", "AuxClassifier", "ConvBlock", "INCEPTION_CONFIG", "BLOCKS", "BRANCHES",
           "optimize_for_inference"]


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name], __name__), name)
        globals()[name] = value  # once found, a plain attribute
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
