"""Every view is a link, for the receptive fields, the training lab, the channel visualisation, which branch voted,
and the sample photo of every vision page: a link with state opens that view (the widgets hold its values and the
page computes from them), in English and in Chinese; values a page cannot take fall back to its default with the
links' short notice, never an exception. One run per page and language (the Chinese one mixes kept and refused
values)."""
from __future__ import annotations

import pytest

from googlenet.i18n import t
from googlenet.images import load_image
from test_pages_links import open_link, toasts
from ui import url_state
from test_pages_classroom import PIN, class_env, png_bytes  # noqa: F401 (class_env: a fixture)
from ui.image_input import ASSETS, CLASS_PHOTO, SAMPLE_LINK_NAMES, SAMPLES
from ui.labels import class_name
from ui.page_links import PICKERS


def bad(lang: str, values: str) -> list[str]:
    return [t("url.bad", lang=lang, values=values)]


def markdown(at) -> str:
    """The page's text, with the pictures' captions."""
    images = [i.caption for e in at.get("image") for i in e.proto.imgs]
    return "\n".join([*(m.value for m in at.markdown), *(c.value for c in at.caption), *images])


def using_sample(file: str, lang: str) -> str:
    picture = load_image(ASSETS / file)
    return t("input.using.sample", lang=lang, name=t(SAMPLES[file], lang=lang), w=picture.width, h=picture.height)


# ------------------------------------------------------------------------------------------ receptive field
def rf_metric(at, field) -> tuple[str, str]:
    got = {m.label: m.value for m in at.metric}
    return got[t("exp.rf.metric.rf")], got[t("exp.rf.metric.jump")]


def test_receptive_field_link_en():
    from googlenet.receptive_field import receptive_fields

    at = open_link("receptive_field", "en", variant="paper", layer="inception3b", row=3, col=20, photo="coffee",
                   measure=1)
    field = receptive_fields("paper")["inception3b"]
    assert field.side == 28 and not toasts(at)
    assert at.radio(key="rf_variant").value == "paper" and at.selectbox(key="rf_stage").value == "inception3b"
    assert at.slider(key="rf_row_28").value == 3 and at.slider(key="rf_col_28").value == 20
    assert at.selectbox(key="rf_sample").value == "coffee.jpg"           # the sample photo travels too
    # what the page computes from them: the paper network's 3b field, the unit's box caption, the coffee photo
    assert rf_metric(at, field) == (t("exp.rf.px", n=field.rf), t("exp.rf.px", n=field.jump))
    text = markdown(at)
    assert t("click.rf.caption", row=3, col=20) in text and using_sample("coffee.jpg", "en") in text
    assert at.query_params["row"] == "3" and at.query_params["photo"] == "coffee"
    # the measured field, open: it is measured on torchvision's network only, and the page says so for the paper's
    opened = [e.proto.expanded for e in at.expander if e.label == t("exp.rf.effective.title")]
    assert at.toggle(key="rf_effective").value and opened == [True]
    assert t("exp.rf.effective.paper") in [i.value for i in at.info]


def test_receptive_field_link_zh_with_bad_values():
    from googlenet.receptive_field import receptive_fields

    at = open_link("receptive_field", "zh", variant="paper", layer="inception9z", row=3, col="-1", photo="dog")
    assert toasts(at) == bad("zh", "photo=dog, layer=inception9z, col=-1")
    field = receptive_fields("paper")["inception4a"]                     # the default layer: a 14x14 grid
    assert at.radio(key="rf_variant").value == "paper" and at.selectbox(key="rf_stage").value == "inception4a"
    assert at.slider(key="rf_row_14").value == 3 and at.slider(key="rf_col_14").value == field.side // 2
    assert at.selectbox(key="rf_sample").value == "chelsea_cat.jpg"
    assert rf_metric(at, field)[0] == t("exp.rf.px", lang="zh", n=field.rf)
    assert t("click.rf.caption", lang="zh", row=3, col=7) in markdown(at)
    assert at.query_params["layer"] == "inception4a" and at.query_params["col"] == "7"   # the address is mended
    # a click on the picture picks the unit nearest to it, and the address names it (the fragment's own rerun,
    # without app.py's, in Chromium: tests/test_browser_links_vision.py)
    at.session_state["rf_click"] = {"x": 440, "y": 8, "width": 448, "height": 448, "unix_time": 1}
    at.run()
    assert at.slider(key="rf_row_14").value == 0 and at.slider(key="rf_col_14").value == 13
    assert at.query_params["row"] == "0" and at.query_params["col"] == "13"


# ------------------------------------------------------------------------------------------ channel visualisation
def cvis_names(block: str, part: str, channel: int) -> str:
    from googlenet.microscope import branch_widths, concat_index, lucid_index, microscope_name
    from ui.channel_vis import part_label
    from ui.labels import block_label

    lucid = lucid_index(block, part, channel)
    return t("cvis.names", block=block_label(block), part=part_label(part), channel=channel,
             concat=concat_index(block, part, channel), total=sum(branch_widths(block).values()),
             micro=microscope_name(block), lucid=t("cvis.names.lucid_none") if lucid is None else lucid)


def test_channel_vis_link_en():
    at = open_link("channel_vis", "en", block="inception4c", part="branch3", channel=12, steps=64, size=96,
                   diverse=1, grid=2, all=0)
    assert not toasts(at)
    assert at.selectbox(key="cvis_block").value == "inception4c" and at.selectbox(key="cvis_part").value == "branch3"
    assert at.slider(key="cvis_channel_inception4c_branch3").value == 12
    assert at.select_slider(key="cvis_steps").value == 64 and at.select_slider(key="cvis_size").value == 96
    assert at.toggle(key="cvis_diversity").value and at.select_slider(key="cvis_grid_count").value == 2
    assert not at.toggle(key="cvis_grid_all").value
    # the page's names of that channel, its settings, and a grid of branch 3 only: 2 pictures; nothing started
    assert cvis_names("inception4c", "branch3", 12) in markdown(at)
    infos = [i.value for i in at.info]
    assert t("cvis.press_start", steps=64, size=96) in infos and t("cvis.grid.press_start", count=2) in infos
    assert at.query_params["channel"] == "12" and at.query_params["all"] == "0"


def test_channel_vis_link_zh_with_bad_values():
    """4c's output has 512 channels (0-511): 512 is one too many; steps and size not among the choices."""
    at = open_link("channel_vis", "zh", block="inception4c", part="output", channel=512, steps="1e309", size="nan",
                   grid=4)
    assert toasts(at) == bad("zh", "channel=512, steps=1e309, size=nan")
    assert at.selectbox(key="cvis_part").value == "output" and at.slider(key="cvis_channel_inception4c_output").value == 0
    assert at.select_slider(key="cvis_steps").value == 256 and at.select_slider(key="cvis_size").value == 128
    assert t("cvis.press_start", lang="zh", steps=256, size=128) in [i.value for i in at.info]
    assert t("cvis.grid.press_start", lang="zh", count=16) in [i.value for i in at.info]   # 4 branches x 4
    assert at.query_params["channel"] == "0"


# ------------------------------------------------------------------------------------------ training lab
def resnet_caption(depth: int, dataset: str, lang: str) -> str:
    from googlenet.digits import settings_parameters
    from googlenet.digits.nets import block_size

    return t("train.preset.resnet_small.caption", lang=lang, depth=depth, size=block_size(dataset),
             params=settings_parameters("resnet_small", depth, False, dataset),
             stem=t(f"train.resnet_stem.{dataset}", lang=lang))


def test_training_link_en_sets_the_lab_and_trains_nothing():
    at = open_link("training", "en", preset="resnet_small", data="mnist", depth=12, shortcuts=0, epochs=3, lr=0.01,
                   softmax=1, seed=7, batch=32, steps=50, experiment="residual")
    assert not toasts(at)
    assert at.radio(key="train_preset").value == "resnet_small" and at.radio(key="train_data_resnet_small").value == "mnist"
    assert at.slider(key="train_depth_resnet").value == 12 and not at.toggle(key="train_shortcuts").value
    assert at.slider(key="train_epochs").value == 3 and at.select_slider(key="train_lr").value == 0.01
    assert at.toggle(key="train_softmax_bug").value and at.number_input(key="train_seed").value == 7
    assert at.selectbox(key="train_batch").value == 32 and at.number_input(key="train_max_steps").value == 50
    assert at.radio(key="trainexp_kind").value == "residual"
    # what the page computes from them: the net's caption with its parameter count, the trio's button (12 > 2
    # blocks: deep, deep plain, shallow) - and no run: a link never starts training
    assert resnet_caption(12, "mnist", "en") in markdown(at)
    assert at.button(key="trainexp_residual").label == t("trainexp.residual.button", n=3)
    assert t("train.none_yet") in [i.value for i in at.info]
    assert at.query_params["depth"] == "12" and at.query_params["lr"] == "0.01"


def test_training_link_zh_with_bad_values():
    at = open_link("training", "zh", preset="resnet_small", depth=0, epochs="nan", lr="0.02", batch="-1",
                   steps="99999999999", seed="７", experiment="gan")
    assert toasts(at) == bad("zh", "depth=0, epochs=nan, lr=0.02, seed=７, batch=-1, steps=99999999999, experiment=gan")
    assert at.radio(key="train_preset").value == "resnet_small" and at.slider(key="train_depth_resnet").value == 8
    assert at.slider(key="train_epochs").value == 8 and at.select_slider(key="train_lr").value == 0.003
    assert at.selectbox(key="train_batch").value == 64 and at.number_input(key="train_max_steps").value == 0
    assert at.radio(key="trainexp_kind").value == "aux"
    assert resnet_caption(8, "digits", "zh") in markdown(at)
    assert at.query_params["depth"] == "8" and at.query_params["experiment"] == "aux"


# ------------------------------------------------------------------------------------------ which branch voted
def bv_class(at):
    return next(s for s in at.selectbox if s.key and s.key.startswith("bv_class_"))


def test_branch_vote_links():
    """EN: the view of a link; the class (?label=) is one of the picture's top 5, which the first visit shows; ZH:
    that class in a link, with refused values; a class outside the top 5: the best guess and the notice."""
    link = dict(photo="rocket", scope="inception4e", patch=96, stride=28)   # the third run reuses its cached grid
    at = open_link("branch_vote", "en", **link, x=40, y=200, knockout=1)
    assert not toasts(at) and at.selectbox(key="bv_sample").value == "rocket.jpg"
    assert at.selectbox(key="bv_scope").value == "inception4e"
    assert at.selectbox(key="bv_patch").value == 96 and at.selectbox(key="bv_stride").value == 28
    assert at.slider(key="bv_x").value == 40 and at.slider(key="bv_y").value == 200 and at.toggle(key="bv_knockout").value
    text = markdown(at)
    assert t("bv.occ.hidden.caption", patch=96, x=40, y=200) in text and using_sample("rocket.jpg", "en") in text
    assert t("bv.ko.title") in text                                       # the knock-out ran
    assert at.query_params["label"] == str(bv_class(at).value) and at.query_params["x"] == "40"
    bv_class(at).select_index(2)                                          # the third of the picture's top 5
    at.run()
    third, labels = bv_class(at).value, list(bv_class(at).options)
    assert at.query_params["label"] == str(third)                         # the address follows the choice
    outside = next(c for c in range(1000) if not any(class_name(c) in label for label in labels))

    at = open_link("branch_vote", "zh", photo="rocket", label=third, patch=50, x="nan", y=300)
    assert toasts(at) == bad("zh", "patch=50, x=nan, y=300")
    assert bv_class(at).value == third and t("bv.heading", lang="zh", name=class_name(third)) in markdown(at)
    assert at.selectbox(key="bv_patch").value == 56 and at.slider(key="bv_x").value == 112
    assert t("bv.occ.hidden.caption", lang="zh", patch=56, x=112, y=112) in markdown(at)

    at = open_link("branch_vote", "en", **link, label=outside)   # a class the list does not offer
    assert toasts(at) == bad("en", f"label={outside}") and bv_class(at).index == 0
    assert at.query_params["label"] == str(bv_class(at).value)


# ------------------------------------------------------------------------------------------ the sample photo
def test_every_picture_page_takes_the_photo_and_nothing_else_refuses_it():
    """Each page that draws the picker takes ?photo= (the four samples, and the class photo)."""
    from pathlib import Path

    pages = {p.stem for p in (Path(__file__).parent.parent / "app_pages").glob("*.py")
             if "pick_image(" in p.read_text(encoding="utf-8")}
    assert pages == set(PICKERS)
    for page in pages:
        assert "photo" in url_state.link_of(page).names()
        for name in [*SAMPLE_LINK_NAMES.values(), "class"]:
            assert url_state.invalid(page, {"photo": name}) == []
        assert url_state.invalid(page, {"photo": "my_upload.jpg"}) == ["photo=my_upload.jpg"]
    assert set(SAMPLE_LINK_NAMES) == set(SAMPLES)


def test_a_class_photo_link_without_a_class_falls_back_to_the_first_sample():
    at = open_link("classify", "en", photo="class")
    assert at.selectbox(key="cls_sample").value == "chelsea_cat.jpg"
    assert toasts(at) == bad("en", "photo=class") and at.query_params["photo"] == "cat"


def test_a_class_link_that_names_a_photo(class_env):
    """A class link opens on the class photo (tests/test_pages_classroom.py) - unless it names another photo."""
    code = class_env.publish(PIN, png_bytes(), name="leaf.png")
    at = open_link("preprocessing", "en", **{"class": code, "photo": "coffee"})
    picker = at.selectbox(key="pre_sample")
    assert picker.value == "coffee.jpg" and t("classroom.input.option", code=code) in picker.options
    assert using_sample("coffee.jpg", "en") in markdown(at)
    at = open_link("preprocessing", "zh", **{"class": code, "photo": "class"})
    assert at.selectbox(key="pre_sample").value == CLASS_PHOTO and at.query_params["photo"] == "class"
    assert not toasts(at)
