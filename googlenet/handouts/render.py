"""One handout -> one A4 page of PDF (fpdf2), in the handout's language.

Chinese needs a CJK font embedded in the file: the same Noto Sans CJK the app's charts use (googlenet.handouts.fonts),
subset to the characters used. The page is laid out top to
bottom: title, what the page teaches, the key figure, the key numbers, the questions with room to answer, and the
answers in small type at the foot. If it runs past one page, it is laid out again a little smaller.
"""
from __future__ import annotations

import io
import re

from fpdf import FPDF

from ..i18n import t
from .figures import figure_png
from .fonts import LATIN_FONTS, cjk_font, has_cjk, latin_available
from .model import Handout

MARGIN = 16                  # mm
PAGE_W = 210                 # A4, mm
SCALES = (1.0, 0.93, 0.86, 0.79, 0.72, 0.65, 0.58)   # tried in turn until the handout fits one page
GREY, INK, RULE = (105, 105, 105), (20, 20, 20), (190, 190, 190)


class HandoutTooLong(ValueError):
    """Even the smallest layout needs more than one page."""


def _fonts(pdf: FPDF, text: str, chinese: bool) -> bool:
    """Registers the fonts; True if bold is drawn by stroking the regular face (the CJK face is read once, without
    a bold twin: reading a CJK font is most of the time a handout takes)."""
    if chinese or not latin_available():
        path, index = cjk_font(text)
        pdf.add_font("body", fname=path, collection_font_number=index)
        return True
    for style, path in LATIN_FONTS.items():
        pdf.add_font("body", style=style, fname=path)
    return False


def render_pdf(handout: Handout) -> bytes:
    """The handout as the bytes of a one-page PDF."""
    png, aspect = figure_png(handout.figure)
    text = _all_text(handout)
    chinese = handout.lang == "zh" or has_cjk(text)
    for scale in SCALES:
        pdf = _layout(handout, png, aspect, scale, text, chinese)
        if pdf.page_no() == 1:
            return bytes(pdf.output())
    raise HandoutTooLong(f"the {handout.page} handout ({handout.lang}) does not fit one page")


def _all_text(h: Handout) -> str:
    """Every character the page will print (the fixed headings are in the string tables)."""
    fixed = (t(f"handout.{key}", lang=h.lang) for key in ("brand", "numbers", "questions", "answer_line", "answers",
                                                          "source"))
    return " ".join([h.title, h.intro, h.caption, *fixed, *(n.label + n.text for n in h.numbers),
                     *(q.text + " ".join(q.options) + q.answer for q in h.questions), "○ABCDEFGH"])


class _Page:
    def __init__(self, lang: str, scale: float, text: str, chinese: bool):
        self.pdf = pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_margins(MARGIN, MARGIN * 0.8, MARGIN)
        pdf.set_auto_page_break(True, margin=MARGIN * 0.7)
        self.stroked_bold = _fonts(pdf, text, chinese)
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
        width = width or self.width - indent
        if self.wrap == "CHAR":
            body = _break_chinese(pdf, body, width - 2 * pdf.c_margin - 0.3)
        pdf.set_x(MARGIN + indent)
        pdf.multi_cell(width, line, body, align=align, new_x="LMARGIN", new_y="NEXT", wrapmode=self.wrap)
        pdf.ln(gap * self.s)

    def rule(self, gap: float = 2.0) -> None:
        pdf = self.pdf
        pdf.set_draw_color(*RULE)
        pdf.line(MARGIN, pdf.get_y(), PAGE_W - MARGIN, pdf.get_y())
        pdf.ln(gap * self.s)


def _layout(h: Handout, png: bytes, aspect: float, scale: float, text: str, chinese: bool) -> FPDF:
    page = _Page(h.lang, scale, text, chinese)
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


# Chinese line breaking: a line may break between any two characters, but not inside a Latin word or number, not
# before closing punctuation and not after opening punctuation (the basic rules of Chinese typesetting).
_TOKEN = re.compile(r"[\x21-\x7e\u00a0-\u024f\u2013\u2019×÷·→−]+|\s+|.", re.S)
_NO_LINE_START = set("，。、；：？！）」』”’》】〉…—％%,.;:?!)]}")
_NO_LINE_END = set("（「『“‘《【〈([{")


def _break_chinese(pdf: FPDF, text: str, width: float) -> str:
    """`text` with line breaks where a line of `width` mm is full (in the current font)."""
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        if tokens and (token[0] in _NO_LINE_START or tokens[-1][-1] in _NO_LINE_END) and not token.isspace():
            tokens[-1] += token
        else:
            tokens.append(token)
    lines, current = [], ""
    for token in tokens:
        if current and pdf.get_string_width(current + token.rstrip()) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    lines.append(current.rstrip())
    return "\n".join(lines)
