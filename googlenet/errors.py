"""One kind of error the app can explain to a student, in their language.

Every error that reaches the screen names a message by its i18n key and the values to fill in:
``err.key`` / ``err.fmt``. ``err.message()`` is the sentence in the current language (``err.message("zh")``
in another), ``str(err)`` is the English sentence (for logs and tests). The error survives pickling with
its key and values intact, so it can cross a process boundary.
"""
from __future__ import annotations

import functools

from .i18n import t


class LocalisedError(Exception):
    """Base class: a user-facing problem with a message in every language."""

    def __init__(self, key: str, **fmt):
        self.key = key
        self.fmt = fmt
        super().__init__(t(key, lang="en", **fmt))

    def message(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the current language)."""
        return t(self.key, lang=lang, **self.fmt)

    def __reduce__(self):
        return functools.partial(type(self), self.key, **self.fmt), ()
