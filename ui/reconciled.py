"""A link to "The numbers, reconciled" on the home page, for every place that shows a headline number.

The home page opens that section (expanded, at the top) when the address carries ?section=numbers.
"""
from __future__ import annotations

import streamlit as st

from googlenet.i18n import get_language, t

HOME = "app_pages/home.py"
SECTION = "numbers"


def reconciled_link(container=None) -> None:
    """Draw the link in `container` (default: where the page is drawing)."""
    target = container if container is not None else st
    target.page_link(HOME, label=t("reconciled.link"), icon=":material/balance:",
                     query_params={"section": SECTION, "lang": get_language()})


def section_requested() -> bool:
    return st.query_params.get("section") == SECTION
