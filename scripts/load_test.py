"""Load test through the real server: N students upload N different pictures at the same moment.

    .venv/bin/python scripts/load_test.py                 # one `streamlit run` (direct)
    .venv/bin/python scripts/load_test.py --workers 3     # 3 workers behind nginx (deploy/serve.py)
    .venv/bin/python scripts/load_test.py --url http://127.0.0.1:8501   # a server that is already running

One Chromium (Playwright), one browser context per simulated student. For each N in --sizes
(default 1, 5, 10) and each of --rounds rounds, N sessions open the Classify page, then all upload
their own picture at once; the time from the upload to the moment the page shows that picture's
result is one sample. Reported: p50 / p95 / max per N, and whether any session ever showed another
session's picture or result (it must not: the script exits with 1 if one did).

Pictures and weights: the 4 sample photos, mirrored / cropped / turned / recoloured, each with its
own size and file name, saved to a temporary folder. There are no pretrained weights offline, so the
server loads a checkpoint made here: random convolutions (He-scaled, seeded) and a last layer built
so that every test picture has its *own* top-1 class (solved exactly from the pictures' pooled
features: logit 10 for its class, 0 for the other test classes). The expected top-1 of every picture is then computed offline through
the app's own loader and preprocessing, and compared with what each browser shows.
Only 127.0.0.1 is contacted; every wait has a timeout; request counts are fixed.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import percentile  # noqa: E402  (benchmarks/common.py)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                 "--disable-backgrounding-occluded-windows"]
SAMPLES = ("chelsea_cat.jpg", "coffee.jpg", "rocket.jpg", "china_temple.jpg")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


# ------------------------------------------------------------------------------------ test material

@dataclass
class Picture:
    path: Path
    size: tuple[int, int]
    expected: int = -1        # class index
    label: str = ""           # English class name as the page shows it


def make_pictures(folder: Path, count: int) -> list[Picture]:
    """`count` different pictures with different sizes and names."""
    from PIL import Image, ImageOps

    from googlenet.images import load_image

    base = [load_image(ROOT / "assets" / f) for f in SAMPLES]
    variants = [
        ("plain", lambda im: im),
        ("mirror", ImageOps.mirror),
        ("flip", ImageOps.flip),
        ("turn", lambda im: im.rotate(90, expand=True)),
        ("topleft", lambda im: im.crop((0, 0, im.width * 2 // 3, im.height * 2 // 3))),
        ("bottomright", lambda im: im.crop((im.width // 3, im.height // 3, im.width, im.height))),
        ("grey", lambda im: ImageOps.grayscale(im).convert("RGB")),
        ("poster", lambda im: ImageOps.posterize(im, 3)),
        ("centre", lambda im: im.crop((im.width // 6, im.height // 6, im.width * 5 // 6, im.height * 5 // 6))),
        ("invert", ImageOps.invert),
    ]
    pictures = []
    for i in range(count):
        name, fn = variants[(i // len(base)) % len(variants)]
        source = SAMPLES[i % len(base)].split(".")[0]
        image = fn(base[i % len(base)])
        # A size of its own (so a picture shown in the wrong session would be recognised by its size too).
        width = 300 + 7 * i
        image = image.resize((width, max(64, round(image.height * width / image.width))), Image.Resampling.BILINEAR)
        path = folder / f"s{i:02d}_{source}_{name}.jpg"
        image.save(path, quality=92)
        pictures.append(Picture(path, image.size))
    return pictures


def make_checkpoint(pictures: list[Picture], path: Path, seed: int = 0) -> None:
    """A torchvision-shaped checkpoint in which picture i's top-1 is a class of its own (see the docstring)."""
    import torch
    import torchvision
    from torch import nn

    from googlenet.runtime.fast import optimize_for_inference
    from googlenet.images import load_image, to_batch
    from googlenet.weights import labels
    from googlenet.model import he_init
    from googlenet.weights import load_pretrained

    torch.manual_seed(seed)
    model = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False)
    he_init(model, generator=torch.Generator().manual_seed(seed))
    torch.save(model.state_dict(), path)

    # Pooled 1024-d features of each picture, through the app's loader and preprocessing.
    app = load_pretrained(path, download=False)
    app.fc = nn.Identity()
    with torch.inference_mode():
        feats = torch.cat([app(to_batch(load_image(p.path.read_bytes()))) for p in pictures]).double()
    # Spread the pictures over the 1000 classes (deterministic, distinct), then solve for a last layer
    # that gives picture i a logit of 10 for its class and 0 for the other test classes: with
    # n pictures and 1024 features, [features, 1] @ [W; b] = 10 * I has an exact (minimum-norm) solution.
    classes = [(97 + 331 * i) % 1000 for i in range(len(pictures))]
    assert len(set(classes)) == len(classes)
    augmented = torch.cat([feats, torch.ones(len(pictures), 1, dtype=feats.dtype)], dim=1)
    solution = torch.linalg.pinv(augmented) @ (10.0 * torch.eye(len(pictures), dtype=feats.dtype))  # (1025, n)
    state = model.state_dict()
    weight = torch.zeros(1000, 1024, dtype=torch.float64)
    bias = torch.full((1000,), -5.0, dtype=torch.float64)   # every other class: a clear loser
    for j, c in enumerate(classes):
        weight[c] = solution[:-1, j]
        bias[c] = solution[-1, j]
    state["fc.weight"], state["fc.bias"] = weight.float(), bias.float()
    torch.save(state, path)

    # Expected answers: what the app's fast model says, offline.
    fast = optimize_for_inference(load_pretrained(path, download=False))
    names = labels()
    with torch.inference_mode():
        for picture, wanted in zip(pictures, classes):
            logits = fast(to_batch(load_image(picture.path.read_bytes())))[0]
            top2 = logits.topk(2)
            picture.expected = int(top2.indices[0])
            picture.label = names[picture.expected]
            margin = float(top2.values[0] - top2.values[1])
            if picture.expected != wanted or margin < 2.0:
                raise RuntimeError(f"checkpoint construction failed for {picture.path.name}: "
                                   f"top-1 {picture.expected} (wanted {wanted}), margin {margin:.2f}")
    if len({p.label for p in pictures}) != len(pictures):
        raise RuntimeError("two test pictures share a top-1 class name")


# ------------------------------------------------------------------------------------ the browser side

@dataclass
class Sample:
    n: int
    round: int
    session: int
    picture: str
    seconds: float | None
    ok: bool
    problem: str = ""
    forward_ms: float | None = None   # what the page itself reports for the forward pass (lock wait excluded)


RESULT_JS = """
([name, label]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return null;
  const text = document.body.innerText;
  // The caption the script writes once it has run with our upload (the uploader's own file chip
  // shows the name earlier, before the rerun): "Using your upload “name” (w×h pixels)."
  if (!text.includes('Using your upload \u201c' + name + '\u201d')) return null;
  const heads = [...document.querySelectorAll('[data-testid="stMarkdownContainer"] h4')]
      .map(h => h.innerText).filter(t => t.startsWith('Best guess'));
  if (!heads.length) return null;
  return {heading: heads[0], text: text};
}
"""


async def wait_idle(page, timeout_ms: float) -> None:
    await page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    for _ in range(3):
        await page.wait_for_selector(IDLE, timeout=timeout_ms)
        await page.wait_for_timeout(300)
        if await page.query_selector('[data-testid="stApp"][data-test-script-state="running"]') is None:
            return
    await page.wait_for_selector(IDLE, timeout=timeout_ms)


async def one_session(browser, url: str, picture: Picture, others: list[Picture], start: asyncio.Event,
                      ready: list, n: int, rnd: int, session: int, timeout_s: float) -> Sample:
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = await context.new_page()
    try:
        await page.goto(f"{url}/classify?lang=en", timeout=timeout_s * 1000)
        await wait_idle(page, timeout_s * 1000)
        await page.locator('[data-testid="stFileUploader"] input[type="file"]').first.wait_for(
            state="attached", timeout=timeout_s * 1000)
        ready.append(session)
        await start.wait()                                   # everyone uploads at the same moment
        t0 = time.perf_counter()
        await page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
            str(picture.path))
        await page.wait_for_timeout(50)
        handle = await page.wait_for_function(RESULT_JS, arg=[picture.path.name, picture.label],
                                               timeout=timeout_s * 1000, polling=50)
        seconds = time.perf_counter() - t0
        result = await handle.json_value()
        heading, text = result["heading"], result["text"]
        problems = []
        shown = re.search(r"Best guess:\s*(.+?)\s+with a probability", heading)
        if not shown or shown.group(1).strip() != picture.label:
            problems.append(f"top-1 shown {shown.group(1) if shown else heading!r}, expected {picture.label!r}")
        w, h = picture.size
        if f"{w}×{h}" not in text:
            problems.append(f"the page does not show this picture's size {w}x{h}")
        for other in others:
            if other.path.name in text:
                problems.append(f"shows another session's picture {other.path.name}")
            if shown and shown.group(1).strip() == other.label:
                problems.append(f"shows another session's result {other.label!r}")
        forward = re.search(r"Forward pass\s+([\d,.]+)\s*ms", text)
        forward_ms = float(forward.group(1).replace(",", "")) if forward else None
        return Sample(n, rnd, session, picture.path.name, seconds, not problems, "; ".join(problems), forward_ms)
    except Exception as exc:  # noqa: BLE001 - a timeout or a crash is a failed sample, reported
        return Sample(n, rnd, session, picture.path.name, None, False, f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await context.close()


async def run_round(browser, url: str, pictures: list[Picture], everyone: list[Picture], n: int, rnd: int,
                    timeout_s: float) -> list[Sample]:
    start = asyncio.Event()
    ready: list[int] = []
    tasks = [asyncio.create_task(one_session(browser, url, pictures[i], [p for p in everyone if p is not pictures[i]],
                                             start, ready, n, rnd, i, timeout_s)) for i in range(n)]
    deadline = time.monotonic() + timeout_s
    while len(ready) < n and time.monotonic() < deadline and not all(t.done() for t in tasks):
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)       # let the pages settle before the simultaneous upload
    start.set()
    return list(await asyncio.gather(*tasks))


async def warm_worker(browser, url: str, timeout_s: float) -> None:
    """Open the Classify page once on this server process (straight to a worker, bypassing nginx).

    The first classification in a process loads and folds the weights; every worker pays it once,
    before the clock runs (a teacher opens the app before the lesson too).
    """
    context = await browser.new_context(locale="en-US")
    try:
        page = await context.new_page()
        await page.goto(f"{url}/classify?lang=en", timeout=timeout_s * 1000)
        await wait_idle(page, timeout_s * 1000)
    finally:
        await context.close()


async def drive(url: str, plan: list[tuple[int, int, list[Picture]]], everyone: list[Picture],
                timeout_s: float, worker_urls: list[str]) -> list[Sample]:
    from playwright.async_api import async_playwright

    samples: list[Sample] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for worker in worker_urls:
                await warm_worker(browser, worker, timeout_s)
            # Warm-up (not counted): the first page load compiles nothing, but the first classification
            # in a fresh process pays for loading the weights and first-touch allocations.
            warm = await run_round(browser, url, [everyone[-1]], everyone, 1, 0, timeout_s)
            print(f"  warm-up: {warm[0].seconds or float('nan'):.2f} s, ok={warm[0].ok} {warm[0].problem}", flush=True)
            for n, rnd, pictures in plan:
                got = await run_round(browser, url, pictures, everyone, n, rnd, timeout_s)
                ok = sum(s.ok for s in got)
                times = [s.seconds for s in got if s.seconds is not None]
                print(f"  N={n:2d} round {rnd}: {ok}/{n} ok, "
                      f"time-to-result {min(times, default=float('nan')):.2f}..{max(times, default=float('nan')):.2f} s",
                      flush=True)
                for s in got:
                    if not s.ok:
                        print(f"    session {s.session} ({s.picture}): {s.problem}", flush=True)
                samples += got
        finally:
            await browser.close()
    return samples


def report(samples: list[Sample], sizes: list[int], label: str) -> str:
    lines = ["| Setup | N | samples | p50 (s) | p95 (s) | max (s) | forward pass, median (ms) "
             "| wrong or mixed results | failures |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        mine = [s for s in samples if s.n == n]
        times = [s.seconds for s in mine if s.seconds is not None]
        wrong = sum(1 for s in mine if s.seconds is not None and not s.ok)
        failed = sum(1 for s in mine if s.seconds is None)
        forwards = [s.forward_ms for s in mine if s.forward_ms is not None]
        fwd = f"{statistics.median(forwards):.0f}" if forwards else "?"
        lines.append(f"| {label} | {n} | {len(mine)} | {percentile(times, 50):.2f} | {percentile(times, 95):.2f} | "
                     f"{max(times, default=float('nan')):.2f} | {fwd} | {wrong} | {failed} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=0, help="0: one streamlit process; N >= 1: N workers behind nginx")
    parser.add_argument("--url", default=None, help="test this running server instead of starting one")
    parser.add_argument("--sizes", default="1,5,10", help="concurrent sessions per step (default 1,5,10)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per size (N=1 gets one more)")
    parser.add_argument("--threads", type=int, default=None, help="GOOGLENET_THREADS for the server(s)")
    parser.add_argument("--timeout", type=float, default=240, help="seconds any one wait may take")
    parser.add_argument("--json", type=Path, default=None, help="also write the samples here")
    parser.add_argument("--keep", action="store_true", help="keep the pictures, checkpoint and nginx logs")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if not Path(CHROMIUM).exists():
        print(f"load test: {CHROMIUM} is missing (make system-deps as root installs it)")
        return 2

    plan_sizes = [(n, r) for n in sizes for r in range(1, args.rounds + (2 if n == 1 else 1))]
    count = sum(n for n, _ in plan_sizes) + 1                  # +1: the warm-up picture
    work = Path(tempfile.mkdtemp(prefix="googlenet-load-"))
    if not args.keep:
        import atexit
        import shutil

        atexit.register(shutil.rmtree, work, ignore_errors=True)
    t0 = time.perf_counter()
    pictures = make_pictures(work, count)
    checkpoint = work / "googlenet-load-test.pth"
    make_checkpoint(pictures, checkpoint)
    print(f"load test: {count} pictures with {count} different expected top-1 classes, checkpoint {checkpoint} "
          f"({time.perf_counter() - t0:.1f} s to prepare)", flush=True)
    plan, used = [], 0
    for n, r in plan_sizes:
        plan.append((n, r, pictures[used:used + n]))
        used += n

    env = {"GOOGLENET_WEIGHTS": str(checkpoint)}
    if args.threads:
        env["GOOGLENET_THREADS"] = str(args.threads)
    server = deployment = None
    if args.url:
        url, label = args.url.rstrip("/"), f"{args.url}"
        print("load test: NOTE: an external server must run with GOOGLENET_WEIGHTS pointing at the checkpoint "
              "above, or every result will be reported wrong")
    elif args.workers >= 1:
        from serve import Deployment

        deployment = Deployment(workers=args.workers, port=_free_port(), env=env, threads=args.threads).start()
        url, label = deployment.url, f"nginx + {args.workers} workers"
    else:
        sys.path.insert(0, str(ROOT / "tests"))
        from browser_helpers import start_server

        server = start_server(ROOT, env={**os.environ, **env})
        url, label = server.url, "direct (1 process)"
    print(f"load test: {label} at {url}; sizes {sizes}; {args.rounds} round(s) each "
          f"(N=1: {args.rounds + 1}); GOOGLENET_THREADS={env.get('GOOGLENET_THREADS', 'default')}", flush=True)
    try:
        workers = ([f"http://127.0.0.1:{p}" for p in deployment.worker_ports] if deployment is not None else [url])
        samples = asyncio.run(drive(url, plan, pictures, args.timeout, workers))
    finally:
        if server is not None:
            from browser_helpers import stop_server

            stop_server(server)
        if deployment is not None:
            deployment.stop()
    split = 0
    if deployment is not None:
        text, split = affinity_summary(deployment.run_dir / "access.log")
        print(text)
        if not args.keep:
            deployment.cleanup()
    table = report(samples, sizes, label)
    print()
    print(table)
    if args.json:
        args.json.write_text(json.dumps([s.__dict__ for s in samples], indent=1))
    bad = [s for s in samples if not s.ok]
    mixed = [s for s in samples if s.seconds is not None and not s.ok]
    print(f"\nsessions that showed another session's picture or result, or a wrong result: {len(mixed)}; "
          f"failed (timeout/error): {len(bad) - len(mixed)}")
    return 1 if bad or split else 0


def affinity_summary(log: Path) -> tuple[str, int]:
    """From nginx's access log: did every affinity key (browser) stay on one worker, and how were they spread?"""
    from collections import Counter, defaultdict

    if not log.exists():
        return "  (no nginx access log)", 0
    routes: dict[str, set[str]] = defaultdict(set)
    streams: Counter = Counter()
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) < 6 or parts[2] == "-":
            continue
        key, upstream, uri = parts[1], parts[2], parts[5]
        routes[key].add(upstream)
        if uri == "/_stcore/stream":
            streams[upstream] += 1
    split = [k for k, ups in routes.items() if len(ups) > 1]
    spread = ", ".join(f"{u}: {n}" for u, n in sorted(streams.items()))
    return (f"  nginx: {len(routes)} affinity keys (browsers); {len(split)} of them reached more than one worker; "
            f"WebSocket sessions per worker: {spread}"), len(split)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
