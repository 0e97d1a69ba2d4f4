"""The whole of a message too long for the conversation view, loaded a slice at a time."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout

from desktop_app.ui.message_html import fold_lines

SLICE_CHARS = 64_000  # appended per event-loop turn: a few ms each, so the window never stalls
FOLD_COLUMN = 1_000  # a line is laid out whole: long ones are shown cut, the copy keeps them


class FullTextDialog(QDialog):
    """Shows a long text read-only (long lines folded for display); Copy all copies the original."""

    def __init__(self, text: str, parent=None) -> None:
        super().__init__(parent)
        self._text = text
        self._position = 0
        self.setWindowTitle(self.tr("Whole message"))
        self.resize(900, 700)
        self.edit = QPlainTextEdit()
        self.edit.setReadOnly(True)
        self.edit.setUndoRedoEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton(self.tr("Copy all"), QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self._timer.start()

    def is_loaded(self) -> bool:
        """True once the whole text is in the view."""
        return self._position >= len(self._text)

    @Slot()
    def _on_timer_timeout(self) -> None:
        end = min(self._position + SLICE_CHARS, len(self._text))
        piece = self._text[self._position : end]
        folded = fold_lines(piece, FOLD_COLUMN)
        if end < len(self._text) and not piece.endswith("\n"):
            folded += "\n"  # a long line cut here continues on the next display line
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(folded)
        self._position = end
        if self.is_loaded():
            self._timer.stop()

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self._text)
