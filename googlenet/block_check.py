"""A real Inception block as referee: build the module the lab describes, run it, and ask torchinfo."""
from __future__ import annotations

from dataclasses import dataclass

import torch

from .blocks import Inception
from .module_lab import LabConfig

MAX_VERIFY_MACS = 4_000_000_000  # keeps one CPU forward pass well under a second or two


@dataclass(frozen=True)
class Verification:
    output_shape: tuple
    expected_shape: tuple
    torchinfo_params: int
    formula_params: int      # weights + biases (the paper variant's convs have biases)
    torchinfo_macs: int
    formula_macs: int        # multiply-adds without the bias additions
    bias_adds: int           # torchinfo counts one more "multiply-add" per output value for each bias

    @property
    def agree(self) -> bool:
        return (self.output_shape == self.expected_shape and self.torchinfo_params == self.formula_params
                and self.torchinfo_macs == self.formula_macs + self.bias_adds)


def verify_inception(cfg: LabConfig, kernel5: int = 5, seed: int = 0) -> Verification:
    """Build the block (conv + bias + ReLU, as in the paper), push one random tensor through, ask torchinfo."""
    import torchinfo

    torch.manual_seed(seed)
    block = Inception(*cfg.spec, batch_norm=False, kernel5=kernel5).eval()
    x = torch.randn(1, cfg.spec.in_channels, cfg.size, cfg.size)
    with torch.no_grad():
        y = block(x)
        stats = torchinfo.summary(block, input_data=x, verbose=0)
    with_bias = cfg.cost(bottleneck=True, kernel5=kernel5, bias=True)["total"]
    plain = cfg.cost(bottleneck=True, kernel5=kernel5, bias=False)["total"]
    bias_adds = (with_bias.params - plain.params) * cfg.size * cfg.size
    return Verification(tuple(y.shape), (1, cfg.out_channels(), cfg.size, cfg.size), int(stats.total_params),
                        with_bias.params, int(stats.total_mult_adds), plain.macs, bias_adds)


def verify_is_affordable(cfg: LabConfig, kernel5: int = 5) -> bool:
    return cfg.cost(bottleneck=True, kernel5=kernel5)["total"].macs <= MAX_VERIFY_MACS
