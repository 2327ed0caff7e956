"""The training lab's experiments with the page's default settings: plain vs residual (He et al.'s degradation
experiment in miniature) and the softmax-before-CrossEntropyLoss pair - their times, final training losses and
test accuracies, and what the page's verdicts say about them.

    .venv/bin/python benchmarks/residual_run.py                    # the page's defaults (8x8 digits)
    .venv/bin/python benchmarks/residual_run.py --data mnist       # on the 5,000 real MNIST digits
    .venv/bin/python benchmarks/residual_run.py --seeds 0 1 2      # several seeds
    .venv/bin/python benchmarks/residual_run.py --skip-softmax     # only plain vs residual

Issue 14's target: on this 2-core CPU the plain-vs-residual pair (deep plain + deep residual) finishes in < 90 s
together. The runs are exactly those the page's "Experiments" buttons train (googlenet.digits.experiment_configs
from the page's default settings), one after the other, on TRAIN_THREADS thread(s), as the page does.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from common import machine_load  # noqa: E402  (benchmarks/common.py)
from googlenet.digits import (  # noqa: E402
    TRAIN_THREADS, FinishedRun, TrainConfig, Trainer, compare_residual, compare_softmax, count_parameters,
    experiment_configs, load_split, train_to_end,
)

TARGET_PAIR_SECONDS = 90.0


def label(cfg: TrainConfig) -> str:
    if cfg.preset == "resnet_small":
        return f"{'residual' if cfg.shortcuts else 'plain   '} {cfg.depth:2d} blocks"
    if cfg.preset == "seed_resnet":
        return f"seed resnet {'residual' if cfg.shortcuts else 'plain'}"
    return f"{cfg.preset} {'softmax bug' if cfg.softmax_bug else 'right loss '}"


def describe(record: FinishedRun) -> str:
    c = record.curves
    return (f"  {label(record.config)}: {c.elapsed:5.1f} s ({1e3 * c.elapsed / len(c.steps):.0f} ms/step, "
            f"{len(c.steps)} steps), final training loss {c.final_loss:.3f}, "
            f"test accuracy {100 * record.test_accuracy:5.1f}%")


class Numbered:
    """A finished run as the page's records look to the verdicts (they need no more than this)."""

    def __init__(self, finished: FinishedRun):
        self.config, self.curves, self.test_accuracy = finished.config, finished.curves, finished.test_accuracy


def run_all(configs: list[TrainConfig], data, threads: int) -> list[FinishedRun]:
    results = []
    for cfg in configs:
        trainer = Trainer(cfg, data, threads=threads)
        record = train_to_end(trainer)
        results.append(record)
        print(describe(record) + f" - {count_parameters(trainer.model, include_aux=False):,} weights", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--data", choices=["digits", "mnist"], default="digits",
                        help="default: the 8x8 digits, the page's default for the small nets")
    parser.add_argument("--threads", type=int, default=TRAIN_THREADS)
    parser.add_argument("--skip-softmax", action="store_true")
    args = parser.parse_args()

    import torch

    print(f"torch {torch.__version__}, {args.threads} intra-op thread(s); {machine_load()}")
    data = load_split(args.data)
    print(f"data: {args.data}, {data.sizes[0]} training / {data.sizes[1]} test images")
    pair_times = []
    for seed in args.seeds:
        page = TrainConfig(dataset=args.data, seed=seed)        # the page's default settings
        print(f"\n== plain vs residual, seed {seed}: {TrainConfig.epochs} epochs, lr {page.lr:g}, "
              f"batch {page.batch_size}")
        trio = run_all(experiment_configs("residual", page), data, args.threads)
        pair = trio[0].curves.elapsed + trio[1].curves.elapsed
        pair_times.append(pair)
        c = compare_residual([Numbered(r) for r in trio])
        print(f"  deep plain + deep residual: {pair:.1f} s; the trio: {sum(r.curves.elapsed for r in trio):.1f} s")
        print(f"  verdict: degradation {c.degradation}, removed by the shortcuts {c.removed}, "
              f"shortcuts lowered the loss {c.residual_better}; deep plain net's early gradient, last/first "
              f"block: {c.plain_grad_ratio:.2f}")
        if not args.skip_softmax:
            print(f"\n== softmax before CrossEntropyLoss, seed {seed} (small GoogLeNet, the page's defaults)")
            pair_runs = run_all(experiment_configs("softmax", page), data, args.threads)
            s = compare_softmax([Numbered(r) for r in pair_runs])
            print(f"  verdict: {s.verdict}; accuracy gap {s.accuracy_gap:+.1f} points, after the first epoch "
                  f"{s.first_test_gap:+.1f}; the buggy run's lowest batch loss {s.lowest_buggy:.3f} "
                  f"(floor {s.floor:.3f}); early gradient right/buggy {s.grad_ratio:.2f}")
    ok = all(p < TARGET_PAIR_SECONDS for p in pair_times)
    shown = ", ".join(f"{p:.1f} s" for p in pair_times)
    print(f"\n  target: the plain-vs-residual pair in < 90 s -> {shown}: {'MET' if ok else 'NOT MET'}")
    print(f"\n{machine_load()}")


if __name__ == "__main__":
    main()
