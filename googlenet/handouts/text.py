"""Page strings made fit for paper: Markdown marks removed, a long intro cut at a sentence end."""
from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")          # [text](address) -> text
_MARKS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])|(?<=[。！？])")


def plain(text: str) -> str:
    """Markdown as a reader sees it: "**Inception module**" -> "Inception module", "`x`" -> "x"."""
    return re.sub(r"[ \t]+", " ", _MARKS.sub("", _LINK.sub(r"\1", text))).strip()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def join_sentences(parts: list[str]) -> str:
    text = ""
    for part in parts:
        text += part if not text or text.endswith(tuple("。！？")) else " " + part
    return text


def sentences_within(text: str, max_chars: int) -> int:
    """How many leading sentences of `text` fit in max_chars (at least one)."""
    parts = sentences(text)
    count = 1
    while count < len(parts) and len(join_sentences(parts[:count + 1])) <= max_chars:
        count += 1
    return count
