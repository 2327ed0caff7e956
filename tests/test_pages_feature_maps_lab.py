"""The Feature maps page with a network trained in the training lab, through app.py in both languages: train a
tiny run on the training page, go to the feature maps page, pick the run, see its own blocks and branches."""
from __future__ import annotations

import pytest

from apptest_helpers import assert_shows, choose_language, goto, open_app, rerun, visible_text
from googlenet.digits import TrainConfig, build_model, save_checkpoint
from googlenet.i18n import t
from googlenet.lab_network import dataset_of
from ui.training_runs import percent, settings_label

TRAIN, FMAPS = "app_pages/training.py", "app_pages/feature_maps.py"


def train_tiny_run(at, preset: str = "googlenet_small", steps: int = 2):
    """One short run on the training page (2 steps), as a student starts it."""
    goto(at, TRAIN)
    if preset != "googlenet_small":
        at.radio(key="train_preset").set_value(preset)
        rerun(at)
    at.number_input(key="train_max_steps").set_value(steps)
    at.slider(key="train_epochs").set_value(1)
    at.button(key="train_start").click()
    rerun(at)
    assert at.session_state["train_history"][-1].status == "done"
    return at


def channel_column(at, lang: str) -> list:
    return at.dataframe[0].value[t("fmaps.stats.channels", lang=lang)].tolist()


def test_without_lab_runs_the_page_says_how_to_get_one(with_weights):
    at = goto(open_app("en"), FMAPS)
    assert_shows(at, t("fmaps.network.none", lang="en"))
    assert not [s for s in at.selectbox if s.key == "fm_network"]
    assert channel_column(at, "en") == [64, 128, 32, 32, 256]   # GoogLeNet's inception3a, as before


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_lab_run_picked_next_to_googlenet(lang, with_weights):
    at = train_tiny_run(open_app(lang))
    goto(at, FMAPS)
    network = at.selectbox(key="fm_network")
    assert network.options == [t("fmaps.network.googlenet", lang=lang),
                               network.options[1]] and network.value == "googlenet"
    assert network.options[1].startswith(t("fmaps.network.lab", lang=lang).split("{")[0])
    assert t("fmaps.network.none", lang=lang) not in visible_text(at)

    network.set_value("run1")
    rerun(at)
    blocks = at.selectbox(key="fm_block_run1")
    # The default small net has three Inception blocks, read from the network itself.
    assert blocks.options == [t("fmaps.lab.block_label", lang=lang, name=f"inception{i}", kind="Inception")
                              for i in (1, 2, 3)]
    assert channel_column(at, lang) == [16, 24, 12, 12, 64]
    side = 8 if dataset_of(at.session_state["train_history"][-1].config) == "digits" else 28
    assert_shows(at, f"64×{side}×{side}", t("fmaps.lab.input", lang=lang, n=1, size=side),
                 t("fmaps.lab.depth_note", lang=lang, n=1, blocks=3), "16 + 24 + 12 + 12")
    assert t("fmaps.depth_note", lang=lang) not in visible_text(at)       # GoogLeNet's sizes are not claimed

    blocks.set_value("inception2")
    rerun(at)
    at.selectbox(key="fm_branch").set_value("branch2")
    rerun(at)
    at.slider(key="fm_channel_run1_inception2_branch2").set_value(5)
    rerun(at)
    assert_shows(at, t("fmaps.pick.concat", lang=lang, concat=16 + 5, offset=16, c=5),
                 t("fmaps.lab.step.conv", lang=lang, k=1) + t("fmaps.lab.step.sep", lang=lang)
                 + t("fmaps.lab.step.conv", lang=lang, k=3))

    # Back to GoogLeNet: its own layers, as before.
    at.selectbox(key="fm_network").set_value("googlenet")
    rerun(at)
    assert at.selectbox(key="fm_block").value == "inception3a"
    assert channel_column(at, lang) == [64, 128, 32, 32, 256]


def test_the_seed_net_shows_its_inception_a_blocks(with_weights):
    at = train_tiny_run(open_app("en"), preset="seed_mnist", steps=1)
    goto(at, FMAPS)
    at.selectbox(key="fm_network").set_value("run1")
    rerun(at)
    assert at.selectbox(key="fm_block_run1").options == ["incep1 (InceptionA)", "incep2 (InceptionA)"]
    assert channel_column(at, "en") == [16, 24, 24, 24, 88]
    assert_shows(at, t("fmaps.lab.no_relu", lang="en"), "incep1.branch5x5_2",
                 t("fmaps.lab.step.avg_pool", lang="en", k=3))
    at.selectbox(key="fm_block_run1").set_value("incep2")
    rerun(at)
    assert at.dataframe[0].value[t("fmaps.stats.shape", lang="en")].tolist()[-1] == "88×4×4"   # 88x4x4 = 1,408


def test_a_refused_picture_keeps_the_lab_networks_controls(with_weights):
    at = train_tiny_run(open_app("en"))
    goto(at, FMAPS)
    at.selectbox(key="fm_network").set_value("run1")
    rerun(at)
    at.file_uploader[0].set_value(("broken.png", b"\x89PNG\r\n\x1a\n-garbage", "image/png"))
    rerun(at)
    assert at.error and not at.dataframe
    assert at.selectbox(key="fm_block_run1").value == "inception1"


def test_uploaded_weights_are_a_network_to_pick_too(with_weights):
    """Weights saved earlier and loaded in the training lab join the history as a run: offered here as well."""
    config = TrainConfig(depth=2, aux=False, max_steps=1)
    blob = save_checkpoint(build_model(**config.model_config()), config)
    at = goto(open_app("zh"), TRAIN)
    at.file_uploader(key="train_weights_upload").set_value(("w.pt", blob, "application/octet-stream"))
    rerun(at)
    assert at.session_state["train_history"][-1].status == "loaded"
    goto(at, FMAPS)
    at.selectbox(key="fm_network").set_value("run1")
    rerun(at)
    assert at.selectbox(key="fm_block_run1").options == [
        t("fmaps.lab.block_label", lang="zh", name=f"inception{i}", kind="Inception") for i in (1, 2)]
    assert channel_column(at, "zh") == [16, 24, 12, 12, 64]


def test_residual_runs_are_not_offered_by_the_explainer_pages(with_weights):
    """These pages explain Inception blocks: a residual net has none, so it is left out, with the reason (in
    English, then in Chinese after the language switch)."""
    at = train_tiny_run(open_app("en"), preset="resnet_small", steps=1)
    goto(at, FMAPS)
    assert not [s for s in at.selectbox if s.key == "fm_network"]
    assert_shows(at, t("train.explainers.left_out", lang="en", runs="#1"), t("fmaps.network.none", lang="en"))
    assert channel_column(at, "en") == [64, 128, 32, 32, 256]            # GoogLeNet, as without lab runs

    choose_language(at, "zh")
    goto(at, TRAIN)                                                      # then an Inception net: offered
    at.radio(key="train_preset").set_value("googlenet_small")
    at.button(key="train_start").click()
    rerun(at)
    rec = at.session_state["train_history"][-1]
    for page, key in ((FMAPS, "fm_network"), ("app_pages/ablation.py", "abl_network"),
                      ("app_pages/gradcam.py", "cam_network")):
        goto(at, page)
        assert at.selectbox(key=key).options == [   # GoogLeNet and run #2 only
            t("fmaps.network.googlenet", lang="zh"),
            t("fmaps.network.lab", lang="zh", n=2, settings=settings_label(rec.config), acc=percent(rec.test_accuracy))]
        assert_shows(at, t("train.explainers.left_out", lang="zh", runs="#1"))
