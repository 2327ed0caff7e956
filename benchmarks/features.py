"""Feature maps: capture every block's four branches and tile them into grids, vs the forward pass alone.

    .venv/bin/python benchmarks/features.py [--threads N] [--runs 30]

Uses the app's real code: googlenet.features.capture_branches (forward hooks under the model's
lock, one pass) and googlenet.viz.tile_channels (numpy only), on the shared fast model (googlenet.runtime.fast), as the
Feature maps page does (top 16 channels per branch, each map stretched on its own). Timed
interleaved (benchmarks/common.py), medians of >= 30 runs. The last line is the ratio
"capture + tile all 9 blocks x 4 branches" / "forward alone".
"""
from __future__ import annotations

import argparse

import common  # noqa: F401  (puts the repository on sys.path)
from common import (app_models, interleaved, machine_load, make_checkpoint, median, sample_batch, set_threads,
                    spread)

import torch

from googlenet.features import capture_branches, most_active
from googlenet.model import BLOCKS, BRANCHES
from googlenet.viz import tile_channels

TOP_K = 16  # the page's default


def top_grid(maps):
    """The page's grid: the TOP_K most active channels, tiled."""
    return tile_channels(maps, order=most_active(maps, TOP_K))


def capture_and_tile(model, batch, blocks=BLOCKS) -> int:
    captured = capture_branches(model, batch, list(blocks))
    pixels = 0
    for block in blocks:
        for branch in BRANCHES:
            pixels += top_grid(captured[block][branch][0]).size
    return pixels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=None, help="default: the app's own choice (cores - 1)")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    runs = max(30, args.runs)
    threads = set_threads(args.threads)
    print(f"features benchmark: batch 1 x 3 x 224 x 224, {threads} thread(s), {len(BLOCKS)} blocks x "
          f"{len(BRANCHES)} branches, top {TOP_K} channels per grid")
    print(f"  {machine_load()}")
    checkpoint = make_checkpoint(common.workdir("googlenet-features-") / "googlenet.pth")
    plain, fast = app_models(checkpoint)
    batch = sample_batch()

    # What the numbers are made of, once.
    captured = capture_branches(fast, batch)
    grids = {(b, br): top_grid(captured[b][br][0]) for b in BLOCKS for br in BRANCHES}
    stored = sum(t.numel() * t.element_size() for entry in captured.values() for t in entry.values())
    print(f"  one capture keeps {sum(len(e) for e in captured.values())} tensors ({stored / 2**20:.1f} MiB); "
          f"36 grids, e.g. inception3a.branch1 {grids[('inception3a', 'branch1')].shape}, "
          f"inception5b.branch1 {grids[('inception5b', 'branch1')].shape}")
    first = capture_branches(plain, batch, ["inception4c"])["inception4c"]["branch2"]
    again = captured["inception4c"]["branch2"]
    print(f"  fast vs plain model, inception4c.branch2 maps: max|diff| {(first - again).abs().max().item():.2e}")

    def tile_only():
        for b in BLOCKS:
            for br in BRANCHES:
                top_grid(captured[b][br][0])

    def per_block_like_the_page():
        # The page captures one block per pass (stop_early ends the pass after that block).
        for b in BLOCKS:
            capture_and_tile(fast, batch, [b])

    candidates = {
        "forward alone (fast model)": lambda: fast(batch),
        "capture all blocks (one pass, hooks)": lambda: capture_branches(fast, batch),
        "tile 36 grids (numpy)": tile_only,
        "capture + tile, all blocks": lambda: capture_and_tile(fast, batch),
        "capture + tile, all blocks, plain model": lambda: capture_and_tile(plain, batch),
    }
    with torch.inference_mode():
        times = interleaved(candidates, runs=runs)
        per_block = interleaved({"9 passes, one block each (as the page)": per_block_like_the_page},
                                runs=max(10, runs // 3), per_round=1, warmup=1)
    print(f"  medians, timed interleaved ({len(times['forward alone (fast model)'])} runs each):")
    for name, values in {**times, **per_block}.items():
        print(f"    {name:45s} {spread(values)}")
    forward = median(times["forward alone (fast model)"])
    both = median(times["capture + tile, all blocks"])
    page = median(per_block["9 passes, one block each (as the page)"]) / len(BLOCKS)
    print(f"  the page's own case, one block (capture stops early + 4 grids): {page * 1e3:.1f} ms on average "
          f"= {page / forward:.2f}x a full forward pass")
    print(f"  capture alone {median(times['capture all blocks (one pass, hooks)']) / forward:.2f}x the forward; "
          f"tiling alone {median(times['tile 36 grids (numpy)']) / forward:.2f}x")
    print(f"ratio capture + tile (9 blocks x 4 branches) / forward alone: {both / forward:.2f}")


if __name__ == "__main__":
    main()
