"""The bar under the chat that controls what is playing: play/pause, stop, position, Save as MP3."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.playback_controller import PlaybackController, format_duration
from desktop_app.ui import theme
from desktop_app.ui.safe_text import plain_labels
from desktop_app.ui.text import translated

SLIDER_STEPS_PER_S = 1000  # the position slider counts milliseconds
_FILE_KINDS = {"recording": "recording", "speech": "read-aloud"}


class PlayerBar(QFrame):
    """Shown while something is loaded (or a playback problem must be read); thin over the controller."""

    def __init__(self, playback: PlaybackController, parent=None) -> None:
        super().__init__(parent)
        self._playback = playback
        self._duration_s = 0.0

        self.play_button = QToolButton()
        self.play_button.setToolTip(self.tr("Play / pause"))
        self.stop_button = QToolButton()
        self.stop_button.setText("■")
        self.stop_button.setToolTip(self.tr("Stop"))
        self.position_slider = QSlider(Qt.Orientation.Horizontal)
        self.position_slider.setRange(0, 0)
        self.position_slider.setToolTip(self.tr("Drag to go to another point"))
        self.time_label = QLabel()
        self.title_label = QLabel()
        self.save_button = QToolButton()
        self.save_button.setText(self.tr("Save as MP3"))
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Stop and close the player"))
        self.message_label = QLabel()
        plain_labels(self.time_label, self.title_label, self.message_label)
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self._error = False
        self.set_theme(theme.current())
        self._update_play_button(playback.state)
        self._update_time(0.0, 0.0)

        controls = QWidget()
        row = QHBoxLayout(controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.play_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.position_slider, 1)
        row.addWidget(self.time_label)
        row.addWidget(self.title_label)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        self.controls = controls
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(controls)
        layout.addWidget(self.message_label)

        self.play_button.clicked.connect(self._on_play_button_clicked)
        self.stop_button.clicked.connect(playback.stop)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.position_slider.sliderReleased.connect(self._on_position_slider_released)
        self.position_slider.sliderMoved.connect(self._on_position_slider_moved)
        playback.sig_loaded.connect(self._on_playback_loaded)
        playback.sig_state_changed.connect(self._on_playback_state_changed)
        playback.sig_position_changed.connect(self._on_playback_position_changed)
        playback.sig_problem_reported.connect(self._on_playback_problem_reported)
        playback.sig_saved.connect(self._on_playback_saved)
        self._update_visibility()

    # -- public API ------------------------------------------------------------------------------

    def time_text(self) -> str:
        """What the time label shows, e.g. '0:03 / 0:10'."""
        return self.time_label.text()

    # -- private ---------------------------------------------------------------------------------

    def set_theme(self, colors: theme.Theme) -> None:
        """Draw the bar in the theme's colours."""
        self.setStyleSheet(
            f"PlayerBar {{ background: {colors.assistant_bg}; border: 1px solid {colors.border}; border-radius: 4px; }}"
        )
        self.title_label.setStyleSheet(f"color: {colors.muted};")
        self._update_message_color()

    def _update_message_color(self) -> None:
        colors = theme.current()
        self.message_label.setStyleSheet(f"color: {colors.error if self._error else colors.text};")

    def _update_visibility(self) -> None:
        loaded = self._playback.is_loaded
        self.controls.setVisible(loaded)
        self.setVisible(loaded or not self.message_label.isHidden())

    def _update_play_button(self, state: str) -> None:
        playing = state in ("playing", "loading")
        self.play_button.setText("⏸" if playing else "▶")
        self.play_button.setToolTip(self.tr("Pause") if playing else self.tr("Play"))

    def _update_time(self, position_s: float, duration_s: float) -> None:
        self.time_label.setText(f"{format_duration(position_s)} / {format_duration(duration_s, round_up=True)}")

    def _show_message(self, text: str, error: bool = True) -> None:
        self._error = error
        self._update_message_color()
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        self._update_visibility()

    # -- slots -----------------------------------------------------------------------------------

    @Slot()
    def _on_play_button_clicked(self) -> None:
        self._playback.toggle()

    @Slot()
    def _on_close_button_clicked(self) -> None:
        self._show_message("")
        self._playback.unload()
        self._update_visibility()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        ask_mp3_path(self, self._playback.kind, self._playback.save_mp3)

    @Slot()
    def _on_position_slider_released(self) -> None:
        self._playback.seek(self.position_slider.value() / SLIDER_STEPS_PER_S)

    @Slot(int)
    def _on_position_slider_moved(self, value: int) -> None:
        self._update_time(value / SLIDER_STEPS_PER_S, self._duration_s)

    @Slot(object)
    def _on_playback_loaded(self, title: str) -> None:
        self.title_label.setText(translated(title))
        if title:
            self._show_message("")  # a new sound: an old problem no longer applies
            self.position_slider.setRange(0, 0)
            self._update_time(0.0, 0.0)
        self._update_visibility()

    @Slot(str)
    def _on_playback_state_changed(self, state: str) -> None:
        self._update_play_button(state)

    @Slot(float, float)
    def _on_playback_position_changed(self, position_s: float, duration_s: float) -> None:
        self._duration_s = duration_s
        if self.position_slider.isSliderDown():
            return  # the user is dragging: the slider follows the hand, not the player
        self.position_slider.blockSignals(True)
        self.position_slider.setRange(0, int(duration_s * SLIDER_STEPS_PER_S))
        self.position_slider.setValue(int(position_s * SLIDER_STEPS_PER_S))
        self.position_slider.blockSignals(False)
        self._update_time(position_s, duration_s)

    @Slot(object)
    def _on_playback_problem_reported(self, text: str) -> None:
        self._show_message(translated(text))

    @Slot(str)
    def _on_playback_saved(self, path: str) -> None:
        self._show_message(self.tr("Saved {0}").format(path), error=False)


class _Mp3PathDialog(QFileDialog):
    """A non-blocking save dialog for an MP3 file; calls back with the chosen path."""

    sig_path_chosen = Signal(str)
    """The user chose where to save (an absolute path ending in .mp3)."""

    def __init__(self, parent: QWidget, suggested_name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save as MP3"))
        self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.setNameFilter(self.tr("MP3 audio (*.mp3)"))
        self.setDefaultSuffix("mp3")
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # the same dialog everywhere, testable
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.MusicLocation) or str(Path.home())
        self.setDirectory(folder)
        self.selectFile(suggested_name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.fileSelected.connect(self._on_file_selected)

    @Slot(str)
    def _on_file_selected(self, path: str) -> None:
        if path:
            self.sig_path_chosen.emit(path if path.lower().endswith(".mp3") else path + ".mp3")


def ask_mp3_path(parent: QWidget, kind: str, on_chosen) -> QFileDialog:
    """Ask where to save an MP3 (without blocking the event loop); `on_chosen(path)` once chosen.

    `kind` is the playback kind ("reply", "recording", "speech"...), used for the suggested name.
    """
    dialog = _Mp3PathDialog(parent, suggested_mp3_name(kind))
    dialog.sig_path_chosen.connect(on_chosen)
    dialog.open()
    return dialog


def suggested_mp3_name(kind: str) -> str:
    """A file name for a sound: what it is and when, e.g. 'spoken-reply-2025-11-26-143005.mp3'."""
    return f"{_FILE_KINDS.get(kind, 'spoken-reply')}-{time.strftime('%Y-%m-%d-%H%M%S')}.mp3"
