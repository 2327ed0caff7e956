"""Forward hooks that never leak: registered, used and removed inside one guarded call.

The app shares one model between all sessions. A hook left behind (or one added by another session
half-way through our forward pass) would mix results, so two rules hold:
* every hooked pass on a model holds that model's lock from registration to removal;
* a hook only acts on passes made by the thread that attached it: a pass from another thread that
  happens to run meanwhile goes straight through, unchanged and unobserved.
"""
from __future__ import annotations

import threading
import weakref
from contextlib import contextmanager
from typing import Callable, Iterator

from torch import nn

_locks: "weakref.WeakKeyDictionary[nn.Module, threading.RLock]" = weakref.WeakKeyDictionary()
_locks_guard = threading.Lock()


def model_lock(model: nn.Module) -> threading.RLock:
    """The lock that serialises hooked passes on `model` (one per model object)."""
    with _locks_guard:
        lock = _locks.get(model)
        if lock is None:
            lock = _locks[model] = threading.RLock()
        return lock


def share_lock(model: nn.Module, with_model: nn.Module) -> None:
    """Make `model` use `with_model`'s lock (e.g. a bfloat16 copy and its float32 original: two networks
    on the same cores, so still one pass at a time). Call before `model` runs its first pass."""
    with _locks_guard:
        lock = _locks.get(with_model)
        if lock is None:
            lock = _locks[with_model] = threading.RLock()
        _locks[model] = lock


@contextmanager
def temporary_hooks(model: nn.Module, hooks: dict[str, Callable]) -> Iterator[None]:
    """Attach forward hooks to the named submodules for the duration of the `with` block only.

    `hooks` maps a dotted module name (e.g. "inception4a.branch2") to a forward hook
    ``hook(module, inputs, output) -> None | new_output``. The model's lock is held throughout, and
    the hooks see only this thread's passes.
    """
    modules = dict(model.named_modules())
    missing = [name for name in hooks if name not in modules]
    if missing:
        raise KeyError(f"no such module(s): {missing}")
    with model_lock(model):
        owner = threading.get_ident()

        def only_ours(fn: Callable) -> Callable:
            def hook(module, inputs, output):
                return fn(module, inputs, output) if threading.get_ident() == owner else None
            return hook

        handles = [modules[name].register_forward_hook(only_ours(fn)) for name, fn in hooks.items()]
        try:
            yield
        finally:
            for handle in handles:
                handle.remove()


def has_hooks(model: nn.Module) -> bool:
    """True when any submodule still carries a forward hook (tests use it to prove nothing leaked)."""
    return any(m._forward_hooks or m._forward_pre_hooks for m in model.modules())
