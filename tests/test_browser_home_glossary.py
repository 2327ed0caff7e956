"""Home (with its reconciled numbers, also opened by a link) and the glossary in real Chromium, both
languages: no exception, the numbers and the table on screen, screenshots saved to tests/artifacts/."""
from __future__ import annotations

import pytest

from browser_helpers import assert_no_exception, open_page, screenshot, wait_idle
from googlenet.i18n import t


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_and_its_reconciled_numbers(streamlit_server, page, lang):
    open_page(page, streamlit_server, "home", lang)
    page.get_by_role("heading", name=t("home.title", lang=lang)).first.wait_for(timeout=30_000)
    assert_no_exception(page)
    body = page.inner_text("body")
    assert t("home.metric.top5.delta", lang=lang, models=7, crops=144) in body and "6.67%" in body
    # Collapsed: its title shows, its tables don't; a click opens it.
    summary = page.locator('[data-testid="stExpander"] summary', has_text=t("reconciled.title", lang=lang))
    summary.wait_for(timeout=60_000)
    summary.click()
    page.get_by_text("6,998,552").first.wait_for(timeout=30_000)
    body = page.inner_text("body")
    for number in ("10.07%", "10.47", "6,624,904", "1,498,376,192", "61,100,840", "9.68×", "5.06×"):
        assert number in body, number
    assert_no_exception(page)
    screenshot(page, f"home_numbers_{lang}")

    # The link under the metrics opens the same page with the numbers first.
    link = page.get_by_text(t("reconciled.link", lang=lang)).first
    assert "section=numbers" in link.evaluate("e => e.closest('a').href")
    link.click()
    page.wait_for_timeout(500)
    wait_idle(page)
    page.get_by_text("6,998,552").first.wait_for(timeout=30_000)
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert main.index(t("reconciled.title", lang=lang)) < main.index(t("home.subtitle", lang=lang))
    assert_no_exception(page)
    screenshot(page, f"home_linked_{lang}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_page(streamlit_server, page, lang):
    open_page(page, streamlit_server, "glossary", lang)
    page.get_by_role("heading", name=t("glossary.title", lang=lang)).first.wait_for(timeout=30_000)
    page.get_by_text("receptive field").first.wait_for(timeout=30_000)   # the table is drawn
    assert_no_exception(page)
    screenshot(page, f"glossary_{lang}")
    box = page.get_by_label(t("glossary.search", lang=lang))
    box.fill("汇聚")
    box.press("Enter")
    page.get_by_text(t("glossary.count", lang=lang, shown=4, total=69)).wait_for(timeout=30_000)
    wait_idle(page)
    assert_no_exception(page)
    screenshot(page, f"glossary_search_{lang}")
