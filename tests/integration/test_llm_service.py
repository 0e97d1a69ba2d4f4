"""The LLM service against the loopback server: every fault becomes a plain, actionable `AppError`.

No Qt: `LlmService.stream_chat` and `list_models` are driven directly, the way the reply worker and
the task runner drive them, with a `CancelToken` set from another thread for the cancel tests.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from desktop_app.core.cancel import CancelToken
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.events import ReplyFailed, ReplyStarted, TextDelta
from desktop_app.services.llm import LlmService, ServiceError
from tests.fakes.openai_server import (
    FakeOpenAIServer,
    Hang,
    Raw,
    Stream,
    forbidden,
    insufficient_quota,
    model_not_found,
    rate_limited,
    server_error,
    unsupported_parameter,
    unsupported_value,
    unused_port_base_url,
)

# Distinctive, so that any echo of it in what the user reads is caught.
SECRET_KEY = "sk-proj-Zq9SECRETkeyDoNotShow0123456789abcdefXYZ"


def chat_request(**extra) -> dict:
    return {
        "model": "gpt-4o-mini",
        "messages": [{"role": "user", "content": "Hi"}],
        "stream": True,
        "stream_options": {"include_usage": True},
        **extra,
    }


def run_stream(service: LlmService, request: dict | None = None) -> list:
    return list(service.stream_chat(request or chat_request(), CancelToken()))


def the_failure(events: list) -> AppError:
    """The single ReplyFailed, which must be the last event."""
    failures = [e for e in events if isinstance(e, ReplyFailed)]
    assert len(failures) == 1, events
    assert events[-1] is failures[0], "nothing may follow the failure"
    return failures[0].error


def assert_plain(error: AppError) -> None:
    """What happened in words a person reads, plus what to do: no SDK wording, no raw JSON."""
    for text in (error.message, error.hint, error.text):
        assert text.strip(), error
        for leak in ("Error code:", "{'error'", '{"error"', "Traceback", "openai.", "APIStatusError", "Exception"):
            assert leak not in text, (leak, text)
    assert error.kind is not ErrorKind.UNKNOWN


def texts(events: list) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


@pytest.fixture
def service(fake_server) -> LlmService:
    return LlmService(fake_server.base_url, "sk-test", read_timeout_s=10.0)


# --- HTTP status errors on the chat request --------------------------------------------------------


def test_wrong_key_is_invalid_key_and_the_key_is_never_shown(fake_server):
    fake_server.api_key = "sk-the-right-one"

    error = the_failure(run_stream(LlmService(fake_server.base_url, SECRET_KEY)))

    assert error.kind is ErrorKind.INVALID_KEY
    assert error.retryable is False
    assert_plain(error)
    assert "key" in error.text.lower() and "Settings" in error.text
    for text in (error.text, error.text, error.detail, error.text):
        assert SECRET_KEY not in text
    assert len(fake_server.chat_requests()) == 1


def test_forbidden(fake_server, service):
    fake_server.script(forbidden())

    error = the_failure(run_stream(service))

    assert error.kind is ErrorKind.FORBIDDEN and error.status == 403
    assert error.retryable is False
    assert_plain(error)
    assert "Country, region, or territory not supported" in error.text


def test_model_not_found(fake_server, service):
    fake_server.script(model_not_found("gpt-imaginary"))

    error = the_failure(run_stream(service, chat_request(model="gpt-imaginary")))

    assert error.kind is ErrorKind.MODEL_NOT_FOUND
    assert error.retryable is False
    assert_plain(error)
    assert "gpt-imaginary" in error.text
    assert "model" in error.text.lower()


def test_rate_limit_says_how_long_to_wait(fake_server, service):
    fake_server.script(rate_limited(2.5))

    error = the_failure(run_stream(service))

    assert error.kind is ErrorKind.RATE_LIMITED
    assert error.retryable is True
    assert error.retry_after_s == pytest.approx(2.5, abs=0.05)
    assert_plain(error)
    assert "Try again in 2.5 s" in error.text
    assert len(fake_server.chat_requests()) == 1


def test_rate_limit_wait_from_the_message_when_headers_are_missing(fake_server, service):
    no_headers = {name: None for name in ("retry-after", "retry-after-ms", "x-ratelimit-reset-tokens")}
    fake_server.script(rate_limited(0.644, headers=no_headers))

    error = the_failure(run_stream(service))

    assert error.kind is ErrorKind.RATE_LIMITED
    assert error.retry_after_s == pytest.approx(0.644, abs=0.01)
    assert "Try again in 0.6 s" in error.text


def test_quota_is_not_retryable_and_is_sent_once(fake_server, service):
    quota = insufficient_quota()
    quota.headers = {"x-should-retry": None}  # let the SDK's own rules decide: they would retry a 429
    fake_server.script(quota)

    error = the_failure(run_stream(service))

    assert error.kind is ErrorKind.QUOTA_EXCEEDED
    assert error.retryable is False
    assert_plain(error)
    assert "billing" in error.text.lower() or "billing" in error.text.lower()
    assert len(fake_server.chat_requests()) == 1, "no silent SDK retries"


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors(fake_server, service, status):
    fake_server.script(server_error(status))

    error = the_failure(run_stream(service))

    assert error.kind is ErrorKind.SERVER_ERROR and error.status == status
    assert error.retryable is True
    assert_plain(error)
    assert str(status) in error.text and "retry" in error.text.lower()
    if status == 503:
        assert "overloaded" in error.text
    assert len(fake_server.chat_requests()) == 1


def test_broken_rate_limit_headers_fall_back_to_the_message(fake_server, service):
    broken = {"retry-after-ms": "nan", "retry-after": "1.5.2s", "x-ratelimit-reset-tokens": "inf"}
    fake_server.script(rate_limited(2.5, headers=broken))

    error = the_failure(run_stream(service))

    assert error.kind is ErrorKind.RATE_LIMITED
    assert error.retry_after_s == pytest.approx(2.5)
    assert "Try again in 2.5 s" in error.text


NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)


@pytest.mark.parametrize(
    ("reply", "says"),
    [
        (Raw(502, NGINX_502, "text/html"), "502 Bad Gateway"),
        (Raw(500, "Internal Server Error"), "Internal Server Error"),
        (Raw(503, ""), ""),
    ],
    ids=["proxy-html-page", "plain-text", "empty-body"],
)
def test_server_errors_without_openais_json_body(fake_server, service, reply, says):
    fake_server.script(reply)

    error = the_failure(run_stream(service))

    assert error.kind is ErrorKind.SERVER_ERROR
    assert_plain(error)
    assert error.args.get("server", "") == says, error.args  # the UI shows it after the message
    assert "<" not in error.text


@pytest.mark.parametrize(
    "reply",
    [unsupported_parameter("temperature"), unsupported_value("temperature", 0.2)],
    ids=["unsupported_parameter", "unsupported_value"],
)
def test_unsupported_temperature_names_the_parameter(fake_server, service, reply):
    fake_server.script(reply)

    error = the_failure(run_stream(service, chat_request(model="o3-mini", temperature=0.2)))

    assert error.kind is ErrorKind.UNSUPPORTED_PARAMETER
    assert error.param == "temperature"
    assert_plain(error)
    assert "'temperature'" in error.text
    assert "without 'temperature'" in error.text
    if reply.code == "unsupported_value":
        assert "does not support 0.2" in error.text


# --- network faults -------------------------------------------------------------------------------


def test_no_headers_within_the_read_timeout_is_a_timeout(fake_server):
    fake_server.script(Hang(5))
    service = LlmService(fake_server.base_url, "sk-test", read_timeout_s=0.3)

    started = time.monotonic()
    error = the_failure(run_stream(service))

    assert time.monotonic() - started < 3
    assert error.kind is ErrorKind.TIMEOUT
    assert error.retryable is True
    assert_plain(error)
    assert "kept" not in error.text, "nothing arrived, so nothing can be 'kept'"


def test_silence_mid_stream_is_a_timeout_and_the_text_so_far_arrives(fake_server):
    fake_server.script(Stream(text="one two three", delay=3))
    service = LlmService(fake_server.base_url, "sk-test", read_timeout_s=0.3)

    events = run_stream(service)

    assert texts(events) == "one"
    error = the_failure(events)
    assert error.kind is ErrorKind.TIMEOUT
    assert_plain(error)


def test_nothing_listening_is_connection_refused():
    base_url = unused_port_base_url()

    started = time.monotonic()
    error = the_failure(run_stream(LlmService(base_url, "sk-test")))

    assert time.monotonic() - started < 3
    assert error.kind is ErrorKind.CONNECTION_REFUSED
    assert_plain(error)
    assert base_url in error.text


def test_dropped_connection_after_text(fake_server, service):
    fake_server.script(Stream(text="alpha beta gamma delta", drop_after=2))

    events = run_stream(service)

    assert isinstance(events[0], ReplyStarted)
    assert texts(events) == "alpha beta"
    error = the_failure(events)
    assert error.kind is ErrorKind.CONNECTION_DROPPED
    assert_plain(error)
    assert "Retry" in error.text  # "the partial answer is kept" is the view's status line (tests/qt)


def test_malformed_event_stops_the_stream_with_a_clear_error(fake_server, service):
    fake_server.script(Stream(text="alpha beta gamma delta", malformed_after=2))

    events = run_stream(service)

    assert texts(events) == "alpha beta"
    error = the_failure(events)
    assert error.kind is ErrorKind.MALFORMED_STREAM
    assert_plain(error)


def test_error_event_in_the_stream_carries_the_servers_message(fake_server, service):
    event = {"error": {"message": "The model crashed while thinking.", "type": "server_error", "param": None,
                       "code": None}}
    fake_server.script(Stream(text="alpha beta gamma delta", error_event_after=2, error_event=event))

    events = run_stream(service)

    assert texts(events) == "alpha beta"
    error = the_failure(events)
    assert error.kind is ErrorKind.STREAM_ERROR
    assert_plain(error)
    assert "The model crashed while thinking." in error.text


def test_a_web_page_instead_of_an_api_is_not_an_empty_answer(fake_server, service):
    fake_server.not_openai = True

    error = the_failure(run_stream(service))

    assert error.kind is ErrorKind.NOT_OPENAI_API
    assert_plain(error)
    assert "/v1" in error.text


def test_a_good_stream_has_no_failure(fake_server, service):
    fake_server.script(Stream(text="all good here"))

    events = run_stream(service)

    assert texts(events) == "all good here"
    assert not any(isinstance(e, ReplyFailed) for e in events)


# --- list_models ----------------------------------------------------------------------------------


def list_models_error(base_url: str, key: str = "sk-test") -> AppError:
    with pytest.raises(ServiceError) as caught:
        LlmService(base_url, key, read_timeout_s=5.0).list_models()
    error = caught.value.error
    assert_plain(error)
    return error


def test_list_models_works(fake_server):
    assert LlmService(fake_server.base_url, "sk-test").list_models() == fake_server.models


def test_list_models_with_a_wrong_key(fake_server):
    fake_server.api_key = "sk-the-right-one"

    error = list_models_error(fake_server.base_url, SECRET_KEY)

    assert error.kind is ErrorKind.INVALID_KEY
    for text in (error.text, error.text, error.detail):
        assert SECRET_KEY not in text


def test_list_models_with_nothing_listening():
    assert list_models_error(unused_port_base_url()).kind is ErrorKind.CONNECTION_REFUSED


def test_list_models_from_a_plain_web_server(fake_server):
    fake_server.not_openai = True

    error = list_models_error(fake_server.base_url)

    assert error.kind is ErrorKind.NOT_OPENAI_API
    assert fake_server.base_url in error.text


def test_list_models_from_a_server_without_that_route(fake_server):
    fake_server.reply_on("/v1/models", Raw(404, "404 page not found"))

    assert list_models_error(fake_server.base_url).kind is ErrorKind.NOT_OPENAI_API


def test_list_models_with_json_of_another_shape(fake_server):
    fake_server.reply_on("/v1/models", Raw(200, '{"models": ["a", "b"]}', "application/json"))

    assert list_models_error(fake_server.base_url).kind is ErrorKind.NOT_OPENAI_API


# --- cancel ---------------------------------------------------------------------------------------


class Consumer:
    """Iterates `stream_chat` on its own thread, as the reply worker does."""

    def __init__(self, service: LlmService) -> None:
        self.cancel = CancelToken()
        self.events: list = []
        self._generator = service.stream_chat(chat_request(), self.cancel)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for event in self._generator:
            self.events.append(event)

    def wait_for(self, condition, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, "timed out waiting"
            time.sleep(0.005)

    def cancel_and_time(self) -> float:
        """Cancel from this thread; seconds until the generator has ended."""
        started = time.monotonic()
        self.cancel.cancel()
        self._thread.join(5)
        assert not self._thread.is_alive(), "the generator did not end after cancel"
        return time.monotonic() - started


def test_cancel_mid_stream_ends_quickly_and_disconnects(fake_server, service):
    fake_server.script(Stream(choices=[[f"tok{i} " for i in range(200)]], delay=0.05))
    consumer = Consumer(service)
    consumer.wait_for(lambda: any(isinstance(e, TextDelta) for e in consumer.events))

    assert consumer.cancel_and_time() < 1.0
    assert fake_server.client_disconnected.wait(5), "the server must see the connection closed"
    assert not any(isinstance(e, ReplyFailed) for e in consumer.events), "a cancel is not a failure"
    assert len([e for e in consumer.events if isinstance(e, TextDelta)]) < 200


def test_cancel_while_the_server_holds_back_its_headers(fake_server, service):
    fake_server.script(Hang(10))
    consumer = Consumer(service)
    consumer.wait_for(lambda: fake_server.chat_requests())
    time.sleep(0.05)  # let the client block on the response headers

    assert consumer.cancel_and_time() < 1.0
    assert consumer.events == []


def test_cancel_while_silent_after_the_headers(fake_server, service):
    fake_server.script(Stream(text="late words", first_delay=10))
    consumer = Consumer(service)
    consumer.wait_for(lambda: fake_server.chat_requests())
    time.sleep(0.1)  # headers sent, the client blocks waiting for the first chunk

    assert consumer.cancel_and_time() < 1.0
    assert consumer.events == []


def test_cancel_before_headers_closes_the_connection():
    """A bare listener that reads the request and never answers (like Hang) sees the client hang up."""
    listener = socket.create_server(("127.0.0.1", 0))
    request_read, hung_up = threading.Event(), threading.Event()

    def serve() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.settimeout(10)
            data = b""
            while b"\r\n\r\n" not in data:
                data += connection.recv(65536)
            request_read.set()
            try:
                while connection.recv(65536):
                    pass
                hung_up.set()  # EOF: the client closed its side
            except OSError:
                hung_up.set()  # reset: closed as well

    threading.Thread(target=serve, daemon=True).start()
    try:
        port = listener.getsockname()[1]
        consumer = Consumer(LlmService(f"http://127.0.0.1:{port}/v1", "sk-test", read_timeout_s=10.0))
        assert request_read.wait(5)
        time.sleep(0.05)

        assert consumer.cancel_and_time() < 1.0
        assert hung_up.wait(2), "the client must close the connection on cancel"
        assert consumer.events == []
    finally:
        listener.close()


def test_a_cancel_before_the_request_sends_nothing(fake_server, service):
    token = CancelToken()
    token.cancel()

    assert list(service.stream_chat(chat_request(), token)) == []
    assert fake_server.chat_requests() == []
