"""Spoken replies in the conversation: what is asked, what is kept, and how later turns refer to it.

The real window against the loopback server. Whether the sound is really heard is
tests/qt/test_voice_playback.py's job; here it is what the conversation and the requests hold.
"""

from __future__ import annotations

import io
import json
import time
import wave

import numpy as np
import soundfile as sf

from desktop_app.core.conversation import AudioClip
from desktop_app.core.errors import ErrorKind
from tests.fakes.openai_server import SpokenReply, Stream, audio_not_found

SPOKEN = {"voice": {"spoken_replies": True, "voice": "coral"}}
SPOKEN_MP3 = {"voice": {"spoken_replies": True, "voice": "coral", "stream_audio": False}}


def _tone(seconds: float, rate: int = 24_000, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.4 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def _pcm16(samples: np.ndarray) -> bytes:
    return (samples * 32767).astype("<i2").tobytes()


def _mp3(samples: np.ndarray, rate: int = 24_000) -> bytes:
    out = io.BytesIO()
    sf.write(out, samples, rate, format="MP3")
    return out.getvalue()


def _wav_frames(data: bytes) -> tuple[bytes, int]:
    with wave.open(io.BytesIO(data)) as wav:
        return wav.readframes(wav.getnframes()), wav.getframerate()


def _restarted(driver, start_app):
    """Close the app and start it again on the same history, back on the conversation with one reply."""
    conversation_id = driver.chat.current.id
    driver.window.close()
    driver.app.shutdown()
    again = start_app()
    again.qtbot.waitUntil(lambda: again.chat.current.id == conversation_id and len(again.replies()) == 1)
    return again


def test_streamed_spoken_reply_keeps_the_transcript_as_text_and_every_audio_byte(start_app):
    pcm = _pcm16(_tone(1.5))
    driver = start_app(settings=SPOKEN)
    driver.server.script(SpokenReply(transcript="Hello, I am speaking.", pcm16=pcm, finish_reason=False))

    driver.send("Say hello")
    reply = driver.wait_reply_done()

    body = driver.server.last_chat_body()
    assert body["modalities"] == ["text", "audio"]
    assert body["audio"] == {"voice": "coral", "format": "pcm16"}
    assert body["stream"] is True
    assert reply.error is None, reply.error  # no finish_reason in an audio stream is not a fault
    assert "Hello, I am speaking." in driver.shown_text(reply)
    frames, rate = _wav_frames(reply.audio.data)
    assert (frames, rate) == (pcm, 24_000)
    assert reply.audio.audio_id == "audio_fake1"
    assert abs(reply.audio.duration_s - 1.5) < 0.01


def test_non_streamed_spoken_reply_asks_for_mp3_and_keeps_it(start_app):
    mp3 = _mp3(_tone(1.0))
    driver = start_app(settings=SPOKEN_MP3)
    driver.server.script(SpokenReply(transcript="Here is the MP3.", mp3=mp3))

    driver.send("Answer as in the tutorial")
    reply = driver.wait_reply_done()

    body = driver.server.last_chat_body()
    assert body["audio"] == {"voice": "coral", "format": "mp3"}
    assert body.get("stream") is False
    assert "stream_options" not in body
    assert "Here is the MP3." in driver.shown_text(reply)
    assert reply.audio.format == "mp3" and reply.audio.data == mp3


def test_the_next_turn_refers_to_the_spoken_reply_by_its_audio_id(start_app):
    driver = start_app(settings=SPOKEN)
    driver.server.script(
        SpokenReply(transcript="First answer.", pcm16=_pcm16(_tone(0.3))),
        SpokenReply(transcript="Second answer.", pcm16=_pcm16(_tone(0.3)), audio_id="audio_fake2"),
    )
    driver.send("One")
    driver.wait_reply_done()
    driver.send("Two")
    driver.wait_reply_done()

    messages = driver.server.last_chat_body()["messages"]
    assistant = [m for m in messages if m["role"] == "assistant"]
    assert assistant == [{"role": "assistant", "audio": {"id": "audio_fake1"}}]


def test_after_spoken_replies_are_turned_off_earlier_ones_go_as_their_transcripts(start_app):
    driver = start_app(settings=SPOKEN)
    driver.server.script(SpokenReply(transcript="Spoken answer.", pcm16=_pcm16(_tone(0.3))), Stream(text="Text."))
    driver.send("One")
    driver.wait_reply_done()
    driver.window.voice_panel.spoken_check.setChecked(False)
    driver.send("Two")
    driver.wait_reply_done()

    body = driver.server.last_chat_body()
    assert "modalities" not in body and "audio" not in body
    assistant = [m for m in body["messages"] if m["role"] == "assistant"]
    assert assistant == [{"role": "assistant", "content": "Spoken answer."}]


def test_closing_the_app_during_a_spoken_reply_keeps_the_sound_that_arrived(start_app):
    pcm = _pcm16(_tone(3.0))
    driver = start_app(settings=SPOKEN)
    driver.server.script(SpokenReply(transcript="A long spoken answer.", pcm16=pcm, chunk_bytes=4800, delay=0.1))
    driver.send("Talk for a while")
    driver.qtbot.waitUntil(lambda: len(driver.server.chat_requests()) == 1)
    driver.qtbot.wait(800)

    again = _restarted(driver, start_app)
    reply = again.last_reply()
    frames, _rate = _wav_frames(reply.audio.data)
    assert 0 < len(frames) < len(pcm) and pcm.startswith(frames)


def test_an_expired_audio_id_is_replaced_by_the_transcript(start_app):
    driver = start_app(settings=SPOKEN)
    long_ago = int(time.time()) - 60
    driver.server.script(
        SpokenReply(transcript="Old answer.", pcm16=_pcm16(_tone(0.3)), expires_at=long_ago),
        SpokenReply(transcript="New answer.", pcm16=_pcm16(_tone(0.3))),
    )
    driver.send("One")
    driver.wait_reply_done()
    driver.send("Two")
    driver.wait_reply_done()

    assistant = [m for m in driver.server.last_chat_body()["messages"] if m["role"] == "assistant"]
    assert assistant == [{"role": "assistant", "content": "Old answer."}]


def test_audio_not_found_explains_and_retry_sends_the_transcript(start_app):
    driver = start_app(settings=SPOKEN)
    driver.server.script(
        SpokenReply(transcript="Remember me.", pcm16=_pcm16(_tone(0.3))),
        audio_not_found(2),
        SpokenReply(transcript="Fine.", pcm16=_pcm16(_tone(0.3)), audio_id="audio_fake2"),
    )
    driver.send("One")
    driver.wait_reply_done()
    driver.send("Two")
    failed = driver.wait_reply_done()

    assert failed.error is not None and failed.error.kind is ErrorKind.AUDIO_EXPIRED
    assert "expired" in driver.footer(failed).lower()
    driver.click_link(failed, "retry")
    retried = driver.wait_reply_done()

    assert retried.error is None and "Fine." in driver.shown_text(retried)
    assistant = [m for m in driver.server.last_chat_body()["messages"] if m["role"] == "assistant"]
    assert assistant == [{"role": "assistant", "content": "Remember me."}]


def test_a_reply_without_audio_shows_the_text_and_says_so(start_app):
    driver = start_app(settings=SPOKEN)
    driver.server.script(Stream(text="Only text here."))

    driver.send("Speak please")
    reply = driver.wait_reply_done()

    assert "Only text here." in driver.shown_text(reply)
    assert reply.audio is None and reply.error is None
    driver.qtbot.waitUntil(lambda: driver.window.notice_bar.isVisible())
    assert "text only" in driver.window.notice_bar.label.text().lower()


def test_a_recording_sent_as_audio_goes_as_input_audio_and_the_draft_stays(start_app):
    driver = start_app()
    recording = io.BytesIO()
    sf.write(recording, _tone(0.8, rate=16_000), 16_000, format="WAV", subtype="PCM_16")
    clip = AudioClip(data=recording.getvalue(), format="wav", duration_s=0.8)
    driver.type("half-written draft")

    assert driver.chat.send("", audio=clip)
    driver.wait_reply_done()

    user = driver.server.last_chat_body()["messages"][-1]
    part = next(p for p in user["content"] if p["type"] == "input_audio")
    assert part["input_audio"]["format"] == "wav"
    import base64

    assert base64.b64decode(part["input_audio"]["data"]) == clip.data
    assert driver.edit.toPlainText() == "half-written draft"


def test_spoken_replies_and_recordings_survive_a_restart_and_are_exported(start_app, tmp_path):
    pcm = _pcm16(_tone(0.5))
    driver = start_app(settings=SPOKEN)
    driver.server.script(SpokenReply(transcript="Keep this voice.", pcm16=pcm))
    driver.send("Talk")
    driver.wait_reply_done()

    again = _restarted(driver, start_app)
    reply = again.last_reply()
    assert _wav_frames(reply.audio.data)[0] == pcm
    assert "Keep this voice." in again.shown_text(reply)

    from desktop_app.ui.export_dialog import ExportChoice

    target = tmp_path / "export.json"
    again.window.export_to(ExportChoice(scope="current", fmt="json", path=target))
    again.qtbot.waitUntil(target.exists, timeout=10000)
    exported = json.loads(target.read_text(encoding="utf-8"))
    records = [m for c in exported["conversations"] for m in c["messages"] if m.get("audio")]
    assert len(records) == 1 and records[0]["audio"]["audio_id"] == "audio_fake1"


def test_esc_stops_the_sound_when_nothing_else_is_running(start_app, virtual_audio):
    driver = start_app(settings=SPOKEN_MP3)
    driver.server.script(SpokenReply(transcript="A long tone.", mp3=_mp3(_tone(6.0))))
    driver.send("Play a long tone")
    driver.wait_reply_done()
    playback = driver.app.playback
    driver.qtbot.waitUntil(lambda: playback.state == "playing", timeout=10000)

    driver.window.stop_action.trigger()

    driver.qtbot.waitUntil(lambda: playback.state == "stopped", timeout=5000)
    assert playback.position_s < 5.0


def test_the_speakers_are_released_once_a_reply_has_been_played(start_app, virtual_audio):
    from desktop_app.services import audio_devices

    driver = start_app(settings=SPOKEN_MP3)
    driver.server.script(SpokenReply(transcript="Short.", mp3=_mp3(_tone(0.6))))
    driver.send("Say it")
    driver.wait_reply_done()
    playback = driver.app.playback
    driver.qtbot.waitUntil(lambda: playback.state == "playing", timeout=10000)
    driver.qtbot.waitUntil(lambda: playback.state == "stopped", timeout=10000)

    # No stream left open: other programs can use the device, and the device lists can be refreshed.
    driver.qtbot.waitUntil(lambda: audio_devices._open_streams == 0, timeout=5000)
    playback.play()  # the clip is still loaded: it plays again
    driver.qtbot.waitUntil(lambda: playback.state == "playing", timeout=5000)


def test_a_model_without_audio_gets_a_clear_message_not_a_raw_400(start_app):
    from tests.fakes.openai_server import audio_unsupported

    driver = start_app(settings={**SPOKEN, "model": "gpt-4o-mini"})
    driver.server.script(audio_unsupported("gpt-4o-mini"))
    driver.type("a draft to keep")
    driver.chat.send("Speak to me")
    reply = driver.wait_reply_done()

    footer = driver.footer(reply)
    assert reply.error is not None and reply.error.kind is ErrorKind.NO_AUDIO_SUPPORT
    assert "does not take or produce audio" in footer and "gpt-audio-mini" in footer
    assert "Error code" not in footer
    assert driver.edit.toPlainText() == "a draft to keep"
