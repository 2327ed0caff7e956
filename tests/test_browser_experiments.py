"""The three experiment pages and the Grad-CAM page in a real browser: a real JPEG upload, a bad file, the
pictures users broke things with, both languages."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, upload, wait_idle
from widget_driver import act_and_settle
from googlenet.i18n import t
from picture_corpus import awkward_pictures

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def upload_a_bad_file(page, tmp_path, lang: str) -> None:
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"this is not a picture at all")
    upload(page, bad)
    message = t("input.error", lang=lang, name="bad.jpg", reason=t("images.not_image", lang=lang))
    page.get_by_text(message).first.wait_for(timeout=30_000)
    assert_no_exception(page)


def open_with_coffee(page, server, url_path: str, title_key: str, lang: str) -> str:
    """Open the page, upload the coffee photo, wait for the answer; the page's text."""
    open_page(page, server, url_path, lang)
    page.get_by_role("heading", name=t(title_key, lang=lang)).first.wait_for(timeout=30_000)
    upload(page, ASSETS / "coffee.jpg")
    page.get_by_text("coffee.jpg").first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("input.using.upload", lang=lang, name="coffee.jpg", w=600, h=400) in body
    return body


def corpus_file(tmp_path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(next(data for n, data, _ in awkward_pictures() if n == name))
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ablation_page(streamlit_server, page, lang, tmp_path):
    body = open_with_coffee(page, streamlit_server, "ablation", "nav.ablation", lang)
    assert t("exp.abl.metric.prob", lang=lang) in body
    screenshot(page, f"ablation_{lang}")
    # The user's report: branch 1 off, a bad upload, a good one -> still ticked, still 192 of 512 off.
    branch1 = t("exp.abl.branch1", lang=lang)
    act_and_settle(page, page.get_by_text(branch1, exact=True).click)   # (a fragment rerun)
    upload_a_bad_file(page, tmp_path, lang)
    upload(page, ASSETS / "rocket.jpg")
    page.get_by_text("rocket.jpg").first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    assert page.get_by_role("checkbox", name=branch1).is_checked()
    channels = t("exp.abl.channels", lang=lang, block="Inception 4a", off=192, total=512, detail="192")
    assert channels in page.inner_text("body")
    screenshot(page, f"ablation_after_bad_file_{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_preprocessing_page(streamlit_server, page, lang, tmp_path):
    body = open_with_coffee(page, streamlit_server, "preprocessing", "nav.preprocessing", lang)
    assert t("exp.pre.what.transform_input", lang=lang) in body
    assert "600×400 · " in body   # the original's size, read from the upload
    screenshot(page, f"preprocessing_{lang}")
    # The user's report: a 10x3000 PNG crashed st.image; now every step is shown in its box.
    upload(page, corpus_file(tmp_path, "tall_10x3000.png"))
    page.get_by_text(t("exp.pre.partial", lang=lang)).first.wait_for(timeout=30_000)
    assert_no_exception(page)
    assert "256×76800 · " in page.inner_text("body")
    assert page.locator('[data-testid="stImage"] img').count() >= 7
    screenshot(page, f"preprocessing_tall_strip_{lang}")
    upload_a_bad_file(page, tmp_path, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_receptive_field_page(streamlit_server, page, lang, tmp_path):
    body = open_with_coffee(page, streamlit_server, "receptive_field", "nav.receptive_field", lang)
    assert t("exp.rf.metric.rf", lang=lang) in body and t("exp.rf.px", lang=lang, n=107) in body
    screenshot(page, f"receptive_field_{lang}")
    upload_a_bad_file(page, tmp_path, lang)
    assert t("exp.rf.px", lang=lang, n=107) in page.inner_text("body")   # the numbers stay
    screenshot(page, f"receptive_field_bad_file_{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_gradcam_page_with_a_real_upload_and_a_bad_file(streamlit_server, page, lang, tmp_path):
    body = open_with_coffee(page, streamlit_server, "gradcam", "nav.gradcam", lang)
    assert t("gradcam.metric.grid", lang=lang) in body and "7×7" in body
    assert page.locator('[data-testid="stImage"] img').count() >= 3  # crop, overlay, raw heat map
    screenshot(page, f"gradcam_{lang}")

    upload_a_bad_file(page, tmp_path, lang)
