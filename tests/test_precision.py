"""bfloat16 for plain classification (googlenet.runtime.precision): the bf16 copy, the start-up agreement check
on the test checkpoint, the fallbacks to float32, and the Classify page saying which precision ran (EN + ZH)."""
from __future__ import annotations

import weakref

import pytest
import torch

from apptest_helpers import goto, open_app, rerun
from googlenet.blocks import ConvBlock
from googlenet.i18n import t
from googlenet.images import load_image
from googlenet.runtime import precision as precision_module
from googlenet.runtime.fast import FastGoogLeNet, Float32AveragePool, FusedConvBlock, optimize_for_inference
from googlenet.runtime.hooks import has_hooks, model_lock, temporary_hooks
from googlenet.runtime.inference import classify, precision_of
from googlenet.runtime.precision import (CHECK_PICTURES, MIN_TOP1_AGREEMENT, AgreementCheck, Precision,
                                         has_native_bf16, precision_for, sample_photos, varied_pictures)
from googlenet.weights import load_pretrained

CLASSIFY = "app_pages/classify.py"
PASSING = AgreementCheck(samples=4, samples_top5_equal=4, pictures=200, top1_agreeing=199, seconds=0.1)
FAILING = AgreementCheck(samples=4, samples_top5_equal=3, pictures=200, top1_agreeing=185, seconds=0.1)


@pytest.fixture(scope="module")
def fast(fake_weights_file):
    """The app's float32 model: the test checkpoint, optimized as ui.models does it."""
    return optimize_for_inference(load_pretrained(fake_weights_file, download=False), inplace=True)


@pytest.fixture(scope="module")
def bf16(fast):
    return optimize_for_inference(fast, dtype=torch.bfloat16)


@pytest.fixture
def fresh_registry(monkeypatch):
    """A process without any Precision yet (the app's one lives as long as its model)."""
    monkeypatch.setattr(precision_module, "_precisions", weakref.WeakKeyDictionary())


def relative_error(got: torch.Tensor, expected: torch.Tensor) -> float:
    centred = expected - expected.mean(dim=1, keepdim=True)
    return float(((got - expected).norm(dim=1) / centred.norm(dim=1)).max())


# ------------------------------------------------------------------------------ the bfloat16 copy

def test_bf16_copy_computes_in_bf16_and_answers_in_float32(fast, bf16):
    photos = sample_photos()
    with torch.inference_mode():
        expected, got = fast(photos), bf16(photos)
    assert isinstance(bf16, FastGoogLeNet) and bf16.compute_dtype == torch.bfloat16
    assert got.dtype == torch.float32 and got.shape == expected.shape == (4, 1000)
    # ~3 significant digits per layer: the logits keep about 2 (0.5% measured on this checkpoint).
    assert relative_error(got, expected) < 0.02
    assert precision_of(bf16) == "bfloat16" and precision_of(fast) == "float32"


def test_bf16_copy_keeps_the_modules_and_a_float32_head(fast, bf16):
    assert [n for n, _ in bf16.named_modules()] == [n for n, _ in fast.named_modules()]
    convs = [m.conv for m in bf16.modules() if isinstance(m, ConvBlock)]
    assert convs and all(c.weight.dtype == torch.bfloat16 for c in convs)
    assert all(c.weight.is_contiguous(memory_format=torch.channels_last) for c in convs)
    assert isinstance(bf16.avgpool, Float32AveragePool) and bf16.fc.weight.dtype == torch.float32
    # The float32 original is untouched: still float32, still fused.
    assert fast.compute_dtype == torch.float32 and not isinstance(fast.avgpool, Float32AveragePool)
    assert all(m.conv.weight.dtype == torch.float32 for m in fast.modules() if isinstance(m, ConvBlock))


def test_bf16_copy_runs_fused_where_the_cpu_has_bf16(bf16):
    if not has_native_bf16():
        pytest.skip("no native bfloat16 on this CPU: the app never uses the bf16 copy here")
    fused = [m for m in bf16.modules() if isinstance(m, FusedConvBlock) and m.packed() is not None]
    assert len(fused) == 57
    assert fused[0].packed().dtype == torch.bfloat16


def test_hooks_still_fire_on_the_bf16_copy(bf16):
    seen = {}
    with temporary_hooks(bf16, {"inception4a": lambda m, i, o: seen.setdefault("out", o)}), torch.inference_mode():
        bf16(sample_photos()[:1])
    assert seen["out"].shape == (1, 512, 14, 14) and seen["out"].dtype == torch.bfloat16
    assert not has_hooks(bf16)


# ------------------------------------------------------------------------------ the check pictures

def test_varied_pictures_are_200_different_seeded_crops():
    pictures = varied_pictures()
    assert pictures.shape == (CHECK_PICTURES, 3, 224, 224) and pictures.dtype == torch.float32
    assert torch.equal(pictures, varied_pictures.__wrapped__())        # seeded: the same every time
    flat = pictures.flatten(1)
    assert torch.unique(flat, dim=0).shape[0] == CHECK_PICTURES  # no two alike
    # Normalised like the app's own preprocessing: channels roughly centred, not a [0, 1] picture.
    assert flat.min() < -1 and flat.max() > 1


def test_the_check_leaves_the_global_random_state_alone():
    before = torch.random.get_rng_state()
    varied_pictures.__wrapped__(8, seed=3)
    assert torch.equal(torch.random.get_rng_state(), before)


# ------------------------------------------------------------------------------ the agreement check

def test_agreement_check_on_the_test_checkpoint(fast):
    if not has_native_bf16():
        pytest.skip("no native bfloat16 on this CPU: the check is not run (test_fallback_without_native_bf16)")
    precision = Precision(fast, background=False)
    check = precision.check
    assert precision.state in ("bfloat16", "disagrees"), precision.error
    assert check.samples == 4 and check.pictures == CHECK_PICTURES
    assert 0 <= check.samples_top5_equal <= 4 and 0 <= check.top1_agreeing <= CHECK_PICTURES
    # bf16 keeps ~3 digits: most answers agree even on a random network whose classes are near ties.
    assert check.top1_agreement > 0.8
    assert check.passed == (check.samples_top5_equal == 4 and check.top1_agreement >= MIN_TOP1_AGREEMENT)
    # The rule: bfloat16 exactly when the check passed, float32 otherwise.
    if check.passed:
        assert precision.state == "bfloat16" and precision_of(precision.model()) == "bfloat16"
    else:
        assert precision.state == "disagrees" and precision.model() is fast and precision.bf16_model is None
    print(f"bf16 vs float32 on the test checkpoint: top-5 equal on {check.samples_top5_equal}/{check.samples} "
          f"samples, top-1 agrees on {check.top1_agreeing}/{check.pictures} ({check.seconds:.1f} s)")


def test_fallback_without_native_bf16(fast, monkeypatch):
    monkeypatch.setattr(precision_module, "_cpu_flags", lambda: {"avx2", "fma"})
    assert not has_native_bf16()
    precision = Precision(fast)
    assert precision.state == "no_bf16" and precision.check is None
    assert precision.wait(0).model() is fast


def test_fallback_when_the_check_fails(fast, monkeypatch):
    monkeypatch.setattr(precision_module, "has_native_bf16", lambda: True)
    monkeypatch.setattr(precision_module, "compare", lambda fp32, bf16: FAILING)
    precision = Precision(fast, background=False)
    assert precision.state == "disagrees" and precision.check is FAILING and not FAILING.passed
    assert precision.model() is fast and precision.bf16_model is None


def test_fallback_when_the_check_cannot_run(fast, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no bf16 kernels")

    monkeypatch.setattr(precision_module, "has_native_bf16", lambda: True)
    monkeypatch.setattr(precision_module, "optimize_for_inference", broken)
    precision = Precision(fast, background=False)
    assert precision.state == "error" and "no bf16 kernels" in precision.error
    assert precision.model() is fast


def test_a_passed_check_classifies_in_bf16_under_the_same_lock(fast, monkeypatch, fresh_registry):
    monkeypatch.setattr(precision_module, "has_native_bf16", lambda: True)
    monkeypatch.setattr(precision_module, "compare", lambda fp32, bf16: PASSING)
    precision = precision_for(fast).wait(300)
    assert precision_for(fast) is precision            # once per model and process
    assert precision.state == "bfloat16"
    model = precision.model()
    assert model is not fast and precision_of(model) == "bfloat16"
    assert model_lock(model) is model_lock(fast)         # one pass at a time on the cores, either precision
    cat = load_image(precision_module.SAMPLE_PHOTOS / "chelsea_cat.jpg")
    prediction = classify(model, cat)
    assert prediction.precision == "bfloat16" and len(prediction.top) == 5
    assert classify(fast, cat).precision == "float32"


def test_a_precision_does_not_keep_its_model_alive(fake_weights_file, monkeypatch, fresh_registry):
    import gc

    monkeypatch.setattr(precision_module, "has_native_bf16", lambda: False)
    model = load_pretrained(fake_weights_file, download=False)
    precision_for(model)
    gone = weakref.ref(model)
    del model
    gc.collect()
    assert gone() is None and len(precision_module._precisions) == 0


# ------------------------------------------------------------------------------ the Classify page

def classify_page(lang: str):
    """The Classify page once the start-up check (started by the page's model) has finished."""
    at = goto(open_app(lang), CLASSIFY)
    for precision in list(precision_module._precisions.values()):
        precision.wait(300)
    return rerun(at)


def captions_text(at) -> str:
    return "\n".join(c.value for c in at.caption)


def precision_shown(at) -> str:
    """The precision the page says it computed in (its caption names it in bold, in either language)."""
    names = {name for name in ("bfloat16", "float32") if f"**{name}**" in captions_text(at)}
    assert len(names) == 1, captions_text(at)
    return names.pop()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_classify_page_says_bfloat16_after_a_passed_check(lang, with_weights, monkeypatch, fresh_registry):
    monkeypatch.setattr(precision_module, "has_native_bf16", lambda: True)
    monkeypatch.setattr(precision_module, "compare", lambda fp32, bf16: PASSING)
    at = classify_page(lang)
    assert precision_shown(at) == "bfloat16"
    assert t("classify.precision.bfloat16", lang=lang, samples=4, pictures=200, agree=199,
             share=PASSING.top1_agreement, need=MIN_TOP1_AGREEMENT) in captions_text(at)
    assert len(at.dataframe[0].value) == 5


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_classify_page_says_float32_without_native_bf16(lang, with_weights, monkeypatch, fresh_registry):
    monkeypatch.setattr(precision_module, "has_native_bf16", lambda: False)
    at = classify_page(lang)
    assert precision_shown(at) == "float32"
    assert t("classify.precision.no_bf16", lang=lang) in captions_text(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_classify_page_says_float32_after_a_failed_check(lang, with_weights, monkeypatch, fresh_registry):
    monkeypatch.setattr(precision_module, "has_native_bf16", lambda: True)
    monkeypatch.setattr(precision_module, "compare", lambda fp32, bf16: FAILING)
    at = classify_page(lang)
    assert precision_shown(at) == "float32"
    assert t("classify.precision.disagrees", lang=lang, samples=4, top5=3, pictures=200, agree=185,
             share=FAILING.top1_agreement, need=MIN_TOP1_AGREEMENT) in captions_text(at)
