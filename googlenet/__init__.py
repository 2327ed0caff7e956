"""GoogLeNet Explorer's teaching package: the model, its costs, weights, images and features.

The lesson lives in the top-level modules; the serving machinery (hooks, fast path, batching) in
``googlenet.runtime``.
"""
from .blocks import AuxClassifier, ConvBlock, Inception
from .model import BLOCKS, BRANCHES, INCEPTION_CONFIG, GoogLeNet
from .runtime.fast import optimize_for_inference

__all__ = ["GoogLeNet", "Inception", "AuxClassifier", "ConvBlock", "INCEPTION_CONFIG", "BLOCKS", "BRANCHES",
           "optimize_for_inference"]
