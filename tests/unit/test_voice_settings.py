"""Voice settings survive a restart, and a broken settings file never breaks spoken replies or recording."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.settings import AppSettings
from desktop_app.core.voice import PCM16_RATE, SPEECH_VOICES, VOICES, VoiceSettings


def custom_voice() -> VoiceSettings:
    """Voice settings where every field differs from its default."""
    return VoiceSettings(
        spoken_replies=True,
        voice="marin",
        stream_audio=False,
        recording_use="send_audio",
        transcribe_model="whisper-1",
        language="ko",
        speech_model="tts-1-hd",
        speech_voice="verse",
        speech_speed=1.5,
        input_device="USB 마이크 (Blue Yeti)",
        output_device="Speakers",
        volume=0.4,
        push_to_talk_key="Ctrl+Space",
    )


def test_every_voice_setting_survives_a_restart():
    voice = custom_voice()
    stored = json.loads(json.dumps(AppSettings(voice=voice).to_dict()))

    assert stored["voice"]["voice"] == "marin"  # kept under "voice" in the settings file
    restored = AppSettings.from_dict(stored).voice
    assert restored == voice
    assert restored != VoiceSettings()


def test_settings_from_before_voice_existed_give_the_defaults():
    settings = AppSettings.from_dict({"model": "gpt-4o"})
    assert settings.voice == VoiceSettings()
    assert settings.voice.spoken_replies is False
    assert settings.voice.recording_use == "transcribe"
    assert settings.voice.push_to_talk_key == "F8"


@pytest.mark.parametrize("stored", [None, "loud", 3, ["alloy"]])
def test_a_voice_entry_that_is_not_an_object_gives_the_defaults(stored):
    assert AppSettings.from_dict({"voice": stored}).voice == VoiceSettings()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("spoken_replies", "yes"),
        ("voice", "verse"),  # a read-aloud voice, not a chat voice
        ("voice", "Alloy"),
        ("stream_audio", 1),
        ("recording_use", "upload"),
        ("transcribe_model", ""),
        ("transcribe_model", 42),
        ("language", "korean"),
        ("language", "k"),
        ("speech_model", "   "),
        ("speech_voice", "robot"),
        ("speech_speed", 0.1),
        ("speech_speed", 4.5),
        ("speech_speed", float("nan")),
        ("speech_speed", True),
        ("input_device", None),
        ("output_device", ["Speakers"]),
        ("volume", -0.1),
        ("volume", 1.01),
        ("volume", "max"),
        ("push_to_talk_key", ""),
    ],
)
def test_a_broken_value_falls_back_to_its_default_and_the_rest_is_kept(field, value):
    stored = custom_voice().to_dict()
    stored[field] = value

    restored = VoiceSettings.from_dict(stored)

    assert getattr(restored, field) == getattr(VoiceSettings(), field)
    others = {k: v for k, v in restored.to_dict().items() if k != field}
    assert others == {k: v for k, v in custom_voice().to_dict().items() if k != field}


def test_language_is_stored_lower_case_and_numbers_as_floats():
    restored = VoiceSettings.from_dict({"language": " KO ", "speech_speed": 2, "volume": 0})
    assert restored.language == "ko"
    assert restored.speech_speed == 2.0 and isinstance(restored.speech_speed, float)
    assert restored.volume == 0.0 and isinstance(restored.volume, float)


def test_the_edges_of_the_ranges_are_allowed():
    restored = VoiceSettings.from_dict({"speech_speed": 0.25, "volume": 1})
    assert (restored.speech_speed, restored.volume) == (0.25, 1.0)
    assert VoiceSettings.from_dict({"speech_speed": 4.0}).speech_speed == 4.0


def test_voice_lists_and_rate():
    assert VOICES == (
        "alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "marin", "cedar"
    )
    assert set(VOICES) < set(SPEECH_VOICES) and "verse" in SPEECH_VOICES
    assert PCM16_RATE == 24_000


def test_streamed_spoken_replies_are_asked_as_pcm16_and_whole_ones_as_mp3():
    assert VoiceSettings(stream_audio=True).reply_format == "pcm16"
    assert VoiceSettings(stream_audio=False).reply_format == "mp3"
