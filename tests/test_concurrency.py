"""A class of 30 on one server process: weights loaded once, passes one at a time, results never mixed.

Everything here goes through the code the pages use: ``ui.models.pretrained_model()`` (the shared,
cached, fast model) and ``googlenet.runtime.inference.classify`` (what app_pages/classify.py calls).
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
import torch
from PIL import Image, ImageOps

import ui.models as models
from googlenet.runtime import serving
from googlenet.runtime.fast import FastGoogLeNet, is_optimized
from googlenet.features import capture_branches
from googlenet.runtime.hooks import has_hooks, temporary_hooks
from googlenet.images import load_image, to_batch
from googlenet.runtime.inference import classify

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SESSIONS = 30


def _pictures(n: int = SESSIONS) -> list[Image.Image]:
    """n different pictures: the four samples, mirrored, flipped, turned and cropped."""
    base = [load_image(ASSETS / f) for f in ("chelsea_cat.jpg", "coffee.jpg", "rocket.jpg", "china_temple.jpg")]
    base = [ImageOps.contain(im, (320, 320)) for im in base]  # small: this test is about sharing, not decoding
    variants = [
        lambda im: im,
        ImageOps.mirror,
        ImageOps.flip,
        lambda im: im.rotate(90, expand=True),
        lambda im: im.crop((0, 0, im.width * 2 // 3, im.height * 2 // 3)),
        lambda im: im.crop((im.width // 3, im.height // 3, im.width, im.height)),
        lambda im: ImageOps.grayscale(im).convert("RGB"),
        lambda im: ImageOps.posterize(im, 3),
    ]
    pictures = [variant(im) for variant in variants for im in base]
    return pictures[:n]


def _run_together(fn, args: list) -> list:
    """fn(arg) for every arg, each in its own thread, all released at the same moment (like a class)."""
    results: list = [None] * len(args)
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(args))

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = fn(args[i])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(args))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    return results


@pytest.fixture(scope="module")
def distinct_weights_file(fake_weights_file) -> Path:
    """The shared test checkpoint: He-initialised, so each picture gets its own probabilities and a
    mix-up between sessions would show."""
    return fake_weights_file


@pytest.fixture
def fresh_cache(distinct_weights_file, monkeypatch):
    monkeypatch.setenv("GOOGLENET_WEIGHTS", str(distinct_weights_file))
    models._pretrained.clear()
    yield distinct_weights_file
    models._pretrained.clear()


def test_weights_load_once_per_process_for_30_sessions(fresh_cache, monkeypatch):
    calls = []
    real = models.load_pretrained

    def counting(*args, **kwargs):
        calls.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(models, "load_pretrained", counting)
    got = _run_together(lambda _: models.pretrained_model(show_problems=False), list(range(SESSIONS)))
    assert len(calls) == 1, f"the weights were loaded {len(calls)} times"
    assert len({id(m) for m in got}) == 1 and got[0] is not None
    assert is_optimized(got[0]) and isinstance(got[0], FastGoogLeNet)

    # Real app sessions (AppTest runs each script in its own session) reuse the same object.
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from ui.models import pretrained_model

        st.write(f"model-id {id(pretrained_model())}")

    for _ in range(3):
        at = AppTest.from_function(script, default_timeout=60).run()
        assert not at.exception
        assert at.markdown[0].value == f"model-id {id(got[0])}"
    assert len(calls) == 1


def test_30_concurrent_classifications_match_a_sequential_run(fresh_cache, monkeypatch):
    model = models.pretrained_model(show_problems=False)
    threads = serving.configure_threads()
    pictures = _pictures()
    sequential = [classify(model, p, k=5) for p in pictures]
    # The pictures must give different answers, or a mix-up could go unnoticed.
    assert len({tuple(round(x, 6) for x in r.probabilities) for r in sequential}) == SESSIONS

    in_flight, peak, seen_threads = [0], [0], set()
    guard = threading.Lock()
    original = FastGoogLeNet.forward

    def watched(self, x):
        if self is not model:  # another model's pass (e.g. a bfloat16 check still running from an earlier test)
            return original(self, x)
        with guard:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
            seen_threads.add(torch.get_num_threads())
        try:
            return original(self, x)
        finally:
            with guard:
                in_flight[0] -= 1

    monkeypatch.setattr(FastGoogLeNet, "forward", watched)
    together = _run_together(lambda p: classify(model, p, k=5), pictures)

    for i, (a, b) in enumerate(zip(sequential, together)):
        assert b.indices == a.indices, f"session {i} got another session's classes"
        assert b.probabilities == pytest.approx(a.probabilities, abs=1e-6), f"session {i}"
    assert peak[0] == 1, f"{peak[0]} forward passes ran at once on {serving.cpu_cores()} cores"
    assert seen_threads == {threads}


def test_hooked_passes_and_plain_passes_do_not_mix(fresh_cache):
    """A feature-map capture in one session while others classify: each sees only its own pass."""
    model = models.pretrained_model(show_problems=False)
    pictures = _pictures(9)
    mine = to_batch(pictures[0])
    expected = capture_branches(model, mine, blocks=["inception3a"])["inception3a"]
    hook_calls = []

    def capture(_):
        # A hook without any thread filter: only the model's lock keeps other passes out of it.
        with temporary_hooks(model, {"inception3a.branch2": lambda m, i, o: hook_calls.append(1)}):
            model(mine)
        got = capture_branches(model, mine, blocks=["inception3a"])["inception3a"]
        return all(torch.equal(got[k], expected[k]) for k in expected)

    jobs = ["capture"] * 3 + pictures[1:]
    results = _run_together(lambda job: capture(job) if job == "capture" else classify(model, job), jobs)
    assert results[:3] == [True] * 3
    assert len(hook_calls) == 3, "a hook fired on another session's forward pass"
    assert not has_hooks(model)


def test_thread_count_is_chosen_on_purpose(monkeypatch):
    before = torch.get_num_threads()
    monkeypatch.setattr(serving, "_configured", None)
    monkeypatch.setenv(serving.THREADS_ENV, "1")
    try:
        assert serving.configure_threads() == 1 and torch.get_num_threads() == 1
        assert serving.configure_threads() == 1  # a second call keeps the choice
        monkeypatch.delenv(serving.THREADS_ENV)
        monkeypatch.setattr(serving, "_configured", None)
        assert serving.configure_threads() == serving.default_threads() == torch.get_num_threads()
        assert serving.default_threads() == max(1, serving.cpu_cores() - 1)
        assert serving.default_threads(processes=3) >= 1
    finally:
        monkeypatch.setattr(serving, "_configured", None)
        torch.set_num_threads(before)


def test_micro_batcher_gives_each_caller_its_own_rows(fresh_cache):
    model = models.pretrained_model(show_problems=False)
    batches = [to_batch(p) for p in _pictures(12)]
    expected = [serving.predict(model, b) for b in batches]
    batcher = serving.MicroBatcher(model, max_batch=4)
    try:
        got = _run_together(batcher.predict, batches)
    finally:
        batcher.close()
    for e, g in zip(expected, got):
        torch.testing.assert_close(g, e, atol=1e-4, rtol=1e-4)
        assert torch.equal(g.argmax(1), e.argmax(1))
    assert sum(batcher.batch_sizes) == 12 and max(batcher.batch_sizes) <= 4


def test_shared_batching_entry_point_matches_one_pass_per_request(fresh_cache):
    """serving.infer: 30 sessions at once share passes, and each gets exactly its own answer."""
    from googlenet.runtime.inference import top_k

    model = models.pretrained_model(show_problems=False)
    batches = [to_batch(p) for p in _pictures()]
    expected = [top_k(serving.predict(model, b)[0], 5) for b in batches]
    got = _run_together(lambda b: serving.infer(model, b), batches)
    for i, (e, g) in enumerate(zip(expected, got)):
        top = top_k(g.logits[0], 5)
        assert [c for c, _, _ in top] == [c for c, _, _ in e], f"session {i}"
        assert [p for _, _, p in top] == pytest.approx([p for _, _, p in e], abs=1e-5), f"session {i}"
    assert max(g.batch_size for g in got) > 1   # passes really were shared
    assert serving.infer(model, batches[0]).batch_size == 1   # a lone request runs alone
