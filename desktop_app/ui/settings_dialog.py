"""Connection settings: base URL and API key (checked before saving), role and max-tokens names."""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.connection_controller import (
    KEEP_FOR_SESSION,
    KEEP_IN_FILE,
    KEEP_IN_STORE,
    ConnectionController,
)
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.ui.text import error_parts
from desktop_app.core.capabilities import InstructionRole, MaxTokensParam
from desktop_app.core.endpoint_profile import Alternation, EndpointProfile
from desktop_app.core.errors import AppError
from desktop_app.services.secrets import ENCRYPTED_FILE, NO_STORE, OS_STORE, KeyStorage
from desktop_app.ui import theme
from desktop_app.ui.language import SYSTEM, available_languages, current_language, language_name, resolve_language


MIN_READ_TIMEOUT_S, MAX_READ_TIMEOUT_S = 5, 3600


class SettingsDialog(QDialog):
    """Asks for the endpoint and key; saves only after the server accepted them."""

    def __init__(
        self, connection: ConnectionController, parent: QWidget | None = None, settings: SettingsController | None = None
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self._settings = settings
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
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("System"), SYSTEM)
        for code in available_languages():
            self.language_combo.addItem(language_name(code), code)
        self.language_note = QLabel(self.tr("The new language applies when the app is started again."))
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        if settings is not None:
            self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.settings.language)))
        self._started_language = current_language()
        self.language_combo.setEnabled(settings is not None)
        # What the app learned about this server (endpoint profile): how unanswered turns are sent,
        # and a way to forget the rest.
        profile = endpoint.profile
        self.alternation_combo = QComboBox()
        for mode, label in (
            (Alternation.AUTO, self.tr("Automatic (left out once the server asks for alternating roles)")),
            (Alternation.LEAVE_OUT, self.tr("Leave them out of the request")),
            (Alternation.EMPTY_REPLY, self.tr("Send them with an empty answer")),
            (Alternation.AS_IS, self.tr("Send them as they are")),
        ):
            self.alternation_combo.addItem(label, mode)
        self.alternation_combo.setCurrentIndex(self.alternation_combo.findData(profile.alternation))
        self.forget_check = QCheckBox(self.tr("Forget what was learned about this server"))
        # Model names come from the server: escaped, never read as markup.
        self.forget_check.setToolTip("<br>".join(html.escape(line) for line in self._learned_lines(profile)))
        self.forget_check.setVisible(bool(profile.learned()))
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
                "vLLM http://localhost:8000/v1 · LM Studio http://localhost:1234/v1."
            )
        )
        hint.setWordWrap(True)
        # Where a typed key goes: told once keyring's backend is known (looked up off the GUI thread).
        self.storage_label = QLabel(self.tr("Looking for the system's credential store…"))
        self.storage_label.setWordWrap(True)
        self.storage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.session_radio = QRadioButton(self.tr("Keep the key for this session only"))
        self.file_radio = QRadioButton(self.tr("Save it in a file only you can read"))
        self.session_radio.setChecked(True)
        self.tradeoff_label = QLabel()
        self.tradeoff_label.setWordWrap(True)
        self.tradeoff_label.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (self.session_radio, self.file_radio, self.tradeoff_label):
            widget.hide()
        self._storage: KeyStorage | None = None
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Check and save"))

        form = QFormLayout()
        form.addRow(self.tr("Base URL"), self.base_url_edit)
        form.addRow(self.tr("API key"), self.key_edit)
        form.addRow(self.tr("System prompt role"), self.role_combo)
        form.addRow(self.tr("Length cap name"), self.max_tokens_combo)
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Questions without an answer"), self.alternation_combo)
        form.addRow("", self.forget_check)
        form.addRow(self.tr("Read timeout"), self.timeout_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.storage_label)
        layout.addWidget(self.session_radio)
        layout.addWidget(self.file_radio)
        layout.addWidget(self.tradeoff_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self.language_combo.currentIndexChanged.connect(self._on_language_combo_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(self._on_finished)
        connection.sig_check_finished.connect(self._on_connection_check_finished)
        connection.sig_key_storage_described.connect(self._on_connection_key_storage_described)
        connection.describe_key_storage()

    def _learned_lines(self, profile: EndpointProfile) -> list[str]:
        """What was learned about the server, one line each, for the Forget box's tooltip."""
        names = {
            "needs_alternation": self.tr("It needs user and assistant turns to alternate."),
            "system_role_only": self.tr("It takes the system prompt only as 'system'."),
            "length_cap": self.tr("Its length cap is '{0}'.").format(profile.length_cap),
            "ignores_n": self.tr("It sends one answer whatever n asks."),
            "errors_in_stream": self.tr("It reports errors of streamed requests as an empty answer."),
            "no_models_list": self.tr("It lists no models."),
            "context_windows": self.tr("Context windows: {0}").format(
                ", ".join(f"{model} {tokens:,}" for model, tokens in profile.context_windows.items())
            ),
        }
        return [names[name] for name in profile.learned()]

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.status_label.setText(self.tr("Checking…"))
        self.buttons.setEnabled(False)
        self._connection.check_and_save(
            self.base_url_edit.text(),
            self.key_edit.text(),
            self.role_combo.currentData(),
            self.max_tokens_combo.currentData(),
            self._keep(),
        )

    def _keep(self) -> str:
        """Where the typed key goes: the credential store, or the user's choice when there is none."""
        if self._storage is None or self._storage.kind != NO_STORE:
            return KEEP_IN_STORE
        return KEEP_IN_FILE if self.file_radio.isChecked() else KEEP_FOR_SESSION

    @Slot(object)
    def _on_connection_key_storage_described(self, storage: KeyStorage) -> None:
        self._storage = storage
        if storage.kind == OS_STORE:
            text = self.tr(
                "A key you enter is kept in {0}, the system's credential store: encrypted, and never in "
                "the settings file."
            ).format(storage.name)
        elif storage.kind == ENCRYPTED_FILE:
            text = self.tr("A key you enter is kept in an encrypted file: {0}.").format(storage.path)
        elif storage.kind != NO_STORE:
            text = self.tr(
                "A key you enter is kept by {0} in a plain, unencrypted file: {1}. Anyone who can read "
                "your files can read the key."
            ).format(storage.name, storage.path)
        else:
            text = self.tr(
                "This system has no credential store, so the key cannot be kept encrypted. Choose what "
                "happens to a key you enter:"
            )
            self.tradeoff_label.setText(
                self.tr(
                    "For this session only, nothing is written and you enter the key again next time. "
                    "The file is {0}: only your user account may read it, but it is not encrypted, so "
                    "anyone who can use your account, or who gets a copy of your backups, can read the key."
                ).format(self._connection.key_file)
            )
        self.storage_label.setText(text)
        for widget in (self.session_radio, self.file_radio, self.tradeoff_label):
            widget.setVisible(storage.kind == NO_STORE)

    @Slot(int)
    def _on_language_combo_changed(self, index: int) -> None:
        code = self.language_combo.itemData(index)
        if self._settings is not None:
            self._settings.set_language(code)  # saved now: it does not wait for the connection check
        self.language_note.setVisible(resolve_language(code) != self._started_language)

    @Slot(int)
    def _on_finished(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self._connection.cancel_check()  # closed while checking: save nothing

    @Slot(object)
    def _on_connection_check_finished(self, error: AppError | None) -> None:
        self.buttons.setEnabled(True)
        if error is None:
            profile = EndpointProfile() if self.forget_check.isChecked() else self._connection.profile
            self._connection.set_profile(replace(profile, alternation=Alternation(self.alternation_combo.currentData())))
            if self.timeout_spin.value() != self._shown_timeout:  # a shown value clamped to the range is not a choice
                self._connection.set_read_timeout(self.timeout_spin.value())
            self.status_label.setText(self.tr("Connected."))
            self.accept()
        else:
            message, hint = error_parts(error)
            color = theme.current().error
            self.status_label.setText(f'<span style="color:{color};"><b>{html.escape(message)}</b></span> {html.escape(hint)}')
