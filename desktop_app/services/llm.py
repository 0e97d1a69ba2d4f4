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
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace

# The HTTP stack imports trio when it is installed (~11 MB, 60 ms) only for async clients under
# trio; the app's client is synchronous. A None entry makes its `import trio` fail as if absent.
sys.modules.setdefault("trio", None)

import httpx2  # noqa: E402
import openai  # noqa: E402

from desktop_app.core.cancel import CancelToken
from desktop_app.core.endpoint_profile import is_alternation_error
from desktop_app.core.errors import AppError, ErrorKind, parse_duration
from desktop_app.core.i18n import trans_late
from desktop_app.core.request import OMITTABLE_PARAMS
from desktop_app.core.voice import PCM16_RATE
from desktop_app.core.events import (
    AudioChunk,
    AudioReceived,
    AudioReference,
    ChoiceFinished,
    ReplyFailed,
    ReplyStarted,
    ServerNoticed,
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

    def __init__(
        self, base_url: str, api_key: str | None, *, read_timeout_s: float = 180.0, api_known: bool = False
    ) -> None:
        self.base_url = base_url
        # True once the server answered like an OpenAI-compatible API (its model list loaded): a
        # 404 on chat is then about the model or the route, not a wrong base URL.
        self.api_known = api_known
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
        its audio as one AudioReceived. A streamed request that comes back as an empty 200 (how
        llama.cpp-based servers report a failing streamed request) is repeated without streaming,
        which returns the real error.
        """
        cutter = _ConnectionCutter()
        client = self._client(cutter=cutter)
        # Shutting the socket down wakes a worker blocked in a read (before the headers or between
        # chunks); closing the client alone does not (see _ConnectionCutter).
        cancel.on_cancel(cutter.cut)
        cancel.on_cancel(client.close)
        opened = empty = False
        try:
            if request.get("stream") is False:
                raw = client.chat.completions.with_raw_response.create(**request)
                opened = True
                audio_format = (request.get("audio") or {}).get("format") or "mp3"
                yield from _completion_events(raw.http_response.content, audio_format, self.base_url)
                return
            # The SDK sends the request and raises its status errors; the body is read raw (_chunk_events).
            with client.chat.completions.with_streaming_response.create(**request) as response:
                opened = True
                if _is_json(response.headers.get("content-type", "")):
                    # A server that ignores stream: true and sends the whole completion at once.
                    yield ServerNoticed("ignores_stream")
                    yield from _completion_events(response.read(), "mp3", self.base_url)
                    return
                empty = yield from _chunk_events(response, cancel, self.base_url)
            if empty and not cancel.is_cancelled():
                opened = False
                # A new client: the server may have closed the connection the empty stream came on.
                again = self._client(cutter=cutter)
                cancel.on_cancel(again.close)
                try:
                    yield from self._repeat_unstreamed(again, request, cancel)
                finally:
                    again.close()
        except Exception as exc:  # noqa: BLE001
            if not cancel.is_cancelled():
                yield ReplyFailed(self._explain(exc, request, mid_stream=opened))
        finally:
            client.close()

    def _repeat_unstreamed(self, client: openai.OpenAI, request: dict, cancel: CancelToken) -> Iterator[StreamEvent]:
        """Ask again without streaming after an empty streamed 200: the answer, or the real error."""
        plain = {key: value for key, value in request.items() if key != "stream_options"}
        plain["stream"] = False
        try:
            raw = client.chat.completions.with_raw_response.create(**plain)
        except openai.APIStatusError as exc:
            if not cancel.is_cancelled():
                yield ServerNoticed("errors_in_stream")
                yield ReplyFailed(self._explain(exc, request))
            return
        yield from _completion_events(raw.http_response.content, "mp3", self.base_url)

    def _explain(self, exc: BaseException, request: dict, mid_stream: bool = False) -> AppError:
        """`map_error` for a chat request, which knows whether it sent a developer message."""
        error = map_error(exc, base_url=self.base_url, mid_stream=mid_stream, api_known=self.api_known)
        return _role_rejection(error, request) or error

    def list_models(self) -> list[str]:
        """The model ids the server offers; raises `ServiceError` with a plain explanation."""
        return self.list_models_full()[0]

    def list_models_and_windows(self) -> tuple[list[str], dict[str, int]]:
        """The model ids the server offers, in its order, and the context windows its metadata names."""
        ids, windows, _dated = self.list_models_full()
        return ids, windows

    def list_models_full(self) -> tuple[list[str], dict[str, int], list[dict]]:
        """The model ids the server offers, in its order; the context windows its metadata names
        (llama.cpp's meta.n_ctx, vLLM's max_model_len...); and the entries that announce a
        `shutdown_date`. Raises `ServiceError`."""
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
        models = _model_entries(body)
        if models is None:
            raise ServiceError(not_openai_error(self.base_url))
        ids = [m["id"] for m in models]
        windows = {m["id"]: w for m in models if (w := _model_window(m))}
        dated = [{"id": m["id"], "shutdown_date": m["shutdown_date"]} for m in models if m.get("shutdown_date")]
        return ids, windows, dated

    def answers_chat(self, model: str) -> bool:
        """True when the server answers a one-token chat request like an OpenAI-compatible API
        (a reply, or an error in JSON): for a server without GET /models. Raises `ServiceError`
        when it cannot be reached or rejects the key."""
        client = self._client(min(CHECK_TIMEOUT_S, self._read_timeout_s))
        try:
            raw = client.chat.completions.with_raw_response.create(
                model=model, messages=[{"role": "user", "content": "Hi"}], max_tokens=1
            )
            body = raw.http_response.content
        except openai.APIStatusError as exc:
            if exc.status_code in (401, 403):
                raise ServiceError(map_error(exc, base_url=self.base_url, checking=True)) from None
            # An API's JSON error about this request (not a web page, not "no such route").
            about_model = "model" in str(exc.body).lower()
            return isinstance(exc.body, dict) and (exc.status_code not in (404, 405) or about_model)
        except Exception as exc:  # noqa: BLE001
            raise ServiceError(map_error(exc, base_url=self.base_url, checking=True)) from None
        finally:
            client.close()
        try:
            answer = json.loads(body)
        except ValueError:
            return False
        return isinstance(answer, dict) and isinstance(answer.get("choices"), list)

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
                mp3 = bytearray() if content_type.startswith(("audio/mpeg", "audio/mp3")) else None
                for block in response.iter_bytes():
                    if cancel.is_cancelled():
                        return
                    if mp3 is None and not carry and _looks_like_mp3(block):
                        mp3 = bytearray()  # a server that sends MP3 whatever format was asked for
                    if mp3 is not None:
                        mp3 += block
                        continue
                    block = carry + block
                    whole = len(block) - len(block) % 2
                    carry = block[whole:]
                    if whole:
                        yield block[:whole]
                if mp3 is not None:
                    yield from _mp3_as_pcm(bytes(mp3))
        except ServiceError:
            raise
        except Exception as exc:  # noqa: BLE001
            if cancel.is_cancelled():
                return
            raise ServiceError(_audio_route_error(exc, self.base_url, SPEECH_PATH, mid_stream=opened)) from None
        finally:
            client.close()


def _looks_like_mp3(block: bytes) -> bool:
    """True when a body starts like MP3 (an ID3 tag or an MPEG frame sync) rather than raw pcm."""
    return block[:3] == b"ID3" or (len(block) > 1 and block[0] == 0xFF and block[1] & 0xE6 == 0xE2)


def _mp3_as_pcm(data: bytes) -> Iterator[bytes]:
    """MP3 sent for a `pcm` request, decoded to the s16le 24 kHz mono the player expects."""
    from desktop_app.services.audio_codec import UndecodableAudio, decode, resample, samples_to_pcm16

    try:
        samples, rate = decode(data)
    except UndecodableAudio:
        raise ServiceError(
            AppError(
                ErrorKind.NO_AUDIO_SUPPORT,
                trans_late(
                    "AppError", "The server sent MP3 where raw sound (pcm) was asked for, and it could not be decoded."
                ),
                trans_late("AppError", "Use OpenAI's API for reading aloud, or a server that sends pcm."),
                retryable=False,
            )
        ) from None
    pcm = samples_to_pcm16(resample(samples, rate, PCM16_RATE))
    for start in range(0, len(pcm), PCM_BLOCK):
        yield pcm[start : start + PCM_BLOCK]


PCM_BLOCK = 2 * PCM16_RATE  # one second of s16le mono


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

    Returns True (and yields nothing) when an event stream ended without a single event: the
    caller asks again without streaming to learn why.

    Why not the SDK's parsed stream: it builds a pydantic ChatCompletionChunk per event, ~350 µs of
    CPU each and ~90% of a stream's cost (bench/), all of it holding the GIL the GUI thread needs.
    The chunks are plain JSON (docs: section 3.3), read here with json.loads.
    """
    started = finished = False
    spoken = _SpokenChoices()
    texts: set[int] = set()  # choices that sent text
    tools: set[int] = set()  # choices that asked for a tool call
    seen: set[int] = set()  # every choice that appeared
    events = sse_events(response.iter_bytes())
    while True:
        try:
            data = next(events, None)
        except EventTooLong:
            yield ReplyFailed(
                AppError(
                    ErrorKind.MALFORMED_STREAM,
                    trans_late(
                        "AppError",
                        "The server sent a piece of the answer over {size} MB without a line break; the answer "
                        "was stopped there.",
                    ),
                    trans_late("AppError", "Check the server: a well-behaved one sends small pieces."),
                    retryable=False,
                    args={"size": MAX_EVENT_BYTES // (1024 * 1024)},
                )
            )
            return
        if data is None:
            break
        if cancel.is_cancelled():
            return False
        if data == "[DONE]":
            finished = True
            break
        chunk = json.loads(data)  # a ValueError here is a malformed stream (map_error)
        if not isinstance(chunk, dict):
            raise MalformedStream(f"a stream event is not a JSON object: {data[:80]!r}")
        if "error" in chunk:
            yield ReplyFailed(stream_error(chunk["error"]))
            return False
        if not started:
            started = True
            yield ReplyStarted(chunk.get("model"), chunk.get("system_fingerprint"), chunk.get("id"))
        for choice in chunk.get("choices") or ():
            index = choice.get("index") or 0
            seen.add(index)
            delta = choice.get("delta") or {}
            content = delta.get("content")
            if content:
                texts.add(index)
                yield TextDelta(index, content)
            if delta.get("tool_calls"):
                tools.add(index)
            if delta.get("audio"):
                yield from spoken.events(index, delta["audio"])
            if choice.get("finish_reason"):
                finished = True
                spoken.finished.add(index)
                # Only tool calls and no text: say so, whatever reason the server gave.
                reason = "tool_calls" if index in tools and index not in texts else choice["finish_reason"]
                yield ChoiceFinished(index, reason)
        if chunk.get("usage"):
            yield UsageReported(usage_from_dict(chunk["usage"]))
    if cancel.is_cancelled():
        return False
    if started and (finished or spoken.all_ended()):
        if not seen:
            yield ReplyFailed(empty_answer_error())
            return False
        # Audio streams may end with an expires_at-only delta and no finish_reason (docs 4.2): the
        # [DONE] or that last delta says the choice is complete.
        for index in spoken.unfinished():
            yield ChoiceFinished(index, "stop")
        return False
    if not started:
        content_type = response.headers.get("content-type", "")
        if "event-stream" in content_type.lower():
            return True
        # A 200 without a single chunk: an HTML page or some other API, not an SSE answer.
        yield ReplyFailed(empty_stream_error(base_url, content_type))
    else:
        # Neither [DONE] nor a finish_reason: the body was cut short, the answer may be incomplete.
        yield ReplyFailed(
            AppError(
                ErrorKind.CONNECTION_DROPPED,
                trans_late("AppError", "The answer ended before the server said it was complete."),
                trans_late("AppError", "Retry to ask again."),
            )
        )
    return False


def _is_json(content_type: str) -> bool:
    """True for a JSON body (a whole completion, or an error) where an event stream was asked for."""
    return content_type.split(";")[0].strip().lower() == "application/json"


def empty_answer_error() -> AppError:
    """A 200 whose answer holds no choice at all."""
    return AppError(
        ErrorKind.EMPTY_ANSWER,
        trans_late("AppError", "The server answered, but its answer holds no reply at all (no choices)."),
        trans_late("AppError", "Retry; if it happens again, check the model on the server."),
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


def _completion_events(content: bytes, audio_format: str, base_url: str) -> Iterator[StreamEvent]:
    """The events of a whole (non-streamed) chat completion, in the order a stream gives them."""
    try:
        completion = json.loads(content)
    except ValueError:
        completion = None
    if not isinstance(completion, dict) or not isinstance(completion.get("choices"), list):
        yield ReplyFailed(not_openai_error(base_url))
        return
    yield ReplyStarted(completion.get("model"), completion.get("system_fingerprint"), completion.get("id"))
    if not completion["choices"]:
        yield ReplyFailed(empty_answer_error())
        return
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
        tools_only = message.get("tool_calls") and not (isinstance(text, str) and text)
        yield ChoiceFinished(index, "tool_calls" if tools_only else choice.get("finish_reason") or "stop")
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


def sse_events(blocks: Iterable[bytes], limit: int = MAX_EVENT_BYTES) -> Iterator[str]:
    """The data of each server-sent event in a byte stream: its `data:` lines joined by newlines,
    ended by a blank line (lines end in LF or CRLF). Raises EventTooLong once an event (the bytes
    since the last blank line) outgrows `limit`, before it is all in memory.

    One pass over each block's whole lines (bytes.split) rather than a generator per line: a
    20,000-token reply is 20,000 events, and this loop is the reader's own cost per event.
    """
    pending = bytearray()  # after the last line end; grown in place: a long line is not copied again and again
    data: list[bytes] = []
    event_size = 0
    for block in blocks:
        end = block.rfind(b"\n")
        if end < 0:
            pending += block
        else:
            if pending:
                end += len(pending)
                block = bytes(pending + block)
                pending.clear()
            pending += block[end + 1 :]
            for line in block[:end].split(b"\n"):
                if line.endswith(b"\r"):
                    line = line[:-1]
                if not line:
                    event_size = 0
                    if data:
                        yield _joined(data)
                        data = []
                    continue
                event_size += len(line)
                if line.startswith(b"data"):  # comments (":...") and other fields (event, id, retry) carry no chunk
                    _add_data(data, line)
        if event_size + len(pending) > limit:
            raise EventTooLong(f"a stream event is over {limit} bytes")
    last = bytes(pending[:-1] if pending.endswith(b"\r") else pending)
    if last.startswith(b"data"):
        _add_data(data, last)
    if data:
        yield _joined(data)


def _add_data(data: list[bytes], line: bytes) -> None:
    """Keep the value of a `data` field ("data: v", "data:v" or a bare "data"); other fields starting so are not it."""
    if line.startswith(b"data: "):
        data.append(line[6:])
    elif line.startswith(b"data:"):
        data.append(line[5:])
    elif line == b"data":
        data.append(b"")


def _joined(data: list[bytes]) -> str:
    """An event's data lines as one text."""
    return (data[0] if len(data) == 1 else b"\n".join(data)).decode("utf-8", "replace")


def stream_error(error) -> AppError:
    """An `{"error": {...}}` event inside the stream (no HTTP status: the answer had started)."""
    message = error.get("message") if isinstance(error, dict) else error
    return AppError(
        ErrorKind.STREAM_ERROR,
        trans_late("AppError", "The server reported an error in the middle of the answer."),
        trans_late("AppError", "Retry to ask again."),
        args=_said(str(message)[:MAX_SERVER_MESSAGE] if message else ""),
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


def _model_entries(body: bytes) -> list[dict] | None:
    """The entries of a `/models` answer ({"data": [{"id": ...}, ...]}); None when it is not one."""
    try:
        page = json.loads(body)
    except ValueError:
        return None
    data = page.get("data") if isinstance(page, dict) else None
    if not isinstance(data, list) or not all(isinstance(m, dict) and isinstance(m.get("id"), str) for m in data):
        return None
    return data


def _model_window(entry: dict) -> int | None:
    """The context window a model entry's metadata names: the size the server runs it with
    (llama.cpp meta.n_ctx, vLLM max_model_len, LM Studio loaded_context_length) before the size
    it was trained for (meta.n_ctx_train)."""
    meta = entry.get("meta") if isinstance(entry.get("meta"), dict) else {}
    for value in (
        meta.get("n_ctx"),
        entry.get("n_ctx"),
        entry.get("max_model_len"),
        entry.get("loaded_context_length"),
        entry.get("context_length"),
        entry.get("max_context_length"),
        meta.get("n_ctx_train"),
    ):
        if type(value) is int and 0 < value <= 10_000_000:
            return value
    return None


def empty_stream_error(base_url: str, content_type: str) -> AppError:
    """The server answered 200 but sent no chunk at all."""
    if "event-stream" not in content_type.lower():
        return not_openai_error(base_url)
    return AppError(
        ErrorKind.MALFORMED_STREAM,
        trans_late("AppError", "The server ended the answer without sending any text."),
        trans_late("AppError", "Retry, or check the base URL and server."),
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
        trans_late("AppError", "{base_url} does not answer like an OpenAI-compatible API."),
        trans_late("AppError", "Check the base URL: it usually ends in /v1 (for Ollama: http://localhost:11434/v1)."),
        retryable=False,
        args={"base_url": base_url},
    )


def map_error(
    exc: BaseException, *, base_url: str, mid_stream: bool = False, checking: bool = False, api_known: bool = False
) -> AppError:
    """Explain an SDK exception in plain words, with what to do next.

    `api_known`: the server already answered like an OpenAI-compatible API (its model list loaded).
    """
    request_id = getattr(exc, "request_id", None)
    server_message = _server_message(exc)

    # While the body streams, transport faults come from httpx2 directly, not wrapped by the SDK.
    if isinstance(exc, (openai.APITimeoutError, httpx2.TimeoutException)):
        if mid_stream:
            return AppError(
                ErrorKind.TIMEOUT,
                trans_late("AppError", "The server stopped answering (timed out)."),
                trans_late("AppError", "Retry, or check that the server is not overloaded."),
            )
        return AppError(
            ErrorKind.TIMEOUT,
            trans_late("AppError", "The server did not answer in time."),
            trans_late("AppError", "Retry, or check that the server is running and not overloaded."),
        )
    if isinstance(exc, (openai.APIConnectionError, httpx2.TransportError)):
        if mid_stream:
            return AppError(
                ErrorKind.CONNECTION_DROPPED,
                trans_late("AppError", "The connection dropped while the answer was arriving."),
                trans_late("AppError", "Retry to ask again."),
            )
        return AppError(
            ErrorKind.CONNECTION_REFUSED,
            trans_late("AppError", "Could not reach the server at {base_url}."),
            trans_late("AppError", "Check your network connection, or that the local server is running."),
            args={"base_url": base_url},
        )
    if isinstance(exc, openai.APIStatusError):
        return _map_status_error(exc, base_url, server_message, request_id, checking, api_known)
    if isinstance(exc, openai.APIResponseValidationError) or isinstance(exc, json.JSONDecodeError):
        return AppError(
            ErrorKind.MALFORMED_STREAM,
            trans_late("AppError", "The server sent a reply that could not be read (malformed data)."),
            trans_late("AppError", "Retry, or check the base URL and server."),
            detail=str(exc),
        )
    if isinstance(exc, openai.APIError):
        # An {"error": ...} event inside the stream: no status code.
        return AppError(
            ErrorKind.STREAM_ERROR,
            trans_late("AppError", "The server reported an error in the middle of the answer."),
            trans_late("AppError", "Retry to ask again."),
            request_id=request_id,
            args=_said(server_message),
        )
    if isinstance(exc, MalformedStream):
        return AppError(
            ErrorKind.MALFORMED_STREAM,
            trans_late("AppError", "The server sent a reply that could not be read (malformed data)."),
            trans_late("AppError", "Retry, or check the base URL and server."),
            detail=str(exc),
        )
    return unexpected_error(exc)


def unexpected_error(exc: BaseException) -> AppError:
    """A failure the app has no words for: its type and text, and a retry."""
    return AppError(
        ErrorKind.UNKNOWN,
        trans_late("AppError", "Unexpected error: {error}"),
        trans_late("AppError", "Retry to ask again."),
        args={"error": f"{type(exc).__name__}: {exc}"},
    )


def _map_status_error(exc, base_url, server_message, request_id, checking, api_known=False) -> AppError:
    status = exc.status_code
    code = getattr(exc, "code", None)
    fields = _validation_fields(getattr(exc, "body", None))  # FastAPI's 422: detail[].loc and .msg
    if fields and not server_message:
        server_message = _clip("; ".join(f"{name}: {reason}" if name else reason for name, reason in fields))
    common = {"status": status, "request_id": request_id, "detail": server_message}
    said = _said(server_message)
    special = None if checking else _local_server_error(status, code, server_message, fields, common)
    if special is not None:
        return special
    if status == 401:
        return AppError(
            ErrorKind.INVALID_KEY,
            trans_late("AppError", "The server rejected the API key (401)."),
            trans_late("AppError", "Open Settings and enter a valid key."),
            retryable=False,
            **common,
        )
    if status == 403:
        return AppError(
            ErrorKind.FORBIDDEN,
            trans_late("AppError", "Access denied (403)."),
            trans_late("AppError", "Your key or project is not allowed to use this model or service here."),
            retryable=False,
            args=said,
            **common,
        )
    if status == 404:
        about_model = code == "model_not_found" or "model" in server_message.lower()
        if not checking and not about_model and api_known:
            return AppError(
                ErrorKind.BAD_REQUEST,
                trans_late("AppError", "The server answered the chat request with 404 (not found)."),
                trans_late(
                    "AppError",
                    "Its model list loaded, so the address is right: pick another model, or check that the "
                    "server serves chat completions for it.",
                ),
                args=said,
                retryable=False,
                **common,
            )
        if checking or not about_model:
            return not_openai_error(base_url)
        return AppError(
            ErrorKind.MODEL_NOT_FOUND,
            trans_late("AppError", "The model does not exist or your key cannot use it (404)."),
            trans_late("AppError", "Pick another model from the model list."),
            retryable=False,
            args=said,
            **common,
        )
    if status == 429:
        if code == "insufficient_quota" or getattr(exc, "type", None) == "insufficient_quota":
            return AppError(
                ErrorKind.QUOTA_EXCEEDED,
                trans_late("AppError", "Your account has run out of quota (429 insufficient_quota)."),
                trans_late("AppError", "Check your plan and billing details; retrying will not help until that changes."),
                retryable=False,
                **common,
            )
        wait = _retry_after(exc.response, server_message)
        when = (
            trans_late("AppError", "Try again in {wait}.")
            if wait is not None
            else trans_late("AppError", "Wait a moment, then retry.")
        )
        return AppError(
            ErrorKind.RATE_LIMITED,
            trans_late("AppError", "Rate limit reached (429)."),
            when,
            retry_after_s=wait,
            **common,
        )
    if status == 400 and code == "audio_not_found":
        return AppError(
            ErrorKind.AUDIO_EXPIRED,
            trans_late("AppError", "The spoken reply this conversation refers to has expired on the server."),
            trans_late("AppError", "Retry: its transcript is sent instead."),
            **common,
        )
    if status == 400 and _needs_audio(server_message):
        return AppError(
            ErrorKind.BAD_REQUEST,
            trans_late("AppError", "This model only works with audio."),
            trans_late("AppError", "Turn spoken replies on or send a recording, or choose a text model such as gpt-4o-mini."),
            retryable=False,
            args=said,
            **common,
        )
    if status == 400 and _is_about_audio(server_message, getattr(exc, "param", None)):
        return AppError(
            ErrorKind.NO_AUDIO_SUPPORT,
            trans_late("AppError", "This model does not take or produce audio."),
            trans_late("AppError", "Choose an audio model such as gpt-audio-mini, or turn spoken replies off."),
            retryable=False,
            args=said,
            **common,
        )
    named = _param_named(exc, server_message, fields) if status in (400, 422) else None
    if status in (400, 422) and (code in ("unsupported_parameter", "unsupported_value") or named):
        param = (getattr(exc, "param", None) or named or "").split(".")[0] or None
        if param is None:
            head = trans_late("AppError", "The model does not accept one of the parameters.")
        elif code == "unsupported_value":
            head = trans_late("AppError", "The model does not accept this value of '{param}'.")
        elif code == "unsupported_parameter":
            head = trans_late("AppError", "The model does not accept the parameter '{param}'.")
        else:
            head = trans_late("AppError", "The server rejected the parameter '{param}' ({status}).")
        return AppError(
            ErrorKind.UNSUPPORTED_PARAMETER,
            head,
            _unsupported_hint(param),
            param=param,
            args={**said, "param": param or "", "status": status},
            **common,
        )
    if status == 400 and _is_about_images(server_message, getattr(exc, "param", None)):
        return AppError(
            ErrorKind.BAD_REQUEST,
            trans_late("AppError", "This model or server does not take images."),
            trans_late("AppError", "Choose a model that can see images (e.g. gpt-4o-mini), or remove the images and resend."),
            retryable=False,
            args=said,
            **common,
        )
    if status == 408:
        return AppError(
            ErrorKind.TIMEOUT,
            trans_late("AppError", "The server gave up waiting for the request (408)."),
            trans_late("AppError", "Retry; if it keeps happening, check the network and how busy the server is."),
            args=said,
            **common,
        )
    if status == 413:
        return AppError(
            ErrorKind.BAD_REQUEST,
            trans_late("AppError", "The request is too large for the server (413)."),
            trans_late(
                "AppError",
                "Remove images or recordings, or start a new chat so fewer earlier turns are sent, then resend.",
            ),
            args=said,
            retryable=False,
            **common,
        )
    if status >= 500:
        return AppError(
            ErrorKind.SERVER_ERROR,
            trans_late("AppError", "The server had an error ({status})."),
            trans_late("AppError", "This is usually temporary: retry in a moment."),
            args={**said, "status": status},
            **common,
        )
    return AppError(
        ErrorKind.BAD_REQUEST,
        trans_late("AppError", "The server rejected the request ({status})."),
        trans_late("AppError", "Check the model and parameters, then retry."),
        args={**said, "status": status},
        **common,
    )


def _local_server_error(status, code, server_message: str, fields, common: dict) -> AppError | None:
    """The errors local servers give in their own words: context overflow, alternating roles."""
    text = server_message.lower()
    if code == "context_length_exceeded" or (status in (400, 413, 422, 500) and _CONTEXT_OVERFLOW.search(text)):
        limit = context_limit_in(server_message)
        if limit:
            message = trans_late("AppError", "The conversation is longer than the model's context window ({limit} tokens).")
        else:
            message = trans_late("AppError", "The conversation is longer than the model's context window.")
        return AppError(
            ErrorKind.CONTEXT_TOO_LONG,
            message,
            trans_late(
                "AppError", "Retry leaves the oldest turns out of the request; or shorten your message, or start a new chat."
            ),
            limit=limit,
            args={**_said(server_message), "limit": f"{limit:,}" if limit else ""},
            **common,
        )
    if status in (400, 422, 500) and is_alternation_error(server_message):
        return AppError(
            ErrorKind.ROLES_NOT_ALTERNATING,
            trans_late(
                "AppError",
                "The server needs your messages and its answers to alternate, and a question here has no answer.",
            ),
            trans_late("AppError", "Retry leaves the unanswered question out (remembered for this server)."),
            args=_said(server_message),
            **common,
        )
    return None


# "This model's maximum context length is 2048 tokens", "exceed context window of 2048",
# "the request exceeds the available context size", "prompt is too long", "n_ctx".
_CONTEXT_OVERFLOW = re.compile(
    r"maximum context length|context (window|length|size)|exceeds? .{0,30}context|prompt is too long|"
    r"too many tokens|\bn_ctx\b",
    re.IGNORECASE,
)
_CONTEXT_LIMIT = (
    re.compile(r"maximum context length is ([\d,]+)", re.IGNORECASE),
    re.compile(r"context (?:window|length|size) (?:of|is|=|:)\s*\(?([\d,]+)", re.IGNORECASE),
    re.compile(r"\bn_ctx(?:_slot)?\s*(?:=|:|is)\s*([\d,]+)", re.IGNORECASE),
    re.compile(r"limit(?: is|:|=)?\s*([\d,]+)\s*tokens", re.IGNORECASE),
)


def context_limit_in(text: str) -> int | None:
    """The context window a server's error names, in tokens; None when it names none."""
    for pattern in _CONTEXT_LIMIT:
        match = pattern.search(text)
        if match:
            digits = match.group(1).replace(",", "")
            if digits.isdigit() and 0 < int(digits) <= 10_000_000:
                return int(digits)
    return None


def _validation_fields(body) -> list[tuple[str, str]]:
    """(field, reason) of each entry of a FastAPI/pydantic 422 body ({"detail": [{"loc", "msg"}]})."""
    detail = body.get("detail") if isinstance(body, dict) else None
    if not isinstance(detail, list):
        return []
    fields = []
    for entry in detail[:5]:
        if not isinstance(entry, dict):
            continue
        loc = [str(part) for part in entry.get("loc") or () if isinstance(part, (str, int))]
        if loc and loc[0] == "body":
            loc = loc[1:]
        reason = entry.get("msg") if isinstance(entry.get("msg"), str) else ""
        fields.append((".".join(loc), " ".join(reason.split())))
    return fields


_REJECTION_WORDS = re.compile(
    r"unsupported|not supported|unknown|unrecognized|unexpected|not allowed|not permitted|extra|invalid|"
    r"does not (support|accept)|cannot be|must not|only one",
    re.IGNORECASE,
)


def _param_named(exc, server_message: str, fields: list[tuple[str, str]]) -> str | None:
    """The request parameter a 400/422 rejects: its `param`, a 422's field, or a name in its message."""
    param = getattr(exc, "param", None)
    if isinstance(param, str) and param:
        return None  # OpenAI's own shape: handled by the code-based branch
    for name, _reason in fields:
        top = name.split(".")[0]
        if top in OMITTABLE_PARAMS:
            return top
    if not _REJECTION_WORDS.search(server_message):
        return None
    for name in sorted(OMITTABLE_PARAMS, key=len, reverse=True):  # max_completion_tokens before max_tokens
        if name == "n":
            if re.search(r"(?<![\w.])['\"`]?n['\"`]?(?![\w.])\s*(=|!=|>|must|is|should|parameter)", server_message):
                return name
        elif re.search(rf"(?<![\w.]){name}(?![\w])", server_message):
            return name
    return None


def _role_rejection(error: AppError, request: dict) -> AppError | None:
    """A rejection of the developer role, told apart by what was sent: "send as system" fixes it.

    llama.cpp-based servers answer it with a 500 full of validation text, FastAPI ones with a 422.
    """
    sent_developer = any(m.get("role") == "developer" for m in request.get("messages") or ())
    text = error.detail.lower()
    if not sent_developer or error.status not in (400, 422, 500) or error.kind is ErrorKind.CONTEXT_TOO_LONG:
        return None
    if "developer" not in text and not ("role" in text and ("validation" in text or "input should be" in text)):
        return None
    return replace(
        error,
        kind=ErrorKind.ROLE_REJECTED,
        message=trans_late(
            "AppError", "The server does not take the 'developer' role the system prompt was sent under ({status})."
        ),
        hint=trans_late("AppError", "Send it as 'system' instead (remembered for this server)."),
        args={**error.args, **_said(error.detail), "status": error.status},
        retryable=False,
    )


def _clip(text: str) -> str:
    """A server's text shortened to what a message can show."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_SERVER_MESSAGE else text[: MAX_SERVER_MESSAGE - 1].rstrip() + "…"


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
                trans_late("AppError", "This server does not turn speech into text (no {path})."),
                trans_late("AppError", "Send recordings as audio to an audio model instead, or use OpenAI's API for transcription."),
                retryable=False,
                status=status,
                request_id=getattr(exc, "request_id", None),
                args={"path": path},
            )
        return AppError(
            ErrorKind.NO_AUDIO_SUPPORT,
            trans_late("AppError", "This server does not read text aloud (no {path})."),
            trans_late("AppError", "Use OpenAI's API for reading aloud."),
            retryable=False,
            status=status,
            request_id=getattr(exc, "request_id", None),
            args={"path": path},
        )
    return map_error(exc, base_url=base_url, mid_stream=mid_stream)


def _is_about_images(server_message: str, param: str | None) -> bool:
    """True when a 400 rejects the image parts (a model without vision, a server without image input)."""
    text = f"{server_message} {param or ''}".lower()
    return "image_url" in text or "image input" in text or "does not support image" in text or "vision" in text


def _said(server_message: str) -> dict:
    """An error's arguments holding what the server said (the UI appends it), if it said anything readable."""
    return {"server": server_message} if server_message else {}


def _unsupported_hint(param: str | None) -> str:
    if param in ("max_tokens", "max_completion_tokens"):
        return trans_late("AppError", "Resend with the other name for the length cap.")
    if param in OMITTABLE_PARAMS:
        return trans_late("AppError", "Resend without '{param}'.")
    return trans_late(
        "AppError",
        "This server does not take that part of the request: pick another model or check the server's settings.",
    )


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
