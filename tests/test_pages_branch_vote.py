"""AppTest of the page "Which branch voted" through app.py, in both languages, with and without weights: the
block x branch heat maps, the scrambled-weights panel, the occlusion map, a click on the picture (the component's
value set as the browser would send it), the sliders as the keyboard path, and a bad upload. Also the click path of
the receptive-field page."""
from __future__ import annotations

import json

import pytest

from apptest_helpers import assert_shows, goto, open_app, rerun, vega_charts
from googlenet.i18n import t
from googlenet.receptive_field import receptive_fields, unit_centre

PAGE, RECEPTIVE = "app_pages/branch_vote.py", "app_pages/receptive_field.py"


def click(at, key: str, x: float, y: float, shown: int = 448, stamp: int = 1) -> None:
    """What streamlit-image-coordinates sends for a click at (x, y) on a picture shown shown x shown."""
    at.session_state[key] = {"x": x, "y": y, "width": shown, "height": shown, "unix_time": stamp}


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at) -> str:
    return "\n".join(c for image in at.image for c in image.captions) + "\n" + "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_branch_vote_without_weights(lang, without_weights):
    at = goto(open_app(lang), PAGE)
    assert at.title[0].value == t("nav.branch_vote", lang=lang)
    assert_shows(at, t("bv.untrained", lang=lang), t("bv.sanity.untrained", lang=lang))
    charts = vega_charts(at)
    assert len(charts) == 2                                     # the network as it is, and scrambled
    for spec, data in charts:
        assert len(data) == 36                                  # 9 blocks x 4 branches
        colours = json.dumps(spec)
        assert "cividis" in colours and "jet" not in colours
        assert data["share"].between(-1, 1).all()
    assert not charts[0][1]["share"].equals(charts[1][1]["share"])   # scrambling changed the table
    metrics = metric_values(at)
    assert t("bv.sanity.rho", lang=lang) in metrics and t("bv.metric.logit", lang=lang) in metrics
    assert t("bv.occ.count", lang=lang, n=4, total=16) in captions(at)
    # A click on the picture sets the patch centre (the sliders follow); moving a slider later is not undone.
    click(at, "bv_click", 100, 300)
    rerun(at)
    assert (at.slider(key="bv_x").value, at.slider(key="bv_y").value) == (50, 150)
    assert t("bv.occ.hidden.caption", lang=lang, patch=56, x=50, y=150) in captions(at)
    at.slider(key="bv_x").set_value(200)
    rerun(at)
    assert (at.slider(key="bv_x").value, at.slider(key="bv_y").value) == (200, 150)


def test_branch_vote_with_weights_other_class_scope_and_patch(with_weights):
    at = goto(open_app("zh"), PAGE)
    assert not [w for w in at.warning if w.value == t("bv.untrained", lang="zh")]
    box = next(s for s in at.selectbox if s.key.startswith("bv_class_"))
    assert box.options[0].startswith("1. ")
    box.select_index(1)
    at.selectbox(key="bv_scope").set_value("inception4e")
    at.selectbox(key="bv_patch").set_value(32)                   # starts 0, 56, 112, 168 and 192: 5 x 5
    rerun(at)
    second = next(s for s in at.selectbox if s.key.startswith("bv_class_")).value
    from ui.labels import class_name   # noqa: E402 - the page's own label, in the test thread's language
    assert_shows(at, t("bv.heading", lang="zh", name=class_name(second)),
                 t("bv.sanity.scope.down", lang="zh", layer=t("common.block", lang="zh", name="4e")))
    assert t("bv.occ.count", lang="zh", n=5, total=25) in captions(at)
    assert len(vega_charts(at)) == 2


def test_branch_vote_bad_upload(without_weights):
    at = goto(open_app("en"), PAGE)
    at.file_uploader[0].set_value(("broken.jpg", b"\xff\xd8 not a jpeg", "image/jpeg"))
    rerun(at)
    assert any("broken.jpg" in e.value for e in at.error)
    assert not vega_charts(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_receptive_field_click_picks_the_nearest_unit(lang, without_weights):
    at = goto(open_app(lang), RECEPTIVE)
    field = receptive_fields("torchvision")["inception4a"]       # the page's default layer: 14 x 14, jump 16
    x, y = unit_centre("inception4a", 2, 11)                      # the centre of unit (row 2, column 11), crop pixels
    click(at, "rf_click", x * 2, y * 2)                           # the picture is shown at twice the crop's size
    rerun(at)
    assert (at.slider(key=f"rf_row_{field.side}").value, at.slider(key=f"rf_col_{field.side}").value) == (2, 11)
    assert t("click.rf.how", lang=lang) in captions(at)
    assert t("click.rf.caption", lang=lang, row=2, col=11) in captions(at)
    at.slider(key=f"rf_row_{field.side}").set_value(5)            # the keyboard path still works afterwards
    rerun(at)
    assert at.slider(key=f"rf_row_{field.side}").value == 5
