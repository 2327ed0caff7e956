"""Page strings made fit for paper: Markdown marks removed, a long intro cut at a sentence end."""
from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")          # [text](address) -> text
_MARKS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])|(?<=[。！？])")


def plain(text: str) -> str:
    """Markdown as a reader sees it: "**Inception module**" -> "Inception module", "`x`" -> "x"."""
    return re.sub(r"[ \t]+", " ", _MARKS.sub("", _LINK.sub(r"\1", text))).strip()


def first_sentences(text: str, max_chars: int) -> str:
    """The leading whole sentences of `text` that fit in max_chars (at least the first sentence)."""
    kept = ""
    for sentence in (s for s in _SENTENCE_END.split(text) if s.strip()):
        candidate = f"{kept} {sentence}".strip() if not kept.endswith(tuple("。！？")) else kept + sentence.strip()
        if kept and len(candidate) > max_chars:
            break
        kept = candidate
    return kept
