"""Every visible string, in Chinese and English: ``t("key", **fmt)``.

The tables live in ``googlenet/strings/<topic>.py``; each module defines two dicts, ``EN`` and ``ZH``,
with the same keys (a test checks this). Keys are prefixed with the topic, e.g. ``"home.title"``.
The current language is per thread of execution (one Streamlit session's script run), set by
``set_language`` at the top of every run, so sessions in different languages never mix. Where no run has
set it — a Streamlit fragment rerun, or a widget callback, runs in a fresh thread without the app's top —
it comes from the language source the app registered (``use_language_source``: the session's choice).
"""
from __future__ import annotations

import contextvars
import importlib
import pkgutil
import string
from functools import lru_cache
from typing import Callable

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}

_current: contextvars.ContextVar[str] = contextvars.ContextVar("language")
_source: Callable[[], str | None] | None = None


def set_language(lang: str) -> None:
    _current.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def use_language_source(source: Callable[[], str | None] | None) -> None:
    """Where get_language looks when this thread has set no language (e.g. the web session's choice)."""
    global _source
    _source = source


def get_language() -> str:
    lang = _current.get(None)
    if lang is None and _source is not None:
        lang = _source()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def language_from_locale(locale: str | None) -> str:
    """Pick zh or en from a browser locale such as "en-US" or "zh-CN"; Chinese when unknown."""
    if locale and locale.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=1)
def tables() -> dict[str, dict[str, str]]:
    """All string tables merged: {"zh": {...}, "en": {...}}."""
    from . import strings

    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for info in pkgutil.iter_modules(strings.__path__):
        module = importlib.import_module(f"{strings.__name__}.{info.name}")
        for lang, table in (("en", module.EN), ("zh", module.ZH)):
            clash = merged[lang].keys() & table.keys()
            if clash:
                raise KeyError(f"string keys defined twice: {sorted(clash)}")
            merged[lang].update(table)
    return merged


def placeholders(text: str) -> set[str]:
    """The {names} a string expects, e.g. {"n"} for "{n:,} channels"."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def t(key: str, lang: str | None = None, **fmt) -> str:
    """The string for `key` in the current (or given) language, formatted with `fmt`."""
    table = tables()[lang or get_language()]
    text = table.get(key)
    if text is None:  # a missing key should be loud in tests, but never crash a classroom
        text = tables()["en"].get(key, key)
    return text.format(**fmt) if fmt else text
