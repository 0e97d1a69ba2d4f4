"""Conversations and messages: the state a chat is made of, with no I/O."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from enum import Enum

from desktop_app.core.errors import AppError
from desktop_app.core.events import Usage

TITLE_LENGTH = 48


class Role(str, Enum):
    """Who wrote a message."""

    USER = "user"
    ASSISTANT = "assistant"


class MessageStatus(str, Enum):
    """Where a message is in its life."""

    DONE = "done"
    STREAMING = "streaming"
    STOPPED = "stopped"  # the user pressed Stop: the partial text is kept
    INTERRUPTED = "interrupted"  # the stream broke: the partial text is kept
    FAILED = "failed"  # nothing usable arrived


def new_id() -> str:
    """A fresh, unique message or conversation id (128 random bits, like uuid4)."""
    return os.urandom(16).hex()  # `uuid` imports `platform`: ~6 ms at startup


@dataclass
class Choice:
    """One alternative answer of a request with n choices (a user message has exactly one)."""

    text: str = ""
    finish_reason: str | None = None


@dataclass
class Message:
    """A message in the conversation, with what the server reported about it."""

    role: Role
    choices: list[Choice] = field(default_factory=lambda: [Choice()])
    selected: int = 0
    status: MessageStatus = MessageStatus.DONE
    id: str = field(default_factory=new_id)
    created_at: float = field(default_factory=time.time)
    error: AppError | None = None
    usage: Usage | None = None
    ttft_ms: float | None = None
    model: str | None = None
    system_fingerprint: str | None = None
    request: dict | None = None  # the exact request body that produced this reply
    ended_at: float | None = None  # when the reply stopped streaming (time.time())

    @classmethod
    def user(cls, text: str) -> "Message":
        """A message the user wrote."""
        return cls(role=Role.USER, choices=[Choice(text=text, finish_reason="stop")])

    @classmethod
    def pending_reply(cls, n: int, request: dict, model: str) -> "Message":
        """An empty assistant message that a stream of n choices will fill."""
        return cls(
            role=Role.ASSISTANT,
            choices=[Choice() for _ in range(max(1, n))],
            status=MessageStatus.STREAMING,
            request=request,
            model=model,
        )

    @property
    def text(self) -> str:
        """The text of the chosen alternative: the one the conversation continues from."""
        return self.choices[self.selected].text

    @property
    def is_streaming(self) -> bool:
        """True while tokens are still arriving."""
        return self.status is MessageStatus.STREAMING

    def retry_wait_left(self, now: float | None = None) -> float | None:
        """Seconds the server asked us to wait before retrying, still to go; None if no such wait."""
        if self.error is None or self.error.retry_after_s is None or self.ended_at is None:
            return None
        return max(0.0, self.ended_at + self.error.retry_after_s - (time.time() if now is None else now))

    def select(self, index: int) -> bool:
        """Make choice `index` the one the conversation continues from; False if out of range."""
        if not 0 <= index < len(self.choices) or index == self.selected:
            return False
        self.selected = index
        return True


@dataclass
class Conversation:
    """An ordered list of messages with the system prompt that frames them."""

    id: str = field(default_factory=new_id)
    title: str = ""
    system_prompt: str = ""
    messages: list[Message] = field(default_factory=list)
    created_at: float = field(default_factory=time.time)

    def find(self, message_id: str) -> Message | None:
        """The message with this id, if it is in the conversation."""
        return next((m for m in self.messages if m.id == message_id), None)

    def context(self) -> list[Message]:
        """The messages sent as context: everything visible except replies that produced no text."""
        return [m for m in self.messages if m.role is Role.USER or m.text]

    def add_user_message(self, text: str) -> Message:
        """Append what the user wrote; the first message also names the conversation."""
        message = Message.user(text)
        self.messages.append(message)
        if not self.title:
            self.title = make_title(text)
        return message


def make_title(text: str) -> str:
    """A one-line title from the first words of a message."""
    line = " ".join(text.split())
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"
