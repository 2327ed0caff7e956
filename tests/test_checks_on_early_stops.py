"""A page that ends early (no pretrained weights here) still ends with its concept checks: they need neither
weights nor a picture, and a student without weights should not lose them."""
from __future__ import annotations

import pytest

from apptest_helpers import goto, open_app, visible_text
from googlenet.i18n import t

WEIGHTS_PAGES = {"ablation": "exp.abl.no_weights", "classify": "classify.no_weights_hint",
                 "gradcam": "gradcam.no_weights"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", sorted(WEIGHTS_PAGES))
def test_checks_are_drawn_when_the_page_stops_for_missing_weights(page, lang, without_weights):
    at = goto(open_app(lang), f"app_pages/{page}.py")
    text = visible_text(at)
    assert t(WEIGHTS_PAGES[page], lang=lang) in text          # the page did stop early ...
    assert t("cc.title", lang=lang) in text                   # ... after drawing its checks
