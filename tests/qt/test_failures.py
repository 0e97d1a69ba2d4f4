"""Failures in the real window: what the user reads, that nothing is lost, and the offered actions.

Every fault the loopback server can produce is sent through the composer. For each: the failed
reply's footer explains it in plain words, the app stays usable, the user's message stays in the
conversation and a draft typed meanwhile stays in the composer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pytest

from desktop_app.core.conversation import MessageStatus, Role
from desktop_app.core.errors import ErrorKind
from tests.fakes.openai_server import (
    DEFAULT_TEXT,
    Hang,
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

QUESTION = "What is the airspeed velocity of an unladen swallow?"
DRAFT = "And a follow-up I am typing meanwhile"
PARTIAL = "The answer is about"


@dataclass
class Case:
    """One failure: how to start the app, how to break it, and what the footer must say."""

    kind: ErrorKind
    footer_says: tuple[str, ...]
    status: MessageStatus = MessageStatus.FAILED
    arrange: Callable = lambda driver: None
    start: dict = field(default_factory=dict)
    retry_offered: bool = True
    recovers: bool = True  # the next message succeeds without changing anything


def script(*replies):
    return lambda driver: driver.server.script(*replies)


def revoke_key(driver):
    # The key worked for the model list, then the server stopped accepting it.
    driver.server.api_key = "sk-a-different-key"


CASES = {
    "401-invalid-key": Case(
        ErrorKind.INVALID_KEY, ("rejected the API key", "Settings"), arrange=revoke_key, recovers=False
    ),
    "403-forbidden": Case(ErrorKind.FORBIDDEN, ("Access denied", "not supported"), arrange=script(forbidden())),
    "404-model": Case(
        ErrorKind.MODEL_NOT_FOUND,
        ("does not exist", "gpt-4o-mini", "Pick another model"),
        arrange=script(model_not_found("gpt-4o-mini")),
    ),
    "429-rate-limit": Case(
        ErrorKind.RATE_LIMITED, ("Rate limit", "Try again in 2.5 s"), arrange=script(rate_limited(2.5))
    ),
    "429-quota": Case(
        ErrorKind.QUOTA_EXCEEDED, ("quota", "billing"), arrange=script(insufficient_quota()), retry_offered=False
    ),
    "500": Case(ErrorKind.SERVER_ERROR, ("server had an error (500)", "retry"), arrange=script(server_error(500))),
    "503": Case(ErrorKind.SERVER_ERROR, ("(503)", "overloaded"), arrange=script(server_error(503))),
    "timeout": Case(
        ErrorKind.TIMEOUT,
        ("did not answer in time",),
        arrange=script(Hang(5)),
        start={"settings": {"read_timeout_s": 0.5}},
    ),
    "connection-refused": Case(
        ErrorKind.CONNECTION_REFUSED,
        ("Could not reach the server", "running"),
        start={"base_url": "unused", "wait_models": False},
        recovers=False,
    ),
    "dropped-mid-stream": Case(
        ErrorKind.CONNECTION_DROPPED,
        ("Interrupted", "partial answer is kept", "connection dropped"),
        status=MessageStatus.INTERRUPTED,
        arrange=script(Stream(text=PARTIAL + " eleven metres per second.", drop_after=4)),
    ),
    "malformed-sse": Case(
        ErrorKind.MALFORMED_STREAM,
        ("Interrupted", "could not be read"),
        status=MessageStatus.INTERRUPTED,
        arrange=script(Stream(text=PARTIAL + " eleven metres per second.", malformed_after=4)),
    ),
    "error-event-in-stream": Case(
        ErrorKind.STREAM_ERROR,
        ("Interrupted", "reported an error", "The server had an error while processing your request."),
        status=MessageStatus.INTERRUPTED,
        arrange=script(Stream(text=PARTIAL + " eleven metres per second.", error_event_after=4)),
    ),
}


def start_for(start_app, case: Case):
    options = dict(case.start)
    if options.get("base_url") == "unused":
        options["base_url"] = unused_port_base_url()
    return start_app(**options)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_failure_is_explained_and_nothing_is_lost(start_app, case: Case):
    driver = start_for(start_app, case)
    case.arrange(driver)

    driver.send(QUESTION)
    driver.type(DRAFT)  # the user keeps typing while the request is under way or failing
    reply = driver.wait_reply_done()

    # What the user reads under the reply.
    footer = driver.footer(reply)
    assert reply.status is case.status, footer
    assert reply.error is not None and reply.error.kind is case.kind, reply.error
    for words in case.footer_says:
        assert words in footer, f"{words!r} not in footer: {footer!r}"
    assert "Error code:" not in footer and "Traceback" not in footer and '{"error"' not in footer
    links = driver.view.links(reply.id)
    assert any(h.startswith("app:retry/") for h in links) is case.retry_offered, links
    if case.status is MessageStatus.FAILED:
        assert any(h.startswith("app:edit/") for h in links), links
    else:
        assert driver.shown_text(reply).strip() == PARTIAL, "the partial answer stays visible"
        assert reply.text == PARTIAL

    # Nothing is lost: the question stays in the conversation, the draft in the composer.
    question = driver.chat.current.messages[-2]
    assert question.role is Role.USER and question.text == QUESTION
    assert driver.shown_text(question).strip() == QUESTION
    assert driver.edit.toPlainText() == DRAFT

    # The app is not stuck: it accepts the next message.
    assert not driver.chat.is_busy()
    assert driver.window.composer.send_button.isEnabled()
    if case.recovers:
        driver.press_enter()
        next_reply = driver.wait_reply_done()
        assert next_reply is not reply and next_reply.status is MessageStatus.DONE
        assert driver.shown_text(next_reply).strip() == DEFAULT_TEXT
        assert driver.edit.toPlainText() == ""
        assert reply in driver.chat.current.messages, "the failed turn stays visible in the history"


def test_edit_and_resend_puts_the_text_back_and_removes_the_failed_turn(driver):
    driver.server.script(server_error(500))
    driver.send(QUESTION)
    reply = driver.wait_reply_done()
    assert reply.status is MessageStatus.FAILED
    question = driver.chat.current.messages[-2]

    driver.click_link(reply, "edit/")

    assert driver.edit.toPlainText() == QUESTION
    assert driver.chat.current.messages == []
    assert driver.view.links(reply.id) == [] and driver.shown_text(question) == ""
    assert "server had an error" not in driver.view.toPlainText()
    driver.type(" Please answer in km/h.")
    driver.press_enter()
    resent = driver.wait_reply_done()
    assert resent.status is MessageStatus.DONE
    assert driver.server.last_chat_body()["messages"] == [
        {"role": "user", "content": QUESTION + " Please answer in km/h."}
    ]


def test_edit_and_resend_keeps_a_draft_typed_meanwhile(driver):
    driver.server.script(model_not_found("gpt-4o-mini"))
    driver.send(QUESTION)
    driver.type(DRAFT)
    reply = driver.wait_reply_done()

    driver.click_link(reply, "edit/")

    text = driver.edit.toPlainText()
    assert text.startswith(QUESTION) and DRAFT in text


def test_retry_after_a_server_error_shows_the_new_answer(driver):
    driver.server.script(server_error(500), Stream(text="Second time lucky."))
    driver.send(QUESTION)
    failed = driver.wait_reply_done()
    assert failed.status is MessageStatus.FAILED

    driver.click_link(failed, "retry/")
    reply = driver.wait_reply_done()

    assert reply.status is MessageStatus.DONE
    assert driver.shown_text(reply).strip() == "Second time lucky."
    assert driver.replies() == [reply], "the failed reply is replaced"
    assert "server had an error" not in driver.view.toPlainText()
    requests = driver.server.chat_requests()
    assert len(requests) == 2
    assert requests[1].body["messages"] == requests[0].body["messages"] == [{"role": "user", "content": QUESTION}]


def test_resend_without_temperature(driver):
    driver.server.script(unsupported_value("temperature", 1.0), Stream(text="Fine without it."))
    spin = driver.window.params_panel.temperature_spin
    assert spin.isEnabled()
    driver.send(QUESTION)
    failed = driver.wait_reply_done()
    assert driver.server.last_chat_body()["temperature"] == 1.0
    assert failed.status is MessageStatus.FAILED
    footer = driver.footer(failed)
    assert "Resend without 'temperature'" in footer
    assert "does not support 1.0" in footer

    driver.click_link(failed, "without/")
    reply = driver.wait_reply_done()

    assert reply.status is MessageStatus.DONE
    assert driver.shown_text(reply).strip() == "Fine without it."
    second = driver.server.chat_requests()[1].body
    assert "temperature" not in second
    assert second["messages"] == [{"role": "user", "content": QUESTION}]
    assert not spin.isEnabled()
    assert not driver.window.params_panel.temperature_slider.isEnabled()


def test_resend_without_max_tokens(start_app):
    driver = start_app(settings={"params": {"max_completion_tokens": 50}})
    driver.server.script(unsupported_parameter("max_tokens"), Stream(text="Short answer."))
    driver.send(QUESTION)
    failed = driver.wait_reply_done()
    assert driver.server.last_chat_body()["max_tokens"] == 50
    assert "Resend with 'max_completion_tokens'" in driver.footer(failed)

    driver.click_link(failed, "without/")
    reply = driver.wait_reply_done()

    assert reply.status is MessageStatus.DONE
    assert driver.shown_text(reply).strip() == "Short answer."
    second = driver.server.chat_requests()[1].body
    assert "max_tokens" not in second
    assert second["max_completion_tokens"] == 50, "the user's length cap is kept under the other name"
    assert "'max_completion_tokens'" in driver.window.params_panel.role_label.text()


def test_rate_limit_wait_counts_down_to_you_can_retry_now(driver):
    driver.server.script(rate_limited(1.2))
    driver.send(QUESTION)
    failed = driver.wait_reply_done()
    assert "Try again in" in driver.footer(failed)
    driver.qtbot.waitUntil(lambda: "You can retry now." in driver.footer(failed), timeout=5000)
    driver.click_link(failed, "retry/")
    reply = driver.wait_reply_done()
    assert reply.status is MessageStatus.DONE
