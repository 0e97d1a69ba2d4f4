"""The loopback fake server, exercised with the real openai SDK.

Run from the repository root with ``python3 -m pytest`` (the root must be on sys.path for
``tests.fakes``). Every client uses ``max_retries=0`` unless a test is about retries.
"""

from __future__ import annotations

import base64
import io
import json
import threading
import time

import openai
import pytest

from tests.fakes.openai_server import (
    DEFAULT_MODELS,
    DEFAULT_TEXT,
    DEFAULT_TRANSCRIPT,
    Completion,
    Error,
    FakeOpenAIServer,
    Hang,
    Raw,
    Speech,
    SpokenReply,
    Stream,
    Transcription,
    audio_not_found,
    audio_unsupported,
    default_speech_pcm,
    forbidden,
    insufficient_quota,
    invalid_key,
    long_tokens,
    model_not_found,
    rate_limited,
    server_error,
    parse_multipart,
    split_tokens,
    tone_pcm16,
    unsupported_parameter,
    unsupported_value,
    unused_port_base_url,
)

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]


@pytest.fixture(scope="module")
def http_client():
    # One transport for the whole module: each openai.OpenAI() would otherwise build its own TLS
    # context (~30-150 ms), which dominated this file's run time. Plain http, so verify is moot.
    with openai.DefaultHttpxClient(verify=False) as shared:
        yield shared


@pytest.fixture
def make_client(http_client):
    def make(base_url: str, **kwargs) -> openai.OpenAI:
        kwargs.setdefault("api_key", "k")
        kwargs.setdefault("max_retries", 0)
        return openai.OpenAI(base_url=base_url, http_client=http_client, **kwargs)

    return make


@pytest.fixture
def srv():
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def client(srv, make_client):
    return make_client(srv.base_url)


def stream_chat(client, **kwargs):
    return client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES, stream=True, **kwargs)


def collect_text(chunks) -> dict[int, str]:
    texts: dict[int, str] = {}
    for chunk in chunks:
        for choice in chunk.choices:
            texts[choice.index] = texts.get(choice.index, "") + (choice.delta.content or "")
    return texts


# --- streaming ------------------------------------------------------------------------------------


def test_stream_with_include_usage_gives_text_then_usage_chunk(srv, client):
    srv.script(Stream(text="Hello there, friend!"))

    chunks = list(stream_chat(client, stream_options={"include_usage": True}))

    assert collect_text(chunks) == {0: "Hello there, friend!"}
    first, last = chunks[0], chunks[-1]
    assert first.choices[0].delta.role == "assistant" and first.choices[0].delta.content == ""
    assert all(c.usage is None for c in chunks[:-1])
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert last.choices == []
    assert last.usage.completion_tokens == 3
    assert last.usage.total_tokens == last.usage.prompt_tokens + 3
    assert last.usage.prompt_tokens_details.cached_tokens == 0
    assert last.usage.completion_tokens_details.reasoning_tokens == 0
    assert {c.id for c in chunks} == {first.id}
    assert first.model == "gpt-4o-mini" and first.system_fingerprint == "fp_fake123"
    assert srv.last_chat_body()["stream_options"] == {"include_usage": True}


def test_stream_without_include_usage_has_no_usage_chunk(srv, client):
    chunks = list(stream_chat(client))

    assert collect_text(chunks) == {0: DEFAULT_TEXT}
    assert all(c.choices for c in chunks)


def test_usage_none_sends_no_usage_chunk_even_when_asked(srv, client):
    srv.script(Stream(text="ok", usage=None, system_fingerprint=None, model="local-llama"))

    chunks = list(stream_chat(client, stream_options={"include_usage": True}))

    assert all(c.choices for c in chunks)
    assert chunks[0].model == "local-llama" and chunks[0].system_fingerprint is None


def test_n2_choices_interleave_and_reassemble_per_index(srv, client):
    srv.script(Stream(choices=[["Good", " morning", "!"], ["Hello", " there"]]))

    chunks = list(stream_chat(client, n=2))

    order = [(c.choices[0].index, c.choices[0].delta.content, c.choices[0].finish_reason) for c in chunks]
    assert order == [
        (0, "", None), (1, "", None),
        (0, "Good", None), (1, "Hello", None), (0, " morning", None), (1, " there", None), (0, "!", None),
        (0, None, "stop"), (1, None, "stop"),
    ]  # fmt: skip
    assert collect_text(chunks) == {0: "Good morning!", 1: "Hello there"}


def test_default_reply_with_n3_gives_distinct_choices(client):
    texts = collect_text(stream_chat(client, n=3))

    assert sorted(texts) == [0, 1, 2]
    assert len(set(texts.values())) == 3
    assert texts[1].startswith("Choice 1 answer")


def test_no_done_ends_iteration_quietly(srv, client):
    srv.script(Stream(text="one two", no_done=True))

    assert collect_text(stream_chat(client)) == {0: "one two"}


def test_long_stream_of_20000_tokens_arrives_whole(srv, client):
    tokens = long_tokens(20_000)
    srv.script(Stream(choices=[tokens]))

    # Raw SSE lines through the SDK's request path: the SDK's own chunk parsing costs ~0.4 ms per chunk
    # (about 8 s for 20,000), which would make this file slow; the parsed path is covered above.
    text = []
    with client.chat.completions.with_streaming_response.create(
        model="gpt-4o-mini", messages=MESSAGES, stream=True
    ) as response:
        for line in response.iter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            for choice in json.loads(line[len("data: ") :])["choices"]:
                text.append(choice["delta"].get("content") or "")

    assert "".join(text) == "".join(tokens)


def test_long_tokens_are_deterministic_prose():
    tokens = long_tokens(2000)

    assert tokens == long_tokens(2000) and len(tokens) == 2000
    text = "".join(tokens)
    assert "\n\n" in text and ". " in text
    assert len(set(tokens)) > 100
    assert "".join(split_tokens(text)) == text


# --- non-stream -----------------------------------------------------------------------------------


def test_non_stream_default_and_scripted_completion(srv, client):
    usage = {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}
    srv.script(Completion(choices=["first", "second"], usage=usage))

    scripted = client.chat.completions.create(model="gpt-4o", messages=MESSAGES, n=2)
    default = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    assert [c.message.content for c in scripted.choices] == ["first", "second"]
    assert scripted.usage.total_tokens == 3 and scripted.usage.prompt_tokens_details is None
    assert default.choices[0].message.content == DEFAULT_TEXT
    assert default.choices[0].finish_reason == "stop" and default.model == "gpt-4o"
    assert default.usage.completion_tokens == len(split_tokens(DEFAULT_TEXT))


def test_stream_reply_answers_non_stream_request_and_vice_versa(srv, client):
    srv.script(Stream(text="as json"), Completion(text="as stream"))

    assert client.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content == "as json"
    assert collect_text(stream_chat(client)) == {0: "as stream"}


def test_script_for_all_sets_the_default(srv, client):
    srv.script_for_all(Completion(text="always"))

    for _ in range(2):
        assert client.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content == "always"
    assert srv.pending == 0


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "exc_type", "status", "code"),
    [
        (invalid_key(), openai.AuthenticationError, 401, "invalid_api_key"),
        (forbidden(), openai.PermissionDeniedError, 403, "unsupported_country_region_territory"),
        (model_not_found("gpt-9"), openai.NotFoundError, 404, "model_not_found"),
        (rate_limited(0.644), openai.RateLimitError, 429, "rate_limit_exceeded"),
        (insufficient_quota(), openai.RateLimitError, 429, "insufficient_quota"),
        (server_error(), openai.InternalServerError, 500, None),
        (server_error(503), openai.InternalServerError, 503, None),
        (unsupported_parameter("max_tokens"), openai.BadRequestError, 400, "unsupported_parameter"),
        (unsupported_value("temperature", 0.2), openai.BadRequestError, 400, "unsupported_value"),
    ],
)
def test_error_helpers_raise_the_matching_sdk_exception(srv, client, reply, exc_type, status, code):
    srv.script(reply)

    with pytest.raises(exc_type) as info:
        stream_chat(client)

    e = info.value
    assert e.status_code == status and e.code == code
    assert e.body == reply.body()["error"]
    assert e.request_id.startswith("req_")
    assert e.response.headers["x-should-retry"] == "false"


def test_error_messages_match_the_real_api():
    assert model_not_found("x").message == "The model `x` does not exist or you do not have access to it."
    assert unsupported_parameter("max_tokens").message == (
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."
    )
    assert unsupported_parameter("temperature").message == (
        "Unsupported parameter: 'temperature' is not supported with this model."
    )
    assert unsupported_value("temperature", 0.2).message == (
        "Unsupported value: 'temperature' does not support 0.2 with this model. "
        "Only the default (1) value is supported."
    )
    assert server_error(503).message == "The engine is currently overloaded, please try again later"
    assert insufficient_quota().message.startswith(
        "You exceeded your current quota, please check your plan and billing details."
    )


def test_rate_limited_exposes_retry_after_headers(srv, client):
    srv.script(rate_limited(0.644))

    with pytest.raises(openai.RateLimitError) as info:
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    headers = info.value.response.headers
    assert headers["retry-after-ms"] == "644" and headers["retry-after"] == "1"
    assert info.value.type == "tokens"
    assert "Please try again in 644ms." in info.value.message


def test_sdk_retries_are_visible_in_the_request_log(srv, make_client):
    retryable = Error(500, headers={"x-should-retry": None, "retry-after-ms": "1"})
    srv.script(retryable, retryable, Completion(text="third time lucky"))
    client = make_client(srv.base_url, max_retries=2)

    reply = client.chat.completions.create(model="m", messages=MESSAGES)

    assert reply.choices[0].message.content == "third time lucky"
    assert [r.retry_count for r in srv.chat_requests()] == [0, 1, 2]


# --- faults mid-stream ----------------------------------------------------------------------------


def test_drop_after_raises_connection_error_mid_iteration(srv, client):
    srv.script(Stream(text="one two three four five", drop_after=2))
    received = []

    # Observed: openai.APIConnectionError("Connection error."), caused by httpx2 RemoteProtocolError
    # "peer closed connection without sending complete message body (incomplete chunked read)".
    with pytest.raises(openai.APIConnectionError) as info:
        for chunk in stream_chat(client):
            received.append(chunk.choices[0].delta.content)

    assert received == ["", "one", " two"]
    assert not isinstance(info.value, openai.APITimeoutError)
    assert "incomplete chunked read" in str(info.value.__cause__)


def test_error_event_raises_plain_api_error(srv, client):
    srv.script(Stream(text="one two three", error_event_after=1))
    received = []

    with pytest.raises(openai.APIError) as info:
        for chunk in stream_chat(client):
            received.append(chunk.choices[0].delta.content)

    assert received == ["", "one"]
    assert not isinstance(info.value, openai.APIStatusError)
    assert info.value.message == "The server had an error while processing your request."
    assert info.value.body == {
        "message": "The server had an error while processing your request.",
        "type": "server_error",
        "param": None,
        "code": None,
    }


def test_malformed_event_raises_json_decode_error(srv, client):
    srv.script(Stream(text="one two three", malformed_after=1))

    # Observed: the SDK lets json.JSONDecodeError (a ValueError, NOT an openai.OpenAIError) escape from
    # the iteration: "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)".
    with pytest.raises(json.JSONDecodeError):
        collect_text(stream_chat(client))


def test_hang_with_short_timeout_raises_api_timeout_error(srv, client):
    srv.script(Hang(5))
    started = time.monotonic()

    with pytest.raises(openai.APITimeoutError):
        client.with_options(timeout=0.3).chat.completions.create(model="m", messages=MESSAGES, stream=True)

    assert time.monotonic() - started < 2


def test_closing_the_stream_mid_way_is_seen_as_a_disconnect(srv, client):
    srv.script(Stream(choices=[long_tokens(200)], delay=0.01))

    stream = stream_chat(client)
    for _, _chunk in zip(range(3), stream):
        pass
    stream.close()

    assert srv.client_disconnected.wait(3)
    assert srv.disconnects == 1


def test_cross_thread_close_raises_connection_error_in_the_reader(srv, client):
    srv.script(Stream(choices=[long_tokens(200)], delay=0.05))
    stream = stream_chat(client)
    outcome = []

    def read():
        try:
            for _chunk in stream:
                pass
            outcome.append("finished")
        except Exception as exc:  # noqa: BLE001 - record whatever the SDK raises
            outcome.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(0.15)
    stream.close()
    reader.join(3)

    assert len(outcome) == 1 and isinstance(outcome[0], openai.APIConnectionError)
    assert srv.client_disconnected.wait(3)


# --- models, keys, non-OpenAI servers -------------------------------------------------------------


def test_models_list_and_retrieve(srv, client):
    srv.models = ["gpt-4o-mini", "my-local-model"]

    assert [m.id for m in client.models.list()] == ["gpt-4o-mini", "my-local-model"]
    assert client.models.retrieve("my-local-model").owned_by == "fake"
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("nope")


def test_default_models():
    assert DEFAULT_MODELS == ("gpt-4o-mini", "gpt-4o", "o3-mini", "text-embedding-3-small", "whisper-1", "gpt-5")


def test_api_key_is_checked_on_models_and_chat(srv, make_client):
    srv.api_key = "sk-right-key-123456"
    wrong = make_client(srv.base_url, api_key="sk-wrong-key-654321")
    right = make_client(srv.base_url, api_key="sk-right-key-123456")

    with pytest.raises(openai.AuthenticationError) as info:
        wrong.models.list()
    assert info.value.code == "invalid_api_key"
    assert info.value.body["message"].startswith("Incorrect API key provided: sk-************4321.")
    with pytest.raises(openai.AuthenticationError):
        wrong.chat.completions.create(model="m", messages=MESSAGES, stream=True)

    assert len(right.models.list().data) == len(DEFAULT_MODELS)
    assert collect_text(stream_chat(right)) == {0: DEFAULT_TEXT}
    assert srv.requests[0].headers["authorization"] == "Bearer sk-wrong-key-654321"


def test_not_openai_html_page(srv, client):
    srv.not_openai = True

    # Observed (SDK 3.57.0), for a 200 text/html answer:
    # - models.list() raises AttributeError("'str' object has no attribute '_set_private_attributes'")
    #   (the SDK hands back the text for non-JSON content and then fails to build the page);
    with pytest.raises(AttributeError, match="_set_private_attributes"):
        client.models.list()
    # - a streamed chat completion yields no chunk at all and ends without any error;
    assert list(stream_chat(client)) == []
    # - a non-stream chat completion returns the HTML page as a plain str instead of a ChatCompletion.
    page = client.chat.completions.create(model="m", messages=MESSAGES)
    assert isinstance(page, str) and page.startswith("<!DOCTYPE html>")


def test_models_404_plain_text_by_route_reply(srv, client):
    srv.reply_on("/v1/models", Raw(404, "404 page not found"))

    with pytest.raises(openai.NotFoundError) as info:
        client.models.list()
    assert info.value.body == "404 page not found" and info.value.code is None

    srv.reply_on("/v1/models", None)
    assert len(client.models.list().data) == len(DEFAULT_MODELS)


def test_unknown_route_is_404(srv, client):
    with pytest.raises(openai.NotFoundError) as info:
        client.embeddings.create(model="text-embedding-3-small", input="x")
    assert info.value.message.endswith("Invalid URL (POST /v1/embeddings)")


# --- request log and lifecycle --------------------------------------------------------------------


def test_request_log_records_what_the_client_sent(srv, client):
    client.chat.completions.create(model="o3-mini", messages=MESSAGES, max_completion_tokens=512)
    client.models.list()

    chat = srv.chat_requests()
    assert len(chat) == 1 and len(srv.requests) == 2
    assert chat[0].method == "POST" and chat[0].path == "/v1/chat/completions"
    assert chat[0].body == json.loads(chat[0].raw)
    assert srv.last_chat_body()["max_completion_tokens"] == 512
    assert chat[0].headers["accept"] == "application/json"
    assert chat[0].retry_count == 0
    assert srv.requests[1].body is None and srv.requests[1].raw == b""


def test_unused_port_refuses_connections(make_client):
    client = make_client(unused_port_base_url())

    with pytest.raises(openai.APIConnectionError) as info:
        client.models.list()
    assert not isinstance(info.value, openai.APITimeoutError)


def test_stop_returns_promptly_while_a_stream_and_a_hang_are_blocked(make_client):
    server = FakeOpenAIServer().start()
    server.script(Stream(choices=[long_tokens(100)], delay=10), Hang(30))
    client = make_client(server.base_url)
    stream = stream_chat(client)
    next(stream)
    hang = threading.Thread(target=lambda: pytest.raises(openai.APIConnectionError, stream_chat, client))
    hang.start()
    time.sleep(0.2)

    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 1
    hang.join(2)
    assert not hang.is_alive()
    assert server.disconnects == 0  # stop() is not a client disconnect
    stream.close()


# --- audio ----------------------------------------------------------------------------------------

AUDIO_REQUEST = {
    "model": "gpt-audio-mini",
    "messages": MESSAGES,
    "modalities": ["text", "audio"],
    "audio": {"voice": "alloy", "format": "pcm16"},
}


def audio_deltas(chunks) -> list:
    """(delta, finish_reason) of every chunk that carries a choice."""
    return [(c.choices[0].delta, c.choices[0].finish_reason) for c in chunks if c.choices]


def test_spoken_stream_has_the_real_apis_shape(srv, client):
    pcm = tone_pcm16(0.5)
    srv.script(SpokenReply("Sure, here it is.", pcm16=pcm, audio_id="audio_abc", expires_at=1_764_103_600))

    chunks = list(client.chat.completions.create(**AUDIO_REQUEST, stream=True, stream_options={"include_usage": True}))
    deltas = audio_deltas(chunks)

    first, _ = deltas[0]
    assert first.role == "assistant" and first.content is None and first.refusal is None
    assert first.audio.id == "audio_abc" and first.audio.data  # the id comes with the first sound
    middle = [delta.audio for delta, _ in deltas[1:-2]]
    assert all(bool(a.transcript) != bool(a.data) for a in middle), "transcript and data come in separate chunks"
    assert "".join(a.transcript or "" for a in middle) == "Sure, here it is."
    assert b"".join(base64.b64decode(a.data) for a in [first.audio, *middle] if a.data) == pcm
    last_audio, _ = deltas[-2]
    assert last_audio.audio.model_dump(exclude_none=True) == {"expires_at": 1_764_103_600}
    assert deltas[-1][1] == "stop"
    assert chunks[-1].usage.completion_tokens_details.audio_tokens > 0


def test_spoken_stream_can_leave_out_the_finish_chunk(srv, client):
    srv.script(SpokenReply("No finish.", pcm16=tone_pcm16(0.2), finish_reason=False))

    deltas = audio_deltas(client.chat.completions.create(**AUDIO_REQUEST, stream=True))

    assert all(reason is None for _, reason in deltas)
    assert deltas[-1][0].audio.expires_at is not None and deltas[-1][0].audio.data is None


def test_spoken_completion_has_content_null_and_the_audio(srv, client):
    mp3 = b"\xff\xf3 pretend mp3 bytes"
    srv.script(SpokenReply("안녕하세요", mp3=mp3, audio_id="audio_x"))
    request = {**AUDIO_REQUEST, "audio": {"voice": "alloy", "format": "mp3"}}

    completion = client.chat.completions.create(**request)

    message = completion.choices[0].message
    assert message.content is None
    assert message.audio.id == "audio_x" and message.audio.transcript == "안녕하세요"
    assert base64.b64decode(message.audio.data) == mp3
    assert message.audio.expires_at > time.time() + 3000  # about an hour, as reported
    assert completion.usage.completion_tokens_details.audio_tokens > 0


def test_streamed_audio_in_any_format_but_pcm16_is_refused_like_the_real_api(srv, client):
    srv.script(SpokenReply("never sent"))
    request = {**AUDIO_REQUEST, "audio": {"voice": "alloy", "format": "wav"}}

    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(**request, stream=True)

    assert info.value.code == "unsupported_value" and info.value.param == "audio.format"
    assert "does not support 'wav' when stream=true" in info.value.message
    assert srv.pending == 1, "the scripted reply waits for the next request"


@pytest.mark.parametrize(
    ("reply", "code", "param"),
    [
        (audio_not_found(2, "audio_old"), "audio_not_found", "content.messages[2].audio.id"),
        (audio_unsupported("gpt-4o-mini"), "invalid_value", "modalities"),
        (audio_unsupported("gpt-4o-mini", "input"), "invalid_value", "messages[1].content[0].type"),
    ],
)
def test_audio_error_helpers(srv, client, reply, code, param):
    srv.script(reply)

    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(**AUDIO_REQUEST, stream=True)

    assert (info.value.code, info.value.param) == (code, param)


def test_transcription_default_and_scripted_and_what_was_uploaded(srv, client):
    upload = io.BytesIO(b"RIFF....WAVE" + bytes(range(256)))
    upload.name = "녹음 \"1\".wav"

    default = client.audio.transcriptions.create(file=upload, model="whisper-1")
    srv.reply_on("/v1/audio/transcriptions", Transcription("서울"))
    upload.seek(0)
    scripted = client.audio.transcriptions.create(file=upload, model="gpt-4o-transcribe", language="ko")

    assert (default.text, scripted.text) == (DEFAULT_TRANSCRIPT, "서울")
    first, second = srv.transcriptions()
    assert first["filename"] == second["filename"] == '녹음 "1".wav'
    assert first["file"] == b"RIFF....WAVE" + bytes(range(256))
    assert second["fields"] == {"model": "gpt-4o-transcribe", "language": "ko"}


def test_transcription_as_text_and_as_a_stream(srv, client):
    srv.reply_on("/v1/audio/transcriptions", Transcription("one two three"))
    upload = io.BytesIO(b"data")
    upload.name = "a.wav"

    as_text = client.audio.transcriptions.create(file=upload, model="whisper-1", response_format="text")
    events = list(client.audio.transcriptions.create(file=upload, model="gpt-4o-transcribe", stream=True))

    assert as_text == "one two three"
    assert [e.type for e in events] == ["transcript.text.delta"] * 3 + ["transcript.text.done"]
    assert "".join(e.delta for e in events[:-1]) == events[-1].text == "one two three"


def test_speech_streams_the_scripted_pcm_and_records_the_body(srv, client):
    pcm = tone_pcm16(0.3)
    with client.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="coral", input="Hi", response_format="pcm"
    ) as response:
        default = response.read()
    srv.reply_on("/v1/audio/speech", Speech(pcm, chunk_bytes=1000))
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input="안녕", speed=1.5, response_format="pcm"
    ) as response:
        blocks = list(response.iter_bytes())

    assert default == default_speech_pcm() and len(default) == 24_000  # half a second at 24 kHz
    assert b"".join(blocks) == pcm
    assert srv.speech_bodies()[1] == {
        "model": "tts-1", "voice": "alloy", "input": "안녕", "speed": 1.5, "response_format": "pcm"
    }


def test_parse_multipart_reads_fields_and_the_file():
    raw = (
        b"--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
        b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.wav\"\r\n"
        b"Content-Type: audio/wav\r\n\r\n\r\n--not-the-end\x00\xff\r\n--XyZ--\r\n"
    )

    form = parse_multipart(raw, "multipart/form-data; boundary=XyZ")

    assert form == {"fields": {"model": "whisper-1"}, "filename": "clip.wav", "file": b"\r\n--not-the-end\x00\xff"}
