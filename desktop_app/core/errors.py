"""Failures as data: a kind, what happened and what to do next as translatable templates, and their parameters."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from desktop_app.core.i18n import LazyText, fill, trans_late

CONTEXT = "AppError"  # the translation context of every error template


class ErrorKind(str, Enum):
    """The kinds of failure the app tells apart, each with its own message and actions."""

    INVALID_KEY = "invalid_key"
    FORBIDDEN = "forbidden"
    MODEL_NOT_FOUND = "model_not_found"
    RATE_LIMITED = "rate_limited"
    QUOTA_EXCEEDED = "quota_exceeded"
    SERVER_ERROR = "server_error"
    TIMEOUT = "timeout"
    CONNECTION_REFUSED = "connection_refused"
    CONNECTION_DROPPED = "connection_dropped"
    MALFORMED_STREAM = "malformed_stream"
    STREAM_ERROR = "stream_error"
    UNSUPPORTED_PARAMETER = "unsupported_parameter"
    BAD_REQUEST = "bad_request"
    NOT_OPENAI_API = "not_openai_api"
    AUDIO_EXPIRED = "audio_expired"  # a spoken reply's audio id is no longer known to the server
    NO_AUDIO_SUPPORT = "no_audio_support"  # the model or server takes or produces no audio
    CONTEXT_TOO_LONG = "context_too_long"  # the prompt is over the model's context window (`limit`)
    ROLE_REJECTED = "role_rejected"  # the server does not take the developer role
    ROLES_NOT_ALTERNATING = "roles_not_alternating"  # the chat template needs user/assistant turns in turn
    EMPTY_ANSWER = "empty_answer"  # a 200 whose answer holds no choice at all
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class AppError:
    """A failure explained for a person, as data the UI words in its own language.

    `message` says what happened, `hint` what to do next: English templates marked with
    trans_late("AppError", ...) and filled from `args` ({base_url}, {status}, {param}...; "server" holds
    what the server said, "wait" is made from `retry_after_s`). The UI translates the template, so a
    failure stored in the history reads in the language the app runs in today. `retry_after_s` is the
    server's requested wait for rate limits; `param` names the request parameter the server rejected,
    so the UI can offer to resend without it; `retryable` says whether a plain retry can help.
    """

    kind: ErrorKind
    message: str
    hint: str = ""
    retryable: bool = True
    retry_after_s: float | None = None
    param: str | None = None
    status: int | None = None
    request_id: str | None = None
    detail: str = ""
    args: dict = field(default_factory=dict)
    limit: int | None = None  # the context window the server named (CONTEXT_TOO_LONG)

    @property
    def text(self) -> str:
        """The message and hint in English (logs, tests); the UI shows ui.text.error_text."""
        return " ".join(part for part in explain(self) if part)

    def __str__(self) -> str:  # an AppError filled into a LazyText reads as its English text
        return self.text


def explain(
    error: AppError,
    translate: Callable[[str, str], str] = lambda context, text: text,
    wait_text: Callable[[float], str] | None = None,
) -> tuple[str, str]:
    """(what happened, what to do next): the templates put through `translate(context, template)`
    (English by default) and filled from the error's arguments, the server's own words appended."""
    args = dict(error.args)
    for text in (error.message, error.hint):  # a template filled in core keeps its arguments
        if isinstance(text, LazyText):
            args = {**text.args, **args}
    if error.retry_after_s is not None:
        args.setdefault("wait", (wait_text or format_wait)(error.retry_after_s))

    def words(text: str) -> str:
        template = text.template if isinstance(text, LazyText) else text
        return fill(translate(CONTEXT, template), args) if template else ""

    message = words(error.message)
    server = str(args.get("server") or "")
    if server:
        said = trans_late(CONTEXT, "{0} The server said: {1}")
        message = fill(translate(CONTEXT, said.template), {"0": message, "1": server})
    return message, words(error.hint)


def format_wait(seconds: float) -> str:
    """A short human duration such as '0.6 s', '12 s', '3 min 5 s' or '1 h 2 min'."""
    if seconds < 9.95:
        return f"{max(seconds, 0.0):.1f} s"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def parse_duration(value: str | None) -> float | None:
    """Parse the API's rate-limit durations ('644ms', '1s', '6m0s', '20') into seconds.

    Anything malformed, negative or not finite gives None: a wait we cannot trust is not shown.
    """
    text = (value or "").strip()
    if not text:
        return None
    match = _PLAIN_SECONDS.fullmatch(text)
    if match:
        return float(text)
    parts = _DURATION_PART.findall(text)
    if not parts or "".join(number + unit for number, unit in parts) != text:
        return None
    return sum(float(number) * _UNITS[unit] for number, unit in parts)


_PLAIN_SECONDS = re.compile(r"\d+(\.\d+)?")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")
_UNITS = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
