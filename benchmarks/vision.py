"""How long the vision pages' work takes for one 224x224 image on this computer's CPU.

    .venv/bin/python benchmarks/vision.py [--repeats 20] [--top-k 16]

Prints, as medians over `repeats` runs after a warm-up:
  * the plain forward pass (what the Classify page times);
  * per layer: one hooked pass that captures the block's four branches and its concatenated output, plus
    tiling the four branch grids (what the Feature maps page does on a cache miss), both as the page
    runs it (the pass stops right after the block) and as a full pass; the extra time beyond a plain
    forward pass (target: under 300 ms), and the ratio to it.
Measurements are interleaved and paired (a plain forward pass right before each hooked one), so a busy
machine slows both alike; "best" columns use the fastest runs, which a noisy machine disturbs least.
Torch's thread count is left as it is (see torch.get_num_threads() in the header).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from googlenet.features import LAYERS, capture_branches, most_active  # noqa: E402
from googlenet.images import load_image, to_batch  # noqa: E402
from googlenet.model import BRANCHES, GoogLeNet  # noqa: E402
from googlenet.viz import tile_channels  # noqa: E402
from googlenet.weights import WeightsUnavailable, load_pretrained, weights_path  # noqa: E402

TARGET_MS = 300.0


def ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def forward(model, batch) -> float:
    start = time.perf_counter()
    with torch.inference_mode():
        model(batch)
    return ms(start)


def capture_and_tile(model, batch, layer: str, stop_early: bool, top_k: int) -> float:
    start = time.perf_counter()
    tile_parts(capture_branches(model, batch, [layer], stop_early=stop_early)[layer], top_k)
    return ms(start)


def tile_parts(entry: dict, top_k: int) -> None:
    """The page's grids: one per branch (the output alone for a stem layer), top_k most active channels each."""
    for part in [p for p in BRANCHES if p in entry] or ["output"]:
        tile_channels(entry[part], order=most_active(entry[part], top_k))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="timed runs per measurement (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    parser.add_argument("--top-k", type=int, default=16, help="channels per branch grid (default 16)")
    args = parser.parse_args(argv)

    model, which, path = None, "random", weights_path()
    if path is not None:
        try:
            model, which = load_pretrained(path, download=False), "pretrained"
        except WeightsUnavailable:
            pass
    if model is None:   # the timing does not depend on the weights' values
        torch.manual_seed(0)
        model, which = GoogLeNet(variant="torchvision", aux_logits=False, transform_input=True).eval(), "random"
    batch = to_batch(load_image(ROOT / "assets" / "chelsea_cat.jpg"))
    layers = list(LAYERS)

    print(f"GoogLeNet (torchvision variant, {which} weights), one image {tuple(batch.shape)}, "
          f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.repeats} runs after "
          f"{args.warmup} warm-up, top-{args.top_k} channels per grid")

    for _ in range(args.warmup):
        forward(model, batch)
        for layer in layers:
            capture_and_tile(model, batch, layer, True, args.top_k)
            capture_and_tile(model, batch, layer, False, args.top_k)

    fwd: list[float] = []
    early = {layer: [] for layer in layers}
    full = {layer: [] for layer in layers}
    extra = {layer: [] for layer in layers}   # paired: (capture + tile) minus the forward pass just before it
    tiling = {layer: [] for layer in layers}
    for _ in range(args.repeats):
        for layer in layers:
            f = forward(model, batch)
            u = capture_and_tile(model, batch, layer, False, args.top_k)
            fwd.append(f)
            full[layer].append(u)
            extra[layer].append(u - f)
            early[layer].append(capture_and_tile(model, batch, layer, True, args.top_k))
            entry = capture_branches(model, batch, [layer])[layer]
            start = time.perf_counter()
            tile_parts(entry, args.top_k)
            tiling[layer].append(ms(start))

    med, low = statistics.median, min
    f = med(fwd)
    print(f"\nforward pass: median {f:.1f} ms, best {low(fwd):.1f} ms ({len(fwd)} runs)\n")
    header = (f"{'layer':<13}{'as the page':>13}{'full pass':>11}{'tiling':>9}{'beyond forward':>16}"
              f"{'(best)':>9}{'ratio':>8}")
    print(header + "\n" + f"{'':<13}{'median ms':>13}{'median ms':>11}{'ms':>9}{'paired median':>16}{'ms':>9}"
          f"{'':>8}")
    print("-" * len(header))
    worst_extra, worst_ratio = float("-inf"), 0.0
    for layer in layers:
        e, u, x = med(early[layer]), med(full[layer]), med(extra[layer])
        best = low(full[layer]) - low(fwd)
        ratio = u / f
        worst_extra, worst_ratio = max(worst_extra, x), max(worst_ratio, ratio)
        print(f"{layer:<13}{e:>13.1f}{u:>11.1f}{med(tiling[layer]):>9.1f}{x:>+16.1f}{best:>+9.1f}{ratio:>7.2f}x")
    verdict = "within" if worst_extra < TARGET_MS else "OVER"
    print(f"\nworst extra time beyond the forward pass (paired median): {worst_extra:+.1f} ms "
          f"({verdict} the {TARGET_MS:.0f} ms target)")
    print(f"ratio (capture + tile, full pass) / forward pass: at most {worst_ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
