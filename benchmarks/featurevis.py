"""How long does one feature visualisation take on this CPU? One 128x128 picture, 256 optimisation steps.

    .venv/bin/python benchmarks/featurevis.py [--steps 256] [--size 128] [--threads 1]

Runs googlenet.featurevis.visualise exactly as the page does (a private truncated copy of the app's fast model,
transformation robustness, Fourier parameterisation, THREADS threads) for a channel of inception3a and one of
inception4e, and prints each one's wall time, its time per step, the CPU time of the thread that ran it (on a
busy machine the wall time mostly measures the other processes) and the threads used. Targets (issue 15): at most
10 s to 3a and 30 s to 4e. The weights' values do not change the arithmetic: a checkpoint of seeded random
weights shaped like the real one is used. Nothing is cached (the optimiser runs every time).
"""
from __future__ import annotations

import argparse
import time

from common import app_models, machine_load, make_checkpoint

import torch  # noqa: E402

from googlenet.featurevis import THREADS, Settings, Target, visualise  # noqa: E402
from googlenet.featurevis import optimise as optimise_module  # noqa: E402

TARGETS = {"inception3a": (Target("inception3a", "branch2", 7), 10.0),
           "inception4e": (Target("inception4e", "branch2", 7), 30.0)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=256)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=THREADS, help=f"torch threads (the app uses {THREADS})")
    args = parser.parse_args()
    optimise_module.THREADS = args.threads
    _, fast = app_models(make_checkpoint())
    settings = Settings(steps=args.steps, size=args.size)
    print(f"{machine_load()}; torch {torch.__version__}; threads during the optimisation: {args.threads}")
    visualise(fast, TARGETS["inception3a"][0], Settings(steps=3, size=args.size))      # warm-up
    for block, (target, limit) in TARGETS.items():
        seen: list[int] = []
        cpu = time.thread_time()   # one torch thread: the arithmetic runs in this very thread
        vis = visualise(fast, target, settings, progress=lambda d, t, v: seen.append(torch.get_num_threads()))
        cpu = time.thread_time() - cpu
        verdict = "within" if vis.seconds <= limit else "OVER"
        print(f"{block} {target.part} channel {target.channel}: {vis.seconds:.1f} s wall for {vis.steps_done} steps "
              f"at {args.size}x{args.size} ({1000 * vis.seconds / vis.steps_done:.0f} ms/step), {cpu:.1f} s CPU "
              f"({1000 * cpu / vis.steps_done:.0f} ms/step), threads {sorted(set(seen))}; target <= {limit:.0f} s "
              f"wall: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
