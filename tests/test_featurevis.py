"""Feature visualisation (googlenet.featurevis): planted detectors, truncation, the lock, the cache, jobs, the CLI."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest
import torch
from PIL import Image

from featurevis_planted import colour_network, edge_network, photo_with_square
from googlenet.featurevis import (FourierImage, Settings, Target, VisCache, angle_difference, diversity_penalty,
                                  dominant_orientation, render, render_part, start_render, strongest_patches,
                                  truncated_copy, visualise)
from googlenet.featurevis.__main__ import channel_list, main as cli_main
from googlenet.featurevis.measure import dominant_colour
from googlenet.images import preprocessed_crop
from googlenet.model import GoogLeNet, he_init
from googlenet.runtime.hooks import model_lock

QUICK = Settings(steps=96, size=64)          # enough for a planted detector, well under a second
TARGET = Target("inception3a", "branch1", 5)


@pytest.fixture(scope="module")
def random_net() -> GoogLeNet:
    torch.manual_seed(0)
    return he_init(GoogLeNet(variant="torchvision", aux_logits=False, transform_input=True)).eval()


# ------------------------------------------------------------------------------------------- planted detectors

@pytest.mark.parametrize("angle", [30, 120])
def test_planted_edge_detector_gets_its_orientation(angle):
    vis = visualise(edge_network(angle), TARGET, QUICK)
    found, strength = dominant_orientation(vis.pictures[0])
    assert angle_difference(found, angle) <= 15, (found, angle)
    assert strength > 0.1


@pytest.mark.parametrize("rgb, index", [((1, 0, 0), 0)])
def test_planted_colour_detector_paints_its_colour(rgb, index):
    vis = visualise(colour_network(rgb), TARGET, Settings(steps=128, size=64))
    dominant, shares = dominant_colour(vis.pictures[0])
    assert dominant == index, shares
    assert shares[index] > 2 * max(s for i, s in enumerate(shares) if i != index) + 0.02, shares


def test_planted_detector_finds_the_patch_with_its_pattern():
    model = colour_network((1, 0, 0), awake=False)
    at, side = (60, 150), 24
    photos = [Image.new("RGB", (256, 256), (128, 128, 128)), Image.fromarray(photo_with_square(at=at, square=side))]
    patches = strongest_patches(model, photos, TARGET, k=3, per_photo=1)
    best = patches[0]
    assert best.photo == 1 and all(p.photo == 1 for p in patches)   # the grey photo never excites it
    # Where the square lies in the 224 x 224 crop the network saw (found in the crop itself).
    crop = np.asarray(preprocessed_crop(photos[1])).astype(int)
    ys, xs = np.nonzero((crop[..., 0] - crop[..., 1]) > 60)
    cx, cy = xs.mean() + 0.5, ys.mean() + 0.5
    x0, y0, x1, y1 = best.box
    assert x0 <= cx < x1 and y0 <= cy < y1                                           # the square is in its field
    assert np.hypot(best.centre[0] - cx, best.centre[1] - cy) <= side, (best.centre, (cx, cy))
    red = np.asarray(best.crop).astype(int)
    assert ((red[..., 0] - red[..., 1]) > 60).sum() >= len(xs) / 2                  # the crop shows the square


# ------------------------------------------------------------------------------------------- the optimiser

def test_fourier_image_is_a_valid_picture():
    with torch.no_grad():
        image = FourierImage(40, batch=2, generator=torch.Generator().manual_seed(0))()
    assert image.shape == (2, 3, 40, 40) and 0 <= float(image.min()) and float(image.max()) <= 1
    assert abs(float(image.mean()) - 0.5) < 0.05     # starts as faint noise around grey


def test_diversity_penalty():
    x = torch.rand(1, 4, 3, 3)
    assert float(diversity_penalty(x)) == 0.0
    assert float(diversity_penalty(x.expand(3, 4, 3, 3))) == pytest.approx(2.0)   # identical: every pair counts 1
    apart = torch.zeros(2, 2, 1, 1)
    apart[0, 0] = apart[1, 1] = 1
    assert float(diversity_penalty(apart)) == 0.0


def test_diversity_gives_different_pictures(random_net):
    vis = visualise(random_net, Target("inception3a", "branch2", 1), Settings(steps=24, size=48, images=3))
    assert vis.pictures.shape == (3, 48, 48, 3)
    a, b, c = (p.astype(float) for p in vis.pictures)
    assert np.abs(a - b).mean() > 5 and np.abs(b - c).mean() > 5


def test_objective_rises(random_net):
    vis = visualise(random_net, Target("inception3a", "output", 70), Settings(steps=40, size=64))
    assert vis.complete and vis.steps_done == 40
    assert np.mean(vis.history[-5:]) > np.mean(vis.history[:5]) + 0.1


def test_channel_out_of_range(random_net):
    with pytest.raises(ValueError, match="64 channels"):
        visualise(random_net, Target("inception3a", "branch1", 64), Settings(steps=1, size=32))


# ------------------------------------------------------------------------------------------- truncation, lock

def test_truncated_copy_runs_only_up_to_the_target(random_net):
    net = truncated_copy(random_net, Target("inception3a", "branch2", 0))
    stages = [name for name, _ in random_net.stages()]
    assert net.names == tuple(stages[:stages.index("inception3a") + 1])
    ran: list[str] = []
    handles = [m.register_forward_hook(lambda *_a, n=n: ran.append(n)) for n, m in random_net.named_modules() if n]
    try:
        out = net(torch.rand(1, 3, 64, 64))
    finally:
        for h in handles:
            h.remove()
    assert ran == []                     # the shared model itself never runs
    assert out.shape == (1, 128, 8, 8)   # branch2 of 3a only: 128 channels
    names = {n.split(".")[0] for n, _ in net.stages.named_children()}
    assert len(names) == len(net.names) - 1
    assert not any(isinstance(m, type(random_net.inception3b)) for m in net.stages)   # no later block inside
    late = truncated_copy(random_net, Target("inception4e", "output", 0))
    assert "inception4e" in late.names and "inception5a" not in late.names and "maxpool4" not in late.names


def test_the_shared_model_lock_stays_free_while_optimising(random_net):
    free: list[bool] = []

    def progress(done, total, value):
        if done == 3:
            result: list[bool] = []

            def probe_lock():   # what another session's classification does: take the lock for one pass
                lock = model_lock(random_net)
                result.append(lock.acquire(timeout=0.5))
                if result[0]:
                    lock.release()

            probe = threading.Thread(target=probe_lock)
            probe.start()
            probe.join()
            free.append(result[0])
            free.append(torch.get_num_threads() == 1)

    visualise(random_net, Target("inception3a", "branch1", 0), Settings(steps=5, size=32), progress=progress)
    assert free == [True, True]    # another thread may run a pass; the optimiser runs on one thread


# ------------------------------------------------------------------------------------------- cache and jobs

class CountingOptimiser:
    def __init__(self):
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return visualise(*args, **kwargs)


def test_second_request_is_served_from_disk(random_net, tmp_path):
    cache, optimiser = VisCache(tmp_path), CountingOptimiser()
    target, settings = Target("inception3a", "branch3", 2), Settings(steps=4, size=32, images=2)
    first = render(random_net, "w1", target, settings, cache, optimiser=optimiser)
    second = render(random_net, "w1", target, settings, cache, optimiser=optimiser)
    assert optimiser.calls == 1 and not first.from_cache and second.from_cache
    assert np.array_equal(first.pictures, second.pictures)
    assert second.objective == pytest.approx(first.objective)
    render(random_net, "w2", target, settings, cache, optimiser=optimiser)              # other weights
    render(random_net, "w1", target, Settings(steps=5, size=32, images=2), cache, optimiser=optimiser)
    assert optimiser.calls == 3
    grid = render_part(random_net, "w1", "inception3a", "branch3", [2, 3], settings, cache, optimiser=optimiser)
    assert [v.from_cache for v in grid] == [True, False] and optimiser.calls == 4


def test_background_job_stops_and_is_not_cached(random_net, tmp_path):
    cache = VisCache(tmp_path)
    settings = Settings(steps=10_000, size=32)
    job = start_render(random_net, "w", TARGET, settings, cache)
    assert start_render(random_net, "w", TARGET, settings, cache) is job    # same work: the same job
    while job.steps_done < 2 and not job.done:
        job.wait(0.05)
    job.stop()                           # one of the two requests stops: it goes on for the other
    job.wait(0.3)
    assert not job.done
    job.stop()
    assert job.wait(30) and job.error is None
    assert job.result.stopped and 0 < job.result.steps_done < settings.steps
    assert not cache.has("w", TARGET, settings)


def test_cli_precomputes_into_the_cache(tmp_path, capsys):
    assert cli_main(["--block", "inception3a", "--branch", "4", "--channels", "0-1", "--steps", "2", "--size", "32",
                     "--untrained", "--cache", str(tmp_path)]) == 0
    assert len(list(tmp_path.rglob("*.png"))) == 2 and "2 channel(s)" in capsys.readouterr().err
    assert channel_list("3,7,9-11", 32) == [3, 7, 9, 10, 11] and channel_list("all", 4) == [0, 1, 2, 3]
    with pytest.raises(ValueError):
        channel_list("30-40", 32)


def test_requests_wait_for_a_free_slot(random_net, tmp_path, monkeypatch):
    from googlenet.featurevis import jobs
    monkeypatch.setattr(jobs, "_slots", threading.BoundedSemaphore(1))
    cache = VisCache(tmp_path)
    long = start_render(random_net, "w", Target("inception3a", "branch1", 1), Settings(steps=10_000, size=32), cache)
    while long.steps_done < 1:
        long.wait(0.02)
    waiting = start_render(random_net, "w", Target("inception3a", "branch1", 2), Settings(steps=3, size=32), cache)
    time.sleep(0.3)
    assert waiting.queued and waiting.steps_done == 0 and not waiting.done    # the one slot is taken
    long.stop()
    assert waiting.wait(30) and waiting.result.complete and not waiting.queued
    stopped = start_render(random_net, "w", Target("inception3a", "branch1", 3), Settings(steps=10_000, size=32),
                           cache)
    while stopped.steps_done < 1:      # it holds the slot before the next one asks (a busy machine is slow to start)
        stopped.wait(0.02)
    queued = start_render(random_net, "w", Target("inception3a", "branch1", 4), Settings(steps=5, size=32), cache)
    time.sleep(0.2)
    queued.stop()                                                              # stopped while it waits
    assert queued.wait(30) and queued.result.stopped and len(queued.result.pictures) == 0
    stopped.stop()
    assert stopped.wait(30)
