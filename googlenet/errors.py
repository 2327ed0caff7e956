"""One kind of error the app can explain to a student, in their language.

Every error that reaches the screen names a message by its i18n key and the values to fill in:
``err.key`` / ``err.fmt``. ``err.message()`` is the sentence in the current language (``err.message("zh")``
in another), ``str(err)`` is the English sentence (for logs and tests). A value that is itself a word of the
interface (a field's name, say) is passed as ``Term(key)`` and translated with the message. The error survives
pickling with its key and values intact, so it can cross a process boundary. It may also be returned rather
than raised, e.g. one per form field that cannot be used.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

from .i18n import t


class Term(NamedTuple):
    """An i18n key used as a value inside another message: translated into the message's language."""
    key: str


class LocalisedError(Exception):
    """Base class: a user-facing problem with a message in every language."""

    def __init__(self, key: str, **fmt):
        self.key = key
        self.fmt = fmt
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the current language)."""
        values = {name: t(v.key, lang=lang) if isinstance(v, Term) else v for name, v in self.fmt.items()}
        return t(self.key, lang=lang, **values)

    def __reduce__(self):
        return functools.partial(type(self), self.key, **self.fmt), ()
