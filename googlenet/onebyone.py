"""A 1x1 convolution is a fully connected layer applied at every pixel: the same numbers computed both ways."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
from torch import nn


@dataclass(frozen=True)
class OneByOneDemo:
    x: np.ndarray           # (C_in, H, W) input
    weight: np.ndarray      # (C_out, C_in): the 1x1 kernels, one row per output channel
    bias: np.ndarray        # (C_out,)
    conv_out: np.ndarray    # (C_out, H, W) from nn.Conv2d(kernel_size=1)
    matmul_out: np.ndarray  # (C_out, H, W) from W @ x[:, i, j] + b at every pixel
    max_diff: float


def one_by_one_demo(seed: int = 0, in_ch: int = 3, out_ch: int = 2, size: int = 4) -> OneByOneDemo:
    """The same numbers two ways: a 1x1 convolution, and a matrix multiply at each pixel.

    Inputs and weights are rounded to one decimal so students can check a pixel by hand.
    """
    g = torch.Generator().manual_seed(seed)
    def one_decimal(*shape: int) -> torch.Tensor:
        return torch.round(torch.randn(*shape, generator=g) * 10) / 10 + 0.0  # + 0.0 turns -0.0 into 0.0

    x = one_decimal(in_ch, size, size)
    conv = nn.Conv2d(in_ch, out_ch, kernel_size=1)
    with torch.no_grad():
        conv.weight.copy_(one_decimal(out_ch, in_ch, 1, 1))
        conv.bias.copy_(one_decimal(out_ch))
        conv_out = conv(x.unsqueeze(0))[0]
        w = conv.weight[:, :, 0, 0].detach()
        b = conv.bias.detach()
        matmul_out = torch.empty_like(conv_out)
        for i in range(size):
            for j in range(size):
                matmul_out[:, i, j] = w @ x[:, i, j] + b  # one pixel: a fully connected layer over channels
    diff = float((conv_out - matmul_out).abs().max())
    return OneByOneDemo(x.numpy(), w.numpy().copy(), b.numpy().copy(), conv_out.detach().numpy(),
                        matmul_out.numpy(), diff)


def pixel_formula(demo: OneByOneDemo, i: int = 0, j: int = 0, out: int = 0) -> str:
    """LaTeX for one output value: sum_c W[out, c] * x[c, i, j] + b[out]."""
    terms = " + ".join(f"({demo.weight[out, c]:.1f})({demo.x[c, i, j]:.1f})" for c in range(demo.x.shape[0]))
    return rf"y_{{{out},{i},{j}}} = {terms} + ({demo.bias[out]:.1f}) = {demo.conv_out[out, i, j]:.2f}"


def grid(a: np.ndarray) -> pd.DataFrame:
    """A 2-D array as a table with i= / j= headers (rows, columns), for st.table."""
    return pd.DataFrame(a, index=[f"i={i}" for i in range(a.shape[0])], columns=[f"j={j}" for j in range(a.shape[1])])


def weight_table(demo: OneByOneDemo, bias_label: str) -> pd.DataFrame:
    """W (one row per output channel, one column per input channel) with the bias as a last column."""
    table = pd.DataFrame(demo.weight, index=[f"W[{o}]" for o in range(demo.weight.shape[0])],
                         columns=[f"c={c}" for c in range(demo.x.shape[0])])
    table[bias_label] = demo.bias
    return table
