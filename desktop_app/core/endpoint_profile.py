"""What the app learned about one OpenAI-compatible server, kept per base URL.

Local servers (llama.cpp, Ollama, vLLM, LM Studio) differ from OpenAI's API in ways a request can
work around once known: a chat template that needs user and assistant turns to alternate, no
`developer` role, another name for the length cap, `n` ignored, errors hidden in an empty 200
stream, no model list, a small context window. The profile remembers each, learned from the
server's answers or set by the user in Settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum

from desktop_app.core.context_window import MAX_CONTEXT_WINDOW

LENGTH_CAP_NAMES = ("max_tokens", "max_completion_tokens")


class Alternation(str, Enum):
    """What a request does with a turn that got no answer (stopped before any text, or failed)."""

    AUTO = "auto"  # sent as it is until the server says its roles must alternate, then LEAVE_OUT
    LEAVE_OUT = "leave_out"  # the unanswered question is left out of the context
    EMPTY_REPLY = "empty_reply"  # an empty assistant turn follows it
    AS_IS = "as_is"  # two user turns in a row (OpenAI takes them)


@dataclass(frozen=True)
class EndpointProfile:
    """What one server needs; each field starts unknown (its default) and is learned or set."""

    alternation: Alternation = Alternation.AUTO
    needs_alternation: bool = False  # the server rejected two user turns in a row
    system_role_only: bool = False  # the server rejected the developer role
    length_cap: str = ""  # the length-cap name the server took, "" when not learned
    ignores_n: bool = False  # asked for n > 1, the server sent one choice
    errors_in_stream: bool = False  # a failing streamed request came back as an empty 200
    lists_models: bool = True  # False: the server has no GET /models
    context_windows: dict[str, int] = field(default_factory=dict)  # model -> tokens, from the server

    def unanswered_turns(self) -> Alternation:
        """The effective handling of unanswered turns (AUTO resolved)."""
        if self.alternation is not Alternation.AUTO:
            return self.alternation
        return Alternation.LEAVE_OUT if self.needs_alternation else Alternation.AS_IS

    def with_window(self, model: str, tokens: int) -> EndpointProfile:
        """This profile with `model`'s context window learned."""
        if not model or not 0 < tokens <= MAX_CONTEXT_WINDOW or self.context_windows.get(model) == tokens:
            return self
        return replace(self, context_windows={**self.context_windows, model: tokens})

    def learned(self) -> list[str]:
        """The names of what was learned (empty when nothing was), for Settings to list."""
        names = [
            name
            for name, value in (
                ("needs_alternation", self.needs_alternation),
                ("system_role_only", self.system_role_only),
                ("length_cap", self.length_cap),
                ("ignores_n", self.ignores_n),
                ("errors_in_stream", self.errors_in_stream),
                ("no_models_list", not self.lists_models),
            )
            if value
        ]
        return names + (["context_windows"] if self.context_windows else [])

    def to_dict(self) -> dict:
        """A JSON-friendly form."""
        return {
            "alternation": self.alternation.value,
            "needs_alternation": self.needs_alternation,
            "system_role_only": self.system_role_only,
            "length_cap": self.length_cap,
            "ignores_n": self.ignores_n,
            "errors_in_stream": self.errors_in_stream,
            "lists_models": self.lists_models,
            "context_windows": dict(self.context_windows),
        }

    @classmethod
    def from_dict(cls, data: object) -> EndpointProfile:
        """Read back `to_dict` output; broken values fall back to unknown."""
        if not isinstance(data, dict):
            return cls()
        def flag(key: str, default: bool) -> bool:
            return data[key] if isinstance(data.get(key), bool) else default

        try:
            alternation = Alternation(data.get("alternation", "auto"))
        except ValueError:
            alternation = Alternation.AUTO
        cap = data.get("length_cap")
        windows = data.get("context_windows")
        return cls(
            alternation=alternation,
            needs_alternation=flag("needs_alternation", False),
            system_role_only=flag("system_role_only", False),
            length_cap=cap if cap in LENGTH_CAP_NAMES else "",
            ignores_n=flag("ignores_n", False),
            errors_in_stream=flag("errors_in_stream", False),
            lists_models=flag("lists_models", True),
            context_windows={
                m: t
                for m, t in (windows.items() if isinstance(windows, dict) else ())
                if isinstance(m, str) and type(t) is int and 0 < t <= MAX_CONTEXT_WINDOW
            },
        )


def profile_key(base_url: str) -> str:
    """The key a server's profile is stored under: its base URL without trailing slashes."""
    return base_url.strip().rstrip("/")


def alternate_roles(messages: list[dict], mode: Alternation) -> list[dict]:
    """`messages` with no two user turns in a row: the earlier one left out, or answered empty.

    Only user turns can follow each other (a reply that produced no text is not sent), and the
    last user turn is the question being asked, so it always stays.
    """
    if mode in (Alternation.AS_IS, Alternation.AUTO):
        return messages
    result: list[dict] = []
    for message in messages:
        if message.get("role") == "user" and result and result[-1].get("role") == "user":
            if mode is Alternation.LEAVE_OUT:
                result.pop()
            else:
                result.append({"role": "assistant", "content": ""})
        result.append(message)
    return result


_ALTERNATION_ERROR = re.compile(
    r"roles? must alternate|must alternate (between )?user|alternat\w* (user|roles)|"
    r"consecutive (user|messages with the same role)|after a user message.{0,40}assistant",
    re.IGNORECASE,
)


def is_alternation_error(text: str) -> bool:
    """True when a server's error says the conversation's roles must alternate."""
    return bool(_ALTERNATION_ERROR.search(text))
