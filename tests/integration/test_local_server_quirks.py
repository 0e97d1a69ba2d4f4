"""The LLM service against a loopback server that behaves like llama.cpp, Ollama, vLLM or LM Studio.

Each quirk of `LocalQuirks` is met with a plain `AppError` that says what the server did (or with
the answer itself): no Qt, `LlmService` driven as the reply worker drives it.
"""

from __future__ import annotations

import pytest

from desktop_app.core.cancel import CancelToken
from desktop_app.core.errors import ErrorKind
from desktop_app.core.events import ChoiceFinished, ReplyFailed, ServerNoticed, TextDelta
from desktop_app.services.llm import LlmService, ServiceError
from tests.fakes.openai_server import (
    Completion,
    Error,
    FakeOpenAIServer,
    LocalQuirks,
    Raw,
    Speech,
    Stream,
    tone_pcm16,
)


def chat_request(messages=None, **extra) -> dict:
    return {
        "model": "local-model",
        "messages": messages or [{"role": "user", "content": "Hi"}],
        "stream": True,
        "stream_options": {"include_usage": True},
        **extra,
    }


def run(server: FakeOpenAIServer, request: dict | None = None, **service) -> list:
    return list(LlmService(server.base_url, None, **service).stream_chat(request or chat_request(), CancelToken()))


def failure(events: list):
    failed = [e for e in events if isinstance(e, ReplyFailed)]
    assert len(failed) == 1 and events[-1] is failed[0], events
    return failed[0].error


def text(events: list) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


@pytest.fixture
def server():
    with FakeOpenAIServer() as srv:
        yield srv


def test_an_error_streamed_as_an_empty_200_is_asked_again_without_streaming(server):
    server.quirks = LocalQuirks(errors_as_empty_stream=True, n_ctx=2048)
    events = run(server, chat_request([{"role": "user", "content": "word " * 3000}]))
    error = failure(events)
    assert error.kind is ErrorKind.CONTEXT_TOO_LONG
    assert error.limit == 2048
    assert "2,048 tokens" in error.text and "base URL" not in error.text
    assert ServerNoticed("errors_in_stream") in events
    bodies = [r.body for r in server.chat_requests()]
    assert [b["stream"] for b in bodies] == [True, False]
    assert "stream_options" not in bodies[1]


def test_a_scripted_error_behind_an_empty_stream_is_the_one_shown(server):
    server.quirks = LocalQuirks(errors_as_empty_stream=True)
    server.script(Error(400, "image input is not supported by this model", "invalid_request_error"))
    error = failure(run(server))
    assert "image input is not supported" in error.text
    assert len(server.chat_requests()) == 2


def test_an_empty_stream_whose_repeat_answers_shows_the_answer(server):
    server.script(Raw(200, b"", "text/event-stream"), Completion(text="Here it is."))
    events = run(server)
    assert text(events) == "Here it is."
    assert not any(isinstance(e, ReplyFailed) for e in events)


def test_a_server_that_ignores_stream_true_is_shown_whole(server):
    server.quirks = LocalQuirks(ignores_stream=True)
    server.script(Completion(text="One whole answer."))
    events = run(server)
    assert text(events) == "One whole answer."
    assert ChoiceFinished(0, "stop") in events and ServerNoticed("ignores_stream") in events


def test_an_answer_without_choices_says_so(server):
    server.script(Raw(200, b'{"id":"x","object":"chat.completion","choices":[]}', "application/json"))
    error = failure(run(server, chat_request(stream=False)))
    assert error.kind is ErrorKind.EMPTY_ANSWER and "no choices" in error.message
    server.script(Raw(200, b'data: {"id":"x","choices":[]}\n\ndata: [DONE]\n\n', "text/event-stream"))
    assert failure(run(server)).kind is ErrorKind.EMPTY_ANSWER


def test_an_answer_with_only_tool_calls_finishes_as_tool_calls(server):
    sse = (
        b'data: {"id":"x","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,'
        b'"function":{"name":"f","arguments":"{}"}}]}}]}\n\n'
        b'data: {"id":"x","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'
    )
    server.script(Raw(200, sse, "text/event-stream"))
    assert ChoiceFinished(0, "tool_calls") in run(server)


def test_the_developer_role_rejected_with_a_500_is_not_called_temporary(server):
    server.quirks = LocalQuirks(no_developer_role=True)
    request = chat_request([{"role": "developer", "content": "Be brief."}, {"role": "user", "content": "Hi"}])
    error = failure(run(server, request))
    assert error.kind is ErrorKind.ROLE_REJECTED
    assert "'developer'" in error.message and "system" in error.hint
    assert "temporary" not in error.text


def test_alternating_roles_error_is_recognised(server):
    server.quirks = LocalQuirks(alternating_roles=True)
    request = chat_request([{"role": "user", "content": "a"}, {"role": "user", "content": "b"}])
    error = failure(run(server, request))
    assert error.kind is ErrorKind.ROLES_NOT_ALTERNATING
    assert "leaves the unanswered question out" in error.hint


def test_a_fastapi_422_names_the_field_and_offers_to_leave_it_out(server):
    server.quirks = LocalQuirks(rejects_with_422=("seed",))
    error = failure(run(server, chat_request(seed=7)))
    assert error.kind is ErrorKind.UNSUPPORTED_PARAMETER and error.param == "seed"
    assert "seed: Extra inputs are not permitted" in error.text and "(422)" in error.text


def test_a_parameter_named_only_in_the_message_is_found(server):
    server.script(Error(400, "Unsupported parameter: response_format is not supported by this server"))
    error = failure(run(server, chat_request(response_format={"type": "json_object"})))
    assert error.kind is ErrorKind.UNSUPPORTED_PARAMETER and error.param == "response_format"
    server.script(Error(400, "Only one completion choice is allowed: n must be 1"))
    assert failure(run(server, chat_request(n=2))).param == "n"
    server.script(Error(400, "The messages are invalid"))
    assert failure(run(server)).param is None


@pytest.mark.parametrize(
    ("status", "says"),
    [(408, "gave up waiting"), (413, "too large")],
)
def test_408_and_413_say_what_happened(server, status, says):
    server.script(Error(status))
    error = failure(run(server))
    assert says in error.text and "check the model and parameters" not in error.text


def test_a_404_on_chat_after_the_models_loaded_is_not_called_a_wrong_url(server):
    server.script(Error(404, "Not Found"), Error(404, "Not Found"))
    assert failure(run(server)).kind is ErrorKind.NOT_OPENAI_API
    error = failure(run(server, api_known=True))
    assert error.kind is not ErrorKind.NOT_OPENAI_API and "404" in error.message
    assert "OpenAI-compatible" not in error.text


def test_model_metadata_gives_the_context_window(server):
    server.models = ["smollm2", "kokoro-tts"]
    server.quirks = LocalQuirks(model_meta={"n_ctx_train": 8192, "n_ctx": 2048})
    ids, windows = LlmService(server.base_url, None).list_models_and_windows()
    assert ids == ["smollm2", "kokoro-tts"] and windows == {"smollm2": 2048, "kokoro-tts": 2048}
    server.quirks = LocalQuirks(model_meta={"n_ctx_train": 8192})
    assert LlmService(server.base_url, None).list_models_and_windows()[1]["smollm2"] == 8192


def test_a_server_without_a_models_list_still_answers_chat(server):
    server.quirks = LocalQuirks(no_models=True)
    service = LlmService(server.base_url, None)
    with pytest.raises(ServiceError):
        service.list_models()
    assert service.answers_chat("local-model") is True
    server.not_openai = True
    assert service.answers_chat("local-model") is False


def test_read_aloud_that_comes_back_as_mp3_is_played_as_pcm(server):
    from desktop_app.services.audio_codec import encode_mp3, pcm16_to_samples

    mp3 = encode_mp3(pcm16_to_samples(tone_pcm16(1.0)), 24_000)
    server.reply_on("/v1/audio/speech", Speech(mp3))
    service = LlmService(server.base_url, None)
    pcm = b"".join(service.speech_stream("Hi", "tts", "alloy", 1.0, CancelToken()))
    assert abs(len(pcm) / 2 / 24_000 - 1.0) < 0.1  # about one second of sound, not noise from mp3 bytes


def test_read_aloud_mp3_that_cannot_be_decoded_says_so(server):
    server.reply_on("/v1/audio/speech", Speech(b"ID3" + b"\x00" * 4000))
    with pytest.raises(ServiceError) as raised:
        list(LlmService(server.base_url, None).speech_stream("Hi", "tts", "alloy", 1.0, CancelToken()))
    assert "MP3" in raised.value.error.message
