"""Checkpoints of the training lab: a trained digits network to bytes, and untrusted bytes back to a network.

``load_checkpoint`` reads with ``torch.load(..., weights_only=True)``, which only rebuilds tensors and plain
containers: a file that asks the unpickler to call anything else (the classic way to run code from a pickle)
is refused before it runs. Every refusal is a :class:`CheckpointError` whose ``message()`` says why, in the
user's language.
"""
from __future__ import annotations

import io
import pickle
import warnings
from dataclasses import fields

import torch
from torch import nn

from ..errors import LocalisedError, Term
from ..runtime.hooks import model_lock
from .data import DATASET_NAMES, DEFAULT_DATASET
from .nets import PRESETS, RESIDUAL_PRESETS, build_model
from .trainer import TrainConfig

CHECKPOINT_FORMAT = "googlenet-explorer/digits-v1"
MAX_CHECKPOINT_BYTES = 20 * 1024 * 1024


class CheckpointError(LocalisedError, ValueError):
    """A weights file that cannot be used (``err.message()`` says why, in the user's language)."""


def save_checkpoint(model: nn.Module, config: TrainConfig, test_accuracy: float | None = None) -> bytes:
    """The trained weights plus the settings needed to rebuild the model, as the bytes of a .pt file."""
    with model_lock(model):  # a consistent snapshot, even while a training step runs on another thread
        state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    buffer = io.BytesIO()
    torch.save({"format": CHECKPOINT_FORMAT, "config": config.to_dict(), "state_dict": state,
                "test_accuracy": test_accuracy}, buffer)
    return buffer.getvalue()


def load_checkpoint(data: bytes, dataset: str | None = None) -> tuple[nn.Module, TrainConfig, float | None]:
    """Untrusted bytes -> (model in eval mode, config, recorded test accuracy), or CheckpointError.

    A file saved before there were two data sets names none: it was trained on the 8x8 digits. With `dataset`
    given ("digits" or "mnist"), a network built for the other data set is refused (a caller that feeds it
    pictures of one kind needs a network for that kind)."""
    payload = _read_payload(data)
    config = _checked_config(payload.get("config"))
    if dataset is not None and config.dataset != dataset:
        raise CheckpointError("train.ckpt.wrong_data", saved=Term(f"train.data.{config.dataset}"),
                              wanted=Term(f"train.data.{dataset}"))
    state = _checked_state(payload.get("state_dict"))
    model = build_model(**config.model_config(), seed=0)
    if not _fits(model, state):
        other = next((name for name in DATASET_NAMES if name != config.dataset
                      and _fits(build_model(**config.with_(dataset=name).model_config(), seed=0), state)), None)
        if other is not None:  # the settings name one data set, the weights were shaped for the other
            raise CheckpointError("train.ckpt.other_data", saved=Term(f"train.data.{config.dataset}"),
                                  fits=Term(f"train.data.{other}"))
        raise CheckpointError("train.ckpt.mismatch")
    model.eval()
    accuracy = payload.get("test_accuracy")
    accuracy = float(accuracy) if isinstance(accuracy, (int, float)) and not isinstance(accuracy, bool) else None
    return model, config, accuracy


def _fits(model: nn.Module, state: dict) -> bool:
    """Load `state` into `model` if every name and shape matches; whether it did."""
    try:
        model.load_state_dict(state, strict=True)
    except (RuntimeError, ValueError, TypeError):
        return False
    return True


def _read_payload(data: bytes) -> dict:
    """The checkpoint's dictionary, read with the restricted unpickler (tensors and plain containers only)."""
    if not data:
        raise CheckpointError("train.ckpt.empty")
    if len(data) > MAX_CHECKPOINT_BYTES:
        raise CheckpointError("train.ckpt.too_big", size_mb=len(data) / 2**20, limit_mb=MAX_CHECKPOINT_BYTES // 2**20)
    if not data.startswith(b"PK\x03\x04"):
        # torch.save writes a zip archive; anything else (a bare pickle included) is never unpickled at all.
        raise CheckpointError("train.ckpt.not_checkpoint")
    try:
        with warnings.catch_warnings():  # e.g. "pickle protocol 4": harmless, and the file is refused anyway
            warnings.simplefilter("ignore")
            payload = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        # The restricted unpickler met something other than tensors and plain containers: an object whose
        # loading could run code. It has been refused before anything ran.
        raise CheckpointError("train.ckpt.unsafe") from None
    except Exception:  # noqa: BLE001 - damaged zip, truncated data, not a torch file at all ...
        raise CheckpointError("train.ckpt.not_checkpoint") from None
    if not isinstance(payload, dict) or payload.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointError("train.ckpt.not_ours")
    return payload


# The type each stored setting must have (bool is not accepted as a number).
_SETTING_TYPES = {f.name: f.type for f in fields(TrainConfig)}


def _well_typed(name: str, value) -> bool:
    kind = _SETTING_TYPES[name]
    if kind == "bool":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind == "int":
        return isinstance(value, int)
    if kind == "float":
        return isinstance(value, (int, float))
    return value in (DATASET_NAMES if name == "dataset" else PRESETS)


def _accepted(name: str, value) -> bool:
    """Whether TrainConfig takes this one value (the others left at their defaults)."""
    try:
        TrainConfig(**{name: value})
    except ValueError:
        return False
    return True


def _checked_config(raw) -> TrainConfig:
    if not isinstance(raw, dict):
        raise CheckpointError("train.ckpt.not_ours")
    values = {name: value for name, value in raw.items() if name in _SETTING_TYPES}
    values.setdefault("dataset", DEFAULT_DATASET)   # saved before MNIST came: the 8x8 digits
    if values.get("preset") not in RESIDUAL_PRESETS:
        values.setdefault("shortcuts", False)       # saved before the residual nets came: none to switch
    bad = next((name for name, value in values.items() if not _well_typed(name, value)), None)
    if bad is None and any(name not in values for name in TrainConfig.MODEL_FIELDS):
        raise CheckpointError("train.ckpt.not_ours")
    bad = bad or next((name for name, value in values.items() if not _accepted(name, value)), None)
    if bad is not None:
        raise CheckpointError("train.ckpt.bad_config", field=bad)
    return TrainConfig(**values)


def _checked_state(state) -> dict:
    if not isinstance(state, dict) or not all(isinstance(k, str) and isinstance(v, torch.Tensor)
                                              for k, v in state.items()):
        raise CheckpointError("train.ckpt.not_ours")
    if not all(torch.isfinite(v).all() for v in state.values() if v.is_floating_point()):
        raise CheckpointError("train.ckpt.not_finite")
    return state
