"""One model, many sessions: how the app shares a network between 30 students on a 2-core laptop.

Streamlit runs every browser session's script in its own thread of one server process, and the app
keeps one copy of each network per process (``ui.models``, ``st.cache_resource``). Three rules keep
that fast, correct and isolated:

1. **One forward pass at a time per model.** PyTorch's CPU kernels split each convolution over
   ``torch.get_num_threads()`` threads; passes from many sessions at once would multiply that by the
   number of sessions and oversubscribe the cores, and the OpenMP barriers inside every convolution
   make oversubscription expensive. So every pass takes the model's lock, the
   same ``googlenet.runtime.hooks.model_lock`` that hooked passes (feature maps, Grad-CAM, ablation) hold.
   That lock also means a plain classification can never run *through* another session's temporary
   hooks (which would hand that session our activations): isolation and speed come from one lock.
   ``FastGoogLeNet`` (googlenet.runtime.fast) takes the lock inside its own forward, so every caller is covered.

2. **Threads chosen on purpose.** ``configure_threads()`` sets ``torch.set_num_threads`` to
   ``default_threads()``: the cores this process may use minus one, at least one (or
   ``GOOGLENET_THREADS``). The spare core is for the server's Python side — decoding, resizing,
   drawing charts for the other sessions, which the GIL keeps to about one core anyway. Measured on
   the 2-core machine (README, "Concurrency"): alone, 2 threads make a pass ~1.5x faster, but in the
   live server a 2-thread pass that shares the cores with other work waits at every layer's OpenMP
   barrier for a thread the OS has paused (median forward pass 101 ms with 2 threads vs 39 ms with 1
   for a single user), and for 30 simultaneous requests 1 and 2 threads tie. ``deploy/serve.py``
   gives each of N worker processes ``max(1, cores // N - 1)``.

3. **Micro-batching across sessions.** ``infer(model, batch)`` hands the request to the model's
   ``MicroBatcher``: requests that arrive while a pass runs are run together as one batch, still one
   pass at a time under the same lock. A lone request runs at once. ``benchmarks/concurrency.py``
   measures it against one-pass-per-request for 30 simultaneous requests (README, "Concurrency").

``googlenet.runtime.inference.classify`` (the Classify page) goes through ``infer``. No Streamlit in
here: the tests and benchmarks call these functions from plain threads.
"""
from __future__ import annotations

import os
import queue
import threading
import time
import weakref
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Iterator, NamedTuple

import torch
from torch import nn

from .hooks import model_lock

__all__ = ["THREADS_ENV", "configure_threads", "configured_threads", "default_threads", "process_threads", "torch_threads", "cpu_cores", "predict", "infer", "Batched", "MicroBatcher",
           "batcher_for"]

THREADS_ENV = "GOOGLENET_THREADS"
_configured: int | None = None
_configure_guard = threading.Lock()


def cpu_cores() -> int:
    """Cores this process may run on (respects taskset / container CPU sets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def default_threads(processes: int = 1) -> int:
    """PyTorch threads per process when `processes` share this machine: its share of cores minus one, >= 1."""
    return max(1, cpu_cores() // max(1, processes) - 1)


def configure_threads(threads: int | None = None) -> int:
    """Set PyTorch's intra-op threads once per process and return the number chosen.

    Order: the `threads` argument, then ``GOOGLENET_THREADS``, then ``default_threads()``.
    The setting is process-wide (it applies to every session's thread). Calling again with no
    argument keeps the first choice.
    """
    global _configured
    with _configure_guard:
        if threads is None and _configured is not None:
            return _configured
        if threads is None:
            value = os.environ.get(THREADS_ENV, "").strip()
            threads = int(value) if value.isdigit() and int(value) > 0 else default_threads()
        threads = max(1, int(threads))
        torch.set_num_threads(threads)
        _configured = threads
        return threads


def configured_threads() -> int | None:
    """The thread count ``configure_threads()`` chose for this process, or None before it has chosen."""
    return _configured


# The thread count PyTorch started with, for a process that never called configure_threads().
_STARTING_THREADS = torch.get_num_threads()


def process_threads() -> int:
    """The thread count the rest of the app runs with: the one configure_threads() chose, if it has chosen."""
    return configured_threads() or _STARTING_THREADS


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run a block with `n` intra-op threads (a training run uses 1), then go back to the process setting
    (never to a value some other run happened to leave behind, so overlapping runs cannot leave the app
    single-threaded)."""
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(process_threads())


def predict(model: nn.Module, batch: torch.Tensor) -> torch.Tensor:
    """Logits for `batch` (N, 3, H, W): one guarded, gradient-free pass (safe from any thread)."""
    configure_threads()
    with model_lock(model), torch.inference_mode():
        return model(batch).float().clone()


class Batched(NamedTuple):
    """One caller's share of a batched pass."""
    logits: torch.Tensor   # this caller's rows (N, num_classes)
    ms: float              # the whole batch's forward pass, in milliseconds
    batch_size: int        # images in that pass (this caller's and others')


class _Request(NamedTuple):
    batch: torch.Tensor
    future: Future


class MicroBatcher:
    """Run requests from many threads as batches on one model, one batch at a time.

    ``predict(batch)`` blocks until that batch's logits are ready. A worker thread takes the first
    waiting request, then everything else already waiting (up to `max_batch` images, waiting at most
    `max_wait_s` for more: 0 means a lone request never waits), runs one pass under the model's lock
    and hands each caller its own rows. Rows are independent in eval mode, so a request's result does
    not depend on its neighbours (up to float rounding of a differently-blocked product, ~1e-6).
    The worker holds the model weakly and ends when the model is gone or ``close()`` is called.
    """

    def __init__(self, model: nn.Module, max_batch: int = 8, max_wait_s: float = 0.0):
        self._model = weakref.ref(model)
        self.max_batch = max_batch
        self.max_wait_s = max_wait_s
        self._queue: "queue.SimpleQueue[_Request | None]" = queue.SimpleQueue()
        self._worker = threading.Thread(target=self._run, name="googlenet-batcher", daemon=True)
        self._worker.start()
        self.batch_sizes: list[int] = []  # for measurements: images per pass

    def submit(self, batch: torch.Tensor, timeout: float | None = None) -> Batched:
        if not self._worker.is_alive():
            raise RuntimeError("this MicroBatcher is closed")
        future: Future = Future()
        self._queue.put(_Request(batch, future))
        return future.result(timeout)

    def predict(self, batch: torch.Tensor, timeout: float | None = None) -> torch.Tensor:
        return self.submit(batch, timeout).logits

    def close(self) -> None:
        self._queue.put(None)
        self._worker.join(timeout=5)

    def _gather(self, first: _Request) -> tuple[list[_Request], bool]:
        requests, size = [first], first.batch.shape[0]
        deadline = time.monotonic() + self.max_wait_s
        while size < self.max_batch:
            try:
                remaining = deadline - time.monotonic()
                item = self._queue.get(timeout=remaining) if remaining > 0 else self._queue.get_nowait()
            except queue.Empty:
                break
            if item is None:
                return requests, True
            requests.append(item)
            size += item.batch.shape[0]
        return requests, False

    def _pass(self, model: nn.Module, requests: list[_Request]) -> None:
        start = time.perf_counter()
        logits = predict(model, torch.cat([r.batch for r in requests]))
        ms = (time.perf_counter() - start) * 1000
        self.batch_sizes.append(logits.shape[0])
        first = 0
        for r in requests:
            n = r.batch.shape[0]
            r.future.set_result(Batched(logits[first:first + n].clone(), ms, logits.shape[0]))
            first += n

    def _run(self) -> None:
        stop = False
        while not stop:
            try:
                first = self._queue.get(timeout=10)
            except queue.Empty:
                if self._model() is None:
                    return
                continue
            if first is None:
                return
            requests, stop = self._gather(first)
            model = self._model()
            try:
                if model is None:
                    raise RuntimeError("the model of this MicroBatcher no longer exists")
                groups: dict[tuple, list[_Request]] = {}
                for r in requests:  # pictures of different sizes cannot share a batch
                    groups.setdefault(tuple(r.batch.shape[1:]), []).append(r)
                for group in groups.values():
                    self._pass(model, group)
            except BaseException as exc:  # every waiting caller hears about the failure
                for r in requests:
                    if not r.future.done():
                        r.future.set_exception(exc)
            finally:
                del model


_batchers: "weakref.WeakKeyDictionary[nn.Module, MicroBatcher]" = weakref.WeakKeyDictionary()
_batchers_guard = threading.Lock()


def batcher_for(model: nn.Module, max_batch: int = 8) -> MicroBatcher:
    """The process-wide MicroBatcher of `model` (one per model object, created on first use)."""
    with _batchers_guard:
        batcher = _batchers.get(model)
        if batcher is None or not batcher._worker.is_alive():
            batcher = _batchers[model] = MicroBatcher(model, max_batch=max_batch)
        return batcher


def infer(model: nn.Module, batch: torch.Tensor, timeout: float | None = None) -> Batched:
    """Logits for `batch`, sharing passes with whatever other sessions are asking at the same moment.

    The cross-session entry point for plain inference (``benchmarks/concurrency.py``: for 30
    simultaneous requests on 2 cores it halves the wall time of one-at-a-time passes on a quiet
    machine). A lone request runs at once, alone. Do not call it while holding the model's lock
    (e.g. inside ``temporary_hooks``): the batch runs in the batcher's thread, which needs that lock.
    """
    configure_threads()
    return batcher_for(model).submit(batch, timeout)
