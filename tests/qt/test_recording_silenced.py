"""A recording whose microphone is unplugged while the sound server moves it elsewhere is reported."""

from __future__ import annotations

from desktop_app.controllers.voice_controller import VoiceState
from tests.qt.test_voice_recording import TIMEOUT_MS, mic, speech  # noqa: F401 (the mic fixture)


def test_a_recording_moved_to_a_silent_source_is_reported_with_send_and_discard(mic):  # noqa: F811
    mic.choose_use("send_audio")
    spoken, rate = speech(mic.audio)
    mic.press()
    mic.say(spoken, rate)
    try:
        mic.audio.unplug_mic_leaving_streams()  # no error reaches the app: only silence
        mic.driver.qtbot.waitUntil(lambda: mic.voice.state is VoiceState.KEPT, timeout=TIMEOUT_MS)
    finally:
        mic.audio.reload_mic()
    assert "silent" in mic.status() and "Send or Discard" in mic.status()
    assert mic.panel.send_button.isVisible() and mic.panel.discard_button.isVisible()
    mic.panel.discard_button.click()
    assert mic.voice.state is VoiceState.IDLE
    assert mic.driver.server.chat_requests() == []
