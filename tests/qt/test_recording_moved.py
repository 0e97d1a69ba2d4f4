"""A recording that the sound server moves to another live microphone is reported, and kept."""

from __future__ import annotations

import numpy as np

from desktop_app.controllers.voice_controller import VoiceState
from tests.qt.test_voice_recording import TIMEOUT_MS, mic, speech  # noqa: F401 (the mic fixture)


def test_a_recording_moved_to_another_live_microphone_is_reported_with_send_and_discard(mic):  # noqa: F811
    mic.choose_use("send_audio")
    mic.audio.add_second_mic("virtual_mic_b")
    spoken, rate = speech(mic.audio)
    mic.press()
    mic.say(spoken, rate)
    # The other microphone hears sound all along (never 3 s of silence): only the move can be noticed.
    mic.audio.play_into_mic(np.tile(spoken, -(-30 * rate // len(spoken))), rate, wait=False)
    try:
        assert mic.audio.move_recordings("virtual_mic_b") == 1
        mic.driver.qtbot.waitUntil(lambda: mic.voice.state is VoiceState.KEPT, timeout=TIMEOUT_MS)
    finally:
        mic.audio.stop_playing_into_mic()
    assert "another one chosen in the sound settings" in mic.status()
    assert "Send or Discard" in mic.status()
    assert mic.panel.send_button.isVisible() and mic.panel.discard_button.isVisible()
    mic.panel.send_button.click()
    mic.driver.qtbot.waitUntil(lambda: len(mic.driver.server.chat_requests()) == 1, timeout=TIMEOUT_MS)
