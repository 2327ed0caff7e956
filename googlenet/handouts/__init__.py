"""One-page handouts, one per page of the app, in either language: the page's title and what it teaches, its key
figure (drawn from the package's computed data, no ImageNet weights needed), its key numbers (computed by the same
functions the page calls) and its "Check yourself" questions, with the answers at the foot for the teacher.

``build_handout(page, lang)`` gives the data (googlenet.handouts.model.Handout); ``handout_pdf(page, lang)`` the
bytes of a one-page A4 PDF (googlenet.handouts.render). No Streamlit here: ui/handout.py draws the button.
"""
from __future__ import annotations

from .model import Handout, HandoutQuestion, Number

__all__ = ["PAGES", "Handout", "HandoutQuestion", "Number", "builders", "build_handout", "handout_pdf"]

# The pages with a handout (url_path), known without importing their builders (which import matplotlib): the
# button is drawn on pages that load no chart library.
PAGES = ("home", "history", "architecture", "inception_lab", "spot_the_bug", "family", "classify", "preprocessing",
         "feature_maps", "receptive_field", "ablation", "gradcam", "channel_vis", "branch_vote", "training",
         "glossary", "lessons", "classroom")


def builders() -> dict:
    """page (url_path) -> its builder (lang -> Handout)."""
    from . import pages_model, pages_teaching, pages_vision
    return {**pages_model.PAGES, **pages_vision.PAGES, **pages_teaching.PAGES}


def build_handout(page: str, lang: str) -> Handout:
    return builders()[page](lang)


def handout_pdf(page: str, lang: str) -> bytes:
    from .render import render_pdf
    return render_pdf(build_handout(page, lang))
