"""Push to talk on real (virtual) audio devices: speech played into the microphone while the talk
button or key is held, then sent as audio or transcribed into the composer, through the real app and
the loopback server. Faults: Esc, silence, too long, the microphone vanishing, no PortAudio."""

from __future__ import annotations

import base64
import io
import time

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.controllers.voice_controller import VoiceController, VoiceState
from desktop_app.ui.mic_panel import MicPanel
from tests.fakes.openai_server import Transcription, model_not_found
from tests.fakes.virtual_audio import best_alignment, resample_linear

SPEECH_EN = "The quick brown fox jumps over the lazy dog."
SPEECH_KO = "안녕하세요, 내일 서울 날씨 어때요?"
TIMEOUT_MS = 20000
SOUND_LATENCY_S = 0.4  # from playing into the virtual microphone to the app's stream, on a busy machine


class Mic:
    """The user's microphone row in the running app, and the virtual microphone it listens to."""

    def __init__(self, driver, audio, voice: VoiceController, panel: MicPanel) -> None:
        self.driver = driver
        self.qtbot = driver.qtbot
        self.audio = audio
        self.voice = voice
        self.panel = panel

    def choose_use(self, use: str) -> None:
        """Pick "Transcribe into message" or "Send as audio" in the panel."""
        combo = self.panel.use_combo
        combo.setCurrentIndex(combo.findData(use))
        combo.activated.emit(combo.currentIndex())

    def choose_language(self, code: str) -> None:
        """Type a language code into the panel's language box."""
        combo = self.panel.language_combo
        combo.lineEdit().clear()
        self.qtbot.keyClicks(combo.lineEdit(), code)
        QTest.keyClick(combo.lineEdit(), Qt.Key.Key_Return)

    def choose_model(self, model: str) -> None:
        """Type a transcription model into the panel's model box."""
        combo = self.panel.model_combo
        combo.lineEdit().clear()
        self.qtbot.keyClicks(combo.lineEdit(), model)
        QTest.keyClick(combo.lineEdit(), Qt.Key.Key_Return)

    def press(self) -> None:
        QTest.mousePress(self.panel.talk_button, Qt.MouseButton.LeftButton)
        self.qtbot.waitUntil(lambda: self.voice.state is VoiceState.RECORDING, timeout=5000)

    def release(self) -> None:
        QTest.mouseRelease(self.panel.talk_button, Qt.MouseButton.LeftButton)

    def say(self, samples: np.ndarray, rate: int) -> None:
        """Play sound into the virtual microphone; returns once the microphone has heard all of it.

        The app's event loop keeps running meanwhile (the level meter moves, as for a user).
        """
        seconds = self.audio.play_into_mic(samples, rate, wait=False)
        self.qtbot.wait(round((seconds + SOUND_LATENCY_S) * 1000))

    def wait_recorded(self, seconds: float) -> None:
        """Keep the button held (the event loop running) for `seconds` more."""
        self.qtbot.wait(round(seconds * 1000))

    def wait_idle(self) -> None:
        self.qtbot.waitUntil(lambda: self.voice.state is VoiceState.IDLE, timeout=TIMEOUT_MS)

    def status(self) -> str:
        return self.panel.status_label.text() if self.panel.status_label.isVisible() else ""


@pytest.fixture
def mic(driver, virtual_audio, qtbot) -> Mic:
    """The app started against the fake server, its microphone panel ready on the virtual devices."""
    app, window = driver.app, driver.window
    if getattr(window, "mic_panel", None) is not None:
        voice, panel = app.voice, window.mic_panel
    else:  # until the main window carries the panel: built from the app's own controllers
        voice = VoiceController(app.chat, app.connection, app.tasks)
        panel = MicPanel(voice)
        voice.sig_transcript_ready.connect(window.composer.insert_at_cursor)
        qtbot.addWidget(panel)
        panel.show()
        voice.start()
    qtbot.waitUntil(lambda: voice.state is VoiceState.IDLE, timeout=TIMEOUT_MS)
    yield Mic(driver, virtual_audio, voice, panel)
    voice.shutdown()


def speech(audio, text: str = SPEECH_EN, lang: str = "en") -> tuple[np.ndarray, int]:
    return audio.speech(text, lang=lang)


def decode(data: bytes) -> tuple[np.ndarray, int]:
    samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    return samples.mean(axis=1), rate


def assert_holds_speech(sent: np.ndarray, sent_rate: int, spoken: np.ndarray, spoken_rate: int) -> None:
    """The sent audio contains the spoken words (same waveform, up to gain), not silence or noise."""
    assert np.sqrt(np.mean(sent**2)) > 0.01
    correlation, _offset = best_alignment(resample_linear(spoken, spoken_rate, sent_rate), sent)
    assert correlation > 0.8


def input_audio_parts(body: dict) -> list[dict]:
    content = body["messages"][-1]["content"]
    return [part["input_audio"] for part in content if isinstance(part, dict) and part.get("type") == "input_audio"]


# -- sent as audio -------------------------------------------------------------------------------


def test_held_talk_button_sends_the_speech_as_input_audio_and_leaves_the_draft(mic):
    driver = mic.driver
    driver.type("a draft I am still writing")
    mic.choose_use("send_audio")
    spoken, rate = speech(mic.audio)
    levels: list[int] = []
    mic.panel.level_meter.valueChanged.connect(levels.append)
    pressed_at = time.monotonic()
    mic.press()
    mic.wait_recorded(0.3)
    mic.say(spoken, rate)
    shown_elapsed = mic.panel.elapsed_label.text()
    mic.release()
    held_s = time.monotonic() - pressed_at
    reply = driver.wait_reply_done(TIMEOUT_MS)
    assert max(levels) >= 20  # the meter moved with the voice
    minutes, seconds = shown_elapsed.split(":")
    assert int(minutes) == 0 and float(seconds) >= len(spoken) / rate  # the clock ran while held
    body = driver.server.last_chat_body()
    [part] = input_audio_parts(body)
    assert part["format"] == "wav"
    sent, sent_rate = decode(base64.b64decode(part["data"]))
    assert abs(len(sent) / sent_rate - held_s) < 0.3  # what was held, not more, not less
    assert_holds_speech(sent, sent_rate, spoken, rate)
    question = driver.chat.current.messages[0]
    assert question.audio is not None and question.audio.format == "wav"
    assert reply.text  # the conversation went on
    assert driver.edit.toPlainText() == "a draft I am still writing"
    assert mic.voice.state is VoiceState.IDLE


# -- transcribed into the composer ---------------------------------------------------------------


def test_the_transcript_lands_at_the_composer_cursor(mic):
    driver = mic.driver
    driver.server.reply_on("/v1/audio/transcriptions", Transcription("lazy dogs and quick foxes"))
    mic.choose_use("transcribe")
    driver.type("Tell me about  please.")
    cursor = driver.edit.textCursor()
    cursor.setPosition(len("Tell me about "))
    driver.edit.setTextCursor(cursor)
    spoken, rate = speech(mic.audio)
    mic.press()
    mic.say(spoken, rate)
    mic.release()
    driver.qtbot.waitUntil(lambda: "foxes" in driver.edit.toPlainText(), timeout=TIMEOUT_MS)
    assert driver.edit.toPlainText() == "Tell me about lazy dogs and quick foxes please."
    [upload] = driver.server.transcriptions()
    assert upload["fields"]["model"] == driver.chat.voice.transcribe_model
    assert upload["filename"].endswith(".wav")
    sent, sent_rate = decode(upload["file"])
    assert_holds_speech(sent, sent_rate, spoken, rate)
    assert driver.server.chat_requests() == []  # only text went into the draft: nothing was sent
    mic.wait_idle()


def test_korean_speech_with_the_language_set_comes_back_as_korean_text(mic):
    driver = mic.driver
    driver.server.reply_on("/v1/audio/transcriptions", Transcription(SPEECH_KO))
    mic.choose_use("transcribe")
    mic.choose_language("ko")
    mic.choose_model("gpt-4o-mini-transcribe")
    spoken, rate = speech(mic.audio, SPEECH_KO, lang="ko")
    mic.press()
    mic.say(spoken, rate)
    mic.release()
    driver.qtbot.waitUntil(lambda: "서울" in driver.edit.toPlainText(), timeout=TIMEOUT_MS)
    assert driver.edit.toPlainText() == SPEECH_KO
    [upload] = driver.server.transcriptions()
    assert upload["fields"].get("language") == "ko"
    assert upload["fields"]["model"] == "gpt-4o-mini-transcribe"
    sent, sent_rate = decode(upload["file"])
    assert_holds_speech(sent, sent_rate, spoken, rate)
    assert driver.chat.voice.language == "ko"


def test_held_push_to_talk_key_records_once_despite_key_repeat(mic):
    driver = mic.driver
    driver.server.reply_on("/v1/audio/transcriptions", Transcription("spoken with the key"))
    mic.choose_use("transcribe")
    assert "F8" in mic.panel.talk_button.text()
    spoken, rate = speech(mic.audio)
    key = key_target(mic)
    key(QEvent.Type.KeyPress, Qt.Key.Key_F8, autorepeat=False)
    assert mic.voice.state is VoiceState.RECORDING
    mic.say(spoken, rate)
    for _ in range(5):  # a held key repeats as release + press pairs marked autorepeat
        key(QEvent.Type.KeyRelease, Qt.Key.Key_F8, autorepeat=True)
        key(QEvent.Type.KeyPress, Qt.Key.Key_F8, autorepeat=True)
    assert mic.voice.state is VoiceState.RECORDING
    key(QEvent.Type.KeyRelease, Qt.Key.Key_F8, autorepeat=False)
    driver.qtbot.waitUntil(lambda: "spoken with the key" in driver.edit.toPlainText(), timeout=TIMEOUT_MS)
    mic.wait_idle()
    assert driver.edit.toPlainText() == "spoken with the key"
    assert len(driver.server.transcriptions()) == 1


def test_the_microphones_are_listed_with_the_default_preselected_and_the_choice_is_used(mic):
    driver = mic.driver
    combo = mic.panel.device_combo
    combo.showPopup()  # opening the list enumerates the devices afresh
    driver.qtbot.waitUntil(lambda: combo.count() > 1, timeout=TIMEOUT_MS)
    combo.hidePopup()
    assert combo.currentIndex() == 0 and combo.currentText() == "System default"
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names and set(names) == {d.name for d in mic.voice.devices}
    chosen = next(name for name in names if name != "default")  # PortAudio's other route to the mic
    combo.setCurrentIndex(combo.findData(chosen))
    combo.activated.emit(combo.currentIndex())
    assert driver.chat.voice.input_device == chosen
    driver.server.reply_on("/v1/audio/transcriptions", Transcription("heard through the chosen device"))
    mic.choose_use("transcribe")
    spoken, rate = speech(mic.audio)
    mic.press()
    mic.say(spoken, rate)
    mic.release()
    driver.qtbot.waitUntil(lambda: "chosen device" in driver.edit.toPlainText(), timeout=TIMEOUT_MS)
    [upload] = driver.server.transcriptions()
    sent, sent_rate = decode(upload["file"])
    assert_holds_speech(sent, sent_rate, spoken, rate)


def test_a_failed_transcription_keeps_the_recording_and_send_tries_again(mic):
    driver = mic.driver
    driver.server.reply_on("/v1/audio/transcriptions", model_not_found("whisper-2"))
    mic.choose_use("transcribe")
    mic.choose_model("whisper-2")  # a typo: the server does not know this model
    spoken, rate = speech(mic.audio)
    mic.press()
    mic.say(spoken, rate)
    mic.release()
    driver.qtbot.waitUntil(lambda: mic.voice.state is VoiceState.KEPT, timeout=TIMEOUT_MS)
    assert "Transcription failed" in mic.status() and "whisper-2" in mic.status()
    assert mic.panel.send_button.isVisible()
    driver.server.reply_on("/v1/audio/transcriptions", Transcription("second time lucky"))
    mic.choose_model("whisper-1")
    mic.panel.send_button.click()
    driver.qtbot.waitUntil(lambda: "second time lucky" in driver.edit.toPlainText(), timeout=TIMEOUT_MS)
    first, second = driver.server.transcriptions()
    assert (first["fields"]["model"], second["fields"]["model"]) == ("whisper-2", "whisper-1")
    assert first["file"] == second["file"]  # the same recording, not a new one
    mic.wait_idle()
    assert mic.status() == ""


def key_target(mic):
    """Send a key event the way the user's keyboard reaches the app (the window, or the panel's handlers)."""
    window = mic.driver.window

    def send(kind, key, autorepeat):
        event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, "", autorepeat)
        if getattr(window, "mic_panel", None) is mic.panel:
            if not autorepeat:  # as typed into the composer, window shortcuts included
                press = kind == QEvent.Type.KeyPress
                (QTest.keyPress if press else QTest.keyRelease)(mic.driver.edit, key)
            else:  # QTest cannot mark a key as repeated: the event itself, to the focused composer
                QApplication.sendEvent(mic.driver.edit, event)
        elif kind == QEvent.Type.KeyPress:
            mic.panel.handle_key_press(event)
        else:
            mic.panel.handle_key_release(event)

    return send


# -- faults --------------------------------------------------------------------------------------


def test_esc_while_recording_cancels_and_nothing_is_sent(mic):
    driver = mic.driver
    mic.choose_use("send_audio")
    spoken, rate = speech(mic.audio)
    mic.press()
    mic.say(spoken, rate)
    key = key_target(mic)
    key(QEvent.Type.KeyPress, Qt.Key.Key_Escape, autorepeat=False)
    assert mic.voice.state is VoiceState.IDLE
    mic.release()  # the button let go afterwards changes nothing
    driver.qtbot.wait(500)
    assert driver.server.chat_requests() == []
    assert driver.server.transcriptions() == []
    assert driver.chat.current.messages == []


def test_a_silent_recording_is_not_sent_and_the_user_is_told(mic):
    driver = mic.driver
    mic.choose_use("send_audio")
    mic.press()
    mic.wait_recorded(1.0)
    mic.release()
    driver.qtbot.waitUntil(lambda: "silent" in mic.status(), timeout=TIMEOUT_MS)
    assert mic.voice.state is VoiceState.IDLE
    assert driver.server.chat_requests() == []
    assert driver.chat.current.messages == []


def test_a_too_short_press_is_not_sent_and_the_user_is_told(mic):
    driver = mic.driver
    mic.choose_use("transcribe")
    mic.press()
    mic.release()
    driver.qtbot.waitUntil(lambda: "too short" in mic.status(), timeout=TIMEOUT_MS)
    assert mic.voice.state is VoiceState.IDLE
    assert driver.server.transcriptions() == []


def test_a_recording_over_the_upload_limit_is_refused_with_the_limit(mic):
    driver = mic.driver
    mic.choose_use("send_audio")
    mic.voice.max_upload_bytes = 32_000  # about a second of what is sent, instead of minutes
    spoken, rate = speech(mic.audio)
    mic.press()
    mic.say(spoken, rate)
    mic.release()
    driver.qtbot.waitUntil(lambda: "too long" in mic.status(), timeout=TIMEOUT_MS)
    assert "limit" in mic.status()
    assert mic.voice.state is VoiceState.IDLE
    assert driver.server.chat_requests() == []


def record_until_the_microphone_vanishes(mic):
    """Record speech to be sent as audio, then unplug the microphone mid-recording: the recording is kept."""
    mic.choose_use("send_audio")
    spoken, rate = speech(mic.audio)
    mic.press()
    mic.say(spoken, rate)
    try:
        mic.audio.unload_mic()
        mic.driver.qtbot.waitUntil(lambda: mic.voice.state is VoiceState.KEPT, timeout=TIMEOUT_MS)
    finally:
        mic.audio.reload_mic()
    return spoken, rate


def test_the_microphone_vanishing_keeps_the_recording_and_send_still_works(mic):
    driver = mic.driver
    spoken, rate = record_until_the_microphone_vanishes(mic)
    assert "microphone" in mic.status() and "Send or Discard" in mic.status()
    assert mic.panel.send_button.isVisible() and mic.panel.discard_button.isVisible()
    mic.release()  # letting go of the button now changes nothing
    assert mic.voice.state is VoiceState.KEPT
    mic.panel.send_button.click()
    driver.wait_reply_done(TIMEOUT_MS)
    [part] = input_audio_parts(driver.server.last_chat_body())
    sent, sent_rate = decode(base64.b64decode(part["data"]))
    assert_holds_speech(sent, sent_rate, spoken, rate)
    assert not mic.panel.send_button.isVisible()
    assert mic.status() == ""  # the device problem is over


def test_discarding_a_kept_recording_sends_nothing(mic):
    driver = mic.driver
    record_until_the_microphone_vanishes(mic)
    mic.panel.discard_button.click()
    assert mic.voice.state is VoiceState.IDLE
    assert not mic.panel.send_button.isVisible() and mic.status() == ""
    assert driver.server.chat_requests() == []


def test_a_microphone_that_is_not_there_gives_a_clear_message(mic):
    driver = mic.driver
    driver.chat.voice.input_device = "USB Headset that was unplugged"
    QTest.mousePress(mic.panel.talk_button, Qt.MouseButton.LeftButton)
    QTest.mouseRelease(mic.panel.talk_button, Qt.MouseButton.LeftButton)
    assert mic.voice.state is VoiceState.IDLE
    assert "USB Headset that was unplugged" in mic.status()


# -- no PortAudio, no sound server: each in a fresh app process ----------------------------------

APP_CHILD = """
import json, os, sys, time
from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
qt = QApplication([])
from desktop_app.app import App
from desktop_app.controllers.voice_controller import VoiceState
app = App()
app.start()
voice, panel = app.voice, app.window.mic_panel
deadline = time.monotonic() + 30
while voice.state is VoiceState.CHECKING and time.monotonic() < deadline:
    qt.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    time.sleep(0.01)
before = voice.state.value
QTest.mousePress(panel.talk_button, Qt.MouseButton.LeftButton)
pressed = voice.state.value
QTest.mouseRelease(panel.talk_button, Qt.MouseButton.LeftButton)
print("RESULT " + json.dumps({
    "window_shown": app.window.isVisible(),
    "state": before,
    "state_after_press": pressed,
    "talk_enabled": panel.talk_button.isEnabled(),
    "device_enabled": panel.device_combo.isEnabled(),
    "status": panel.status_label.text() if panel.status_label.isVisible() else "",
    "tooltip": panel.talk_button.toolTip(),
}), flush=True)
os._exit(0)
"""


def run_app_child(fake_server, **env) -> dict:
    """Start the real app in a fresh interpreter (PortAudio is loaded once per process) and read its panel."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    child_env = dict(os.environ, PYTHONPATH=str(repo), OPENAI_BASE_URL=fake_server.base_url, OPENAI_API_KEY="sk-test")
    child_env.update(env)
    if child_env.pop("HIDE_PORTAUDIO", None):  # as on Linux without libportaudio2, helper processes too
        child_env["PYTHONPATH"] = os.pathsep.join([str(repo / "tests" / "fakes" / "no_portaudio"), str(repo)])
    result = subprocess.run(
        [sys.executable, "-c", APP_CHILD], cwd=repo, env=child_env, capture_output=True, text=True, timeout=90
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stderr[-3000:]
    return json.loads(lines[-1].split(" ", 1)[1])


def test_without_portaudio_the_app_starts_and_the_panel_is_disabled_with_the_install_hint(fake_server):
    from desktop_app.services.audio_io import PORTAUDIO_HINT

    panel = run_app_child(fake_server, HIDE_PORTAUDIO="1")
    assert panel["window_shown"]
    assert panel["state"] == "unavailable" and panel["state_after_press"] == "unavailable"
    assert not panel["talk_enabled"] and not panel["device_enabled"]
    assert panel["status"] == PORTAUDIO_HINT
    assert "sudo apt-get install libportaudio2" in panel["status"]


def test_without_any_microphone_the_user_is_told_clearly(fake_server, tmp_path):
    # PortAudio loads, but no sound server answers: it lists no device at all.
    panel = run_app_child(fake_server, PULSE_SERVER=f"unix:{tmp_path}/no-such-socket")
    assert panel["window_shown"]
    assert panel["state"] == "idle" and panel["state_after_press"] == "idle"  # nothing to record from
    assert "No microphone was found" in panel["status"]
