"""The Experiments and Grad-CAM pages through the app, in both languages, with and without weights."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet.i18n import t
from googlenet.receptive_field import unit_field

FETCH = "python -m googlenet.weights download"


def metric(at, label_key: str, lang: str):
    label = t(label_key, lang=lang)
    return next(m for m in at.metric if m.label == label)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ablation_with_weights(lang, with_weights):
    at = goto(open_app(lang), "app_pages/experiments.py")
    assert at.title[0].value == t("nav.experiments", lang=lang)
    assert FETCH not in visible_text(at)
    # Nothing switched off: both networks agree, a shift of zero.
    prob = metric(at, "exp.abl.metric.prob", lang)
    assert prob.delta == t("exp.abl.shift", lang=lang, pp=0.0)
    before = prob.value
    assert_shows(at, t("exp.abl.none", lang=lang))
    assert t("exp.abl.table.ablated", lang=lang) in at.dataframe[0].value.columns
    # Switch off two branches of the last block: the top class's probability moves.
    at.selectbox(key="exp_block").set_value("inception5b")
    at.checkbox(key="exp_off_branch1").check()
    at.checkbox(key="exp_off_branch2").check()
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
    at.selectbox(key="exp_block").set_value("all")
    at.toggle(key="exp_scan").set_value(True)
    rerun(at)
    assert_shows(at, t("exp.abl.scan.intro", lang=lang))
    assert len(at.get("image")) >= 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gradcam_with_weights(lang, with_weights):
    at = goto(open_app(lang), "app_pages/gradcam.py")
    assert at.title[0].value == t("nav.gradcam", lang=lang)
    assert len(at.get("image")) >= 2   # the crop, the overlay (the raw map is a chart)
    assert metric(at, "gradcam.metric.rank", lang).value == "1 / 1000"
    assert metric(at, "gradcam.metric.grid", lang).value == "7×7"
    # Another class, another block, another opacity: no exception, the numbers follow.
    at.selectbox(key="cam_class_top5").select_index(2)
    at.selectbox(key="cam_block").set_value("inception4a")
    at.slider(key="cam_opacity").set_value(0.8)
    rerun(at)
    assert metric(at, "gradcam.metric.rank", lang).value == "3 / 1000"
    assert metric(at, "gradcam.metric.grid", lang).value == "14×14"
    # Any of the 1000 classes.
    at.toggle(key="cam_any").set_value(True)
    rerun(at)
    at.selectbox(key="cam_class_all").set_value(504)  # coffee mug
    rerun(at)
    assert_shows(at, "coffee mug")
    assert metric(at, "gradcam.metric.rank", lang).value.endswith(" / 1000")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_weights_the_other_tabs_still_work(lang, without_weights):
    at = goto(open_app(lang), "app_pages/experiments.py")
    assert_shows(at, FETCH, t("exp.abl.no_weights", lang=lang))
    # Preprocessing inspector: the table with every step's numbers.
    table = at.dataframe[0].value
    shapes = list(table[t("exp.pre.table.shape", lang=lang)])
    assert shapes[0] == "300×451×3" and shapes[1].startswith("256×")  # the default sample: Chelsea the cat
    assert shapes[2:] == ["224×224×3", "3×224×224", "3×224×224", "3×224×224"]
    assert table[t("exp.pre.table.range", lang=lang)].iloc[3].startswith("0.000 … 0.")  # scaled to 0…1
    # Receptive field: inception4a by default: 14x14 grid, jump 16, field 107 pixels.
    assert metric(at, "exp.rf.metric.side", lang).value == "14×14"
    assert metric(at, "exp.rf.metric.rf", lang).value == t("exp.rf.px", lang=lang, n=107)
    at.selectbox(key="exp_rf_stage").set_value("inception5b")
    at.radio(key="exp_rf_variant").set_value("paper")
    rerun(at)
    assert metric(at, "exp.rf.metric.rf", lang).value == t("exp.rf.px", lang=lang, n=715)
    at.slider(key="exp_rf_row_7").set_value(0)
    rerun(at)
    x0, y0, x1, y1 = unit_field("inception5b", 0, 3, "paper")
    assert (y0, x1) == (0, 224)
    assert_shows(at, t("exp.rf.box", lang=lang, x0=x0, y0=y0, x1=x1, y1=y1))
    assert_shows(at, t("exp.rf.bigger", lang=lang, rf=715))

    at = goto(at, "app_pages/gradcam.py")
    assert_shows(at, FETCH, t("gradcam.no_weights", lang=lang))


@pytest.mark.parametrize("page", ["app_pages/experiments.py", "app_pages/gradcam.py"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_upload_shows_a_friendly_error(lang, page, without_weights):
    at = goto(open_app(lang), page)
    at.file_uploader[0].set_value(("bad.jpg", b"garbage", "image/jpeg"))
    rerun(at)
    message = t("input.error", lang=lang, name="bad.jpg", reason=t("images.not_image", lang=lang))
    assert [e.value for e in at.error] == [message]
