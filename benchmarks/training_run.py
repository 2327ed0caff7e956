"""The training lab's default run, with and without auxiliary classifiers: time and test accuracy.

    .venv/bin/python benchmarks/training_run.py                 # default settings, seed 0, aux on / off
    .venv/bin/python benchmarks/training_run.py --seeds 0 1 2   # several seeds: how much runs vary by chance
    .venv/bin/python benchmarks/training_run.py --deep          # also 8 blocks without BatchNorm (vanishing gradients)
    .venv/bin/python benchmarks/training_run.py --threads 2     # intra-op threads (the app uses 1, see
                                                                # googlenet/digits/trainer.py)

The runs alternate (aux on, aux off, aux on, ...) so that background load hits both alike. Times are wall-clock
seconds of the whole run, including the test-set evaluation after every epoch, as the page shows them.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from common import machine_load  # noqa: E402  (benchmarks/common.py)
from googlenet.digits import (  # noqa: E402
    TRAIN_THREADS, FinishedRun, TrainConfig, Trainer, compare_aux, count_parameters, gradient_verdict,
    load_digits_split, train_to_end,
)


def run(config: TrainConfig, threads: int) -> FinishedRun:
    return train_to_end(Trainer(config, load_digits_split(), threads=threads))


def describe(record: FinishedRun) -> str:
    cfg, curves = record.config, record.curves
    epochs = " ".join(f"{100 * a:.1f}" for a in curves.test_accuracies)
    return (f"  aux {'on ' if cfg.aux else 'off'} seed {cfg.seed}: test accuracy {100 * record.test_accuracy:5.1f}%  "
            f"time {curves.elapsed:5.1f} s  ({len(curves.steps)} steps, "
            f"{1e3 * curves.elapsed / len(curves.steps):.0f} ms/step)\n      test accuracy after each epoch: {epochs}")


def grad_table(records: list[FinishedRun]) -> str:
    names = list(records[0].curves.grad_norms[0])
    lines = [" " * 16 + " ".join(f"{n:>11}" for n in names)]
    for rec in records:
        for phase in ("early", "late"):
            norms = rec.curves.phase_grad_norms(phase)
            lines.append(f"  aux {'on ' if rec.config.aux else 'off'} {phase:5} "
                         + " ".join(f"{norms[n]:11.2e}" for n in names))
        verdict = gradient_verdict(rec.curves)
        if verdict is not None:
            lines.append(f"      verdict: {verdict.kind} ({verdict.block} vs {verdict.last}, "
                         f"{verdict.phase or 'both phases'}, factor {verdict.factor:.3g})")
    return "\n".join(lines)


def experiment(title: str, base: TrainConfig, seeds: list[int], threads: int) -> list[FinishedRun]:
    print(f"\n== {title}")
    model = Trainer(base.with_(max_steps=1), load_digits_split()).model
    print(f"   {base}\n   weights: {count_parameters(model, include_aux=False):,} in the network"
          f"{f', {count_parameters(model):,} with the aux heads' if base.aux else ''}")
    records = []
    for seed in seeds:
        for aux in (True, False):
            rec = run(base.with_(aux=aux, seed=seed), threads)
            records.append(rec)
            print(describe(rec), flush=True)
    for aux in (True, False):
        mine = [r for r in records if r.config.aux == aux]
        accs = [100 * r.test_accuracy for r in mine]
        times = [r.curves.elapsed for r in mine]
        print(f"  aux {'on ' if aux else 'off'} summary: test accuracy mean {np.mean(accs):.2f}% "
              f"(min {min(accs):.1f}, max {max(accs):.1f}), time median {np.median(times):.1f} s "
              f"(max {max(times):.1f} s)")
    verdict = compare_aux(records[-2:])
    if verdict is not None:
        print(f"  last pair: accuracy with - without aux = {verdict.accuracy_gain:+.2f} points -> {verdict.verdict}; "
              f"first block's early gradient with/without aux = {verdict.first_block_ratio:.2f}x")
    print("  gradient norm per block, mean over the first and the last fifth of the run (last seed):")
    print(grad_table(records[-2:]))
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--threads", type=int, default=TRAIN_THREADS)
    parser.add_argument("--deep", action="store_true", help="also run 8 Inception blocks without BatchNorm")
    args = parser.parse_args()

    import torch

    print(f"torch {torch.__version__}, {args.threads} intra-op thread(s); {machine_load()}")
    data = load_digits_split()
    print(f"digits: {data.sizes[0]} training / {data.sizes[1]} test images, 8x8")
    records = experiment("default run (the page's defaults)", TrainConfig(), args.seeds, args.threads)
    slowest = max(r.curves.elapsed for r in records)
    worst = min(r.test_accuracy for r in records)
    ok = slowest < 60 and worst >= 0.95
    print(f"\n  target: >= 95% test accuracy in < 60 s -> slowest {slowest:.1f} s, lowest {100 * worst:.1f}%: "
          f"{'MET' if ok else 'NOT MET'}")
    if args.deep:
        experiment("deep, no BatchNorm: 8 Inception blocks (where gradients vanish)",
                   TrainConfig(depth=8, batch_norm=False), args.seeds, args.threads)
    print(f"\n{machine_load()}")


if __name__ == "__main__":
    main()
