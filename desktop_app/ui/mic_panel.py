"""The microphone row above the composer: hold to talk, a level meter, the clock and the recording settings."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.voice_controller import VoiceController, VoiceState
from desktop_app.core.voice import TRANSCRIBE_MODELS
from desktop_app.ui import theme
from desktop_app.ui.safe_text import plain_labels, plain_tooltip
from desktop_app.ui.text import translated

LANGUAGES = ("ko", "en", "ja", "zh", "es", "fr", "de", "it", "pt", "ru", "vi", "th", "id", "hi", "ar")
_LANGUAGE_CODE = re.compile(r"[a-z]{2}")  # ISO-639-1, as the settings keep it


class PushToTalkButton(QPushButton):
    """A button that stays down while held, even when the pointer drifts off it, and never takes focus.

    Not taking focus keeps the composer's cursor where it was: the transcript is inserted there.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self.isDown():
            event.accept()  # QAbstractButton would "release" it when the pointer leaves
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        off_button = not self.hitButton(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and self.isDown() and off_button:
            # Released off the button: QAbstractButton would drop it silently, the recording must stop.
            self.setDown(False)
            self.released.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)


class DeviceCombo(QComboBox):
    """A device list that asks for a fresh enumeration each time it opens (a microphone plugged in since)."""

    sig_popup_opened = Signal()
    """The user opened the list."""

    def showPopup(self) -> None:  # noqa: N802 (Qt override)
        self.sig_popup_opened.emit()
        super().showPopup()


class MicPanel(QWidget):
    """Push to talk and the recording settings; the state lives in the VoiceController."""

    def __init__(self, voice: VoiceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._voice = voice
        self._problem = ""  # the last problem reported, shown until the next recording starts
        settings = voice.settings

        self.talk_button = PushToTalkButton()
        self.level_meter = QProgressBar()
        self.level_meter.setRange(0, 100)
        self.level_meter.setTextVisible(False)
        self.level_meter.setFixedWidth(72)
        self.level_meter.setMaximumHeight(10)
        self.level_meter.setToolTip(self.tr("Microphone level"))
        self.elapsed_label = QLabel(_clock(0.0))
        self.elapsed_label.setToolTip(self.tr("Time recorded"))
        self.device_combo = DeviceCombo()
        self.device_combo.setToolTip(self.tr("Microphone"))
        self.device_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.device_combo.setMinimumContentsLength(6)
        self.use_combo = QComboBox()
        self.use_combo.setToolTip(self.tr("What a recording becomes"))
        self.use_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.use_combo.setMinimumContentsLength(8)
        self.use_combo.addItem(self.tr("Transcribe into message"), "transcribe")
        self.use_combo.addItem(self.tr("Send as audio"), "send_audio")
        self.model_combo = QComboBox()
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.addItems(TRANSCRIBE_MODELS)
        self.model_combo.setToolTip(self.tr("Transcription model"))
        self.model_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(7)
        self.language_combo = QComboBox()
        self.language_combo.setEditable(True)
        self.language_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.language_combo.addItem(self.tr("Auto-detect"), "")
        for code in LANGUAGES:
            self.language_combo.addItem(code, code)
        self.language_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.language_combo.setMinimumContentsLength(4)
        self.language_combo.setToolTip(self.tr("Spoken language (an ISO-639-1 code such as ko), or auto-detect"))
        for combo in (self.device_combo, self.use_combo, self.model_combo, self.language_combo):
            # Narrow in a small window, as wide as their text when there is room.
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.status_label = QLabel()
        plain_labels(self.status_label, self.elapsed_label)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Use the kept recording"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Drop the kept recording"))
        self._show_settings(settings)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.talk_button)
        controls.addWidget(self.level_meter)
        controls.addWidget(self.elapsed_label)
        for combo in self._setting_combos():
            controls.addWidget(combo)
        # The recording settings share the row when it is wide enough, else they take a row below.
        self._controls = controls
        self._settings_row = QHBoxLayout()
        self._settings_row.setContentsMargins(0, 0, 0, 0)
        self._one_row = True  # as built: the first _update_rows below splits it if it is narrow
        status = QHBoxLayout()
        status.setContentsMargins(0, 0, 0, 0)
        status.addWidget(self.status_label, 1)
        status.addWidget(self.send_button)
        status.addWidget(self.discard_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(controls)
        layout.addLayout(self._settings_row)
        layout.addLayout(status)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # minimumSizeHint decides
        self._update_rows()

        self.talk_button.pressed.connect(self._on_talk_button_pressed)
        self.talk_button.released.connect(self._on_talk_button_released)
        self.send_button.clicked.connect(self._on_send_button_clicked)
        self.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.device_combo.activated.connect(self._on_device_combo_activated)
        self.device_combo.sig_popup_opened.connect(voice.refresh_devices)
        self.use_combo.activated.connect(self._on_use_combo_activated)
        self.model_combo.activated.connect(self._on_model_combo_changed)
        self.model_combo.lineEdit().editingFinished.connect(self._on_model_combo_changed)
        self.language_combo.activated.connect(self._on_language_combo_changed)
        self.language_combo.lineEdit().editingFinished.connect(self._on_language_combo_changed)
        voice.sig_state_changed.connect(self._on_voice_state_changed)
        voice.sig_level_changed.connect(self._on_voice_level_changed)
        voice.sig_elapsed_changed.connect(self._on_voice_elapsed_changed)
        voice.sig_problem_reported.connect(self._on_voice_problem_reported)
        voice.sig_devices_loaded.connect(self._on_voice_devices_loaded)
        voice.sig_transcript_ready.connect(self._on_voice_transcript_ready)
        self._on_voice_devices_loaded([d.name for d in voice.devices])
        self._update_state()

    # -- public API ------------------------------------------------------------------------------

    def push_to_talk_key(self) -> QKeySequence:
        """The key that records while held (from the settings; F8 unless changed)."""
        sequence = QKeySequence(self._voice.settings.push_to_talk_key or "F8")
        return sequence if not sequence.isEmpty() else QKeySequence("F8")

    def set_theme(self, _theme: theme.Theme) -> None:
        """Show a problem in the theme's colours."""
        self._update_status()

    def handle_key_press(self, event: QKeyEvent) -> bool:
        """A key went down in the window: True when it was push to talk (or Esc cancelling a recording)."""
        if event.key() == Qt.Key.Key_Escape and self._voice.state is VoiceState.RECORDING:
            return self._voice.cancel()
        if not self._is_talk_key(event):
            return False
        if not event.isAutoRepeat() and self.talk_button.isEnabled():
            self._voice.press()
        return True  # a held key repeats: those presses are swallowed, not typed

    def handle_key_release(self, event: QKeyEvent) -> bool:
        """A key went up in the window: True when it was push to talk (the recording stops)."""
        if not self._is_talk_key(event):
            return False
        if not event.isAutoRepeat():
            self._voice.release()
        return True

    # -- Qt overrides ----------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # As narrow as the two-row arrangement allows; the height of the arrangement shown.
        narrow = max(_row_width(self._fixed_controls()), _row_width(self._setting_combos()))
        return QSize(narrow, self.layout().minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._update_rows()

    def enterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """The pointer came near the talk button: load the recording code before the press."""
        self._voice.prepare()
        super().enterEvent(event)

    # -- slots -----------------------------------------------------------------------------------

    @Slot()
    def _on_talk_button_pressed(self) -> None:
        self._voice.press()

    @Slot()
    def _on_talk_button_released(self) -> None:
        self._voice.release()

    @Slot()
    def _on_send_button_clicked(self) -> None:
        self._voice.send_kept()

    @Slot()
    def _on_discard_button_clicked(self) -> None:
        self._problem = ""  # the problem was about the recording now dropped
        self._voice.discard_kept()

    @Slot(int)
    def _on_device_combo_activated(self, index: int) -> None:
        self._voice.set_input_device(self.device_combo.itemData(index) or "")

    @Slot(int)
    def _on_use_combo_activated(self, index: int) -> None:
        self._voice.set_recording_use(self.use_combo.itemData(index))
        self._update_transcription_controls()

    @Slot()
    def _on_model_combo_changed(self) -> None:
        model = self.model_combo.currentText().strip()
        if model:
            self._voice.set_transcribe_model(model)
        else:
            self.model_combo.setCurrentText(self._voice.settings.transcribe_model)

    @Slot()
    def _on_language_combo_changed(self) -> None:
        text = self.language_combo.currentText().strip()
        if text == self.language_combo.itemText(0) or not text:
            self._voice.set_language("")
            return
        code = text.split()[0].lower()
        if _LANGUAGE_CODE.fullmatch(code):
            self._voice.set_language(code)
            return
        self._show_language(self._voice.settings.language)
        self._on_voice_problem_reported(
            self.tr("“{0}” is not a language code: use an ISO-639-1 code such as ko or en.").format(text)
        )

    @Slot(str)
    def _on_voice_state_changed(self, _state: str) -> None:
        self._update_state()

    @Slot(float)
    def _on_voice_level_changed(self, level: float) -> None:
        self.level_meter.setValue(round(max(0.0, min(1.0, level)) * 100))

    @Slot(float)
    def _on_voice_elapsed_changed(self, seconds: float) -> None:
        self.elapsed_label.setText(_clock(seconds))

    @Slot(object)
    def _on_voice_problem_reported(self, text: str) -> None:
        self._problem = text
        self._update_status()

    @Slot(str)
    def _on_voice_transcript_ready(self, _text: str) -> None:
        self._problem = ""
        self._update_status()

    @Slot(list)
    def _on_voice_devices_loaded(self, names: list) -> None:
        chosen = self._voice.settings.input_device
        self.device_combo.clear()
        default = next((d.name for d in self._voice.devices if d.is_default), "")
        self.device_combo.addItem(self.tr("System default"), "")
        if default:
            tip = self.tr("The system's default microphone: {0}").format(default)
            self.device_combo.setItemData(0, tip, Qt.ItemDataRole.ToolTipRole)
        for name in names:
            self.device_combo.addItem(name, name)
        if chosen and self.device_combo.findData(chosen) < 0:
            self.device_combo.addItem(self.tr("{0} (not found)").format(chosen), chosen)
        self.device_combo.setCurrentIndex(max(0, self.device_combo.findData(chosen)))

    # -- private ---------------------------------------------------------------------------------

    def _is_talk_key(self, event: QKeyEvent) -> bool:
        return event.key() == self.push_to_talk_key()[0].key()

    def _show_settings(self, settings) -> None:
        self.use_combo.setCurrentIndex(max(0, self.use_combo.findData(settings.recording_use)))
        self.model_combo.setCurrentText(settings.transcribe_model)
        self._show_language(settings.language)
        self._update_transcription_controls()

    def _show_language(self, code: str) -> None:
        index = self.language_combo.findData(code) if code else 0
        if index >= 0:
            self.language_combo.setCurrentIndex(index)
        else:
            self.language_combo.setCurrentText(code)

    def _update_transcription_controls(self) -> None:
        transcribing = self.use_combo.currentData() == "transcribe"
        self.model_combo.setVisible(transcribing)
        self.language_combo.setVisible(transcribing)

    def _fixed_controls(self) -> list[QWidget]:
        return [self.talk_button, self.level_meter, self.elapsed_label]

    def _setting_combos(self) -> list[QWidget]:
        return [self.device_combo, self.use_combo, self.model_combo, self.language_combo]

    def _update_rows(self) -> None:
        one_row = self.width() >= _row_width(self._fixed_controls() + self._setting_combos())
        if one_row == self._one_row:
            return
        self._one_row = one_row
        target = self._controls if one_row else self._settings_row
        if one_row:
            self._controls.takeAt(self._controls.count() - 1)  # the stretch that kept the button small
        for combo in self._setting_combos():
            target.addWidget(combo)  # moves it out of the other row
        if not one_row:
            self._controls.addStretch(1)
        self.updateGeometry()

    def _update_state(self) -> None:
        state = self._voice.state
        available = state is not VoiceState.UNAVAILABLE
        for widget in (self.level_meter, self.device_combo, self.use_combo, self.model_combo, self.language_combo):
            widget.setEnabled(available)
        self.talk_button.setEnabled(state in (VoiceState.IDLE, VoiceState.RECORDING))
        key = self.push_to_talk_key().toString(QKeySequence.SequenceFormat.NativeText)
        if state in (VoiceState.RECORDING, VoiceState.ENCODING):
            self._problem = ""  # a new take, or the kept one sent: earlier problems are over
            self.talk_button.setText(self.tr("● Recording ({0})").format(key))
        else:
            self.talk_button.setText(self.tr("Hold to talk ({0})").format(key))
            self.level_meter.setValue(0)
        if state is VoiceState.UNAVAILABLE:
            self.talk_button.setToolTip(plain_tooltip(translated(self._voice.unavailable_reason)))
        else:
            self.talk_button.setToolTip(self.tr("Hold to record, release to stop; Esc cancels"))
        kept = state is VoiceState.KEPT
        self.send_button.setVisible(kept)
        self.discard_button.setVisible(kept)
        self._update_status()

    def _update_status(self) -> None:
        state = self._voice.state
        progress = {
            VoiceState.CHECKING: self.tr("Checking the microphone…"),
            VoiceState.RECORDING: self.tr("Recording… release to stop, Esc cancels."),
            VoiceState.ENCODING: self.tr("Preparing the recording…"),
            VoiceState.TRANSCRIBING: self.tr("Transcribing…"),
            VoiceState.SENDING: self.tr("Sending the recording…"),
        }
        if state is VoiceState.UNAVAILABLE:
            text, problem = self._voice.unavailable_reason, True
        elif state in progress:
            text, problem = progress[state], False
        else:
            text, problem = self._problem, bool(self._problem)
        self.status_label.setText(translated(text))  # a controller's problem is a LazyText until shown
        self.status_label.setStyleSheet(f"color: {theme.current().error};" if problem else "")
        self.status_label.setVisible(bool(text))


def _row_width(widgets: list[QWidget]) -> int:
    """The least width a row of these widgets needs (a fixed width counts as it is)."""
    spacing = 6 * (len(widgets) - 1)
    return spacing + sum(w.minimumWidth() or w.minimumSizeHint().width() for w in widgets)


def _clock(seconds: float) -> str:
    """Elapsed time as 0:03.4."""
    seconds = max(0.0, seconds)
    minutes, rest = divmod(seconds, 60.0)
    return f"{int(minutes)}:{rest:04.1f}"
