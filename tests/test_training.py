"""The training lab's package side: data, models, the paper's loss, reproducibility, checkpoints, uploads."""
from __future__ import annotations

import io
import pickle
import threading
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw

from googlenet.blocks import Inception
from googlenet.digits import (
    AUX_WEIGHT, TRAIN_THREADS, CheckpointError, DigitsGoogLeNet, FinishedRun, RunCurves, SeedMNISTNet, TrainConfig, Trainer, aux_taps,
    build_model, compare_aux, digit_from_image, evaluate, gradient_verdict, load_checkpoint, load_digits_split,
    count_parameters, paper_loss, predict_proba, save_checkpoint, settings_parameters, smooth, subset, tail_mean,
    train_to_end, worst_confusion,
)
from googlenet.errors import LocalisedError
from googlenet.runtime.serving import process_threads


@pytest.fixture(scope="module")
def data():
    return load_digits_split()


@pytest.fixture(scope="module")
def tiny(data):
    return subset(data, 128, 64)


def run_losses(config: TrainConfig, data) -> tuple[list[float], list[dict], Trainer]:
    trainer = Trainer(config, data)
    reports = list(trainer.run())
    return [r.loss for r in reports], [r.grad_norms for r in reports], trainer


# ---------------------------------------------------------------- data

def test_digits_ship_offline_with_a_fixed_split(data):
    assert data.sizes == (1437, 360)
    assert data.x_train.shape == (1437, 1, 8, 8) and data.x_train.dtype == torch.float32
    assert float(data.x_train.min()) == 0.0 and float(data.x_train.max()) == 16.0
    # Stratified: every digit in both halves, and the split never changes between calls.
    assert set(data.y_test.tolist()) == set(range(10))
    load_digits_split.cache_clear()
    again = load_digits_split()
    assert torch.equal(again.y_test, data.y_test) and torch.equal(again.x_test, data.x_test)


# ---------------------------------------------------------------- models

def test_small_googlenet_uses_the_inception_class_and_aux_taps():
    model = DigitsGoogLeNet(depth=3, aux=True)
    assert all(isinstance(getattr(model, f"inception{i}"), Inception) for i in (1, 2, 3))
    assert model.taps == (1, 2) and set(model.aux_heads) == {"aux1", "aux2"}
    assert aux_taps(9) == (3, 6)  # GoogLeNet's 4a and 4d are the 3rd and 6th of nine blocks
    assert aux_taps(1) == ()
    model.train()
    out = model(torch.zeros(4, 1, 8, 8))
    assert out.logits.shape == (4, 10) and len(out.aux) == 2 and all(a.shape == (4, 10) for a in out.aux)
    model.eval()
    assert model(torch.zeros(4, 1, 8, 8)).shape == (4, 10)  # eval: logits only, aux heads unused
    assert [name for name, _ in model.blocks()] == ["stem", "inception1", "inception2", "inception3", "fc"]
    no_bn = build_model(depth=2, aux=False, batch_norm=False)
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in no_bn.modules())


def test_seed_mnist_net_keeps_the_published_sizes():
    model = SeedMNISTNet().eval()
    assert model.fc.in_features == 88 * 4 * 4 == 1408
    seen = {}
    model.incep1.register_forward_hook(lambda m, i, o: seen.update(incep1=o.shape))
    model.incep2.register_forward_hook(lambda m, i, o: seen.update(incep2=o.shape))
    assert model(torch.zeros(2, 1, 8, 8)).shape == (2, 10)
    assert seen["incep1"] == (2, 88, 12, 12) and seen["incep2"] == (2, 88, 4, 4)
    # The article's bug (3x3 branch fed from branch5x5_1) is fixed: branch3x3_1 is really used.
    x = torch.randn(1, 10, 12, 12)
    before = model.incep1(x)
    with torch.no_grad():
        model.incep1.branch3x3_1.weight.add_(1.0)
    assert not torch.allclose(before[:, 40:64], model.incep1(x)[:, 40:64])


# ---------------------------------------------------------------- the paper's loss

def test_loss_is_main_plus_0_3_times_each_aux(data):
    model = build_model(depth=3, aux=True, seed=1).train()
    x, y = data.x_train[:32], data.y_train[:32]
    out = model(x)
    parts = paper_loss(out.logits, out.aux, y)
    main = F.cross_entropy(out.logits, y)
    aux1, aux2 = (F.cross_entropy(a, y) for a in out.aux)
    assert AUX_WEIGHT == 0.3
    assert torch.allclose(parts.main, main)
    assert torch.allclose(parts.aux[0], aux1) and torch.allclose(parts.aux[1], aux2)
    assert torch.allclose(parts.total, main + 0.3 * (aux1 + aux2))
    assert float(parts.total.detach()) > float(parts.main.detach())  # the aux losses really are in the total

    plain = build_model(depth=3, aux=False, seed=1).train()
    out = plain(x)
    assert out.aux == ()
    parts = paper_loss(out.logits, out.aux, y)
    assert parts.aux == () and torch.equal(parts.total, parts.main)


def test_reports_carry_the_loss_composition(tiny):
    with_aux = list(Trainer(TrainConfig(depth=3, aux=True, max_steps=3, batch_size=32), tiny).run())
    for r in with_aux:
        assert len(r.aux_losses) == 2
        assert r.loss == pytest.approx(r.main_loss + 0.3 * sum(r.aux_losses), rel=1e-5)
    without = list(Trainer(TrainConfig(depth=3, aux=False, max_steps=3, batch_size=32), tiny).run())
    assert all(r.aux_losses == () and r.loss == r.main_loss for r in without)
    assert set(with_aux[0].grad_norms) == {"stem", "inception1", "inception2", "inception3", "fc"}


# ---------------------------------------------------------------- training

def test_loss_goes_down_on_a_tiny_subset(tiny):
    losses, norms, trainer = run_losses(TrainConfig(depth=2, aux=False, epochs=8, batch_size=32, lr=1e-2), tiny)
    assert len(losses) == trainer.total_steps == 8 * 4
    assert np.mean(losses[-4:]) < 0.5 * np.mean(losses[:4])
    assert all(all(np.isfinite(v) and v > 0 for v in n.values()) for n in norms)


def test_seeded_runs_are_reproducible(tiny):
    config = TrainConfig(depth=2, aux=True, epochs=2, batch_size=32, seed=7)
    a, norms_a, ta = run_losses(config, tiny)
    b, norms_b, tb = run_losses(config, tiny)
    assert a == b and norms_a == norms_b
    for pa, pb in zip(ta.model.parameters(), tb.model.parameters()):
        assert torch.equal(pa, pb)
    c, _, _ = run_losses(config.with_(seed=8), tiny)
    assert c != a


def test_max_steps_and_test_accuracy_at_epoch_ends(tiny):
    reports = list(Trainer(TrainConfig(depth=1, aux=False, epochs=3, batch_size=64, max_steps=5), tiny).run())
    assert [r.step for r in reports] == [1, 2, 3, 4, 5]
    # 128 digits / 64 = 2 steps per epoch: the test set is measured after steps 2 and 4, and at the end (5).
    assert [r.step for r in reports if r.test_accuracy is not None] == [2, 4, 5]


def test_curves_keep_partial_runs_and_compare_aux_is_computed(tiny):
    runs = []
    for aux in (True, False):
        trainer = Trainer(TrainConfig(depth=3, aux=aux, epochs=1, batch_size=32), tiny)
        curves = RunCurves(total_steps=trainer.total_steps)
        for report in trainer.run():
            curves.add(report)
            if aux is False and report.step == 2:
                break  # as if Stop was pressed: the curves already hold steps 1 and 2
        runs.append(FinishedRun(trainer.config, curves, evaluate(trainer.model, tiny.x_test, tiny.y_test).accuracy))
    assert runs[1].curves.steps == [1, 2] and not runs[1].curves.complete and runs[0].curves.complete
    assert compare_aux(runs) is None  # a stopped run is no fair comparison

    runs.append(train_to_end(Trainer(TrainConfig(depth=3, aux=False, epochs=1, batch_size=32), tiny)))
    comparison = compare_aux(runs)
    assert comparison.with_aux is runs[0] and comparison.without_aux is runs[2]
    assert comparison.partner_of(runs[0]) is runs[2] and comparison.partner_of(runs[1]) is None
    expected = 100 * (runs[0].test_accuracy - runs[2].test_accuracy)
    assert comparison.accuracy_gain == pytest.approx(expected)
    assert comparison.verdict == ("same" if abs(expected) < 1 else "aux_better" if expected > 0 else "aux_worse")
    assert comparison.loss_with == pytest.approx(np.mean(runs[0].curves.main_losses[-10:]))
    assert comparison.loss_without == pytest.approx(np.mean(runs[2].curves.main_losses[-10:]))
    assert comparison.first_block == "stem"
    assert comparison.first_block_ratio == pytest.approx(
        runs[0].curves.phase_grad_norms("early")["stem"] / runs[2].curves.phase_grad_norms("early")["stem"])


# ---------------------------------------------------------------- analysis: what the page says about a run

def curves_with(early: dict[str, float], late: dict[str, float], steps: int = 50) -> RunCurves:
    """Curves whose first fifth has gradient norms `early` and whose last fifth has `late`."""
    curves = RunCurves(total_steps=steps)
    for step in range(1, steps + 1):
        curves.steps.append(step)
        curves.grad_norms.append(early if step <= steps // 5 else late if step > steps - steps // 5
                                 else {k: 1.0 for k in early})
    return curves


def ten_blocks(first: float, last: float) -> dict[str, float]:
    """Gradient norms of a 10-block net, falling geometrically from `last` (inception10) to `first` (inception1)."""
    values = np.geomspace(first, last, 10)
    return {"stem": first / 2, **{f"inception{i}": float(v) for i, v in enumerate(values, start=1)}, "fc": 1.0}


def test_gradient_verdict_judges_the_phase_it_names():
    # Deep, no BatchNorm: healthy at the start, but late in training the gradient falls 10^6x to the first block.
    late_vanish = gradient_verdict(curves_with(ten_blocks(1.0, 2.0), ten_blocks(1e-7, 0.1)))
    assert late_vanish.kind == "vanish" and late_vanish.phase == "late"
    assert (late_vanish.block, late_vanish.first, late_vanish.last) == ("inception1", "inception1", "inception10")
    assert late_vanish.recovery == pytest.approx(1.0)
    assert late_vanish.factor == pytest.approx(1e6)
    # Vanishing early only: the verdict is about the early phase.
    early = gradient_verdict(curves_with(ten_blocks(1e-4, 1.0), ten_blocks(0.5, 1.0)))
    assert (early.kind, early.phase) == ("vanish", "early") and early.factor == pytest.approx(1e4)
    # Flat in both phases: the only case that says "no vanishing gradients".
    flat = gradient_verdict(curves_with(ten_blocks(1.0, 3.0), ten_blocks(0.5, 2.0)))
    assert flat.kind == "flat" and flat.phase is None and flat.factor == pytest.approx(4.0)
    # Growing towards the input is not called vanishing, nor "within a factor of each other".
    grow = gradient_verdict(curves_with(ten_blocks(50.0, 1.0), ten_blocks(1.0, 1.0)))
    assert (grow.kind, grow.phase) == ("grow", "early") and grow.factor == pytest.approx(50.0)
    # Nothing at all reaches the first block: the extreme case.
    dead = gradient_verdict(curves_with(ten_blocks(1.0, 1.0), {**ten_blocks(1.0, 1.0), "inception1": 0.0}))
    assert (dead.kind, dead.phase) == ("dead", "late")
    # No record, or nothing reaching the last block: no verdict rather than a wrong one.
    assert gradient_verdict(RunCurves()) is None
    assert gradient_verdict(curves_with(ten_blocks(1.0, 1.0), {**ten_blocks(1.0, 1.0), "inception10": 0.0})) is None


def test_gradient_verdict_compares_the_right_blocks():
    one_block = {"stem": 1e-3, "inception1": 1.0, "fc": 2.0}
    v = gradient_verdict(curves_with(one_block, one_block, steps=5))
    assert (v.kind, v.block, v.last, v.phase) == ("vanish", "stem", "inception1", "early")
    seed = {"conv1": 1.0, "incep1": 1.0, "conv2": 1.0, "incep2": 1.0, "fc": 1.0}
    v = gradient_verdict(curves_with(seed, seed, steps=1))  # one step: both fifths are that step
    assert (v.kind, v.block, v.last, v.factor) == ("flat", "incep1", "incep2", 1.0)


def test_gradient_verdict_finds_a_gradient_that_vanishes_half_way():
    """Auxiliary heads feed gradient in part-way: the first block can look healthy while the blocks above the
    aux tap starve. Measured in a real 10-block run without BatchNorm, with aux heads (seed 0, early fifth):
    inception4 got 850x less than inception10, inception1 only 28x less. The verdict names inception4."""
    early = {"stem": 1e-3, "inception1": 2.0e-3, "inception2": 2.5e-3, "inception3": 5.1e-3, "inception4": 6.7e-5,
             "inception5": 2.3e-4, "inception6": 8.6e-4, "inception7": 3.3e-3, "inception8": 4.5e-3,
             "inception9": 1.5e-2, "inception10": 5.7e-2, "fc": 0.13}
    late = {name: 1.0 for name in early}
    v = gradient_verdict(curves_with(early, late))
    assert (v.kind, v.block, v.first, v.last, v.phase) == ("vanish", "inception4", "inception1", "inception10", "early")
    assert v.factor == pytest.approx(5.7e-2 / 6.7e-5)
    assert v.recovery == pytest.approx(2.0e-3 / 6.7e-5)
    # A dip in the middle of the path is vanishing too, even when both ends agree.
    dip = {**late, "inception5": 1e-3}
    v = gradient_verdict(curves_with(late, dip))
    assert (v.kind, v.block, v.phase) == ("vanish", "inception5", "late") and v.factor == pytest.approx(1e3)
    # "No vanishing gradients" only when every block stays near the last one.
    v = gradient_verdict(curves_with(late, {**late, "inception5": 0.2}))
    assert v.kind == "flat" and v.factor == pytest.approx(5.0)


def test_a_real_deep_run_gets_the_verdict_its_numbers_support(tiny):
    """Whatever a real run's gradients do, the sentence matches the phase it names."""
    curves = train_to_end(Trainer(TrainConfig(depth=10, aux=False, batch_norm=False, epochs=1, batch_size=16,
                                              max_steps=8), tiny)).curves
    v = gradient_verdict(curves)
    ratios = {(p, block): norms["inception10"] / norms[block]
              for p in ("early", "late") for norms in [curves.phase_grad_norms(p)]
              for block in (f"inception{i}" for i in range(1, 10))}
    if v.kind == "vanish":
        assert v.factor == pytest.approx(ratios[v.phase, v.block]) and v.factor == pytest.approx(max(ratios.values()))
    else:
        assert max(ratios.values()) <= 10


def test_worst_confusion_smoothing_and_tail_means():
    confusion = np.diag([30] * 10)
    assert worst_confusion(confusion) is None
    confusion[3, 8] = 4
    confusion[9, 4] = 2
    assert worst_confusion(confusion) == (3, 8, 4)
    assert worst_confusion(np.zeros((10, 10), int)) is None
    assert list(smooth([1, 3, 5], k=2)) == [1, 2, 4] and len(smooth([])) == 0
    assert tail_mean(list(range(20))) == pytest.approx(14.5) and np.isnan(tail_mean([]))


# ---------------------------------------------------------------- two threads, one model

def test_evaluation_is_safe_while_another_thread_trains_and_stop_ends_the_run(tiny):
    """The crash behind "softmax(): argument 'input' must be Tensor, not TrainOutput": a Stop click starts a new
    script run that evaluates the model while the interrupted one is still stepping it in train mode."""
    trainer = Trainer(TrainConfig(depth=3, aux=True, epochs=50, batch_size=16), tiny)
    steps, failures = [], []

    def train():
        try:
            for report in trainer.run():
                steps.append(report.step)
        except Exception as exc:  # noqa: BLE001 - recorded for the assertion below
            failures.append(exc)

    thread = threading.Thread(target=train)
    thread.start()
    try:
        while len(steps) < 3:
            thread.join(0.01)
        for _ in range(20):
            probs = predict_proba(trainer.model, tiny.x_test[:8])
            assert probs.shape == (8, 10)
        trainer.stop()
        result = evaluate(trainer.model, tiny.x_test, tiny.y_test)
        taken = len(steps)
    finally:
        trainer.stop()
        thread.join(30)
    assert not thread.is_alive() and not failures
    assert 0 <= result.accuracy <= 1 and result.confusion.sum() == len(tiny.y_test)
    assert len(steps) <= taken + 1 < trainer.total_steps  # at most the step in progress when stop() came
    assert trainer.stopped


def test_predict_proba_leaves_the_mode_as_it_found_it(tiny):
    model = build_model(depth=2, aux=True).train()
    assert predict_proba(model, tiny.x_test[:2]).shape == (2, 10) and model.training
    model.eval()
    predict_proba(model, tiny.x_test[0, 0])
    assert not model.training


# ---------------------------------------------------------------- checkpoints

def test_saved_and_loaded_weights_predict_identically(tiny, data):
    config = TrainConfig(depth=2, aux=True, epochs=1, batch_size=32)
    _, _, trainer = run_losses(config, tiny)
    blob = save_checkpoint(trainer.model, config, 0.5)
    model, loaded_config, acc = load_checkpoint(blob)
    assert loaded_config == config and acc == 0.5
    x = data.x_test[:50]
    assert np.array_equal(predict_proba(trainer.model, x), predict_proba(model, x))

    seed_net = build_model(preset="seed_mnist", aux=False, seed=3)
    model, cfg, _ = load_checkpoint(save_checkpoint(seed_net, TrainConfig(preset="seed_mnist", depth=2, aux=False,
                                                                          batch_norm=False)))
    assert cfg.preset == "seed_mnist"
    assert np.array_equal(predict_proba(seed_net, x), predict_proba(model, x))


class WritesAMarker:
    """Unpickling this object would call Path.write_text: the classic code-execution payload."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "this code ran"))


def test_a_malicious_pickle_is_refused_without_running(tmp_path):
    # The payload is real: plain pickle would run it.
    proof = tmp_path / "proof.txt"
    pickle.loads(pickle.dumps(WritesAMarker(proof)))
    assert proof.exists()

    marker = tmp_path / "marker.txt"
    payloads = []
    buffer = io.BytesIO()
    torch.save(WritesAMarker(marker), buffer)
    payloads.append(buffer.getvalue())
    buffer = io.BytesIO()  # hidden inside a checkpoint that otherwise looks right
    torch.save({"format": "googlenet-explorer/digits-v1", "config": WritesAMarker(marker),
                "state_dict": {}}, buffer)
    payloads.append(buffer.getvalue())
    payloads.append(pickle.dumps(WritesAMarker(marker)))  # a bare pickle, not even a torch file
    for blob, key in zip(payloads, ["train.ckpt.unsafe", "train.ckpt.unsafe", "train.ckpt.not_checkpoint"]):
        with pytest.raises(CheckpointError) as info:
            load_checkpoint(blob)
        assert info.value.key == key
        assert not marker.exists()


@pytest.mark.parametrize("blob, key", [
    (b"", "train.ckpt.empty"),
    (b"this is not a weights file at all", "train.ckpt.not_checkpoint"),
    (b"PK\x03\x04 broken zip", "train.ckpt.not_checkpoint"),
])
def test_garbage_weights_give_a_clear_error(blob, key):
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(blob)
    assert info.value.key == key


def _saved(obj) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def test_wrong_but_harmless_files_are_explained():
    model = build_model(depth=2, aux=False)
    good = TrainConfig(depth=2, aux=False).to_dict()
    base = {"format": "googlenet-explorer/digits-v1", "state_dict": model.state_dict()}
    nan_state = {k: v.clone() for k, v in model.state_dict().items()}
    nan_state["fc.weight"][0, 0] = float("nan")
    cases = [
        (model.state_dict(), "train.ckpt.not_ours", {}),  # a bare state_dict, not our format
        ({**base, "config": {"depth": 2}}, "train.ckpt.not_ours", {}),
        ({**base, "config": {**good, "depth": "two"}}, "train.ckpt.bad_config", {"field": "depth"}),
        ({**base, "config": {**good, "depth": 500}}, "train.ckpt.bad_config", {"field": "depth"}),
        ({**base, "config": {**good, "aux": 1}}, "train.ckpt.bad_config", {"field": "aux"}),
        ({**base, "config": {**good, "epochs": 0}}, "train.ckpt.bad_config", {"field": "epochs"}),
        ({**base, "config": {**good, "lr": True}}, "train.ckpt.bad_config", {"field": "lr"}),
        ({**base, "config": {**good, "depth": 3}}, "train.ckpt.mismatch", {}),
        ({**base, "state_dict": nan_state, "config": good}, "train.ckpt.not_finite", {}),
    ]
    for payload, key, fmt in cases:
        with pytest.raises(CheckpointError) as info:
            load_checkpoint(_saved(payload))
        assert (info.value.key, info.value.fmt) == (key, fmt)


def test_checkpoint_errors_are_localised_errors():
    with pytest.raises(LocalisedError) as info:
        load_checkpoint(b"")
    err = info.value
    assert isinstance(err, CheckpointError) and isinstance(err, ValueError)
    assert err.message("en") == str(err) == "The weights file is empty."
    assert err.message("zh") == "权重文件是空的。"
    err = CheckpointError("train.ckpt.too_big", size_mb=25.0, limit_mb=20)
    assert "25 MB" in err.message("en") and "25 MB" in err.message("zh")
    assert pickle.loads(pickle.dumps(err)).fmt == err.fmt


# ---------------------------------------------------------------- a picture of a digit -> 8x8 in 0..16

def draw_one(size=200, ink=0, paper=255, width=14) -> Image.Image:
    image = Image.new("RGB", (size, size), (paper,) * 3)
    ImageDraw.Draw(image).line([(size // 2, size // 5), (size // 2, size * 4 // 5)], fill=(ink,) * 3, width=width)
    return image


def test_digit_from_image_matches_the_data_set_scale():
    digit = digit_from_image(draw_one())
    assert digit.shape == (8, 8) and digit.dtype == np.float32
    assert 0 <= digit.min() and digit.max() <= 16 and digit.max() >= 6
    # A vertical stroke: ink in the middle columns from top to bottom, none at the sides.
    assert digit[:, 3:5].sum() > 0.8 * digit.sum()
    assert (digit[:, 3:5].sum(axis=1) > 0).all()
    # Dark on light is inverted; light on dark is kept: both give the same digit.
    assert np.array_equal(digit, digit_from_image(draw_one(ink=255, paper=0)))
    # A hair-thin pen on a big photo is thickened to the forms' stroke width.
    thin = digit_from_image(draw_one(size=800, width=2))
    assert thin.max() >= 6
    # A blank picture has no digit.
    assert digit_from_image(Image.new("RGB", (50, 50), "white")).max() == 0


def test_a_trained_net_reads_test_digits(data):
    """A real (short) run on the full training set: well above chance after two epochs."""
    trainer = Trainer(TrainConfig(depth=2, aux=False, epochs=2), data)
    reports = list(trainer.run())
    assert reports[-1].test_accuracy > 0.8


def test_training_runs_single_threaded_and_restores_the_thread_count(tiny):
    seen = []
    for _ in Trainer(TrainConfig(depth=1, aux=False, max_steps=2, batch_size=64), tiny).run():
        seen.append(torch.get_num_threads())
    assert seen == [1, 1]
    assert torch.get_num_threads() == process_threads() >= 1  # the app's own setting, not 1


def test_evaluation_and_predictions_run_on_the_training_threads_and_restore_the_count(tiny):
    """On a busy 2-core machine two threads made the test set's evaluation 3-5x slower (they spin-wait for
    each other): every forward pass of the lab runs on TRAIN_THREADS, also the evaluation at each epoch's end
    inside a run, after which the run's steps keep their single thread."""
    trainer = Trainer(TrainConfig(depth=1, aux=False, epochs=2, batch_size=256), tiny)
    seen = []
    trainer.model.register_forward_pre_hook(lambda module, args: seen.append(torch.get_num_threads()))
    list(trainer.run())                                     # 2 epochs: steps, evaluation, steps, evaluation
    evaluate(trainer.model, tiny.x_test, tiny.y_test)
    predict_proba(trainer.model, tiny.x_test[:2])
    assert len(seen) == trainer.total_steps + 4 and set(seen) == {TRAIN_THREADS}
    assert torch.get_num_threads() == process_threads()


def test_the_settings_forms_parameter_count_is_the_built_networks():
    for preset, depth, bn in [("googlenet_small", 3, True), ("googlenet_small", 1, False), ("seed_mnist", 2, False)]:
        built = build_model(preset, depth, aux=False, batch_norm=bn)
        assert settings_parameters(preset, depth, bn) == count_parameters(built) > 0
    with_heads = build_model("googlenet_small", 3, aux=True)
    assert settings_parameters("googlenet_small", 3, True) == count_parameters(with_heads, include_aux=False)


def test_a_one_block_net_has_no_aux_heads_and_never_poses_as_aux_on():
    from googlenet.digits import TrainConfig, can_have_aux

    assert not can_have_aux("googlenet_small", 1) and can_have_aux("googlenet_small", 2)
    assert can_have_aux("seed_mnist", 2)
    one = TrainConfig(depth=1, aux=True)
    assert one.aux is False and one == TrainConfig(depth=1, aux=False)
    assert TrainConfig(depth=3, aux=True).aux is True


# ---------------------------------------------------------------- every run as one table (CSV)

def test_every_runs_settings_curves_and_final_accuracy_as_one_csv(tiny):
    import pandas as pd

    from googlenet.digits import runs_csv, runs_table

    class Numbered:
        def __init__(self, number, finished):
            self.number, self.config, self.curves = number, finished.config, finished.curves
            self.test_accuracy = finished.test_accuracy

    cfg = TrainConfig(depth=2, aux=True, epochs=2, batch_size=64)
    a = Numbered(1, train_to_end(Trainer(cfg, tiny)))
    b = Numbered(2, train_to_end(Trainer(cfg.with_(aux=False, lr=0.01), tiny)))
    loaded = Numbered(3, FinishedRun(cfg, RunCurves(), 0.5))          # loaded from a file: no curves
    table = pd.read_csv(io.BytesIO(runs_csv([a, b, loaded])))
    assert list(table.columns[:3]) == ["run", "preset", "depth"] and "dataset" in table.columns
    assert len(table) == len(a.curves.steps) + len(b.curves.steps) + 1 == len(runs_table([a, b, loaded]))
    first = table[table.run == 1]
    assert first.step.tolist() == a.curves.steps and np.allclose(first.loss, a.curves.losses)
    assert set(first.aux) == {True} and set(table[table.run == 2].lr) == {0.01}
    assert set(first.dataset) == {"digits"} and np.allclose(first.final_test_accuracy, a.test_accuracy)
    measured = first.dropna(subset=["test_accuracy"])
    assert measured.step.tolist() == a.curves.epoch_steps and np.allclose(measured.test_accuracy,
                                                                          a.curves.test_accuracies)
    last = table[table.run == 3]
    assert len(last) == 1 and last.step.isna().all() and float(last.final_test_accuracy.iloc[0]) == 0.5
