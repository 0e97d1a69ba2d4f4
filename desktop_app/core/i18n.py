"""Deferred translatable text for the Qt-free layers: marked here, translated where it is shown.

core and services never choose the words the user reads in their language: they mark an English
template with `trans_late(context, template)` (lupdate reads it as QT_TRANSLATE_NOOP, see
packaging/translations.py) and fill it with `.format(...)`. The result is still a `str` (the English
text, for logs and for code that only needs some text), and it remembers its context, template and
arguments, so the UI can show it in the language it runs in (desktop_app/controllers/text.py).
"""

from __future__ import annotations

import string
from collections.abc import Mapping


class LazyText(str):
    """English text that also knows how to be translated: context, template and arguments."""

    context: str
    template: str
    args: Mapping[str, object]

    def __new__(cls, context: str, template: str, args: Mapping[str, object] | None = None) -> "LazyText":
        args = dict(args or {})
        self = super().__new__(cls, fill(template, args) if args else template)
        self.context, self.template, self.args = context, template, args
        return self

    def __reduce__(self):  # copies and pickles keep the template and arguments
        return (LazyText, (self.context, self.template, self.args))

    def format(self, *args: object, **kwargs: object) -> "LazyText":  # type: ignore[override]
        """The template filled with named arguments (positional ones as {0}, {1}...), still translatable."""
        named = {str(i): value for i, value in enumerate(args)}
        named.update(kwargs)
        return LazyText(self.context, self.template, {**self.args, **named})


def trans_late(context: str, text: str) -> LazyText:
    """Mark `text` for translation under `context`; returns it as LazyText (translated when shown)."""
    return LazyText(context, text)


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
