"""Text from the layers below ui/ (deferred strings, errors as kind + parameters) in the UI's language.

Controllers, services and core hand over LazyText (desktop_app/core/i18n.py) and AppError; this is the
one place that words them, when a widget shows them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.core.errors import AppError, explain
from desktop_app.core.i18n import LazyText, fill, said


def translated(text: object) -> str:
    """A LazyText in the current language (its LazyText and AppError arguments too); other text as it is."""
    if isinstance(text, LazyText):
        args = {name: _shown(value) for name, value in text.args.items()}
        n = -1 if text.n is None else text.n
        return fill(QCoreApplication.translate(text.context, text.template, None, n), args)
    if isinstance(text, AppError):
        return error_text(text)
    return str(text)


def _shown(value: object) -> object:
    """An argument as the template gets it: text worded in the UI's language, numbers left for the format spec."""
    return translated(value) if isinstance(value, (LazyText, AppError)) else value


def exception_text(exc: BaseException) -> str:
    """What an exception says, translated when it was raised with a LazyText."""
    return translated(said(exc))


def format_wait(seconds: float) -> str:
    """A short duration in the UI's language: '0.6 s', '12 s', '3 min 5 s', '1 h 2 min'."""
    translate = QCoreApplication.translate
    if seconds < 9.95:
        return translate("Duration", "{0} s").format(f"{max(seconds, 0.0):.1f}")
    seconds = round(seconds)
    if seconds < 60:
        return translate("Duration", "{0} s").format(seconds)
    minutes, rest = divmod(seconds, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        if minutes:
            return translate("Duration", "{0} h {1} min").format(hours, minutes)
        return translate("Duration", "{0} h").format(hours)
    return translate("Duration", "{0} min {1} s").format(minutes, rest) if rest else translate("Duration", "{0} min").format(minutes)


def error_parts(error: AppError) -> tuple[str, str]:
    """(what happened, what to do next) in the UI's language, the server's own words appended."""
    return explain(error, QCoreApplication.translate, format_wait)


def error_text(error: AppError) -> str:
    """The message and hint as one short paragraph, in the UI's language."""
    return " ".join(part for part in error_parts(error) if part)
