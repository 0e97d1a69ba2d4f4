"""What the app learns about a server (its endpoint profile) and how it shapes the next request."""

from __future__ import annotations

import pytest

from desktop_app.core.capabilities import Endpoint, InstructionRole, sort_models
from desktop_app.core.models.rules import capabilities_for
from desktop_app.core.context_window import context_limit
from desktop_app.core.conversation import Message
from desktop_app.core.endpoint_profile import (
    Alternation,
    EndpointProfile,
    alternate_roles,
    is_alternation_error,
)
from desktop_app.core.params import RequestParams
from desktop_app.core.request import build_chat_request
from desktop_app.core.settings import AppSettings

LOCAL = "http://127.0.0.1:8080/v1"
TWO_USERS = [
    {"role": "user", "content": "unanswered"},
    {"role": "user", "content": "asked now"},
]


def test_unanswered_turns_are_left_out_or_answered_empty():
    assert alternate_roles(TWO_USERS, Alternation.LEAVE_OUT) == [TWO_USERS[1]]
    assert alternate_roles(TWO_USERS, Alternation.EMPTY_REPLY) == [
        TWO_USERS[0],
        {"role": "assistant", "content": ""},
        TWO_USERS[1],
    ]
    assert alternate_roles(TWO_USERS, Alternation.AS_IS) == TWO_USERS


def test_automatic_alternation_starts_as_is_and_follows_what_was_learned():
    assert EndpointProfile().unanswered_turns() is Alternation.AS_IS
    assert EndpointProfile(needs_alternation=True).unanswered_turns() is Alternation.LEAVE_OUT
    chosen = EndpointProfile(alternation=Alternation.EMPTY_REPLY, needs_alternation=True)
    assert chosen.unanswered_turns() is Alternation.EMPTY_REPLY


def test_the_request_alternates_once_the_server_needs_it():
    history = [Message.user("unanswered"), Message.user("asked now")]
    profile = EndpointProfile(needs_alternation=True)
    request = build_chat_request(
        model="llama3", system_prompt="Be brief.", history=history, params=RequestParams(),
        endpoint=Endpoint(LOCAL, profile=profile),
    )
    assert [m["role"] for m in request["messages"]] == ["system", "user"]
    assert request["messages"][-1]["content"] == "asked now"


@pytest.mark.parametrize(
    "text",
    [
        "Conversation roles must alternate user/assistant/user/assistant/...",
        "After the optional system message, conversation roles must alternate user and assistant roles",
        "Jinja Exception: Conversation roles must alternate",
    ],
)
def test_alternation_errors_are_recognised(text):
    assert is_alternation_error(text)


def test_other_errors_are_not_alternation_errors():
    assert not is_alternation_error("This model's maximum context length is 2048 tokens.")


def test_learned_role_and_length_cap_shape_the_request():
    profile = EndpointProfile(system_role_only=True, length_cap="max_completion_tokens")
    caps = capabilities_for("o3-mini", Endpoint(LOCAL, InstructionRole.DEVELOPER, profile=profile))
    assert caps.instruction_role == "system"
    assert caps.max_tokens_param == "max_completion_tokens"


def test_a_learned_context_window_comes_before_the_published_one():
    assert context_limit("gpt-4o-mini", {}, {"gpt-4o-mini": 2048}) == 2048
    assert context_limit("gpt-4o-mini", {"gpt-4o-mini": 4096}, {"gpt-4o-mini": 2048}) == 4096
    assert context_limit("gpt-4o-mini", {}) == 128_000


def test_the_profile_is_stored_per_server_and_survives_broken_values():
    settings = AppSettings()
    settings.set_profile(LOCAL + "/", EndpointProfile(ignores_n=True, context_windows={"m": 2048}))
    back = AppSettings.from_dict(settings.to_dict())
    assert back.profile(LOCAL) == EndpointProfile(ignores_n=True, context_windows={"m": 2048})
    assert back.endpoint_for(LOCAL).profile.ignores_n
    broken = EndpointProfile.from_dict(
        {"alternation": "sideways", "ignores_n": "yes", "length_cap": "max_len", "context_windows": {"m": -1}}
    )
    assert broken == EndpointProfile()
    assert AppSettings.from_dict({"profiles": ["not", "a", "dict"]}).profiles == {}


def test_speech_and_embedding_models_of_local_servers_are_not_chat_models():
    listed = ["kokoro", "nomic-embed-text", "llama3", "piper-en", "bge-m3", "qwen2.5"]
    assert sort_models(listed)[:2] == ["llama3", "qwen2.5"]


@pytest.mark.parametrize("mode", [Alternation.LEAVE_OUT, Alternation.EMPTY_REPLY, Alternation.AS_IS])
def test_a_stored_request_that_alternated_is_rebuilt_as_sent(mode):
    from desktop_app.core.conversation import Choice, Conversation, Role
    from desktop_app.core.request import compact_request, expand_request

    conversation = Conversation()
    conversation.add_user_message("unanswered")
    conversation.append(Message(role=Role.ASSISTANT, choices=[Choice("", None)]))  # stopped before any text
    conversation.add_user_message("asked now")
    answer = Message(role=Role.ASSISTANT, choices=[Choice("fine", "stop")])
    conversation.append(answer)
    request = build_chat_request(
        model="llama3", system_prompt="Be brief.", history=conversation.context()[:-1], params=RequestParams(),
        endpoint=Endpoint(LOCAL, profile=EndpointProfile(alternation=mode)),
    )
    answer.request = compact_request(request)
    assert expand_request(conversation, answer)["messages"] == request["messages"]
