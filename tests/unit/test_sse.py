"""The server-sent-events reader behind streamed replies (no network, no Qt)."""

from __future__ import annotations

import pytest

from desktop_app.services.llm import sse_data, usage_from_dict


def test_each_event_yields_its_data():
    lines = ['data: {"a": 1}', "", 'data: {"b": 2}', "", "data: [DONE]", ""]
    assert list(sse_data(lines)) == ['{"a": 1}', '{"b": 2}', "[DONE]"]


def test_comments_and_other_fields_carry_no_data():
    lines = [": keep-alive", "", "event: message", "id: 7", "retry: 1000", 'data: {"x": 1}', ""]
    assert list(sse_data(lines)) == ['{"x": 1}']


def test_multi_line_data_is_joined_with_newlines_and_the_space_after_the_colon_is_optional():
    lines = ["data:{", 'data:  "k": 1', "data: }", ""]
    assert list(sse_data(lines)) == ['{\n "k": 1\n}']


def test_a_last_event_without_its_blank_line_is_not_lost():
    assert list(sse_data(['data: {"last": true}'])) == ['{"last": true}']


def test_usage_with_missing_details_reads_as_unknown_not_zero():
    usage = usage_from_dict({"prompt_tokens": 12, "completion_tokens": 6, "total_tokens": 18})
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (12, 6, 18)
    assert usage.reasoning_tokens is None and usage.cached_tokens is None
    detailed = usage_from_dict(
        {
            "prompt_tokens": 1,
            "completion_tokens": 2,
            "total_tokens": 3,
            "prompt_tokens_details": {"cached_tokens": 4},
            "completion_tokens_details": {"reasoning_tokens": 5},
        }
    )
    assert (detailed.cached_tokens, detailed.reasoning_tokens) == (4, 5)


def test_usage_reports_image_and_audio_tokens_when_the_server_gives_them():
    usage = usage_from_dict(
        {
            "prompt_tokens": 180,
            "completion_tokens": 420,
            "total_tokens": 600,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 32, "text_tokens": 148, "image_tokens": 85},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 360, "text_tokens": 60},
        }
    )
    assert (usage.image_tokens, usage.audio_prompt_tokens, usage.audio_completion_tokens) == (85, 32, 360)
    bare = usage_from_dict({"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3,
                            "prompt_tokens_details": None, "completion_tokens_details": {"audio_tokens": None}})
    assert (bare.image_tokens, bare.audio_prompt_tokens, bare.audio_completion_tokens) == (None, None, None)


def test_lines_are_cut_at_lf_and_crlf_across_blocks():
    from desktop_app.services.llm import bounded_lines

    blocks = [b"data: {\"a\"", b": 1}\r\n\r", b"\ndata: \xea\xb0", b"\x80\n\n", b"data: [DONE]"]
    assert list(bounded_lines(blocks)) == ['data: {"a": 1}', "", "data: 가", "", "data: [DONE]"]


def test_an_event_over_the_bound_stops_before_it_is_all_read():
    from desktop_app.services.llm import EventTooLong, bounded_lines

    read = []

    def blocks():
        yield b"data: ok\n\n"
        while True:
            read.append(1)
            yield b"x" * 1000

    lines = bounded_lines(blocks(), limit=10_000)
    assert next(lines) == "data: ok"
    assert next(lines) == ""
    with pytest.raises(EventTooLong):
        next(lines)
    assert len(read) <= 11
