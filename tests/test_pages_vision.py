"""AppTest for the vision pages (Classify, Feature maps, Grad-CAM), in both languages, with and without weights:
every picture of the corpus through every uploader, random widget values, and sequences of actions."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
import streamlit as st
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as strat
from PIL import Image
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from apptest_helpers import assert_shows, choose_language, goto, open_app, rerun, visible_text
from googlenet.features import LAYERS
from googlenet.i18n import t
from googlenet.images import ImageError, load_image
from googlenet.labels_zh import LABELS_ZH
from googlenet.model import BLOCKS, BRANCHES, INCEPTION_CONFIG
from googlenet.weights import FETCH_COMMAND, display_name
from picture_corpus import awkward_pictures, broken_files

ASSETS = Path(__file__).resolve().parent.parent / "assets"
CLASSIFY, FMAPS, GRADCAM = "app_pages/classify.py", "app_pages/feature_maps.py", "app_pages/gradcam.py"
PAGES = (CLASSIFY, FMAPS, GRADCAM)
TOP_K_OPTIONS = (4, 9, 16, 25, 36, 64)
SAMPLES = ("chelsea_cat.jpg", "coffee.jpg", "rocket.jpg", "china_temple.jpg")
QUICK = settings(max_examples=12, deadline=None, derandomize=True,   # each a page run: the suite's time limit
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def metric_values(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at) -> list[str]:
    """Captions under pictures (not part of visible_text)."""
    return [c for image in at.image for c in image.captions]


def assert_captions(at, *snippets: str) -> None:
    shown = "\n".join(captions(at))
    missing = [s for s in snippets if s not in shown]
    assert not missing, f"expected under a picture: {missing}; captions: {captions(at)}"


@pytest.fixture
def shown_pictures(monkeypatch) -> dict[str, bytes]:
    """Every picture a page hands to the browser, by media id (the last part of its URL, without extension)."""
    seen: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        if isinstance(path_or_data, bytes):
            seen[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return seen


def picture_sizes(at, seen: dict[str, bytes]) -> list[tuple[int, int]]:
    """(width, height) in pixels of every picture on the page."""
    sizes = []
    for element in at.image:
        for url in element.value:
            with Image.open(io.BytesIO(seen[url.rsplit("/", 1)[-1].split(".")[0]])) as picture:
                sizes.append(picture.size)
    return sizes


def refusal(data: bytes) -> str | None:
    """The loader's reason for refusing a file (English), or None when it is a usable picture."""
    try:
        load_image(data)
    except ImageError as err:
        return err.message("en")
    return None


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
    forward = metric_values(at)[t("classify.metric.ms", lang=lang)]
    assert forward.endswith(" ms") and float(forward.split()[0]) >= 0
    assert metric_values(at)[t("classify.metric.top5", lang=lang)].endswith("%")
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
    state["fc.bias"][0] = 5.0   # tench: its Chinese name taken away below, so shown in English
    path = tmp_path / "tabby.pth"
    torch.save(state, path)
    monkeypatch.setenv("GOOGLENET_WEIGHTS", str(path))
    monkeypatch.delitem(LABELS_ZH, 0)
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


# ------------------------------------------------------------------------------ Grad-CAM

def class_box(at):
    """Grad-CAM's class box: one widget per picture (its labels carry that picture's ranks)."""
    return next(box for box in at.selectbox if box.key.startswith("cam_class_"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gradcam_with_weights(lang, with_weights):
    at = goto(open_app(lang), GRADCAM)
    assert at.title[0].value == t("nav.gradcam", lang=lang)
    assert len(at.image) >= 3   # the crop, the overlay, the raw heat map
    assert metric_values(at)[t("gradcam.metric.rank", lang=lang)] == "1 / 1000"
    assert metric_values(at)[t("gradcam.metric.grid", lang=lang)] == "7×7"
    # Another class, another block, another opacity: the numbers follow.
    class_box(at).select_index(2)
    at.selectbox(key="cam_block").set_value("inception4a")
    at.slider(key="cam_opacity").set_value(0.8)
    rerun(at)
    assert metric_values(at)[t("gradcam.metric.rank", lang=lang)] == "3 / 1000"
    assert metric_values(at)[t("gradcam.metric.grid", lang=lang)] == "14×14"
    third = class_box(at).value
    # Any of the 1000 classes: the choice stays (one widget holds it), then another class.
    at.toggle(key="cam_any").set_value(True)
    rerun(at)
    assert class_box(at).value == third
    class_box(at).set_value(504)  # coffee mug
    rerun(at)
    assert_shows(at, t("gradcam.heading", lang=lang, name=display_name(504, lang)))
    # Back to the top 5: a class outside them falls back to the best guess, and the page says so.
    at.toggle(key="cam_any").set_value(False)
    rerun(at)
    best = class_box(at).value
    assert class_box(at).options[0].startswith("1. ")
    assert_shows(at, t("gradcam.heading", lang=lang, name=display_name(best, lang)))
    assert metric_values(at)[t("gradcam.metric.rank", lang=lang)] == "1 / 1000"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gradcam_without_weights(lang, without_weights, shown_pictures):
    at = goto(open_app(lang), GRADCAM)
    assert_shows(at, FETCH_COMMAND, t("gradcam.no_weights", lang=lang))
    assert picture_sizes(at, shown_pictures) == [(480, 360)]   # the photo, letterboxed


# ------------------------------------------------------------------------------ any picture, any page

@pytest.mark.parametrize("page", PAGES)
def test_every_picture_of_the_corpus_through_the_uploader(page, with_weights, shown_pictures):
    """Awkward and broken files: no exception; a clear message for the refused ones; the others shown at a
    bounded size (no picture taller than 1.5x its width, so none can stretch the page to 80,000 pixels)."""
    at = goto(open_app("en"), page)
    for name, data, mime in (*awkward_pictures(), *broken_files()):
        at.file_uploader[0].set_value((name, data, mime))
        rerun(at)
        errors = [e.value for e in at.error]
        reason = refusal(data)
        if reason is not None:
            assert errors == [t("input.error", lang="en", name=name, reason=reason)], name
            assert not at.metric and not at.dataframe, name
            continue
        assert not errors, (name, errors)
        width, height = load_image(data).size
        assert_shows(at, t("input.using.upload", lang="en", name=name, w=width, h=height))
        sizes = picture_sizes(at, shown_pictures)
        assert len(sizes) >= 2, name
        for w, h in sizes:
            assert h <= 1500 and h <= 1.5 * w, (name, (w, h))
    at.file_uploader[0].set_value(None)
    rerun(at)
    assert_shows(at, t("input.using.sample", lang="en", name=t("input.sample.cat", lang="en"), w=451, h=300))


# ------------------------------------------------------------------------------ timings

def test_classify_says_when_its_timings_come_from_the_cache(with_weights):
    st.cache_data.clear()
    first = goto(open_app("en"), CLASSIFY)
    forward = next(m for m in first.metric if m.label == t("classify.metric.ms", lang="en"))
    assert not forward.delta
    assert t("classify.cached", lang="en") not in [c.value for c in first.caption]
    # Another visitor (a new session), the same picture: the answer is cached, and labelled as such.
    second = goto(open_app("en"), CLASSIFY)
    again = next(m for m in second.metric if m.label == t("classify.metric.ms", lang="en"))
    assert again.value == forward.value
    assert again.delta.startswith(t("classify.metric.earlier", lang="en", time=""))
    assert t("classify.cached", lang="en") in [c.value for c in second.caption]


# ------------------------------------------------------------------------------ random widget values

def test_classify_any_sample(with_weights):
    at = goto(open_app("en"), CLASSIFY)

    @QUICK
    @given(sample=strat.sampled_from(SAMPLES), lang=strat.sampled_from(["en", "zh"]))
    def check(sample, lang):
        choose_language(at, lang)
        at.selectbox(key="cls_sample").set_value(sample)
        rerun(at)
        table = at.dataframe[0].value
        best = table[t("classify.table.class", lang=lang)].tolist()[0]
        assert_shows(at, t("classify.result", lang=lang, name=best,
                           prob=table[t("classify.table.prob", lang=lang)].tolist()[0]))
        assert at.selectbox(key="cls_sample").value == sample

    check()


def assert_feature_maps_show(at, layer: str, top_k: int, lang: str = "en") -> None:
    """The page draws what its widgets say: the layer's summary, and grids of min(top_k, channels) maps."""
    assert at.selectbox(key="fm_block").value == layer and at.select_slider(key="fm_topk").value == top_k
    if layer in INCEPTION_CONFIG:
        widths = INCEPTION_CONFIG[layer].branch_widths()
        assert_shows(at, ' + '.join(str(n) for n in widths.values()))
        assert_captions(at, *(t("fmaps.grid_caption", lang=lang, shown=min(top_k, n), channels=n)
                              for n in widths.values()))
    else:
        assert_shows(at, t(f"fmaps.block.{layer}", lang=lang))


def test_feature_maps_any_widget_values(with_weights):
    at = goto(open_app("en"), FMAPS)

    @QUICK
    @given(layer=strat.sampled_from(LAYERS), top_k=strat.sampled_from(TOP_K_OPTIONS),
           normalize=strat.sampled_from(["each", "shared"]), branch=strat.sampled_from(BRANCHES),
           where=strat.floats(0, 1))
    def check(layer, top_k, normalize, branch, where):
        at.selectbox(key="fm_block").set_value(layer)
        at.select_slider(key="fm_topk").set_value(top_k)
        at.radio(key="fm_norm").set_value(normalize)
        rerun(at)
        part = "output"
        if layer in INCEPTION_CONFIG:
            part = branch
            at.selectbox(key="fm_branch").set_value(branch)
            rerun(at)
        slider = at.slider(key=f"fm_channel_{layer}_{part}")
        channel = round(where * slider.max)
        slider.set_value(channel)
        rerun(at)
        assert_feature_maps_show(at, layer, top_k)
        assert at.radio(key="fm_norm").value == normalize
        assert any(c.startswith(t("fmaps.pick.map_caption", lang="en", c=channel, h=0, w=0)[:12])
                   for c in captions(at))
        if layer in INCEPTION_CONFIG:
            offset = INCEPTION_CONFIG[layer].branch_slices()[branch].start
            assert_shows(at, t("fmaps.pick.concat", lang="en", concat=offset + channel, offset=offset, c=channel))

    check()


def assert_gradcam_shows(at, lang: str) -> None:
    """The heading, the rank and the overlay caption name the class and block the widgets hold."""
    chosen, block = class_box(at).value, at.selectbox(key="cam_block").value
    name = display_name(chosen, lang)
    assert_shows(at, t("gradcam.heading", lang=lang, name=name))
    option = class_box(at).format_func(chosen)
    assert metric_values(at)[t("gradcam.metric.rank", lang=lang)] == f"{option.split('.')[0]} / 1000"
    assert_captions(at, t("gradcam.overlay", lang=lang, name=name,
                          block=t("common.block", lang=lang, name=block.removeprefix("inception"))))


def test_gradcam_any_widget_values(with_weights):
    at = goto(open_app("en"), GRADCAM)

    @QUICK
    @given(any_class=strat.booleans(), pick=strat.integers(0, 999), block=strat.sampled_from(BLOCKS),
           opacity=strat.integers(0, 20).map(lambda n: round(n * 0.05, 2)))
    def check(any_class, pick, block, opacity):
        at.toggle(key="cam_any").set_value(any_class)
        rerun(at)
        box = class_box(at)
        if any_class:
            box.set_value(pick)
        else:
            box.select_index(pick % 5)
        at.selectbox(key="cam_block").set_value(block)
        at.slider(key="cam_opacity").set_value(opacity)
        rerun(at)
        assert at.selectbox(key="cam_block").value == block and at.slider(key="cam_opacity").value == opacity
        if any_class:
            assert class_box(at).value == pick
        assert_gradcam_shows(at, "en")

    check()


# ------------------------------------------------------------------------------ sequences of actions

ACTIONS = strat.lists(strat.one_of(
    strat.tuples(strat.just("upload"), strat.sampled_from([*awkward_pictures(), *broken_files()])),
    strat.tuples(strat.just("clear"), strat.none()),
    strat.tuples(strat.just("lang"), strat.sampled_from(["en", "zh"])),
    strat.tuples(strat.just("rerun"), strat.none()),
), min_size=1, max_size=4)


def act(at, action: str, value) -> str:
    """Do one thing a student does; returns the language the page now speaks."""
    if action == "upload":
        at.file_uploader[0].set_value(value)
    elif action == "clear":
        at.file_uploader[0].set_value(None)
    elif action == "lang":
        choose_language(at, value)
        return value
    rerun(at)
    return at.session_state["lang"]


SEQUENCES = settings(max_examples=12, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def play(at, actions, kept: dict, shows) -> None:
    """Do the actions one by one. After each, the widgets in `kept` ({key: value}) still show their values,
    and, unless a picture was refused, `shows(at, lang)` finds the page drawing what the widgets say."""
    for action, value in actions:
        lang = act(at, action, value)
        assert {key: at.get_by_key(key).value for key in kept} == kept, (action, value)
        if not at.error:
            shows(at, lang)


def open_with(page: str, kept: dict):
    """The page in English with the widgets in `kept` ({key: value}) set."""
    at = goto(open_app("en"), page)
    for key, value in kept.items():
        at.get_by_key(key).set_value(value)
    return rerun(at)


def fresh_start(at) -> None:
    """Back to the sample photo, in English."""
    act(at, "clear", None)
    act(at, "lang", "en")


def test_feature_maps_after_any_sequence_of_actions(with_weights):
    """Bad uploads, good ones, language switches, reruns: the widgets keep their values (they are drawn
    even when a picture is refused), and the page always draws what they say."""
    kept = {"fm_block": "inception4e", "fm_topk": 9}
    at = open_with(FMAPS, kept)

    @SEQUENCES
    @given(actions=ACTIONS)
    def check(actions):
        fresh_start(at)
        play(at, actions, kept, lambda at, lang: assert_feature_maps_show(at, "inception4e", 9, lang))

    check()


def test_gradcam_after_any_sequence_of_actions(with_weights):
    """The block, the opacity and the "any class" switch survive refused uploads (drawn before the picture
    is checked); the class belongs to the picture; the page always explains what the widgets say."""
    kept = {"cam_block": "inception4a", "cam_opacity": 0.8}
    at = open_with(GRADCAM, kept)

    @SEQUENCES
    @given(actions=ACTIONS, pick=strat.integers(0, 4))
    def check(actions, pick):
        fresh_start(at)
        class_box(at).select_index(pick)
        rerun(at)
        play(at, actions, kept, assert_gradcam_shows)

    check()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gradcam_class_follows_a_new_picture(lang, with_weights):
    """The class box's labels carry the photo's ranks and probabilities: another photo gets its own box, which
    starts at that photo's best guess (a box keeping the old photo's labels showed "1. bluetick (0.6%)" while
    the page explained bluetick at rank 3), and the first photo's choice is still there when it comes back."""
    at = goto(open_app(lang), GRADCAM)
    class_box(at).select_index(1)
    rerun(at)
    first_key, second = class_box(at).key, class_box(at).value
    name, data, mime = next(p for p in awkward_pictures() if p[0].startswith("one_pixel"))
    at.file_uploader[0].set_value((name, data, mime))
    rerun(at)
    box = class_box(at)
    assert box.key != first_key and box.options[0].startswith("1. ")
    assert metric_values(at)[t("gradcam.metric.rank", lang=lang)] == "1 / 1000"
    assert_shows(at, t("gradcam.heading", lang=lang, name=display_name(box.value, lang)), box.options[0])
    at.file_uploader[0].set_value(None)   # back to the sample photo and its own choice
    rerun(at)
    assert class_box(at).key == first_key and class_box(at).value == second


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feature_maps_names_the_channel_as_microscope_does(lang, with_weights):
    """Where the page names a channel of a GoogLeNet branch, it also gives Microscope / Lucid's name for that
    position (computed by googlenet.microscope) and says it is not the same feature."""
    from googlenet.microscope import lucid_index

    at = goto(open_app(lang), "app_pages/feature_maps.py")
    at.selectbox(key="fm_block").set_value("inception4a")   # where Lucid's 3x3 branch is narrower (204)
    rerun(at)
    at.selectbox(key="fm_branch").set_value("branch2")
    rerun(at)
    at.slider(key="fm_channel_inception4a_branch2").set_value(205)
    rerun(at)
    block, c = "inception4a", 205
    micro = "mixed" + block.removeprefix("inception")
    lucid = lucid_index(block, "branch2", c)
    assert lucid is None                                                  # Lucid's branch has no channel 205
    assert t("fmaps.pick.microscope", lang=lang, micro=micro, lucid="—" if lucid is None else lucid) in visible_text(at)
    at.slider(key="fm_channel_inception4a_branch2").set_value(3)
    rerun(at)
    assert t("fmaps.pick.microscope", lang=lang, micro="mixed4a", lucid=192 + 3) in visible_text(at)
