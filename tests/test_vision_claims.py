"""What the picture pages claim, checked against what they compute (issue 13: a teacher must never have to correct
them). The fact behind the ablation page's "all branches off" lesson with real tensors, then every changed claim
through app.py in both languages: Classify, preprocessing, feature maps, receptive fields, ablation, Grad-CAM and
the sidebar's weights panel."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import torch
from matplotlib.colors import Colormap

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet.ablation import ALL_BLOCKS, blind_logits, cut_block, largest_difference, plain_logits, switches
from googlenet.i18n import t
from googlenet.images import load_image, to_batch
from googlenet.model import BLOCKS, BRANCHES
from googlenet.receptive_field import (crop_share, effective_field, influence_square, receptive_fields, unit_centre,
                                      unit_field)
from googlenet.viz import HEAT_CMAP, colourise, overlay
from googlenet.weights import load_pretrained, weights_meta

ASSETS = Path(__file__).resolve().parent.parent / "assets"
CLASSIFY, PREPROCESSING, FMAPS = "app_pages/classify.py", "app_pages/preprocessing.py", "app_pages/feature_maps.py"
RECEPTIVE, ABLATION, GRADCAM = "app_pages/receptive_field.py", "app_pages/ablation.py", "app_pages/gradcam.py"
LANGS = ("en", "zh")
# Claims that were wrong and must never come back, in either language.
RETRACTED = ("original Caffe GoogLeNet", "最初的 Caffe 版 GoogLeNet", "exactly as during ImageNet training",
             "和 ImageNet 训练时完全一样", "must do without that block", "网络必须绕过这个模块",
             "as if the branch had learned nothing", "好像这个分支什么都没学到", "stays on this computer")


def assert_no_retracted_claim(at) -> None:
    text = visible_text(at)
    assert not [claim for claim in RETRACTED if claim in text]


def metric(at, key: str, lang: str):
    return next(m for m in at.metric if m.label == t(key, lang=lang))


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


# ----------------------------------------------------------------------------- the fact, with real tensors

@pytest.fixture(scope="module")
def network(fake_weights_file):
    """A network with the real checkpoint's shapes and He-scaled random numbers (its answers follow the picture)."""
    return load_pretrained(fake_weights_file, download=False)


@pytest.fixture(scope="module")
def two_photos() -> list[torch.Tensor]:
    return [to_batch(load_image(ASSETS / name)) for name in ("chelsea_cat.jpg", "rocket.jpg")]


@pytest.mark.parametrize("block", BLOCKS)
def test_a_block_with_every_branch_off_makes_every_photo_get_the_same_answer(network, two_photos, block):
    """There is no path around an Inception block: with its four branches off, nothing of the photo gets past it."""
    intact = [plain_logits(network, batch).reshape(-1) for batch in two_photos]
    assert largest_difference(intact) > 1e-2                     # the intact network tells the photos apart
    off = dict(switches(block, BRANCHES))
    assert cut_block(off) == block
    cat, rocket = blind_logits(network, two_photos, off)
    assert torch.equal(cat, rocket)                              # bit for bit: the same numbers, not merely close
    assert largest_difference([cat, rocket]) == 0.0
    assert int(cat.argmax()) == int(rocket.argmax())


def test_three_branches_off_still_let_the_photo_through(network, two_photos):
    off = dict(switches("inception4a", BRANCHES[:3]))
    assert cut_block(off) is None
    assert largest_difference(blind_logits(network, two_photos, off)) > 1e-3


def test_the_first_cut_block_is_found_in_forward_order():
    assert cut_block({}) is None
    assert cut_block(dict(switches(ALL_BLOCKS, BRANCHES))) == "inception3a"
    assert cut_block({"inception5a": BRANCHES, "inception4c": BRANCHES, "inception3a": BRANCHES[1:]}) == "inception4c"


def test_heat_maps_use_a_colour_blind_safe_map():
    """inferno's lightness grows with the value: a heat map reads the same in grey."""
    assert HEAT_CMAP == "inferno"
    grey = colourise(torch.linspace(0, 1, 11).numpy(), HEAT_CMAP, stretch=False).astype(float) @ [0.299, 0.587, 0.114]
    assert (grey[1:] > grey[:-1]).all()
    picture = torch.zeros(224, 224, 3, dtype=torch.uint8).numpy()
    hot = torch.ones(7, 7).numpy()
    assert (overlay(picture, hot, opacity=1.0, stretch=False)[0, 0] == colourise(1.0, HEAT_CMAP, stretch=False)).all()


def test_heatmap_figure_is_drawn_with_the_same_map():
    from ui.charts_vision import heatmap_figure

    figure = heatmap_figure(torch.rand(7, 7).numpy())
    cmap = figure.axes[0].images[0].get_cmap()
    assert isinstance(cmap, Colormap) and cmap.name == HEAT_CMAP


def test_a_wide_field_near_the_border_misses_part_of_the_crop():
    field = receptive_fields("torchvision")["inception5b"]
    assert field.rf > 224
    assert crop_share("inception5b", 3, 3) == 1.0                 # the middle unit sees the whole crop
    assert 0.85 < crop_share("inception5b", 0, 0) < 0.95           # a corner unit misses about a tenth of it


@pytest.mark.parametrize("stage, row, col", [("conv3", 28, 28), ("inception4a", 7, 7), ("inception4a", 0, 13)])
def test_the_effective_field_lies_inside_the_theoretical_one_and_is_smaller(network, two_photos, stage, row, col):
    """The gradient reaches every pixel the count says it can, and none other; half of it comes from the middle."""
    strength = effective_field(network, two_photos[0], stage, row, col)
    x0, y0, x1, y1 = (int(v) for v in unit_field(stage, row, col))
    inside = strength[y0:y1, x0:x1]
    assert strength.max() == 1.0 and strength.sum() == pytest.approx(inside.sum())   # nothing outside the box
    assert (inside > 0).mean() > 0.9                                                   # nearly every pixel inside
    rf = receptive_fields("torchvision")[stage].rf
    half = influence_square(strength, unit_centre(stage, row, col), 0.5)
    assert 1 <= half < rf and half <= influence_square(strength, unit_centre(stage, row, col), 0.9) <= 2 * rf
    assert all(p.grad is None for p in network.parameters())                         # the shared model is untouched


def test_influence_square_counts_from_the_centre():
    point = torch.zeros(224, 224).numpy()
    point[100, 50] = 1.0
    assert influence_square(point, (50.5, 100.5), 0.5) == 1
    flat = torch.ones(224, 224).numpy()
    assert influence_square(flat, (112.0, 112.0), 0.25) == 113    # 113 x 113 ~ a quarter of 224 x 224


# ----------------------------------------------------------------------------- the pages, in both languages

@pytest.mark.parametrize("lang", LANGS)
def test_classify_explains_top5_and_shows_this_networks_accuracy(lang, with_weights):
    at = goto(open_app(lang), CLASSIFY)
    meta = weights_meta()
    assert_shows(at, t("classify.top5_accuracy", lang=lang, top5=meta["top5"], top1=meta["top1"]),
                 t("classify.metric.top5.help", lang=lang))
    assert "89.53%" in t("classify.top5_accuracy", lang=lang, top5=meta["top5"], top1=meta["top1"])
    assert [link.proto.label for link in at.get("page_link")] == [t("reconciled.link", lang=lang)]
    assert metric(at, "classify.metric.top5", lang).value.endswith("%")
    # The table writes its probabilities as the chart does: percent with one decimal (a step of 0.001).
    table = at.dataframe[0]
    column = t("classify.table.prob", lang=lang)
    options = json.loads(table.proto.columns)[column]["type_config"]
    assert (options["format"], options["step"], options["max_value"]) == ("percent", 0.001, 1.0)
    values = table.value[column].tolist()
    assert all(0 < v < 1 for v in values) and sum(values) <= 1.000001
    assert_shows(at, t("classify.intro", lang=lang))
    assert_no_retracted_claim(at)


@pytest.mark.parametrize("lang", LANGS)
def test_preprocessing_says_evaluation_not_training_and_where_the_weights_come_from(lang, without_weights):
    at = goto(open_app(lang), PREPROCESSING)
    text = markdown_text(at) + visible_text(at)
    for key in ("exp.pre.intro", "exp.pre.why_transform", "exp.pre.training"):
        assert t(key, lang=lang) in text
    assert "TF-slim" in t("exp.pre.why_transform", lang=lang) and "8–100%" in t("exp.pre.training", lang=lang)
    assert ("evaluation" if lang == "en" else "评估") in t("exp.pre.intro", lang=lang)
    assert_no_retracted_claim(at)


@pytest.mark.parametrize("lang", LANGS)
def test_ablation_all_branches_off_shows_two_photos_with_one_answer(lang, with_weights):
    at = goto(open_app(lang), ABLATION)
    assert not [m for m in at.markdown if t("exp.abl.cut.title", lang=lang, block="Inception 4a") in m.value]
    for branch in BRANCHES:
        at.checkbox(key=f"abl_off_{branch}").check()
    rerun(at)
    shown = markdown_text(at)
    assert t("exp.abl.cut.title", lang=lang, block="Inception 4a") in shown
    assert t("exp.abl.cut.body", lang=lang, block="Inception 4a") in shown
    ablated_label = t("exp.abl.cut.line", lang=lang, label=t("exp.abl.cut.ablated", lang=lang), answer="")
    answers = [m.value for m in at.markdown if m.value.startswith(ablated_label.removesuffix("****"))]
    assert len(answers) == 2 and answers[0] == answers[1]            # your photo and another one: one answer
    assert_shows(at, t("exp.abl.cut.same", lang=lang, diff=0.0, block="Inception 4a"))
    captions = [c for image in at.image for c in image.captions]
    assert t("input.sample.cat", lang=lang) in captions and t("input.sample.coffee", lang=lang) in captions
    # "changed" is a word: no arrow on it.
    changed = metric(at, "exp.abl.metric.new_top", lang)
    assert changed.proto.direction == changed.proto.MetricDirection.NONE
    # Three of the four back on: the photo gets through again, the demonstration goes.
    at.checkbox(key="abl_off_branch4").uncheck()
    rerun(at)
    assert t("exp.abl.cut.title", lang=lang, block="Inception 4a") not in markdown_text(at)
    assert_shows(at, t("exp.abl.try", lang=lang), t("exp.abl.intro", lang=lang))
    assert_no_retracted_claim(at)


@pytest.mark.parametrize("lang", LANGS)
def test_ablation_all_blocks_cut_at_the_first_block(lang, with_weights):
    at = goto(open_app(lang), ABLATION)
    at.selectbox(key="abl_block").set_value(ALL_BLOCKS)
    for branch in BRANCHES:
        at.checkbox(key=f"abl_off_{branch}").check()
    rerun(at)
    assert t("exp.abl.cut.title", lang=lang, block="Inception 3a") in markdown_text(at)
    assert_shows(at, t("exp.abl.cut.same", lang=lang, diff=0.0, block="Inception 3a"))


@pytest.mark.parametrize("lang", LANGS)
def test_receptive_field_says_when_a_wide_field_still_misses_part_of_the_crop(lang, without_weights):
    at = goto(open_app(lang), RECEPTIVE)
    at.selectbox(key="rf_stage").set_value("inception5b")
    rerun(at)
    at.slider(key="rf_row_7").set_value(3)
    at.slider(key="rf_col_7").set_value(3)
    rerun(at)
    assert_shows(at, t("exp.rf.bigger", lang=lang, rf=379), t("exp.rf.theory_note", lang=lang))
    at.slider(key="rf_row_7").set_value(0)
    at.slider(key="rf_col_7").set_value(0)
    rerun(at)
    text = visible_text(at)
    assert t("exp.rf.bigger.edge", lang=lang, rf=379, missed=1 - crop_share("inception5b", 0, 0)) in text
    assert t("exp.rf.bigger", lang=lang, rf=379) not in text
    assert "NIPS 2016" in t("exp.rf.theory_note", lang=lang)
    at.selectbox(key="rf_stage").set_value("conv2")
    rerun(at)
    assert_shows(at, t("exp.rf.name.conv2", lang=lang))


@pytest.mark.parametrize("lang, weights", [("en", True), ("zh", False)])
def test_receptive_field_measures_the_effective_field_on_demand(lang, weights, request):
    request.getfixturevalue("with_weights" if weights else "without_weights")
    at = goto(open_app(lang), RECEPTIVE)
    assert_shows(at, t("exp.rf.effective.intro", lang=lang))
    images = len(at.image)
    at.toggle(key="rf_effective").set_value(True)
    rerun(at)
    assert len(at.image) == images + 1
    stage = receptive_fields("torchvision")["inception4a"]
    pattern = re.escape(t("exp.rf.effective.caption", lang=lang, stage="Inception 4a", row=7, col=7, rf=stage.rf,
                          half=123456, most=654321)).replace("123456", r"(\d+)").replace("654321", r"(\d+)")
    found = [re.fullmatch(pattern, c.value) for c in at.caption]
    half, _, most, _ = next(tuple(int(v) for v in m.groups()) for m in found if m)   # {half}×{half}, {most}×{most}
    assert 1 <= half <= most < stage.rf      # the measured field is smaller than the counted one
    assert_shows(at, t("exp.rf.effective.pretrained" if weights else "exp.rf.effective.untrained", lang=lang))
    at.radio(key="rf_variant").set_value("paper")
    rerun(at)
    assert_shows(at, t("exp.rf.effective.paper", lang=lang))


@pytest.mark.parametrize("lang", LANGS)
def test_feature_maps_name_conv2_as_the_reduction_and_say_what_zeros_are(lang, with_weights):
    at = goto(open_app(lang), FMAPS)
    assert_shows(at, t("fmaps.stats.caption", lang=lang), t("fmaps.intro", lang=lang))
    assert t("fmaps.block.conv2", lang=lang) in at.selectbox(key="fm_block").options
    # The table's zeros in whole percent, as the lines under the grids write them ("45% zeros").
    zeros = json.loads(at.dataframe[0].proto.columns)[t("fmaps.stats.zeros", lang=lang)]["type_config"]
    assert (zeros["format"], zeros["step"]) == ("percent", 0.01)
    assert_no_retracted_claim(at)


@pytest.mark.parametrize("lang", LANGS)
def test_gradcam_says_what_it_weights_with_and_what_it_does_not_show(lang, with_weights):
    at = goto(open_app(lang), GRADCAM)
    five_b = receptive_fields("torchvision")["inception5b"]
    body = markdown_text(at)
    assert t("gradcam.limits.body", lang=lang, jump=five_b.jump) in body
    assert t("gradcam.how.body", lang=lang) in body
    assert ("averaged" if lang == "en" else "取平均") in t("gradcam.intro", lang=lang)
    assert_shows(at, t("gradcam.raw", lang=lang, side=7, jump=32, rf=five_b.rf))
    assert "inferno" in t("gradcam.raw", lang=lang)


@pytest.mark.parametrize("lang", LANGS)
def test_weights_panel_says_where_the_weights_come_from(lang, with_weights):
    at = open_app(lang)
    assert_shows(at, t("common.weights_origin", lang=lang))
    assert "TF-slim" in t("common.weights_origin", lang=lang)
