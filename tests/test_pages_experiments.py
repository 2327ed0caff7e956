"""The three experiment pages (branch ablation, preprocessing inspector, receptive fields) through the app, in
both languages, with and without weights, with every awkward picture of the corpus and with random widget
values. (Grad-CAM's own tests live with the other vision pages, in test_pages_vision.py.)"""
from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from PIL import Image

from apptest_helpers import assert_shows, choose_language, goto, open_app, rerun, visible_text
from googlenet.ablation import ALL_BLOCKS, channels_off
from googlenet.i18n import t
from googlenet.model import BLOCKS, BRANCHES
from googlenet.receptive_field import receptive_fields, shown_stages, unit_field
from picture_corpus import awkward_pictures, broken_files
from ui.charts_experiments import block_label

FETCH = "python -m googlenet.weights download"
ABLATION, PREPROCESSING = "app_pages/ablation.py", "app_pages/preprocessing.py"
RECEPTIVE = "app_pages/receptive_field.py"
OUR_PAGES = (ABLATION, PREPROCESSING, RECEPTIVE)
SAMPLES = ("chelsea_cat.jpg", "coffee.jpg", "rocket.jpg", "china_temple.jpg")
PROPERTY = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def metric(at, label_key: str, lang: str):
    label = t(label_key, lang=lang)
    return next(m for m in at.metric if m.label == label)


def png(width: int, height: int, colour=(90, 160, 40)) -> tuple[str, bytes, str]:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return f"good_{width}x{height}.png", buffer.getvalue(), "image/png"


def ticked(at) -> list[str]:
    return [b for b in BRANCHES if at.checkbox(key=f"abl_off_{b}").value]


def assert_switches_agree(at, lang: str) -> None:
    """What the switches show is what the page computed: the channel count, and 'nothing off' or not."""
    block, branches = at.selectbox(key="abl_block").value, ticked(at)
    count = channels_off(block, branches)
    text = visible_text(at)
    if block == ALL_BLOCKS and branches:
        assert t("exp.abl.channels.all", lang=lang, off=count.off, total=count.total) in text
    elif branches:
        assert t("exp.abl.channels", lang=lang, block=block_label(block), off=count.off, total=count.total,
                 detail=" + ".join(map(str, count.widths))) in text
    pattern = re.escape(t("exp.abl.channels.all", lang=lang, off=0, total=0)).replace("0", r"\d+")
    assert bool(branches) or not re.search(pattern, text)   # no stale count once everything is back on
    if at.metric:   # a picture was read: the results follow the same switches
        assert (t("exp.abl.none", lang=lang) in text) == (not branches)


# ----------------------------------------------------------------------------------------- ablation

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ablation_with_weights(lang, with_weights):
    at = goto(open_app(lang), ABLATION)
    assert at.title[0].value == t("nav.ablation", lang=lang)
    assert FETCH not in visible_text(at)
    # Nothing switched off: both networks agree, a shift of zero.
    prob = metric(at, "exp.abl.metric.prob", lang)
    assert prob.delta == t("exp.abl.shift", lang=lang, pp=0.0)
    before = prob.value
    assert_shows(at, t("exp.abl.none", lang=lang))
    assert t("exp.abl.table.ablated", lang=lang) in at.dataframe[0].value.columns
    # Switch off two branches of the last block: the top class's probability moves.
    at.selectbox(key="abl_block").set_value("inception5b")
    at.checkbox(key="abl_off_branch1").check()
    at.checkbox(key="abl_off_branch2").check()
    rerun(at)
    prob = metric(at, "exp.abl.metric.prob", lang)
    assert prob.value != before
    assert prob.delta != t("exp.abl.shift", lang=lang, pp=0.0)
    assert_shows(at, t("exp.abl.channels", lang=lang, block="Inception 5b", off=384 + 384, total=1024,
                       detail="384 + 384"))
    table = at.dataframe[0].value
    assert len(table) == 5 and list(table[t("exp.abl.table.intact_p", lang=lang)]) != list(
        table[t("exp.abl.table.ablated_p", lang=lang)])
    # The same branches switched off in all nine blocks, and the per-branch scan.
    at.selectbox(key="abl_block").set_value(ALL_BLOCKS)
    at.toggle(key="abl_scan").set_value(True)
    rerun(at)
    every = channels_off(ALL_BLOCKS, ["branch1", "branch2"])
    assert_shows(at, t("exp.abl.scan.intro", lang=lang),
                 t("exp.abl.channels.all", lang=lang, off=every.off, total=every.total))
    assert len(at.get("image")) >= 2   # the comparison chart and the scan chart


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ablation_switches_survive_a_bad_upload(lang, with_weights):
    """The user's report: tick branch 1, upload a bad file, then a good one. The box stays ticked and the
    page still says (and computes) 192 of 512 channels off."""
    at = goto(open_app(lang), ABLATION)
    at.checkbox(key="abl_off_branch1").check()
    rerun(at)
    at.file_uploader[0].set_value(broken_files()[0])
    rerun(at)
    assert len(at.error) == 1 and ticked(at) == ["branch1"]   # the switches are still drawn, still ticked
    assert_switches_agree(at, lang)
    at.file_uploader[0].set_value(png(300, 200))
    rerun(at)
    assert ticked(at) == ["branch1"] and not at.error
    assert_shows(at, t("exp.abl.channels", lang=lang, block="Inception 4a", off=192, total=512, detail="192"))
    assert_switches_agree(at, lang)
    # A language switch keeps what is shown and what is computed together too.
    choose_language(at, "en" if lang == "zh" else "zh")
    assert_switches_agree(at, "en" if lang == "zh" else "zh")


def test_ablation_without_weights_says_what_to_run(without_weights):
    at = goto(open_app("en"), ABLATION)
    assert_shows(at, FETCH, t("exp.abl.no_weights", lang="en"))
    assert not at.file_uploader and not at.checkbox


@PROPERTY
@given(lang=hs.sampled_from(["en", "zh"]), block=hs.sampled_from([*BLOCKS, ALL_BLOCKS]),
       off=hs.sets(hs.sampled_from(BRANCHES)), scan=hs.booleans(),
       picture=hs.sampled_from(["sample", "bad", "strip", "tiny"]), sample=hs.sampled_from(SAMPLES))
def test_ablation_property(with_weights, apps, lang, block, off, scan, picture, sample):
    at = apps(ABLATION, lang)
    at.selectbox(key="abl_block").set_value(block)
    for b in BRANCHES:
        at.checkbox(key=f"abl_off_{b}").set_value(b in off)
    at.toggle(key="abl_scan").set_value(scan)
    choose_picture(at, picture, sample)
    rerun(at)
    assert ticked(at) == [b for b in BRANCHES if b in off] and at.selectbox(key="abl_block").value == block
    assert bool(at.error) == (picture == "bad")
    assert_switches_agree(at, lang)


# ----------------------------------------------------------------------------------------- preprocessing

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_preprocessing_without_weights(lang, without_weights):
    at = goto(open_app(lang), PREPROCESSING)
    assert at.title[0].value == t("nav.preprocessing", lang=lang)
    table = at.dataframe[0].value
    shapes = list(table[t("exp.pre.table.shape", lang=lang)])
    assert shapes[0] == "300×451×3" and shapes[1].startswith("256×")  # the default sample: Chelsea the cat
    assert shapes[2:] == ["224×224×3", "3×224×224", "3×224×224", "3×224×224"]
    assert table[t("exp.pre.table.range", lang=lang)].iloc[3].startswith("0.000 … 0.")  # scaled to 0…1
    assert len(at.get("image")) == 6 + 1   # six steps and the histograms
    assert_shows(at, "451×300 · " + t("exp.pre.what.original", lang=lang))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_preprocessing_shows_a_tall_strip_sensibly(lang, without_weights):
    """The user's report: a 10x3000 PNG crashed st.image (the 256x76,800 resize cannot be a JPEG)."""
    at = goto(open_app(lang), PREPROCESSING)
    at.file_uploader[0].set_value(next(p for p in awkward_pictures() if p[0] == "tall_10x3000.png"))
    rerun(at)
    assert not at.error
    assert_shows(at, "10×3000 · ", "256×76800 · ", t("exp.pre.partial", lang=lang))
    assert list(at.dataframe[0].value[t("exp.pre.table.shape", lang=lang)])[:2] == ["3000×10×3", "76800×256×3"]


@PROPERTY
@given(lang=hs.sampled_from(["en", "zh"]), sample=hs.sampled_from(SAMPLES),
       picture=hs.sampled_from(["sample", "bad", "strip", "tiny"]))
def test_preprocessing_property(without_weights, apps, lang, sample, picture):
    at = apps(PREPROCESSING, lang)
    choose_picture(at, picture, sample)
    rerun(at)
    assert bool(at.error) == (picture == "bad")
    if picture != "bad":
        shapes = list(at.dataframe[0].value[t("exp.pre.table.shape", lang=lang)])
        assert shapes[2:] == ["224×224×3", "3×224×224", "3×224×224", "3×224×224"]


# ----------------------------------------------------------------------------------------- receptive fields

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_receptive_field_without_weights(lang, without_weights):
    at = goto(open_app(lang), RECEPTIVE)
    assert at.title[0].value == t("nav.receptive_field", lang=lang)
    # inception4a by default: 14x14 grid, jump 16, field 107 pixels.
    assert metric(at, "exp.rf.metric.side", lang).value == "14×14"
    assert metric(at, "exp.rf.metric.rf", lang).value == t("exp.rf.px", lang=lang, n=107)
    at.selectbox(key="rf_stage").set_value("inception5b")
    at.radio(key="rf_variant").set_value("paper")
    rerun(at)
    assert metric(at, "exp.rf.metric.rf", lang).value == t("exp.rf.px", lang=lang, n=715)
    at.slider(key="rf_row_7").set_value(0)
    rerun(at)
    x0, y0, x1, y1 = unit_field("inception5b", 0, 3, "paper")
    assert (y0, x1) == (0, 224)
    assert_shows(at, t("exp.rf.box", lang=lang, x0=x0, y0=y0, x1=x1, y1=y1))
    assert_shows(at, t("exp.rf.bigger", lang=lang, rf=715))
    # A bad upload takes only the drawing away: the unit and its numbers stay.
    at.file_uploader[0].set_value(broken_files()[0])
    rerun(at)
    assert len(at.error) == 1 and not at.get("image")
    assert at.slider(key="rf_row_7").value == 0
    assert_shows(at, t("exp.rf.box", lang=lang, x0=x0, y0=y0, x1=x1, y1=y1))


@PROPERTY
@given(lang=hs.sampled_from(["en", "zh"]), variant=hs.sampled_from(["torchvision", "paper"]), data=hs.data(),
       picture=hs.sampled_from(["sample", "bad", "strip", "tiny"]))
def test_receptive_field_property(without_weights, apps, lang, variant, data, picture):
    at = apps(RECEPTIVE, lang)
    stage = data.draw(hs.sampled_from(shown_stages(variant)), label="stage")
    at.radio(key="rf_variant").set_value(variant)
    choose_picture(at, picture, "coffee.jpg")
    rerun(at)
    at.selectbox(key="rf_stage").set_value(stage)
    rerun(at)
    field = receptive_fields(variant)[stage]
    row, col = (data.draw(hs.integers(0, field.side - 1), label=axis) for axis in ("row", "col"))
    at.slider(key=f"rf_row_{field.side}").set_value(row)
    at.slider(key=f"rf_col_{field.side}").set_value(col)
    rerun(at)
    assert metric(at, "exp.rf.metric.rf", lang).value == t("exp.rf.px", lang=lang, n=field.rf)
    assert metric(at, "exp.rf.metric.side", lang).value == t("exp.rf.grid", lang=lang, n=field.side)
    x0, y0, x1, y1 = unit_field(stage, row, col, variant)
    assert_shows(at, t("exp.rf.box", lang=lang, x0=x0, y0=y0, x1=x1, y1=y1))
    shown = bool(at.get("image") or at.get("component_instance"))   # the field is drawn in the clickable picture
    assert bool(at.error) == (picture == "bad") and shown == (picture != "bad")


# ----------------------------------------------------------------------------------------- every page, any picture

@pytest.fixture
def apps():
    """One app per (page, language) for all the draws of a property test: the draws become a random sequence
    of actions on one session, as a student's clicks are."""
    opened = {}

    def app(page: str, lang: str):
        if page not in opened:
            opened[page] = goto(open_app(lang), page)
        return choose_language(opened[page], lang)
    return app


def choose_picture(at, picture: str, sample: str) -> None:
    """"sample": no upload, one of the samples; "bad": a broken file; "strip"/"tiny": awkward uploads."""
    uploader = at.file_uploader[0]
    if picture == "sample":
        uploader.clear()
        at.selectbox(key=f"{uploader.key.removesuffix('_upload')}_sample").set_value(sample)
    elif picture == "bad":
        uploader.set_value(broken_files()[1])
    else:
        name = "wide_3000x10.png" if picture == "strip" else "one_pixel.png"
        uploader.set_value(next(p for p in awkward_pictures() if p[0] == name))


REFUSED = {"very_wide_20000x20.png"}   # preprocessing would blow it up past the pixel limit


@pytest.mark.parametrize("page", OUR_PAGES)
def test_every_picture_of_the_corpus(page, with_weights):
    at = goto(open_app("en"), page)
    for name, data, mime in (*awkward_pictures(), *broken_files()):
        at.file_uploader[0].set_value((name, data, mime))
        rerun(at)   # no exception (assert_clean)
        if name in REFUSED or (name, data, mime) in broken_files():
            assert len(at.error) == 1 and name in at.error[0].value, name
        else:
            assert not at.error, (name, [e.value for e in at.error])
            assert name in visible_text(at), name


@pytest.mark.parametrize("page", [*OUR_PAGES, "app_pages/gradcam.py"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_upload_shows_a_friendly_error(lang, page, with_weights):
    at = goto(open_app(lang), page)
    at.file_uploader[0].set_value(("bad.jpg", b"garbage", "image/jpeg"))
    rerun(at)
    message = t("input.error", lang=lang, name="bad.jpg", reason=t("images.not_image", lang=lang))
    assert [e.value for e in at.error] == [message]
