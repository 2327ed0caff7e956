"""googlenet.runtime.inference (top-k classification) and googlenet.labels_zh (Chinese class names)."""
from __future__ import annotations

import math
import threading
import time
from pathlib import Path

import pytest
import torch
import torchvision
from PIL import Image

from googlenet.features import capture_branches
from googlenet.runtime.hooks import has_hooks
from googlenet.images import load_image, preprocessed_crop, to_batch
from googlenet.runtime.inference import Prediction, classify, image_fingerprint, model_fingerprint, top_k
from googlenet.labels_zh import LABELS_ZH
from googlenet.weights import display_name, imagenet_labels, labels, load_pretrained

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@pytest.fixture(scope="module")
def model(fake_weights_file):
    return load_pretrained(fake_weights_file, download=False)


@pytest.fixture(scope="module")
def cat():
    return load_image(ASSETS / "chelsea_cat.jpg")


def test_top5_from_a_checkpoint_file(model, cat):
    prediction = classify(model, cat, k=5)
    assert isinstance(prediction, Prediction)
    assert len(prediction.top) == 5
    names = imagenet_labels()
    probs = prediction.probabilities
    assert probs == sorted(probs, reverse=True)
    assert all(0 < p <= 1 for p in probs) and sum(probs) <= 1 + 1e-6
    for index, name, _ in prediction.top:
        assert 0 <= index < 1000 and name == names[index]
    assert prediction.rest == pytest.approx(1 - sum(probs), abs=1e-6)
    assert prediction.ms > 0 and prediction.preprocess_ms > 0
    assert prediction.crop.size == (224, 224)
    assert list(prediction.crop.getdata()) == list(preprocessed_crop(cat).getdata())


def test_top5_of_a_checkpoint_with_known_answers(fake_weights_file, tmp_path, cat):
    """A checkpoint whose last layer favours five cat classes: the exact classes, order and probabilities."""
    state = torch.load(fake_weights_file, weights_only=True)
    favoured = {281: 5.0, 282: 4.0, 285: 3.0, 283: 2.0, 284: 1.0}
    state["fc.weight"] = torch.zeros_like(state["fc.weight"])
    state["fc.bias"] = torch.zeros(1000)
    for index, logit in favoured.items():
        state["fc.bias"][index] = logit
    path = tmp_path / "cats.pth"
    torch.save(state, path)
    prediction = classify(load_pretrained(path, download=False), cat)
    assert prediction.indices == list(favoured)
    assert [name for _, name, _ in prediction.top] == ["tabby", "tiger cat", "Egyptian cat", "Persian cat",
                                                     "Siamese cat"]
    total = sum(math.exp(v) for v in favoured.values()) + 995
    assert prediction.probabilities == pytest.approx([math.exp(v) / total for v in favoured.values()], rel=1e-5)
    assert prediction.rest == pytest.approx(995 / total, rel=1e-4)
    assert [display_name(i, "zh") for i in prediction.indices][:2] == ["虎斑猫 (tabby)", "虎纹猫 (tiger cat)"]


def test_top5_equals_torchvisions_own_model(fake_weights_file, model, cat):
    """The same checkpoint in torchvision's GoogLeNet gives the same five classes and probabilities."""
    tv = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=False, transform_input=True)
    tv.load_state_dict(torch.load(fake_weights_file, weights_only=True))
    tv.eval()
    with torch.inference_mode():
        probs = torch.softmax(tv(to_batch(cat))[0], dim=0)
    values, indices = probs.topk(5)
    prediction = classify(model, cat)
    assert prediction.indices == indices.tolist()
    assert prediction.probabilities == pytest.approx(values.tolist(), abs=1e-5)


def test_top_k_edges():
    logits = torch.zeros(1000)
    logits[7] = 5.0
    top = top_k(logits, k=3)
    assert top[0][:2] == (7, "cock") and len(top) == 3
    assert len(top_k(logits, k=5000)) == 1000
    assert len(top_k(logits, k=0)) == 1


def test_classify_accepts_any_picture_mode(model):
    grey = Image.new("L", (300, 200), 128)
    assert len(classify(model, grey, k=3).top) == 3


def test_concurrent_classify_and_capture_do_not_mix(model, cat):
    """Sessions share one model: classifying while another thread captures feature maps changes neither."""
    coffee = load_image(ASSETS / "coffee.jpg")
    expected_top = classify(model, cat).indices
    expected_maps = capture_branches(model, to_batch(coffee), ["inception4a"])["inception4a"]["output"]
    errors, tops, maps = [], [], []

    def classifier():
        try:
            for _ in range(4):
                tops.append(classify(model, cat).indices)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def capturer():
        try:
            for _ in range(4):
                maps.append(capture_branches(model, to_batch(coffee), ["inception4a"])["inception4a"]["output"])
        except Exception as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=classifier), threading.Thread(target=capturer)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    assert not errors
    assert tops == [expected_top] * 4
    for m in maps:
        torch.testing.assert_close(m, expected_maps)
    assert not has_hooks(model)


def test_classify_waits_for_another_sessions_hooked_pass(model, cat):
    """A hook that changes outputs (say, an ablation) attached by another session must not touch our result."""
    from googlenet.runtime.hooks import temporary_hooks

    classify(model, cat)   # warm up, then time one pass
    start = time.perf_counter()
    expected = classify(model, cat)
    window = 3 * (time.perf_counter() - start) + 0.5   # long enough for an unguarded pass to run into the hook
    attached, classifying, fired = threading.Event(), threading.Event(), threading.Event()

    def reverse(_m, _i, out):   # turns the ranking upside down
        fired.set()
        return -out

    def other_session():
        with temporary_hooks(model, {"fc": reverse}):
            attached.set()
            classifying.wait(30)
            fired.wait(window)

    worker = threading.Thread(target=other_session)
    worker.start()
    assert attached.wait(30)
    try:
        classifying.set()
        got = classify(model, cat)   # must wait until the other pass is over and its hook is gone
    finally:
        classifying.set()
        worker.join(30)
    assert not fired.is_set(), "our pass ran through another session's hook"
    assert got.indices == expected.indices
    assert not has_hooks(model)


def test_fingerprints():
    a = Image.new("RGB", (10, 10), (1, 2, 3))
    b = Image.new("RGB", (10, 10), (1, 2, 4))
    assert image_fingerprint(a) == image_fingerprint(a.copy()) != image_fingerprint(b)
    assert image_fingerprint(a) != image_fingerprint(Image.new("RGB", (5, 20), (1, 2, 3)))
    m = torch.nn.Linear(1, 1)
    assert model_fingerprint(m, pretrained=False).startswith("untrained:")


# ------------------------------------------------------------------------------ Class names
# (the Chinese table itself: tests/test_labels_zh.py)

def test_display_name_per_language(monkeypatch):
    assert labels()[281] == "tabby"
    assert display_name(281, "en") == "tabby"
    assert display_name(281, "zh") == "虎斑猫 (tabby)"
    monkeypatch.delitem(LABELS_ZH, 0)           # a class without a translation ...
    assert display_name(0, "zh") == "tench"     # ... is shown in English only
