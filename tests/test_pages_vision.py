"""AppTest for the Classify and Feature maps pages, in both languages, with and without weights."""
from __future__ import annotations

from pathlib import Path

import pytest

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet.i18n import t
from googlenet.model import INCEPTION_CONFIG
from googlenet.weights import FETCH_COMMAND

ASSETS = Path(__file__).resolve().parent.parent / "assets"
CLASSIFY, FMAPS = "app_pages/classify.py", "app_pages/feature_maps.py"


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at) -> list[str]:
    """Captions under pictures (not part of visible_text)."""
    return [c for image in at.image for c in image.captions]


def assert_captions(at, *snippets: str) -> None:
    shown = "\n".join(captions(at))
    missing = [s for s in snippets if s not in shown]
    assert not missing, f"expected under a picture: {missing}; captions: {captions(at)}"


# ------------------------------------------------------------------------------ Classify

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_classify_sample_with_weights(lang, with_weights):
    at = goto(open_app(lang), CLASSIFY)
    assert at.title[0].value == t("nav.classify", lang=lang)
    assert_shows(at, t("input.using.sample", lang=lang, name=t("input.sample.cat", lang=lang), w=451, h=300))
    table = at.dataframe[0].value
    assert len(table) == 5
    probs = table[t("classify.table.prob", lang=lang)].tolist()
    assert probs == sorted(probs, reverse=True) and all(0 < p < 1 for p in probs)
    assert table[t("classify.table.rank", lang=lang)].tolist() == [1, 2, 3, 4, 5]
    metrics = metric_values(at)
    # Measured now, or (when another test classified the cat first) labelled as measured earlier.
    forward = metrics.get(t("classify.metric.ms", lang=lang)) or metrics[t("classify.metric.ms.cached", lang=lang)]
    assert forward.endswith(" ms") and float(forward.split()[0]) >= 0
    assert metrics[t("classify.metric.top5", lang=lang)].endswith("%")
    assert_captions(at, t("classify.crop", lang=lang), t("classify.original", lang=lang, w=451, h=300))
    assert len(at.image) >= 3   # the picture, the 224x224 crop and the chart
    assert FETCH_COMMAND not in visible_text(at)

    # Another sample photo: a new top-5.
    at.selectbox(key="cls_sample").set_value("coffee.jpg")
    rerun(at)
    assert_shows(at, t("input.using.sample", lang=lang, name=t("input.sample.coffee", lang=lang), w=600, h=400))
    assert len(at.dataframe[0].value) == 5


def test_classify_shows_chinese_names(with_weights, fake_weights_file, tmp_path, monkeypatch):
    """With a checkpoint that favours 'tabby', the Chinese page names it 虎斑猫 (tabby)."""
    import torch

    state = torch.load(fake_weights_file, weights_only=True)
    state["fc.weight"] = torch.zeros_like(state["fc.weight"])
    state["fc.bias"] = torch.zeros(1000)
    state["fc.bias"][281] = 6.0
    state["fc.bias"][0] = 5.0   # tench: no Chinese name, shown in English
    path = tmp_path / "tabby.pth"
    torch.save(state, path)
    monkeypatch.setenv("GOOGLENET_WEIGHTS", str(path))
    at = goto(open_app("zh"), CLASSIFY)
    names = at.dataframe[0].value[t("classify.table.class", lang="zh")].tolist()
    assert names[:2] == ["虎斑猫 (tabby)", "tench"]
    assert_shows(at, "虎斑猫 (tabby)")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_classify_without_weights(lang, without_weights):
    at = goto(open_app(lang), CLASSIFY)
    assert at.title[0].value == t("nav.classify", lang=lang)
    assert_shows(at, t("models.weights_missing", lang=lang), FETCH_COMMAND, t("classify.no_weights_hint", lang=lang))
    assert_captions(at, t("classify.crop", lang=lang))
    assert not at.dataframe and not at.metric
    assert len(at.image) >= 2   # still useful: the picture and the crop the network would see


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_classify_bad_upload_gives_the_friendly_message(lang, with_weights):
    at = goto(open_app(lang), CLASSIFY)
    at.file_uploader[0].set_value(("bad.jpg", b"not an image", "image/jpeg"))
    rerun(at)
    message = t("input.error", lang=lang, name="bad.jpg", reason=t("images.not_image", lang=lang))
    assert message in [e.value for e in at.error]
    assert not at.dataframe
    assert "Traceback" not in visible_text(at)
    # Clearing the upload goes back to the sample photo.
    at.file_uploader[0].set_value(None)
    rerun(at)
    assert len(at.dataframe[0].value) == 5


def test_classify_camera_photo(with_weights):
    at = goto(open_app("en"), CLASSIFY)
    at.toggle(key="cls_camera_on").set_value(True)
    rerun(at)
    at.camera_input[0].set_value(("shot.jpg", (ASSETS / "rocket.jpg").read_bytes(), "image/jpeg"))
    rerun(at)
    assert_shows(at, t("input.using.camera", lang="en", name=t("input.camera.name", lang="en"), w=640, h=427))
    assert len(at.dataframe[0].value) == 5


# ------------------------------------------------------------------------------ Feature maps

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feature_maps_blocks_channels_and_stats(lang, with_weights):
    at = goto(open_app(lang), FMAPS)
    assert at.title[0].value == t("nav.feature_maps", lang=lang)
    assert t("models.untrained_banner", lang=lang) not in visible_text(at)
    # Default block 3a: four branch grids, their stats, the concatenated output.
    sizes = INCEPTION_CONFIG["inception3a"].branch_widths()
    assert_shows(at, *(t(f"fmaps.branch.{b}", lang=lang) for b in sizes), t("fmaps.concat.title", lang=lang))
    stats = at.dataframe[0].value
    assert stats[t("fmaps.stats.channels", lang=lang)].tolist() == [*sizes.values(), 256]
    assert stats[t("fmaps.stats.shape", lang=lang)].tolist()[-1] == "256×28×28"
    zeros = stats[t("fmaps.stats.zeros", lang=lang)].tolist()
    assert all(0 <= z <= 1 for z in zeros)

    # Switch block: 4e has 256 + 320 + 128 + 128 = 832 channels at 14x14.
    at.selectbox(key="fm_block").set_value("inception4e")
    rerun(at)
    stats = at.dataframe[0].value
    assert stats[t("fmaps.stats.channels", lang=lang)].tolist() == [256, 320, 128, 128, 832]
    assert_shows(at, "832×14×14")

    # Pick branch 3 and one of its channels: the enlarged map and where it sits in the concatenated output.
    at.selectbox(key="fm_branch").set_value("branch3")
    rerun(at)
    at.slider(key="fm_channel_inception4e_branch3").set_value(5)
    rerun(at)
    assert_shows(at, t("fmaps.pick.concat", lang=lang, concat=256 + 320 + 5, offset=256 + 320, c=5))
    assert_captions(at, t("fmaps.pick.map_caption", lang=lang, c=5, h=14, w=14),
                    t("fmaps.pick.overlay_caption", lang=lang))

    # Fewer channels per grid, one shared scale: still no exception.
    at.select_slider(key="fm_topk").set_value(4)
    at.radio(key="fm_norm").set_value("shared")
    rerun(at)
    assert_captions(at, t("fmaps.grid_caption", lang=lang, shown=4, channels=320))


def test_feature_maps_stem(with_weights):
    at = goto(open_app("en"), FMAPS)
    at.selectbox(key="fm_block").set_value("conv1")
    rerun(at)
    assert_shows(at, t("fmaps.summary.stem", lang="en", block=t("fmaps.block.conv1", lang="en"),
                       inp="3×224×224", out="64×112×112"), t("fmaps.filters.title", lang="en"))
    assert {m.label: m.value for m in at.metric}[t("fmaps.stats.channels", lang="en")] == "64"
    at.slider(key="fm_channel_conv1_output").set_value(10)
    rerun(at)
    assert_captions(at, t("fmaps.pick.map_caption", lang="en", c=10, h=112, w=112))
    at.selectbox(key="fm_block").set_value("conv3")
    rerun(at)
    assert_shows(at, "192×56×56")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feature_maps_without_weights_say_untrained(lang, without_weights):
    at = goto(open_app(lang), FMAPS)
    assert_shows(at, t("models.untrained_banner", lang=lang), FETCH_COMMAND, t("fmaps.concat.title", lang=lang))
    at.selectbox(key="fm_block").set_value("inception5b")
    rerun(at)
    assert at.dataframe[0].value[t("fmaps.stats.channels", lang=lang)].tolist() == [384, 384, 128, 128, 1024]


def test_feature_maps_bad_upload(with_weights):
    at = goto(open_app("zh"), FMAPS)
    at.file_uploader[0].set_value(("broken.png", b"\x89PNG\r\n\x1a\n-garbage", "image/png"))
    rerun(at)
    errors = [e.value for e in at.error]
    assert any(e.startswith(t("input.error", lang="zh", name="broken.png", reason="")) for e in errors), errors
    assert not at.dataframe
