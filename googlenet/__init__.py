"""GoogLeNet Explorer's teaching package: the model, its costs, weights, images and features."""
from .blocks import AuxClassifier, ConvBlock, Inception
from .model import INCEPTION_CONFIG, GoogLeNet

__all__ = ["GoogLeNet", "Inception", "AuxClassifier", "ConvBlock", "INCEPTION_CONFIG"]
