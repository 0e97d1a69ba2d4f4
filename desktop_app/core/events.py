"""Events a streaming reply produces, from the service layer up to the controller."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.errors import AppError


@dataclass(frozen=True)
class Usage:
    """Token usage of one request, from the stream's final usage chunk."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    reasoning_tokens: int | None = None
    cached_tokens: int | None = None


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


StreamEvent = ReplyStarted | TextDelta | ChoiceFinished | UsageReported | ReplyFailed
