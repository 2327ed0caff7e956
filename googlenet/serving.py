"""One model, many sessions: how the app shares a network between 30 students on a 2-core laptop.

Streamlit runs every browser session's script in its own thread of one server process, and the app
keeps one copy of each network per process (``ui.models``, ``st.cache_resource``). Three rules keep
that fast, correct and isolated:

1. **One forward pass at a time per model, using all cores.** PyTorch's CPU kernels already split one
   convolution over every core (``torch.set_num_threads``). Two passes at once on 2 cores therefore
   means 4 busy threads fighting for 2 cores: each pass gets slower, the sum gets no faster, and the
   OpenMP barriers inside every convolution make it worse. So every pass takes the model's lock, the
   same ``googlenet.hooks.model_lock`` that hooked passes (feature maps, Grad-CAM, ablation) hold.
   That lock also means a plain classification can never run *through* another session's temporary
   hooks (which would hand that session our activations): isolation and speed come from one lock.
   ``FastGoogLeNet`` (googlenet.fast) takes the lock inside its own forward, so every caller is covered.

2. **Threads chosen on purpose.** ``configure_threads()`` sets ``torch.set_num_threads`` to the cores
   this process may use (or ``GOOGLENET_THREADS``; ``deploy/serve.sh`` gives each of N worker
   processes ``cores // N``, at least 1).

3. **Micro-batching, measured and not used.** ``MicroBatcher`` gathers requests that arrive while a
   pass is running and runs them as one batch. ``benchmarks/concurrency.py`` compares it with the lock
   for 30 simultaneous requests; the README ("Concurrency") gives the numbers behind the choice.

The pages classify through ``googlenet.inference.classify`` (which holds the same lock). No Streamlit
in here: the tests and benchmarks call these functions from plain threads.
"""
from __future__ import annotations

import os
import queue
import threading
import time
from concurrent.futures import Future
from typing import NamedTuple

import torch
from torch import nn

from .hooks import model_lock

__all__ = ["THREADS_ENV", "configure_threads", "cpu_cores", "predict", "MicroBatcher"]

THREADS_ENV = "GOOGLENET_THREADS"
_configured: int | None = None
_configure_guard = threading.Lock()


def cpu_cores() -> int:
    """Cores this process may run on (respects taskset / container CPU sets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def configure_threads(threads: int | None = None) -> int:
    """Set PyTorch's intra-op threads once per process and return the number chosen.

    Order: the `threads` argument, then ``GOOGLENET_THREADS``, then the number of usable cores.
    The setting is process-wide (it applies to every session's thread). Calling again with no
    argument keeps the first choice.
    """
    global _configured
    with _configure_guard:
        if threads is None and _configured is not None:
            return _configured
        if threads is None:
            value = os.environ.get(THREADS_ENV, "").strip()
            threads = int(value) if value.isdigit() and int(value) > 0 else cpu_cores()
        threads = max(1, int(threads))
        torch.set_num_threads(threads)
        _configured = threads
        return threads


def predict(model: nn.Module, batch: torch.Tensor) -> torch.Tensor:
    """Logits for `batch` (N, 3, H, W): one guarded, gradient-free pass (safe from any thread)."""
    configure_threads()
    with model_lock(model), torch.inference_mode():
        return model(batch).float().clone()


class _Request(NamedTuple):
    batch: torch.Tensor
    future: Future


class MicroBatcher:
    """Run requests from many threads as batches on one model, one batch at a time.

    ``predict(batch)`` blocks until that batch's logits are ready. A worker thread takes the first
    waiting request, then everything else already waiting (up to `max_batch` images, waiting at most
    `max_wait_s` for more), runs one pass under the model's lock and hands each caller its own rows.
    Rows are independent in eval mode, so a request's result does not depend on its neighbours
    (up to float rounding of a differently-blocked matrix product, ~1e-6).
    """

    def __init__(self, model: nn.Module, max_batch: int = 8, max_wait_s: float = 0.0):
        self.model = model
        self.max_batch = max_batch
        self.max_wait_s = max_wait_s
        self._queue: "queue.SimpleQueue[_Request | None]" = queue.SimpleQueue()
        self._worker = threading.Thread(target=self._run, name="googlenet-batcher", daemon=True)
        self._worker.start()
        self.batch_sizes: list[int] = []  # for measurements: images per pass

    def predict(self, batch: torch.Tensor, timeout: float | None = None) -> torch.Tensor:
        future: Future = Future()
        self._queue.put(_Request(batch, future))
        return future.result(timeout)

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

    def _run(self) -> None:
        stop = False
        while not stop:
            first = self._queue.get()
            if first is None:
                return
            requests, stop = self._gather(first)
            try:
                shapes = {tuple(r.batch.shape[1:]) for r in requests}
                if len(shapes) == 1:
                    logits = predict(self.model, torch.cat([r.batch for r in requests]))
                    self.batch_sizes.append(logits.shape[0])
                    start = 0
                    for r in requests:
                        n = r.batch.shape[0]
                        r.future.set_result(logits[start:start + n].clone())
                        start += n
                else:  # different picture sizes cannot share a batch
                    for r in requests:
                        r.future.set_result(predict(self.model, r.batch))
                        self.batch_sizes.append(r.batch.shape[0])
            except BaseException as exc:  # every waiting caller hears about the failure
                for r in requests:
                    if not r.future.done():
                        r.future.set_exception(exc)
