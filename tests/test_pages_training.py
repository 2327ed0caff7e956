"""The training lab page through AppTest: a short run in both languages, predictions, weights in and out."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
import torch
from PIL import Image, ImageDraw

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet.i18n import t
from googlenet.training import RunRecord, TrainConfig, Trainer, save_checkpoint

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
    assert len(at.get("image")) >= 4  # history curves, gradient norms, confusion matrix, a test digit
    assert at.session_state["train_history"][0].status == "done"
    assert_shows(at, "#1", t("train.history.title", lang=lang), t("train.grad.title", lang=lang),
                 t("train.confusion.title", lang=lang), t("train.verdict.none", lang=lang),
                 t("train.save.download", lang=lang, n=1))
    assert t("train.none_yet", lang=lang) not in visible_text(at)

    # Classify a digit the user uploads, with the network just trained.
    at.file_uploader(key="train_digit_upload").set_value(("d.png", digit_png(), "image/png"))
    rerun(at)
    captions = [c for image in at.get("image") for c in image.captions]
    assert t("train.try.seen", lang=lang) in captions and t("train.try.yours", lang=lang) in captions
    assert visible_text(at).count(prefix("train.try.prediction", lang)) >= 2  # test digit + the upload

    # A garbage weights file: a friendly message, no traceback.
    at.file_uploader(key="train_weights_upload").set_value(("w.pt", b"certainly not weights", "application/octet-stream"))
    rerun(at)
    assert [e.value for e in at.error] == [t("train.ckpt.not_checkpoint", lang=lang)]


class WritesAMarker:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "this code ran"))


def test_compare_both_then_load_weights(tmp_path):
    at = goto(open_app("en"), PAGE)
    short_run(at, steps=4).button(key="train_compare").click()
    rerun(at)
    history = at.session_state["train_history"]
    assert [r.config.aux for r in history] == [True, False] and all(r.status == "done" for r in history)
    # The verdict is computed from these two runs, whichever way it falls.
    a, b = history
    gain = 100 * (a.test_accuracy - b.test_accuracy)
    assert_shows(at, t("train.verdict.numbers", lang="en", a=1, b=2, acc_with=100 * a.test_accuracy,
                       acc_without=100 * b.test_accuracy, diff=gain,
                       loss_with=sum(a.main_losses[-10:]) / len(a.main_losses[-10:]),
                       loss_without=sum(b.main_losses[-10:]) / len(b.main_losses[-10:])).split(" Final")[0])
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

    # Weights saved from a run load back as a new entry, ready to use.
    trainer = Trainer(TrainConfig(depth=2, aux=False, max_steps=3))
    list(trainer.run())
    blob = save_checkpoint(trainer.model, trainer.config)
    at.file_uploader(key="train_weights_upload").set_value(("good.pt", blob, "application/octet-stream"))
    rerun(at)
    assert not at.error
    history = at.session_state["train_history"]
    assert history[-1].status == "loaded" and history[-1].number == 3
    assert_shows(at, prefix("train.load.ok", "en"), t("train.grad.none", lang="en"))
    rerun(at)  # the same file is not added twice
    assert len(at.session_state["train_history"]) == 3


def test_a_stopped_run_is_kept():
    """Stop reruns the script in the middle of training: the run found still 'running' is kept, marked stopped."""
    at = goto(open_app("zh"), PAGE)
    trainer = Trainer(TrainConfig(depth=1, aux=False, max_steps=10))
    rec = RunRecord(number=1, config=trainer.config, model=trainer.model, total_steps=trainer.total_steps)
    for report in trainer.run():
        rec.update(report)
        if report.step == 4:
            break
    at.session_state["train_history"] = [rec]
    at.session_state["train_counter"] = 1
    rerun(at)
    assert rec.status == "stopped" and rec.evaluation is not None
    assert_shows(at, t("train.stopped", lang="zh", n=1, step=4, total=10), t("train.status.stopped", lang="zh"))
