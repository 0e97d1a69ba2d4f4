"""Huge inputs: a stream line without end, a huge reply, a huge paste; the window stays usable."""

from __future__ import annotations

from tests.fakes.openai_server import Raw

MB = 1024 * 1024


def test_a_stream_line_over_16_mb_ends_the_reply_with_a_clear_error(driver):
    driver.server.script(Raw(200, b'data: {"choices": "' + b"x" * (17 * MB), "text/event-stream"))
    driver.send("hi")
    reply = driver.wait_reply_done(timeout=60000)
    assert "16 MB without a line break" in driver.footer(reply)
    assert reply.text == ""
