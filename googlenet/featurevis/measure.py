"""Numbers read off a finished picture: its dominant stripe orientation and its dominant colour.

Orientation from the 2-D Fourier transform: stripes put their energy at frequencies that point *across* them.
Each frequency's angle is doubled (so that theta and theta + 180 degrees, the same direction, add up instead of
cancelling), the energy-weighted mean of those doubled angles is taken, and halved again. The answer is the
direction of the dominant frequency in degrees in [0, 180): 0 = varies along x (vertical stripes), 90 = varies
along y (horizontal stripes). Image rows grow downwards, so angles turn clockwise on screen.
"""
from __future__ import annotations

import math

import numpy as np


def dominant_orientation(picture: np.ndarray) -> tuple[float, float]:
    """(angle in degrees in [0, 180), strength in [0, 1]) of the energy-weighted frequency direction of a picture
    (H, W, 3) or (H, W). Strength 1: all energy along one direction; 0: no preferred direction."""
    x = np.asarray(picture, dtype=np.float64)
    if x.ndim == 3:
        x = x.mean(axis=2)
    x = x - x.mean()
    # A window against the picture's edges, which would otherwise add a cross of horizontal + vertical energy.
    x = x * np.outer(np.hanning(x.shape[0]), np.hanning(x.shape[1]))
    energy = np.abs(np.fft.fft2(x)) ** 2
    fy = np.fft.fftfreq(x.shape[0]).reshape(-1, 1)
    fx = np.fft.fftfreq(x.shape[1]).reshape(1, -1)
    doubled = 2 * np.arctan2(fy, fx)
    energy[0, 0] = 0.0
    total = energy.sum()
    if total <= 0:
        return 0.0, 0.0
    c, s = (energy * np.cos(doubled)).sum() / total, (energy * np.sin(doubled)).sum() / total
    return math.degrees(math.atan2(s, c) / 2) % 180.0, float(math.hypot(c, s))


def angle_difference(a: float, b: float) -> float:
    """How far apart two orientations (degrees, modulo 180) are: 0..90."""
    d = abs(a - b) % 180.0
    return min(d, 180.0 - d)


def colour_shares(picture: np.ndarray) -> tuple[float, float, float]:
    """The mean of R, G and B over the picture (H, W, 3), each in [0, 1]."""
    x = np.asarray(picture, dtype=np.float64)
    x = x / 255.0 if x.max() > 1 else x
    return tuple(float(v) for v in x.reshape(-1, 3).mean(axis=0))


def dominant_colour(picture: np.ndarray, margin: float = 0.25) -> tuple[int, tuple[float, float, float]]:
    """Which primary colour the picture's clearly coloured pixels are: for each of R, G, B the share of pixels in
    which that channel exceeds both others by `margin` (in [0, 1] units); returns (index of the largest share,
    the three shares). A detector's picture may leave the rest of the picture any colour that does not matter to
    it, so only clearly coloured pixels are counted."""
    x = np.asarray(picture, dtype=np.float64)
    x = (x / 255.0 if x.max() > 1 else x).reshape(-1, 3)
    shares = []
    for c in range(3):
        others = np.delete(x, c, axis=1).max(axis=1)
        shares.append(float((x[:, c] - others >= margin).mean()))
    return int(np.argmax(shares)), tuple(shares)
