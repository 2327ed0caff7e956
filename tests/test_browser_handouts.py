"""A handout downloaded in real Chromium: pressing the button gives a one-page PDF named for the page and the
language, with the page's title and a key number in its text. Where poppler's pdftoppm is installed, the page is
rendered to tests/artifacts/handout_<page>_<lang>.png to look at; else the key figure is saved there instead."""
from __future__ import annotations

import shutil
import subprocess

from browser_helpers import ARTIFACTS, assert_no_exception, open_page
from googlenet.handouts import build_handout
from googlenet.handouts.figures import figure_png
from googlenet.i18n import t
from pdf_text import page_count, page_text
from ui.handout import KEY_PREFIX, file_name


def save_look(pdf: bytes, page: str, lang: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    name = ARTIFACTS / f"handout_{page}_{lang}"
    if shutil.which("pdftoppm"):
        name.with_suffix(".pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(name.with_suffix(".pdf")), str(name)],
                       check=True, timeout=60)
    else:
        name.with_suffix(".png").write_bytes(figure_png(build_handout(page, lang).figure)[0])


def test_a_handout_downloads_as_one_page(streamlit_server, page, tmp_path, page_name="preprocessing", lang="zh"):
    """Chinese (the CJK font) with the sample photo: the heaviest handout; English is read the same way (its PDF
    and text: tests/test_handouts.py)."""
    open_page(page, streamlit_server, page_name, lang)
    button = page.locator(f".st-key-{KEY_PREFIX}{page_name}").get_by_role("button", name=t("handout.button", lang=lang))
    button.wait_for(timeout=60_000)   # the page is drawn above it first
    assert t("handout.button", lang=lang) in button.inner_text()
    with page.expect_download(timeout=90_000) as download:
        button.click()
    assert download.value.suggested_filename == file_name(page_name, lang)
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 1
    text = page_text(pdf).replace(" ", "")
    handout = build_handout(page_name, lang)
    assert handout.title.replace(" ", "") in text and handout.numbers[0].text in text
    assert_no_exception(page)
    save_look(pdf, page_name, lang)
    button.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"handout_button_{page_name}_{lang}.png"))
