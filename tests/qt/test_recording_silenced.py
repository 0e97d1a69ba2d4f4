"""A recording whose microphone goes silent, or is unplugged while the sound server moves it elsewhere, is reported."""

from __future__ import annotations

from desktop_app.controllers.voice_controller import VoiceState
from tests.qt.test_voice_recording import TIMEOUT_MS, mic, speech  # noqa: F401 (the mic fixture)


def record_speech(mic) -> None:  # noqa: F811
    """Start a recording to be sent as audio, and say something into it."""
    mic.choose_use("send_audio")
    spoken, rate = speech(mic.audio)
    mic.press()
    mic.say(spoken, rate)


def test_a_recording_moved_to_a_silent_source_is_reported_with_send_and_discard(mic):  # noqa: F811
    record_speech(mic)
    try:
        mic.audio.unplug_mic_leaving_streams()  # no error reaches the app: the stream goes on elsewhere
        mic.driver.qtbot.waitUntil(lambda: mic.voice.state is VoiceState.KEPT, timeout=TIMEOUT_MS)
    finally:
        mic.audio.reload_mic()
    # The sound server's list of streams shows the move (a second or so); silence alone takes 3 s.
    assert "switched the recording to another input" in mic.status() and "Send or Discard" in mic.status()
    assert mic.panel.send_button.isVisible() and mic.panel.discard_button.isVisible()
    mic.panel.discard_button.click()
    assert mic.voice.state is VoiceState.IDLE
    assert mic.driver.server.chat_requests() == []


def test_a_microphone_gone_digitally_silent_is_reported_with_send_and_discard(mic):  # noqa: F811
    record_speech(mic)
    try:
        mic.audio.mute_mic()  # no move, no error: only exact zeros from now on
        mic.driver.qtbot.waitUntil(lambda: mic.voice.state is VoiceState.KEPT, timeout=TIMEOUT_MS)
    finally:
        mic.audio.mute_mic(False)
    assert "went completely silent" in mic.status() and "Send or Discard" in mic.status()
    mic.panel.discard_button.click()
    assert mic.voice.state is VoiceState.IDLE
    assert mic.driver.server.chat_requests() == []
