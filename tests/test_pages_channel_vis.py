"""The page "What a channel wants to see" through app.py, as a student uses it, in both languages: pick a channel,
start a short visualisation, watch it finish, see it served from the disk cache the second time, stop a long one,
paint a branch grid; the Microscope names and the strongest patches beside it."""
from __future__ import annotations

import time

import pytest

from apptest_helpers import assert_shows, goto, open_app, rerun, visible_text
from googlenet.featurevis import CACHE_ENV
from googlenet.i18n import t
from googlenet.microscope import concat_index

PAGE = "app_pages/channel_vis.py"


@pytest.fixture
def fv_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "featurevis"))
    return tmp_path / "featurevis"


def shown(at) -> str:
    """Every text on the page, and every picture's caption (its alt text)."""
    return visible_text(at) + "\n" + "\n".join(c for image in at.image for c in image.captions)


def pick(at, block="inception3a", part="branch2", channel=5, steps=16, size=64):
    at.selectbox(key="cvis_block").set_value(block)
    rerun(at)
    at.selectbox(key="cvis_part").set_value(part)
    rerun(at)
    at.slider(key=f"cvis_channel_{block}_{part}").set_value(channel)
    at.select_slider(key="cvis_steps").set_value(steps)
    at.select_slider(key="cvis_size").set_value(size)
    return rerun(at)


def wait_for(at, text: str, timeout: float = 60) -> None:
    """Rerun (as the page's polling fragment does in a browser) until `text` shows."""
    end = time.monotonic() + timeout
    while text not in shown(at):
        assert time.monotonic() < end, f"never showed: {text!r}"
        time.sleep(0.3)
        rerun(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_visualise_a_channel_then_from_the_cache(lang, without_weights, fv_cache):
    at = pick(goto(open_app(lang), PAGE))
    assert_shows(at, t("cvis.untrained", lang=lang), "mixed3a",
                 t("cvis.press_start", lang=lang, steps=16, size=64))
    # Where channel 5 of branch 2 sits in the concatenation: 64 (branch 1) + 5, computed from the model.
    assert concat_index("inception3a", "branch2", 5) == 69
    assert f"69" in visible_text(at)
    # The strongest patches of the four sample photos, with the map's legend.
    assert t("cvis.patches.count", lang=lang, n=4, samples=4, uploads=0, keep=12) in visible_text(at)
    assert t("cvis.patches.heat_caption", lang=lang) in shown(at)
    assert t("cvis.patches.box_caption", lang=lang) in shown(at)
    assert t("input.sample.cat", lang=lang) in shown(at) or t("input.sample.coffee", lang=lang) in shown(at)

    at.button(key="cvis_start").click()
    rerun(at)
    caption = t("cvis.result.caption", lang=lang, block="Inception 3a", part=t("cvis.part.branch2", lang=lang),
                channel=5, n=1, count=1, micro="mixed3a:69")
    wait_for(at, caption)
    assert list(fv_cache.rglob("*.png"))                        # kept on disk

    # Another session asks for the same channel: served from the disk cache at once, no Start needed.
    other = pick(goto(open_app(lang), PAGE))
    assert caption in shown(other) and t("cvis.result.cached", lang=lang) in visible_text(other)
    assert not [b for b in other.button if b.key == "cvis_start"]


def test_stop_a_long_run_and_paint_a_grid(with_weights, fv_cache):
    at = pick(goto(open_app("en"), PAGE), block="inception5b", part="branch4", channel=3, steps=512, size=224)
    assert t("cvis.untrained", lang="en") not in visible_text(at)
    assert_shows(at, "mixed5b")
    at.button(key="cvis_start").click()
    rerun(at)
    assert any(b.key == "cvis_stop_one" for b in at.button)
    at.button(key="cvis_stop_one").click()
    rerun(at)
    wait_for(at, t("cvis.result.stopped", lang="en", done="", total=512).split("{")[0][:12])
    assert not list(fv_cache.rglob("*.png"))                    # a stopped picture is not kept

    pick(at, block="inception3a", part="branch1", channel=0, steps=16, size=64)
    at.select_slider(key="cvis_grid_count").set_value(2)
    rerun(at)
    at.button(key="cvis_grid_start").click()
    rerun(at)
    for part in ("branch1", "branch2", "branch3", "branch4"):
        n = concat_index("inception3a", part, 1)
        wait_for(at, t("cvis.grid.caption", lang="en", part=t(f"cvis.part.{part}", lang="en"), channel=1,
                       micro=f"mixed3a:{n}"))
    assert len(list(fv_cache.rglob("*.png"))) == 8


def test_diversity_paints_three_pictures(without_weights, fv_cache):
    at = pick(goto(open_app("zh"), PAGE), block="inception3b", part="branch3", channel=2)
    at.toggle(key="cvis_diversity").set_value(True)
    rerun(at)
    at.button(key="cvis_start").click()
    rerun(at)
    for n in (1, 2, 3):
        wait_for(at, t("cvis.result.caption", lang="zh", block="Inception 3b", part=t("cvis.part.branch3", lang="zh"),
                       channel=2, n=n, count=3, micro=f"mixed3b:{concat_index('inception3b', 'branch3', 2)}"))
    assert len(list(fv_cache.rglob("*.png"))) == 3


def test_whole_block_channel_named_by_branch(without_weights, fv_cache):
    at = pick(goto(open_app("en"), PAGE), block="inception4c", part="output", channel=300)
    assert_shows(at, t("cvis.names.whole", lang="en", block="Inception 4c", channel=300, total=512,
                       part=t("cvis.part.branch2", lang="en"), within=172, micro="mixed4c", lucid=300))
    at.selectbox(key="cvis_block").set_value("inception4a")
    rerun(at)
    at.slider(key="cvis_channel_inception4a_output").set_value(400)
    rerun(at)
    # Lucid's mixed4a has a 3x3 branch of 204: its 5x5 branch starts 4 earlier there.
    assert_shows(at, t("cvis.names.whole", lang="en", block="Inception 4a", channel=400, total=512,
                       part=t("cvis.part.branch3", lang="en"), within=0, micro="mixed4a", lucid=396))


def test_a_photo_uploaded_on_another_page_joins_the_patch_search(without_weights, fv_cache):
    """The strongest patches look through every photo of the session: one uploaded on Feature maps counts here,
    and the same photo uploaded twice counts once."""
    from ui.image_input import ASSETS

    at = goto(open_app("en"), "app_pages/feature_maps.py")
    rocket = ("my_rocket.jpg", (ASSETS / "rocket.jpg").read_bytes(), "image/jpeg")
    at.file_uploader[0].set_value(rocket)
    rerun(at)
    at.file_uploader[0].set_value(None)
    rerun(at)
    at.file_uploader[0].set_value(rocket)
    rerun(at)
    at = goto(at, PAGE)
    assert t("cvis.patches.count", lang="en", n=5, samples=4, uploads=1, keep=12) in visible_text(at)
    assert "my_rocket.jpg" in shown(at) or "my_rocket.jpg" in visible_text(at)
