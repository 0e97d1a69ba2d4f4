"""Which role, max-tokens name and sampling parameters each model/endpoint gets (docs/openai-api.md 2.1-2.4)."""

from __future__ import annotations

import pytest

from desktop_app.core.capabilities import (
    OPENAI_BASE_URL,
    Endpoint,
    InstructionRole,
    MaxTokensParam,
    sort_models,
)
from desktop_app.core.models.names import is_chat_model
from desktop_app.core.models.rules import capabilities_for, is_reasoning_model

OLLAMA = "http://localhost:11434/v1"

REASONING = ["o1", "o3", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5.1", "openai/o3", "openai/gpt-5-mini"]
NOT_REASONING = ["gpt-5-chat-latest", "gpt-4o", "gpt-4o-mini", "gpt-4.1-mini", "llama3.2", "llama3", "omni-moderation-latest"]


@pytest.mark.parametrize("model", REASONING)
def test_reasoning_models_are_recognised(model):
    assert is_reasoning_model(model) is True


@pytest.mark.parametrize("model", NOT_REASONING)
def test_chat_models_are_not_reasoning_models(model):
    assert is_reasoning_model(model) is False


@pytest.mark.parametrize("model", ["o3", "gpt-5", "gpt-5.1", "o4-mini"])
@pytest.mark.parametrize("base_url", [OPENAI_BASE_URL, OLLAMA, "http://127.0.0.1:8080/v1"])
def test_reasoning_models_get_developer_role_and_max_completion_tokens_everywhere(model, base_url):
    caps = capabilities_for(model, Endpoint(base_url))
    assert caps.instruction_role == "developer"
    assert caps.max_tokens_param == "max_completion_tokens"
    assert caps.supports_temperature is False
    assert caps.reasoning is True


def test_gpt_4o_on_openai_gets_system_role_and_max_completion_tokens():
    caps = capabilities_for("gpt-4o", Endpoint(OPENAI_BASE_URL))
    assert caps.instruction_role == "system"
    assert caps.max_tokens_param == "max_completion_tokens"
    assert caps.supports_temperature is True
    assert caps.reasoning is False


def test_llama_on_a_local_server_gets_system_role_and_max_tokens():
    endpoint = Endpoint(OLLAMA, InstructionRole.AUTO, MaxTokensParam.AUTO)
    assert endpoint.is_openai is False
    caps = capabilities_for("llama3", endpoint)
    assert caps.instruction_role == "system"
    assert caps.max_tokens_param == "max_tokens"
    assert caps.supports_temperature is True


def test_chat_latest_name_is_treated_as_a_chat_model():
    caps = capabilities_for("gpt-5-chat-latest", Endpoint(OPENAI_BASE_URL))
    assert caps.instruction_role == "system"
    assert caps.supports_temperature is True


def test_explicit_system_role_overrides_developer_for_a_reasoning_model():
    endpoint = Endpoint(OLLAMA, InstructionRole.SYSTEM, MaxTokensParam.AUTO)
    caps = capabilities_for("o3", endpoint)
    assert caps.instruction_role == "system"
    # The role override changes nothing else: o3 still takes no temperature.
    assert caps.supports_temperature is False
    assert caps.max_tokens_param == "max_completion_tokens"


def test_explicit_developer_role_applies_to_a_chat_model_too():
    caps = capabilities_for("llama3", Endpoint(OLLAMA, InstructionRole.DEVELOPER))
    assert caps.instruction_role == "developer"


def test_explicit_max_tokens_overrides_the_default_even_on_openai():
    endpoint = Endpoint(OPENAI_BASE_URL, InstructionRole.AUTO, MaxTokensParam.MAX_TOKENS)
    assert capabilities_for("gpt-4o", endpoint).max_tokens_param == "max_tokens"
    assert capabilities_for("o3", endpoint).max_tokens_param == "max_tokens"


def test_explicit_max_completion_tokens_applies_to_a_local_server():
    endpoint = Endpoint(OLLAMA, InstructionRole.AUTO, MaxTokensParam.MAX_COMPLETION_TOKENS)
    assert capabilities_for("llama3", endpoint).max_tokens_param == "max_completion_tokens"


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        (OPENAI_BASE_URL, True),
        ("https://api.openai.com/v1/", True),
        ("https://myres.openai.azure.com/openai", True),
        (OLLAMA, False),
        ("https://api.openai.com.evil.example/v1", False),
    ],
)
def test_is_openai_looks_at_the_host(base_url, expected):
    assert Endpoint(base_url).is_openai is expected


def test_sort_models_puts_chat_models_first():
    ids = [
        "text-embedding-3-small",
        "whisper-1",
        "gpt-4o",
        "tts-1",
        "dall-e-3",
        "omni-moderation-latest",
        "o3-mini",
        "gpt-4o",  # listed twice by some servers
        "llama3.2",
    ]
    result = sort_models(ids)
    non_chat = {"text-embedding-3-small", "whisper-1", "tts-1", "dall-e-3", "omni-moderation-latest"}
    assert result[:3] == ["gpt-4o", "llama3.2", "o3-mini"]
    assert set(result[3:]) == non_chat
    assert len(result) == len(set(ids))


@pytest.mark.parametrize("model", ["text-embedding-3-large", "whisper-1", "tts-1-hd", "dall-e-3", "omni-moderation-latest"])
def test_non_chat_models_are_recognised(model):
    assert is_chat_model(model) is False


@pytest.mark.parametrize("model", ["gpt-4o", "o3-mini", "gpt-5", "llama3.2", "qwen2.5:7b"])
def test_chat_models_are_recognised(model):
    assert is_chat_model(model) is True
