"""Build the Chat Completions request from a conversation, and show it as JSON and as Python."""

from __future__ import annotations

import json

from desktop_app.core.capabilities import Endpoint, capabilities_for
from desktop_app.core.conversation import Message
from desktop_app.core.params import RequestParams


# The parameters the app can leave out of a request when a server rejects them.
OMITTABLE_PARAMS = frozenset({"temperature", "n", "seed", "max_tokens", "max_completion_tokens"})


def build_chat_request(
    *,
    model: str,
    system_prompt: str,
    history: list[Message],
    params: RequestParams,
    endpoint: Endpoint,
) -> dict:
    """The keyword arguments for `client.chat.completions.create`, shaped for this model and server."""
    caps = capabilities_for(model, endpoint)
    messages: list[dict] = []
    if system_prompt.strip():
        messages.append({"role": caps.instruction_role, "content": system_prompt})
    messages.extend({"role": m.role.value, "content": m.text} for m in history)

    request: dict = {"model": model, "messages": messages}
    skip = params.omitted
    if params.temperature is not None and caps.supports_temperature and "temperature" not in skip:
        request["temperature"] = params.temperature
    max_name = max_tokens_name(caps.max_tokens_param, skip)
    if params.max_completion_tokens and max_name:
        request[max_name] = params.max_completion_tokens
    if params.n > 1 and "n" not in skip:
        request["n"] = params.n
    if params.seed is not None and "seed" not in skip:
        request["seed"] = params.seed
    request["stream"] = True
    request["stream_options"] = {"include_usage": True}
    return request


def max_tokens_name(preferred: str, omitted: frozenset[str]) -> str | None:
    """The name the length cap goes under: the preferred one, or the other one if the server
    rejected it ("Use 'max_completion_tokens' instead"); None when both were rejected."""
    other = "max_tokens" if preferred == "max_completion_tokens" else "max_completion_tokens"
    return next((name for name in (preferred, other) if name not in omitted), None)


def request_as_json(request: dict) -> str:
    """The request body exactly as sent, pretty-printed."""
    return json.dumps(request, indent=2, ensure_ascii=False)


def request_as_python(request: dict, base_url: str) -> str:
    """A few lines of Python with the openai SDK that send the same request."""
    import pprint  # only when the user opens the request view

    client_args = "" if base_url.rstrip("/") == "https://api.openai.com/v1" else f"base_url={base_url!r}"
    lines = [
        "from openai import OpenAI",
        "",
        f"client = OpenAI({client_args})  # the API key comes from OPENAI_API_KEY",
        "stream = client.chat.completions.create(",
    ]
    for key, value in request.items():
        text = pprint.pformat(value, width=88, sort_dicts=False)
        text = text.replace("\n", "\n    ")
        lines.append(f"    {key}={text},")
    lines += [
        ")",
        "for chunk in stream:",
        "    for choice in chunk.choices:",
        '        print(choice.delta.content or "", end="", flush=True)',
        "    if chunk.usage:",
        "        print()",
        "        print(chunk.usage)",
    ]
    return "\n".join(lines) + "\n"
