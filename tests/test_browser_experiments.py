"""The Experiments and Grad-CAM pages in a real browser: a real JPEG upload, a bad file, both languages."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, upload, wait_idle
from googlenet.i18n import t

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def show_tab(page, label: str) -> None:
    page.get_by_role("tab", name=label).click()
    page.wait_for_timeout(300)
    wait_idle(page)


def upload_a_bad_file(page, tmp_path, lang: str) -> None:
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"this is not a picture at all")
    upload(page, bad)
    message = t("input.error", lang=lang, name="bad.jpg", reason=t("images.not_image", lang=lang))
    page.get_by_text(message).first.wait_for(timeout=30_000)
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_experiments_page_with_a_real_upload_and_a_bad_file(streamlit_server, page, lang, tmp_path):
    open_page(page, streamlit_server, "experiments", lang)
    page.get_by_role("heading", name=t("nav.experiments", lang=lang)).first.wait_for(timeout=30_000)
    upload(page, ASSETS / "coffee.jpg")
    page.get_by_text("coffee.jpg").first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("exp.abl.metric.prob", lang=lang) in body
    assert t("input.using.upload", lang=lang, name="coffee.jpg", w=600, h=400) in body
    screenshot(page, f"experiments_ablation_{lang}")

    show_tab(page, t("exp.tab.preprocess", lang=lang))
    page.get_by_text(t("exp.pre.what.transform_input", lang=lang)).first.wait_for(timeout=10_000)
    assert "600×400 · " in page.inner_text("body")   # the original's size, read from the upload
    screenshot(page, f"experiments_preprocess_{lang}")

    show_tab(page, t("exp.tab.receptive", lang=lang))
    page.get_by_text(t("exp.rf.metric.rf", lang=lang)).first.wait_for(timeout=10_000)
    assert t("exp.rf.px", lang=lang, n=107) in page.inner_text("body")
    assert_no_exception(page)
    screenshot(page, f"experiments_receptive_{lang}")

    upload_a_bad_file(page, tmp_path, lang)
    screenshot(page, f"experiments_bad_file_{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gradcam_page_with_a_real_upload_and_a_bad_file(streamlit_server, page, lang, tmp_path):
    open_page(page, streamlit_server, "gradcam", lang)
    page.get_by_role("heading", name=t("nav.gradcam", lang=lang)).first.wait_for(timeout=30_000)
    upload(page, ASSETS / "coffee.jpg")
    page.get_by_text("coffee.jpg").first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("gradcam.metric.grid", lang=lang) in body and "7×7" in body
    assert page.locator('[data-testid="stImage"] img').count() >= 3  # crop, overlay, raw heat map
    screenshot(page, f"gradcam_{lang}")

    upload_a_bad_file(page, tmp_path, lang)
