"""What does the page "Which branch voted" cost? Each of its computations on one 224x224 photo, this CPU.

    .venv/bin/python benchmarks/branch_vote.py [--runs 6] [--threads 1]

The app's fast GoogLeNet (googlenet.runtime.fast) with seeded random weights (the arithmetic does not depend on
the values). Timed interleaved (benchmarks/common.py), medians with p10-p90, and each as a ratio to one plain
forward pass measured in the same run: gradient x activation for every branch (one pass forward and back), the
scrambled copy (a deep copy and re-initialisation), occlusion at the page's default 56/56 (16 pictures) and at
56/28 (49), one hidden patch (2 pictures in one batch), and every branch knocked out (37 pictures in one batch).
"""
from __future__ import annotations

import argparse

from common import interleaved, machine_load, median, sample_batch, set_threads, spread

import torch  # noqa: E402

from googlenet.attribution import (branch_attribution, branch_knockout, hide_patch, occlusion,  # noqa: E402
                                   randomised_copy)
from googlenet.model import GoogLeNet, he_init  # noqa: E402
from googlenet.runtime.fast import optimize_for_inference  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6, help="timed calls of each (default 6)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: the app's choice)")
    args = parser.parse_args(argv)
    threads = set_threads(args.threads)
    torch.manual_seed(0)
    model = optimize_for_inference(he_init(GoogLeNet(aux_logits=False, transform_input=True)).eval(), inplace=True)
    batch = sample_batch()
    top = branch_attribution(model, batch).class_index

    def forward():
        with torch.no_grad():
            model(batch)

    candidates = {
        "forward pass (1 picture)": forward,
        "gradient x activation (forward + back)": lambda: branch_attribution(model, batch, top),
        "scrambled copy (deep copy + re-init)": lambda: randomised_copy(model, seed=0),
        "occlusion 56/56 (16 pictures)": lambda: occlusion(model, batch, top, 56, 56),
        "occlusion 56/28 (49 pictures)": lambda: occlusion(model, batch, top, 56, 28),
        "one hidden patch (2 pictures)": lambda: hide_patch(model, batch, top, (112, 112), 56),
        "every branch knocked out (37 pictures)": lambda: branch_knockout(model, batch, top),
    }
    times = interleaved(candidates, runs=args.runs, per_round=1, warmup=1)
    base = median(times["forward pass (1 picture)"])
    print(f"threads {threads}; {machine_load()}")
    for name, values in times.items():
        print(f"{name:42s} {spread(values)}   {median(values) / base:5.1f}x a forward pass")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
