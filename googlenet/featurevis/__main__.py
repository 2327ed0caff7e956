"""Precompute a grid of feature visualisations into the disk cache, e.g. before a lesson:

    python -m googlenet.featurevis --block inception4c --branch 2 --channels 0-15

The app then serves those pictures at once (same weights, same settings). Without pretrained weights it uses the
app's untrained stand-in (say --untrained to ask for it explicitly); its pictures mean nothing about ImageNet.
"""
from __future__ import annotations

import argparse
import sys
import time

from ..model import BLOCKS
from .cache import VisCache, file_hash, untrained_id
from .jobs import render
from .optimise import THREADS, Settings
from .truncated import PARTS, Target, part_width


def channel_list(text: str, width: int) -> list[int]:
    """"0-15" -> 0..15, "3,7,9-11" -> 3, 7, 9, 10, 11; "all" -> every channel; each checked against `width`."""
    if text.strip().lower() == "all":
        return list(range(width))
    channels: list[int] = []
    for piece in text.split(","):
        first, _, last = piece.strip().partition("-")
        channels += list(range(int(first), int(last or first) + 1))
    wrong = [c for c in channels if not 0 <= c < width]
    if wrong:
        raise ValueError(f"no channel(s) {wrong}: this part has channels 0-{width - 1}")
    return list(dict.fromkeys(channels))


def part_name(text: str) -> str:
    """"2" or "branch2" -> "branch2"; "output" / "all" -> "output" (the concatenated block)."""
    text = text.strip().lower()
    if text in ("output", "all", "concat"):
        return "output"
    name = text if text.startswith("branch") else f"branch{text}"
    if name not in PARTS:
        raise ValueError(f"--branch must be 1-4 or 'output', not {text!r}")
    return name


def load_model(untrained: bool):
    """(model, weights id, pretrained?) as the app would use them."""
    import torch

    from ..model import GoogLeNet, he_init
    from ..weights import load_pretrained, weights_path
    path = None if untrained else weights_path()
    if path is not None:
        return load_pretrained(path, download=False), file_hash(path), True
    torch.manual_seed(0)   # the app's stand-in: ui.models.untrained_model(seed=0)
    model = he_init(GoogLeNet(variant="torchvision", aux_logits=False, transform_input=True)).eval()
    return model, untrained_id(0), False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m googlenet.featurevis",
                                     description="Precompute feature visualisations into the disk cache.")
    parser.add_argument("--block", required=True, choices=BLOCKS)
    parser.add_argument("--branch", default="1", help="1-4, or 'output' for the concatenated block (default 1)")
    parser.add_argument("--channels", default="0-7", help="e.g. 0-15, 3,7,9-11 or all (default 0-7)")
    defaults = Settings()
    parser.add_argument("--steps", type=int, default=defaults.steps)
    parser.add_argument("--size", type=int, default=defaults.size)
    parser.add_argument("--images", type=int, default=1, help="pictures per channel (> 1: diversity)")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--untrained", action="store_true", help="use the untrained stand-in even if weights exist")
    parser.add_argument("--cache", default=None, help="cache folder (default: $GOOGLENET_FEATUREVIS_CACHE or "
                                                      "~/.cache/googlenet-explorer/featurevis)")
    args = parser.parse_args(argv)
    try:
        part = part_name(args.branch)
        settings = Settings(steps=args.steps, size=args.size, images=args.images, seed=args.seed)
        model, weights, pretrained = load_model(args.untrained)
        channels = channel_list(args.channels, part_width(model, Target(args.block, part, 0)))
    except ValueError as err:
        parser.error(str(err))
    cache = VisCache(args.cache)
    print(f"{'pretrained weights' if pretrained else 'UNTRAINED network (pictures mean nothing about ImageNet)'}; "
          f"{args.block} {part}, {len(channels)} channel(s), {settings.steps} steps at {settings.size} px, "
          f"{THREADS} thread(s); cache: {cache.folder}", file=sys.stderr)
    start = time.perf_counter()
    for n, channel in enumerate(channels, 1):
        def show(done: int, total: int, value: float, n=n, channel=channel) -> None:
            if done == total or done % 8 == 0:
                sys.stderr.write(f"\r[{n}/{len(channels)}] channel {channel}: step {done}/{total}, "
                                 f"objective {value:.3g}   ")
                sys.stderr.flush()
        vis = render(model, weights, Target(args.block, part, channel), settings, cache, progress=show)
        how = "cached already" if vis.from_cache else f"{vis.seconds:.1f} s"
        sys.stderr.write(f"\r[{n}/{len(channels)}] channel {channel}: done ({how}), objective "
                         f"{vis.objective[0]:.3g}{' ' * 20}\n")
    print(f"{len(channels)} channel(s) in {time.perf_counter() - start:.1f} s, stored in {cache.folder}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
