"""Build the Chat Completions request from a conversation, and show it as JSON and as Python."""

from __future__ import annotations

import json
import os
import time

from desktop_app.core.capabilities import OPENAI_BASE_URL, Endpoint
from desktop_app.core.models.rules import capabilities_for
from desktop_app.core.conversation import Conversation, Message, Role
from desktop_app.core.endpoint_profile import Alternation, alternate_roles
from desktop_app.core.params import RequestParams
from desktop_app.core.voice import VoiceSettings


# The parameters the app can leave out of a request when a server rejects them.
OMITTABLE_PARAMS = frozenset(
    {"temperature", "n", "seed", "max_tokens", "max_completion_tokens", "response_format", "reasoning_effort",
     "verbosity"}
)


def build_chat_request(
    *,
    model: str,
    system_prompt: str,
    history: list[Message],
    params: RequestParams,
    endpoint: Endpoint,
    voice: VoiceSettings | None = None,
    now: float | None = None,
) -> dict:
    """The keyword arguments for `client.chat.completions.create`, shaped for this model and server.

    With `voice` and its spoken replies on, the answer is asked for as text and audio: streamed as
    pcm16 (the only format the API streams), or, when not streamed, as one mp3. `now` (unix
    seconds) decides which earlier spoken replies can still be referred to by their audio id.
    """
    caps = capabilities_for(model, endpoint)
    now = time.time() if now is None else now
    messages: list[dict] = []
    if system_prompt.strip():
        messages.append({"role": caps.instruction_role, "content": system_prompt})
    spoken = voice is not None and voice.spoken_replies
    # Only a request that asks for audio refers to earlier spoken replies by id: a text model (or
    # spoken replies turned off) gets their transcripts.
    history_params = [message_param(m, now, refer_audio=spoken) for m in history]
    # A turn that got no answer leaves two user turns in a row, which some chat templates reject.
    messages.extend(alternate_roles(history_params, endpoint.profile.unanswered_turns()))

    request: dict = {"model": model, "messages": messages}
    skip = params.omitted
    if params.temperature is not None and caps.supports_temperature and "temperature" not in skip:
        request["temperature"] = params.temperature
    max_name = max_tokens_name(caps.max_tokens_param, skip)
    if params.max_completion_tokens and max_name:
        request[max_name] = params.max_completion_tokens
    # Only values this model takes: a setting made for another model is not sent to this one.
    if params.reasoning_effort in caps.reasoning_efforts and "reasoning_effort" not in skip:
        request["reasoning_effort"] = params.reasoning_effort
    if params.verbosity in caps.verbosities and "verbosity" not in skip:
        request["verbosity"] = params.verbosity
    if params.n > 1 and "n" not in skip:
        request["n"] = params.n
    if params.seed is not None and "seed" not in skip:
        request["seed"] = params.seed
    if params.response_kind != "text" and "response_format" not in skip:
        from desktop_app.core.json_answer import response_format  # jsonschema loads only when used

        request["response_format"] = response_format(params.response_kind, params.json_schema)
    if spoken:
        request["modalities"] = ["text", "audio"]
        request["audio"] = {"voice": voice.voice, "format": voice.reply_format}
    if spoken and not voice.stream_audio:
        request["stream"] = False  # one whole mp3, as in the tutorial
    else:
        request["stream"] = True
        request["stream_options"] = {"include_usage": True}
    return request


def message_param(message: Message, now: float | None = None, refer_audio: bool = True) -> dict:
    """A message as the API takes it: plain text; text, image and input_audio parts for a user
    message with images or a recording; with `refer_audio`, a reference by audio id to an earlier
    spoken reply whose id is still valid at `now` (otherwise its transcript goes as the text)."""
    audio = message.audio
    if message.role is Role.ASSISTANT:
        if refer_audio and audio is not None and audio.reference_valid(time.time() if now is None else now):
            return {"role": "assistant", "audio": {"id": audio.audio_id}}
        return {"role": "assistant", "content": message.text}
    if not message.attachments and audio is None:
        return {"role": message.role.value, "content": message.text}
    parts: list[dict] = [{"type": "text", "text": message.text}] if message.text else []
    parts += [
        {"type": "image_url", "image_url": {"url": a.image_url, "detail": a.detail}} for a in message.attachments
    ]
    if audio is not None:
        parts.append({"type": "input_audio", "input_audio": {"data": audio.data_base64, "format": audio.format}})
    return {"role": message.role.value, "content": parts}


def compact_request(request: dict) -> dict:
    """A request without its message list, which the conversation's branch can rebuild.

    Storing every reply's full context would grow a long conversation's file with the square of its
    length; the instructions and the number of messages sent are enough to rebuild it.
    """
    if "messages" not in request:
        return request
    messages = request["messages"]
    instructions = messages[0] if messages and messages[0].get("role") in ("system", "developer") else None
    compact = {k: v for k, v in request.items() if k != "messages"}
    sent = messages[1:] if instructions else messages
    compact["context"] = {"instructions": instructions, "count": len(sent), "turns": _unanswered_turns(sent).value}
    return compact


def _unanswered_turns(sent: list[dict]) -> Alternation:
    """How the request sent turns that got no answer, read from what it sent (for `expand_request`)."""
    roles = [m.get("role") for m in sent]
    if any(a == b == "user" for a, b in zip(roles, roles[1:])):
        return Alternation.AS_IS
    # Replies without text are never sent, so an empty assistant turn is one the request added.
    if any(m.get("role") == "assistant" and m.get("content") == "" for m in sent):
        return Alternation.EMPTY_REPLY
    return Alternation.LEAVE_OUT  # a no-op unless the branch has two user turns in a row


def expand_request(conversation: Conversation, reply: Message) -> dict | None:
    """The full request behind a reply, rebuilding a compacted message list from its branch."""
    request = reply.request
    if request is None or "messages" in request or not isinstance(request.get("context"), dict):
        return request
    by_id = {m.id: m for m in conversation.nodes}
    ancestors: list[Message] = []
    node = by_id.get(reply.parent_id) if reply.parent_id else None
    while node is not None:
        if node.role is Role.USER or node.text:  # what `Conversation.context` sends
            ancestors.append(node)
        node = by_id.get(node.parent_id) if node.parent_id else None
    ancestors.reverse()
    context = request["context"]
    count = context.get("count") if isinstance(context.get("count"), int) else len(ancestors)
    messages = [context["instructions"]] if isinstance(context.get("instructions"), dict) else []
    # As sent then: an audio id still valid when the reply was asked for is referenced by id.
    sent_at = reply.created_at
    spoken = "audio" in request
    try:
        turns = Alternation(context.get("turns", "as_is"))
    except ValueError:
        turns = Alternation.AS_IS
    branch = alternate_roles([message_param(m, sent_at, refer_audio=spoken) for m in ancestors], turns)
    messages += branch[max(0, len(branch) - count) :]
    full = {k: v for k, v in request.items() if k != "context"}
    return {"model": full.pop("model", reply.model), "messages": messages, **full}


def max_tokens_name(preferred: str, omitted: frozenset[str]) -> str | None:
    """The name the length cap goes under: the preferred one, or the other one if the server
    rejected it ("Use 'max_completion_tokens' instead"); None when both were rejected."""
    other = "max_tokens" if preferred == "max_completion_tokens" else "max_completion_tokens"
    return next((name for name in (preferred, other) if name not in omitted), None)


SHOWN_DATA_CHARS = 120  # of an embedded image or recording, in the request view


def shortened_for_display(request: dict) -> dict:
    """A copy of `request` whose embedded images and recordings show only their first characters.

    Megabytes of base64 in a text view freeze the window for seconds and tell the reader nothing;
    Copy still copies the whole request.
    """

    def shorten(key: str, value):
        if isinstance(value, dict):
            return {k: shorten(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [shorten(key, v) for v in value]
        embedded = key == "data" or (key == "url" and isinstance(value, str) and value.startswith("data:"))
        if embedded and isinstance(value, str) and len(value) > 2 * SHOWN_DATA_CHARS:
            return f"{value[:SHOWN_DATA_CHARS]}… ({len(value):,} characters in all; Copy copies them)"
        return value

    if "messages" not in request:
        return request
    return {**request, "messages": [shorten("", m) for m in request["messages"]]}


def request_as_json(request: dict) -> str:
    """The request body exactly as sent, pretty-printed."""
    return json.dumps(request, indent=2, ensure_ascii=False)


def request_as_python(request: dict, base_url: str) -> str:
    """A few lines of Python with the openai SDK that send the same request."""
    lines = ["import base64", ""] if "audio" in request else []
    lines += python_client_lines(base_url) + python_call_lines(request)
    return "\n".join(lines) + "\n"


class PythonExpr:
    """Python source written where a value would be (a variable that holds an image's base64)."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __repr__(self) -> str:  # pprint writes an unknown object's repr as is
        return self.source


def python_client_lines(base_url: str) -> list[str]:
    """The import and the client, with the base URL when the server is not OpenAI's; never a key."""
    client_args = "" if base_url.rstrip("/") == OPENAI_BASE_URL.rstrip("/") else f"base_url={base_url!r}"
    return [
        "from openai import OpenAI",
        "",
        f"client = OpenAI({client_args})  # the API key comes from OPENAI_API_KEY",
    ]


def python_call_lines(request: dict, audio_name: str = "reply") -> list[str]:
    """The create() call with every parameter of `request`, then the lines that print the reply.

    Values may be `PythonExpr`s (written as source); a spoken reply is saved as `audio_name`.pcm or .mp3.
    """
    import pprint  # only when the user opens the request view or exports

    streamed = request.get("stream") is not False
    lines = ["stream = client.chat.completions.create(" if streamed else "completion = client.chat.completions.create("]
    for key, value in request.items():
        prefix = f"    {key}="
        long: list[str] = []
        mark = f"__long_{os.urandom(8).hex()}_{{}}__"  # no message text can hold it by chance
        text = pprint.pformat(_long_strings_set_aside(value, long, mark), width=max(40, 88 - len(prefix)),
                              sort_dicts=False)
        for i, literal in enumerate(long):
            text = text.replace(mark.format(i), literal, 1)
        text = text.replace("\n", "\n" + " " * len(prefix))  # continuation lines line up under the value
        lines.append(f"{prefix}{text},")
    lines.append(")")
    spoken = "audio" in request
    if not streamed:
        lines += _completion_lines_spoken(audio_name) if spoken else _COMPLETION_LINES
    elif spoken:
        lines += _stream_lines_spoken(audio_name)
    else:
        lines += _STREAM_LINES if request.get("n", 1) == 1 else _STREAM_LINES_CHOICES
    return lines


def _long_strings_set_aside(value, long: list[str], mark: str):
    """`value` with each embedded image or recording replaced by a mark, its literal kept in `long`:
    pprint takes ~50 ms to lay out a 2 MB string, too long for Copy as Python on the GUI thread."""
    if isinstance(value, dict):
        return {k: _long_strings_set_aside(v, long, mark) for k, v in value.items()}
    if isinstance(value, list):
        return [_long_strings_set_aside(v, long, mark) for v in value]
    if isinstance(value, str) and len(value) > 10_000:
        long.append(repr(value))
        return PythonExpr(mark.format(len(long) - 1))
    return value


def printed_reply(request: dict, texts: list[str], usage: tuple[int, int] | None) -> str:
    """What the lines of `python_call_lines` print for a reply of these choice texts and
    (prompt, completion) token counts: a notebook's saved output."""
    usage_line = _USAGE_TEXT.format(*usage) + "\n" if usage is not None else ""
    streamed = request.get("stream") is not False
    if streamed and "audio" not in request and request.get("n", 1) != 1:
        shown = "".join(f"--- choice {i + 1} ---\n{text}\n" for i, text in enumerate(texts))
        return shown + usage_line
    first = texts[0] if texts else ""
    if streamed:
        return first + ("\n" + usage_line if usage_line else "")
    return f"{first}\n{usage_line}"


_USAGE_TEXT = "[{} prompt + {} completion tokens]"
_USAGE_PRINT = 'print(f"[{{{0}.prompt_tokens}} prompt + {{{0}.completion_tokens}} completion tokens]")'

_STREAM_LINES = [
    "for chunk in stream:",
    "    for choice in chunk.choices:",
    '        print(choice.delta.content or "", end="", flush=True)',
    "    if chunk.usage:",
    "        print()",
    "        " + _USAGE_PRINT.format("chunk.usage"),
]
# Several choices arrive interleaved: each is collected, then printed whole.
_STREAM_LINES_CHOICES = [
    "replies, usage = {}, None",
    "for chunk in stream:",
    "    for choice in chunk.choices:",
    '        replies[choice.index] = replies.get(choice.index, "") + (choice.delta.content or "")',
    "    usage = chunk.usage or usage",
    "for index in sorted(replies):",
    '    print(f"--- choice {index + 1} ---")',
    "    print(replies[index])",
    "if usage:",
    "    " + _USAGE_PRINT.format("usage"),
]
_COMPLETION_LINES = [
    "print(completion.choices[0].message.content)",
    "if completion.usage:",
    "    " + _USAGE_PRINT.format("completion.usage"),
]


def _stream_lines_spoken(audio_name: str) -> list[str]:
    return [
        "pcm = bytearray()  # raw 16-bit little-endian samples, 24 kHz mono",
        "for chunk in stream:",
        "    for choice in chunk.choices:",
        "        audio = choice.delta.audio",
        "        if audio and audio.transcript:",
        '            print(audio.transcript, end="", flush=True)',
        "        if audio and audio.data:",
        "            pcm += base64.b64decode(audio.data)",
        '        print(choice.delta.content or "", end="", flush=True)',
        "    if chunk.usage:",
        "        print()",
        "        " + _USAGE_PRINT.format("chunk.usage"),
        f"with open({audio_name + '.pcm'!r}, \"wb\") as f:",
        "    f.write(pcm)",
    ]


def _completion_lines_spoken(audio_name: str) -> list[str]:
    return [
        "message = completion.choices[0].message",
        "if message.audio:",
        "    print(message.audio.transcript)",
        f"    with open({audio_name + '.mp3'!r}, \"wb\") as f:",
        "        f.write(base64.b64decode(message.audio.data))",
        "else:",
        "    print(message.content)",
        "if completion.usage:",
        "    " + _USAGE_PRINT.format("completion.usage"),
    ]
