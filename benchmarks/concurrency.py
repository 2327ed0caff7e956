"""30 students press "classify" at the same moment: which way of sharing the model is fastest?

    .venv/bin/python benchmarks/concurrency.py [--requests 30] [--repeats 3]

Each strategy gets 30 requests released together from 30 threads (Streamlit runs each session's
script in its own thread), each request a different picture through googlenet.runtime.inference's
preprocessing and top-5; reported: wall time for all 30, and each request's latency p50 / p95.

  lock            one pass at a time on the shared model (what the app does: inference.classify
                  and FastGoogLeNet both take googlenet.runtime.hooks.model_lock), all cores per pass
  lock, 1 thread  the same with torch.set_num_threads(1)
  micro-batch     googlenet.runtime.serving.MicroBatcher (what serving.infer uses): requests that arrive
                  during a pass run together as one batch, still one pass at a time
  no lock         every thread runs its own pass at once (1 thread each) — for reference only: it
                  is not isolated from other sessions' hooks, so the app never does this

Strategies are interleaved over the repeats (benchmarks/common.py explains why); medians shown.
The last line is the ratio of the best micro-batching wall time to the lock's.
"""
from __future__ import annotations

import argparse
import statistics
import threading
import time

import common  # noqa: F401
from common import app_models, machine_load, make_checkpoint, percentile, set_threads

import torch
from PIL import ImageOps

from googlenet.runtime.fast import FastGoogLeNet
from googlenet.images import load_image, to_batch
from googlenet.runtime.inference import classify, top_k
from googlenet.model import GoogLeNet
from googlenet.runtime.serving import MicroBatcher

ASSETS = common.ASSETS


def pictures(n: int):
    base = [ImageOps.contain(load_image(ASSETS / f), (400, 400)) for f in common.SAMPLES]
    ops = [lambda im: im, ImageOps.mirror, ImageOps.flip, lambda im: im.rotate(90, expand=True),
           lambda im: im.crop((0, 0, im.width * 2 // 3, im.height * 2 // 3)), ImageOps.grayscale,
           lambda im: ImageOps.posterize(im, 3), ImageOps.invert]
    out = [op(im).convert("RGB") for op in ops for im in base]
    while len(out) < n:
        out += [im.rotate(180) for im in out]
    return out[:n]


def together(fn, items) -> tuple[float, list[float]]:
    latencies = [0.0] * len(items)
    barrier = threading.Barrier(len(items) + 1)

    def work(i):
        barrier.wait()
        start = time.perf_counter()
        fn(items[i])
        latencies[i] = time.perf_counter() - start

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(items))]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - start, latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from googlenet.runtime.serving import cpu_cores

    cores = max(2, cpu_cores())
    set_threads(cores)
    print(f"concurrency benchmark: {args.requests} simultaneous classifications, {cores} core(s)")
    print(f"  {machine_load()}")
    checkpoint = make_checkpoint(common.workdir("googlenet-conc-") / "googlenet.pth")
    _, fast = app_models(checkpoint)
    items = pictures(args.requests)

    def unlocked(image):
        batch = to_batch(image).contiguous(memory_format=torch.channels_last)
        with torch.inference_mode():
            return top_k(GoogLeNet.forward(fast, batch)[0], 5)   # bypasses FastGoogLeNet's lock

    batchers = {size: MicroBatcher(fast, max_batch=size) for size in (4, 8)}

    def batched(size):
        def run(image):
            return top_k(batchers[size].predict(to_batch(image))[0], 5)
        return run

    strategies = {
        f"lock, {cores} threads": (cores, lambda im: classify(fast, im, k=5)),
        "lock, 1 thread": (1, lambda im: classify(fast, im, k=5)),
        f"micro-batch <= 4, {cores} threads": (cores, batched(4)),
        f"micro-batch <= 8, {cores} threads": (cores, batched(8)),
        "micro-batch <= 8, 1 thread": (1, batched(8)),
        "no lock (unsafe), 1 thread each": (1, unlocked),
    }
    assert isinstance(fast, FastGoogLeNet)
    for threads, fn in strategies.values():  # warm-up
        torch.set_num_threads(threads)
        fn(items[0])
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in strategies}
    for _ in range(args.repeats):
        for name, (threads, fn) in strategies.items():
            torch.set_num_threads(threads)
            wall, lat = together(fn, items)
            results[name].append((wall, percentile(lat, 50), percentile(lat, 95)))
    torch.set_num_threads(cores)
    for b in batchers.values():
        b.close()

    print(f"  medians over {args.repeats} repeats (seconds):")
    print(f"    {'strategy':36s} {'wall (all 30)':>14s} {'p50':>7s} {'p95':>7s}  per image")
    summary = {}
    for name, rows in results.items():
        wall, p50, p95 = (statistics.median(r[i] for r in rows) for i in range(3))
        summary[name] = wall
        print(f"    {name:36s} {wall:14.2f} {p50:7.2f} {p95:7.2f}  {wall / args.requests * 1e3:6.0f} ms")
    sizes = {s: b.batch_sizes for s, b in batchers.items()}
    print("  batch sizes the micro-batchers formed: " +
          "; ".join(f"<= {s}: mean {statistics.mean(v):.1f}" for s, v in sizes.items() if v))
    lock = summary[f"lock, {cores} threads"]
    best = min(v for k, v in summary.items() if k.startswith("micro-batch"))
    print(f"ratio best micro-batching / lock, wall time for {args.requests} requests: {best / lock:.2f}")


if __name__ == "__main__":
    main()
