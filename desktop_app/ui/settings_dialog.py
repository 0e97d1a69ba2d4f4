"""Connection settings: base URL and API key (checked before saving), role and max-tokens names."""

from __future__ import annotations

import html

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.core.capabilities import InstructionRole, MaxTokensParam
from desktop_app.core.errors import AppError


MIN_READ_TIMEOUT_S, MAX_READ_TIMEOUT_S = 5, 3600


class SettingsDialog(QDialog):
    """Asks for the endpoint and key; saves only after the server accepted them."""

    def __init__(self, connection: ConnectionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(520)
        endpoint = connection.endpoint

        self.base_url_edit = QLineEdit(connection.base_url)
        self.base_url_edit.setPlaceholderText("https://api.openai.com/v1")
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(
            self.tr("Using OPENAI_API_KEY from the environment")
            if connection.key_from_environment
            else self.tr("sk-…  (empty: keep the saved key; none needed for most local servers)")
        )
        self.role_combo = QComboBox()
        for role, label in (
            (InstructionRole.AUTO, self.tr("Automatic (developer for o-series and gpt-5)")),
            (InstructionRole.SYSTEM, self.tr("Always system")),
            (InstructionRole.DEVELOPER, self.tr("Always developer")),
        ):
            self.role_combo.addItem(label, role)
        self.role_combo.setCurrentIndex(self.role_combo.findData(endpoint.instruction_role))
        self.max_tokens_combo = QComboBox()
        for param, label in (
            (MaxTokensParam.AUTO, self.tr("Automatic")),
            (MaxTokensParam.MAX_COMPLETION_TOKENS, "max_completion_tokens"),
            (MaxTokensParam.MAX_TOKENS, self.tr("max_tokens (older and local servers)")),
        ):
            self.max_tokens_combo.addItem(label, param)
        self.max_tokens_combo.setCurrentIndex(self.max_tokens_combo.findData(endpoint.max_tokens_param))
        self.timeout_spin = QSpinBox()
        self.timeout_spin.setRange(MIN_READ_TIMEOUT_S, MAX_READ_TIMEOUT_S)
        self.timeout_spin.setSuffix(self.tr(" s"))
        self.timeout_spin.setValue(round(connection.read_timeout_s))
        self._shown_timeout = self.timeout_spin.value()
        self.timeout_spin.setToolTip(
            self.tr("How long to wait for the server's next bytes (a reasoning model can think for minutes)")
        )
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Local servers: Ollama http://localhost:11434/v1 · llama.cpp http://localhost:8080/v1 · "
                "vLLM http://localhost:8000/v1 · LM Studio http://localhost:1234/v1. "
                "The key is kept in the system's credential store, never in the settings file."
            )
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Check and save"))

        form = QFormLayout()
        form.addRow(self.tr("Base URL"), self.base_url_edit)
        form.addRow(self.tr("API key"), self.key_edit)
        form.addRow(self.tr("System prompt role"), self.role_combo)
        form.addRow(self.tr("Length cap name"), self.max_tokens_combo)
        form.addRow(self.tr("Read timeout"), self.timeout_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(self._on_finished)
        connection.sig_check_finished.connect(self._on_connection_check_finished)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.status_label.setText(self.tr("Checking…"))
        self.buttons.setEnabled(False)
        self._connection.check_and_save(
            self.base_url_edit.text(),
            self.key_edit.text(),
            self.role_combo.currentData(),
            self.max_tokens_combo.currentData(),
        )

    @Slot(int)
    def _on_finished(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self._connection.cancel_check()  # closed while checking: save nothing

    @Slot(object)
    def _on_connection_check_finished(self, error: AppError | None) -> None:
        self.buttons.setEnabled(True)
        if error is None:
            if self.timeout_spin.value() != self._shown_timeout:  # a shown value clamped to the range is not a choice
                self._connection.set_read_timeout(self.timeout_spin.value())
            self.status_label.setText(self.tr("Connected."))
            self.accept()
        else:
            self.status_label.setText(f'<span style="color:#b91c1c;"><b>{html.escape(error.message)}</b></span> {html.escape(error.hint)}')
