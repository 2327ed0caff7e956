"""The training lab's presets and experiments through AppTest (app.py, as a student navigates), in both languages:
every preset says what it is (parameters computed from the network) and trains; each experiment's button trains
its runs one after the other and the verdict shown is the one computed from those runs. The verdict sentences
are checked for every outcome, so no sentence ever claims what the numbers do not show."""
from __future__ import annotations

import math

import pytest

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet.digits import (
    DEEP_NO_BN, DEGRADATION_MARGIN, RESIDUAL_DEEP, RESIDUAL_SHALLOW, RunCurves, StepReport, TrainConfig, build_model,
    compare_aux, compare_residual, compare_softmax, save_checkpoint, settings_parameters, softmax_loss_range,
)
from googlenet.i18n import set_language, t
from ui.training_experiments import residual_text, softmax_text

PAGE = "app_pages/training.py"
STEPS = 2          # per run: the experiments' seven runs in seconds


def quick(at, steps: int = 2):
    at.number_input(key="train_max_steps").set_value(steps)
    at.slider(key="train_epochs").set_value(1)
    return at


def choose(at, kind: str):
    """Pick an experiment in the panel's choice, as a student does (its button is drawn then)."""
    at.radio(key="trainexp_kind").set_value(kind)
    return rerun(at)


def history(at):
    return at.session_state["train_history"]


def page_text(at) -> str:
    return visible_text(at) + "\n" + "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_preset_says_what_it_is_and_trains(lang):
    at = goto(open_app(lang), PAGE)
    quick(at)
    for preset, dataset in (("resnet_small", "digits"), ("seed_resnet", "mnist")):
        at.radio(key="train_preset").set_value(preset)
        rerun(at)
        set_language(lang)
        assert at.radio(key=f"train_data_{preset}").value == dataset
        depth = RESIDUAL_DEEP if preset == "resnet_small" else 2
        caption = next(c.value for c in at.caption if "F(x) + x" in c.value)
        assert f"{settings_parameters(preset, depth, False, dataset):,}" in caption
        aux = at.toggle(key="train_aux_resnet")
        bn = at.toggle(key="train_bn_resnet")
        assert aux.disabled and not aux.value and aux.help == t("train.aux.residual_help", lang=lang)
        assert bn.disabled and not bn.value and bn.help == t("train.bn.residual_help", lang=lang)
        assert at.toggle(key="train_shortcuts").value is (preset == "resnet_small")   # on; then the choice kept
        assert at.button(key="train_compare").disabled   # no aux heads on a residual net ...
        at.toggle(key="train_shortcuts").set_value(preset == "seed_resnet")
        at.button(key="train_start").click()
        rerun(at)
        set_language(lang)
    resnet, seed = history(at)
    assert resnet.config.model_config() == dict(preset="resnet_small", depth=RESIDUAL_DEEP, aux=False,
                                                batch_norm=False, dataset="digits", shortcuts=False)
    assert seed.config.model_config() == dict(preset="seed_resnet", depth=2, aux=False, batch_norm=False,
                                              dataset="mnist", shortcuts=True)
    assert all(r.status == "done" and r.test_accuracy is not None for r in history(at))
    assert_shows(at, t("train.label.resnet", lang=lang, depth=RESIDUAL_DEEP, shortcuts=t("train.off", lang=lang),
                       data=t("train.data.digits", lang=lang)),
                 t("train.label.seed_resnet", lang=lang, shortcuts=t("train.on", lang=lang),
                   data=t("train.data.mnist", lang=lang)))
    # A residual net's saved weights load back as a run of their own; a truncated file is refused, runs kept.
    plain = TrainConfig(preset="resnet_small", depth=3, shortcuts=False)
    blob = save_checkpoint(build_model(**plain.model_config()), plain)
    at.file_uploader(key="train_weights_upload").set_value(("half.pt", blob[: len(blob) // 2], "application/x"))
    rerun(at)
    assert [e.value for e in at.error] == [t("train.ckpt.not_checkpoint", lang=lang)] and len(history(at)) == 2
    at.file_uploader(key="train_weights_upload").set_value(("plain.pt", blob, "application/octet-stream"))
    rerun(at)
    loaded = history(at)[-1]
    assert not at.error and loaded.status == "loaded" and loaded.config.model_config() == plain.model_config()
    assert_shows(at, t("train.label.resnet", lang=lang, depth=3, shortcuts=t("train.off", lang=lang),
                       data=t("train.data.digits", lang=lang)))

    # ... unless the deep no-BatchNorm net is asked for; the seed residual net's experiment is a pair.
    at.toggle(key="trainexp_aux_deep").set_value(True)
    rerun(at)
    assert not at.button(key="train_compare").disabled
    choose(at, "residual")
    assert at.button(key="trainexp_residual").label == t("trainexp.residual.button", lang=lang, n=2)
    assert_shows(at, t("trainexp.residual.seed_pair", lang=lang))

    # The softmax switch is a training setting (the experiments' test trains with it); its help gives the floor.
    switch = at.toggle(key="train_softmax_bug")
    assert switch.help == t("train.softmax_bug.help", lang=lang, floor=softmax_loss_range().floor)
    assert "1.461" in switch.help and switch.value is False


def test_the_new_choices_survive_a_visit_to_another_page():
    at = goto(open_app("en"), PAGE)
    at.radio(key="train_preset").set_value("resnet_small")
    rerun(at)
    at.slider(key="train_depth_resnet").set_value(5)
    at.toggle(key="train_shortcuts").set_value(False)
    at.toggle(key="train_softmax_bug").set_value(True)
    at.radio(key="train_data_resnet_small").set_value("mnist")
    at.radio(key="trainexp_kind").set_value("softmax")
    rerun(at)
    goto(at, "app_pages/home.py")
    goto(at, PAGE)
    assert at.radio(key="train_preset").value == "resnet_small"
    assert at.slider(key="train_depth_resnet").value == 5 and at.toggle(key="train_shortcuts").value is False
    assert at.toggle(key="train_softmax_bug").value is True
    assert at.radio(key="train_data_resnet_small").value == "mnist"
    assert at.radio(key="trainexp_kind").value == "softmax" and at.button(key="trainexp_softmax")
    at.radio(key="train_preset").set_value("googlenet_small")           # the other networks keep theirs
    rerun(at)
    assert at.radio(key="train_data_googlenet_small").value == "digits"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_experiment_trains_its_runs_and_shows_the_computed_verdict(lang):
    at = goto(open_app(lang), PAGE)
    quick(at, steps=STEPS)
    assert_shows(at, t("trainexp.title", lang=lang), t("trainexp.aux.body", lang=lang))
    assert at.radio(key="trainexp_kind").options == [t(f"trainexp.tab.{k}", lang=lang)
                                                    for k in ("aux", "softmax", "residual")]
    assert at.button(key="train_compare").label == t("train.compare", lang=lang)   # the aux experiment first

    at.toggle(key="trainexp_aux_deep").set_value(True)      # (a) aux heads, on the deep no-BatchNorm net
    at.button(key="train_compare").click()
    rerun(at)
    set_language(lang)
    with_aux, without = history(at)
    assert (with_aux.config.aux, without.config.aux) == (True, False)
    assert {(r.config.depth, r.config.batch_norm) for r in history(at)} == {(DEEP_NO_BN["depth"], False)}
    assert compare_aux(history(at)) is not None
    text = page_text(at)
    assert t("trainexp.gradseries.aux_caption", lang=lang, a=1, b=2) in text   # the pair's gradients side by side

    choose(at, "softmax")                                     # (b) the softmax bug, on the settings above
    at.button(key="trainexp_softmax").click()
    rerun(at)
    set_language(lang)
    right, buggy = history(at)[2:]
    assert (right.config.softmax_bug, buggy.config.softmax_bug) == (False, True)
    assert right.config.same_except(buggy.config, "softmax_bug")
    text = page_text(at)
    assert t("trainexp.softmax.title", lang=lang) in text
    assert softmax_text(compare_softmax(history(at))) in text

    choose(at, "residual")                                    # (c) plain vs residual: the trio
    assert at.button(key="trainexp_residual").label == t("trainexp.residual.button", lang=lang, n=3)
    at.button(key="trainexp_residual").click()
    rerun(at)
    set_language(lang)
    plain, residual, shallow = history(at)[4:]
    assert [(r.config.preset, r.config.depth, r.config.shortcuts) for r in (plain, residual, shallow)] == [
        ("resnet_small", RESIDUAL_DEEP, False), ("resnet_small", RESIDUAL_DEEP, True),
        ("resnet_small", RESIDUAL_SHALLOW, False)]
    assert all(len(r.curves.steps) == STEPS and r.status == "done" for r in history(at))
    text = page_text(at)
    assert t("trainexp.residual.title", lang=lang) in text
    assert residual_text(compare_residual(history(at))) in text
    assert t("trainexp.gradseries.caption", lang=lang, n=7) in text   # the chosen (newest) run, step by step
    assert len(at.get("image")) >= 6   # history, aux gradients, softmax, residual, per-phase and per-step gradients


# ---------------------------------------------------------------- the verdicts, for every outcome

class Run:
    def __init__(self, number: int, config: TrainConfig, losses, accuracy: float, first_test=None, grads=None):
        self.number, self.config, self.test_accuracy = number, config, accuracy
        self.curves = RunCurves()
        n = len(losses)
        for i, loss in enumerate(losses, start=1):
            test = (first_test if i == 1 and first_test is not None else accuracy) if i in (1, n) else None
            self.curves.add(StepReport(i, n, 1, loss, loss, (), 0.5,
                                       dict(grads or {"stem": 1.0, "res1": 1.0, "res2": 1.0, "fc": 1.0}),
                                       float(i), test))


SOFTMAX_CASES = {   # buggy run's (final accuracy, first measurement) against the right run's 0.95 / 0.90
    "buggy_worse": (0.80, 0.50), "buggy_better": (0.98, 0.90), "buggy_slower": (0.95, 0.60),
    "buggy_faster": (0.95, 0.97), "same": (0.952, 0.905),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("verdict", list(SOFTMAX_CASES))
def test_the_softmax_verdict_says_what_the_numbers_show(verdict, lang):
    set_language(lang)
    cfg = TrainConfig(depth=2, aux=False)
    right = Run(1, cfg, [2.3, 0.1], 0.95, first_test=0.90)
    final, first = SOFTMAX_CASES[verdict]
    buggy = Run(2, cfg.with_(softmax_bug=True), [2.3, 1.6], final, first_test=first)
    c = compare_softmax([right, buggy])
    assert c.verdict == verdict
    text = softmax_text(c)
    assert t(f"trainexp.softmax.{verdict}", lang=lang, gap=abs(c.accuracy_gap), threshold=1.0,
             first_correct=90.0, first_buggy=100 * first) in text
    assert (t("trainexp.softmax.why", lang=lang, floor=c.floor) in text) == (verdict != "buggy_worse")
    assert f"{c.floor:.3f}" in text and f"{c.accuracy_gap:+.1f}" in text


DEEP = TrainConfig(preset="resnet_small", depth=8, shortcuts=False)
VANISHING = {"stem": 1e-4, "res1": 1e-4, "res8": 1e-1, "fc": 1.0}          # res8 / res1 = 1,000
HEALTHY = {"stem": 1.0, "res1": 0.5, "res8": 1.0, "fc": 1.0}              # res8 / res1 = 2


def residual_case(plain_loss: float, residual_loss: float, shallow_loss: float | None, grads):
    runs = [Run(1, DEEP, [2.3] + [plain_loss] * 4, 0.5, grads=grads),
            Run(2, DEEP.with_(shortcuts=True), [2.3] + [residual_loss] * 4, 0.9)]
    if shallow_loss is not None:
        runs.append(Run(3, DEEP.with_(depth=2), [2.3] + [shallow_loss] * 4, 0.8))
    return compare_residual(runs)


RESIDUAL_CASES = [  # (plain, residual, shallow) final losses, gradients -> the sentences that must be said
    ((1.0, 0.2, 0.3), VANISHING, ["degradation", "removed", "grad_vanish"]),
    ((1.0, 0.6, 0.3), HEALTHY, ["degradation", "reduced", "grad_ok", "grad_ok_degraded"]),
    ((1.0, 1.0, 0.3), HEALTHY, ["degradation", "kept", "grad_ok", "grad_ok_degraded"]),
    ((0.3, 0.2, 0.3), HEALTHY, ["no_degradation", "better", "grad_ok"]),
    ((0.3, 0.3, 0.3), VANISHING, ["no_degradation", "not_better", "grad_vanish"]),
    ((1.0, 0.2, None), HEALTHY, ["no_shallow", "better", "grad_ok"]),
]
ALL_RESIDUAL = ["degradation", "removed", "reduced", "kept", "no_degradation", "no_shallow", "better", "not_better",
                "grad_vanish", "grad_ok", "grad_ok_degraded"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("losses, grads, said", RESIDUAL_CASES)
def test_the_residual_verdict_says_what_the_numbers_show_and_nothing_else(losses, grads, said, lang):
    set_language(lang)
    c = residual_case(*losses, grads)
    text = residual_text(c)
    values = dict(loss_plain=c.loss_plain, loss_residual=c.loss_residual, loss_shallow=c.loss_shallow,
                  margin=DEGRADATION_MARGIN, ratio=c.plain_grad_ratio, vanish=10.0)
    for key in ALL_RESIDUAL:
        sentence = t(f"trainexp.residual.{key}", lang=lang, **values)
        assert (sentence in text) == (key in said), (key, text)
    if c.shallow is None:
        assert c.degradation is None and f"{c.loss_plain:.3f}" in text
    else:
        assert c.degradation == (c.loss_plain > c.loss_shallow + DEGRADATION_MARGIN)
    assert not math.isnan(c.plain_grad_ratio)
