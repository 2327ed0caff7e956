"""Visualisations in the background: a thread per request, with progress, a stop flag and the disk cache.

At most ``SLOTS`` optimisations run at once in a process (the cores but one, at least one: on the 2-core classroom
laptop one at a time, leaving the other core to the server and the other sessions' pages); further requests wait
their turn (``Job.queued``) and can be stopped while they wait. Pictures already in the cache never wait.

``render`` is the one entry point for "the picture of this channel": from the disk cache when it is there (no
optimiser runs), else optimised and then stored. ``render_part`` does a whole branch's first N channels, one
after another, each cached on its own. ``start`` runs either in a daemon thread and returns a ``Job`` that a page
polls (``fraction``, ``message``, ``done``, ``result``) and may ``stop()``; a second request for the same work
while the first still runs gets the *same* job, so a class that clicks together waits once.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from torch import nn

from ..runtime.serving import cpu_cores
from .cache import VisCache
from .optimise import Settings, Visualisation, visualise
from .truncated import Target

Optimiser = Callable[..., Visualisation]   # visualise's signature; tests swap in a counting one
Queued = Callable[[bool], None]            # told True while a request waits for a free slot, False once it runs

SLOTS = max(1, cpu_cores() - 1)
_slots = threading.BoundedSemaphore(SLOTS)


def _take_slot(stop: threading.Event | None, queued: Queued | None) -> bool:
    """Wait for a free optimisation slot; False when `stop` was set while waiting."""
    if _slots.acquire(blocking=False):
        return True
    if queued is not None:
        queued(True)
    try:
        while not _slots.acquire(timeout=0.1):
            if stop is not None and stop.is_set():
                return False
        return True
    finally:
        if queued is not None:
            queued(False)


def _stopped_before_start(target: Target, settings: Settings) -> Visualisation:
    empty = np.zeros((0, settings.size, settings.size, 3), dtype=np.uint8)
    return Visualisation(target, settings, empty, [], 0.0, 0, stopped=True)


def render(model: nn.Module, weights: str, target: Target, settings: Settings, cache: VisCache | None = None, *,
           progress=None, stop: threading.Event | None = None, optimiser: Optimiser = visualise,
           queued: Queued | None = None) -> Visualisation:
    """The visualisation of `target`: served from `cache` when stored there, else optimised (in one of the SLOTS,
    waiting for one if need be) and then stored."""
    cache = cache if cache is not None else VisCache()
    stored = cache.get(weights, target, settings)
    if stored is not None:
        if progress is not None:
            progress(settings.steps, settings.steps, stored.objective[0] if stored.objective else 0.0)
        return stored
    if not _take_slot(stop, queued):
        return _stopped_before_start(target, settings)
    try:
        stored = cache.get(weights, target, settings)   # another request may have made it while this one waited
        vis = stored if stored is not None else optimiser(model, target, settings, progress=progress, stop=stop)
    finally:
        _slots.release()
    if vis.from_cache:
        return vis
    try:
        cache.put(weights, vis)
    except OSError:      # a read-only or full disk: the picture is still shown, only not kept
        pass
    return vis


def render_part(model: nn.Module, weights: str, block: str, part: str, channels: list[int], settings: Settings,
                cache: VisCache | None = None, *, progress=None, stop: threading.Event | None = None,
                optimiser: Optimiser = visualise, queued: Queued | None = None) -> list[Visualisation]:
    """One visualisation per channel of `part` (in order), each cached on its own; stops between or within
    channels when `stop` is set (the channels finished so far are returned)."""
    results: list[Visualisation] = []
    for i, channel in enumerate(channels):
        if stop is not None and stop.is_set():
            break

        def one(done: int, total: int, value: float, i=i) -> None:
            if progress is not None:
                progress(i * total + done, len(channels) * total, value)

        vis = render(model, weights, Target(block, part, channel), settings, cache, progress=one, stop=stop,
                     optimiser=optimiser, queued=queued)
        if len(vis.pictures):
            results.append(vis)
        if vis.stopped:
            break
    return results


def render_grid(model: nn.Module, weights: str, block: str, parts: list[str], channels: list[int],
                settings: Settings, cache: VisCache | None = None, *, progress=None,
                stop: threading.Event | None = None, optimiser: Optimiser = visualise,
                queued: Queued | None = None) -> dict[str, list[Visualisation]]:
    """``render_part`` for several parts of one block (e.g. its four branches side by side): part -> pictures."""
    grid: dict[str, list[Visualisation]] = {}
    for i, part in enumerate(parts):
        if stop is not None and stop.is_set():
            break

        def one(done: int, total: int, value: float, i=i) -> None:
            if progress is not None:
                progress(i * total + done, len(parts) * total, value)

        grid[part] = render_part(model, weights, block, part, channels, settings, cache, progress=one, stop=stop,
                                 optimiser=optimiser, queued=queued)
    return grid


@dataclass
class Job:
    """One piece of background work: poll ``fraction`` / ``done``, read ``result`` or ``error``, ``stop()``."""
    key: tuple
    steps_done: int = 0
    steps_total: int = 1
    objective: float = 0.0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    result: object = None
    error: BaseException | None = None
    stop_flag: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    waiting: int = 1     # how many requests share this job: one Stop ends it only for the last of them
    queued: bool = False  # waiting for a free optimisation slot (others are running)

    @property
    def fraction(self) -> float:
        return min(1.0, self.steps_done / max(1, self.steps_total))

    @property
    def done(self) -> bool:
        return self.finished is not None

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def stop(self) -> None:
        """This request no longer wants the result; the work stops once no request does."""
        with _running_lock:
            self.waiting -= 1
            if self.waiting <= 0:
                self.stop_flag.set()

    def set_queued(self, queued: bool) -> None:
        self.queued = queued

    def progress(self, done: int, total: int, value: float) -> None:
        self.steps_done, self.steps_total, self.objective = done, total, value

    def wait(self, timeout: float | None = None) -> bool:
        if self.thread is not None:
            self.thread.join(timeout)
        return self.done


_running: dict[tuple, Job] = {}
_running_lock = threading.Lock()


def start(key: tuple, work: Callable[[Job], object]) -> Job:
    """Run ``work(job)`` in a daemon thread (it reports through ``job.progress`` and watches ``job.stop_flag``).
    While a job with the same key runs, that job is returned instead of starting another."""
    with _running_lock:
        running = _running.get(key)
        if running is not None and not running.done and not running.stop_flag.is_set():
            running.waiting += 1
            return running
        job = Job(key)
        _running[key] = job

    def run() -> None:
        try:
            job.result = work(job)
        except BaseException as exc:   # shown by the page; the thread itself must not die noisily
            job.error = exc
        finally:
            job.finished = time.monotonic()
            with _running_lock:
                if _running.get(key) is job:
                    del _running[key]

    job.thread = threading.Thread(target=run, name=f"featurevis-{key[0] if key else 'job'}", daemon=True)
    job.thread.start()
    return job


def start_render(model: nn.Module, weights: str, target: Target, settings: Settings,
                 cache: VisCache | None = None) -> Job:
    """``render`` in the background."""
    key = ("one", weights, target, settings)
    return start(key, lambda job: render(model, weights, target, settings, cache, progress=job.progress,
                                         stop=job.stop_flag, queued=job.set_queued))


def start_render_grid(model: nn.Module, weights: str, block: str, parts: list[str], channels: list[int],
                      settings: Settings, cache: VisCache | None = None) -> Job:
    """``render_grid`` in the background."""
    key = ("grid", weights, block, tuple(parts), tuple(channels), settings)
    return start(key, lambda job: render_grid(model, weights, block, list(parts), list(channels), settings, cache,
                                              progress=job.progress, stop=job.stop_flag, queued=job.set_queued))
