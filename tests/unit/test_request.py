"""The request body sent to /chat/completions, and its JSON and Python views in the request dialog."""

from __future__ import annotations

import json
import sys
import types

import pytest

from desktop_app.core.capabilities import OPENAI_BASE_URL, Endpoint, InstructionRole, MaxTokensParam
from desktop_app.core.conversation import Choice, Conversation, Message, MessageStatus, Role
from desktop_app.core.params import RequestParams
from desktop_app.core.request import build_chat_request, request_as_json, request_as_python

OPENAI = Endpoint(OPENAI_BASE_URL)
OLLAMA = Endpoint("http://localhost:11434/v1")


def build(model="gpt-4o", system_prompt="", history=None, params=None, endpoint=OPENAI) -> dict:
    return build_chat_request(
        model=model,
        system_prompt=system_prompt,
        history=history or [],
        params=params or RequestParams(),
        endpoint=endpoint,
    )


def reply(*texts: str, status: MessageStatus = MessageStatus.DONE, selected: int = 0) -> Message:
    message = Message(role=Role.ASSISTANT, choices=[Choice(text=t, finish_reason="stop") for t in texts])
    message.status = status
    message.selected = selected
    return message


# --- build_chat_request ---------------------------------------------------------------------------


def test_system_prompt_comes_first_with_the_system_role_for_chat_models():
    request = build(system_prompt="Be brief.", history=[Message.user("Hi")])
    assert request["model"] == "gpt-4o"
    assert request["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hi"},
    ]


def test_system_prompt_uses_the_developer_role_for_reasoning_models():
    request = build(model="o3", system_prompt="Be brief.", history=[Message.user("Hi")])
    assert request["messages"][0] == {"role": "developer", "content": "Be brief."}


def test_endpoint_role_override_is_applied_to_the_system_prompt():
    endpoint = Endpoint(OLLAMA.base_url, InstructionRole.SYSTEM)
    request = build(model="o3", system_prompt="Be brief.", history=[Message.user("Hi")], endpoint=endpoint)
    assert request["messages"][0]["role"] == "system"


def test_blank_system_prompt_is_left_out():
    request = build(system_prompt="  \n ", history=[Message.user("Hi")])
    assert request["messages"] == [{"role": "user", "content": "Hi"}]


def test_multi_turn_history_leaves_out_failed_replies():
    conversation = Conversation(system_prompt="You are terse.")
    conversation.add_user_message("What is 2+2?")
    conversation.append(reply("4"))
    conversation.add_user_message("And 3+3?")
    conversation.append(reply("", status=MessageStatus.FAILED))  # nothing arrived
    conversation.add_user_message("And 3+3? (retry)")
    stopped = reply("It is", status=MessageStatus.STOPPED)  # partial text is kept as context
    conversation.append(stopped)
    conversation.add_user_message("Go on")

    request = build(system_prompt=conversation.system_prompt, history=conversation.context())

    assert request["messages"] == [
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "What is 2+2?"},
        {"role": "assistant", "content": "4"},
        {"role": "user", "content": "And 3+3?"},
        {"role": "user", "content": "And 3+3? (retry)"},
        {"role": "assistant", "content": "It is"},
        {"role": "user", "content": "Go on"},
    ]
    # The failed reply is still in the conversation, only not sent.
    assert len(conversation.messages) == 7


def test_the_selected_choice_is_what_goes_as_assistant_context():
    conversation = Conversation()
    conversation.add_user_message("Name a colour")
    answer = reply("Red", "Green", "Blue")
    conversation.append(answer)
    conversation.add_user_message("Why that one?")

    assert build(history=conversation.context())["messages"][1] == {"role": "assistant", "content": "Red"}

    assert answer.select(2) is True
    assert build(history=conversation.context())["messages"][1] == {"role": "assistant", "content": "Blue"}


def test_select_rejects_out_of_range_and_keeps_the_current_choice():
    answer = reply("Red", "Green")
    assert answer.select(5) is False
    assert answer.select(-1) is False
    assert answer.select(0) is False  # already selected
    assert answer.text == "Red"


def test_conversation_context_skips_an_empty_selected_choice():
    answer = reply("text", "")
    answer.select(1)
    conversation = Conversation()
    conversation.append(Message.user("hi"))
    conversation.append(answer)
    assert [m.role for m in conversation.context()] == [Role.USER]


def test_n_and_seed_are_sent_when_set():
    request = build(history=[Message.user("Hi")], params=RequestParams(n=3, seed=42))
    assert request["n"] == 3
    assert request["seed"] == 42


def test_default_params_send_neither_n_nor_seed():
    request = build(history=[Message.user("Hi")], params=RequestParams(n=1, seed=None))
    assert "n" not in request
    assert "seed" not in request


def test_temperature_is_sent_for_chat_models_and_omitted_for_reasoning_models():
    params = RequestParams(temperature=0.2)
    assert build(model="gpt-4o", params=params)["temperature"] == 0.2
    for model in ("o3", "o4-mini", "gpt-5", "gpt-5.1"):
        assert "temperature" not in build(model=model, params=params), model


def test_temperature_none_leaves_it_to_the_server():
    assert "temperature" not in build(params=RequestParams(temperature=None))


def test_without_temperature_leaves_it_out():
    params = RequestParams(temperature=0.7, n=2).without("temperature")
    request = build(model="gpt-4o", params=params)
    assert "temperature" not in request
    assert request["n"] == 2  # only the rejected parameter is dropped


def test_without_keeps_the_original_params_unchanged():
    params = RequestParams(temperature=0.7)
    params.without("temperature")
    assert build(params=params)["temperature"] == 0.7


def test_max_tokens_name_follows_model_and_endpoint():
    params = RequestParams(max_completion_tokens=256)
    assert build(model="gpt-4o", params=params)["max_completion_tokens"] == 256
    assert "max_tokens" not in build(model="gpt-4o", params=params)

    local = build(model="llama3", params=params, endpoint=OLLAMA)
    assert local["max_tokens"] == 256
    assert "max_completion_tokens" not in local

    assert build(model="o3", params=params, endpoint=OLLAMA)["max_completion_tokens"] == 256

    forced = Endpoint(OPENAI_BASE_URL, max_tokens_param=MaxTokensParam.MAX_TOKENS)
    assert build(model="gpt-4o", params=params, endpoint=forced)["max_tokens"] == 256


def test_a_rejected_length_cap_name_is_sent_under_the_other_name():
    params = RequestParams(max_completion_tokens=256).without("max_tokens")
    request = build(model="llama3", params=params, endpoint=OLLAMA)
    assert "max_tokens" not in request
    assert request["max_completion_tokens"] == 256


def test_the_length_cap_is_left_out_only_when_both_names_were_rejected():
    params = RequestParams(max_completion_tokens=256).without("max_tokens").without("max_completion_tokens")
    request = build(model="llama3", params=params, endpoint=OLLAMA)
    assert "max_tokens" not in request
    assert "max_completion_tokens" not in request


@pytest.mark.parametrize("model", ["gpt-4o", "o3", "llama3"])
def test_stream_with_usage_is_always_requested(model):
    params = RequestParams(temperature=None).without("n").without("seed")
    request = build(model=model, params=params, history=[Message.user("Hi")])
    assert request["stream"] is True
    assert request["stream_options"] == {"include_usage": True}


# --- request_as_json --------------------------------------------------------------------------------


def sample_request(**kw) -> dict:
    conversation = Conversation(system_prompt='Answer in Korean. Use "quotes" and \\ backslashes.')
    conversation.add_user_message("안녕하세요! 오늘 날씨는 어때요?\nSecond line")
    conversation.append(reply("좋아요 ☀️"))
    conversation.add_user_message("'single' \"double\" ''' \"\"\" tabs\tend")
    params = RequestParams(temperature=0.7, max_completion_tokens=512, n=2, seed=7)
    return build_chat_request(
        model=kw.get("model", "gpt-4o"),
        system_prompt=conversation.system_prompt,
        history=conversation.context(),
        params=kw.get("params", params),
        endpoint=kw.get("endpoint", OPENAI),
    )


def test_request_as_json_round_trips_and_keeps_korean_readable():
    request = sample_request()
    text = request_as_json(request)
    assert json.loads(text) == request
    assert "안녕하세요" in text
    assert "\\u" not in text


# --- request_as_python ------------------------------------------------------------------------------


class _Recorder:
    def __init__(self):
        self.client_kwargs: list[dict] = []
        self.create_kwargs: list[dict] = []


def run_snippet(code: str, monkeypatch) -> _Recorder:
    """Execute the generated snippet against a stub `openai` module that records what it is given."""
    recorder = _Recorder()

    class _Completions:
        def create(self, **kwargs):
            recorder.create_kwargs.append(kwargs)
            return iter(())

    class OpenAI:
        def __init__(self, **kwargs):
            recorder.client_kwargs.append(kwargs)
            self.chat = types.SimpleNamespace(completions=_Completions())

    stub = types.ModuleType("openai")
    stub.OpenAI = OpenAI
    monkeypatch.setitem(sys.modules, "openai", stub)
    exec(compile(code, "<request_as_python>", "exec"), {"__name__": "__snippet__"})
    return recorder


@pytest.mark.parametrize(
    "request_factory",
    [
        lambda: sample_request(),
        lambda: sample_request(model="o3"),
        lambda: sample_request(endpoint=OLLAMA, model="llama3"),
        lambda: sample_request(params=RequestParams(temperature=None)),
        # A long prompt that pprint splits across lines.
        lambda: build(system_prompt="word " * 200, history=[Message.user("x" * 300 + " 한국어 " * 50)]),
    ],
)
def test_python_snippet_is_valid_and_sends_exactly_the_request(request_factory, monkeypatch):
    request = request_factory()
    code = request_as_python(request, OPENAI_BASE_URL)
    compile(code, "<request_as_python>", "exec")

    recorder = run_snippet(code, monkeypatch)

    assert recorder.create_kwargs == [request]
    assert recorder.client_kwargs == [{}]  # OpenAI's own API: no base_url, key from the environment


@pytest.mark.parametrize("base_url", ["http://localhost:11434/v1", "http://127.0.0.1:8080/v1/"])
def test_python_snippet_passes_base_url_for_other_servers(base_url, monkeypatch):
    request = sample_request(endpoint=Endpoint(base_url), model="llama3")
    recorder = run_snippet(request_as_python(request, base_url), monkeypatch)
    assert recorder.client_kwargs == [{"base_url": base_url}]
    assert recorder.create_kwargs == [request]


def test_python_snippet_for_openai_with_trailing_slash_has_no_base_url(monkeypatch):
    request = sample_request()
    recorder = run_snippet(request_as_python(request, OPENAI_BASE_URL + "/"), monkeypatch)
    assert recorder.client_kwargs == [{}]


def test_python_snippet_never_contains_an_api_key(monkeypatch):
    secret = "sk-test-SECRET-do-not-leak-1234567890"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    request = sample_request(endpoint=OLLAMA, model="llama3")
    code = request_as_python(request, OLLAMA.base_url)
    assert secret not in code
    assert "api_key" not in code
    recorder = run_snippet(code, monkeypatch)
    assert "api_key" not in recorder.client_kwargs[0]
