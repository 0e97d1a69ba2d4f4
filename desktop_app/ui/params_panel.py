"""Model, system prompt and request parameters: what the tutorial set in code, as controls."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.controllers.token_meter import TokenMeter
from desktop_app.core.context_window import MAX_CONTEXT_WINDOW
from desktop_app.core.models.limits import known_context_window
from desktop_app.core.models.names import is_chat_model
from desktop_app.core.params import MAX_CHOICES, REASONING_EFFORTS, VERBOSITIES, RequestParams
from desktop_app.core.personas import Persona, builtin_personas
from desktop_app.ui.language import current_language
from desktop_app.core.request import max_tokens_name
from desktop_app.ui.choice_combo import fill_choices, mark_accepted
from desktop_app.ui import theme
from desktop_app.ui.tab_text_edit import TabFriendlyEdit
from desktop_app.ui.safe_text import plain_labels, plain_tooltip
from desktop_app.ui.text import translated

MAX_TOKENS_LIMIT = 1_000_000
NO_PROMPT, CUSTOM = "none", "custom"  # the persona picker's items that are not personas
SCHEMA_PLACEHOLDER = (
    '{"type": "object", "properties": {"flights": {"type": "array", "items": {...}}},\n'
    ' "required": ["flights"], "additionalProperties": false}'
)


class ParamsPanel(QWidget):
    """Edits the model, the system prompt and the sampling parameters of the next request."""

    def __init__(
        self,
        chat: ChatController,
        connection: ConnectionController,
        settings: SettingsController,
        parent=None,
        *,
        meter: TokenMeter | None = None,
    ) -> None:
        super().__init__(parent)
        self._chat = chat
        self._settings = settings
        self._meter = meter
        params = chat.params

        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setToolTip(self.tr("Pick a model from the server, or type any model name"))
        self.model_combo.setEditText(chat.model)
        self.role_label = QLabel()
        self.role_label.setWordWrap(True)

        self.persona_combo = QComboBox()
        self.prompt_edit = TabFriendlyEdit(settings.settings.system_prompt)
        self.prompt_edit.setPlaceholderText(self.tr("System prompt: how the assistant should behave"))
        self.prompt_edit.setMaximumHeight(120)
        self.save_persona_button = QPushButton(self.tr("Save as persona…"))

        self.temperature_slider = QSlider(Qt.Orientation.Horizontal)
        self.temperature_slider.setRange(0, 200)
        self.temperature_spin = QDoubleSpinBox()
        self.temperature_spin.setRange(0.0, 2.0)
        self.temperature_spin.setSingleStep(0.1)
        self.temperature_spin.setDecimals(2)
        self._set_temperature(1.0 if params.temperature is None else params.temperature)
        self.max_tokens_spin = QSpinBox()
        self.max_tokens_spin.setRange(0, MAX_TOKENS_LIMIT)
        self.max_tokens_spin.setSpecialValueText(self.tr("No limit"))
        self.max_tokens_spin.setValue(params.max_completion_tokens or 0)
        self.context_window_spin = QSpinBox()
        self.context_window_spin.setRange(0, MAX_CONTEXT_WINDOW)
        self.context_window_spin.setGroupSeparatorShown(True)
        self.context_window_spin.setSpecialValueText(self.tr("Unknown"))
        self.context_window_spin.setSuffix(self.tr(" tokens"))
        # Commit on Enter, focus out or the arrows, not at every digit typed.
        self.context_window_spin.setKeyboardTracking(False)
        self.context_window_spin.setToolTip(
            self.tr("How many tokens this model reads at most (prompt and answer); 0 = its known size")
        )
        self.effort_combo = QComboBox()
        fill_choices(self.effort_combo, self.tr("Model default"), REASONING_EFFORTS, params.reasoning_effort)
        self.effort_combo.setToolTip(self.tr("How long a reasoning model thinks before it answers (reasoning_effort)"))
        self.verbosity_combo = QComboBox()
        fill_choices(self.verbosity_combo, self.tr("Model default"), VERBOSITIES, params.verbosity)
        self.verbosity_combo.setToolTip(self.tr("How long and detailed the answer is (verbosity)"))
        self.n_spin = QSpinBox()
        self.n_spin.setRange(1, MAX_CHOICES)
        self.n_spin.setValue(params.n)
        self.n_spin.setToolTip(self.tr("How many alternative answers to generate (each is billed)"))
        self.seed_edit = QLineEdit("" if params.seed is None else str(params.seed))
        self.seed_edit.setPlaceholderText(self.tr("none"))
        self.seed_edit.setValidator(QIntValidator())
        self.seed_edit.setToolTip(self.tr("Best-effort determinism: same seed and fingerprint, same answer"))
        self.format_combo = QComboBox()
        for label, kind in ((self.tr("Text"), "text"), (self.tr("JSON object"), "json_object"),
                            (self.tr("JSON schema"), "json_schema")):
            self.format_combo.addItem(label, kind)
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(params.response_kind)))
        self.format_combo.setToolTip(self.tr("Ask for answers as JSON; replies then offer “View as data”"))
        self.schema_edit = TabFriendlyEdit(params.json_schema)
        self.schema_edit.setPlaceholderText(SCHEMA_PLACEHOLDER)
        self.schema_edit.setMaximumHeight(140)
        self.schema_label = QLabel()
        self.schema_label.setWordWrap(True)
        self.fingerprint_label = QLabel(self.tr("—"))
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.omitted_label = QLabel()
        self.omitted_label.setWordWrap(True)
        plain_labels(self.role_label, self.schema_label, self.fingerprint_label, self.omitted_label)
        self.restore_button = QPushButton(self.tr("Send them again"))

        model_box = QGroupBox(self.tr("Model"))
        model_layout = QVBoxLayout(model_box)
        model_layout.addWidget(self.model_combo)
        model_layout.addWidget(self.role_label)

        prompt_box = QGroupBox(self.tr("System prompt"))
        prompt_layout = QVBoxLayout(prompt_box)
        prompt_layout.addWidget(self.persona_combo)
        prompt_layout.addWidget(self.prompt_edit)
        prompt_layout.addWidget(self.save_persona_button)

        params_box = QGroupBox(self.tr("Parameters"))
        form = QFormLayout(params_box)
        temperature_row = QHBoxLayout()
        temperature_row.addWidget(self.temperature_slider, 1)
        temperature_row.addWidget(self.temperature_spin)
        form.addRow(self.tr("Temperature"), temperature_row)
        form.addRow(self.tr("Max tokens"), self.max_tokens_spin)
        form.addRow(self.tr("Reasoning effort"), self.effort_combo)
        form.addRow(self.tr("Verbosity"), self.verbosity_combo)
        self._form = form
        if meter is not None:
            form.addRow(self.tr("Context window"), self.context_window_spin)
        form.addRow(self.tr("Choices (n)"), self.n_spin)
        form.addRow(self.tr("Seed"), self.seed_edit)
        form.addRow(self.tr("Answer format"), self.format_combo)
        form.addRow(self.schema_edit)
        form.addRow(self.schema_label)
        form.addRow(self.tr("Fingerprint"), self.fingerprint_label)
        form.addRow(self.omitted_label)
        form.addRow(self.restore_button)

        layout = QVBoxLayout(self)
        layout.addWidget(model_box)
        layout.addWidget(prompt_box)
        layout.addWidget(params_box)
        layout.addStretch(1)

        self._fill_personas()
        self.model_combo.currentTextChanged.connect(self._on_model_combo_text_changed)
        self.persona_combo.activated.connect(self._on_persona_combo_activated)
        self.prompt_edit.textChanged.connect(self._on_prompt_edit_text_changed)
        self.save_persona_button.clicked.connect(self._on_save_persona_button_clicked)
        self.temperature_slider.valueChanged.connect(self._on_temperature_slider_value_changed)
        self.temperature_spin.valueChanged.connect(self._on_param_changed)
        self.max_tokens_spin.valueChanged.connect(self._on_param_changed)
        self.n_spin.valueChanged.connect(self._on_param_changed)
        self.effort_combo.currentIndexChanged.connect(self._on_param_changed)
        self.verbosity_combo.currentIndexChanged.connect(self._on_param_changed)
        self.context_window_spin.valueChanged.connect(self._on_context_window_spin_value_changed)
        self.seed_edit.textChanged.connect(self._on_param_changed)
        self.format_combo.currentIndexChanged.connect(self._on_param_changed)
        self.schema_edit.textChanged.connect(self._on_param_changed)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        connection.sig_models_loaded.connect(self._on_connection_models_loaded)
        chat.sig_capabilities_changed.connect(self._update_capabilities)
        chat.sig_capabilities_changed.connect(self._update_context_window)
        chat.sig_message_updated.connect(self._on_chat_message_updated)
        chat.sig_setup_restored.connect(self._on_chat_setup_restored)
        chat.sig_system_prompt_changed.connect(self._on_chat_system_prompt_changed)
        self._update_capabilities()
        self._update_schema()
        self._update_context_window()

    # -- public API ------------------------------------------------------------------------------

    def current_params(self) -> RequestParams:
        """The parameters as the controls show them."""
        seed_text = self.seed_edit.text().strip()
        return RequestParams(
            temperature=self.temperature_spin.value(),
            max_completion_tokens=self.max_tokens_spin.value() or None,
            n=self.n_spin.value(),
            seed=int(seed_text) if seed_text.lstrip("-").isdigit() else None,
            response_kind=self.format_combo.currentData() or "text",
            json_schema=self.schema_edit.toPlainText(),
            reasoning_effort=self.effort_combo.currentData(),
            verbosity=self.verbosity_combo.currentData(),
        )

    # -- slots -----------------------------------------------------------------------------------

    @Slot(list)
    def _on_connection_models_loaded(self, models: list) -> None:
        current = self._chat.model
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        # Chat models first; what a chat cannot use (embeddings, speech...) under a separator.
        chat_models = [m for m in models if is_chat_model(m)]
        self.model_combo.addItems(chat_models)
        others = [m for m in models if not is_chat_model(m)]
        if chat_models and others:
            self.model_combo.insertSeparator(self.model_combo.count())
        self.model_combo.addItems(others)
        self.model_combo.setEditText(current)
        self.model_combo.blockSignals(False)

    @Slot(str)
    def _on_model_combo_text_changed(self, text: str) -> None:
        self._chat.set_model(text)

    @Slot(int)
    def _on_persona_combo_activated(self, index: int) -> None:
        persona = self.persona_combo.itemData(index)
        if isinstance(persona, Persona):
            self.prompt_edit.setPlainText(persona.prompt)
        elif persona == NO_PROMPT:
            self.prompt_edit.clear()
        self._update_persona()

    @Slot()
    def _on_prompt_edit_text_changed(self) -> None:
        self._chat.set_system_prompt(self.prompt_edit.toPlainText())
        self._update_persona()

    @Slot()
    def _on_save_persona_button_clicked(self) -> None:
        prompt = self.prompt_edit.toPlainText().strip()
        if not prompt:
            return
        name, ok = QInputDialog.getText(self, self.tr("Save persona"), self.tr("Name:"))
        if ok and name.strip():
            personas = [p for p in self._settings.settings.custom_personas if p.name != name.strip()]
            personas.append(Persona(name.strip(), prompt, builtin=False))
            self._settings.settings.custom_personas = personas
            self._settings.save_soon()
            self._fill_personas()

    @Slot(int)
    def _on_temperature_slider_value_changed(self, value: int) -> None:
        self.temperature_spin.setValue(value / 100.0)

    @Slot()
    def _on_param_changed(self) -> None:
        self.temperature_slider.blockSignals(True)
        self.temperature_slider.setValue(round(self.temperature_spin.value() * 100))
        self.temperature_slider.blockSignals(False)
        self._chat.set_params(self.current_params())
        self._update_schema()

    @Slot(int)
    def _on_context_window_spin_value_changed(self, tokens: int) -> None:
        if self._meter is None:
            return
        model = self._chat.model
        # The known size is not an override: the table stays the source if it is ever corrected.
        override = tokens if tokens and tokens != known_context_window(model) else None
        self._meter.set_context_window(model, override)
        self._update_context_window()

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        self._chat.restore_params()

    @Slot(str)
    def _on_chat_message_updated(self, message_id: str) -> None:
        message = self._chat.current.find(message_id)
        if message is not None and not message.is_streaming and message.request is not None:
            self.fingerprint_label.setText(message.system_fingerprint or self.tr("not reported"))

    @Slot()
    def _on_chat_system_prompt_changed(self) -> None:
        # Set from elsewhere (a starter prompt): the box shows what will be sent.
        text = self._chat.settings.system_prompt
        if text != self.prompt_edit.toPlainText():
            self.prompt_edit.blockSignals(True)
            self.prompt_edit.setPlainText(text)
            self.prompt_edit.blockSignals(False)
            self._update_persona()

    @Slot()
    def _on_chat_setup_restored(self) -> None:
        # Another conversation is shown: its own model, prompt and parameters, without echoing them back.
        params = self._chat.settings.params
        widgets = (self.model_combo, self.prompt_edit, self.temperature_spin, self.temperature_slider,
                   self.max_tokens_spin, self.n_spin, self.seed_edit, self.format_combo, self.schema_edit,
                   self.effort_combo, self.verbosity_combo)
        for widget in widgets:
            widget.blockSignals(True)
        self.model_combo.setEditText(self._chat.model)
        self.prompt_edit.setPlainText(self._chat.settings.system_prompt)
        self._set_temperature(1.0 if params.temperature is None else params.temperature)
        self.max_tokens_spin.setValue(params.max_completion_tokens or 0)
        self.n_spin.setValue(params.n)
        self.seed_edit.setText("" if params.seed is None else str(params.seed))
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(params.response_kind)))
        self.schema_edit.setPlainText(params.json_schema)
        self.effort_combo.setCurrentIndex(max(0, self.effort_combo.findData(params.reasoning_effort)))
        self.verbosity_combo.setCurrentIndex(max(0, self.verbosity_combo.findData(params.verbosity)))
        for widget in widgets:
            widget.blockSignals(False)
        self._update_schema()
        self._update_persona()

    def set_theme(self, _theme: theme.Theme) -> None:
        """Show the schema check in the theme's colours."""
        self._update_schema()

    # -- view refreshes --------------------------------------------------------------------------

    def _update_schema(self) -> None:
        is_schema = self.format_combo.currentData() == "json_schema"
        self.schema_edit.setVisible(is_schema)
        self.schema_label.setVisible(is_schema)
        if not is_schema:
            return
        problem = self._chat.schema_problem()
        valid = self.tr("The schema is valid for strict structured outputs.")
        self.schema_label.setText(translated(problem) if problem else valid)
        colors = theme.current()
        self.schema_label.setStyleSheet(f"color: {colors.error if problem else colors.success};")

    def _set_temperature(self, value: float) -> None:
        self.temperature_spin.setValue(value)
        self.temperature_slider.setValue(round(value * 100))

    def _fill_personas(self) -> None:
        self.persona_combo.clear()
        self.persona_combo.addItem(self.tr("No system prompt"), NO_PROMPT)
        for persona in (*builtin_personas(current_language()), *self._settings.settings.custom_personas):
            self.persona_combo.addItem(persona.name, persona)
        self._update_persona()

    def _update_persona(self) -> None:
        """Show the persona whose prompt is in the box, "No system prompt", or "Custom" for anything else."""
        text = self.prompt_edit.toPlainText().strip()
        custom = self.persona_combo.findData(CUSTOM)
        index = 0 if not text else next(
            (i for i in range(self.persona_combo.count())
             if isinstance(self.persona_combo.itemData(i), Persona)
             and self.persona_combo.itemData(i).prompt.strip() == text),
            -1,
        )
        if index < 0 and custom < 0:
            self.persona_combo.addItem(self.tr("Custom"), CUSTOM)
            custom = self.persona_combo.count() - 1
        elif index >= 0 and custom >= 0:
            self.persona_combo.removeItem(custom)  # only a prompt of one's own is "Custom"
        self.persona_combo.setCurrentIndex(index if index >= 0 else custom)

    @Slot()
    def _update_context_window(self) -> None:
        if self._meter is None:
            return
        self.context_window_spin.blockSignals(True)
        self.context_window_spin.setValue(self._meter.counts().limit or 0)
        self.context_window_spin.blockSignals(False)

    @Slot()
    def _update_capabilities(self) -> None:
        caps = self._chat.capabilities()
        omitted = self._chat.omitted_params()
        max_name = max_tokens_name(caps.max_tokens_param, omitted)
        self.role_label.setText(
            self.tr("System prompt sent as '{0}'; length cap sent as '{1}'.").format(
                caps.instruction_role, max_name or self.tr("nothing")
            )
        )
        self.max_tokens_spin.setEnabled(max_name is not None)
        temperature_ok = caps.supports_temperature and "temperature" not in omitted
        for widget in (self.temperature_slider, self.temperature_spin):
            widget.setEnabled(temperature_ok)
            widget.setToolTip(
                ""
                if temperature_ok
                else plain_tooltip(
                    self.tr("{0} accepts only the default temperature, so none is sent.").format(self._chat.model)
                )
            )
        self._update_tuning(caps, omitted)
        for name, widget in (("n", self.n_spin), ("seed", self.seed_edit)):
            widget.setEnabled(name not in omitted)
        if omitted:
            self.omitted_label.setText(
                self.tr("Left out for {0} (the server rejected them): {1}").format(
                    self._chat.model, ", ".join(sorted(omitted))
                )
            )
        self.omitted_label.setVisible(bool(omitted))
        self.restore_button.setVisible(bool(omitted))

    def _update_tuning(self, caps, omitted: frozenset[str]) -> None:
        """Reasoning effort and verbosity: shown where the model takes them, with what it rejects disabled."""
        model = self._chat.model
        rows = (("reasoning_effort", self.effort_combo, caps.reasoning_efforts),
                ("verbosity", self.verbosity_combo, caps.verbosities))
        for name, combo, accepted in rows:
            self._form.setRowVisible(combo, bool(accepted))
            mark_accepted(combo, accepted, self.tr("{0} does not take this value, so it is not sent.").format(model))
            combo.setEnabled(name not in omitted)
