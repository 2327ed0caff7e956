"""One guarded pass through a network that another part of the app may still hold.

A training-lab network can still be referenced by the training page (another thread may take a training step
on it), and the pretrained GoogLeNet is shared by every session. A pass that explains a network therefore holds
the model's lock (googlenet.runtime.hooks.model_lock) from switching it to eval mode (BatchNorm uses its running
statistics, dropout is off, the lab nets return plain logits) until the pass is done, and leaves the mode as it
found it - as googlenet.digits.predict_proba and googlenet.lab_network.lab_maps do.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from torch import nn

from .runtime.hooks import model_lock


@contextmanager
def eval_pass(model: nn.Module) -> Iterator[nn.Module]:
    """`with eval_pass(model): model(batch)`: the lock held and the model in eval mode, its mode restored after."""
    with model_lock(model):
        was_training = model.training
        model.eval()
        try:
            yield model
        finally:
            model.train(was_training)
