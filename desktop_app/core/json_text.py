"""JSON text of records that may hold huge strings, made without holding the GIL for long."""

from __future__ import annotations

import json
import uuid
from json.encoder import encode_basestring

# Strings longer than this are escaped in pieces: json.dumps escapes a 5 MB string in one C call
# that holds the GIL ~20 ms (more on a loaded machine), and the GUI thread waits for the GIL.
PIECE_CHARS = 256_000


def dumps(value) -> str:
    """``json.dumps(value, ensure_ascii=False)``, with long strings escaped piece by piece."""
    big: dict[str, str] = {}
    prefix = f"json-piece-{uuid.uuid4().hex}-"
    small = _replace_big(value, big, prefix)
    text = json.dumps(small, ensure_ascii=False)
    for marker, original in big.items():
        escaped = "".join(encode_basestring(original[i : i + PIECE_CHARS])[1:-1] for i in range(0, len(original), PIECE_CHARS))
        text = text.replace(marker, escaped, 1)
    return text


def _replace_big(value, big: dict[str, str], prefix: str):
    """`value` with every long string (not dict keys) replaced by a unique marker kept in `big`."""
    if isinstance(value, str):
        if len(value) <= PIECE_CHARS:
            return value
        marker = f"{prefix}{len(big)}"
        big[marker] = value
        return marker
    if isinstance(value, dict):
        return {key: _replace_big(item, big, prefix) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_replace_big(item, big, prefix) for item in value]
    return value
