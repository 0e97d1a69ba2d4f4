"""How much of a model's context window a conversation uses, and how to make it fit.

The sizes are the ones OpenAI publishes per model family (core.models.limits); a server that is
not OpenAI (Ollama, llama.cpp, vLLM) runs whatever the user loaded, so its models are unknown unless
the user sets a size in the parameters panel (an override per exact model name).
"""

from __future__ import annotations

from typing import Callable

from desktop_app.core.models.limits import known_context_window

MAX_CONTEXT_WINDOW = 10_000_000  # an override above this is a typo, not a model
MAX_DEFAULT_REPLY_RESERVE = 4096


def context_limit(model: str, overrides: dict[str, int], learned: dict[str, int] | None = None) -> int | None:
    """The context window to budget with: the user's override for this exact model, else what the
    server said (its error or model metadata), else the published size, else None (unknown)."""
    override = overrides.get(model.strip()) or (learned or {}).get(model.strip())
    if override:
        return override
    return known_context_window(model)


def reply_reserve(limit: int, max_completion_tokens: int | None) -> int:
    """Tokens kept free for the answer: the length cap when one is set, else a quarter of the
    window up to 4096."""
    if max_completion_tokens:
        return max_completion_tokens
    return min(MAX_DEFAULT_REPLY_RESERVE, limit // 4)


def leave_out_oldest(
    messages: list[dict], count_chat: Callable[[list[dict]], int], budget: int
) -> tuple[list[dict], int]:
    """Drop whole oldest turns until `count_chat(kept) <= budget`; returns (kept, how many left out).

    A turn is a user message and the replies that follow it. The system/developer message and
    everything from the last user message on are always kept, even when they alone are over.
    """
    head = 1 if messages and messages[0].get("role") in ("system", "developer") else 0
    users = [i for i in range(head, len(messages)) if messages[i].get("role") == "user"]
    tail = users[-1] if users else max(head, len(messages) - 1)
    # Where each droppable turn starts; messages before the first user message form a turn too.
    starts = sorted({head, *(i for i in users if i < tail)}) if tail > head else []

    def kept(dropped_turns: int) -> list[dict]:
        cut = starts[dropped_turns] if dropped_turns < len(starts) else tail
        return messages[:head] + messages[cut:]

    if not starts or count_chat(messages) <= budget:
        return list(messages), 0
    minimum = kept(len(starts))
    if count_chat(minimum) > budget:
        return minimum, len(messages) - len(minimum)
    # Fewer turns dropped never counts less, so binary search the fewest that fit:
    # O(n log n) tokens counted instead of O(n^2) for a long conversation.
    low, high = 1, len(starts)  # high always fits, low - 1 never does
    while low < high:
        middle = (low + high) // 2
        if count_chat(kept(middle)) <= budget:
            high = middle
        else:
            low = middle + 1
    result = kept(low)
    return result, len(messages) - len(result)

