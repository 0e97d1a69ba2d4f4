"""Showing untrusted text (anything a server or a file sent) without Qt reading it as markup.

Qt treats a string that looks like HTML as rich text in labels, message boxes and tooltips, and
rich text loads what an `<img src=...>` names: a local file, a FIFO, /dev/zero (the app dies of
bad_alloc). Every widget that shows such text goes through one of these helpers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox


def escape(text: str) -> str:
    """Text made safe inside HTML and attribute values (as html.escape, whose import costs ~9 ms
    of startup for its entity table)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class SafeTextDocument(QTextDocument):
    """A text document that loads no resource its HTML names: only what `own` gives (the app's own
    icons and thumbnails, by its own URL schemes), never a file or a web address."""

    def __init__(self, parent=None, own: Callable[[int, QUrl], object] | None = None) -> None:
        super().__init__(parent)
        self._own = own

    def loadResource(self, kind: int, name: QUrl):  # noqa: N802 (Qt override)
        """The app's own resource when `own` knows it; every other name is refused."""
        found = self._own(kind, name) if self._own is not None else None
        return found if found is not None else refused_resource(kind)


def refused_resource(kind: int):
    """What a refused resource loads as: an empty image for an image, else nothing.

    Returning nothing for an image is not enough: Qt's image handler then opens the name itself
    as a file (QImage.load), past loadResource.
    """
    if kind == QTextDocument.ResourceType.ImageResource.value:
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(0)
        return image
    return None


def plain_labels(*labels: QLabel) -> None:
    """Make labels show their text as typed, never as rich text."""
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (Qt would take `<b>…` in a tooltip as rich text)."""
    if "<" not in text and "&" not in text:
        return text  # no tag: Qt shows it as it is
    return "<qt>" + escape(text).replace("\n", "<br>") + "</qt>"


def plain_message_box(box: QMessageBox) -> QMessageBox:
    """A message box whose text is shown as plain text."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warn_plain(parent, title: str, text: str) -> None:
    """QMessageBox.warning with `text` shown literally."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
