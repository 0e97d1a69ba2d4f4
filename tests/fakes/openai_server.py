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
- ``GET /v1/models`` and ``GET /v1/models/{id}``: built from ``srv.models``.
- anything else: 404 with OpenAI's "Invalid URL" error body.

Reply kinds: :class:`Stream` (SSE, with fault injection: delays, dropped connection, malformed event,
in-stream error event, missing ``[DONE]``), :class:`Completion` (plain JSON), :class:`Error` (a real
status with OpenAI's ``{"error": {...}}`` body; see the helper constructors such as
:func:`rate_limited`), :class:`Hang` (say nothing) and :class:`Raw` (any status, body and content type).
A ``Stream`` reply answers a non-stream request as a ``Completion`` with the same text, and vice versa.

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

import json
import math
import random
import re
import socket
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any, Iterator, Literal, Union

__all__ = [
    "DEFAULT_MODELS",
    "DEFAULT_TEXT",
    "Completion",
    "Error",
    "FakeOpenAIServer",
    "Hang",
    "Raw",
    "RecordedRequest",
    "Reply",
    "Stream",
    "forbidden",
    "insufficient_quota",
    "invalid_key",
    "long_tokens",
    "model_not_found",
    "rate_limited",
    "server_error",
    "split_tokens",
    "unsupported_parameter",
    "unsupported_value",
    "unused_port_base_url",
]

DEFAULT_MODELS = ("gpt-4o-mini", "gpt-4o", "o3-mini", "text-embedding-3-small", "whisper-1", "gpt-5")
DEFAULT_TEXT = "Hello from the fake server."
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
    ends the stream, ``no_done`` ends without ``data: [DONE]``.
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


Reply = Union[Stream, Completion, Error, Hang, Raw]


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


# --------------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------------

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
        self.api_key: str | None = api_key
        self.not_openai = False
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

    # used by the handler --------------------------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

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
            return self.fake._next_chat_reply()
        if request.path == "/v1/models" and request.method == "GET":
            self._send_json(200, {"object": "list", "data": [self._model_object(m) for m in self.fake.models]})
            return None
        if request.path.startswith("/v1/models/") and request.method == "GET":
            model = request.path[len("/v1/models/") :]
            if model not in self.fake.models:
                return model_not_found(model)
            self._send_json(200, self._model_object(model))
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

    @staticmethod
    def _model_object(model: str) -> dict:
        return {"id": model, "object": "model", "created": 1_700_000_000, "owned_by": "fake"}

    # replies --------------------------------------------------------------------------------------

    def _send_reply(self, reply: Reply, request: RecordedRequest) -> None:
        wants_stream = bool(request.body and request.body.get("stream") is True)
        if isinstance(reply, Error):
            self._send_error_reply(reply)
        elif isinstance(reply, Raw):
            body = reply.body.encode() if isinstance(reply.body, str) else reply.body
            self._send_bytes(reply.status, body, reply.content_type, reply.headers or {})
        elif isinstance(reply, Hang):
            self._hang(reply)
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
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("x-request-id", _request_id())
        self.end_headers()
        for event in _sse_events(reply, body, encoder, include_usage):
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
