"""Settings survive a visit to another page: a student who checks the home page and comes back finds the page as
they left it, and the page computes what its widgets show."""
from __future__ import annotations

import pytest

from apptest_helpers import goto, open_app
from googlenet.i18n import t
from ui.state import KEPT_CHOICES, is_kept


def test_only_settable_widgets_are_kept():
    for action in ("train_start", "train_stop", "train_compare", "train_clear", "train_download", "lab_verify",
                   "lab_reset", "lab_ex_check", "lab_ex_new", "cls_upload", "fm_camera", "train_weights_upload",
                   "train_digit_upload"):
        assert not is_kept(action), action
    assert is_kept("abl_off_branch2") and is_kept("fm_sample") and is_kept("rf_row_14")
    assert len(set(KEPT_CHOICES)) == len(KEPT_CHOICES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_settings_come_back_after_another_page(lang, with_weights):
    at = goto(open_app(lang), "app_pages/inception_lab.py")
    at.selectbox(key="lab_preset").set_value("inception5b")
    at.run()
    at.text_input(key="lab_size").input("8")
    at.run()
    goto(at, "app_pages/ablation.py")
    at.selectbox(key="abl_block").set_value("inception5b")
    at.checkbox(key="abl_off_branch2").check()
    at.run()
    goto(at, "app_pages/training.py")
    at.slider(key="train_depth").set_value(5)
    at.run()

    goto(at, "app_pages/home.py")
    goto(at, "app_pages/inception_lab.py")
    assert at.selectbox(key="lab_preset").value == "inception5b"
    assert at.text_input(key="lab_size").value == "8" and at.text_input(key="lab_in_ch").value == "832"
    macs = {m.label: m.value for m in at.metric}[t("lab.metric.bottleneck", lang=lang)]
    from googlenet import module_lab

    cfg = module_lab.lab_presets()["inception5b"]
    expected = module_lab.LabConfig(cfg.spec, 8).cost(bottleneck=True)["total"].macs
    assert macs == f"{expected:,}"                    # the page computes what the fields show
    goto(at, "app_pages/ablation.py")
    assert at.selectbox(key="abl_block").value == "inception5b" and at.checkbox(key="abl_off_branch2").value
    goto(at, "app_pages/training.py")
    assert at.slider(key="train_depth").value == 5


def test_the_newer_pages_keep_their_settings_too(with_weights):
    """What a channel wants to see, Which branch voted and the receptive fields' measured field."""
    at = goto(open_app("en"), "app_pages/channel_vis.py")
    at.selectbox(key="cvis_block").set_value("inception4c")
    at.run()
    goto(at, "app_pages/branch_vote.py")
    at.selectbox(key="bv_scope").set_value("inception4c")
    at.run()
    goto(at, "app_pages/home.py")
    goto(at, "app_pages/channel_vis.py")
    assert at.selectbox(key="cvis_block").value == "inception4c"
    goto(at, "app_pages/branch_vote.py")
    assert at.selectbox(key="bv_scope").value == "inception4c"
