"""How much does Grad-CAM cost compared with a plain forward pass? One 224x224 image, this CPU.

    .venv/bin/python benchmarks/gradcam.py [--repeats 20] [--layer inception5b]

Prints the median time of a plain forward pass (torch.no_grad) and of one Grad-CAM (a forward pass with
autograd recording, plus the gradient of one logit back to the block's output only), both after warm-up,
interleaved so that a busy machine slows both alike, and their ratio last. The weights' values do not
change the arithmetic: the pretrained weights are used when present, random ones otherwise.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from googlenet import GoogLeNet  # noqa: E402
from googlenet.explain import grad_cam  # noqa: E402
from googlenet.runtime.hooks import has_hooks  # noqa: E402
from googlenet.images import load_image, to_batch  # noqa: E402
from googlenet.weights import WeightsUnavailable, load_pretrained  # noqa: E402


def medians_ms(fns, repeats: int, warmup: int) -> list[tuple[float, float]]:
    """(wall, CPU) median milliseconds of each function. The runs are interleaved, so a change of machine
    load hits all alike; CPU time (this process, all threads) is the steadier number on a busy machine."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    wall: list[list[float]] = [[] for _ in fns]
    cpu: list[list[float]] = [[] for _ in fns]
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            w, c = time.perf_counter(), time.process_time()
            fn()
            wall[i].append((time.perf_counter() - w) * 1000)
            cpu[i].append((time.process_time() - c) * 1000)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(wall, cpu)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="timed runs of each (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    parser.add_argument("--layer", default="inception5b", help="Grad-CAM block (default inception5b)")
    parser.add_argument("--image", default=str(ROOT / "assets" / "coffee.jpg"))
    args = parser.parse_args(argv)

    try:
        model, weights = load_pretrained(download=False), "pretrained"
    except WeightsUnavailable:
        torch.manual_seed(0)
        model, weights = GoogLeNet(variant="torchvision", aux_logits=False, transform_input=True).eval(), "random"
    batch = to_batch(load_image(args.image))
    print(f"CPU: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, torch {torch.__version__} "
          f"with {torch.get_num_threads()} threads; weights: {weights}; input {tuple(batch.shape)}")

    def forward():
        with torch.no_grad():
            model(batch)

    def cam():
        grad_cam(model, batch, layer=args.layer)

    (forward_ms, forward_cpu), (cam_ms, cam_cpu) = medians_ms([forward, cam], args.repeats, args.warmup)
    assert not has_hooks(model) and all(p.grad is None for p in model.parameters())
    print(f"medians of {args.repeats} runs after {args.warmup} warm-up runs:   wall clock   CPU time")
    print(f"forward pass (no_grad)                          {forward_ms:8.1f} ms {forward_cpu:8.1f} ms")
    print(f"Grad-CAM at {args.layer:<17}                   {cam_ms:8.1f} ms {cam_cpu:8.1f} ms")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
    print(f"ratio Grad-CAM / forward:   wall {cam_ms / forward_ms:.2f}x   CPU {cam_cpu / forward_cpu:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
