"""The training lab's "try the network" Draw tab and its bad input, through AppTest on app.py, both languages:
a drawn digit classified by the run just trained (MNIST 28x28 and the 8x8 digits), an empty canvas, a scribble,
the unsure note; the PNG of every run's curves; weights files that are not the lab's (another architecture,
settings that do not fit their weights, a truncated file, a picture renamed .pt) refused with a clear message
while the runs stay.

The canvas itself needs a browser (tests/test_browser_training_draw.py draws on it with the mouse); here a
stand-in module hands the page a drawing as the canvas would (its RGBA picture and its list of strokes)."""
from __future__ import annotations

import io
import sys
import types
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from PIL import Image

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet.digits import TrainConfig, Trainer, predict_proba, save_checkpoint
from googlenet.digits.drawing import MAX_DIGIT_COVERAGE, MNIST_MAX_COVERAGE, UNSURE_BELOW, prepare_drawing, top_k
from googlenet.i18n import t
from googlenet.lab_network import lab_maps
from test_drawing import SEVEN, drawn, scribble
from ui.charts_training_png import png_labels, runs_png
from ui.draw_digit import MAPS_PER_BLOCK

PAGE = "app_pages/training.py"


# ------------------------------------------------------------------------------------------------ helpers
class StandInCanvas:
    """A module in place of streamlit_drawable_canvas: st_canvas returns `picture` as the canvas would (None:
    nothing drawn), and records the keys it was drawn with."""

    def __init__(self):
        self.picture: np.ndarray | None = None
        self.keys: list[str] = []
        self.module = types.ModuleType("streamlit_drawable_canvas")
        self.module.st_canvas = self.st_canvas

    def st_canvas(self, key: str, **_settings):
        self.keys.append(key)
        if self.picture is None:
            return SimpleNamespace(json_data={"objects": []}, image_data=None)
        return SimpleNamespace(json_data={"objects": [{"type": "path"}]}, image_data=self.picture)


@pytest.fixture
def canvas(monkeypatch) -> StandInCanvas:
    stand_in = StandInCanvas()
    monkeypatch.setitem(sys.modules, "streamlit_drawable_canvas", stand_in.module)
    return stand_in


def short_run(at, preset: str, steps: int):
    at.radio(key="train_preset").set_value(preset)
    rerun(at)
    at.number_input(key="train_max_steps").set_value(steps)
    at.slider(key="train_epochs").set_value(1)
    at.button(key="train_start").click()
    return rerun(at)


def history(at):
    return at.session_state["train_history"]


def tab_labels(at) -> list[str]:
    return [tab.label for tab in at.tabs]


def warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def image_captions(at) -> list[str]:
    return [c for image in at.get("image") for c in image.captions]


def expected_answer(model, rgba: np.ndarray, dataset: str) -> tuple[list[tuple[int, float]], object]:
    """What the page must say for this drawing: the top 3 from the model itself, and the prepared drawing."""
    drawing = prepare_drawing(rgba, dataset=dataset)
    return top_k(predict_proba(model, drawing.digit)[0], 3), drawing


def assert_answer_shown(at, lang: str, model, rgba: np.ndarray, dataset: str) -> None:
    best, drawing = expected_answer(model, rgba, dataset)
    assert t("draw.prediction", lang=lang, digit=best[0][0], p=best[0][1]) in [m.value for m in at.markdown]
    text = visible_text(at)
    for digit, p in best:                                          # the top-3 table
        assert f"| {digit} | {p:.1%} |" in text
    assert t("draw.seen", lang=lang, size=drawing.size) in image_captions(at)
    assert_shows(at, t(f"draw.seen.help.{dataset}", lang=lang))
    unsure_note = t("draw.unsure", lang=lang, p=best[0][1], limit=UNSURE_BELOW, second=best[1][0], p2=best[1][1])
    assert (unsure_note in warnings(at)) == (best[0][1] < UNSURE_BELOW)   # the note follows the model's numbers
    assert t("draw.empty", lang=lang) not in [i.value for i in at.info]


# ------------------------------------------------------------------------------------------------ the Draw tab
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_draw_tab_is_there_and_starts_empty(lang):
    """With the real canvas component (AppTest registers it like a server): a third tab, the empty canvas's
    message, no prediction from it."""
    at = goto(open_app(lang), PAGE)
    short_run(at, "googlenet_small", steps=2)
    assert tab_labels(at) == [t("train.try.test_tab", lang=lang), t("train.try.upload_tab", lang=lang),
                              t("train_draw.tab", lang=lang)]
    draw_tab = at.tabs[2]
    assert [i.value for i in draw_tab.info] == [t("draw.empty", lang=lang)]
    assert not draw_tab.warning and not draw_tab.error
    assert t("draw.clear", lang=lang) in [b.label for b in draw_tab.button]
    assert t("draw.instructions", lang=lang) in [c.value for c in draw_tab.caption]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_drawing_through_a_run_on_mnist(canvas, lang):
    """The seed net trained briefly on MNIST: a drawn 7 is prepared like MNIST (28x28), the page shows the
    network's own top 3 and the feature maps of its two Inception blocks; a scribble is answered and flagged;
    the canvas emptied again says so; the run stays."""
    at = goto(open_app(lang), PAGE)
    short_run(at, "seed_mnist", steps=12)
    rec = history(at)[0]
    assert rec.config.dataset == "mnist" and rec.status == "done"
    assert [i.value for i in at.tabs[2].info] == [t("draw.empty", lang=lang)]   # nothing drawn yet

    canvas.picture = drawn(SEVEN)
    rerun(at)
    assert_answer_shown(at, lang, rec.model, canvas.picture, "mnist")
    _, drawing = expected_answer(rec.model, canvas.picture, "mnist")
    maps = lab_maps(rec.model, drawing.digit)
    assert list(maps) == ["incep1", "incep2"]
    captions = [c.value for c in at.tabs[2].caption]
    for name, parts in maps.items():                                   # a row of maps per Inception block
        c, h, w = parts["output"].shape
        assert t("draw.maps.caption", lang=lang, name=name, c=c, h=h, w=w, k=min(MAPS_PER_BLOCK, c)) in captions
    assert t("draw.maps.title", lang=lang) in visible_text(at)
    assert not any(w.startswith(t("draw.not_digit", lang=lang).split("{")[0]) for w in warnings(at))

    canvas.picture = scribble()
    rerun(at)
    assert_answer_shown(at, lang, rec.model, canvas.picture, "mnist")
    scrawl = prepare_drawing(canvas.picture)
    assert t("draw.not_digit", lang=lang, share=scrawl.coverage, limit=MAX_DIGIT_COVERAGE,
             mnist_max=MNIST_MAX_COVERAGE) in warnings(at)

    canvas.picture = drawn([])                                         # strokes undone: a blank picture
    rerun(at)
    assert t("draw.empty", lang=lang) in [i.value for i in at.info]
    assert t("draw.prediction", lang=lang).split("{")[0] not in "\n".join(m.value for m in at.tabs[2].markdown)
    assert len(history(at)) == 1 and history(at)[0] is rec
    assert all(key.startswith("train_draw_canvas_") for key in canvas.keys)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_drawing_through_a_run_on_the_8x8_digits(canvas, lang):
    """A small net on the 8x8 digits: the same drawing is prepared like the 8x8 digits (8x8, 0..16), and the
    page says so."""
    at = goto(open_app(lang), PAGE)
    short_run(at, "googlenet_small", steps=3)
    rec = history(at)[0]
    assert rec.config.dataset == "digits"
    canvas.picture = drawn(SEVEN)
    rerun(at)
    assert_answer_shown(at, lang, rec.model, canvas.picture, "digits")
    assert t("draw.seen", lang=lang, size=28) not in image_captions(at)
    c, h, w = lab_maps(rec.model, expected_answer(rec.model, canvas.picture, "digits")[1].digit)["inception1"]["output"].shape
    assert (h, w) == (8, 8)
    assert t("draw.maps.caption", lang=lang, name="inception1", c=c, h=h, w=w, k=MAPS_PER_BLOCK) in [
        cap.value for cap in at.tabs[2].caption]


# ------------------------------------------------------------------------------------------------ downloads
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_curves_of_every_run_as_a_png(lang):
    """Next to the CSV: a PNG button; the picture it writes is a real PNG whose legend names every run."""
    at = goto(open_app(lang), PAGE)
    short_run(at, "googlenet_small", steps=3)
    short_run(at, "googlenet_small", steps=4)
    assert_shows(at, t("train_png.button", lang=lang), t("train.history.csv", lang=lang))
    runs = list(history(at))
    labels = png_labels(runs, lang)
    assert [labels[r.number].split(" · ")[0] for r in runs] == ["#1", "#2"]
    assert all(t("train_png.final", lang=lang, acc=f"{100 * r.test_accuracy:.1f}%") in labels[r.number] for r in runs)
    blob = runs_png(runs, labels, lang)
    assert blob.startswith(b"\x89PNG\r\n\x1a\n")
    picture = Image.open(io.BytesIO(blob))
    picture.verify()
    assert picture.size[0] > 1000 and picture.size[1] > 600


# ------------------------------------------------------------------------------------------------ bad weights
def torchvision_state_dict() -> bytes:
    """Another architecture's weights, saved the usual way (torch.save of a state_dict): SqueezeNet 1.1."""
    from torchvision.models import squeezenet1_1

    buffer = io.BytesIO()
    torch.save(squeezenet1_1(weights=None).state_dict(), buffer)
    return buffer.getvalue()


def relabelled_checkpoint() -> bytes:
    """One of the lab's own files whose settings name another network than its weights fit: the seed MNIST
    net's weights, the settings of a small GoogLeNet."""
    trainer = Trainer(TrainConfig(preset="seed_mnist", dataset="mnist", aux=False, max_steps=1))
    blob = save_checkpoint(trainer.model, trainer.config)
    payload = torch.load(io.BytesIO(blob), weights_only=True)
    payload["config"]["preset"] = "googlenet_small"
    buffer = io.BytesIO()
    torch.save(payload, buffer)
    return buffer.getvalue()


def truncated_checkpoint() -> bytes:
    trainer = Trainer(TrainConfig(depth=2, aux=False, max_steps=1))
    blob = save_checkpoint(trainer.model, trainer.config)
    return blob[: len(blob) // 2]


def png_renamed_pt() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (28, 28), "white").save(buffer, format="PNG")
    return buffer.getvalue()


BAD_WEIGHTS = [("squeezenet.pt", torchvision_state_dict, "train.ckpt.not_ours"),
               ("relabelled.pt", relabelled_checkpoint, "train.ckpt.mismatch"),
               ("truncated.pt", truncated_checkpoint, "train.ckpt.not_checkpoint"),
               ("picture.pt", png_renamed_pt, "train.ckpt.not_checkpoint")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_weights_files_are_refused_and_the_runs_stay(lang):
    at = goto(open_app(lang), PAGE)
    short_run(at, "googlenet_small", steps=2)
    short_run(at, "googlenet_small", steps=3)
    before = [r.number for r in history(at)]
    table_runs = lambda: list(at.dataframe[0].value[t("train.history.table.run", lang=lang)])  # noqa: E731
    assert table_runs() == ["#1", "#2"]
    for name, make, reason in BAD_WEIGHTS:
        at.file_uploader(key="train_weights_upload").set_value((name, make(), "application/octet-stream"))
        rerun(at)
        assert [e.value for e in at.error] == [t(reason, lang=lang)], name
        assert t("train_weights.kept", lang=lang, n=2) in [c.value for c in at.caption], name
        assert [r.number for r in history(at)] == before, name          # nothing added, nothing lost
        assert table_runs() == ["#1", "#2"], name
        assert at.metric, name                                            # the chosen run's results still shown
    rerun(at)                                                             # the refusal stays while the file does
    assert [e.value for e in at.error] == [t("train.ckpt.not_checkpoint", lang=lang)]
