"""A loopback, OpenAI-compatible fake server for tests and benchmarks.

Standard library only (no Qt, no ``openai``). It speaks HTTP/1.1 on ``127.0.0.1`` with a port
chosen by the OS and serves every connection in a daemon thread.

Usage::

    from tests.fakes.openai_server import FakeOpenAIServer, Stream, rate_limited

    with FakeOpenAIServer() as srv:
        srv.script(Stream(text="Hi there!", delay=0.01), rate_limited(0.5))
        client = openai.OpenAI(base_url=srv.base_url, api_key="k", max_retries=0)
        ...                                   # 1st chat request streams "Hi there!", 2nd gets a 429
        assert srv.last_chat_body()["max_completion_tokens"] == 512

Routes:

- ``POST /v1/chat/completions``: answers with the next scripted reply (FIFO, one per request), else
  with ``srv.default_reply``. Streaming is decided from ``"stream": true`` in the JSON body, never from
  ``Accept`` (the SDK sends ``Accept: application/json`` for streams too).
- ``GET /v1/models`` and ``GET /v1/models/{id}``: built from ``srv.models``; a model in
  ``srv.shutdowns`` (id -> "YYYY-MM-DD") carries that ``shutdown_date``.
- ``POST /v1/audio/transcriptions`` (multipart): a :class:`Transcription` set with
  ``srv.reply_on("/v1/audio/transcriptions", Transcription("..."))``, else :data:`DEFAULT_TRANSCRIPT`.
  ``srv.transcriptions()`` gives what was uploaded: ``{"fields": {...}, "filename": ..., "file": bytes}``.
- ``POST /v1/audio/speech``: a :class:`Speech` set with ``srv.reply_on("/v1/audio/speech", Speech(pcm))``,
  else half a second of a tone; the body is sent in blocks as it would download. ``srv.speech_bodies()``
  gives the JSON bodies.
- anything else: 404 with OpenAI's "Invalid URL" error body.

Reply kinds: :class:`Stream` (SSE, with fault injection: delays, dropped connection, malformed event,
in-stream error event, missing ``[DONE]``), :class:`Completion` (plain JSON), :class:`SpokenReply` (a
spoken answer: audio chunks shaped like the real API's, or one mp3), :class:`Error` (a real
status with OpenAI's ``{"error": {...}}`` body; see the helper constructors such as
:func:`rate_limited`), :class:`Hang` (say nothing) and :class:`Raw` (any status, body and content type).
A ``Stream`` reply answers a non-stream request as a ``Completion`` with the same text, and vice versa.
Like the real API, a streamed chat request asking for audio in any format but ``pcm16`` gets a 400.

Local-server behaviour (llama.cpp, Ollama, vLLM, LM Studio): ``srv.quirks = LocalQuirks(...)`` turns on
what such servers do differently: chat templates that need alternating roles, no ``developer`` role (a
500 with validation text), ``n`` ignored, a context window (400 ``context_length_exceeded``), failing
streamed requests answered with an empty 200, ``stream: true`` ignored, parameters rejected with
FastAPI's 422 shape, no ``GET /v1/models``, metadata on the model list.

Other knobs: ``srv.api_key`` (require ``Authorization: Bearer <key>``), ``srv.not_openai`` (every route
answers 200 with an HTML page), ``srv.reply_on(path, reply)`` (a fixed reply for one path, e.g.
``srv.reply_on("/v1/models", Raw(404, "404 page not found"))``).

Observations: ``srv.requests`` (every :class:`RecordedRequest`), ``srv.chat_requests()``,
``srv.last_chat_body()``, ``srv.disconnects`` and ``srv.client_disconnected`` (the client went away
mid-stream, e.g. ``stream.close()``).

``stop()`` returns promptly even while a handler is sleeping in a slow stream or a :class:`Hang`: it
sets an internal event those waits watch and shuts down every open connection.
"""

from __future__ import annotations

import base64
import functools
import json
import math
import random
import re
import socket
import sys
import threading
import time
import uuid
from array import array
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any, Iterator, Literal, Union

__all__ = [
    "DEFAULT_MODELS",
    "DEFAULT_TEXT",
    "DEFAULT_TRANSCRIPT",
    "Completion",
    "Error",
    "FakeOpenAIServer",
    "Hang",
    "LocalQuirks",
    "Raw",
    "RecordedRequest",
    "Reply",
    "Speech",
    "SpokenReply",
    "Stream",
    "Transcription",
    "audio_not_found",
    "audio_unsupported",
    "default_speech_pcm",
    "forbidden",
    "insufficient_quota",
    "invalid_key",
    "long_tokens",
    "model_not_found",
    "parse_multipart",
    "rate_limited",
    "server_error",
    "split_tokens",
    "streamed_audio_format",
    "tone_pcm16",
    "unsupported_parameter",
    "unsupported_value",
    "unused_port_base_url",
]

DEFAULT_MODELS = ("gpt-4o-mini", "gpt-4o", "o3-mini", "text-embedding-3-small", "whisper-1", "gpt-5")
DEFAULT_TEXT = "Hello from the fake server."
DEFAULT_TRANSCRIPT = "fake transcript"
PCM16_RATE = 24_000  # streamed spoken replies and speech "pcm": s16le mono
DEFAULT_FINGERPRINT = "fp_fake123"
SERVER_ERROR_EVENT = {
    "error": {
        "message": "The server had an error while processing your request.",
        "type": "server_error",
        "param": None,
        "code": None,
    }
}
NOT_OPENAI_HTML = (
    "<!DOCTYPE html>\n<html><head><title>Welcome</title></head>"
    "<body><h1>It works!</h1><p>This is a plain web server, not an API.</p></body></html>\n"
)
_DISCONNECT_ERRORS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)
_JSON = "application/json"


# --------------------------------------------------------------------------------------------------
# Reply kinds
# --------------------------------------------------------------------------------------------------


@dataclass
class Stream:
    """A chat reply streamed as SSE, in the real API's chunk order (doc section 3.3).

    ``choices`` gives the tokens of each choice; ``text`` is shorthand for one choice split with
    :func:`split_tokens`. With neither, the reply is :data:`DEFAULT_TEXT`, or ``n`` distinct short
    answers when the request asks for ``n > 1``. ``usage="auto"`` computes a usage object, a dict is
    sent as given, ``None`` sends no usage chunk even when ``include_usage`` was asked for.

    Timing and faults, counted in content chunks sent: ``delay`` between content chunks,
    ``first_delay`` before the first chunk (headers already sent), ``drop_after`` closes the socket
    abruptly, ``malformed_after`` sends ``data: {this is not json`` and carries on,
    ``error_event_after`` sends an ``{"error": ...}`` event (``error_event`` or a server_error) and
    ends the stream, ``no_done`` ends without ``data: [DONE]``. ``reasoning`` and ``refusal`` send a
    ``reasoning_content`` and a ``refusal`` delta on every choice before its content.
    """

    choices: list[list[str]] | None = None
    text: str | None = None
    delay: float = 0.0
    first_delay: float = 0.0
    usage: dict | None | Literal["auto"] = "auto"
    system_fingerprint: str | None = DEFAULT_FINGERPRINT
    model: str | None = None
    finish_reason: str = "stop"
    drop_after: int | None = None
    malformed_after: int | None = None
    error_event_after: int | None = None
    error_event: dict | None = None
    no_done: bool = False
    reasoning: str | None = None
    refusal: str | None = None


@dataclass
class Completion:
    """A non-stream ``chat.completion`` reply; ``choices`` are whole texts, one per choice.

    ``delay`` waits that long (after reading the request) before answering.
    """

    text: str | None = None
    choices: list[str] | None = None
    usage: dict | None | Literal["auto"] = "auto"
    system_fingerprint: str | None = DEFAULT_FINGERPRINT
    model: str | None = None
    finish_reason: str = "stop"
    delay: float = 0.0


@dataclass
class Error:
    """An HTTP error with OpenAI's ``{"error": {...}}`` body and an ``x-request-id`` header.

    Without ``message`` / ``type``, a 5xx gets the API's generic ``server_error`` and anything else
    an ``invalid_request_error``. ``x-should-retry: false`` is sent unless ``headers`` sets it; a
    header whose value is ``None`` is left out (``headers={"x-should-retry": None}`` lets the SDK's
    own retry rules decide).
    """

    status: int
    message: str | None = None
    type: str | None = None
    code: str | None = None
    param: str | None = None
    headers: dict[str, str | None] | None = None

    def __post_init__(self) -> None:
        if self.message is None:
            self.message = (
                "The server had an error while processing your request. Sorry about that!"
                if self.status >= 500
                else f"Request failed with status {self.status}."
            )
        if self.type is None:
            self.type = "server_error" if self.status >= 500 else "invalid_request_error"

    def body(self) -> dict:
        """The JSON body, all four keys present."""
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


@dataclass
class LocalQuirks:
    """What a llama.cpp-style local server does differently from OpenAI's API; all off by default.

    ``alternating_roles``: two user turns in a row get Gemma's/Mistral's template error (400).
    ``no_developer_role``: a developer message gets llama-cpp-python's 500 with pydantic validation text.
    ``ignores_n``: one choice whatever ``n`` asks. ``n_ctx``: a prompt estimated over it gets 400
    ``context_length_exceeded`` naming the limit. ``errors_as_empty_stream``: a streamed request that
    fails (a quirk's error or a scripted :class:`Error`) gets 200 with an empty event stream; the same
    request without streaming gets the error. ``ignores_stream``: ``stream: true`` is answered with one
    whole completion. ``rejects_with_422``: these parameters get FastAPI's 422 (``detail[].loc``).
    ``no_models``: ``GET /v1/models`` is a 404. ``model_meta``: a ``meta`` object added to every model
    entry (llama.cpp's ``{"n_ctx": ..., "n_ctx_train": ...}``).
    """

    alternating_roles: bool = False
    no_developer_role: bool = False
    ignores_n: bool = False
    n_ctx: int | None = None
    errors_as_empty_stream: bool = False
    ignores_stream: bool = False
    rejects_with_422: tuple[str, ...] = ()
    no_models: bool = False
    model_meta: dict | None = None


ALTERNATION_ERROR = "Conversation roles must alternate user/assistant/user/assistant/..."
DEVELOPER_ROLE_ERROR = (  # llama-cpp-python 0.3.36, as observed (two of its seven entries)
    "7 validation errors:\n  {'type': 'literal_error', 'loc': ('body', 'messages', 0, "
    "'ChatCompletionRequestSystemMessage', 'role'), 'msg': \"Input should be 'system'\", 'input': 'developer', "
    "'ctx': {'expected': \"'system'\"}}\n  {'type': 'literal_error', 'loc': ('body', 'messages', 0, "
    "'ChatCompletionRequestUserMessage', 'role'), 'msg': \"Input should be 'user'\", 'input': 'developer', "
    "'ctx': {'expected': \"'user'\"}}\n"
)


def context_length_exceeded(n_ctx: int, prompt_tokens: int, completion_tokens: int = 0) -> Error:
    """llama-cpp-python's 400 for a prompt over its context window."""
    return Error(
        400,
        f"This model's maximum context length is {n_ctx} tokens. However, you requested "
        f"{prompt_tokens + completion_tokens} tokens ({prompt_tokens} in the messages, {completion_tokens} in "
        "the completion). Please reduce the length of the messages or completion.",
        "invalid_request_error",
        code="context_length_exceeded",
        param="messages",
    )


def fastapi_422(field: str, reason: str = "Extra inputs are not permitted") -> Raw:
    """FastAPI's validation error for one body field: ``{"detail": [{"loc": ["body", field], ...}]}``."""
    detail = [{"type": "extra_forbidden", "loc": ["body", field], "msg": reason, "input": None}]
    return Raw(422, json.dumps({"detail": detail}), _JSON)


def _quirk_error(quirks: LocalQuirks, body: dict | None) -> Error | Raw | None:
    """The error a local server with these quirks gives this chat request, if any."""
    body = body or {}
    messages = [m for m in body.get("messages") or () if isinstance(m, dict)]
    for name in quirks.rejects_with_422:
        if name in body:
            return fastapi_422(name)
    if quirks.no_developer_role and any(m.get("role") == "developer" for m in messages):
        return Error(500, DEVELOPER_ROLE_ERROR, "internal_server_error")
    roles = [m.get("role") for m in messages if m.get("role") in ("user", "assistant")]
    if quirks.alternating_roles and any(a == b for a, b in zip(roles, roles[1:])):
        return Error(400, ALTERNATION_ERROR, "invalid_request_error")
    if quirks.n_ctx is not None:
        prompt = _estimate_prompt_tokens(body)
        cap = body.get("max_tokens") or body.get("max_completion_tokens") or 0
        if prompt + (cap if isinstance(cap, int) else 0) > quirks.n_ctx:
            return context_length_exceeded(quirks.n_ctx, prompt, cap if isinstance(cap, int) else 0)
    return None


@dataclass
class Hang:
    """Read the request, send nothing at all for ``seconds`` (or until the server stops), then close."""

    seconds: float


@dataclass
class Raw:
    """Any status with any body, e.g. ``Raw(404, "404 page not found")`` or an HTML page."""

    status: int = 200
    body: str | bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] | None = None


@dataclass
class SpokenReply:
    """A spoken chat answer (``modalities: ["text", "audio"]``), shaped like the real API (doc 4.1, 4.2).

    A stream request gets ``delta.audio`` chunks: the ``id`` on the first one together with the
    first ``data`` block, ``role``, ``content: null`` and ``refusal: null``; then transcript
    fragments and base64 ``pcm16`` blocks of ``chunk_bytes`` in separate chunks; then an
    ``expires_at``-only delta; then the finish chunk, unless ``finish_reason=False`` leaves it out
    (a real quirk). ``delay`` goes between chunks, ``first_delay`` before the first; ``drop_after``
    cuts the connection after that many audio data chunks; ``no_done`` ends without ``data: [DONE]``.

    A non-stream request gets ``message.audio = {id, data, expires_at, transcript}`` with
    ``content: null``; ``data`` is ``mp3`` (or ``pcm16`` when no mp3 is given), base64.
    ``expires_at=None`` means an hour from now.
    """

    transcript: str
    pcm16: bytes = b""
    mp3: bytes = b""
    audio_id: str = "audio_fake1"
    expires_at: int | None = None
    chunk_bytes: int = 4800
    delay: float = 0.0
    first_delay: float = 0.0
    finish_reason: bool = True
    drop_after: int | None = None
    no_done: bool = False
    usage: dict | None | Literal["auto"] = "auto"
    model: str | None = None
    system_fingerprint: str | None = DEFAULT_FINGERPRINT

    def expiry(self) -> int:
        """The ``expires_at`` sent: as given, or an hour from now."""
        return self.expires_at if self.expires_at is not None else int(time.time()) + 3600


@dataclass
class Transcription:
    """The answer of ``/v1/audio/transcriptions``: ``text`` after ``delay`` seconds.

    The form's ``response_format`` decides the shape (``json`` by default, ``text``,
    ``verbose_json``); ``stream=true`` sends ``transcript.text.delta`` events then ``transcript.text.done``.
    """

    text: str = DEFAULT_TRANSCRIPT
    delay: float = 0.0


@dataclass
class Speech:
    """The body of ``/v1/audio/speech``: ``pcm`` sent in ``chunk_bytes`` blocks (chunked encoding),
    ``first_delay`` before the first block and ``delay`` between blocks, as a slow download."""

    pcm: bytes
    chunk_bytes: int = 4800
    delay: float = 0.0
    first_delay: float = 0.0


Reply = Union[Stream, Completion, SpokenReply, Error, Hang, Raw, Transcription, Speech]


# --------------------------------------------------------------------------------------------------
# Error helpers (texts as reported for the real API; doc sections 2.4 and 6)
# --------------------------------------------------------------------------------------------------


def _mask_key(key: str) -> str:
    """Mask an API key the way the API echoes it: the first 3 and last 4 characters kept."""
    if len(key) <= 8:
        return key
    return key[:3] + "*" * (len(key) - 7) + key[-4:]


def invalid_key(key: str = "sk-…") -> Error:
    """401 ``invalid_api_key``, echoing ``key`` masked."""
    return Error(
        401,
        f"Incorrect API key provided: {_mask_key(key)}. "
        "You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        "invalid_api_key",
    )


def forbidden() -> Error:
    """403 ``request_forbidden`` / ``unsupported_country_region_territory``."""
    return Error(
        403, "Country, region, or territory not supported", "request_forbidden", "unsupported_country_region_territory"
    )


def model_not_found(model: str) -> Error:
    """404 ``model_not_found``."""
    return Error(
        404,
        f"The model `{model}` does not exist or you do not have access to it.",
        "invalid_request_error",
        "model_not_found",
    )


def _format_wait(seconds: float) -> str:
    """Render a wait like the API does: ``644ms``, ``1.338s``, ``6m0s``."""
    if seconds < 1:
        return f"{round(seconds * 1000)}ms"
    if seconds < 60:
        return f"{seconds:.3f}".rstrip("0").rstrip(".") + "s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest}s"


def rate_limited(retry_after_s: float, model: str = "gpt-4o", headers: dict[str, str | None] | None = None) -> Error:
    """429 ``rate_limit_exceeded`` (type ``tokens``) with ``retry-after`` and ``retry-after-ms``."""
    wait = _format_wait(retry_after_s)
    all_headers: dict[str, str | None] = {
        "retry-after": str(max(1, math.ceil(retry_after_s))),
        "retry-after-ms": str(round(retry_after_s * 1000)),
        "x-ratelimit-limit-tokens": "30000",
        "x-ratelimit-remaining-tokens": "63",
        "x-ratelimit-reset-tokens": wait,
    }
    all_headers.update(headers or {})
    return Error(
        429,
        f"Rate limit reached for {model} in organization org-fake on tokens per min (TPM): "
        f"Limit 30000, Used 29937, Requested 385. Please try again in {wait}. "
        "Visit https://platform.openai.com/account/rate-limits to learn more.",
        "tokens",
        "rate_limit_exceeded",
        headers=all_headers,
    )


def insufficient_quota() -> Error:
    """429 ``insufficient_quota`` (permanent until billing changes)."""
    return Error(
        429,
        "You exceeded your current quota, please check your plan and billing details. For more information "
        "on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        "insufficient_quota",
        "insufficient_quota",
    )


def server_error(status: int = 500) -> Error:
    """5xx ``server_error``; 503 says the engine is overloaded."""
    if status == 503:
        return Error(status, "The engine is currently overloaded, please try again later", "server_error")
    return Error(status)


def unsupported_parameter(param: str) -> Error:
    """400 ``unsupported_parameter`` as reasoning models send it (``max_tokens`` names its successor)."""
    message = f"Unsupported parameter: '{param}' is not supported with this model."
    if param == "max_tokens":
        message += " Use 'max_completion_tokens' instead."
    return Error(400, message, "invalid_request_error", "unsupported_parameter", param)


def unsupported_value(param: str, value: Any) -> Error:
    """400 ``unsupported_value``, e.g. ``unsupported_value("temperature", 0.2)``."""
    return Error(
        400,
        f"Unsupported value: '{param}' does not support {value} with this model. "
        "Only the default (1) value is supported.",
        "invalid_request_error",
        "unsupported_value",
        param,
    )


def audio_not_found(index: int, audio_id: str = "audio_fake1") -> Error:
    """400 ``audio_not_found``: message ``index`` of the request refers to an expired spoken reply
    (the shape of the forum capture in doc 4.3)."""
    return Error(
        400,
        f"Assistant audio {audio_id} not found.",
        "invalid_request_error",
        "audio_not_found",
        f"content.messages[{index}].audio.id",
    )


def audio_unsupported(model: str, what: Literal["output", "input"] = "output") -> Error:
    """400 from a model without audio: asked to speak (``modalities``), or sent an ``input_audio`` part.

    The real texts are not captured in the docs; these follow the API's usual ``invalid_value`` shape.
    """
    if what == "input":
        return Error(
            400,
            f"Invalid value: 'input_audio'. The model '{model}' does not support audio input.",
            "invalid_request_error",
            "invalid_value",
            "messages[1].content[0].type",
        )
    return Error(
        400,
        f"The model '{model}' does not support audio output. Remove 'audio' from 'modalities'.",
        "invalid_request_error",
        "invalid_value",
        "modalities",
    )


def streamed_audio_format(audio_format: str) -> Error:
    """400 for a streamed request asking for audio in any format but pcm16 (doc 4.2, reported)."""
    return Error(
        400,
        f"Unsupported value: 'audio.format' does not support '{audio_format}' when stream=true. "
        "Supported values are: 'pcm16'.",
        "invalid_request_error",
        "unsupported_value",
        "audio.format",
    )


# --------------------------------------------------------------------------------------------------
# Text and sound helpers
# --------------------------------------------------------------------------------------------------


def tone_pcm16(seconds: float, frequency: float = 440.0, rate: int = PCM16_RATE, amplitude: float = 0.3) -> bytes:
    """A sine tone as raw s16le mono samples (stdlib only)."""
    count_ = round(seconds * rate)
    peak = amplitude * 32767
    samples = array("h", (round(peak * math.sin(2 * math.pi * frequency * i / rate)) for i in range(count_)))
    if sys.byteorder != "little":
        samples.byteswap()
    return samples.tobytes()


@functools.cache
def default_speech_pcm() -> bytes:
    """What ``/v1/audio/speech`` says when no :class:`Speech` is set: half a second of a 440 Hz tone."""
    return tone_pcm16(0.5)

_TOKEN_RE = re.compile(r"\s*\S+|\s+")


def split_tokens(text: str) -> list[str]:
    """Split text into word tokens with the leading whitespace attached; ``"".join`` gives it back."""
    return _TOKEN_RE.findall(text)


_VOCABULARY = (
    "the a model server request stream token answer question window message thread button user "
    "assistant reply context memory network latency cache history setting theme keyboard shortcut "
    "quickly carefully often rarely always never simply clearly really usually "
    "is was can will should might shows sends reads writes keeps builds checks renders waits returns "
    "and but or so because while when if then with without from into over under between after before "
    "small large fast slow quiet bright simple careful useful local remote long short new old"
).split()


def long_tokens(n: int, seed: int = 1234) -> list[str]:
    """``n`` deterministic tokens of prose-like text with sentences, newlines and paragraph breaks."""
    rng = random.Random(seed)
    tokens: list[str] = []
    sentence_left = 0
    sentences_in_paragraph = 0
    while len(tokens) < n:
        word = rng.choice(_VOCABULARY)
        if sentence_left == 0:
            sentence_left = rng.randint(6, 18)
            word = word.capitalize()
            if not tokens:
                prefix = ""
            elif sentences_in_paragraph >= rng.randint(3, 6):
                prefix, sentences_in_paragraph = "\n\n", 0
            elif rng.random() < 0.1:
                prefix = "\n"
            else:
                prefix = " "
            sentences_in_paragraph += 1
        else:
            prefix = " "
        sentence_left -= 1
        if sentence_left == 0:
            word += "."
        elif rng.random() < 0.06:
            word += ","
        tokens.append(prefix + word)
    return tokens


def _estimate_prompt_tokens(body: dict | None) -> int:
    """A rough prompt size: 3 per message, a quarter of the text's characters, 3 for the reply primer."""
    messages = (body or {}).get("messages") or []
    total = 3
    for message in messages:
        total += 3
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list):
            content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
        if isinstance(content, str):
            total += math.ceil(len(content) / 4)
    return total


def _spoken_usage(body: dict | None, transcript_tokens: int, audio_bytes: int) -> dict:
    """A usage object of a spoken answer: audio tokens on both sides, as the API splits them."""
    prompt_tokens = _estimate_prompt_tokens(body)
    prompt_audio = sum(len(part["input_audio"].get("data", "")) // 4000 + 1 for part in _input_audio_parts(body))
    audio_tokens = audio_bytes // 4800 + 1
    completion_tokens = transcript_tokens + audio_tokens
    return {
        "prompt_tokens": prompt_tokens + prompt_audio,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + prompt_audio + completion_tokens,
        "prompt_tokens_details": {
            "cached_tokens": 0,
            "audio_tokens": prompt_audio,
            "text_tokens": prompt_tokens,
            "image_tokens": 0,
        },
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": audio_tokens,
            "text_tokens": transcript_tokens,
        },
    }


def _input_audio_parts(body: dict | None) -> list[dict]:
    parts = []
    for message in (body or {}).get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list):
            parts += [
                part
                for part in content
                if isinstance(part, dict)
                and part.get("type") == "input_audio"
                and isinstance(part.get("input_audio"), dict)
            ]
    return parts


def _auto_usage(body: dict | None, completion_tokens: int) -> dict:
    """A usage object shaped like the API's, with empty details."""
    prompt_tokens = _estimate_prompt_tokens(body)
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 0},
    }


def _requested_n(body: dict | None) -> int:
    n = (body or {}).get("n") or 1
    return n if isinstance(n, int) and n > 0 else 1


def _choice_tokens(reply: Stream | Completion, body: dict | None) -> list[list[str]]:
    """The tokens of every choice a reply produces for this request."""
    if isinstance(reply, Stream) and reply.choices is not None:
        return [list(tokens) for tokens in reply.choices]
    if isinstance(reply, Completion) and reply.choices is not None:
        return [split_tokens(text) for text in reply.choices]
    if reply.text is not None:
        return [split_tokens(reply.text)]
    n = _requested_n(body)
    if n == 1:
        return [split_tokens(DEFAULT_TEXT)]
    return [split_tokens(f"Choice {i} answer: hello from the fake server.") for i in range(n)]


def _interleave(choices: list[list[str]]) -> Iterator[tuple[int, str]]:
    """``(index, token)`` pairs, one choice per step, round-robin while any choice has tokens left."""
    longest = max((len(tokens) for tokens in choices), default=0)
    for position in range(longest):
        for index, tokens in enumerate(choices):
            if position < len(tokens):
                yield index, tokens[position]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


def _request_id() -> str:
    return "req_" + uuid.uuid4().hex


def unused_port_base_url() -> str:
    """A base URL on 127.0.0.1 whose port was just bound and released: nothing listens there."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


# --------------------------------------------------------------------------------------------------
# Chat chunk encoding
# --------------------------------------------------------------------------------------------------


class _ChunkEncoder:
    """Builds ``chat.completion.chunk`` JSON texts from a head and tail computed once per stream."""

    def __init__(self, *, chunk_id: str, model: str, system_fingerprint: str | None, include_usage: bool):
        head = {
            "id": chunk_id,
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "service_tier": "default",
            "system_fingerprint": system_fingerprint,
        }
        self._head = _dumps(head)[:-1]  # without the closing brace
        self._tail = ',"usage":null}' if include_usage else "}"

    def _one_choice(self, index: int, delta: str, finish_reason: str) -> str:
        return (
            f'{self._head},"choices":[{{"index":{index},"delta":{delta},'
            f'"logprobs":null,"finish_reason":{finish_reason}}}]{self._tail}'
        )

    def delta(self, index: int, delta: dict, finish_reason: str | None = None) -> str:
        """A chunk with any delta object."""
        return self._one_choice(index, _dumps(delta), json.dumps(finish_reason))

    def role(self, index: int) -> str:
        """The first chunk of a choice."""
        return self._one_choice(index, '{"role":"assistant","content":"","refusal":null}', "null")

    def content(self, index: int, token: str) -> str:
        """A content delta."""
        return self._one_choice(index, '{"content":' + json.dumps(token) + "}", "null")

    def finish(self, index: int, reason: str) -> str:
        """The empty delta carrying a choice's finish_reason."""
        return self._one_choice(index, "{}", json.dumps(reason))

    def usage(self, usage: dict) -> str:
        """The final ``choices: []`` chunk with the totals."""
        return f'{self._head},"choices":[],"usage":{_dumps(usage)}}}'


@dataclass
class _Pause:
    seconds: float


class _Drop:
    """Close the socket abruptly, without the terminating chunk."""


def _sse_events(reply: Stream, body: dict | None, encoder: _ChunkEncoder, include_usage: bool) -> Iterator[Any]:
    """What a stream sends, in order: event data texts, plus :class:`_Pause` and :class:`_Drop` actions."""
    choices = _choice_tokens(reply, body)
    if reply.first_delay > 0:
        yield _Pause(reply.first_delay)
    for index in range(len(choices)):
        yield encoder.role(index)
        if reply.reasoning is not None:
            yield encoder.delta(index, {"reasoning_content": reply.reasoning})
        if reply.refusal is not None:
            yield encoder.delta(index, {"refusal": reply.refusal})

    sent = 0
    for index, token in _interleave(choices):
        events, ends = _fault_at(reply, sent)
        yield from events
        if ends:
            return
        if sent and reply.delay > 0:
            yield _Pause(reply.delay)
        yield encoder.content(index, token)
        sent += 1
    events, ends = _fault_at(reply, sent)
    yield from events
    if ends:
        return

    for index in range(len(choices)):
        yield encoder.finish(index, reply.finish_reason)
    if include_usage and reply.usage is not None:
        yield encoder.usage(_auto_usage(body, sent) if reply.usage == "auto" else reply.usage)
    if not reply.no_done:
        yield "[DONE]"


def _fault_at(reply: Stream, sent: int) -> tuple[list[Any], bool]:
    """The events to inject once ``sent`` content chunks went out, and whether they end the stream."""
    if reply.drop_after == sent:
        return [_Drop()], True
    if reply.error_event_after == sent:
        return [_dumps(reply.error_event if reply.error_event is not None else SERVER_ERROR_EVENT)], True
    if reply.malformed_after == sent:
        return ["{this is not json"], False
    return [], False


def _spoken_events(reply: SpokenReply, body: dict | None, encoder: _ChunkEncoder, include_usage: bool) -> Iterator[Any]:
    """A spoken reply's stream in the real API's shape (doc 4.2), with pauses and the optional drop."""
    tokens = split_tokens(reply.transcript)
    size = max(2, reply.chunk_bytes - reply.chunk_bytes % 2)
    blocks = [reply.pcm16[i : i + size] for i in range(0, len(reply.pcm16), size)]
    if reply.first_delay > 0:
        yield _Pause(reply.first_delay)
    first_audio: dict[str, Any] = {"id": reply.audio_id}
    if blocks:
        first_audio["data"] = _b64(blocks.pop(0))
    yield encoder.delta(0, {"role": "assistant", "content": None, "refusal": None, "audio": first_audio})
    data_sent = 1 if "data" in first_audio else 0
    # Transcript fragments and audio data take turns, each in its own chunk.
    rest: list[dict] = []
    for position in range(max(len(tokens), len(blocks))):
        if position < len(tokens):
            rest.append({"transcript": tokens[position]})
        if position < len(blocks):
            rest.append({"data": _b64(blocks[position])})
    for audio in rest:
        if reply.drop_after is not None and data_sent >= reply.drop_after:
            yield _Drop()
            return
        if reply.delay > 0:
            yield _Pause(reply.delay)
        yield encoder.delta(0, {"audio": audio})
        data_sent += "data" in audio
    if reply.delay > 0:
        yield _Pause(reply.delay)
    yield encoder.delta(0, {"audio": {"expires_at": reply.expiry()}})
    if reply.finish_reason:
        yield encoder.finish(0, "stop")
    if include_usage and reply.usage is not None:
        usage = _spoken_usage(body, len(tokens), len(reply.pcm16)) if reply.usage == "auto" else reply.usage
        yield encoder.usage(usage)
    if not reply.no_done:
        yield "[DONE]"


def _spoken_completion_body(reply: SpokenReply, body: dict | None, chunk_id: str) -> dict:
    """A non-stream ``chat.completion`` whose message is audio: content null, text in the transcript."""
    audio = reply.mp3 or reply.pcm16
    result: dict[str, Any] = {
        "id": chunk_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": reply.model or (body or {}).get("model") or "gpt-audio-mini",
        "choices": [
            {
                "index": 0,
                "message": {
                    "role": "assistant",
                    "content": None,
                    "refusal": None,
                    "annotations": [],
                    "audio": {
                        "id": reply.audio_id,
                        "data": _b64(audio),
                        "expires_at": reply.expiry(),
                        "transcript": reply.transcript,
                    },
                },
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "service_tier": "default",
        "system_fingerprint": reply.system_fingerprint,
    }
    if reply.usage == "auto":
        result["usage"] = _spoken_usage(body, len(split_tokens(reply.transcript)), len(audio))
    elif reply.usage is not None:
        result["usage"] = reply.usage
    return result


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _streamed_audio_format(body: dict | None) -> str | None:
    """The audio format a streamed request asks for, when it is one the API refuses to stream."""
    if not body or body.get("stream") is not True or "audio" not in (body.get("modalities") or []):
        return None
    audio_format = (body.get("audio") or {}).get("format")
    return None if audio_format == "pcm16" else str(audio_format)


# --------------------------------------------------------------------------------------------------
# Multipart (transcriptions)
# --------------------------------------------------------------------------------------------------

_BOUNDARY = re.compile(r'boundary="?([^";]+)"?')
_FORM_PARAM = re.compile(r'\b(name|filename)="([^"]*)"')


def parse_multipart(raw: bytes, content_type: str) -> dict:
    """A multipart/form-data body as ``{"fields": {name: text}, "filename": ..., "file": bytes}``.

    Field values are text; the part with a filename is the upload. Quotes in names come
    HTML5-escaped (``%22``), as httpx sends them.
    """
    match = _BOUNDARY.search(content_type or "")
    result: dict[str, Any] = {"fields": {}, "filename": None, "file": b""}
    if match is None:
        return result
    delimiter = b"--" + match.group(1).encode()
    for section in raw.split(delimiter)[1:]:
        if section.startswith(b"--"):
            break  # the closing delimiter
        section = section.removeprefix(b"\r\n")
        head, _, content = section.partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        params = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            if line.lower().startswith("content-disposition:"):
                params = {k: v.replace("%22", '"') for k, v in _FORM_PARAM.findall(line)}
        if "filename" in params:
            result["filename"], result["file"] = params["filename"], content
        elif "name" in params:
            result["fields"][params["name"]] = content.decode("utf-8", "replace")
    return result


def _sse_frame(data: str) -> bytes:
    """One ``data:`` event as one HTTP chunk."""
    payload = f"data: {data}\n\n".encode()
    return b"%X\r\n%s\r\n" % (len(payload), payload)


_LAST_CHUNK = b"0\r\n\r\n"


def _completion_body(reply: Stream | Completion, body: dict | None, chunk_id: str) -> dict:
    """A ``chat.completion`` object for a non-stream request."""
    choices = _choice_tokens(reply, body)
    result: dict[str, Any] = {
        "id": chunk_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": reply.model or (body or {}).get("model") or "gpt-4o-mini",
        "choices": [
            {
                "index": index,
                "message": {"role": "assistant", "content": "".join(tokens), "refusal": None, "annotations": []},
                "logprobs": None,
                "finish_reason": reply.finish_reason,
            }
            for index, tokens in enumerate(choices)
        ],
        "service_tier": "default",
        "system_fingerprint": reply.system_fingerprint,
    }
    if reply.usage == "auto":
        result["usage"] = _auto_usage(body, sum(len(tokens) for tokens in choices))
    elif reply.usage is not None:
        result["usage"] = reply.usage
    return result


# --------------------------------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------------------------------


@dataclass
class RecordedRequest:
    """One request as received: lower-case header names, the parsed JSON body (or None) and raw bytes."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict | None
    raw: bytes

    @property
    def retry_count(self) -> int | None:
        """The SDK's ``x-stainless-retry-count`` header (0 on the first attempt), if sent."""
        value = self.headers.get("x-stainless-retry-count")
        return int(value) if value is not None and value.isdigit() else None


class FakeOpenAIServer:
    """The fake server. Use as a context manager, or call :meth:`start` and :meth:`stop`."""

    def __init__(
        self,
        *,
        models: list[str] | None = None,
        api_key: str | None = None,
        default_reply: Reply | None = None,
    ) -> None:
        self.models: list[str] = list(models if models is not None else DEFAULT_MODELS)
        self.shutdowns: dict[str, str] = {}
        self.api_key: str | None = api_key
        self.not_openai = False
        self.quirks = LocalQuirks()
        self.default_reply: Reply = default_reply if default_reply is not None else Stream()
        self.requests: list[RecordedRequest] = []
        self.disconnects = 0
        self.client_disconnected = threading.Event()
        self._script: deque[Reply] = deque()
        self._route_replies: dict[str, Reply] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._ids = count(1)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle ------------------------------------------------------------------------------------

    def start(self) -> FakeOpenAIServer:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        if self._httpd is not None:
            raise RuntimeError("FakeOpenAIServer can only be started once")
        self._httpd = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and cut every open connection; returns promptly even mid-stream."""
        if self._httpd is None or self._stopping.is_set():
            return
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            _shutdown_socket(connection)
        if self._thread is not None:
            self._thread.join(timeout=2)

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on."""
        if self._httpd is None:
            raise RuntimeError("FakeOpenAIServer is not started")
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    # scripting ------------------------------------------------------------------------------------

    def script(self, *replies: Reply) -> None:
        """Queue replies for the next chat completion requests, one per request, in order."""
        with self._lock:
            self._script.extend(replies)

    def script_for_all(self, reply: Reply) -> None:
        """Set the reply used whenever the script queue is empty."""
        self.default_reply = reply

    def reply_on(self, path: str, reply: Reply | None) -> None:
        """Answer every request to ``path`` (e.g. ``/v1/models``) with ``reply``; None removes it."""
        with self._lock:
            if reply is None:
                self._route_replies.pop(path, None)
            else:
                self._route_replies[path] = reply

    @property
    def pending(self) -> int:
        """How many scripted replies are still queued."""
        with self._lock:
            return len(self._script)

    # observations ---------------------------------------------------------------------------------

    def chat_requests(self) -> list[RecordedRequest]:
        """The requests made to ``/v1/chat/completions``."""
        with self._lock:
            return [r for r in self.requests if r.path == "/v1/chat/completions"]

    def last_chat_body(self) -> dict | None:
        """The JSON body of the latest chat completion request (None if there was none)."""
        chats = self.chat_requests()
        return chats[-1].body if chats else None

    def transcriptions(self) -> list[dict]:
        """Each upload to ``/v1/audio/transcriptions``: ``{"fields": {...}, "filename": ..., "file": bytes}``."""
        with self._lock:
            uploads = [r for r in self.requests if r.path == "/v1/audio/transcriptions"]
        return [parse_multipart(r.raw, r.headers.get("content-type", "")) for r in uploads]

    def speech_bodies(self) -> list[dict | None]:
        """The JSON bodies of the requests to ``/v1/audio/speech``."""
        with self._lock:
            return [r.body for r in self.requests if r.path == "/v1/audio/speech"]

    # used by the handler --------------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _requeue(self, reply: Reply) -> None:
        with self._lock:
            self._script.appendleft(reply)

    def _next_chat_reply(self) -> Reply:
        with self._lock:
            return self._script.popleft() if self._script else self.default_reply

    def _route_reply(self, path: str) -> Reply | None:
        with self._lock:
            return self._route_replies.get(path)

    def _next_id(self) -> str:
        return f"chatcmpl-fake{next(self._ids):06d}"

    def _note_disconnect(self) -> None:
        if self._stopping.is_set():
            return
        with self._lock:
            self.disconnects += 1
        self.client_disconnected.set()

    def _wait(self, seconds: float) -> bool:
        """Sleep unless the server stops first; True when it is stopping."""
        return self._stopping.wait(seconds)

    def _track(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.add(connection)

    def _untrack(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.discard(connection)


_EMPTY_STREAM = Raw(200, b"", "text/event-stream")  # a marker: headers, then the body ends at once


def _wants_stream(request: RecordedRequest) -> bool:
    return bool(request.body and request.body.get("stream") is True)


def _shutdown_socket(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() must not wait for handlers

    def __init__(self, fake: FakeOpenAIServer) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # a client or stop() cut the connection
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # each SSE event leaves at once
    server: _HTTPServer

    # plumbing -------------------------------------------------------------------------------------

    @property
    def fake(self) -> FakeOpenAIServer:
        return self.server.fake

    def setup(self) -> None:
        super().setup()
        self.fake._track(self.connection)

    def finish(self) -> None:
        self.fake._untrack(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    # routing --------------------------------------------------------------------------------------

    def _dispatch(self) -> None:
        request = self._read_request()
        self.fake._record(request)
        reply = self._reply_for(request)
        if reply is not None:
            self._send_reply(reply, request)

    def _read_request(self) -> RecordedRequest:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length > 0 else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        headers = {name.lower(): value for name, value in self.headers.items()}
        path = self.path.split("?", 1)[0]
        return RecordedRequest(self.command, path, headers, body if isinstance(body, dict) else None, raw)

    def _reply_for(self, request: RecordedRequest) -> Reply | None:
        """Pick the reply; None when the route already answered itself."""
        if self.fake.not_openai:
            return Raw(200, NOT_OPENAI_HTML, "text/html; charset=utf-8")
        auth_error = self._auth_error(request)
        if auth_error is not None:
            return auth_error
        fixed = self.fake._route_reply(request.path)
        if fixed is not None:
            return fixed
        if request.path == "/v1/chat/completions" and request.method == "POST":
            refused_format = _streamed_audio_format(request.body)
            if refused_format is not None:
                return streamed_audio_format(refused_format)
            quirks = self.fake.quirks
            quirk = _quirk_error(quirks, request.body)
            reply = quirk or self.fake._next_chat_reply()
            failure = isinstance(reply, Error) or (isinstance(reply, Raw) and reply.status >= 400)
            if quirks.errors_as_empty_stream and _wants_stream(request) and failure:
                if quirk is None:
                    self.fake._requeue(reply)  # the repeat without streaming gets the error
                return _EMPTY_STREAM
            return reply
        if request.path == "/v1/models" and self.fake.quirks.no_models:
            return Raw(404, json.dumps({"detail": "Not Found"}), _JSON)
        if request.path == "/v1/audio/transcriptions" and request.method == "POST":
            return Transcription()
        if request.path == "/v1/audio/speech" and request.method == "POST":
            return Speech(default_speech_pcm())
        if request.path == "/v1/models" and request.method == "GET":
            data = [self._model_object(m, self.fake.shutdowns) for m in self.fake.models]
            self._send_json(200, {"object": "list", "data": data})
            return None
        if request.path.startswith("/v1/models/") and request.method == "GET":
            model = request.path[len("/v1/models/") :]
            if model not in self.fake.models:
                return model_not_found(model)
            self._send_json(200, self._model_object(model, self.fake.shutdowns))
            return None
        return Error(404, f"Invalid URL ({request.method} {request.path})", "invalid_request_error")

    def _auth_error(self, request: RecordedRequest) -> Error | None:
        expected = self.fake.api_key
        if expected is None:
            return None
        authorization = request.headers.get("authorization", "")
        if authorization == f"Bearer {expected}":
            return None
        if not authorization.startswith("Bearer "):
            return Error(
                401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header "
                "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                "invalid_request_error",
            )
        return invalid_key(authorization[len("Bearer ") :])

    def _model_object(self, model: str, shutdowns: dict[str, str]) -> dict:
        entry = {"id": model, "object": "model", "created": 1_700_000_000, "owned_by": "fake"}
        if model in shutdowns:
            entry["shutdown_date"] = shutdowns[model]
        if self.fake.quirks.model_meta is not None:
            entry["meta"] = dict(self.fake.quirks.model_meta)
        return entry

    # replies --------------------------------------------------------------------------------------

    def _send_reply(self, reply: Reply, request: RecordedRequest) -> None:
        wants_stream = _wants_stream(request)
        body = request.body
        if self.fake.quirks.ignores_n and body and "n" in body:
            body = {key: value for key, value in body.items() if key != "n"}
            request = RecordedRequest(request.method, request.path, request.headers, body, request.raw)
        if self.fake.quirks.ignores_stream and isinstance(reply, (Stream, Completion)):
            wants_stream = False
        if reply is _EMPTY_STREAM:
            self._start_chunked("text/event-stream; charset=utf-8")
            self._write(_LAST_CHUNK)
        elif isinstance(reply, Error):
            self._send_error_reply(reply)
        elif isinstance(reply, Raw):
            body = reply.body.encode() if isinstance(reply.body, str) else reply.body
            self._send_bytes(reply.status, body, reply.content_type, reply.headers or {})
        elif isinstance(reply, Hang):
            self._hang(reply)
        elif isinstance(reply, Transcription):
            self._transcription(reply, request)
        elif isinstance(reply, Speech):
            self._speech(reply)
        elif isinstance(reply, SpokenReply):
            self._spoken(reply, request.body, wants_stream)
        elif wants_stream:
            self._stream(_as_stream(reply), request.body)
        else:
            self._complete(reply, request.body)

    def _send_bytes(self, status: int, body: bytes, content_type: str, headers: dict[str, str | None]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            if value is not None:
                self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            self.close_connection = True

    def _send_json(self, status: int, obj: Any, headers: dict[str, str | None] | None = None) -> None:
        all_headers: dict[str, str | None] = {"x-request-id": _request_id()}
        all_headers.update(headers or {})
        self._send_bytes(status, _dumps(obj).encode(), _JSON, all_headers)

    def _send_error_reply(self, error: Error) -> None:
        headers: dict[str, str | None] = {"x-should-retry": "false"}
        headers.update(error.headers or {})
        self._send_json(error.status, error.body(), headers)

    def _hang(self, hang: Hang) -> None:
        self.fake._wait(hang.seconds)
        self._close_abruptly()

    def _complete(self, reply: Stream | Completion, body: dict | None) -> None:
        wait = reply.delay if isinstance(reply, Completion) else reply.first_delay
        if wait > 0 and self.fake._wait(wait):
            self._close_abruptly()
            return
        self._send_json(200, _completion_body(reply, body, self.fake._next_id()))

    def _stream(self, reply: Stream, body: dict | None) -> None:
        include_usage = bool(((body or {}).get("stream_options") or {}).get("include_usage"))
        encoder = _ChunkEncoder(
            chunk_id=self.fake._next_id(),
            model=reply.model or (body or {}).get("model") or "gpt-4o-mini",
            system_fingerprint=reply.system_fingerprint,
            include_usage=include_usage,
        )
        self._start_chunked("text/event-stream; charset=utf-8")
        self._send_events(_sse_events(reply, body, encoder, include_usage))

    def _start_chunked(self, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("x-request-id", _request_id())
        self.end_headers()

    def _send_events(self, events: Iterator[Any]) -> None:
        """Write SSE data events, honouring pauses and drops, then end the chunked body."""
        for event in events:
            if isinstance(event, _Pause):
                if self.fake._wait(event.seconds):
                    self._close_abruptly()
                    return
            elif isinstance(event, _Drop):
                self._close_abruptly()
                return
            elif not self._write(_sse_frame(event)):
                return
        self._write(_LAST_CHUNK)

    def _spoken(self, reply: SpokenReply, body: dict | None, wants_stream: bool) -> None:
        if not wants_stream:
            if reply.first_delay > 0 and self.fake._wait(reply.first_delay):
                self._close_abruptly()
                return
            self._send_json(200, _spoken_completion_body(reply, body, self.fake._next_id()))
            return
        include_usage = bool(((body or {}).get("stream_options") or {}).get("include_usage"))
        encoder = _ChunkEncoder(
            chunk_id=self.fake._next_id(),
            model=reply.model or (body or {}).get("model") or "gpt-audio-mini",
            system_fingerprint=reply.system_fingerprint,
            include_usage=include_usage,
        )
        self._start_chunked("text/event-stream; charset=utf-8")
        self._send_events(_spoken_events(reply, body, encoder, include_usage))

    def _transcription(self, reply: Transcription, request: RecordedRequest) -> None:
        form = parse_multipart(request.raw, request.headers.get("content-type", ""))["fields"]
        if reply.delay > 0 and self.fake._wait(reply.delay):
            self._close_abruptly()
            return
        response_format = form.get("response_format", "json")
        if form.get("stream") == "true":
            tokens = split_tokens(reply.text)
            events = [_dumps({"type": "transcript.text.delta", "delta": token}) for token in tokens]
            done = {"type": "transcript.text.done", "text": reply.text, "usage": _transcription_usage(reply.text)}
            events.append(_dumps(done))
            self._start_chunked("text/event-stream; charset=utf-8")
            self._send_events(iter(events))
        elif response_format == "text":
            self._send_bytes(200, reply.text.encode(), "text/plain; charset=utf-8", {"x-request-id": _request_id()})
        elif response_format == "verbose_json":
            language = form.get("language") or "english"
            verbose = {"task": "transcribe", "language": language, "duration": 1.0, "text": reply.text, "segments": []}
            self._send_json(200, verbose)
        else:
            self._send_json(200, {"text": reply.text, "usage": _transcription_usage(reply.text)})

    def _speech(self, reply: Speech) -> None:
        size = max(1, reply.chunk_bytes)
        self._start_chunked("application/octet-stream")
        if reply.first_delay > 0 and self.fake._wait(reply.first_delay):
            self._close_abruptly()
            return
        for position in range(0, len(reply.pcm), size):
            if position and reply.delay > 0 and self.fake._wait(reply.delay):
                self._close_abruptly()
                return
            block = reply.pcm[position : position + size]
            if not self._write(b"%X\r\n%s\r\n" % (len(block), block)):
                return
        self._write(_LAST_CHUNK)

    def _write(self, data: bytes) -> bool:
        """Write and flush; False (and the disconnect recorded) when the client has gone away."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except _DISCONNECT_ERRORS:
            self.close_connection = True
            self.fake._note_disconnect()
            return False
        except OSError:  # our own socket was shut by stop()
            self.close_connection = True
            return False

    def _close_abruptly(self) -> None:
        self.close_connection = True
        _shutdown_socket(self.connection)


def _transcription_usage(text: str) -> dict:
    output_tokens = len(split_tokens(text))
    return {
        "type": "tokens",
        "input_tokens": 50,
        "output_tokens": output_tokens,
        "total_tokens": 50 + output_tokens,
        "input_token_details": {"text_tokens": 0, "audio_tokens": 50},
    }


def _as_stream(reply: Stream | Completion) -> Stream:
    """A Completion answering a stream request streams the same texts."""
    if isinstance(reply, Stream):
        return reply
    return Stream(
        choices=[split_tokens(text) for text in reply.choices] if reply.choices is not None else None,
        text=reply.text,
        first_delay=reply.delay,
        usage=reply.usage,
        system_fingerprint=reply.system_fingerprint,
        model=reply.model,
        finish_reason=reply.finish_reason,
    )
