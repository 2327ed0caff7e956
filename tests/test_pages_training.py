"""The training lab page through AppTest, as a student uses it: short runs in both languages, Stop at any
moment, predictions on test digits and on any picture, weights in and out, and random settings."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest
import torch
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image, ImageDraw

from apptest_helpers import assert_clean, assert_shows, goto, open_app, rerun, visible_text
from googlenet.digits import (MAX_DEPTH, MIN_DEPTH, PRESETS, RESIDUAL_PRESETS, SEED_PRESETS, TrainConfig, Trainer,
                              build_model, can_have_aux, load_split, runs_csv, save_checkpoint, settings_parameters)
from googlenet.i18n import t
from googlenet.images import ImageError, load_image
from picture_corpus import awkward_pictures, broken_files
from test_training import WritesAMarker
from ui.training_runs import RunHistory, RunRecord

PAGE = "app_pages/training.py"


def digit_png() -> bytes:
    """A hand-drawn-looking 7: dark pen on white paper."""
    image = Image.new("RGB", (120, 160), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(20, 25), (100, 25), (50, 140)], fill="black", width=12)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def prefix(key: str, lang: str) -> str:
    """The fixed start of a message with placeholders."""
    return t(key, lang=lang).split("{")[0]


def short_run(at, steps: int = 6):
    at.number_input(key="train_max_steps").set_value(steps)
    at.slider(key="train_epochs").set_value(1)
    return at


def history(at) -> list[RunRecord]:
    return at.session_state["train_history"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_short_training_run(lang):
    at = goto(open_app(lang), PAGE)
    assert at.title[0].value == t("nav.training", lang=lang)
    assert_shows(at, t("train.none_yet", lang=lang), t("train.start", lang=lang), t("train.stop", lang=lang))

    short_run(at).button(key="train_start").click()
    rerun(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("train.metric.test_acc", lang=lang)].endswith("%")
    assert metrics[t("train.metric.steps", lang=lang)] == "6 / 6"
    assert len(at.get("image")) >= 3  # history curves, gradient norms, a test digit
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(charts) == 2            # the confusion matrix, the test digit's probabilities
    assert charts[0]["encoding"]["x"]["title"] == t("train.confusion.pred", lang=lang)  # the matrix, in words
    assert charts[1]["title"] == t("train.try.probs", lang=lang)                        # of the user's language
    assert history(at)[0].status == "done"
    assert_shows(at, "#1", t("train.history.title", lang=lang), t("train.grad.title", lang=lang),
                 t("train.confusion.title", lang=lang), t("train.verdict.none", lang=lang),
                 t("train.save.download", lang=lang, n=1))
    assert t("train.none_yet", lang=lang) not in visible_text(at)

    # Classify a digit the user uploads, with the network just trained.
    at.file_uploader(key="train_digit_upload").set_value(("d.png", digit_png(), "image/png"))
    rerun(at)
    captions = [c for image in at.get("image") for c in image.captions]
    assert t("train.try.seen", lang=lang, size=8) in captions and t("train.try.yours", lang=lang) in captions
    assert visible_text(at).count(prefix("train.try.prediction", lang)) >= 2  # test digit + the upload

    # A garbage weights file: a friendly message, no traceback; still there on the next rerun.
    garbage = ("w.pt", b"certainly not weights", "application/octet-stream")
    at.file_uploader(key="train_weights_upload").set_value(garbage)
    rerun(at)
    assert [e.value for e in at.error] == [t("train.ckpt.not_checkpoint", lang=lang)]
    rerun(at)
    assert [e.value for e in at.error] == [t("train.ckpt.not_checkpoint", lang=lang)]
    assert len(history(at)) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_short_run_on_real_mnist_says_which_data_it_used(lang):
    """The seed articles' net starts on real MNIST; the page says so for every run (label, history table, the
    metrics), tries 28x28 test digits and prepares an upload like MNIST; a small net keeps the 8x8 digits."""
    at = goto(open_app(lang), PAGE)
    mnist, digits = load_split("mnist"), load_split("digits")
    at.radio(key="train_preset").set_value("seed_mnist")
    rerun(at)
    data_radio = at.radio(key="train_data_seed_mnist")
    assert data_radio.value == "mnist"
    assert_shows(at, t("train.data.option.mnist", lang=lang, n=5000), t("train.data.option.digits", lang=lang, n=1797),
                 t("train.preset.seed_mnist.caption.mnist", lang=lang,
                   params=settings_parameters("seed_mnist", 2, False, "mnist")))
    short_run(at, steps=3).button(key="train_start").click()
    rerun(at)
    run = history(at)[0]
    assert run.config.dataset == "mnist" and run.status == "done" and run.evaluation.confusion.sum() == 1000
    mnist_name = t("train.data.mnist", lang=lang)
    assert mnist_name in at.selectbox(key="train_pick").options[0]                         # the run's label
    assert list(at.dataframe[0].value[t("train.history.table.data", lang=lang)]) == [
        t("train.data.sizes", lang=lang, data=mnist_name, n_train=4000, n_test=1000)]       # the history table
    assert_shows(at, t("train.metric.data", lang=lang, n=1, data=mnist_name, n_train=4000, n_test=1000),
                 t("train.try.caption", lang=lang, n=1, data=mnist_name, size=28, max="255"))
    slider = at.slider(key="train_test_index_mnist")                   # the run's own 1,000 test digits
    assert slider.max == mnist.sizes[1] - 1
    slider.set_value(7)
    rerun(at)
    assert_shows(at, t("train.try.truth", lang=lang, label=int(mnist.y_test[7])))
    at.file_uploader(key="train_digit_upload").set_value(("d.png", digit_png(), "image/png"))
    rerun(at)
    captions = [c for image in at.get("image") for c in image.captions]
    assert t("train.try.seen", lang=lang, size=28) in captions
    assert visible_text(at).count(prefix("train.try.prediction", lang)) >= 2

    # A small net next: the 8x8 digits (its own default), and both runs say which data they used.
    at.radio(key="train_preset").set_value("googlenet_small")
    rerun(at)
    assert at.radio(key="train_data_googlenet_small").value == "digits"
    short_run(at, steps=2).button(key="train_start").click()
    rerun(at)
    assert [r.config.dataset for r in history(at)] == ["mnist", "digits"]
    assert list(at.dataframe[0].value[t("train.history.table.data", lang=lang)]) == [
        t("train.data.sizes", lang=lang, data=mnist_name, n_train=4000, n_test=1000),
        t("train.data.sizes", lang=lang, data=t("train.data.digits", lang=lang), n_train=digits.sizes[0],
          n_test=digits.sizes[1])]
    assert at.slider(key="train_test_index_digits").max == digits.sizes[1] - 1
    # Every run downloadable as one CSV: settings (the data set too), curves, final accuracy.
    assert t("train.history.csv", lang=lang) in [b.proto.label for b in at.get("download_button")]
    table = pd.read_csv(io.BytesIO(runs_csv(history(at))))
    assert table.groupby("run").dataset.first().tolist() == ["mnist", "digits"]
    assert table.groupby("run").step.max().tolist() == [3, 2]
    at.radio(key="train_preset").set_value("seed_mnist")                # the seed net kept its data choice
    rerun(at)
    assert at.radio(key="train_data_seed_mnist").value == "mnist"

    # Weights whose settings name the 8x8 digits but whose shapes fit MNIST: a clear message, the runs stay.
    small_mnist = TrainConfig(depth=2, aux=False, dataset="mnist")
    forged = io.BytesIO()
    torch.save({"format": "googlenet-explorer/digits-v1", "config": small_mnist.with_(dataset="digits").to_dict(),
                "state_dict": build_model(**small_mnist.model_config()).state_dict()}, forged)
    at.file_uploader(key="train_weights_upload").set_value(("x.pt", forged.getvalue(), "application/octet-stream"))
    rerun(at)
    assert [e.value for e in at.error] == [t("train.ckpt.other_data", lang=lang, saved=t("train.data.digits", lang=lang),
                                             fits=mnist_name)]
    assert len(history(at)) == 2
    # Good MNIST weights load as an MNIST run, evaluated on MNIST's test digits.
    good = save_checkpoint(build_model(**small_mnist.model_config()), small_mnist)
    at.file_uploader(key="train_weights_upload").set_value(("ok.pt", good, "application/octet-stream"))
    rerun(at)
    assert not at.error and history(at)[-1].config.dataset == "mnist"
    assert history(at)[-1].evaluation.confusion.sum() == 1000
    assert_clean(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_settings_change_after_two_runs_keeps_every_runs_results(lang):
    """The settings form reruns on its own (a fragment in the browser); whatever reruns, the results of every
    run stay on the page, and the next run takes the new settings."""
    at = goto(open_app(lang), PAGE)
    short_run(at, steps=3).button(key="train_compare").click()
    rerun(at)
    images_before = len(at.get("image")), len(at.get("vega_lite_chart"))
    for key, value in [("train_epochs", 2), ("train_depth", 2), ("train_bn", False), ("train_lr", 0.01)]:
        widget = at.select_slider(key=key) if key == "train_lr" else \
            at.toggle(key=key) if key == "train_bn" else at.slider(key=key)
        widget.set_value(value)
        rerun(at)
        assert [r.number for r in history(at)] == [1, 2]
        assert len(at.dataframe[0].value) == 2 and len(at.selectbox(key="train_pick").options) == 2
        assert (len(at.get("image")), len(at.get("vega_lite_chart"))) == images_before  # every chart
        assert_shows(at, prefix("train.verdict.numbers", lang), t("train.history.title", lang=lang),
                     t("train.grad.title", lang=lang), t("train.confusion.title", lang=lang))
    at.button(key="train_start").click()
    rerun(at)
    assert history(at)[-1].config == TrainConfig(depth=2, aux=True, batch_norm=False, epochs=2, lr=0.01, max_steps=3)
    assert len(at.dataframe[0].value) == 3


def test_compare_both_then_load_weights_then_clear(tmp_path):
    at = goto(open_app("en"), PAGE)
    short_run(at, steps=4).button(key="train_compare").click()
    rerun(at)
    a, b = history(at)
    assert [a.config.aux, b.config.aux] == [True, False] and a.status == b.status == "done"
    # The verdict is computed from these two runs, whichever way it falls.
    gain = 100 * (a.test_accuracy - b.test_accuracy)
    assert_shows(at, t("train.verdict.numbers", lang="en", a=1, b=2, acc_with=100 * a.test_accuracy,
                       acc_without=100 * b.test_accuracy, diff=gain,
                       loss_with=sum(a.curves.main_losses[-10:]) / len(a.curves.main_losses[-10:]),
                       loss_without=sum(b.curves.main_losses[-10:]) / len(b.curves.main_losses[-10:])))
    verdict = "same" if abs(gain) < 1 else ("aux_better" if gain > 0 else "aux_worse")
    assert_shows(at, t(f"train.verdict.{verdict}", lang="en", threshold=1.0))

    # A malicious pickle is refused, and its code never runs.
    marker = tmp_path / "marker.txt"
    evil = io.BytesIO()
    torch.save({"format": "googlenet-explorer/digits-v1", "config": WritesAMarker(marker)}, evil)
    at.file_uploader(key="train_weights_upload").set_value(("evil.pt", evil.getvalue(), "application/octet-stream"))
    rerun(at)
    assert not marker.exists()
    assert [e.value for e in at.error] == [t("train.ckpt.unsafe", lang="en")]

    # Weights saved from a run load back as a new entry, ready to use, and selected.
    trainer = Trainer(TrainConfig(depth=2, aux=False, max_steps=3))
    list(trainer.run())
    at.file_uploader(key="train_weights_upload").set_value(
        ("good.pt", save_checkpoint(trainer.model, trainer.config), "application/octet-stream"))
    rerun(at)
    assert not at.error
    assert history(at)[-1].status == "loaded" and history(at)[-1].number == 3
    assert at.selectbox(key="train_pick").value == 3
    assert_shows(at, prefix("train.load.ok", "en"), t("train.grad.none", lang="en"))
    rerun(at)  # the same file is not added twice
    assert len(history(at)) == 3

    # Clear history: the file still sitting in the uploader does not come back as a new run.
    at.button(key="train_clear").click()
    rerun(at)
    assert history(at) == []
    assert_shows(at, t("train.none_yet", lang="en"))
    assert prefix("train.load.ok", "en") not in visible_text(at)
    rerun(at)
    assert history(at) == [] and not at.error


# ---------------------------------------------------------------- Stop at any moment

def interrupted(number: int, config: TrainConfig, stop_at: int) -> tuple[RunRecord, object]:
    """A run as a Stop click leaves it: still "running", its generator suspended after `stop_at` steps."""
    trainer = Trainer(config)
    rec = RunRecord.start(number, trainer)
    steps = trainer.run()
    for _ in range(stop_at):
        rec.update(next(steps))
    return rec, steps


STOPS = [  # (settings, step at which Stop is pressed): both presets, aux and BatchNorm on and off, early to last
    (dict(depth=3, aux=True, batch_norm=True), 0),
    (dict(depth=3, aux=True, batch_norm=True), 3),
    (dict(depth=4, aux=True, batch_norm=False), 1),
    (dict(depth=4, aux=True, batch_norm=False), 7),
    (dict(depth=2, aux=False, batch_norm=True), 2),
    (dict(depth=10, aux=False, batch_norm=False), 5),
    (dict(depth=1, aux=True, batch_norm=False), 8),   # the last step: all taken, the evaluation was interrupted
    (dict(preset="seed_mnist", depth=2, aux=True, batch_norm=False), 1),
    (dict(preset="seed_mnist", depth=2, aux=True, batch_norm=False), 6),
    (dict(preset="seed_mnist", depth=2, aux=False, batch_norm=False), 4),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_stop_at_any_step_then_revisit(lang):
    """Stop reruns the script in the middle of training. Whatever the moment and the settings, the run found
    still "running" is kept (stopped, evaluated), its generator takes no further step, and the page draws."""
    at = goto(open_app(lang), PAGE)
    stops = STOPS if lang == "en" else STOPS[1::3]
    for number, (settings_, stop_at) in enumerate(stops, start=1):
        config = TrainConfig(epochs=1, max_steps=8, batch_size=32, seed=number, **settings_)
        rec, steps = interrupted(number, config, stop_at)
        at.session_state["train_history"] = history(at) + [rec]
        at.session_state["train_counter"] = number
        at.session_state["train_pick_next"] = number
        rerun(at)
        assert rec.evaluation is not None and rec.trainer is None
        assert next(steps, None) is None  # the interrupted generator stops instead of stepping on
        if stop_at == 8:
            assert rec.status == "done"
        else:
            assert rec.status == "stopped" and rec.curves.steps == list(range(1, stop_at + 1))
            assert_shows(at, t("train.stopped", lang=lang, n=number, step=stop_at, total=8),
                         t("train.status.stopped", lang=lang))
        if stop_at == 0:
            assert_shows(at, t("train.grad.no_steps", lang=lang, n=number))
        assert at.selectbox(key="train_pick").value == number
        rerun(at)  # and the next visit draws it again, without the note
        assert t("train.stopped", lang=lang, n=number, step=stop_at, total=8) not in visible_text(at)
    goto(goto(at, "app_pages/home.py"), PAGE)
    assert_shows(at, t("train.results", lang=lang))


def test_a_run_that_could_not_be_evaluated_never_breaks_the_page(monkeypatch):
    """If the final evaluation fails, the run is kept as "stopped, not evaluated" and every later visit works."""
    at = goto(open_app("en"), PAGE)
    rec, _ = interrupted(1, TrainConfig(depth=2, aux=True, epochs=1, max_steps=6), 3)
    at.session_state["train_history"] = [rec]
    at.session_state["train_counter"] = 1

    def broken(*args, **kwargs):
        raise TypeError("softmax(): argument 'input' must be Tensor, not TrainOutput")

    monkeypatch.setattr("ui.training_runs.evaluate", broken)
    rerun(at)
    assert rec.status == "stopped" and rec.evaluation is None
    assert {m.label: m.value for m in at.metric}[t("train.metric.test_acc", lang="en")] == "–"
    assert_shows(at, t("train.stopped.not_evaluated", lang="en", n=1, step=3, total=6),
                 t("train.status.not_evaluated", lang="en"), t("train.not_evaluated", lang="en", n=1))
    monkeypatch.undo()
    for _ in range(2):
        rerun(at)
    assert_shows(at, t("train.not_evaluated", lang="en", n=1))
    # A new run works as usual, next to the unevaluated one.
    short_run(at, steps=2).button(key="train_start").click()
    rerun(at)
    assert [r.status for r in history(at)] == ["stopped", "done"] and history(at)[1].evaluation is not None


def test_run_record_ends_once_and_stops_changing():
    trainer = Trainer(TrainConfig(depth=2, aux=True, epochs=1, max_steps=5, batch_size=32))
    rec = RunRecord.start(1, trainer)
    steps = trainer.run()
    rec.update(next(steps))
    assert rec.finish(status="stopped") and trainer.stopped
    assert not rec.finish()  # the interrupted script run finishing too changes nothing
    late = Trainer(TrainConfig(depth=2, aux=True, epochs=1, max_steps=5, batch_size=32))
    rec.update(next(late.run()))  # a report arriving after the end is not recorded
    assert rec.status == "stopped" and rec.curves.steps == [1] and rec.evaluation is not None
    assert next(steps, None) is None

    state: dict = {}
    runs = RunHistory(state)
    for _ in range(10):
        runs.start(Trainer(TrainConfig(depth=1, aux=False, max_steps=1)))
    assert [r.number for r in runs] == list(range(3, 11)) and state["train_pick_next"] == 10
    notes = runs.finish_interrupted()
    assert [n.number for n in notes] == list(range(3, 11)) and all(n.step == 0 and n.evaluated for n in notes)
    runs.clear()
    assert len(runs) == 0 and state["train_counter"] == 10


# ---------------------------------------------------------------- the settings

def test_the_seed_net_shows_its_fixed_shape_and_the_small_net_keeps_its_choices():
    at = goto(open_app("en"), PAGE)
    at.slider(key="train_depth").set_value(7)
    at.toggle(key="train_bn").set_value(False)
    rerun(at)
    at.radio(key="train_preset").set_value("seed_mnist")
    rerun(at)
    assert at.slider(key="train_depth_seed").value == 2 and at.slider(key="train_depth_seed").disabled
    assert at.toggle(key="train_bn_seed").value is False and at.toggle(key="train_bn_seed").disabled
    short_run(at, steps=1).button(key="train_start").click()
    rerun(at)
    assert history(at)[-1].config.model_config() == dict(preset="seed_mnist", depth=2, aux=True, batch_norm=False,
                                                         dataset="mnist", shortcuts=False)   # the seed net: MNIST, its own data
    at.radio(key="train_preset").set_value("googlenet_small")
    rerun(at)
    assert at.slider(key="train_depth").value == 7 and at.toggle(key="train_bn").value is False
    short_run(at, steps=1).button(key="train_start").click()
    rerun(at)
    assert history(at)[-1].config.model_config() == dict(preset="googlenet_small", depth=7, aux=True,
                                                         batch_norm=False, dataset="digits", shortcuts=False)


_SETTINGS_APP = {}


def settings_app():
    """One session for all draws (opening the app costs seconds)."""
    if "at" not in _SETTINGS_APP:
        _SETTINGS_APP["at"] = goto(open_app("en"), PAGE)
    return _SETTINGS_APP["at"]


DEPTH_SLIDER = {"googlenet_small": "train_depth", "resnet_small": "train_depth_resnet",
                "seed_mnist": "train_depth_seed", "seed_resnet": "train_depth_seed_resnet"}


@settings(max_examples=9, deadline=None, suppress_health_check=list(HealthCheck))   # each a real run: the suite's time limit
@given(preset=st.sampled_from(PRESETS), depth=st.integers(MIN_DEPTH, MAX_DEPTH),
       aux=st.booleans(), bn=st.booleans(), shortcuts=st.booleans(), softmax_bug=st.booleans(),
       epochs=st.integers(1, 30), lr=st.sampled_from([0.0003, 0.001, 0.003, 0.01, 0.03]),
       seed=st.integers(0, 10_000), batch=st.sampled_from([32, 64, 128]), max_steps=st.integers(1, 3),
       both=st.booleans())
def test_any_valid_settings_train_without_an_exception(preset, depth, aux, bn, shortcuts, softmax_bug, epochs, lr,
                                                       seed, batch, max_steps, both):
    at = settings_app()
    if at.radio(key="train_preset").value != preset:  # the preset decides which widgets are drawn
        at.radio(key="train_preset").set_value(preset)
        rerun(at)
    small = preset in ("googlenet_small", "resnet_small")
    depth = depth if small else 2                     # the seed nets' depth is fixed
    if small:
        at.slider(key=DEPTH_SLIDER[preset]).set_value(depth)
    if preset == "googlenet_small":
        at.toggle(key="train_bn").set_value(bn)
    if preset in RESIDUAL_PRESETS:
        at.toggle(key="train_shortcuts").set_value(shortcuts)
    rerun(at)   # the depth decides whether an aux head can be attached (one block: the switch is off)
    assert any(s.key == DEPTH_SLIDER[preset] for s in at.slider)
    aux_switch = at.toggle(key="train_aux") if can_have_aux(preset, depth) else None
    if aux_switch is not None:
        aux_switch.set_value(aux)
    else:
        aux = False
    at.toggle(key="train_softmax_bug").set_value(softmax_bug)
    at.slider(key="train_epochs").set_value(epochs)
    at.select_slider(key="train_lr").set_value(lr)
    at.number_input(key="train_seed").set_value(seed)
    at.selectbox(key="train_batch").set_value(batch)
    at.number_input(key="train_max_steps").set_value(max_steps)
    both = both and aux_switch is not None   # no comparison without a block for the heads
    at.button(key="train_compare" if both else "train_start").click()
    rerun(at)
    newest = history(at)[-1]
    expected = TrainConfig(preset=preset, depth=depth, aux=False if both else aux,
                           batch_norm=bn if preset == "googlenet_small" else False,
                           shortcuts=shortcuts if preset in RESIDUAL_PRESETS else False, softmax_bug=softmax_bug,
                           epochs=epochs, lr=lr, batch_size=batch, seed=seed, max_steps=max_steps,
                           dataset="mnist" if preset in SEED_PRESETS else "digits")
    assert newest.config == expected and newest.status == "done"
    assert newest.curves.steps == list(range(1, max_steps + 1))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("train.metric.steps", lang="en")] == f"{max_steps} / {max_steps}"


# ---------------------------------------------------------------- any picture in the digit uploader

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_awkward_or_broken_picture_gets_a_result_or_a_clear_message(lang):
    at = goto(open_app(lang), PAGE)
    short_run(at, steps=2).button(key="train_start").click()
    rerun(at)
    for name, blob, mime in awkward_pictures() + broken_files():
        at.file_uploader(key="train_digit_upload").set_value((name, blob, mime))
        rerun(at)
        try:
            load_image(blob)
        except ImageError as err:
            assert [e.value for e in at.error] == [err.message(lang)], name
            continue
        assert not at.error, name
        captions = [c for image in at.get("image") for c in image.captions]
        assert t("train.try.yours", lang=lang) in captions and t("train.try.seen", lang=lang, size=8) in captions, name
        shown = visible_text(at)
        assert (t("train.try.empty", lang=lang) in shown
                or shown.count(prefix("train.try.prediction", lang)) >= 2), name
    assert_clean(at)


# ---------------------------------------------------------------- any sequence of actions

ACTIONS = st.one_of(
    st.tuples(st.just("start"), st.integers(1, 2)),
    st.tuples(st.just("compare"), st.just(1)),
    st.tuples(st.just("stop"), st.integers(0, 3)),        # a run left half-way, as a Stop click leaves it
    st.tuples(st.just("clear"), st.just(0)),
    st.tuples(st.just("pick"), st.integers(0, 7)),
    st.tuples(st.just("preset"), st.integers(0, len(PRESETS) - 1)),
    st.tuples(st.just("weights"), st.integers(0, 1)),     # 0: a good weights file, 1: garbage
    st.tuples(st.just("picture"), st.integers(0, 11)),
)
_SEQUENCE_APP = {}


def act(at, action: str, arg: int) -> None:
    if action in ("start", "compare"):   # (a residual net has no aux heads to compare: then a plain start)
        short_run(at, steps=arg)
        compare = action == "compare" and not at.button(key="train_compare").disabled
        at.button(key="train_compare" if compare else "train_start").click()
    elif action == "stop":
        rec, _ = interrupted(at.session_state["train_counter"] + 1 if "train_counter" in at.session_state else 1,
                             TrainConfig(depth=2, aux=True, epochs=1, max_steps=4), arg)
        at.session_state["train_history"] = history(at) + [rec]
        at.session_state["train_counter"] = rec.number
        at.session_state["train_pick_next"] = rec.number
    elif action == "clear" and history(at):
        at.button(key="train_clear").click()
    elif action == "pick" and history(at):
        at.selectbox(key="train_pick").set_value(history(at)[arg % len(history(at))].number)
    elif action == "preset":
        at.radio(key="train_preset").set_value(PRESETS[arg])
    elif action == "weights":
        trainer = Trainer(TrainConfig(depth=1, aux=False, max_steps=1))
        blob = save_checkpoint(trainer.model, trainer.config) if arg == 0 else b"PK\x03\x04 not really"
        at.file_uploader(key="train_weights_upload").set_value((f"w{arg}.pt", blob, "application/octet-stream"))
    elif action == "picture" and history(at) and history(at)[-1].evaluation is not None:
        at.file_uploader(key="train_digit_upload").set_value((awkward_pictures() + broken_files())[arg])
    rerun(at)


def assert_consistent(at) -> None:
    """What the widgets show is what the page computed from the session's runs."""
    runs = history(at)
    if not runs:
        assert_shows(at, t("train.none_yet", lang="en"))
        return
    picker = at.selectbox(key="train_pick")
    assert picker.value in [r.number for r in runs] and len(picker.options) == len(runs)
    chosen = next(r for r in runs if r.number == picker.value)
    steps = {m.label: m.value for m in at.metric}[t("train.metric.steps", lang="en")]
    assert steps == (f"{len(chosen.curves.steps)} / {chosen.curves.total_steps}" if chosen.curves.steps else "–")
    assert len(at.dataframe[0].value) == len(runs)
    assert all(r.status != "running" for r in runs)
    assert any(s.key == DEPTH_SLIDER[at.radio(key="train_preset").value] for s in at.slider)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(actions=st.lists(ACTIONS, min_size=1, max_size=5))
def test_any_sequence_of_actions_keeps_the_page_consistent(actions):
    if "at" not in _SEQUENCE_APP:
        _SEQUENCE_APP["at"] = goto(open_app("en"), PAGE)
    at = _SEQUENCE_APP["at"]
    for action, arg in actions:
        act(at, action, arg)
        assert_consistent(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_block_disables_the_aux_switch_and_the_comparison(lang):
    at = goto(open_app(lang), PAGE)
    at.slider(key="train_depth").set_value(1)
    rerun(at)
    assert at.toggle(key="train_aux_none").disabled and at.toggle(key="train_aux_none").value is False
    assert at.button(key="train_compare").disabled
    assert_shows(at, t("train.aux.none_help", lang=lang))
    at.slider(key="train_depth").set_value(3)   # the user's own choice comes back with a second block
    rerun(at)
    assert at.toggle(key="train_aux").value is True and not at.button(key="train_compare").disabled
