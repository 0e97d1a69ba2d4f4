"""A plain-text box where Tab moves the focus on, as in every other control, and Ctrl+Tab types a tab."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit


class TabFriendlyEdit(QPlainTextEdit):
    """Tab and Shift+Tab leave the box (no keyboard trap); Ctrl+Tab inserts a tab character."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.setTabChangesFocus(True)

    def event(self, event: QEvent) -> bool:
        # Ctrl+Tab would otherwise be taken as "next focus" by the window before keyPressEvent.
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and _is_ctrl_tab(event):
            if event.type() == QEvent.Type.KeyPress:
                self.insertPlainText("\t")
            event.accept()
            return True
        return super().event(event)


def _is_ctrl_tab(event: QKeyEvent) -> bool:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() == Qt.Key.Key_Tab and mods == Qt.KeyboardModifier.ControlModifier
