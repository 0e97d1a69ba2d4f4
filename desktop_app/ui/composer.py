"""Where the user writes: Enter sends, Shift+Enter breaks the line, Esc stops the reply."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.token_meter import TokenCounts, TokenMeter


class ComposerEdit(QPlainTextEdit):
    """A text box that turns Enter into "send" and Esc into "stop"."""

    sig_send_requested = Signal()
    """Enter was pressed (without Shift)."""

    sig_stop_requested = Signal()
    """Esc was pressed."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & Qt.KeyboardModifier.ShiftModifier:
            self.sig_send_requested.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.sig_stop_requested.emit()
            return
        super().keyPressEvent(event)


class Composer(QWidget):
    """The draft, the Send/Stop button, the live token count and "View request"."""

    sig_view_request_requested = Signal()
    """The user wants to see the request the draft would make."""

    def __init__(self, chat: ChatController, meter: TokenMeter, parent=None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._meter = meter

        self.edit = ComposerEdit()
        self.edit.setPlaceholderText(self.tr("Message… (Enter to send, Shift+Enter for a new line)"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(56)
        self.edit.setMaximumHeight(110)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the answer (Esc); what arrived is kept"))
        self.stop_button.hide()
        self.token_label = QLabel()
        self.token_label.setToolTip(self.tr("Tokens of the draft, and of the whole prompt it would send"))
        self.view_request_button = QPushButton(self.tr("View request"))
        self.view_request_button.setFlat(True)

        row = QHBoxLayout()
        row.addWidget(self.token_label, 1)
        row.addWidget(self.view_request_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addLayout(row)

        self.edit.sig_send_requested.connect(self._on_edit_send_requested)
        self.edit.sig_stop_requested.connect(self._on_edit_stop_requested)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.send_button.clicked.connect(self._on_edit_send_requested)
        self.stop_button.clicked.connect(self._on_edit_stop_requested)
        self.view_request_button.clicked.connect(self.sig_view_request_requested)
        chat.sig_busy_changed.connect(self._on_chat_busy_changed)
        meter.sig_counts_changed.connect(self._on_meter_counts_changed)
        self._update_tokens(meter.counts())

    def insert_text(self, text: str) -> None:
        """Put text back in the draft (an edited failed message), keeping what is there."""
        current = self.edit.toPlainText()
        self.edit.setPlainText(f"{text}\n\n{current}" if current.strip() else text)
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        self.edit.setFocus()

    @Slot()
    def _on_edit_send_requested(self) -> None:
        if self._chat.send(self.edit.toPlainText()):
            self.edit.clear()

    @Slot()
    def _on_edit_stop_requested(self) -> None:
        self._chat.stop()

    @Slot()
    def _on_edit_text_changed(self) -> None:
        self._meter.set_draft(self.edit.toPlainText())

    @Slot(bool)
    def _on_chat_busy_changed(self, busy: bool) -> None:
        self.stop_button.setVisible(busy)
        self.send_button.setEnabled(not busy)

    @Slot(object)
    def _on_meter_counts_changed(self, counts: TokenCounts) -> None:
        self._update_tokens(counts)

    def _update_tokens(self, counts: TokenCounts) -> None:
        approx = "" if counts.exact else "≈"
        self.token_label.setText(
            self.tr("Draft {0}{1} tokens · prompt {0}{2} tokens ({3})").format(
                approx, counts.draft, counts.total, counts.encoding
            )
        )
