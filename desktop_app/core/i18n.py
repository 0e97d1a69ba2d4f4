"""Deferred translatable text for the Qt-free layers: marked here, translated where it is shown.

core and services never choose the words the user reads in their language: they mark an English
template with `trans_late(context, template)` (lupdate reads it as QT_TRANSLATE_NOOP, see
packaging/translations.py) and fill it with `.format(...)`. The result is still a `str` (the English
text, for logs and for code that only needs some text), and it remembers its context, template and
arguments, so the UI can show it in the language it runs in (desktop_app/ui/text.py).
"""

from __future__ import annotations

import string
from collections.abc import Mapping


class LazyText(str):
    """English text that also knows how to be translated: context, template, arguments and plural count."""

    context: str
    template: str
    args: Mapping[str, object]
    n: int | None

    def __new__(
        cls, context: str, template: str, args: Mapping[str, object] | None = None, n: int | None = None
    ) -> "LazyText":
        args = dict(args or {})
        english = template.replace("%n", str(n)) if n is not None else template
        self = super().__new__(cls, fill(english, args) if args else english)
        self.context, self.template, self.args, self.n = context, template, args, n
        return self

    def __reduce__(self):  # copies and pickles keep the template and arguments
        return (LazyText, (self.context, self.template, self.args, self.n))

    def format(self, *args: object, **kwargs: object) -> "LazyText":  # type: ignore[override]
        """The template filled with named arguments (positional ones as {0}, {1}...), still translatable."""
        named = {str(i): value for i, value in enumerate(args)}
        named.update(kwargs)
        return LazyText(self.context, self.template, {**self.args, **named}, self.n)

    def counted(self, n: int) -> "LazyText":
        """The text with its count `n` for %n, translated as Qt's plural form for n when shown.

        pyside6-lupdate files a trans_late template as one form (it makes plural entries only for
        self.tr(text, "", n)): enough for English and Korean; a language with plural forms gets one.
        """
        return LazyText(self.context, self.template, self.args, n)


def trans_late(context: str, text: str) -> LazyText:
    """Mark `text` for translation under `context`; returns it as LazyText (translated when shown)."""
    return LazyText(context, text)


def said(exc: BaseException) -> str:
    """What an exception says: its LazyText when raised with one (translated when shown), else str(exc)."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, LazyText) else str(exc)


class _KeepMissing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, args: Mapping[str, object]) -> str:
    """template.format(**args), tolerant: an unknown {name} stays as written, a stray brace keeps the template."""
    positional = []
    while str(len(positional)) in args:
        positional.append(args[str(len(positional))])
    named = _KeepMissing({str(k): v for k, v in args.items() if not str(k).isdigit()})
    try:
        return string.Formatter().vformat(template, positional, named)
    except (ValueError, IndexError, AttributeError, KeyError, TypeError):
        return template
