"""Push to talk: record while the button (or key) is held, then transcribe the recording or send it.

The state machine is small: idle -> recording -> encoding -> transcribing | sending -> idle, with
"kept" when a recording could not go on (the device vanished, a transcription failed, a reply was
still streaming) and waits for the user's Send or Discard. Opening the PortAudio stream takes a few
milliseconds and happens here, on the press; importing sounddevice, closing the stream (it waits for
the last buffers), the length and silence checks and the WAV encoding run on the task runner.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.core.cancel import CancelToken
from desktop_app.core.conversation import AudioClip
from desktop_app.core.i18n import LazyText, said, trans_late
from desktop_app.core.errors import AppError
from desktop_app.core.voice import RECORDING_USES, VoiceSettings
from desktop_app.workers.task_runner import TaskRunner

if TYPE_CHECKING:  # sounddevice loads PortAudio (~0.1-0.2 s): imported on the task runner first
    from collections.abc import Callable

    from desktop_app.services.audio_codec import Recording
    from desktop_app.services.audio_io import AudioDevice, Recorder

METER_MS = 50  # the level meter and the clock move 20 times a second while recording
SOURCE_CHECK_MS = 1000  # how often the sound server is asked which input the recording reads from
MIN_DURATION_S = 0.3  # shorter is a slip of the finger, not speech
RECORDING_FILENAME = "recording.wav"  # the transcription endpoint needs the right extension


class VoiceState(StrEnum):
    """Where push to talk stands; emitted as its string value."""

    CHECKING = "checking"  # PortAudio and the device list are being loaded
    UNAVAILABLE = "unavailable"  # PortAudio is missing: see `unavailable_reason`
    IDLE = "idle"
    RECORDING = "recording"
    ENCODING = "encoding"  # checks and WAV encoding on the task runner
    TRANSCRIBING = "transcribing"
    SENDING = "sending"
    KEPT = "kept"  # a recording waits for Send or Discard


@dataclass(frozen=True)
class _Prepared:
    """A recording checked and encoded for the API, or the reason it must not go."""

    recording: Recording
    data: bytes = b""
    device_problem: str = ""  # the device failed mid-recording: keep what there is
    too_short: bool = False
    silent: bool = False
    too_long: str = ""  # audio_codec's statement of the limit


class VoiceController(QObject):
    """The push-to-talk recording and what becomes of it; views call press/release/cancel and listen."""

    sig_state_changed = Signal(str)
    """The state changed (a `VoiceState` value: "idle", "recording", "kept"...)."""

    sig_level_changed = Signal(float)
    """The microphone's level, 0..1 (peak of the last ~100 ms), about 20 times a second while recording."""

    sig_elapsed_changed = Signal(float)
    """Seconds recorded so far, with each level update (0.0 when a recording starts)."""

    sig_transcript_ready = Signal(str)
    """A recording was transcribed: the text, to insert at the composer's cursor."""

    sig_problem_reported = Signal(object)
    """Something the user must know (a silent or too long recording, a device or server problem): a
    LazyText (or plain text) that ui.text.translated words in the UI's language."""

    sig_devices_loaded = Signal(list)
    """The input devices were listed: their names (list of str), the system default first."""

    sig_recording_sent = Signal()
    """A recording went to the conversation as an audio message."""

    def __init__(
        self,
        chat: ChatController,
        connection: ConnectionController,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._chat = chat
        self._connection = connection
        self._tasks = tasks
        self._state = VoiceState.CHECKING
        self._started = False
        self._prepared = False  # audio_io (numpy) asked for: the first press would import it here
        self._recorder: Recorder | None = None
        self._kept: Recording | None = None
        self._transcribing: CancelToken | None = None  # the transcription request under way, if any
        self._generation = 0  # bumped by cancel(): a late encode or transcript then counts for nothing
        self.unavailable_reason = ""
        self.devices: list[AudioDevice] = []
        self.min_duration_s = MIN_DURATION_S
        #: The upload limit recordings are checked against (None: the API's, audio_codec.MAX_UPLOAD_BYTES).
        self.max_upload_bytes: int | None = None
        self._meter_timer = QTimer(self, interval=METER_MS)
        self._meter_timer.timeout.connect(self._on_meter_timer_timeout)
        # A move to another input is no PortAudio error: ask the sound server (on the task pool).
        self._source_timer = QTimer(self, interval=SOURCE_CHECK_MS)
        self._source_timer.timeout.connect(self._on_source_timer_timeout)
        self._checking_source = False

    # -- state -----------------------------------------------------------------------------------

    @property
    def state(self) -> VoiceState:
        """The current state."""
        return self._state

    @property
    def settings(self) -> VoiceSettings:
        """The voice settings (the live object stored with the app's settings)."""
        return self._chat.voice

    def is_busy(self) -> bool:
        """True from the press until the recording was used, dropped or kept."""
        return self._state in (VoiceState.RECORDING, VoiceState.ENCODING, VoiceState.TRANSCRIBING, VoiceState.SENDING)

    # -- public API ------------------------------------------------------------------------------

    def start(self) -> None:
        """Load PortAudio and list the input devices in the background (once the window is shown)."""
        if self._started:
            return
        self._started = True
        self._tasks.run(_probe, self._on_probe_done, self._on_probe_failed)

    def prepare(self) -> None:
        """Load the recording code (numpy) on a worker: a press is likely soon (the pointer came near)."""
        if not self._prepared:
            self._prepared = True
            self._tasks.run(_load_audio_io)

    def refresh_devices(self) -> None:
        """List the input devices again (PortAudio lists them once); not while recording."""
        if self._state in (VoiceState.CHECKING, VoiceState.UNAVAILABLE) or self._recorder is not None:
            return
        self._tasks.run(lambda: _probe(refresh=True), self._on_probe_done, self._on_probe_failed)

    def press(self) -> None:
        """Start recording from the chosen input device (the talk button or key went down)."""
        if self._state is not VoiceState.IDLE:
            return
        from desktop_app.services.audio_io import AudioUnavailable, Recorder

        recorder = Recorder(self.settings.input_device)
        try:
            recorder.start()
        except AudioUnavailable as exc:
            self.sig_problem_reported.emit(said(exc))
            return
        self._recorder = recorder
        self._set_state(VoiceState.RECORDING)
        self.sig_level_changed.emit(0.0)
        self.sig_elapsed_changed.emit(0.0)
        self._meter_timer.start()
        self._source_timer.start()
        self._on_source_timer_timeout()  # what it reads from at the start, to compare with

    def release(self) -> None:
        """Stop recording and use the recording as the settings say (the talk button or key went up)."""
        if self._state is not VoiceState.RECORDING:
            return
        self._meter_timer.stop()
        recorder, self._recorder = self._recorder, None
        self.sig_level_changed.emit(0.0)
        # Closing the stream waits for PortAudio's last buffers (~10-20 ms): not on this thread.
        self._process(lambda: _stop(recorder))

    def cancel(self) -> bool:
        """Drop the recording under way (Esc): being recorded, encoded or transcribed.

        True if one was dropped. A kept recording stays (Esc also stops a reply: only Discard drops it).
        """
        if self._state is VoiceState.RECORDING:
            self._meter_timer.stop()
            recorder, self._recorder = self._recorder, None
            recorder.cancel()
            self.sig_level_changed.emit(0.0)
        elif self._state not in (VoiceState.ENCODING, VoiceState.TRANSCRIBING):
            return False
        self._generation += 1
        self._set_state(VoiceState.IDLE)
        return True

    def send_kept(self) -> None:
        """Use the kept recording after all (transcribe it or send it, as the settings say)."""
        if self._state is not VoiceState.KEPT or self._kept is None:
            return
        recording, self._kept = self._kept, None
        self._process(lambda: (recording, ""))

    def discard_kept(self) -> None:
        """Drop the kept recording."""
        if self._state is VoiceState.KEPT:
            self._kept = None
            self._set_state(VoiceState.IDLE)

    def set_input_device(self, name: str) -> None:
        """Record from this device from the next press on ("" = the system default)."""
        self._change("input_device", name)

    def set_recording_use(self, use: str) -> None:
        """"transcribe" (text into the composer) or "send_audio" (an audio message)."""
        if use in RECORDING_USES:
            self._change("recording_use", use)

    def set_transcribe_model(self, model: str) -> None:
        """The model /audio/transcriptions uses (e.g. gpt-4o-transcribe, whisper-1)."""
        model = model.strip()
        if model:
            self._change("transcribe_model", model)

    def set_language(self, code: str) -> None:
        """The spoken language as an ISO-639-1 code ("ko", "en"...), or "" to let the model detect it."""
        self._change("language", code.strip().lower())

    def shutdown(self) -> None:
        """Close the microphone (the app is closing); a recording in progress is dropped."""
        self._meter_timer.stop()
        if self._recorder is not None:
            recorder, self._recorder = self._recorder, None
            recorder.cancel()
        if self._transcribing is not None:
            self._transcribing.cancel()  # closing must not wait for the server's answer
        self._generation += 1

    # -- private ---------------------------------------------------------------------------------

    def _set_state(self, state: VoiceState) -> None:
        if state is not self._state:
            self._state = state
            self.sig_state_changed.emit(state.value)

    def _change(self, field_name: str, value: str) -> None:
        voice = self.settings
        if getattr(voice, field_name) != value:
            setattr(voice, field_name, value)
            self._chat.save_settings_soon()

    def _keep(self, recording: Recording, problem: str) -> None:
        """A device problem cut the recording: keep what there is for Send or Discard."""
        if recording.duration_s < self.min_duration_s:
            nothing = trans_late("VoiceController", "{0} Nothing usable was recorded.")
            self.sig_problem_reported.emit(nothing.format(problem))
            self._set_state(VoiceState.IDLE)
            return
        self._kept = recording
        self._set_state(VoiceState.KEPT)
        self.sig_problem_reported.emit(
            trans_late("VoiceController", "{0} Send or Discard the recording ({1}).").format(
                problem, _clock(recording.duration_s)
            )
        )

    def _process(self, take: Callable[[], tuple[Recording, str]]) -> None:
        """On the task runner: take the recording (stopping the stream), check and encode it; then use it."""
        self._generation += 1
        generation = self._generation
        limit, shortest = self.max_upload_bytes, self.min_duration_s
        self._set_state(VoiceState.ENCODING)
        self._tasks.run(
            lambda: _prepare(*take(), shortest, limit),
            lambda prepared: self._on_prepared(generation, prepared),
            lambda exc: self._on_prepare_failed(generation, exc),
        )

    def _on_prepared(self, generation: int, prepared: _Prepared) -> None:
        if generation != self._generation:
            return  # cancelled meanwhile
        recording = prepared.recording
        self.sig_elapsed_changed.emit(recording.duration_s)
        if prepared.device_problem:
            self._keep(recording, prepared.device_problem)
        elif prepared.too_short or prepared.silent or prepared.too_long:
            self.sig_problem_reported.emit(self._refusal(prepared))
            self._set_state(VoiceState.IDLE)
        elif self.settings.recording_use == "send_audio":
            self._send(recording, prepared)
        else:
            self._transcribe(generation, recording, prepared)

    def _refusal(self, prepared: _Prepared) -> LazyText:
        if prepared.too_short:
            return trans_late(
                "VoiceController", "The recording was too short to use: hold the button (or the key) while you speak."
            )
        if prepared.silent:
            return trans_late(
                "VoiceController",
                "Nothing was heard: the recording is silent, so it was not sent. "
                "Check the input device and its volume.",
            )
        return trans_late("VoiceController", "{0} It was not sent.").format(prepared.too_long)

    def _on_prepare_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_state(VoiceState.IDLE)
        unusable = trans_late("VoiceController", "The recording could not be used ({0}).")
        self.sig_problem_reported.emit(unusable.format(said(exc)))

    def _send(self, recording: Recording, prepared: _Prepared) -> None:
        self._set_state(VoiceState.SENDING)
        if self._chat.is_busy():
            self._kept = recording
            self._set_state(VoiceState.KEPT)
            self.sig_problem_reported.emit(
                trans_late(
                    "VoiceController",
                    "A reply is still coming. The recording is kept: Send it when the reply has finished.",
                )
            )
            return
        clip = AudioClip(data=prepared.data, format="wav", duration_s=recording.duration_s)
        if self._chat.send("", audio=clip):
            self._set_state(VoiceState.IDLE)
            self.sig_recording_sent.emit()
            return
        # The chat said why where it shows such things (the key dialog, the notice bar).
        self._kept = recording
        self._set_state(VoiceState.KEPT)
        self.sig_problem_reported.emit(
            trans_late("VoiceController", "The recording was not sent. It is kept: Send tries again.")
        )

    def _transcribe(self, generation: int, recording: Recording, prepared: _Prepared) -> None:
        self._set_state(VoiceState.TRANSCRIBING)

        def done(text: str) -> None:
            if generation != self._generation:
                return
            self._set_state(VoiceState.IDLE)
            text = (text or "").strip()
            if text:
                self.sig_transcript_ready.emit(text)
            else:
                self.sig_problem_reported.emit(
                    trans_late("VoiceController", "No words were recognised in the recording.")
                )

        def failed(error: AppError) -> None:
            if generation != self._generation:
                return
            self._kept = recording
            self._set_state(VoiceState.KEPT)
            self.sig_problem_reported.emit(
                trans_late(
                    "VoiceController", "Transcription failed: {0} The recording is kept: Send tries again."
                ).format(error)
            )

        self._transcribing = self._connection.transcribe(prepared.data, RECORDING_FILENAME, done, failed)

    def _on_probe_done(self, result: tuple[str | None, list]) -> None:
        problem, devices = result
        if problem:
            self.unavailable_reason = problem
            self._set_state(VoiceState.UNAVAILABLE)
            self.sig_problem_reported.emit(self.unavailable_reason)
            return
        self.devices = devices
        self.sig_devices_loaded.emit(_names_default_first(devices))
        if self._state is VoiceState.CHECKING:
            self._set_state(VoiceState.IDLE)
        if not devices:
            self.sig_problem_reported.emit(
                trans_late(
                    "VoiceController",
                    "No microphone was found. Connect one (or enable it in the system's sound settings).",
                )
            )

    def _on_probe_failed(self, exc: BaseException) -> None:
        # PortAudio loaded but could not list devices: recording may still work on the default one.
        self.devices = []
        self.sig_devices_loaded.emit([])
        if self._state is VoiceState.CHECKING:
            self._set_state(VoiceState.IDLE)
        unlisted = trans_late("VoiceController", "The audio devices could not be listed: {0}")
        self.sig_problem_reported.emit(unlisted.format(said(exc)))

    @Slot()
    def _on_meter_timer_timeout(self) -> None:
        recorder = self._recorder
        if recorder is None:
            self._meter_timer.stop()
            return
        if recorder.problem:
            # The device is gone or stalled: the stream is closed without waiting for it (abort).
            self._meter_timer.stop()
            self._recorder = None
            self.sig_level_changed.emit(0.0)
            self._process(lambda: _stop(recorder))
            return
        self.sig_level_changed.emit(recorder.level())
        self.sig_elapsed_changed.emit(recorder.elapsed_s)

    @Slot()
    def _on_source_timer_timeout(self) -> None:
        recorder = self._recorder
        if recorder is None:
            self._source_timer.stop()
        elif not self._checking_source:
            self._checking_source = True
            self._tasks.run(recorder.check_source, self._on_source_checked, self._on_source_checked)

    def _on_source_checked(self, _result=None) -> None:
        self._checking_source = False  # a problem found shows at the meter's next tick


def _load_audio_io() -> None:
    from desktop_app.services import audio_io  # noqa: F401  (numpy, ~50-100 ms)


def _probe(refresh: bool = False) -> tuple[str | None, list]:
    """(the PortAudio problem or None, the input devices); on the task runner."""
    from desktop_app.services import audio_devices, device_lister  # no numpy: that loads with a recording

    try:
        return device_lister.devices("input", refresh)
    except Exception:
        # When another thread's first import of sounddevice fails at the same moment, Python hands
        # this thread the half-loaded module; by the time it fails here, audio_io knows the reason.
        problem = audio_devices.portaudio_problem()
        if problem is None:
            raise
    return problem, []


def _stop(recorder: Recorder) -> tuple[Recording, str]:
    """Close the stream: what was recorded, and the device problem met meanwhile (or "")."""
    problem = recorder.problem or ""  # asked first: a stalled stream is only noticed while it is open
    return recorder.stop(), problem


def _prepare(recording: Recording, device_problem: str, shortest_s: float, max_upload_bytes: int | None) -> _Prepared:
    """Refuse a short, too long or silent recording, else encode it as the API gets it; on the task runner."""
    from desktop_app.services import audio_codec

    if device_problem:
        return _Prepared(recording, device_problem=device_problem)
    if recording.duration_s < shortest_s:
        return _Prepared(recording, too_short=True)
    limit = max_upload_bytes or audio_codec.MAX_UPLOAD_BYTES
    problem = audio_codec.too_long_problem(recording.samples, recording.samplerate, "wav", limit)
    if problem:
        return _Prepared(recording, too_long=problem)
    if audio_codec.is_silent(recording.samples, recording.samplerate):
        return _Prepared(recording, silent=True)
    return _Prepared(recording, data=audio_codec.for_api(recording))


def _names_default_first(devices: list) -> list[str]:
    ordered = sorted(devices, key=lambda d: not d.is_default)
    return [d.name for d in ordered]


def _clock(seconds: float) -> str:
    """0:07 style."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
