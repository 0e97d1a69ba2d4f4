"""Hearing replies on real (virtual) speakers: spoken replies (a whole MP3, or pcm16 streamed and
spoken as it arrives), reading a message aloud while it downloads, the player bar, Save as MP3,
the volume, the output device and the voice settings, through the real app and the loopback server.

What the app plays is recorded from the virtual speaker's monitor and compared with the waveform the
server sent (normalised cross-correlation), so "it played" means the sound really came out.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
import soundfile
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.conversation import AudioClip
from tests.fakes.openai_server import Error, SpokenReply, Speech, Stream
from tests.fakes.virtual_audio import best_alignment, resample_linear

RATE = 24_000  # what the API streams and what the test waveforms are made at
TIMEOUT_MS = 20_000
HEARD = 0.9  # correlation above which the recording holds the same waveform
SILENCE_RMS = 1e-3
PIECE_S = 0.25  # the virtual speaker's monitor with nothing playing measures ~0


def chirp(seconds: float, f0: float = 300.0, f1: float = 2400.0, amplitude: float = 0.5) -> np.ndarray:
    """A rising sweep: unlike a steady tone it matches itself at one offset only."""
    t = np.arange(int(seconds * RATE)) / RATE
    phase = 2 * np.pi * (f0 * t + (f1 - f0) * t * t / (2 * seconds))
    fade = np.minimum(1.0, np.minimum(t, seconds - t) / 0.02)  # no click at either end
    return (amplitude * fade * np.sin(phase)).astype(np.float32)


def mp3_of(samples: np.ndarray) -> bytes:
    out = io.BytesIO()
    soundfile.write(out, samples, RATE, format="MP3")
    return out.getvalue()


def pcm16_of(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()


def wav_of(samples: np.ndarray) -> bytes:
    out = io.BytesIO()
    soundfile.write(out, samples, RATE, format="WAV", subtype="PCM_16")
    return out.getvalue()


def similarity(reference: np.ndarray, recording: np.ndarray, rate: int) -> float:
    """How well the reference waveform is found in the recording (1.0: the same, up to a gain).

    The median over quarter-second pieces, each found on its own: a scheduling hiccup of a loaded
    machine (an underrun: a few ms of silence) shifts what follows it and would spoil one long
    comparison, but only the piece it falls in here.
    """
    reference = resample_linear(reference, RATE, rate)
    piece = int(PIECE_S * rate)
    starts = range(0, max(1, len(reference) - piece + 1), piece)
    return float(np.median([best_alignment(reference[i : i + piece], recording)[0] for i in starts]))


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if len(samples) else 0.0


class Ears:
    """The user at the window, listening: the player, its bar, the voice panel and the chat view."""

    def __init__(self, driver, audio, playback, bar, panel, view) -> None:
        self.driver = driver
        self.qtbot = driver.qtbot
        self.server = driver.server
        self.audio = audio
        self.playback = playback
        self.bar = bar
        self.panel = panel
        self.view = view
        self.states: list[str] = []
        playback.sig_state_changed.connect(self.states.append)

    def listen(self):
        """Start recording the speakers; `stop()` on the result returns (samples, rate)."""
        return self.audio.capture_speaker()

    def wait_played(self) -> None:
        """Wait until something played and has ended (the end is reported from PortAudio's thread)."""
        self.qtbot.waitUntil(lambda: "playing" in self.states, timeout=TIMEOUT_MS)
        self.qtbot.waitUntil(lambda: self.playback.state == "stopped", timeout=TIMEOUT_MS)
        self.qtbot.wait(250)  # the device's own latency: the tail is still on its way to the speaker

    def click(self, message, prefix: str) -> None:
        """Click the first link of a message card whose href starts with `app:<prefix>`."""
        href = next(h for h in self.view.links(message.id) if h.startswith(f"app:{prefix}"))
        self.view.follow_link(href)

    def bar_message(self) -> str:
        return self.bar.message_label.text() if self.bar.message_label.isVisible() else ""


@pytest.fixture
def ears(start_app, virtual_audio):
    """`ears(voice={...})`: the app started on the fake server with these voice settings."""

    def start(voice: dict | None = None, model: str = "gpt-audio-mini") -> Ears:
        driver = start_app(settings={"model": model, "voice": voice or {}})
        app, window = driver.app, driver.window
        return Ears(driver, virtual_audio, app.playback, window.player_bar, window.voice_panel, window.chat_view)

    return start


# -- spoken replies ---------------------------------------------------------------------------------


def test_a_spoken_mp3_reply_is_played_on_the_speakers(ears):
    ear = ears(voice={"spoken_replies": True, "stream_audio": False})
    tone = chirp(1.5)
    ear.server.script(SpokenReply("Here is a rising tone.", mp3=mp3_of(tone)))

    capture = ear.listen()
    ear.driver.send("Sing me something")
    reply = ear.driver.wait_reply_done()
    ear.wait_played()
    heard, rate = capture.stop()

    body = ear.server.last_chat_body()
    assert body["modalities"] == ["text", "audio"] and body["audio"]["format"] == "mp3"
    assert ear.view.message_text(reply.id).strip() == "Here is a rising tone."
    assert similarity(tone, heard, rate) > HEARD
    assert {"play", "savemp3", "speak"} <= actions_of(ear.view, reply.id)


def test_a_streamed_pcm16_reply_is_spoken_while_it_arrives(ears):
    ear = ears(voice={"spoken_replies": True, "stream_audio": True})
    tone = chirp(2.0)
    # 0.1 s of sound per chunk, one chunk every 40 ms: the stream lasts ~1 s, the sound 2 s.
    ear.server.script(SpokenReply("A streamed tone.", pcm16=pcm16_of(tone), chunk_bytes=4800, delay=0.04))

    capture = ear.listen()
    ear.driver.send("Sing as you go")
    ear.qtbot.waitUntil(lambda: ear.playback.times().first_sound_at is not None, timeout=TIMEOUT_MS)
    still_streaming = ear.driver.last_reply().is_streaming
    reply = ear.driver.wait_reply_done()
    ear.wait_played()
    heard, rate = capture.stop()
    times = ear.playback.times()

    assert still_streaming, "the sound should start before the reply has finished arriving"
    assert times.first_sound_at < times.last_audio_at
    assert similarity(tone, heard, rate) > HEARD
    assert reply.audio is not None and abs(reply.audio.duration_s - 2.0) < 0.01
    assert ear.server.last_chat_body()["audio"]["format"] == "pcm16"


def test_a_spoken_reply_with_no_audio_is_explained(ears):
    ear = ears(voice={"spoken_replies": True, "stream_audio": True})
    ear.server.script(Stream(text="Only words this time."))

    ear.driver.send("Say something")
    reply = ear.driver.wait_reply_done()

    notice = ear.driver.window.notice_bar
    ear.qtbot.waitUntil(lambda: notice.isVisible(), timeout=TIMEOUT_MS)
    assert "text only" in notice.label.text()
    assert not ear.playback.is_loaded  # the player that waited for the sound is gone
    assert ear.view.message_text(reply.id).strip() == "Only words this time."
    assert "play" not in actions_of(ear.view, reply.id)


# -- the player bar ---------------------------------------------------------------------------------


def test_pause_seek_and_stop_from_the_player_bar(ears):
    ear = ears(voice={"spoken_replies": True, "stream_audio": False})
    ear.server.script(SpokenReply("A long tone.", mp3=mp3_of(chirp(3.0))))
    ear.driver.send("Play a long tone")
    ear.driver.wait_reply_done()
    playback, bar = ear.playback, ear.bar

    ear.qtbot.waitUntil(lambda: playback.state == "playing" and playback.position_s > 0.3, timeout=TIMEOUT_MS)
    assert bar.isVisible() and bar.title_label.text() == "Spoken reply · 0:03"
    bar.play_button.click()  # pause
    assert playback.state == "paused" and bar.play_button.text() == "▶"
    held = playback.position_s
    ear.qtbot.wait(400)
    assert playback.position_s == held
    assert bar.time_text().endswith("/ 0:03")

    slider = bar.position_slider  # drag the handle to 2 s
    slider.setSliderDown(True)
    slider.setSliderPosition(2000)
    assert bar.time_text() == "0:02 / 0:03"
    slider.setSliderDown(False)
    assert abs(playback.position_s - 2.0) < 0.05

    bar.play_button.click()  # on from 2 s
    ear.qtbot.waitUntil(lambda: playback.state == "playing" and playback.position_s > 2.1, timeout=TIMEOUT_MS)
    bar.stop_button.click()
    assert playback.state == "stopped" and bar.play_button.text() == "▶"
    ear.qtbot.waitUntil(lambda: bar.time_text() == "0:00 / 0:03", timeout=TIMEOUT_MS)
    assert bar.isVisible()  # still loaded: it can be played again or saved

    bar.close_button.click()
    assert not bar.isVisible() and not playback.is_loaded


def test_a_paused_reply_plays_on_from_where_it_was(ears):
    ear = ears(voice={"spoken_replies": True, "stream_audio": False})
    tone = chirp(2.0)
    ear.server.script(SpokenReply("Tone.", mp3=mp3_of(tone)))
    ear.driver.send("Tone please")
    ear.driver.wait_reply_done()
    ear.qtbot.waitUntil(lambda: ear.playback.state == "playing" and ear.playback.position_s > 0.2, timeout=TIMEOUT_MS)
    ear.playback.stop()
    ear.playback.seek(1.0)

    capture = ear.listen()
    ear.states.clear()
    ear.bar.play_button.click()
    ear.wait_played()
    heard, rate = capture.stop()

    assert similarity(tone[RATE:], heard, rate) > HEARD  # the second after the seek point...
    assert similarity(tone[: RATE // 2], heard, rate) < 0.5  # ...and not the start again


# -- save as MP3 ------------------------------------------------------------------------------------


def save_through_dialog(ear, widget, path) -> None:
    """Answer the Save as MP3 dialog that `widget` opened with `path`."""
    ear.qtbot.waitUntil(lambda: widget.findChild(QFileDialog) is not None, timeout=5000)
    dialog = widget.findChild(QFileDialog)
    assert dialog.acceptMode() is QFileDialog.AcceptMode.AcceptSave
    dialog.selectFile(str(path))
    dialog.accept()


def test_save_a_streamed_spoken_reply_as_mp3(ears, tmp_path):
    ear = ears(voice={"spoken_replies": True, "stream_audio": True})
    tone = chirp(1.5)
    ear.server.script(SpokenReply("Keep this.", pcm16=pcm16_of(tone)))
    ear.driver.send("Say something to keep")
    reply = ear.driver.wait_reply_done()
    ear.qtbot.waitUntil(lambda: reply.audio is not None, timeout=TIMEOUT_MS)

    target = tmp_path / "kept.mp3"
    ear.click(reply, "savemp3")
    save_through_dialog(ear, ear.view, target)
    ear.qtbot.waitUntil(lambda: "Saved" in ear.bar_message(), timeout=TIMEOUT_MS)

    samples, rate = soundfile.read(str(target), dtype="float32")
    assert soundfile.info(str(target)).format == "MP3"
    assert abs(len(samples) / rate - 1.5) < 0.1
    assert similarity(tone, samples, rate) > HEARD


def test_save_what_was_read_aloud_from_the_player_bar(ears, tmp_path):
    ear = ears()
    ear.server.script(Stream(text="Read me."))
    ear.driver.send("hello")
    reply = ear.driver.wait_reply_done()
    tone = chirp(1.0)
    ear.server.reply_on("/v1/audio/speech", Speech(pcm=pcm16_of(tone)))
    ear.click(reply, "speak")
    ear.wait_played()

    target = tmp_path / "read"  # no extension typed: .mp3 is added
    ear.bar.save_button.click()
    save_through_dialog(ear, ear.bar, target)
    ear.qtbot.waitUntil(lambda: "Saved" in ear.bar_message(), timeout=TIMEOUT_MS)

    samples, rate = soundfile.read(str(tmp_path / "read.mp3"), dtype="float32")
    assert abs(len(samples) / rate - 1.0) < 0.1


# -- read aloud -------------------------------------------------------------------------------------


def test_read_aloud_plays_the_speech_as_it_downloads(ears):
    ear = ears()
    ear.server.script(Stream(text="The weather is fine today."))
    ear.driver.send("How is the weather?")
    reply = ear.driver.wait_reply_done()
    ear.panel.speech_voice_combo.setCurrentText("coral")
    ear.panel.speed_spin.setValue(1.5)
    ear.panel.speech_model_combo.setEditText("tts-1-hd")
    tone = chirp(2.0)
    # A slow download: 0.1 s of sound every 50 ms after a 0.3 s wait (~1.3 s in all).
    ear.server.reply_on("/v1/audio/speech", Speech(pcm=pcm16_of(tone), chunk_bytes=4800, delay=0.05, first_delay=0.3))

    capture = ear.listen()
    ear.click(reply, "speak")
    assert ear.playback.state == "loading" and ear.bar.isVisible()
    ear.wait_played()
    heard, rate = capture.stop()
    times = ear.playback.times()

    assert times.first_sound_at < times.last_audio_at, "the sound should start before the last byte arrives"
    assert similarity(tone, heard, rate) > HEARD
    body = ear.server.speech_bodies()[-1]
    assert body["input"] == "The weather is fine today."
    assert (body["model"], body["voice"], body["speed"]) == ("tts-1-hd", "coral", 1.5)
    assert body["response_format"] == "pcm"


def test_stopping_read_aloud_stops_the_download_and_the_sound(ears):
    ear = ears()
    ear.server.script(Stream(text="A long story."))
    ear.driver.send("Tell me a story")
    reply = ear.driver.wait_reply_done()
    ear.server.reply_on("/v1/audio/speech", Speech(pcm=pcm16_of(chirp(6.0)), chunk_bytes=4800, delay=0.1))
    ear.click(reply, "speak")
    ear.qtbot.waitUntil(lambda: ear.playback.state == "playing", timeout=TIMEOUT_MS)

    ear.bar.stop_button.click()
    ear.qtbot.waitUntil(ear.server.client_disconnected.is_set, timeout=TIMEOUT_MS)  # the download was cut
    ear.qtbot.wait(150)  # what PortAudio already held drains
    capture = ear.listen()
    ear.qtbot.wait(600)
    heard, _rate = capture.stop()

    assert ear.playback.state == "stopped" and ear.bar.play_button.text() == "▶"
    assert rms(heard) < SILENCE_RMS


def test_read_aloud_failure_is_explained(ears):
    ear = ears()
    ear.server.script(Stream(text="Words."))
    ear.driver.send("hi")
    reply = ear.driver.wait_reply_done()
    ear.server.reply_on("/v1/audio/speech", Error(500))

    ear.click(reply, "speak")

    ear.qtbot.waitUntil(lambda: "Read aloud failed" in ear.bar_message(), timeout=TIMEOUT_MS)
    assert not ear.playback.is_loaded


def test_user_messages_can_be_read_aloud_and_recordings_played(ears):
    ear = ears()
    tone = chirp(1.2)
    clip = AudioClip(data=wav_of(tone), format="wav", duration_s=1.2)
    ear.server.script(Stream(text="Got it."))
    assert ear.driver.chat.send("", audio=clip)
    ear.driver.wait_reply_done()
    ear.server.script(Stream(text="Sure."))
    ear.driver.send("Typed words")
    ear.driver.wait_reply_done()
    spoken, typed = [m for m in ear.driver.chat.current.messages if m.role.value == "user"]

    assert "play" in actions_of(ear.view, spoken.id) and "0:01" in ear.view.footer_text(spoken.id)
    assert "🎤" in ear.view.message_text(spoken.id)
    assert "speak" in actions_of(ear.view, typed.id)
    capture = ear.listen()
    ear.click(spoken, "play")
    ear.wait_played()
    heard, rate = capture.stop()
    assert similarity(tone, heard, rate) > HEARD
    assert ear.bar.title_label.text().startswith("Recording")


# -- speakers: volume and device --------------------------------------------------------------------


def test_volume_zero_plays_silence(ears):
    ear = ears(voice={"spoken_replies": True, "stream_audio": False})
    ear.panel.volume_slider.setValue(0)
    ear.server.script(SpokenReply("Shh.", mp3=mp3_of(chirp(1.0))))

    capture = ear.listen()
    ear.driver.send("Whisper")
    ear.driver.wait_reply_done()
    ear.wait_played()
    heard, _rate = capture.stop()

    assert ear.driver.chat.voice.volume == 0.0
    assert rms(heard) < SILENCE_RMS


def test_a_missing_output_device_is_named(ears):
    ear = ears(voice={"spoken_replies": True, "stream_audio": False, "output_device": "USB Headset"})
    ear.server.script(SpokenReply("Can you hear me?", mp3=mp3_of(chirp(0.5))))

    ear.driver.send("Speak")
    reply = ear.driver.wait_reply_done()

    ear.qtbot.waitUntil(lambda: "USB Headset" in ear.bar_message(), timeout=TIMEOUT_MS)
    assert "not connected" in ear.bar_message()
    assert ear.view.message_text(reply.id).strip() == "Can you hear me?"  # the words are still there
    assert ear.panel.output_combo.currentText().startswith("USB Headset")


def test_output_devices_are_listed_with_the_default_preselected(ears):
    ear = ears()
    combo = ear.panel.output_combo
    combo.showPopup()  # opening the list enumerates the devices afresh
    ear.qtbot.waitUntil(lambda: combo.count() > 1, timeout=TIMEOUT_MS)
    combo.hidePopup()

    assert combo.currentIndex() == 0 and combo.currentText().startswith("System default")
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names == [d.name for d in ear.playback.devices]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert ear.driver.chat.voice.output_device == names[0]


# -- the voice panel --------------------------------------------------------------------------------


def test_voice_panel_settings_shape_the_next_request_and_are_kept(ears, tmp_path):
    ear = ears(voice={"spoken_replies": False})
    panel = ear.panel
    assert not panel.voice_combo.isEnabled()

    panel.spoken_check.setChecked(True)
    panel.voice_combo.setCurrentText("coral")
    panel.mp3_radio.setChecked(True)
    ear.server.script(SpokenReply("Hi.", mp3=mp3_of(chirp(0.3))))
    ear.driver.send("Hello")
    ear.driver.wait_reply_done()

    body = ear.server.last_chat_body()
    assert body["modalities"] == ["text", "audio"]
    assert body["audio"] == {"voice": "coral", "format": "mp3"}
    assert not body.get("stream")
    settings_file = tmp_path / "config" / "settings.json"
    ear.qtbot.waitUntil(lambda: _saved_voice(settings_file).get("voice") == "coral", timeout=5000)
    saved = json.loads(settings_file.read_text())["voice"]
    assert saved["spoken_replies"] is True and saved["stream_audio"] is False


def _saved_voice(settings_file) -> dict:
    try:
        return json.loads(settings_file.read_text(encoding="utf-8")).get("voice") or {}
    except (OSError, ValueError):
        return {}


# -- usage in the footer ----------------------------------------------------------------------------


def test_the_footer_shows_the_image_tokens_the_server_counted(driver):
    usage = {
        "prompt_tokens": 900,
        "completion_tokens": 12,
        "total_tokens": 912,
        "prompt_tokens_details": {"cached_tokens": 0, "image_tokens": 765},
    }
    driver.server.script(Stream(text="A cat on a sofa.", usage=usage))
    driver.send("What is in the picture?")
    reply = driver.wait_reply_done()

    footer = driver.footer(reply)
    assert "900 prompt" in footer and "765 image" in footer



def actions_of(view, message_id: str) -> set[str]:
    """The actions a message's card offers (its icon and text links)."""
    return {href.partition(":")[2].partition("/")[0] for href in view.links(message_id) if href.startswith("app:")}
