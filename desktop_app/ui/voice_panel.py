"""Spoken replies and reading aloud: the voice, how replies are spoken, the speakers and the volume."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.playback_controller import PlaybackController
from desktop_app.core.voice import MAX_SPEECH_SPEED, MIN_SPEECH_SPEED, SPEECH_MODELS, SPEECH_VOICES, VOICES
from desktop_app.ui.safe_text import plain_labels


class VoicePanel(QWidget):
    """Edits the voice settings (stored in `chat.voice`); device and volume go through the player."""

    def __init__(self, chat: ChatController, playback: PlaybackController, parent=None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._playback = playback
        voice = chat.voice

        self.spoken_check = QCheckBox(self.tr("Spoken replies"))
        self.spoken_check.setToolTip(self.tr("Ask the model to answer with its voice as well as text (audio models)"))
        self.spoken_check.setChecked(voice.spoken_replies)
        self.voice_combo = QComboBox()
        self.voice_combo.addItems(VOICES)
        _select(self.voice_combo, voice.voice)
        self.stream_radio = QRadioButton(self.tr("Speak as it arrives (streamed pcm16)"))
        self.mp3_radio = QRadioButton(self.tr("Whole MP3 after the reply"))
        self.delivery_group = QButtonGroup(self)
        self.delivery_group.addButton(self.stream_radio)
        self.delivery_group.addButton(self.mp3_radio)
        (self.stream_radio if voice.stream_audio else self.mp3_radio).setChecked(True)

        self.output_combo = DeviceCombo()
        self.output_combo.setToolTip(self.tr("Where replies and read-aloud speech are played"))
        self._fill_devices([])
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(round(voice.volume * 100))
        self.volume_label = QLabel()
        plain_labels(self.volume_label)
        self._update_volume_label()

        self.speech_model_combo = QComboBox()
        self.speech_model_combo.setEditable(True)
        self.speech_model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.speech_model_combo.addItems(SPEECH_MODELS)
        self.speech_model_combo.setEditText(voice.speech_model)
        self.speech_voice_combo = QComboBox()
        self.speech_voice_combo.addItems(SPEECH_VOICES)
        _select(self.speech_voice_combo, voice.speech_voice)
        self.speed_spin = QDoubleSpinBox()
        self.speed_spin.setRange(MIN_SPEECH_SPEED, MAX_SPEECH_SPEED)
        self.speed_spin.setSingleStep(0.25)
        self.speed_spin.setDecimals(2)
        self.speed_spin.setSuffix("×")
        self.speed_spin.setValue(voice.speech_speed)
        self._update_enabled()

        replies_box = QGroupBox(self.tr("Spoken replies"))
        replies_form = QFormLayout(replies_box)
        replies_form.addRow(self.spoken_check)
        replies_form.addRow(self.tr("Voice"), self.voice_combo)
        replies_form.addRow(self.stream_radio)
        replies_form.addRow(self.mp3_radio)
        speakers_box = QGroupBox(self.tr("Speakers"))
        speakers_form = QFormLayout(speakers_box)
        speakers_form.addRow(self.tr("Output"), self.output_combo)
        speakers_form.addRow(self.tr("Volume"), self.volume_slider)
        speakers_form.addRow("", self.volume_label)
        read_box = QGroupBox(self.tr("Read aloud"))
        read_form = QFormLayout(read_box)
        read_form.addRow(self.tr("Model"), self.speech_model_combo)
        read_form.addRow(self.tr("Voice"), self.speech_voice_combo)
        read_form.addRow(self.tr("Speed"), self.speed_spin)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(replies_box)
        layout.addWidget(speakers_box)
        layout.addWidget(read_box)

        self.spoken_check.toggled.connect(self._on_spoken_check_toggled)
        self.voice_combo.currentTextChanged.connect(self._on_voice_combo_changed)
        self.stream_radio.toggled.connect(self._on_stream_radio_toggled)
        self.output_combo.activated.connect(self._on_output_combo_activated)
        self.output_combo.sig_popup_opened.connect(playback.refresh_devices)
        self.volume_slider.valueChanged.connect(self._on_volume_slider_changed)
        self.speech_model_combo.currentTextChanged.connect(self._on_speech_model_changed)
        self.speech_voice_combo.currentTextChanged.connect(self._on_speech_voice_changed)
        self.speed_spin.valueChanged.connect(self._on_speed_spin_changed)
        playback.sig_devices_listed.connect(self._on_playback_devices_listed)
        if playback.devices:
            self._fill_devices(playback.devices)

    # -- private ---------------------------------------------------------------------------------

    def _fill_devices(self, devices: list) -> None:
        """'System default' first, then every output device; the remembered one is selected.

        A remembered device that is not plugged in stays in the list, marked, so the choice is not
        lost silently; playing then says that it is missing.
        """
        chosen = self._chat.voice.output_device
        self.output_combo.blockSignals(True)
        self.output_combo.clear()
        default = next((d.name for d in devices if d.is_default), "")
        label = self.tr("System default") + (f" ({default})" if default else "")
        self.output_combo.addItem(label, "")
        for device in devices:
            self.output_combo.addItem(device.name, device.name)
        if chosen and self.output_combo.findData(chosen) < 0:
            self.output_combo.addItem(self.tr("{0} (not found)").format(chosen), chosen)
        self.output_combo.setCurrentIndex(max(0, self.output_combo.findData(chosen)))
        self.output_combo.blockSignals(False)

    def _update_enabled(self) -> None:
        spoken = self.spoken_check.isChecked()
        for widget in (self.voice_combo, self.stream_radio, self.mp3_radio):
            widget.setEnabled(spoken)

    def _update_volume_label(self) -> None:
        self.volume_label.setText(self.tr("{0} %").format(self.volume_slider.value()))

    def _save(self) -> None:
        self._chat.save_settings_soon()

    # -- slots -----------------------------------------------------------------------------------

    @Slot(bool)
    def _on_spoken_check_toggled(self, checked: bool) -> None:
        self._chat.voice.spoken_replies = checked
        if checked:
            self._playback.prepare()  # the player loads before the first spoken reply
        self._update_enabled()
        self._save()

    @Slot(str)
    def _on_voice_combo_changed(self, name: str) -> None:
        self._chat.voice.voice = name
        self._save()

    @Slot(bool)
    def _on_stream_radio_toggled(self, checked: bool) -> None:
        self._chat.voice.stream_audio = checked
        self._save()

    @Slot(int)
    def _on_output_combo_activated(self, index: int) -> None:
        self._playback.set_output_device(self.output_combo.itemData(index) or "")

    @Slot(int)
    def _on_volume_slider_changed(self, value: int) -> None:
        self._playback.set_volume(value / 100)
        self._update_volume_label()

    @Slot(str)
    def _on_speech_model_changed(self, text: str) -> None:
        text = text.strip()
        if text:
            self._chat.voice.speech_model = text
            self._save()

    @Slot(str)
    def _on_speech_voice_changed(self, name: str) -> None:
        self._chat.voice.speech_voice = name
        self._save()

    @Slot(float)
    def _on_speed_spin_changed(self, value: float) -> None:
        self._chat.voice.speech_speed = value
        self._save()

    @Slot(list)
    def _on_playback_devices_listed(self, devices: list) -> None:
        self._fill_devices(devices)


class DeviceCombo(QComboBox):
    """A device list that asks for a fresh enumeration each time it opens (a headset plugged in since)."""

    sig_popup_opened = Signal()
    """The user opened the list."""

    def showPopup(self) -> None:  # noqa: N802 (Qt override)
        self.sig_popup_opened.emit()
        super().showPopup()


def _select(combo: QComboBox, text: str) -> None:
    """Select `text` in a combo box, adding it when it is not among the items (a newer voice)."""
    index = combo.findText(text)
    if index < 0 and text:
        combo.addItem(text)
        index = combo.count() - 1
    combo.setCurrentIndex(max(0, index))
