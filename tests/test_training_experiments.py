"""The articles' experiments in the training lab (package): the softmax-before-CrossEntropyLoss switch, the
plain and residual networks (and the seed article's residual net), their checkpoints, and the verdicts computed
from finished runs."""
from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F

from googlenet.digits import (
    DEGRADATION_MARGIN, RESIDUAL_DEEP, RESIDUAL_SHALLOW, RESNET_WIDTH, SEED_RESNET_FEATURES, CheckpointError,
    FinishedRun, ResidualBlock, RunCurves, SeedResNet, SmallResNet, StepReport, TrainConfig, Trainer, build_model,
    can_have_aux, compare_aux, compare_residual, compare_softmax, count_parameters, experiment_configs,
    grad_norm_series, gradient_verdict, head_loss, load_checkpoint, load_digits_split, paper_loss, runs_csv,
    save_checkpoint, settings_parameters, softmax_loss_range, subset, train_to_end,
)
from googlenet.network_anatomy import inception_blocks


@pytest.fixture(scope="module")
def tiny():
    return subset(load_digits_split(), 128, 64)


class Numbered:
    """A finished run as the page's records look to the analysis (number, config, curves, test accuracy)."""

    def __init__(self, number: int, finished: FinishedRun):
        self.number, self.config, self.curves = number, finished.config, finished.curves
        self.test_accuracy = finished.test_accuracy


def fake_run(config: TrainConfig, losses, accuracy: float, grads=None, first_test=None) -> Numbered:
    """A complete run with the given main losses (one per step) and gradient norms per step."""
    curves = RunCurves()
    n = len(losses)
    for i, loss in enumerate(losses, start=1):
        test = (first_test if i == 1 and first_test is not None else accuracy) if i in (1, n) else None
        curves.add(StepReport(i, n, 1, loss, loss, (), 0.5, dict(grads or {"stem": 1.0, "res1": 1.0, "fc": 1.0}),
                              float(i), test))
    return Numbered(0, FinishedRun(config, curves, accuracy))


# ---------------------------------------------------------------- softmax before CrossEntropyLoss

def test_the_buggy_loss_has_a_floor_computed_not_typed():
    floor, uniform, ceiling = softmax_loss_range(10)
    assert floor == pytest.approx(math.log(math.e + 9) - 1, abs=1e-6)       # = 1.4612
    assert uniform == pytest.approx(math.log(10), abs=1e-6) and ceiling == pytest.approx(floor + 1, abs=1e-6)
    targets = torch.arange(10)
    confident = 1000.0 * torch.eye(10)                                       # all mass on the right class
    assert head_loss(confident, targets, softmax_bug=True).item() == pytest.approx(floor, abs=1e-5)
    assert head_loss(confident, targets).item() < 1e-6                     # the right loss goes to zero
    logits = torch.randn(512, 10, generator=torch.Generator().manual_seed(0)) * 30
    labels = torch.randint(0, 10, (512,), generator=torch.Generator().manual_seed(1))
    per_sample = F.cross_entropy(torch.softmax(logits, 1), labels, reduction="none")
    assert per_sample.min().item() >= floor - 1e-6 and per_sample.max().item() <= ceiling + 1e-6


def test_the_bug_shrinks_the_gradient_and_reaches_every_head():
    logits = torch.randn(64, 10, generator=torch.Generator().manual_seed(2), requires_grad=True)
    targets = torch.randint(0, 10, (64,), generator=torch.Generator().manual_seed(3))
    grads = {}
    for bug in (False, True):
        logits.grad = None
        head_loss(logits, targets, bug).backward()
        grads[bug] = logits.grad.norm().item()
    assert grads[True] < grads[False] / 2
    aux = (logits.detach() * 2,)
    right, wrong = paper_loss(logits, aux, targets), paper_loss(logits, aux, targets, softmax_bug=True)
    assert wrong.aux[0].item() >= softmax_loss_range().floor and wrong.aux[0].item() != right.aux[0].item()


def test_a_buggy_run_never_goes_below_the_floor_and_the_verdict_says_so(tiny):
    cfg = TrainConfig(depth=1, aux=False, epochs=25, lr=0.01)
    correct = Numbered(1, train_to_end(Trainer(cfg, tiny)))
    buggy = Numbered(2, train_to_end(Trainer(cfg.with_(softmax_bug=True), tiny)))
    floor = softmax_loss_range().floor
    assert min(buggy.curves.main_losses) >= floor - 1e-5
    assert min(correct.curves.main_losses) < floor           # the right loss goes where the bug cannot
    c = compare_softmax([correct, buggy])
    assert c.correct is correct and c.buggy is buggy and c.partner_of(buggy) is correct
    assert c.floor == pytest.approx(floor) and c.lowest_buggy == pytest.approx(min(buggy.curves.main_losses))
    assert c.loss_buggy > c.floor > c.loss_correct
    assert c.grad_ratio > 1                                   # the double softmax shrinks every gradient
    assert c.accuracy_gap == pytest.approx(100 * (correct.test_accuracy - buggy.test_accuracy))
    assert c.verdict in ("buggy_worse", "buggy_better", "buggy_slower", "buggy_faster", "same")
    assert compare_aux([correct, buggy]) is None              # not an aux pair


def test_softmax_verdicts_follow_the_numbers():
    cfg = TrainConfig(depth=2, aux=False)
    right = fake_run(cfg, [2.0, 0.1], 0.98, first_test=0.9)
    assert compare_softmax([right, fake_run(cfg.with_(softmax_bug=True), [2.3, 1.5], 0.90)]).verdict == "buggy_worse"
    slow = fake_run(cfg.with_(softmax_bug=True), [2.3, 1.5], 0.975, first_test=0.6)
    c = compare_softmax([right, slow])
    assert c.verdict == "buggy_slower" and c.first_test_gap == pytest.approx(30.0)
    assert compare_softmax([right, fake_run(cfg.with_(softmax_bug=True), [2.3, 1.5], 0.98, first_test=0.9)]
                           ).verdict == "same"
    lucky = fake_run(cfg.with_(softmax_bug=True), [2.3, 1.5], 0.995, first_test=0.9)   # the bug ended ahead
    assert compare_softmax([right, lucky]).verdict == "buggy_better"
    quick = fake_run(cfg.with_(softmax_bug=True), [2.3, 1.5], 0.975, first_test=0.95)  # ahead only at first
    c = compare_softmax([right, quick])
    assert c.verdict == "buggy_faster" and c.first_test_gap == pytest.approx(-5.0)
    other = fake_run(cfg.with_(softmax_bug=True, lr=0.01), [2.3, 1.5], 0.5)   # another setting differs too
    assert compare_softmax([right, other]) is None


# ---------------------------------------------------------------- residual networks

@pytest.mark.parametrize("dataset, side, size", [("digits", 8, 8), ("mnist", 28, 7)])
def test_the_small_residual_net_keeps_its_blocks_sizes(dataset, side, size):
    model = build_model("resnet_small", depth=3, dataset=dataset).eval()
    shapes = {}

    def keep(name):
        def hook(module, inputs, output):
            shapes[name] = tuple(output.shape)
        return hook

    hooks = [getattr(model, f"res{i}").register_forward_hook(keep(f"res{i}")) for i in (1, 2, 3)]
    out = model(torch.zeros(5, 1, side, side))
    for h in hooks:
        h.remove()
    assert out.shape == (5, 10)
    assert set(shapes.values()) == {(5, RESNET_WIDTH, size, size)}
    assert [n for n, _ in model.blocks()] == ["stem", "res1", "res2", "res3", "fc"]
    assert not any(isinstance(m, torch.nn.BatchNorm2d) for m in model.modules())
    assert inception_blocks(model) == ()          # no Inception block for the explainer pages to show


@pytest.mark.parametrize("dataset, side", [("mnist", 28), ("digits", 8)])
def test_the_seed_articles_residual_net_has_512_features(dataset, side):
    model = build_model("seed_resnet", dataset=dataset).eval()
    assert isinstance(model, SeedResNet) and model.fc.in_features == SEED_RESNET_FEATURES == 512
    x = torch.rand(3, 1, side, side) * (255 if side == 28 else 16)
    assert model.features(x).shape == (3, 512) and model(x).shape == (3, 10)
    assert (model.rblock1.channels, model.rblock2.channels) == (16, 32)
    assert [n for n, _ in model.blocks()] == ["conv1", "rblock1", "conv2", "rblock2", "fc"]
    assert inception_blocks(model) == ()
    # the shortcut adds no weights: plain and residual have the very same parameters
    plain = build_model("seed_resnet", dataset=dataset, shortcuts=False)
    assert count_parameters(plain) == count_parameters(model) == settings_parameters("seed_resnet", 2, False, dataset)
    assert [k for k in plain.state_dict()] == [k for k in model.state_dict()]


def test_without_shortcuts_the_addition_is_really_gone():
    torch.manual_seed(0)
    with_sc, plain = ResidualBlock(4, shortcut=True), ResidualBlock(4, shortcut=False)
    plain.load_state_dict(with_sc.state_dict())
    x = torch.randn(2, 4, 6, 6)
    y = with_sc.conv2(F.relu(with_sc.conv1(x)))
    assert torch.allclose(with_sc(x), F.relu(x + y)) and torch.allclose(plain(x), F.relu(y))
    for block in (with_sc, plain):                 # F(x) = 0: the residual block passes x on, the plain one nothing
        for p in block.parameters():
            torch.nn.init.zeros_(p)
    x = x.relu()
    assert torch.equal(with_sc(x), x) and torch.equal(plain(x), torch.zeros_like(x))
    # in a whole network: same seed, same weights, different outputs
    a = build_model("resnet_small", depth=4, shortcuts=True, seed=3).eval()
    b = build_model("resnet_small", depth=4, shortcuts=False, seed=3).eval()
    assert all(torch.equal(p, q) for p, q in zip(a.state_dict().values(), b.state_dict().values()))
    x = torch.rand(4, 1, 8, 8) * 16
    assert not torch.allclose(a(x), b(x))
    assert isinstance(a, SmallResNet) and a.res1.shortcut and not b.res1.shortcut


def test_residual_settings_normalise_themselves():
    cfg = TrainConfig(preset="resnet_small", depth=12, aux=True, batch_norm=True)
    assert (cfg.aux, cfg.batch_norm, cfg.shortcuts) == (False, False, True)
    assert not can_have_aux("resnet_small", 12) and not can_have_aux("seed_resnet", 2)
    assert TrainConfig(shortcuts=True).shortcuts is False       # an Inception net never poses as residual
    with pytest.raises(ValueError):
        TrainConfig(preset="resnet_small", depth=21)
    with pytest.raises(ValueError):
        TrainConfig(preset="googlenet_small", depth=11)


def test_residual_runs_are_deterministic(tiny):
    cfg = TrainConfig(preset="resnet_small", depth=3, shortcuts=False, epochs=1, max_steps=3)
    a, b = train_to_end(Trainer(cfg, tiny)), train_to_end(Trainer(cfg, tiny))
    assert a.curves.losses == b.curves.losses and a.curves.grad_norms == b.curves.grad_norms
    assert list(a.curves.grad_norms[0]) == ["stem", "res1", "res2", "res3", "fc"]


@pytest.mark.parametrize("cfg", [
    TrainConfig(preset="resnet_small", depth=3, shortcuts=False, epochs=1, max_steps=2),
    TrainConfig(preset="resnet_small", depth=3, shortcuts=True, epochs=1, max_steps=2, softmax_bug=True),
    TrainConfig(preset="seed_resnet", shortcuts=False, dataset="digits", epochs=1, max_steps=2),
    TrainConfig(depth=2, aux=True, epochs=1, max_steps=2, softmax_bug=True),
], ids=["plain", "residual-bug", "seed-plain", "googlenet-bug"])
def test_checkpoints_round_trip_the_new_settings(cfg, tiny):
    trainer = Trainer(cfg, tiny)
    list(trainer.run())
    model, loaded, _ = load_checkpoint(save_checkpoint(trainer.model, cfg, 0.5))
    assert loaded == cfg
    trainer.model.eval()
    x = tiny.x_test[:8]
    assert torch.allclose(model(x), trainer.model(x))


def test_old_and_broken_residual_checkpoints():
    model = build_model(depth=2, aux=False)
    old = {k: v for k, v in TrainConfig(depth=2, aux=False).to_dict().items() if k not in ("shortcuts", "softmax_bug")}
    buffer = io.BytesIO()
    torch.save({"format": "googlenet-explorer/digits-v1", "config": old, "state_dict": model.state_dict()}, buffer)
    _, cfg, _ = load_checkpoint(buffer.getvalue())           # saved before the residual nets: still loads
    assert cfg.shortcuts is False and cfg.softmax_bug is False
    res = build_model("resnet_small", depth=3)
    for config, key in [
        ({k: v for k, v in TrainConfig(preset="resnet_small", depth=3).to_dict().items() if k != "shortcuts"},
         "train.ckpt.not_ours"),                              # a residual net must say whether it has shortcuts
        ({**TrainConfig(preset="resnet_small", depth=3).to_dict(), "shortcuts": "yes"}, "train.ckpt.bad_config"),
        ({**TrainConfig(preset="resnet_small", depth=3).to_dict(), "softmax_bug": 1}, "train.ckpt.bad_config"),
        (TrainConfig(preset="resnet_small", depth=4).to_dict(), "train.ckpt.mismatch"),
    ]:
        buffer = io.BytesIO()
        torch.save({"format": "googlenet-explorer/digits-v1", "config": config, "state_dict": res.state_dict()},
                   buffer)
        with pytest.raises(CheckpointError) as info:
            load_checkpoint(buffer.getvalue())
        assert info.value.key == key


# ---------------------------------------------------------------- experiments and their verdicts

def test_each_experiment_trains_the_runs_it_promises():
    base = TrainConfig(dataset="mnist", epochs=3, lr=0.001, seed=5, max_steps=7)
    with_aux, without = experiment_configs("aux", base)
    assert with_aux.aux and not without.aux and with_aux.same_except_aux(without)
    deep = experiment_configs("aux", base, deep_no_bn=True)
    assert {(c.depth, c.batch_norm) for c in deep} == {(8, False)} and [c.aux for c in deep] == [True, False]
    right, wrong = experiment_configs("softmax", base)
    assert not right.softmax_bug and wrong.softmax_bug and right.same_except(wrong, "softmax_bug")
    plain, residual, shallow = experiment_configs("residual", base)
    assert (plain.preset, plain.depth, plain.shortcuts) == ("resnet_small", RESIDUAL_DEEP, False)
    assert residual.shortcuts and residual.same_except(plain, "shortcuts")
    assert shallow.depth == RESIDUAL_SHALLOW and shallow.same_except(plain, "depth")
    for c in (plain, residual, shallow):                   # the user's data and schedule are kept
        assert (c.dataset, c.epochs, c.lr, c.seed, c.max_steps) == ("mnist", 3, 0.001, 5, 7)
    seed_pair = experiment_configs("residual", base.with_(preset="seed_resnet"))
    assert [c.shortcuts for c in seed_pair] == [False, True] and {c.preset for c in seed_pair} == {"seed_resnet"}
    assert experiment_configs("residual", TrainConfig(preset="resnet_small", depth=12))[0].depth == 12
    with pytest.raises(ValueError):
        experiment_configs("dropout", base)


def test_residual_verdicts_follow_the_numbers():
    deep = TrainConfig(preset="resnet_small", depth=8, shortcuts=False)
    plain = fake_run(deep, [2.3] * 5, 0.1, grads={"stem": 1e-4, "res1": 1e-4, "res8": 1e-2, "fc": 1.0})
    residual = fake_run(deep.with_(shortcuts=True), [2.3, 0.2, 0.1, 0.1, 0.1], 0.95)
    shallow = fake_run(deep.with_(depth=2), [2.3, 0.4, 0.3, 0.3, 0.3], 0.9)
    c = compare_residual([shallow, plain, residual])
    assert (c.plain, c.residual, c.shallow) == (plain, residual, shallow)
    assert c.degradation is True and c.removed is True and c.residual_better is True
    assert c.plain_grad_ratio == pytest.approx(100.0)        # res8 / res1 in the first fifth
    assert compare_residual([plain, residual]).degradation is None     # no shallower net trained
    fine = fake_run(deep, [2.3] + [0.3 + DEGRADATION_MARGIN / 2] * 4, 0.9)
    c = compare_residual([shallow, fine, residual])
    assert c.degradation is False and c.removed is None
    still = fake_run(deep.with_(shortcuts=True), [2.3, 1.0, 1.0, 1.0, 1.0], 0.7)
    c = compare_residual([shallow, plain, still])
    assert c.degradation is True and c.removed is False and c.residual_better is True


def test_a_real_plain_and_residual_run_are_compared(tiny):
    configs = experiment_configs("residual", TrainConfig(epochs=3, max_steps=6))
    runs = [Numbered(i, train_to_end(Trainer(c, tiny))) for i, c in enumerate(configs, start=1)]
    c = compare_residual(runs)
    assert (c.plain.number, c.residual.number, c.shallow.number) == (1, 2, 3)
    assert c.loss_plain == pytest.approx(runs[0].curves.final_loss)
    assert c.degradation == (c.loss_plain > c.loss_shallow + DEGRADATION_MARGIN)
    assert np.isfinite(c.plain_grad_ratio) and c.plain_grad_ratio > 0
    assert gradient_verdict(runs[0].curves).last == f"res{RESIDUAL_DEEP}"   # the verdict reads residual blocks
    series = grad_norm_series(runs[0].curves)
    assert list(series) == list(runs[0].curves.grad_norms[0]) and all(len(v) == 6 for v in series.values())
    table = pd.read_csv(io.BytesIO(runs_csv(runs)))
    assert {"shortcuts", "softmax_bug"} <= set(table.columns)
    assert table.groupby("run").shortcuts.first().tolist() == [False, True, False]
    assert table.groupby("run").depth.first().tolist() == [RESIDUAL_DEEP, RESIDUAL_DEEP, RESIDUAL_SHALLOW]
