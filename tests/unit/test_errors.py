"""Rate-limit waits: the API's duration strings, and how a wait is shown to the user."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import AppError, ErrorKind, format_wait, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("644ms", 0.644),
        ("1s", 1.0),
        ("6m0s", 360.0),
        ("1m30s", 90.0),
        ("1h2m", 3720.0),
        ("2h", 7200.0),
        ("1.5s", 1.5),
        ("0ms", 0.0),
        ("20", 20.0),  # Retry-After in plain seconds
        ("0.5", 0.5),
        (" 7s ", 7.0),
    ],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    "text",
    [None, "", "abc", "5x", "3d", "ms", "s", "1m30", "12 s", "-1s", "Wed, 21 Oct 2015 07:28:00 GMT"],
)
def test_parse_duration_rejects_garbage(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize("text", ["1.5.2s", "  ", "-1", "inf", "nan"])
def test_parse_duration_rejects_malformed_numbers(text):
    assert parse_duration(text) is None


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0.0 s"),
        (0.644, "0.6 s"),
        (9.94, "9.9 s"),
        (10, "10 s"),
        (12.4, "12 s"),
        (59.4, "59 s"),
        (60, "1 min"),
        (65, "1 min 5 s"),
        (185, "3 min 5 s"),
        (360, "6 min"),
    ],
)
def test_format_wait(seconds, text):
    assert format_wait(seconds) == text


def test_parsed_header_reads_naturally():
    assert format_wait(parse_duration("6m0s")) == "6 min"
    assert format_wait(parse_duration("644ms")) == "0.6 s"
    assert format_wait(parse_duration("1m30s")) == "1 min 30 s"


def test_app_error_text_joins_message_and_hint():
    error = AppError(ErrorKind.RATE_LIMITED, "Rate limit reached (429).", "Try again in 12 s.")
    assert error.text == "Rate limit reached (429). Try again in 12 s."
    assert AppError(ErrorKind.UNKNOWN, "Something failed.").text == "Something failed."


def test_a_stored_failure_is_its_kind_and_parameters_not_a_sentence():
    from desktop_app.core.conversation import Message
    from desktop_app.core.i18n import trans_late
    from desktop_app.core.records import message_from_dict, message_to_dict

    error = AppError(
        ErrorKind.CONNECTION_REFUSED,
        trans_late("AppError", "Could not reach the server at {base_url}."),
        trans_late("AppError", "Check your network connection, or that the local server is running."),
        args={"base_url": "http://localhost:11434/v1"},
    )
    message = Message.user("Hi")
    message.error = error
    stored = message_to_dict(message)["error"]
    assert stored["kind"] == "connection_refused"
    assert stored["message"] == "Could not reach the server at {base_url}."  # the template: the UI words it
    assert stored["args"] == {"base_url": "http://localhost:11434/v1"}
    again = message_from_dict(message_to_dict(message)).error
    assert again.kind is ErrorKind.CONNECTION_REFUSED and again.args == error.args
    assert "http://localhost:11434/v1" in again.text  # English for logs, filled from the parameters


def test_a_record_from_before_parameters_still_reads():
    from desktop_app.core.conversation import Message
    from desktop_app.core.records import message_from_dict, message_to_dict

    message = Message.user("Hi")
    message.error = AppError(ErrorKind.TIMEOUT, "The server did not answer in time.", "Retry.")
    old = message_to_dict(message)
    del old["error"]["args"]
    assert message_from_dict(old).error.args == {}
