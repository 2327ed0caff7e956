"""The seed articles' experiments, as sets of runs: which settings each experiment trains (the page trains them
one after the other, the benchmark and the tests too). What the finished runs say is computed in :mod:`.analysis`
(``compare_aux``, ``compare_softmax``, ``compare_residual``).

* ``"aux"`` - the same settings with and without auxiliary classifiers (optionally on the deep no-BatchNorm
  small GoogLeNet, where the aux heads' gradient is visible: ``DEEP_NO_BN``);
* ``"softmax"`` - the same settings trained right and with the softmax-before-CrossEntropyLoss bug;
* ``"residual"`` - a deep plain net, the same deep net with identity shortcuts, and a shallower plain net
  (He et al.'s degradation experiment in miniature); the seed article's residual net as a plain/residual pair.
"""
from __future__ import annotations

from .nets import RESIDUAL_PRESETS
from .trainer import TrainConfig

EXPERIMENTS = ("aux", "softmax", "residual")
DEEP_NO_BN = dict(preset="googlenet_small", depth=8, batch_norm=False)   # the aux heads' own case
# Plain vs residual on the small residual net (no BatchNorm, 16 channels): measured by benchmarks/residual_run.py.
# With 8 blocks the plain net stays at the loss of guessing (ln 10) on MNIST and on the 8x8 digits, the residual
# one trains; 2 blocks train as plain nets.
RESIDUAL_DEEP, RESIDUAL_SHALLOW = 8, 2


def residual_base(config: TrainConfig) -> TrainConfig:
    """The residual experiment's network for these settings: the residual preset chosen (its depth kept, at least
    3 blocks, so a shallower net exists), or else the small residual net with RESIDUAL_DEEP blocks."""
    if config.preset == "seed_resnet":
        return config
    if config.preset == "resnet_small":
        return config if config.depth > RESIDUAL_SHALLOW else config.with_(depth=RESIDUAL_DEEP)
    return config.with_(preset="resnet_small", depth=RESIDUAL_DEEP, aux=False, batch_norm=False)


def experiment_configs(kind: str, config: TrainConfig, deep_no_bn: bool = False) -> list[TrainConfig]:
    """The runs of one experiment, in the order they are trained, from the current settings `config` (data set,
    epochs, learning rate, batch size, seed and step limit are kept)."""
    if kind == "aux":
        base = config.with_(**DEEP_NO_BN) if deep_no_bn else config
        return [base.with_(aux=True), base.with_(aux=False)]
    if kind == "softmax":
        return [config.with_(softmax_bug=False), config.with_(softmax_bug=True)]
    if kind == "residual":
        base = residual_base(config.with_(softmax_bug=False))
        runs = [base.with_(shortcuts=False), base.with_(shortcuts=True)]
        if base.preset == "resnet_small":
            runs.append(base.with_(shortcuts=False, depth=RESIDUAL_SHALLOW))
        return runs
    raise ValueError(f"experiment must be one of {EXPERIMENTS}, not {kind!r}")


def is_residual(config: TrainConfig) -> bool:
    return config.preset in RESIDUAL_PRESETS
