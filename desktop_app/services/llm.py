"""The one module that talks to the openai SDK: streams replies (text and spoken), transcribes
recordings, reads text aloud, lists models, explains errors.

It maps SDK objects to core events and SDK exceptions to core `AppError`s, so nothing above this
layer knows the SDK exists. Importing it costs ~0.6 s (openai + pydantic): callers import it off
the GUI thread.
"""

from __future__ import annotations

import base64
import io
import json
import math
import re
import socket
import threading
from collections.abc import Iterable, Iterator

import httpx2
import openai

from desktop_app.core.cancel import CancelToken
from desktop_app.core.errors import AppError, ErrorKind, format_wait, parse_duration
from desktop_app.core.request import OMITTABLE_PARAMS
from desktop_app.core.events import (
    AudioChunk,
    AudioReceived,
    AudioReference,
    ChoiceFinished,
    ReplyFailed,
    ReplyStarted,
    StreamEvent,
    TextDelta,
    Usage,
    UsageReported,
)

# Interactive calls: no silent SDK retries (the UI offers Retry), a short connect timeout, and a
# read timeout long enough for a reasoning model's silence before its first token.
CONNECT_TIMEOUT_S = 5.0
CHECK_TIMEOUT_S = 15.0
NO_KEY_PLACEHOLDER = "no-key-needed"  # local servers accept any key; the SDK insists on one

_RETRY_IN = re.compile(r"try again in ([\d.]+\s*m?s)", re.IGNORECASE)
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_SDK_PREFIX = re.compile(r"^Error code: \d+(?: - )?")
MAX_SERVER_MESSAGE = 300  # a proxy's whole error page is not a message
# No stream event is near this big (a spoken reply's audio chunk is ~7 KB): a longer one is a broken or
# hostile server, and reading on would only grow memory.
MAX_EVENT_BYTES = 16 * 1024 * 1024
TRANSCRIPTIONS_PATH = "/audio/transcriptions"
SPEECH_PATH = "/audio/speech"


class LlmService:
    """A connection to one OpenAI-compatible server with one key."""

    def __init__(self, base_url: str, api_key: str | None, *, read_timeout_s: float = 180.0) -> None:
        self.base_url = base_url
        self._api_key = api_key or NO_KEY_PLACEHOLDER
        self._read_timeout_s = read_timeout_s

    def _client(self, read_timeout_s: float | None = None, cutter: _ConnectionCutter | None = None) -> openai.OpenAI:
        # On a stream the read timeout bounds each wait for the next bytes, not the whole answer.
        read = read_timeout_s or self._read_timeout_s
        timeout = openai.Timeout(read, connect=min(CONNECT_TIMEOUT_S, read))
        hooks = {"request": [cutter.on_request]} if cutter is not None else None
        http_client = openai.DefaultHttpxClient(timeout=timeout, verify=_shared_ssl_context(), event_hooks=hooks)
        return openai.OpenAI(
            api_key=self._api_key,
            base_url=self.base_url,
            max_retries=0,
            timeout=timeout,
            http_client=http_client,
        )

    def stream_chat(self, request: dict, cancel: CancelToken) -> Iterator[StreamEvent]:
        """Send a chat request and yield core events until it ends, fails or is cancelled.

        Cancelling closes the HTTP connection at once, even while the worker is blocked waiting
        for bytes; the generator then ends quietly. A spoken reply's transcript comes as TextDelta,
        its streamed pcm16 as AudioChunk and its id and expiry as AudioReference. A request with
        `"stream": False` (a spoken reply as one mp3) gets the same events from the whole answer,
        its audio as one AudioReceived.
        """
        cutter = _ConnectionCutter()
        client = self._client(cutter=cutter)
        # Shutting the socket down wakes a worker blocked in a read (before the headers or between
        # chunks); closing the client alone does not (see _ConnectionCutter).
        cancel.on_cancel(cutter.cut)
        cancel.on_cancel(client.close)
        opened = False
        try:
            if request.get("stream") is False:
                raw = client.chat.completions.with_raw_response.create(**request)
                opened = True
                audio_format = (request.get("audio") or {}).get("format") or "mp3"
                yield from _completion_events(raw.http_response, audio_format, self.base_url)
                return
            # The SDK sends the request and raises its status errors; the body is read raw (_chunk_events).
            with client.chat.completions.with_streaming_response.create(**request) as response:
                opened = True
                yield from _chunk_events(response, cancel, self.base_url)
        except Exception as exc:  # noqa: BLE001
            if not cancel.is_cancelled():
                yield ReplyFailed(map_error(exc, base_url=self.base_url, mid_stream=opened))
        finally:
            client.close()

    def list_models(self) -> list[str]:
        """The model ids the server offers; raises `ServiceError` with a plain explanation."""
        client = self._client(min(CHECK_TIMEOUT_S, self._read_timeout_s))
        try:
            # The raw body, checked here: the SDK's own parsing of an HTML page or a foreign JSON
            # shape fails with AttributeError/TypeError, which would read as an "unexpected error".
            raw = client.models.with_raw_response.list()
            body = raw.http_response.content
        except Exception as exc:  # noqa: BLE001
            # from None: the cause's text can hold the request headers, key included.
            raise ServiceError(map_error(exc, base_url=self.base_url, checking=True)) from None
        finally:
            client.close()
        ids = _model_ids(body)
        if ids is None:
            raise ServiceError(not_openai_error(self.base_url))
        return ids

    def transcribe(
        self, audio: bytes, filename: str, model: str, language: str | None = None, cancel: CancelToken | None = None
    ) -> str:
        """The text spoken in a recording (/audio/transcriptions); raises `ServiceError`.

        `filename` must end in the audio's real extension (clip.wav): the server goes by it.
        `language` is ISO-639-1 ("ko"); None or "" lets the model detect it. Cancelling (the app
        is closing) cuts the connection at once; the call then raises.
        """
        cutter = _ConnectionCutter()
        client = self._client(cutter=cutter)
        if cancel is not None:
            cancel.on_cancel(cutter.cut)
        upload = io.BytesIO(audio)
        upload.name = filename  # the SDK sends the multipart filename from .name
        options = {"language": language} if language else {}
        try:
            raw = client.audio.transcriptions.with_raw_response.create(
                file=upload, model=model, response_format="json", **options
            )
            body = raw.http_response.content
        except Exception as exc:  # noqa: BLE001
            raise ServiceError(_audio_route_error(exc, self.base_url, TRANSCRIPTIONS_PATH)) from None
        finally:
            client.close()
        text = _transcript_text(body)
        if text is None:
            raise ServiceError(not_openai_error(self.base_url))
        return text

    def speech_stream(self, text: str, model: str, voice: str, speed: float, cancel: CancelToken) -> Iterator[bytes]:
        """`text` read aloud (/audio/speech): raw pcm blocks (s16le, 24 kHz mono) as the body arrives.

        Raises `ServiceError` when the request fails (before the first block) or the body breaks off;
        ends quietly when cancelled, at once even while waiting for bytes. Every block holds whole
        samples (an even number of bytes).
        """
        cutter = _ConnectionCutter()
        client = self._client(cutter=cutter)
        cancel.on_cancel(cutter.cut)
        cancel.on_cancel(client.close)
        opened = False
        try:
            with client.audio.speech.with_streaming_response.create(
                model=model, voice=voice, input=text, speed=speed, response_format="pcm"
            ) as response:
                opened = True
                content_type = response.headers.get("content-type", "").lower()
                if content_type.startswith(("text/", "application/json")):
                    # A web page or a JSON answer with status 200 is not sound: never play it as noise.
                    raise ServiceError(not_openai_error(self.base_url))
                carry = b""
                for block in response.iter_bytes():
                    if cancel.is_cancelled():
                        return
                    block = carry + block
                    whole = len(block) - len(block) % 2
                    carry = block[whole:]
                    if whole:
                        yield block[:whole]
        except ServiceError:
            raise
        except Exception as exc:  # noqa: BLE001
            if cancel.is_cancelled():
                return
            raise ServiceError(_audio_route_error(exc, self.base_url, SPEECH_PATH, mid_stream=opened)) from None
        finally:
            client.close()


_ssl_context_lock = threading.Lock()
_ssl_context = None


def _shared_ssl_context():
    """One TLS context for every client: building one loads the CA store (~35 ms), which would
    otherwise delay every reply's first token."""
    global _ssl_context
    with _ssl_context_lock:
        if _ssl_context is None:
            _ssl_context = httpx2.create_ssl_context()
        return _ssl_context


class MalformedStream(ValueError):
    """A stream event that is valid JSON but not a chunk."""


class ServiceError(Exception):
    """A failure already explained for the user."""

    def __init__(self, error: AppError) -> None:
        super().__init__(error.message)
        self.error = error


def _chunk_events(response, cancel: CancelToken, base_url: str) -> Iterator[StreamEvent]:
    """Core events from the raw server-sent events of a chat completion stream.

    Why not the SDK's parsed stream: it builds a pydantic ChatCompletionChunk per event, ~350 µs of
    CPU each and ~90% of a stream's cost (bench/), all of it holding the GIL the GUI thread needs.
    The chunks are plain JSON (docs: section 3.3), read here with json.loads.
    """
    started = finished = False
    spoken = _SpokenChoices()
    events = sse_data(bounded_lines(response.iter_bytes()))
    while True:
        try:
            data = next(events, None)
        except EventTooLong:
            yield ReplyFailed(
                AppError(
                    ErrorKind.MALFORMED_STREAM,
                    f"The server sent a piece of the answer over {MAX_EVENT_BYTES // (1024 * 1024)} MB without "
                    "a line break; the answer was stopped there.",
                    "Check the server: a well-behaved one sends small pieces.",
                    retryable=False,
                )
            )
            return
        if data is None:
            break
        if cancel.is_cancelled():
            return
        if data == "[DONE]":
            finished = True
            break
        chunk = json.loads(data)  # a ValueError here is a malformed stream (map_error)
        if not isinstance(chunk, dict):
            raise MalformedStream(f"a stream event is not a JSON object: {data[:80]!r}")
        if "error" in chunk:
            yield ReplyFailed(stream_error(chunk["error"]))
            return
        if not started:
            started = True
            yield ReplyStarted(chunk.get("model"), chunk.get("system_fingerprint"), chunk.get("id"))
        for choice in chunk.get("choices") or ():
            index = choice.get("index") or 0
            delta = choice.get("delta") or {}
            content = delta.get("content")
            if content:
                yield TextDelta(index, content)
            if delta.get("audio"):
                yield from spoken.events(index, delta["audio"])
            if choice.get("finish_reason"):
                finished = True
                spoken.finished.add(index)
                yield ChoiceFinished(index, choice["finish_reason"])
        if chunk.get("usage"):
            yield UsageReported(usage_from_dict(chunk["usage"]))
    if cancel.is_cancelled():
        return
    if started and (finished or spoken.all_ended()):
        # Audio streams may end with an expires_at-only delta and no finish_reason (docs 4.2): the
        # [DONE] or that last delta says the choice is complete.
        for index in spoken.unfinished():
            yield ChoiceFinished(index, "stop")
        return
    if not started:
        # A 200 without a single chunk: an HTML page or some other API, not an SSE answer.
        yield ReplyFailed(empty_stream_error(base_url, response.headers.get("content-type", "")))
    else:
        # Neither [DONE] nor a finish_reason: the body was cut short, the answer may be incomplete.
        yield ReplyFailed(
            AppError(
                ErrorKind.CONNECTION_DROPPED,
                "The answer ended before the server said it was complete.",
                "Retry to ask again.",
            )
        )


class _SpokenChoices:
    """The audio deltas of a stream, per choice: events out, and which choices' audio has ended."""

    def __init__(self) -> None:
        self.ids: dict[int, str] = {}
        self.ended: set[int] = set()  # their expires_at arrived: the audio's last delta
        self.finished: set[int] = set()  # a finish_reason arrived

    def events(self, index: int, audio: object) -> Iterator[StreamEvent]:
        """Core events of one `delta.audio` ({id?, data?, transcript?, expires_at?})."""
        if not isinstance(audio, dict):
            raise MalformedStream("a stream's audio delta is not an object")
        self.ids.setdefault(index, "")
        expires_at = _unix_time(audio.get("expires_at"))
        if audio.get("id") or expires_at is not None:
            self.ids[index] = str(audio.get("id") or self.ids[index])
            if expires_at is not None:
                self.ended.add(index)
            yield AudioReference(index, self.ids[index], expires_at)
        if audio.get("transcript"):
            yield TextDelta(index, str(audio["transcript"]))
        if audio.get("data"):
            yield AudioChunk(index, _decode_base64(audio["data"]))

    def all_ended(self) -> bool:
        """True when there was audio and every choice that spoke has said its last."""
        return bool(self.ids) and all(i in self.ended or i in self.finished for i in self.ids)

    def unfinished(self) -> list[int]:
        """The spoken choices that got no finish_reason."""
        return sorted(i for i in self.ids if i not in self.finished)


def _completion_events(http_response, audio_format: str, base_url: str) -> Iterator[StreamEvent]:
    """The events of a whole (non-streamed) chat completion, in the order a stream gives them."""
    try:
        completion = json.loads(http_response.content)
    except ValueError:
        completion = None
    if not isinstance(completion, dict) or not isinstance(completion.get("choices"), list):
        yield ReplyFailed(not_openai_error(base_url))
        return
    yield ReplyStarted(completion.get("model"), completion.get("system_fingerprint"), completion.get("id"))
    for choice in completion["choices"]:
        if not isinstance(choice, dict):
            raise MalformedStream("a choice of the answer is not an object")
        index = choice.get("index") or 0
        message = choice.get("message") if isinstance(choice.get("message"), dict) else {}
        audio = message.get("audio") if isinstance(message.get("audio"), dict) else {}
        content = message.get("content")
        # With audio output content is null and the text is the audio's transcript (docs 4.1).
        text = content if isinstance(content, str) and content else audio.get("transcript")
        if isinstance(text, str) and text:
            yield TextDelta(index, text)
        audio_id = str(audio.get("id") or "")
        expires_at = _unix_time(audio.get("expires_at"))
        if audio.get("data"):
            yield AudioReceived(index, _decode_base64(audio["data"]), audio_format, audio_id, expires_at)
        elif audio_id:
            yield AudioReference(index, audio_id, expires_at)
        yield ChoiceFinished(index, choice.get("finish_reason") or "stop")
    if isinstance(completion.get("usage"), dict):
        yield UsageReported(usage_from_dict(completion["usage"]))


def _decode_base64(data: object) -> bytes:
    """Audio bytes from the base64 the API sends; MalformedStream when it is not base64."""
    if not isinstance(data, str):
        raise MalformedStream("audio data is not text")
    try:
        return base64.b64decode(data)
    except ValueError:  # binascii.Error
        raise MalformedStream("audio data is not base64") from None


def _unix_time(value: object) -> float | None:
    """An expires_at as float seconds; None when missing or not a sensible number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        return None
    return float(value)


def _transcript_text(body: bytes) -> str | None:
    """The text of a transcription answer ({"text": ...}); None when it is not one."""
    try:
        answer = json.loads(body)
    except ValueError:
        return None
    text = answer.get("text") if isinstance(answer, dict) else None
    return text if isinstance(text, str) else None


class EventTooLong(ValueError):
    """A stream event grew past MAX_EVENT_BYTES."""


def bounded_lines(blocks: Iterable[bytes], limit: int = MAX_EVENT_BYTES) -> Iterator[str]:
    """The lines of a byte stream (ended by LF or CRLF), as text; EventTooLong once an event
    (the bytes since the last blank line) outgrows `limit`, before it is all in memory."""
    pending = bytearray()
    event_size = 0
    for block in blocks:
        scan = len(pending)  # the bytes before hold no line end: search only the new ones
        pending += block
        start = 0
        while (end := pending.find(b"\n", max(start, scan))) >= 0:
            line = pending[start:end]
            if line.endswith(b"\r"):
                line = line[:-1]
            event_size = 0 if not line else event_size + len(line)
            yield line.decode("utf-8", "replace")
            start = end + 1
        del pending[:start]
        if event_size + len(pending) > limit:
            raise EventTooLong(f"a stream event is over {limit} bytes")
    if pending:
        yield pending.decode("utf-8", "replace")


def sse_data(lines: Iterable[str]) -> Iterator[str]:
    """The data of each server-sent event: its `data:` lines joined by newlines, ended by a blank line."""
    data: list[str] = []
    for line in lines:
        if not line:
            if data:
                yield "\n".join(data)
                data = []
            continue
        field, _, value = line.partition(":")
        if field == "data":  # comments (":...") and other fields (event, id, retry) carry no chunk
            data.append(value[1:] if value.startswith(" ") else value)
    if data:
        yield "\n".join(data)


def stream_error(error) -> AppError:
    """An `{"error": {...}}` event inside the stream (no HTTP status: the answer had started)."""
    message = error.get("message") if isinstance(error, dict) else error
    return AppError(
        ErrorKind.STREAM_ERROR,
        _with_server_message(
            "The server reported an error in the middle of the answer",
            str(message)[:MAX_SERVER_MESSAGE] if message else "",
        ),
        "Retry to ask again.",
    )


def usage_from_dict(usage: dict) -> Usage:
    """Core usage from the stream's usage object, where every *_details field may be missing."""
    completion_details = usage.get("completion_tokens_details") or {}
    prompt_details = usage.get("prompt_tokens_details") or {}
    return Usage(
        prompt_tokens=usage.get("prompt_tokens") or 0,
        completion_tokens=usage.get("completion_tokens") or 0,
        total_tokens=usage.get("total_tokens") or 0,
        reasoning_tokens=completion_details.get("reasoning_tokens"),
        cached_tokens=prompt_details.get("cached_tokens"),
        image_tokens=prompt_details.get("image_tokens"),
        audio_prompt_tokens=prompt_details.get("audio_tokens"),
        audio_completion_tokens=completion_details.get("audio_tokens"),
    )


def _model_ids(body: bytes) -> list[str] | None:
    """The ids of a `/models` answer ({"data": [{"id": ...}, ...]}); None when it is not one."""
    try:
        page = json.loads(body)
    except ValueError:
        return None
    data = page.get("data") if isinstance(page, dict) else None
    if not isinstance(data, list) or not all(isinstance(m, dict) and isinstance(m.get("id"), str) for m in data):
        return None
    return [m["id"] for m in data]


def empty_stream_error(base_url: str, content_type: str) -> AppError:
    """The server answered 200 but sent no chunk at all."""
    if "event-stream" not in content_type.lower():
        return not_openai_error(base_url)
    return AppError(
        ErrorKind.MALFORMED_STREAM,
        "The server ended the answer without sending any text.",
        "Retry, or check the base URL and server.",
    )


class _ConnectionCutter:
    """Shuts down the sockets of one client from another thread, which wakes a blocked read.

    Closing an httpx client or stream from another thread closes the socket's file descriptor, but
    on Linux that does not wake a thread blocked in recv() on it: a cancel would wait for the
    server's next bytes or the read timeout (observed: 10 s while a server held back its headers).
    shutdown() does wake it. The sockets come from httpcore's "trace" request extension.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._cut = False

    def on_request(self, request) -> None:
        """httpx request hook: trace this request's connection setup."""
        request.extensions = {**request.extensions, "trace": self._trace}

    def _trace(self, name: str, info: dict) -> None:
        if not name.endswith(("connect_tcp.complete", "start_tls.complete")):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            cut = self._cut
        if cut:
            _shutdown(sock)

    def cut(self) -> None:
        """Shut down every socket opened so far, and any opened later."""
        with self._lock:
            self._cut = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    try:
        # The plain socket method: ssl.SSLSocket.shutdown would also drop its SSL object under the
        # reading thread's feet.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass  # already closed, or detached by the TLS upgrade


def not_openai_error(base_url: str) -> AppError:
    """The base URL answers, but not like an OpenAI-compatible API."""
    return AppError(
        ErrorKind.NOT_OPENAI_API,
        f"{base_url} does not answer like an OpenAI-compatible API.",
        "Check the base URL: it usually ends in /v1 (for Ollama: http://localhost:11434/v1).",
        retryable=False,
    )


def map_error(exc: BaseException, *, base_url: str, mid_stream: bool = False, checking: bool = False) -> AppError:
    """Explain an SDK exception in plain words, with what to do next."""
    request_id = getattr(exc, "request_id", None)
    server_message = _server_message(exc)

    # While the body streams, transport faults come from httpx2 directly, not wrapped by the SDK.
    if isinstance(exc, (openai.APITimeoutError, httpx2.TimeoutException)):
        if mid_stream:
            return AppError(
                ErrorKind.TIMEOUT,
                "The server stopped answering (timed out).",
                "Retry, or check that the server is not overloaded.",
            )
        return AppError(
            ErrorKind.TIMEOUT,
            "The server did not answer in time.",
            "Retry, or check that the server is running and not overloaded.",
        )
    if isinstance(exc, (openai.APIConnectionError, httpx2.TransportError)):
        if mid_stream:
            return AppError(
                ErrorKind.CONNECTION_DROPPED,
                "The connection dropped while the answer was arriving.",
                "Retry to ask again.",
            )
        return AppError(
            ErrorKind.CONNECTION_REFUSED,
            f"Could not reach the server at {base_url}.",
            "Check your network connection, or that the local server is running.",
        )
    if isinstance(exc, openai.APIStatusError):
        return _map_status_error(exc, base_url, server_message, request_id, checking)
    if isinstance(exc, openai.APIResponseValidationError) or isinstance(exc, json.JSONDecodeError):
        return AppError(
            ErrorKind.MALFORMED_STREAM,
            "The server sent a reply that could not be read (malformed data).",
            "Retry, or check the base URL and server.",
            detail=str(exc),
        )
    if isinstance(exc, openai.APIError):
        # An {"error": ...} event inside the stream: no status code.
        return AppError(
            ErrorKind.STREAM_ERROR,
            _with_server_message("The server reported an error in the middle of the answer", server_message),
            "Retry to ask again.",
            request_id=request_id,
        )
    if isinstance(exc, MalformedStream):
        return AppError(
            ErrorKind.MALFORMED_STREAM,
            "The server sent a reply that could not be read (malformed data).",
            "Retry, or check the base URL and server.",
            detail=str(exc),
        )
    return AppError(ErrorKind.UNKNOWN, f"Unexpected error: {type(exc).__name__}: {exc}", "Retry to ask again.")


def _map_status_error(exc, base_url, server_message, request_id, checking) -> AppError:
    status = exc.status_code
    code = getattr(exc, "code", None)
    common = {"status": status, "request_id": request_id, "detail": server_message}
    if status == 401:
        return AppError(
            ErrorKind.INVALID_KEY,
            "The server rejected the API key (401).",
            "Open Settings and enter a valid key.",
            retryable=False,
            **common,
        )
    if status == 403:
        return AppError(
            ErrorKind.FORBIDDEN,
            _with_server_message("Access denied (403)", server_message),
            "Your key or project is not allowed to use this model or service here.",
            retryable=False,
            **common,
        )
    if status == 404:
        if checking or code != "model_not_found" and "model" not in server_message.lower():
            return not_openai_error(base_url)
        return AppError(
            ErrorKind.MODEL_NOT_FOUND,
            _with_server_message("The model does not exist or your key cannot use it (404)", server_message),
            "Pick another model from the model list.",
            retryable=False,
            **common,
        )
    if status == 429:
        if code == "insufficient_quota" or getattr(exc, "type", None) == "insufficient_quota":
            return AppError(
                ErrorKind.QUOTA_EXCEEDED,
                "Your account has run out of quota (429 insufficient_quota).",
                "Check your plan and billing details; retrying will not help until that changes.",
                retryable=False,
                **common,
            )
        wait = _retry_after(exc.response, server_message)
        when = f"Try again in {format_wait(wait)}." if wait is not None else "Wait a moment, then retry."
        return AppError(ErrorKind.RATE_LIMITED, "Rate limit reached (429).", when, retry_after_s=wait, **common)
    if status == 400 and code == "audio_not_found":
        return AppError(
            ErrorKind.AUDIO_EXPIRED,
            "The spoken reply this conversation refers to has expired on the server.",
            "Retry: its transcript is sent instead.",
            **common,
        )
    if status == 400 and _needs_audio(server_message):
        return AppError(
            ErrorKind.BAD_REQUEST,
            _with_server_message("This model only works with audio", server_message),
            "Turn spoken replies on or send a recording, or choose a text model such as gpt-4o-mini.",
            retryable=False,
            **common,
        )
    if status == 400 and _is_about_audio(server_message, getattr(exc, "param", None)):
        return AppError(
            ErrorKind.NO_AUDIO_SUPPORT,
            _with_server_message("This model does not take or produce audio", server_message),
            "Choose an audio model such as gpt-audio-mini, or turn spoken replies off.",
            retryable=False,
            **common,
        )
    if status == 400 and code in ("unsupported_parameter", "unsupported_value"):
        param = (getattr(exc, "param", None) or "").split(".")[0] or None
        if param is None:
            head = "The model does not accept one of the parameters"
        elif code == "unsupported_value":
            head = f"The model does not accept this value of '{param}'"
        else:
            head = f"The model does not accept the parameter '{param}'"
        return AppError(
            ErrorKind.UNSUPPORTED_PARAMETER,
            _with_server_message(head, server_message),
            _unsupported_hint(param),
            param=param,
            **common,
        )
    if status == 400 and _is_about_images(server_message, getattr(exc, "param", None)):
        return AppError(
            ErrorKind.BAD_REQUEST,
            _with_server_message("This model or server does not take images", server_message),
            "Choose a model that can see images (e.g. gpt-4o-mini), or remove the images and resend.",
            retryable=False,
            **common,
        )
    if status >= 500:
        return AppError(
            ErrorKind.SERVER_ERROR,
            _with_server_message(f"The server had an error ({status})", server_message),
            "This is usually temporary: retry in a moment.",
            **common,
        )
    return AppError(
        ErrorKind.BAD_REQUEST,
        _with_server_message(f"The server rejected the request ({status})", server_message),
        "Check the model and parameters, then retry.",
        **common,
    )


def _needs_audio(server_message: str) -> bool:
    """True for the 400 an audio-only model (gpt-audio) gives a request with no audio in or out."""
    text = server_message.lower()
    return "requires" in text and "audio" in text and "modalit" in text


def _is_about_audio(server_message: str, param: str | None) -> bool:
    """True when a 400 rejects audio itself: `modalities`, `audio` or an input_audio part (a model
    or server without audio). A bad recording ("could not be decoded") or a bad value inside
    `audio` (audio.format, audio.voice) is not that."""
    param = (param or "").lower()
    text = server_message.lower()
    if param.startswith("audio.") or "decod" in text:
        return False
    if param.startswith("modalities") or param == "audio" or "input_audio" in param:
        return True
    if "input_audio" in text or "modalit" in text:
        return True
    return "audio" in text and ("not support" in text or "unsupported" in text or "does not accept" in text)


def _audio_route_error(exc: BaseException, base_url: str, path: str, mid_stream: bool = False) -> AppError:
    """A failed transcription or read-aloud request; a server without that route says so plainly."""
    status = getattr(exc, "status_code", None)
    if status in (404, 405) and getattr(exc, "code", None) != "model_not_found":
        if path == TRANSCRIPTIONS_PATH:
            return AppError(
                ErrorKind.NO_AUDIO_SUPPORT,
                f"This server does not turn speech into text (no {path}).",
                "Send recordings as audio to an audio model instead, or use OpenAI's API for transcription.",
                retryable=False,
                status=status,
                request_id=getattr(exc, "request_id", None),
            )
        return AppError(
            ErrorKind.NO_AUDIO_SUPPORT,
            f"This server does not read text aloud (no {path}).",
            "Use OpenAI's API for reading aloud.",
            retryable=False,
            status=status,
            request_id=getattr(exc, "request_id", None),
        )
    return map_error(exc, base_url=base_url, mid_stream=mid_stream)


def _is_about_images(server_message: str, param: str | None) -> bool:
    """True when a 400 rejects the image parts (a model without vision, a server without image input)."""
    text = f"{server_message} {param or ''}".lower()
    return "image_url" in text or "image input" in text or "does not support image" in text or "vision" in text


def _with_server_message(head: str, server_message: str) -> str:
    """'head: what the server said', or 'head.' when it said nothing readable."""
    return f"{head}: {server_message}" if server_message else f"{head}."


def _unsupported_hint(param: str | None) -> str:
    if param in ("max_tokens", "max_completion_tokens"):
        return "Resend with the other name for the length cap."
    if param in OMITTABLE_PARAMS:
        return f"Resend without '{param}'."
    return "This server does not take that part of the request: pick another model or check the server's settings."


def _server_message(exc: BaseException) -> str:
    """What the server said, readable: OpenAI's error.message, a local server's 'detail', a proxy's
    plain text or page title; never the SDK's "Error code: 502" prefix."""
    body = getattr(exc, "body", None)
    message = ""
    if isinstance(body, dict):
        inner = body["error"] if isinstance(body.get("error"), dict) else body
        for key in ("message", "detail", "error"):
            value = inner.get(key)
            if isinstance(value, str) and value.strip():
                message = value
                break
    elif isinstance(body, str) and body.strip():
        title = _HTML_TITLE.search(body)
        if title:
            message = title.group(1)
        elif "<" not in body:  # plain text, not markup
            message = body
    if not message and not isinstance(exc, openai.APIStatusError):
        message = getattr(exc, "message", None) or str(exc)
    message = " ".join(_SDK_PREFIX.sub("", message).split())
    if len(message) > MAX_SERVER_MESSAGE:
        message = message[: MAX_SERVER_MESSAGE - 1].rstrip() + "…"
    return message


def _retry_after(response, message: str) -> float | None:
    """The server's requested wait in seconds, from the headers or the message; None if unknown."""
    headers = getattr(response, "headers", None) or {}
    millis = _seconds(headers.get("retry-after-ms"))
    if millis is not None:
        return millis / 1000.0
    for name in ("retry-after", "x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"):
        seconds = _seconds(headers.get(name))
        if seconds is not None:
            return seconds
    match = _RETRY_IN.search(message)
    return _seconds(match.group(1).replace(" ", "")) if match else None


def _seconds(value: str | None) -> float | None:
    """A duration header as seconds; None for anything malformed, negative or not finite.

    A broken header must not turn a rate limit into an "unexpected error" (parse_duration raises
    for '1.5.2s', and format_wait raises for inf or nan).
    """
    try:
        seconds = parse_duration(value)
    except (ValueError, OverflowError):
        return None
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds
