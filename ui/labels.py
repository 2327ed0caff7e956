"""Names on screen that several pages share, in the session's language."""
from __future__ import annotations

from googlenet.i18n import get_language, t
from googlenet.model import short_name
from googlenet.weights import display_name


def class_name(index: int) -> str:
    """An ImageNet class: "中文名 (English)" in Chinese where a translation exists, else English."""
    return display_name(index, get_language())


def block_label(block: str) -> str:
    """An Inception block as every page names it: "Inception 4a"."""
    return t("common.block", name=short_name(block))
