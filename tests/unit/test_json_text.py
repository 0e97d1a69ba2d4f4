"""JSON of records with huge strings, escaped in pieces, is exactly what json.dumps makes."""

from __future__ import annotations

import json

from desktop_app.core import json_text


def test_records_with_huge_strings_come_out_as_json_dumps_makes_them():
    big = ('a "quoted" line\twith \\ escapes, € 서울 \x01 😀' * 40 + "\n") * 2_000
    record = {"id": "m1", "choices": [{"text": big, "n": 1}, {"text": big[:300_000]}], "extra": [None, True, 2.5]}
    assert len(big) > 4 * json_text.PIECE_CHARS
    made = json_text.dumps(record)
    assert made == json.dumps(record, ensure_ascii=False)
    assert json.loads(made) == record


def test_small_records_and_a_marker_lookalike_are_left_alone():
    record = {"text": "json-piece-0", "list": ["x" * 10]}
    assert json_text.dumps(record) == json.dumps(record, ensure_ascii=False)
