"""Real browser (Chromium): a short feature visualisation on "What a channel wants to see", in both languages —
press Start, watch the progress bar, see the picture, its Microscope names and the strongest patches."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from browser_helpers import assert_no_exception, open_page, screenshot, upload, wait_idle
from googlenet.featurevis import Settings, Target, VisCache, entry_key, file_hash
from googlenet.i18n import t

TARGET = Target("inception3a", "branch1", 0)       # the page's default channel
# One setting per language: the two tests may run at once in two workers that share the cache folder.
QUICK = {"zh": Settings(steps=16, size=64), "en": Settings(steps=32, size=64)}


def forget(weights_file, settings: Settings) -> None:
    """Remove this visualisation from the cache the server uses (same environment as this process), so that the
    test really runs the optimiser."""
    cache = VisCache()
    key = entry_key(file_hash(weights_file), TARGET, settings)
    for path in cache.folder.glob(f"{key[:2]}/{key}*"):
        path.unlink()


def to_last(page, label: str) -> None:
    thumb = page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider").first
    thumb.focus()
    thumb.press("End")
    page.wait_for_timeout(300)
    wait_idle(page)


def to_first(page, label: str, then_right: int = 0) -> None:
    """Move a select-slider to its first option (and `then_right` options on) with the keyboard (the keyboard path
    a student can use too)."""
    thumb = page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider").first
    thumb.focus()
    thumb.press("Home")
    for _ in range(then_right):
        page.wait_for_timeout(200)
        thumb.press("ArrowRight")
    page.wait_for_timeout(300)
    wait_idle(page)


@pytest.fixture
def own_photo(tmp_path):
    """A photo no sample resembles: red and blue stripes."""
    stripes = np.zeros((200, 300, 3), dtype=np.uint8)
    stripes[:, ::20] = (220, 30, 30)
    stripes[::16] = (30, 30, 220)
    path = tmp_path / "stripes.png"
    Image.fromarray(stripes).save(path)
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_short_visualisation(streamlit_server, page, lang, fake_weights_file, own_photo):
    settings = QUICK[lang]
    forget(fake_weights_file, settings)
    open_page(page, streamlit_server, "channel_vis", lang)
    page.get_by_role("heading", name=t("nav.channel_vis", lang=lang)).first.wait_for(timeout=60_000)
    assert_no_exception(page)
    to_first(page, t("cvis.steps", lang=lang), then_right=0 if settings.steps == 16 else 1)
    to_first(page, t("cvis.size", lang=lang))
    body = page.locator('[data-testid="stMain"]')
    hint = t("cvis.press_start", lang=lang, steps=settings.steps, size=64).split("**")[2]
    body.get_by_text(hint[:hint.index("64×64") + 5]).first.wait_for(timeout=30_000)    # the steps chosen
    assert "mixed3a" in body.inner_text()

    page.get_by_role("button", name=t("cvis.start", lang=lang), exact=True).click()
    numbers = t("cvis.result.numbers", lang=lang, objective="", steps=settings.steps, seconds=0).split("·")[0].strip()
    body.get_by_text(numbers.split(":")[0].split("：")[0]).first.wait_for(timeout=90_000)
    wait_idle(page)
    assert_no_exception(page)
    caption = t("cvis.result.caption", lang=lang, block="Inception 3a", part=t("cvis.part.branch1", lang=lang),
                channel=0, n=1, count=1, micro="mixed3a:0")
    text = body.inner_text()
    assert caption in text and t("cvis.result.cached", lang=lang) not in text       # really computed just now
    assert t("cvis.patches.box_caption", lang=lang) in text and t("cvis.patches.heat_caption", lang=lang) in text
    assert page.locator('[data-testid="stImage"]').count() >= 6     # the picture, 6 patches... and the heat map
    assert t("cvis.untrained", lang=lang).split("**")[1] not in text  # weights are there: no untrained warning
    screenshot(page, f"channel_vis_{lang}")

    # A photo of the student's own joins the search for patches (and stays for the session).
    if lang == "en":
        upload(page, own_photo)
        body.get_by_text(t("cvis.patches.count", lang=lang, n=5, samples=4, uploads=1, keep=12)).first.wait_for(timeout=60_000)
        assert_no_exception(page)

    # A long run: the progress bar moves while the page stays usable, and Stop ends it.
    to_last(page, t("cvis.steps", lang=lang))
    to_last(page, t("cvis.size", lang=lang))
    page.get_by_role("button", name=t("cvis.start", lang=lang), exact=True).click()
    bar = page.locator('[data-testid="stProgress"]')
    bar.first.wait_for(timeout=60_000)
    body.get_by_text(t("cvis.progress", lang=lang, done=1, total=512, value=0, seconds=0).split(" ")[0]).first.wait_for(
        timeout=60_000)
    screenshot(page, f"channel_vis_running_{lang}")
    page.get_by_role("button", name=t("cvis.stop", lang=lang), exact=True).click()
    stopped = t("cvis.result.stopped", lang=lang, done=0, total=512)
    body.get_by_text(stopped[:stopped.index("0")]).first.wait_for(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    assert bar.count() == 0
