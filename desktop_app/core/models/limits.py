"""How many tokens a model reads at most (OpenAI's published context windows, by name)."""

from __future__ import annotations

from desktop_app.core.models.names import base_name

# (model name prefix, context window in tokens), most specific first: the first match wins.
KNOWN_CONTEXT_WINDOWS: tuple[tuple[str, int], ...] = (
    ("gpt-4.1", 1_047_576),
    ("gpt-4o", 128_000),  # also gpt-4o-mini, gpt-4o-audio-preview, gpt-4o-mini-audio-preview
    ("chatgpt-4o", 128_000),
    ("gpt-4.5", 128_000),
    ("gpt-4-turbo", 128_000),
    ("gpt-4-1106", 128_000),  # the gpt-4-turbo previews, named by date
    ("gpt-4-0125", 128_000),
    ("gpt-4-32k", 32_768),
    ("gpt-4", 8_192),
    ("gpt-3.5-turbo-instruct", 4_096),
    ("gpt-3.5-turbo", 16_385),
    ("o1-mini", 128_000),  # the first o1 releases had the smaller window
    ("o1-preview", 128_000),
    ("o1", 200_000),
    ("o3", 200_000),
    ("o4-mini", 200_000),
    ("gpt-5-chat", 128_000),
    ("gpt-5.1-chat", 128_000),
    ("gpt-5.2-chat", 128_000),
    ("gpt-5.3-chat", 128_000),
    ("gpt-5.4-mini", 400_000),
    ("gpt-5.4-nano", 400_000),
    ("gpt-5.4", 1_050_000),
    ("gpt-5.5", 1_000_000),
    ("gpt-5.6", 1_050_000),
    ("gpt-5", 400_000),
    ("gpt-6", 1_050_000),
    ("gpt-audio", 128_000),
)


def known_context_window(model: str) -> int | None:
    """The published context window of `model` by its name, or None when the name is not known."""
    name = base_name(model)
    for prefix, tokens in KNOWN_CONTEXT_WINDOWS:
        if name.startswith(prefix):
            return tokens
    return None
