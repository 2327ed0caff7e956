"""Real browser (Chromium): a network trained in the training lab, picked on the Feature maps page next to
GoogLeNet, shows its own Inception blocks (short: a two-step run), in both languages."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_helpers import assert_no_exception, screenshot, wait_idle
from googlenet.i18n import t
from test_browser_training import short_lab_run


def choose(page, label: str, option_start: str) -> None:
    """Open the selectbox labelled `label` and take the option that starts with `option_start`."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    option = page.locator('[role="listbox"] [role="option"]').filter(has_text=re.compile("^" + re.escape(option_start)))
    for attempt in range(3):  # a rerun still drawing the page may close the list while it opens: open it again
        wait_idle(page)
        box.get_by_role("combobox").click()
        try:
            option.first.wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                screenshot(page, "feature_maps_lab_choose_failed")
                raise
            page.keyboard.press("Escape")
    option.first.click()
    wait_idle(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_trained_network_on_the_feature_maps_page(streamlit_server, page, lang):
    short_lab_run(page, streamlit_server, lang, 2)

    # The same session (a click in the sidebar, not a new address): its run is offered next to GoogLeNet.
    page.locator('[data-testid="stSidebarNav"]').get_by_text(t("nav.feature_maps", lang=lang), exact=True).click()
    page.get_by_role("heading", name=t("nav.feature_maps", lang=lang)).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    choose(page, t("fmaps.network", lang=lang), t("fmaps.network.lab", lang=lang).split("{")[0] + "1")
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(t("fmaps.lab.depth_note", lang=lang, n=1, blocks=3)).first.wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    text = main.inner_text()
    assert "16 + 24 + 12 + 12" in text and t("fmaps.concat.title", lang=lang) in text
    # Four branch grids, the digit the network sees, the enlarged channel, its overlay, the concatenation chart.
    assert page.locator('[data-testid="stImage"]').count() >= 8

    third = t("fmaps.lab.block_label", lang=lang, name="inception3", kind="Inception")
    choose(page, t("fmaps.lab.block", lang=lang), third)
    assert_no_exception(page)
    colon = "：" if lang == "zh" else ": "
    assert f"{third}{colon}" in main.inner_text()   # the summary line names the block picked
    screenshot(page, f"feature_maps_lab_run_{lang}")
