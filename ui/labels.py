"""Names on screen that several pages share, in the session's language, and how a probability is written."""
from __future__ import annotations

import streamlit as st

from googlenet.i18n import get_language, t
from googlenet.model import short_name
from googlenet.weights import display_name


def class_name(index: int) -> str:
    """An ImageNet class: "中文名 (English)" in Chinese where a translation exists, else English."""
    return display_name(index, get_language())


def block_label(block: str) -> str:
    """An Inception block as every page names it: "Inception 4a"."""
    return t("common.block", name=short_name(block))


def percent_column(label: str):
    """A table column of probabilities (0..1) as bars, written like the charts and captions write them: "12.3%".

    Streamlit's "percent" format shows as many decimals as the column's step allows beyond the two a percent
    takes up (step 0.001 -> one decimal); without a step it would show up to two ("12.34%").
    """
    return st.column_config.ProgressColumn(label, format="percent", min_value=0.0, max_value=1.0, step=0.001)
