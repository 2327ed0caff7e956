"""What every page's builder shares: the title, the intro cut to a few sentences, a key number's label and text."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from matplotlib.figure import Figure

from ..i18n import t
from .model import Handout, Number
from .questions import handout_questions
from .text import join_sentences, plain, sentences, sentences_within

INTRO_CHARS = 450   # of English, about four sentences: a handout's intro, not the whole page's


def intro(key: str, lang: str, **fmt) -> str:
    """The page's own introduction, plain text, its first sentences: as many as fit INTRO_CHARS in English, and
    the same number in Chinese (which says what the English says)."""
    english = sentences(plain(t(key, lang="en", **fmt)))
    count = sentences_within(plain(t(key, lang="en", **fmt)), INTRO_CHARS)
    parts = sentences(plain(t(key, lang=lang, **fmt)))
    return join_sentences(parts if count == len(english) else parts[:count])


def number(lang: str, key: str, value: float, text: str | None = None, **fmt) -> Number:
    """A key number: its label (string `key`), the computed value, and how it prints (12,443,648 by default)."""
    if text is None:
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    return Number(t(key, lang=lang, **fmt), float(value), text)


def handout(page: str, lang: str, intro_text: str, figure: Callable[[], Figure], caption: str,
            numbers: list[Number]) -> Handout:
    return Handout(page, lang, t(f"nav.{page}", lang=lang), intro_text, figure, caption, tuple(numbers),
                   handout_questions(page, lang))


SAMPLE_PHOTO = Path(__file__).resolve().parents[2] / "assets" / "chelsea_cat.jpg"   # one of the app's samples


def sample_photo():
    """The app's bundled sample photo, decoded as any picture is (googlenet.images)."""
    from ..images import load_image
    return load_image(SAMPLE_PHOTO)
