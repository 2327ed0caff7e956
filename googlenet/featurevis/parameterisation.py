"""The picture being optimised, described in a way that makes the optimiser find images rather than noise.

Optimising raw pixels with gradient ascent gives high-frequency noise: every pixel is free, and the gradient of a
convolutional network is dominated by high frequencies. Olah, Mordvintsev & Schubert ("Feature Visualization",
Distill 2017, section "The Enemy of Feature Visualization" / "Preconditioning and Parameterization") fix this by
optimising a *decorrelated* description of the image instead:

* **Spatially**: the unknowns are the image's Fourier coefficients, each scaled by 1 / frequency (natural images
  have roughly that amplitude spectrum), so one optimiser step changes low and high frequencies about equally in
  "natural image" units. Lucid's ``fft_image`` (lucid/optvis/param/spatial.py) uses exactly this: scale =
  1 / max(|f|, 1 / max(w, h)) ** decay_power with decay_power 1, times sqrt(w * h); initial coefficients ~ N(0, 0.01);
  the inverse real FFT's result divided by 4.
* **In colour**: the three unknowns per pixel are mapped to RGB through the square root of ImageNet's colour
  covariance (Lucid's ``color_correlation_svd_sqrt``, lucid/optvis/param/color.py, normalised by its largest column
  norm), so the optimiser moves along independent colour directions (bright/dark, red/cyan, ...).
* A sigmoid keeps every pixel in [0, 1] (Lucid's ``to_valid_rgb(..., sigmoid=True)``).

This is our own code; the numbers are the published ones.
"""
from __future__ import annotations

import math

import torch
from torch import nn

# Square root of ImageNet's RGB colour correlation matrix (SVD), as published in Lucid (lucid/optvis/param/color.py).
COLOUR_CORRELATION_SQRT = torch.tensor([[0.26, 0.09, 0.02],
                                        [0.27, 0.00, -0.05],
                                        [0.27, -0.09, 0.03]])
# Normalised by its largest column norm, as Lucid does: no colour direction is amplified beyond 1.
COLOUR_MATRIX = COLOUR_CORRELATION_SQRT / COLOUR_CORRELATION_SQRT.norm(dim=0).max()

INITIAL_SD = 0.01        # Lucid's default standard deviation of the initial Fourier coefficients
DECAY_POWER = 1.0        # amplitude ~ 1 / frequency ** DECAY_POWER
OUTPUT_DIVISOR = 4.0     # Lucid divides the inverse FFT's result by 4 before the colour map


def frequencies(height: int, width: int) -> torch.Tensor:
    """|f| (cycles per pixel) of every coefficient of a real 2-D FFT of a height x width picture: (H, W // 2 + 1)."""
    fy = torch.fft.fftfreq(height).view(-1, 1)
    fx = torch.fft.rfftfreq(width).view(1, -1)
    return torch.sqrt(fx * fx + fy * fy)


def spectrum_scale(height: int, width: int, decay_power: float = DECAY_POWER) -> torch.Tensor:
    """How much each Fourier coefficient is amplified: 1 / |f| (the zero frequency as 1 / max(H, W)), times
    sqrt(H * W) so that the inverse FFT's 1 / (H * W) normalisation leaves pixels of order one."""
    f = frequencies(height, width).clamp(min=1.0 / max(height, width))
    return f.pow(-decay_power) * math.sqrt(height * width)


def decorrelate_colours(x: torch.Tensor) -> torch.Tensor:
    """(N, 3, H, W) in decorrelated colour space -> (N, 3, H, W) in (pre-sigmoid) RGB."""
    return torch.einsum("nchw,rc->nrhw", x, COLOUR_MATRIX.to(x))


class FourierImage(nn.Module):
    """`batch` pictures of height x width, described by scaled Fourier coefficients in decorrelated colours.

    ``forward()`` returns RGB pictures (batch, 3, H, W) with values in [0, 1]. The coefficients are the only
    parameters; ``decorrelate=False`` / ``fourier=False`` give the naive descriptions, for comparison.
    """

    def __init__(self, height: int, width: int | None = None, batch: int = 1, *,
                 generator: torch.Generator | None = None, decorrelate: bool = True, fourier: bool = True):
        super().__init__()
        width = width or height
        self.height, self.width, self.decorrelate, self.fourier = height, width, decorrelate, fourier
        if fourier:
            shape = (2, batch, 3, height, width // 2 + 1)       # real and imaginary parts
            self.register_buffer("scale", spectrum_scale(height, width), persistent=False)
        else:
            shape = (batch, 3, height, width)
        self.coefficients = nn.Parameter(torch.randn(shape, generator=generator) * INITIAL_SD)

    def forward(self) -> torch.Tensor:
        if self.fourier:
            spectrum = torch.complex(self.coefficients[0], self.coefficients[1]) * self.scale
            # irfft2's default "backward" normalisation divides by H * W, like TensorFlow's irfft2d.
            x = torch.fft.irfft2(spectrum, s=(self.height, self.width)) / OUTPUT_DIVISOR
        else:
            x = self.coefficients
        if self.decorrelate:
            x = decorrelate_colours(x)
        return torch.sigmoid(x)
