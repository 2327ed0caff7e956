"""Real browser (Chromium): upload a photo and a broken file on the Classify and Feature maps pages, both languages."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, upload, wait_idle
from googlenet.i18n import t

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@pytest.fixture
def garbage_jpg(tmp_path) -> Path:
    path = tmp_path / "garbage.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG " * 20)
    return path


def error_texts(page) -> list[str]:
    return [e.inner_text() for e in page.query_selector_all('[data-testid="stAlertContentError"]')]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_classify_upload_and_bad_file(streamlit_server, page, lang, garbage_jpg):
    open_page(page, streamlit_server, "classify", lang)
    page.get_by_role("heading", name=t("nav.classify", lang=lang)).first.wait_for(timeout=30_000)
    assert_no_exception(page)

    upload(page, ASSETS / "chelsea_cat.jpg")
    body = page.locator('[data-testid="stMain"]')
    body.get_by_text("chelsea_cat.jpg").first.wait_for(timeout=30_000)
    wait_idle(page)
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
    open_page(page, streamlit_server, "feature_maps", lang)
    page.get_by_role("heading", name=t("nav.feature_maps", lang=lang)).first.wait_for(timeout=30_000)
    upload(page, ASSETS / "china_temple.jpg")
    body = page.locator('[data-testid="stMain"]')
    body.get_by_text("china_temple.jpg").first.wait_for(timeout=30_000)
    wait_idle(page)
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
