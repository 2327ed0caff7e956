"""A page's "Check yourself" questions, as a handout prints them: the same questions, texts and computed answers
as the page (googlenet.concept_checks), options lettered A, B, C …, the answer for the teacher."""
from __future__ import annotations

from ..concept_checks import CHOICE, format_number, page_questions
from ..i18n import t
from .model import HandoutQuestion
from .text import plain

LETTERS = "ABCDEFGH"


def handout_questions(page: str, lang: str) -> tuple[HandoutQuestion, ...]:
    questions = []
    for question in page_questions(page):
        prompt = question.prompt()
        text = plain(t(f"cc.{question.id}.q", lang=lang, **prompt))
        answer = question.solution().answer
        if question.kind == CHOICE:
            options = tuple(plain(t(f"cc.{question.id}.opt.{o}", lang=lang, **prompt)) for o in question.options)
            shown = LETTERS[question.options.index(answer)]
        else:
            options = ()
            shown = format_number(float(answer), question.decimals)
        questions.append(HandoutQuestion(text, options, shown))
    return tuple(questions)
