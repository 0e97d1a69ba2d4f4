"""Events a streaming reply produces, from the service layer up to the controller."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.errors import AppError


@dataclass(frozen=True)
class Usage:
    """Token usage of one request, from the stream's final usage chunk; a detail is None when not reported."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    reasoning_tokens: int | None = None
    cached_tokens: int | None = None
    image_tokens: int | None = None  # prompt_tokens_details.image_tokens: what the images really cost
    audio_prompt_tokens: int | None = None  # prompt_tokens_details.audio_tokens: recordings sent
    audio_completion_tokens: int | None = None  # completion_tokens_details.audio_tokens: the spoken reply


@dataclass(frozen=True)
class ReplyStarted:
    """The first chunk arrived: which model answered and on what backend configuration."""

    model: str | None
    system_fingerprint: str | None
    response_id: str | None


@dataclass(frozen=True)
class TextDelta:
    """A piece of text for one choice."""

    choice_index: int
    text: str


@dataclass(frozen=True)
class AudioChunk:
    """A piece of a streamed spoken reply: raw s16le pcm, 24 kHz mono (core.voice.PCM16_RATE)."""

    choice_index: int
    pcm16: bytes


@dataclass(frozen=True)
class AudioReceived:
    """The whole spoken reply of a non-streamed answer, as encoded audio (e.g. mp3)."""

    choice_index: int
    data: bytes
    format: str
    audio_id: str
    expires_at: float | None  # unix seconds; None when the server did not say


@dataclass(frozen=True)
class AudioReference:
    """A streamed spoken reply's id, or its expiry, seen in the stream (later turns refer to it)."""

    choice_index: int
    audio_id: str
    expires_at: float | None  # unix seconds; None until the stream says


@dataclass(frozen=True)
class ChoiceFinished:
    """One choice ended, with the API's finish_reason ('stop', 'length', ...)."""

    choice_index: int
    finish_reason: str


@dataclass(frozen=True)
class UsageReported:
    """The usage chunk at the end of the stream."""

    usage: Usage


@dataclass(frozen=True)
class ReplyFailed:
    """The request or the stream failed; what arrived before stays valid."""

    error: AppError


@dataclass(frozen=True)
class ServerNoticed:
    """Something the stream showed about the server, for its endpoint profile.

    `fact` is "errors_in_stream" (a failing streamed request came back as an empty 200) or
    "ignores_stream" (it answered a streamed request with one whole completion).
    """

    fact: str


StreamEvent = (
    ReplyStarted
    | TextDelta
    | AudioChunk
    | AudioReceived
    | AudioReference
    | ChoiceFinished
    | UsageReported
    | ReplyFailed
    | ServerNoticed
)
