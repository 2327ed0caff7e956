"""Real browser (Chromium): photos, a broken file and a hair-thin strip on the vision pages, both languages."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, upload, wait_idle
from googlenet.i18n import t
from picture_corpus import awkward_pictures

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@pytest.fixture
def garbage_jpg(tmp_path) -> Path:
    path = tmp_path / "garbage.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG " * 20)
    return path


def error_texts(page) -> list[str]:
    return [e.inner_text() for e in page.query_selector_all('[data-testid="stAlertContentError"]')]


def open_and_upload(page, server, url_path: str, lang: str, file: Path):
    """Open a page in `lang`, upload `file`, wait until the page shows it; the main area's locator."""
    open_page(page, server, url_path, lang)
    page.get_by_role("heading", name=t(f"nav.{url_path}", lang=lang)).first.wait_for(timeout=30_000)
    assert_no_exception(page)
    upload(page, file)
    body = page.locator('[data-testid="stMain"]')
    body.get_by_text(file.name).first.wait_for(timeout=30_000)
    wait_idle(page)
    return body


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_classify_upload_and_bad_file(streamlit_server, page, lang, garbage_jpg):
    body = open_and_upload(page, streamlit_server, "classify", lang, ASSETS / "chelsea_cat.jpg")
    text = body.inner_text()
    assert t("classify.metric.ms", lang=lang) in text
    assert t("classify.metric.top5", lang=lang) in text
    assert t("classify.result", lang=lang, name="", prob=0).split("**")[0] in text   # "Best guess: ..."
    assert " ms" in text
    # The result line, the bar chart (a picture), the crop, and the five-row table.
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    assert page.locator('[data-testid="stImage"]').count() >= 3
    assert_no_exception(page)
    screenshot(page, f"classify_upload_{lang}")

    upload(page, garbage_jpg)
    body.get_by_text("garbage.jpg").first.wait_for(timeout=30_000)
    wait_idle(page)
    expected = t("input.error", lang=lang, name="garbage.jpg", reason=t("images.not_image", lang=lang))
    errors = error_texts(page)
    assert any(expected in e for e in errors), errors
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    assert "Traceback" not in body.inner_text()
    assert_no_exception(page)
    screenshot(page, f"classify_bad_file_{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_feature_maps_upload(streamlit_server, page, lang, garbage_jpg):
    body = open_and_upload(page, streamlit_server, "feature_maps", lang, ASSETS / "china_temple.jpg")
    text = body.inner_text()
    for branch in ("branch1", "branch2", "branch3", "branch4"):
        assert t(f"fmaps.branch.{branch}", lang=lang) in text
    assert t("fmaps.concat.title", lang=lang) in text
    # Four branch grids, the enlarged channel and its overlay, the concatenated-output chart.
    assert page.locator('[data-testid="stImage"]').count() >= 7
    assert_no_exception(page)
    screenshot(page, f"feature_maps_upload_{lang}")

    if lang == "en":   # the broken file once is enough here; Classify checks it in both languages
        upload(page, garbage_jpg)
        body.get_by_text("garbage.jpg").first.wait_for(timeout=30_000)
        wait_idle(page)
        assert any("garbage.jpg" in e for e in error_texts(page))
        assert_no_exception(page)


def page_height(page) -> int:
    return page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gradcam_upload(streamlit_server, page, lang):
    body = open_and_upload(page, streamlit_server, "gradcam", lang, ASSETS / "chelsea_cat.jpg")
    assert t("gradcam.metric.grid", lang=lang) in body.inner_text()
    assert page.locator('[data-testid="stImage"]').count() >= 3   # crop, overlay, raw heat map
    assert_no_exception(page)
    screenshot(page, f"gradcam_upload_{lang}")


@pytest.mark.parametrize("url_path", ["classify", "feature_maps", "gradcam"])
def test_a_hair_thin_picture_keeps_the_page_short(streamlit_server, page, url_path, tmp_path):
    """A 10x3000 strip is shown letterboxed: the page stays about as tall as with an ordinary photo."""
    strip = tmp_path / "tall_10x3000.png"
    strip.write_bytes(dict((n, d) for n, d, _ in awkward_pictures())["tall_10x3000.png"])
    open_and_upload(page, streamlit_server, url_path, "en", ASSETS / "coffee.jpg")
    ordinary = page_height(page)
    upload(page, strip)
    page.get_by_text("tall_10x3000.png").first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    assert page_height(page) <= ordinary + 400, (ordinary, page_height(page))
    screenshot(page, f"{url_path}_tall_strip_en")
