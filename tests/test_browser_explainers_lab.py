"""Real browser (Chromium): a network trained in the training lab, picked on the Ablation and Grad-CAM pages next to
GoogLeNet, is explained with its own blocks and branches (short: one two-step run, two pages)."""
from __future__ import annotations

from browser_helpers import assert_no_exception, screenshot, wait_idle
from googlenet.i18n import t
from test_browser_feature_maps_lab import choose
from test_browser_training import short_lab_run


def go_to(page, nav_key: str, lang: str) -> None:
    """A click in the sidebar (the same session, so its run is still there)."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text(t(nav_key, lang=lang), exact=True).click()
    page.get_by_role("heading", name=t(nav_key, lang=lang)).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)


def test_a_trained_network_on_the_ablation_and_gradcam_pages(streamlit_server, page):
    lang = "en"
    short_lab_run(page, streamlit_server, lang, 2)
    run = t("fmaps.network.lab", lang=lang).split("{")[0] + "1"
    main = page.locator('[data-testid="stMain"]')

    # Ablation: the run's own blocks; branch 2 of its first block switched off.
    go_to(page, "nav.ablation", lang)
    choose(page, t("fmaps.network", lang=lang), run)
    main.get_by_text(t("exp.abl.lab.table.title", lang=lang)).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    branch2 = t("fmaps.lab.branch", lang=lang, n=2, ops=t("fmaps.lab.step.conv", lang=lang, k=1)
                + t("fmaps.lab.step.sep", lang=lang) + t("fmaps.lab.step.conv", lang=lang, k=3))
    page.locator('[data-testid="stCheckbox"]').filter(has_text=branch2).first.click()
    first = t("fmaps.lab.block_label", lang=lang, name="inception1", kind="Inception")
    dark = t("exp.abl.channels", lang=lang, block=first, off=24, total=64, detail="24")
    main.get_by_text(dark).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    # The table of each branch alone (drawn on a canvas: its cells are not page text), the metrics above it.
    assert page.locator('[data-testid="stDataFrame"]').count() == 1
    assert page.locator('[data-testid="stMetric"]').count() == 3
    assert page.locator('[data-testid="stImage"]').count() >= 3    # the digit, the comparison, the scan
    screenshot(page, "explainers_lab_ablation_en")

    # Grad-CAM: at the run's last block by default, over the digit.
    go_to(page, "nav.gradcam", lang)
    choose(page, t("fmaps.network", lang=lang), run)
    main.get_by_text(t("gradcam.lab.names", lang=lang, n=1, k=3)).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    text = main.inner_text()
    assert t("gradcam.lab.metric.pred", lang=lang) in text
    assert t("fmaps.lab.block_label", lang=lang, name="inception3", kind="Inception") in text
    assert page.locator('[data-testid="stImage"]').count() >= 4    # digit (small and large), overlay, heat map
    screenshot(page, "explainers_lab_gradcam_en")
