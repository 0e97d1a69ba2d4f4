"""Voice settings: spoken replies, what a recording becomes, read-aloud and the audio devices."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, fields

VOICES = ("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "marin", "cedar")
"""The voices of spoken chat replies (gpt-audio family)."""
SPEECH_VOICES = VOICES + ("verse",)
"""The voices of /audio/speech (read aloud): the chat voices and `verse`."""
PCM16_RATE = 24_000
"""Sample rate of streamed spoken replies and of read-aloud `pcm`: raw s16le mono."""

AUDIO_MODELS = ("gpt-audio-mini", "gpt-audio")
"""Chat models that take and produce audio (the gpt-4o-audio-preview family was shut down)."""
TRANSCRIBE_MODELS = ("gpt-transcribe", "gpt-4o-transcribe", "gpt-4o-mini-transcribe", "whisper-1")
"""Models of /audio/transcriptions."""
SPEECH_MODELS = ("gpt-4o-mini-tts", "tts-1", "tts-1-hd")
"""Models of /audio/speech."""
RECORDING_USES = ("transcribe", "send_audio")
"""What a recording becomes: text at the composer cursor, or an input_audio part sent as is."""
MIN_SPEECH_SPEED = 0.25
MAX_SPEECH_SPEED = 4.0

_LANGUAGE = re.compile(r"[a-z]{2}")  # ISO-639-1


@dataclass
class VoiceSettings:
    """How the app listens and speaks; stored under "voice" in the settings file."""

    spoken_replies: bool = False
    voice: str = "alloy"
    stream_audio: bool = True  # True: pcm16 streamed and spoken as it arrives; False: one mp3 (tutorial style)
    recording_use: str = "transcribe"  # "transcribe" (text at the composer cursor) or "send_audio" (input_audio part)
    transcribe_model: str = "gpt-transcribe"  # the gpt-4o transcribers and whisper-1 go 2027-02-26
    language: str = ""  # ISO-639-1, "" = detect
    speech_model: str = "gpt-4o-mini-tts"
    speech_voice: str = "alloy"
    speech_speed: float = 1.0  # 0.25..4.0
    input_device: str = ""  # device name, "" = system default
    output_device: str = ""
    volume: float = 1.0  # 0..1
    push_to_talk_key: str = "F8"

    @property
    def reply_format(self) -> str:
        """The audio format spoken replies are asked in: pcm16 is the only one the API streams."""
        return "pcm16" if self.stream_audio else "mp3"

    def to_dict(self) -> dict:
        """A JSON-friendly form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> "VoiceSettings":
        """Read back `to_dict`; a missing, unknown or broken value falls back to its default."""
        if not isinstance(data, dict):
            return cls()
        defaults = cls()
        values = {}
        for f in fields(cls):
            value = data.get(f.name)
            values[f.name] = value if _CHECKS[f.name](value) else getattr(defaults, f.name)
        values["speech_speed"] = float(values["speech_speed"])
        values["volume"] = float(values["volume"])
        values["language"] = values["language"].strip().lower()
        return cls(**values)


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_name(value: object) -> bool:
    """A non-empty model or key name (custom model names of local servers are allowed)."""
    return isinstance(value, str) and bool(value.strip()) and len(value) <= 200


def _is_text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 500


def _number_in(low: float, high: float):
    def check(value: object) -> bool:
        return (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and math.isfinite(value)
            and low <= value <= high
        )

    return check


def _is_language(value: object) -> bool:
    return isinstance(value, str) and (not value.strip() or bool(_LANGUAGE.fullmatch(value.strip().lower())))


_CHECKS = {
    "spoken_replies": _is_bool,
    "voice": lambda v: v in VOICES,
    "stream_audio": _is_bool,
    "recording_use": lambda v: v in RECORDING_USES,
    "transcribe_model": _is_name,
    "language": _is_language,
    "speech_model": _is_name,
    "speech_voice": lambda v: v in SPEECH_VOICES,
    "speech_speed": _number_in(MIN_SPEECH_SPEED, MAX_SPEECH_SPEED),
    "input_device": _is_text,
    "output_device": _is_text,
    "volume": _number_in(0.0, 1.0),
    "push_to_talk_key": _is_name,
}
