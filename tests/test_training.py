"""The training lab's package side: data, models, the paper's loss, reproducibility, checkpoints, uploads."""
from __future__ import annotations

import io
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw

from googlenet.blocks import Inception
from googlenet.digits import digit_from_image, load_digits_split, subset
from googlenet.training import (
    AUX_WEIGHT, CheckpointError, DigitsGoogLeNet, RunRecord, SeedMNISTNet, TrainConfig, Trainer, aux_taps,
    build_model, compare_aux, load_checkpoint, paper_loss, predict_proba, save_checkpoint,
)


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


def test_run_record_keeps_partial_runs_and_compare_aux_is_computed(tiny):
    history = []
    for n, aux in enumerate((True, False), start=1):
        trainer = Trainer(TrainConfig(depth=3, aux=aux, epochs=1, batch_size=32), tiny)
        rec = RunRecord(number=n, config=trainer.config, model=trainer.model)
        history.append(rec)
        for report in trainer.run():
            rec.update(report)
            if aux is False and report.step == 2:
                break  # as if Stop was pressed: the record already holds steps 1 and 2
        rec.finish(tiny, status="done" if aux else "stopped")
    assert history[1].steps == [1, 2] and history[1].status == "stopped"
    assert compare_aux(history) is None  # a stopped run is no fair comparison
    history[1].status = "done"
    comparison = compare_aux(history)
    assert comparison.with_aux is history[0] and comparison.without_aux is history[1]
    expected = 100 * (history[0].test_accuracy - history[1].test_accuracy)
    assert comparison.accuracy_gain == pytest.approx(expected)
    assert comparison.verdict == ("same" if abs(expected) < 1 else "aux_better" if expected > 0 else "aux_worse")


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
    with pytest.raises(CheckpointError, match="not_ours"):  # a bare state_dict, not our format
        load_checkpoint(_saved(model.state_dict()))
    good = TrainConfig(depth=2, aux=False).to_dict()
    base = {"format": "googlenet-explorer/digits-v1", "state_dict": model.state_dict()}
    with pytest.raises(CheckpointError, match="bad_config"):
        load_checkpoint(_saved({**base, "config": {**good, "depth": "two"}}))
    with pytest.raises(CheckpointError, match="bad_config"):
        load_checkpoint(_saved({**base, "config": {**good, "depth": 500}}))
    with pytest.raises(CheckpointError, match="mismatch"):
        load_checkpoint(_saved({**base, "config": {**good, "depth": 3}}))
    nan_state = {k: v.clone() for k, v in model.state_dict().items()}
    nan_state["fc.weight"][0, 0] = float("nan")
    with pytest.raises(CheckpointError, match="not_finite"):
        load_checkpoint(_saved({**base, "state_dict": nan_state, "config": good}))


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
    from googlenet.training import _process_threads

    seen = []
    for _ in Trainer(TrainConfig(depth=1, aux=False, max_steps=2, batch_size=64), tiny).run():
        seen.append(torch.get_num_threads())
    assert seen == [1, 1]
    assert torch.get_num_threads() == _process_threads() >= 1  # the app's own setting, not 1
