"""The picture pages' corrected claims in a real browser (Chromium), both languages: each page opens without an
exception and shows its key claim; the ablation page, with all four branches of a block off, shows two photos
with one answer. Screenshots of every page go to the artifacts folder (browser_helpers.screenshot)."""
from __future__ import annotations

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, wait_idle
from googlenet.i18n import t
from googlenet.model import BRANCHES
from widget_driver import act_and_settle

PAGES = {  # url path -> a claim the page must show
    "classify": "classify.metric.top5",
    "preprocessing": "exp.pre.training",
    "feature_maps": "fmaps.stats.caption",
    "receptive_field": "exp.rf.table.title",
    "ablation": "exp.abl.try",
    "gradcam": "gradcam.limits.title",
}


def plain(text: str) -> str:
    """The words of a markdown string as the browser shows them (no ** or *)."""
    return text.replace("**", "").replace("*", "")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("url_path", list(PAGES))
def test_page_shows_its_claims(streamlit_server, page, url_path, lang):
    open_page(page, streamlit_server, url_path, lang)
    page.get_by_role("heading", name=t(f"nav.{url_path}", lang=lang)).first.wait_for(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    claim = plain(t(PAGES[url_path], lang=lang)).split("\n")[0][:60]
    page.get_by_text(claim).first.wait_for(timeout=30_000)
    assert t("common.weights_origin", lang=lang) in page.inner_text('[data-testid="stSidebar"]')
    screenshot(page, f"claims_{url_path}_{lang}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ablation_block_cut_shows_one_answer_for_two_photos(streamlit_server, page, lang):
    open_page(page, streamlit_server, "ablation", lang)
    page.get_by_role("heading", name=t("nav.ablation", lang=lang)).first.wait_for(timeout=60_000)
    wait_idle(page)
    for branch in BRANCHES:
        act_and_settle(page, page.get_by_text(t(f"exp.abl.{branch}", lang=lang), exact=True).click)
    title = t("exp.abl.cut.title", lang=lang, block="Inception 4a")
    page.get_by_text(title).first.wait_for(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("exp.abl.cut.same", lang=lang, diff=0.0, block="Inception 4a") in body
    ablated = plain(t("exp.abl.cut.line", lang=lang, label=t("exp.abl.cut.ablated", lang=lang), answer=""))
    answers = [line for line in body.splitlines() if line.startswith(ablated)]
    assert len(answers) == 2 and answers[0] == answers[1], answers
    screenshot(page, f"claims_ablation_cut_{lang}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_receptive_field_measures_the_effective_field(streamlit_server, page, lang):
    open_page(page, streamlit_server, "receptive_field", lang)
    page.get_by_role("heading", name=t("nav.receptive_field", lang=lang)).first.wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_text(t("exp.rf.effective.title", lang=lang)).first.click()
    switch = page.get_by_text(t("exp.rf.effective.run", lang=lang)).first
    switch.wait_for(state="visible", timeout=30_000)              # the expander has opened
    act_and_settle(page, switch.click)
    try:   # a pass forward and back: seconds on a busy machine
        page.get_by_text(t("exp.rf.effective.pretrained", lang=lang)).first.wait_for(timeout=120_000)
    except Exception:
        screenshot(page, f"claims_receptive_field_effective_{lang}_failed")
        raise
    wait_idle(page)
    assert_no_exception(page)
    screenshot(page, f"claims_receptive_field_effective_{lang}")
