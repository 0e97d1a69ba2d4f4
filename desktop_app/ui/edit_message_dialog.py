"""Edit an earlier message of the user's and send it again as a new version."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from desktop_app.ui.tab_text_edit import TabFriendlyEdit


class EditMessageDialog(QDialog):
    """The message text, editable; "Send" makes a new version and the original stays one click away."""

    def __init__(self, text: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit message"))
        self.resize(560, 320)
        self.edit = TabFriendlyEdit(text)
        hint = QLabel(self.tr("Sending makes a new version of this message; the original and its answers stay "
                              "as the other version (switch with ◀ ▶ on the message)."))
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = self.buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.setFocus()

    def text(self) -> str:
        """The edited text."""
        return self.edit.toPlainText()

    @Slot()
    def _on_edit_text_changed(self) -> None:
        self.send_button.setEnabled(bool(self.text().strip()))
