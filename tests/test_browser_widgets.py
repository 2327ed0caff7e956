"""Every widget on every page, changed in a real browser the way a student would (tests/widget_driver.py).

After each change the page must have finished its rerun without an exception and still speak the chosen
language (a fragment rerun must not fall back to the other one). Each page is driven in one language,
alternating, so both languages are covered across the pages (tests/test_browser.py opens every page in both).
The same driver times these changes in benchmarks/pages.py.
"""
from __future__ import annotations

import pytest

from browser_helpers import assert_no_exception
from googlenet.i18n import t
from ui.nav import available_pages
from widget_driver import change_every_widget, open_and_time, watch_script_runs

PAGES = available_pages()
# Widgets each page must offer (a page that lost its controls would otherwise pass with nothing to change).
# Each count is the page's own widgets plus those of its "Check yourself" questions (ui/concept_check.py).
AT_LEAST = {"home": 1 + 2, "history": 5 + 2, "architecture": 3 + 3, "inception_lab": 10 + 3, "spot_the_bug": 2 + 2,
            "family": 0 + 2, "classify": 2 + 2, "preprocessing": 2 + 2, "feature_maps": 6 + 2,
            "receptive_field": 6 + 2, "ablation": 7 + 2, "gradcam": 5 + 2, "training": 6 + 2, "glossary": 1 + 1}
AT_LEAST["branch_vote"] = 6 + 2   # picture, camera, class, scrambling, knock-out, patch, step, patch centre x / y
AT_LEAST["channel_vis"] = 8 + 2   # block, branch, channel, steps, size, diversity, grid, patches; 2 questions
AT_LEAST["classroom"] = 2 + 2   # the class code to join, the teacher PIN; 2 questions
AT_LEAST["lessons"] = 0 + 2   # Start buttons only (buttons are not driven); 2 questions


@pytest.mark.parametrize("info, lang", [(p, "zh" if n % 2 else "en") for n, p in enumerate(PAGES)],
                         ids=[p.url_path for p in PAGES])
def test_every_widget_of_the_page(streamlit_server, browser, info, lang):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    watch_script_runs(context)
    try:
        page = context.new_page()
        address = "" if info.url_path == "home" else info.url_path
        open_and_time(page, f"{streamlit_server.url}/{address}?lang={lang}")
        assert_no_exception(page)
        heading = t("home.title" if info.url_path == "home" else info.title_key, lang=lang)

        def still_fine(change):
            assert_no_exception(page)
            assert page.get_by_role("heading", name=heading).count(), f"after changing {change.label!r}"

        changes = change_every_widget(page, on_change=still_fine)
        assert len(changes) >= AT_LEAST[info.url_path], [c.label for c in changes]
    finally:
        context.close()
