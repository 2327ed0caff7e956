"""The "Handout (PDF)" button at the foot of every page (drawn by ui.concept_check after the page's questions).

The PDF is made only when the button is pressed (a callable `data`), in the session's language, and kept for the
process: the same page and language give the same handout to every student. Pressing it does not rerun the page.
"""
from __future__ import annotations

import streamlit as st

from googlenet.handouts import PAGES
from googlenet.i18n import get_language, t

KEY_PREFIX = "dl_handout_"


def file_name(page: str, lang: str) -> str:
    return f"googlenet_handout_{page}_{lang}.pdf"


@st.cache_data(show_spinner=False, max_entries=2 * len(PAGES))
def _pdf(page: str, lang: str) -> bytes:
    from googlenet.handouts import handout_pdf
    return handout_pdf(page, lang)


def handout_button(page: str) -> None:
    """The page's handout (url_path, e.g. "architecture"; "" is the home page); nothing for a page without one."""
    page = page or "home"
    if page not in PAGES:
        return
    lang = get_language()
    st.download_button(t("handout.button"), data=lambda: _pdf(page, lang), file_name=file_name(page, lang),
                       mime="application/pdf", key=KEY_PREFIX + page, on_click="ignore",
                       icon=":material/picture_as_pdf:", help=t("handout.button.help"))
