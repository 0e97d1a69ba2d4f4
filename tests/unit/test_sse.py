"""The server-sent-events reader behind streamed replies (no network, no Qt)."""

from __future__ import annotations

import pytest

from desktop_app.services.llm import EventTooLong, sse_events, usage_from_dict


def events(*blocks: bytes, limit: int = 10_000) -> list[str]:
    return list(sse_events(iter(blocks), limit=limit))


def test_each_event_yields_its_data():
    assert events(b'data: {"a": 1}\n\ndata: {"b": 2}\n\ndata: [DONE]\n\n') == ['{"a": 1}', '{"b": 2}', "[DONE]"]


def test_comments_and_other_fields_carry_no_data():
    stream = b': keep-alive\n\nevent: message\nid: 7\nretry: 1000\ndatum: no\ndata: {"x": 1}\n\n'
    assert events(stream) == ['{"x": 1}']


def test_multi_line_data_is_joined_with_newlines_and_the_space_after_the_colon_is_optional():
    assert events(b'data:{\ndata:  "k": 1\ndata\ndata: }\n\n') == ['{\n "k": 1\n\n}']


def test_a_last_event_without_its_blank_line_is_not_lost():
    assert events(b'data: {"last": true}') == ['{"last": true}']
    assert events(b'data: {"a": 1}\ndata: 2\r\n') == ['{"a": 1}\n2']


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
    blocks = [b"data: {\"a\"", b": 1}\r\n\r", b"\ndata: \xea\xb0", b"\x80\n\n", b"data: [DONE]"]
    assert events(*blocks) == ['{"a": 1}', "가", "[DONE]"]


def test_an_event_over_the_bound_stops_before_it_is_all_read():
    read = []

    def blocks():
        yield b"data: ok\n\n"
        while True:
            read.append(1)
            yield b"x" * 1000

    found = sse_events(blocks(), limit=10_000)
    assert next(found) == "ok"
    with pytest.raises(EventTooLong):
        next(found)
    assert len(read) <= 11


def test_an_event_of_many_lines_counts_all_of_them_against_the_bound():
    with pytest.raises(EventTooLong):
        events(*[b"data: " + b"x" * 500 + b"\n"] * 30, limit=10_000)
    assert len(events(*[b"data: " + b"x" * 500 + b"\n\n"] * 30, limit=10_000)) == 30
