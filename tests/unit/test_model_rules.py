"""Today's model rules: which models reason, and the request each one gets."""

from __future__ import annotations

import pytest

from desktop_app.core.capabilities import OPENAI_BASE_URL, Endpoint
from desktop_app.core.conversation import Message
from desktop_app.core.models.names import base_name, family, is_reasoning
from desktop_app.core.models.rules import capabilities_for
from desktop_app.core.params import RequestParams
from desktop_app.core.request import build_chat_request

OPENAI = Endpoint(OPENAI_BASE_URL)
OLLAMA = Endpoint("http://localhost:11434/v1")

# model, endpoint, role, length-cap name, temperature sent, reasoning_effort sent, verbosity sent
TABLE = [
    ("o3", OPENAI, "developer", "max_completion_tokens", False, True, False),
    ("o4-mini", OPENAI, "developer", "max_completion_tokens", False, True, False),
    ("gpt-5", OPENAI, "developer", "max_completion_tokens", False, True, True),
    ("gpt-5-mini", OPENAI, "developer", "max_completion_tokens", False, True, True),
    ("gpt-5-chat-latest", OPENAI, "system", "max_completion_tokens", True, False, False),
    ("gpt-5.4-mini", OPENAI, "developer", "max_completion_tokens", False, True, True),
    ("gpt-5.6-sol", OPENAI, "developer", "max_completion_tokens", False, True, True),
    ("gpt-6-astra", OPENAI, "developer", "max_completion_tokens", False, True, True),
    ("gpt-6-luna", OPENAI, "developer", "max_completion_tokens", False, True, True),
    ("gpt-4.1", OPENAI, "system", "max_completion_tokens", True, False, False),
    ("gpt-4o", OPENAI, "system", "max_completion_tokens", True, False, False),
    ("llama3.1:8b", OLLAMA, "system", "max_tokens", True, False, False),
]


@pytest.mark.parametrize("model, endpoint, role, cap, temperature, effort, verbosity", TABLE)
def test_each_model_gets_the_request_its_family_takes(model, endpoint, role, cap, temperature, effort, verbosity):
    params = RequestParams(temperature=0.7, max_completion_tokens=500, reasoning_effort="low", verbosity="high")
    request = build_chat_request(
        model=model,
        system_prompt="Be brief.",
        history=[Message.user("Hi")],
        params=params,
        endpoint=endpoint,
    )
    assert request["messages"][0] == {"role": role, "content": "Be brief."}
    assert request[cap] == 500
    assert ({"max_tokens", "max_completion_tokens"} - {cap}).isdisjoint(request)
    assert ("temperature" in request) is temperature
    assert (request.get("reasoning_effort") == "low") is effort
    assert ("reasoning_effort" in request) is effort
    assert (request.get("verbosity") == "high") is verbosity


@pytest.mark.parametrize(
    "model, family_name",
    [("o3", "o-series"), ("gpt-5.4-mini", "gpt-5.4"), ("gpt-6-luna", "gpt-6"), ("openai/gpt-4o-mini", "gpt-4o"),
     ("ft:gpt-4.1-mini:acme::abc", "gpt-4.1"), ("llama3.1:8b", "")],
)
def test_families_are_named_from_the_base_name(model, family_name):
    assert family(model) == family_name


def test_router_ids_and_fine_tunes_reduce_to_their_base_model():
    assert base_name("openai/GPT-5-mini") == "gpt-5-mini"
    assert base_name("ft:gpt-4o-mini:org::id1") == "gpt-4o-mini"
    assert is_reasoning("openai/gpt-6-astra") and not is_reasoning("gpt-5.1-chat-latest")


@pytest.mark.parametrize(
    "model, accepted, rejected",
    [("gpt-5-mini", "minimal", "none"), ("gpt-5.4-mini", "xhigh", "minimal"), ("o3", "high", "none"),
     ("gpt-6-astra", "max", "minimal")],
)
def test_an_effort_a_model_rejects_is_not_offered_nor_sent(model, accepted, rejected):
    caps = capabilities_for(model, OPENAI)
    assert accepted in caps.reasoning_efforts and rejected not in caps.reasoning_efforts
    request = build_chat_request(
        model=model, system_prompt="", history=[Message.user("Hi")],
        params=RequestParams(reasoning_effort=rejected), endpoint=OPENAI,
    )
    assert "reasoning_effort" not in request


def test_effort_left_out_after_the_server_rejected_it():
    params = RequestParams(reasoning_effort="high", verbosity="low").without("reasoning_effort")
    request = build_chat_request(
        model="gpt-5.4-mini", system_prompt="", history=[Message.user("Hi")], params=params, endpoint=OPENAI
    )
    assert "reasoning_effort" not in request and request["verbosity"] == "low"


def test_effort_and_verbosity_survive_the_settings_file():
    params = RequestParams(reasoning_effort="xhigh", verbosity="low")
    assert RequestParams.from_dict(params.to_dict()) == params
    assert RequestParams.from_dict({"reasoning_effort": "extreme", "verbosity": 3}).reasoning_effort is None


def test_one_description_gathers_what_the_app_knows_about_a_model():
    from datetime import date

    from desktop_app.core.models.info import describe

    info = describe("openai/gpt-5.4-mini", OPENAI, {"gpt-5.4-mini": date(2027, 6, 1)})
    assert (info.base, info.family, info.context_window, info.encoding) == ("gpt-5.4-mini", "gpt-5.4", 400_000,
                                                                          "o200k_base")
    assert info.capabilities.reasoning and "xhigh" in info.capabilities.reasoning_efforts
    assert info.shutdown == date(2027, 6, 1)
    local = describe("llama3.1:8b", OLLAMA)
    assert local.context_window is None and local.family == "" and not local.capabilities.reasoning
