"""The Ablation and Grad-CAM pages with a network trained in the training lab, through app.py in both languages:
train a tiny run on the training page, go to the page, pick the run, and check that what the page shows is what
the package computes on that network (blocks and branches named as the network names them)."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet.ablation import compare, largest_difference, plain_logits, switches
from googlenet.explain import grad_cam
from googlenet.i18n import t
from googlenet.lab_network import dataset_of, digit_batch, prepare_input
from googlenet.network_anatomy import inception_blocks
from test_pages_feature_maps_lab import train_tiny_run

ABLATION, GRADCAM = "app_pages/ablation.py", "app_pages/gradcam.py"


def last_run(at):
    return at.session_state["train_history"][-1]


def nth_test_digit(rec, index: int) -> np.ndarray:
    return rec.data.x_test[index, 0].numpy()


def digit_png() -> bytes:
    """A hand-drawn "1": a thick dark stroke on white."""
    image = Image.new("RGB", (120, 160), "white")
    ImageDraw.Draw(image).line([(60, 20), (60, 140)], fill="black", width=14)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def pick_run(at, key: str):
    at.selectbox(key=key).set_value("run1")
    return rerun(at)


def metric_values(at) -> list[str]:
    return [m.value for m in at.metric]


# ----------------------------------------------------------------------------------------------- ablation
def test_without_lab_runs_ablation_is_googlenets(with_weights):
    at = goto(open_app("en"), ABLATION)
    assert_shows(at, t("exp.abl.network.none", lang="en"))
    assert not [s for s in at.selectbox if s.key == "abl_network"]
    assert at.selectbox(key="abl_block").value == "inception4a"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ablation_of_a_lab_run(lang, with_weights):
    at = train_tiny_run(open_app(lang))
    rec = last_run(at)
    goto(at, ABLATION)
    network = at.selectbox(key="abl_network")
    assert network.value == "googlenet" and len(network.options) == 2
    pick_run(at, "abl_network")
    assert not [s for s in at.selectbox if s.key == "abl_block"]          # GoogLeNet's switches are gone
    block = at.selectbox(key="abl_block_run1")
    assert block.options == [t("fmaps.lab.block_label", lang=lang, name=f"inception{i}", kind="Inception")
                             for i in (1, 2, 3)] + [t("exp.abl.lab.block.all", lang=lang, k=3)]
    assert_shows(at, t("exp.abl.lab.intro", lang=lang, n=1, k=3), t("exp.abl.none", lang=lang))

    # Test digit 7 of the run's own data set, branch 2 of inception2 off: the page's numbers are the package's.
    at.slider(key=f"abl_lab_index_{dataset_of(rec.config)}").set_value(7)
    block.set_value("inception2")
    rerun(at)
    at.checkbox(key="abl_off_run1_branch2").check()
    rerun(at)
    digit = nth_test_digit(rec, 7)
    result = compare(rec.model, digit_batch(digit), dict(switches("inception2", ["branch2"], inception_blocks(rec.model))))
    top = result.top_class
    assert metric_values(at) == [t("exp.abl.lab.digit", lang=lang, d=top), f"{float(result.ablated[top]):.1%}",
                                 t("exp.abl.lab.digit", lang=lang, d=result.ablated_top_class)]
    label = t("fmaps.lab.block_label", lang=lang, name="inception2", kind="Inception")
    assert_shows(at, t("exp.abl.channels", lang=lang, block=label, off=24, total=64, detail="24"),
                 t("fmaps.digit.truth", lang=lang, label=int(rec.data.y_test[7])))

    # Every branch of every block alone: 3 x 4 rows, with the network's own module names and widths.
    table = at.dataframe[0].value
    assert len(table) == 12
    assert table[t("exp.abl.lab.col.module", lang=lang)].tolist()[:4] == [
        f"inception1.branch{i}" for i in (1, 2, 3, 4)]
    assert table[t("exp.abl.lab.col.channels", lang=lang)].tolist()[:4] == [16, 24, 12, 12]
    alone = compare(rec.model, digit_batch(digit), {"inception3": ["branch4"]})
    prob = table[t("exp.abl.lab.col.prob", lang=lang, digit=top)].tolist()[-1]
    assert prob == pytest.approx(float(alone.ablated[top]), abs=1e-6)

    # All branches of the last block off: nothing of the digit gets through, two digits get the same scores.
    block = at.selectbox(key="abl_block_run1").set_value("inception3")
    rerun(at)
    for b in ("branch1", "branch3", "branch4"):
        at.checkbox(key=f"abl_off_run1_{b}").check()
    rerun(at)
    x = rec.data.x_test
    other = next(x[i, 0].numpy() for i in range(len(x)) if not np.array_equal(x[i, 0].numpy(), digit))
    intact = [plain_logits(rec.model, digit_batch(d)).reshape(-1) for d in (digit, other)]
    third = t("fmaps.lab.block_label", lang=lang, name="inception3", kind="Inception")
    assert [w.value for w in at.warning] == [t("exp.abl.lab.cut", lang=lang, block=third, diff=0.0,
                                               intact=largest_difference(intact))]
    assert largest_difference(intact) > 0


def test_ablation_of_the_seed_net_on_an_uploaded_digit(with_weights):
    at = train_tiny_run(open_app("en"), preset="seed_mnist", steps=1)
    rec = last_run(at)
    goto(at, ABLATION)
    pick_run(at, "abl_network")
    assert at.selectbox(key="abl_block_run1").options == ["incep1 (InceptionA)", "incep2 (InceptionA)",
                                                          t("exp.abl.lab.block.all", lang="en", k=2)]
    modules = at.dataframe[0].value[t("exp.abl.lab.col.module", lang="en")].tolist()
    assert modules[:4] == ["incep1.branch1x1", "incep1.branch5x5_2", "incep1.branch3x3_3", "incep1.branch_pool"]
    # All blocks, branch 1 off: 16 channels in each of the two blocks.
    at.selectbox(key="abl_block_run1").set_value("all")
    rerun(at)
    at.checkbox(key="abl_off_run1_branch1").check()
    rerun(at)
    assert_shows(at, t("exp.abl.lab.channels.all", lang="en", k=2, off=32, total=176))

    at.radio(key="abl_lab_source").set_value("upload")
    rerun(at)
    assert_shows(at, t("fmaps.digit.upload.none", lang="en"))
    at.file_uploader(key="abl_lab_upload").set_value(("one.png", digit_png(), "image/png"))
    rerun(at)
    digit = prepare_input(rec.config, Image.open(io.BytesIO(digit_png())).convert("RGB"))
    result = compare(rec.model, digit_batch(digit), {"incep1": ["branch1"], "incep2": ["branch1"]})
    assert metric_values(at)[1] == f"{float(result.ablated[result.top_class]):.1%}"

    # A broken picture: a clear message, the switches stay as they were.
    at.file_uploader(key="abl_lab_upload").set_value(("broken.png", b"\x89PNG\r\n\x1a\n-garbage", "image/png"))
    rerun(at)
    assert at.error and not at.dataframe
    assert at.checkbox(key="abl_off_run1_branch1").value and at.selectbox(key="abl_block_run1").value == "all"


# ----------------------------------------------------------------------------------------------- Grad-CAM
def test_without_lab_runs_gradcam_is_googlenets(with_weights):
    at = goto(open_app("zh"), GRADCAM)
    assert_shows(at, t("gradcam.network.none", lang="zh"))
    assert not [s for s in at.selectbox if s.key == "cam_network"]
    assert at.selectbox(key="cam_block").value == "inception5b"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gradcam_of_a_lab_run(lang, with_weights):
    at = train_tiny_run(open_app(lang))
    rec = last_run(at)
    mode = rec.model.training
    goto(at, GRADCAM)
    pick_run(at, "cam_network")
    assert not [s for s in at.selectbox if s.key == "cam_block"]            # GoogLeNet's blocks are gone
    block = at.selectbox(key="cam_block_run1")
    assert block.options == [t("fmaps.lab.block_label", lang=lang, name=f"inception{i}", kind="Inception")
                             for i in (1, 2, 3)]
    assert block.value == "inception3"                                      # the last block by default

    digit = nth_test_digit(rec, 0)
    cam = grad_cam(rec.model, digit_batch(digit), None, "inception3")
    top, probs = cam.class_index, cam.probabilities
    h, w = cam.heatmap.shape
    assert metric_values(at) == [str(top), f"{float(probs[top]):.1%}", f"{h}×{w}"]
    assert_shows(at, t("gradcam.lab.heading", lang=lang, d=top, prob=float(probs[top])),
                 t("gradcam.lab.names", lang=lang, n=1, k=3),
                 t("fmaps.digit.truth", lang=lang, label=int(rec.data.y_test[0])))

    # Another digit to explain and an earlier block: the same numbers as the package's.
    other = cam.top_classes(2)[1]
    at.selectbox(key=f"cam_class_run1_test{dataset_of(rec.config)}0").set_value(other)
    at.selectbox(key="cam_block_run1").set_value("inception1")
    rerun(at)
    early = grad_cam(rec.model, digit_batch(digit), other, "inception1")
    assert metric_values(at) == [str(top), f"{float(probs[other]):.1%}", "×".join(map(str, early.heatmap.shape))]
    assert at.metric[1].label == t("gradcam.lab.metric.prob", lang=lang, d=other)
    assert rec.model.training == mode          # the page's passes gave the network back in the mode it found


def test_gradcam_of_the_seed_net_on_uploads(with_weights):
    at = train_tiny_run(open_app("en"), preset="seed_mnist", steps=1)
    rec = last_run(at)
    goto(at, GRADCAM)
    pick_run(at, "cam_network")
    assert at.selectbox(key="cam_block_run1").options == ["incep1 (InceptionA)", "incep2 (InceptionA)"]
    assert metric_values(at)[2] == "4×4"          # incep2: 88×4×4, the article's 1,408 features
    at.selectbox(key="cam_block_run1").set_value("incep1")
    rerun(at)
    assert metric_values(at)[2] == "12×12"

    at.radio(key="cam_lab_source").set_value("upload")
    rerun(at)
    at.file_uploader(key="cam_lab_upload").set_value(("one.png", digit_png(), "image/png"))
    rerun(at)
    digit = prepare_input(rec.config, Image.open(io.BytesIO(digit_png())).convert("RGB"))
    cam = grad_cam(rec.model, digit_batch(digit), None, "incep2")
    assert metric_values(at)[:2] == [str(cam.class_index), f"{float(cam.probabilities[cam.class_index]):.1%}"]

    at.file_uploader(key="cam_lab_upload").set_value(("broken.png", b"\x89PNG\r\n\x1a\n-garbage", "image/png"))
    rerun(at)
    assert at.error and not at.metric
    assert at.selectbox(key="cam_block_run1").value == "incep1"
