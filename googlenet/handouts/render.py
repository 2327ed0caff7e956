"""One handout -> one A4 page of PDF (fpdf2), in the handout's language.

Chinese needs a CJK font embedded in the file: the same Noto Sans CJK the app's charts use (installed by
scripts/system_deps.sh), Simplified Chinese face, subset to the characters used. The page is laid out top to
bottom: title, what the page teaches, the key figure, the key numbers, the questions with room to answer, and the
answers in small type at the foot. If it runs past one page, it is laid out again a little smaller.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF

from ..i18n import t
from .figures import figure_png
from .model import Handout

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"   # scripts/system_deps.sh: fonts-noto-cjk
CJK_FACE = "Noto Sans CJK SC"
LATIN_FONTS = {"": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               "B": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"}
MARGIN = 16                  # mm
PAGE_W = 210                 # A4, mm
SCALES = (1.0, 0.93, 0.86, 0.79, 0.72, 0.65, 0.58)   # tried in turn until the handout fits one page
GREY, INK, RULE = (105, 105, 105), (20, 20, 20), (190, 190, 190)


class HandoutTooLong(ValueError):
    """Even the smallest layout needs more than one page."""


@lru_cache(maxsize=None)
def _face_index(path: str) -> int:
    """Which font of the collection is the Simplified Chinese face."""
    from fontTools.ttLib import TTCollection
    names = [font["name"].getDebugName(4) for font in TTCollection(path, lazy=True).fonts]
    return next((i for i, name in enumerate(names) if name and name.startswith(CJK_FACE)), 0)


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f" for ch in text)


def _fonts(pdf: FPDF, chinese: bool) -> bool:
    """Registers the fonts; True if bold is drawn by stroking the regular face (one CJK font file: reading and
    subsetting it is most of the time a handout takes, so it is read once, without a bold twin)."""
    latin = all(Path(f).exists() for f in LATIN_FONTS.values())
    if chinese or not latin:
        pdf.add_font("body", fname=CJK_FONT, collection_font_number=_face_index(CJK_FONT))
        return True
    for style, path in LATIN_FONTS.items():
        pdf.add_font("body", style=style, fname=path)
    return False


def render_pdf(handout: Handout) -> bytes:
    """The handout as the bytes of a one-page PDF."""
    png, aspect = figure_png(handout.figure)
    chinese = handout.lang == "zh" or _has_cjk(_all_text(handout))
    for scale in SCALES:
        pdf = _layout(handout, png, aspect, scale, chinese)
        if pdf.page_no() == 1:
            return bytes(pdf.output())
    raise HandoutTooLong(f"the {handout.page} handout ({handout.lang}) does not fit one page")


def _all_text(h: Handout) -> str:
    return " ".join([h.title, h.intro, h.caption, *(n.label for n in h.numbers),
                     *(q.text + " ".join(q.options) for q in h.questions)])


class _Page:
    def __init__(self, lang: str, scale: float, chinese: bool):
        self.pdf = pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_margins(MARGIN, MARGIN * 0.8, MARGIN)
        pdf.set_auto_page_break(True, margin=MARGIN * 0.7)
        self.stroked_bold = _fonts(pdf, chinese)
        # Chinese has no spaces between words: a line may break between any two characters
        self.wrap = "CHAR" if lang == "zh" else "WORD"
        pdf.set_lang("zh-CN" if lang == "zh" else "en")
        pdf.set_title(" ")
        pdf.add_page()
        self.s, self.width = scale, PAGE_W - 2 * MARGIN

    def font(self, size: float, bold: bool = False, colour=INK) -> float:
        """Sets the font; gives the line height (mm)."""
        pdf = self.pdf
        pdf.set_font("body", "B" if bold and not self.stroked_bold else "", size * self.s)
        pdf.set_text_color(*colour)
        pdf.text_mode = "FILL_STROKE" if bold and self.stroked_bold else "FILL"
        if bold and self.stroked_bold:
            pdf.set_draw_color(*colour)
            pdf.set_line_width(0.022 * size * self.s)
        return size * self.s * 0.47

    def text(self, body: str, size: float, bold: bool = False, colour=INK, indent: float = 0.0, gap: float = 0.0,
             width: float | None = None, align: str = "L") -> None:
        pdf = self.pdf
        line = self.font(size, bold, colour)
        pdf.set_x(MARGIN + indent)
        pdf.multi_cell(width or self.width - indent, line, body, align=align, new_x="LMARGIN", new_y="NEXT",
                       wrapmode=self.wrap)
        pdf.ln(gap * self.s)

    def rule(self, gap: float = 2.0) -> None:
        pdf = self.pdf
        pdf.set_draw_color(*RULE)
        pdf.line(MARGIN, pdf.get_y(), PAGE_W - MARGIN, pdf.get_y())
        pdf.ln(gap * self.s)


def _layout(h: Handout, png: bytes, aspect: float, scale: float, chinese: bool) -> FPDF:
    page = _Page(h.lang, scale, chinese)
    pdf, s, lang = page.pdf, scale, h.lang
    page.text(t("handout.brand", lang=lang), 8, colour=GREY, gap=0.5)
    page.text(h.title, 19, bold=True, gap=2)
    page.text(h.intro, 10, gap=2.5)

    # The key figure, as wide as the text where its height allows
    width = page.width
    height = min(width * aspect, 92 * s)
    width = height / aspect
    pdf.image(io.BytesIO(png), x=MARGIN + (page.width - width) / 2, y=pdf.get_y(), w=width, h=height)
    pdf.set_y(pdf.get_y() + height + 1)
    page.text(h.caption, 8.5, colour=GREY, gap=2.5)

    # The key numbers: label on the left, the number on the right, in bold
    page.text(t("handout.numbers", lang=lang), 12, bold=True, gap=1)
    for number in h.numbers:
        y, label_w = pdf.get_y(), page.width * 0.7
        page.text(number.label, 9.5, width=label_w)
        bottom = pdf.get_y()
        pdf.set_y(y)
        page.text(number.text, 9.5, bold=True, indent=label_w + 2, align="R")
        pdf.set_y(max(bottom, pdf.get_y()) + 0.8 * s)
    pdf.ln(2 * s)

    # The questions, each with room for the answer
    page.text(t("handout.questions", lang=lang), 12, bold=True, gap=1)
    for n, question in enumerate(h.questions, start=1):
        page.text(f"{n}. {question.text}", 10, gap=1)
        for letter, option in zip("ABCDEFGH", question.options):
            page.text(f"○ {letter}. {option}", 9.5, indent=6, gap=0.3)
        if not question.options:
            page.text(t("handout.answer_line", lang=lang), 10, indent=6, gap=0.5)
        pdf.ln(3 * s)

    # The answers, for the teacher, in small type at the foot
    pdf.ln(1 * s)
    page.rule(1.5)
    answers = "   ".join(f"{n}. {q.answer}" for n, q in enumerate(h.questions, start=1))
    page.text(t("handout.answers", lang=lang, answers=answers), 7.5, colour=GREY)
    page.text(t("handout.source", lang=lang), 7, colour=GREY)
    return pdf
