"""The handout button through app.py, as a student navigates: once at the foot of a page, labelled in the
session's language (the PDF itself is made only when pressed: tests/test_handouts.py, the browser test)."""
from __future__ import annotations

import pytest

from apptest_helpers import choose_language, goto, open_app
from googlenet.i18n import t


def handout_buttons(at, lang: str) -> list:
    return [b for b in at.get("download_button") if b.proto.label == t("handout.button", lang=lang)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_handout_button_is_on_the_pages(lang):
    at = open_app(lang)                                   # the home page
    assert len(handout_buttons(at, lang)) == 1
    for page in ("app_pages/inception_lab.py", "app_pages/glossary.py"):
        goto(at, page)
        (button,) = handout_buttons(at, lang)
        assert button.proto.help == t("handout.button.help", lang=lang)
    other = "zh" if lang == "en" else "en"
    choose_language(at, other)                            # the label follows the language switch
    assert len(handout_buttons(at, other)) == 1
