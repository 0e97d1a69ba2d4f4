"""The context budget: each model's window, the user's overrides, and leaving out the oldest turns."""

from __future__ import annotations

import pytest

from desktop_app.core.context_window import context_limit, leave_out_oldest, reply_reserve
from desktop_app.core.models.limits import known_context_window
from desktop_app.core.tokens import TokenCounter
from desktop_app.resource_paths import tiktoken_dir


@pytest.fixture(scope="module")
def count_chat():
    """The real counter the app uses for gpt-4o-mini (the shipped o200k_base file)."""
    counter = TokenCounter.load("gpt-4o-mini", tiktoken_dir())
    assert counter.exact
    return counter.count_chat


# --- context_limit ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "tokens"),
    [
        ("gpt-4.1", 1_047_576),
        ("gpt-4.1-mini-2025-04-14", 1_047_576),
        ("gpt-4o", 128_000),
        ("gpt-4o-mini", 128_000),
        ("gpt-4o-audio-preview", 128_000),
        ("gpt-4-turbo-2024-04-09", 128_000),
        ("gpt-4", 8_192),
        ("gpt-4-0613", 8_192),
        ("gpt-3.5-turbo", 16_385),
        ("o1", 200_000),
        ("o3-mini", 200_000),
        ("o4-mini", 200_000),
        ("gpt-5", 400_000),
        ("gpt-5-mini", 400_000),
        ("gpt-5-chat-latest", 128_000),
        ("gpt-audio", 128_000),
        ("gpt-audio-mini", 128_000),
        ("openai/gpt-4o-mini", 128_000),  # a router-style id
        ("ft:gpt-4o-mini-2024-07-18:acme::abc123", 128_000),  # a fine-tune
        (" GPT-4o ", 128_000),
    ],
)
def test_known_models_have_their_published_window(model, tokens):
    assert context_limit(model, {}) == tokens


@pytest.mark.parametrize("model", ["llama3.2", "qwen2.5:7b", "mistral-nemo", ""])
def test_models_of_local_servers_are_unknown(model):
    assert context_limit(model, {}) is None


def test_the_override_for_the_exact_model_wins():
    overrides = {"gpt-4o-mini": 200, "llama3.2": 131_072}
    assert context_limit("gpt-4o-mini", overrides) == 200
    assert context_limit("llama3.2", overrides) == 131_072
    # Only the exact name: another model of the same family keeps its published size.
    assert context_limit("gpt-4o", overrides) == 128_000
    assert context_limit("llama3.2:1b", overrides) is None


def test_the_known_size_ignores_overrides():
    assert known_context_window("gpt-4o-mini") == 128_000


# --- reply_reserve ------------------------------------------------------------------------------------


def test_the_length_cap_is_kept_free_for_the_answer():
    assert reply_reserve(128_000, 1000) == 1000


def test_without_a_cap_a_quarter_of_the_window_up_to_4096_is_kept_free():
    assert reply_reserve(128_000, None) == 4096
    assert reply_reserve(8_192, None) == 2048
    assert reply_reserve(200, None) == 50


# --- leave_out_oldest ---------------------------------------------------------------------------------


def turn(n: int, replies: int = 1) -> list[dict]:
    """User message n, and its replies: each about 50 tokens."""
    user = {"role": "user", "content": f"Question {n}: " + "tell me more about the weather " * 8}
    return [user] + [{"role": "assistant", "content": f"Answer {n}.{r}: " + "it is sunny and warm " * 10}
                     for r in range(replies)]


SYSTEM = {"role": "system", "content": "You are terse."}


def conversation(turns: int, system: dict | None = SYSTEM) -> list[dict]:
    """A system message, `turns` finished turns, then the new user question."""
    messages = [system] if system else []
    for n in range(1, turns + 1):
        messages += turn(n)
    return messages + [{"role": "user", "content": "And tomorrow?"}]


def test_a_conversation_that_fits_is_sent_whole(count_chat):
    messages = conversation(3)
    kept, left_out = leave_out_oldest(messages, count_chat, count_chat(messages))
    assert kept == messages and left_out == 0


def test_oldest_turns_go_first_and_the_system_prompt_and_question_stay(count_chat):
    messages = conversation(5)
    budget = count_chat(messages) - 1  # one token too many: the oldest turn has to go
    kept, left_out = leave_out_oldest(messages, count_chat, budget)
    assert left_out == 2
    assert kept == [SYSTEM] + messages[3:]
    assert count_chat(kept) <= budget


def test_as_few_turns_as_possible_are_left_out(count_chat):
    messages = conversation(6)
    # The budget of the system message, the last two turns and the question.
    budget = count_chat([SYSTEM] + messages[-5:])
    kept, left_out = leave_out_oldest(messages, count_chat, budget)
    assert kept == [SYSTEM] + messages[-5:]
    assert left_out == 8
    assert kept[1]["content"].startswith("Question 5")


def test_a_turn_with_several_replies_goes_whole(count_chat):
    messages = [SYSTEM] + turn(1, replies=3) + turn(2) + [{"role": "user", "content": "Next?"}]
    kept, left_out = leave_out_oldest(messages, count_chat, count_chat(messages) - 1)
    assert left_out == 4
    assert kept == [SYSTEM] + messages[5:]
    assert [m["role"] for m in kept] == ["system", "user", "assistant", "user"]


def test_when_even_the_minimum_is_over_the_minimum_is_returned(count_chat):
    messages = conversation(4)
    kept, left_out = leave_out_oldest(messages, count_chat, 10)
    assert kept == [SYSTEM, messages[-1]]
    assert left_out == len(messages) - 2


def test_a_negative_budget_gives_the_minimum(count_chat):
    messages = conversation(2)
    kept, _ = leave_out_oldest(messages, count_chat, -500)
    assert kept == [SYSTEM, messages[-1]]


def test_a_developer_message_is_kept_like_a_system_message(count_chat):
    developer = {"role": "developer", "content": "Answer in French."}
    messages = conversation(3, system=developer)
    kept, left_out = leave_out_oldest(messages, count_chat, 0)
    assert kept == [developer, messages[-1]]
    assert left_out == 6


def test_without_a_system_message_only_turns_are_dropped(count_chat):
    messages = conversation(3, system=None)
    kept, left_out = leave_out_oldest(messages, count_chat, count_chat(messages) - 1)
    assert kept == messages[2:]
    assert left_out == 2


def test_the_last_user_message_and_what_follows_it_are_never_dropped(count_chat):
    # A retry: the request ends with the question and nothing after the old turns.
    messages = [SYSTEM] + turn(1) + turn(2, replies=0)
    kept, left_out = leave_out_oldest(messages, count_chat, 0)
    assert kept == [SYSTEM, messages[-1]]
    assert left_out == 2


def test_replies_before_the_first_question_count_as_a_turn(count_chat):
    greeting = {"role": "assistant", "content": "Hello! How can I help you today? " * 5}
    messages = [SYSTEM, greeting] + turn(1) + [{"role": "user", "content": "Next?"}]
    kept, left_out = leave_out_oldest(messages, count_chat, count_chat(messages) - 1)
    assert kept == [SYSTEM] + messages[2:]
    assert left_out == 1


@pytest.mark.parametrize(
    "messages",
    [[], [SYSTEM], [{"role": "user", "content": "Hi " * 100}], [SYSTEM, {"role": "user", "content": "Hi " * 100}]],
)
def test_nothing_droppable_is_returned_as_is(count_chat, messages):
    assert leave_out_oldest(messages, count_chat, 0) == (messages, 0)


def test_the_input_list_is_not_changed(count_chat):
    messages = conversation(3)
    before = [dict(m) for m in messages]
    leave_out_oldest(messages, count_chat, 0)
    assert messages == before


def test_a_long_conversation_is_cut_with_few_counts(count_chat):
    messages = conversation(500)
    calls = []

    def counting(batch: list[dict]) -> int:
        calls.append(len(batch))
        return count_chat(batch)

    budget = count_chat([SYSTEM] + messages[-21:])  # the last ten turns and the question fit
    kept, left_out = leave_out_oldest(messages, counting, budget)
    assert kept == [SYSTEM] + messages[-21:]
    assert left_out == 980
    assert len(calls) < 15  # a binary search, not one count per dropped turn
