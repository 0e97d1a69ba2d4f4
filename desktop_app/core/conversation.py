"""Conversations and messages: the state a chat is made of, with no I/O.

A conversation is a tree: editing a message or regenerating a reply adds a sibling instead of
overwriting, and `messages` is the visible branch, the path the user chose through the tree.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from enum import Enum

from desktop_app.core.errors import AppError
from desktop_app.core.events import Usage
from desktop_app.core.params import RequestParams

TITLE_LENGTH = 48
AUDIO_ID_MARGIN_S = 60.0  # an audio id this close to its expiry is not sent: the request could arrive after it
AUDIO_EXPIRED_AT = 1.0  # an `expires_at` long past: the id is never sent again


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


@dataclass(frozen=True)
class Attachment:
    """An image sent with a user message: prepared bytes (or a web address) and the detail asked for."""

    name: str
    mime: str = ""
    data: bytes = b""  # the prepared image; empty when the image goes as a web address
    width: int = 0
    height: int = 0
    detail: str = "auto"
    url: str = ""  # a web address sent as is (the server fetches it)
    id: str = field(default_factory=new_id)
    # The image exactly as the user gave it (the file, the downloaded bytes, the pasted PNG), kept in
    # the history; never sent. Empty for images stored before originals were kept.
    original: bytes = field(default=b"", repr=False)

    @property
    def image_url(self) -> str:
        """What the request's image_url part carries: a data URL or the web address."""
        if self.url:
            return self.url
        import base64

        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"

    @cached_property
    def original_base64(self) -> str:
        """The original as base64, made once per attachment (a 5 MB photo takes ~7 ms to encode)."""
        import base64

        return base64.b64encode(self.original).decode("ascii")

    def adopt_original_base64(self, encoded: str) -> "Attachment":
        """Use `encoded`, the base64 of `original` made off the GUI thread, as `original_base64`; returns self.

        Text of the wrong length for `original` is ignored (it would be encoded again when asked for).
        """
        if len(encoded) == 4 * ((len(self.original) + 2) // 3):
            self.__dict__["original_base64"] = encoded  # where cached_property keeps its value
        return self


@dataclass(frozen=True)
class AudioClip:
    """Sound kept with a message: the user's recording, or the assistant's spoken reply."""

    data: bytes = field(repr=False)  # encoded audio
    format: str  # "wav" or "mp3"
    duration_s: float = 0.0
    audio_id: str = ""  # the server's id of a spoken reply (referenced in later turns while valid)
    expires_at: float = 0.0  # unix seconds when audio_id stops working; 0 = unknown
    id: str = field(default_factory=new_id)

    @cached_property
    def data_base64(self) -> str:
        """The data as base64, made once per clip: requests are rebuilt for every preview and count."""
        import base64

        return base64.b64encode(self.data).decode("ascii")

    def reference_valid(self, now: float) -> bool:
        """True if a later request may refer to this reply by `audio_id` instead of sending its transcript."""
        if not self.audio_id:
            return False
        return self.expires_at == 0 or self.expires_at > now + AUDIO_ID_MARGIN_S

    def expired(self) -> "AudioClip":
        """This clip with its id marked as no longer known to the server (after audio_not_found)."""
        return replace(self, expires_at=AUDIO_EXPIRED_AT)


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
    parent_id: str | None = None  # the message this one answers or follows; None for the first
    attachments: list[Attachment] = field(default_factory=list)  # images sent with a user message
    audio: AudioClip | None = None  # the user's recording, or the spoken reply (its transcript is the text)

    @classmethod
    def user(cls, text: str, attachments: list[Attachment] = (), audio: AudioClip | None = None) -> "Message":
        """A message the user wrote or spoke, with the images they attached."""
        return cls(
            role=Role.USER,
            choices=[Choice(text=text, finish_reason="stop")],
            attachments=list(attachments),
            audio=audio,
        )

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


@dataclass(frozen=True)
class ConversationSetup:
    """What a conversation was last sent with, restored when the user comes back to it."""

    model: str
    system_prompt: str = ""
    params: RequestParams = field(default_factory=RequestParams)
    base_url: str = ""

    def to_dict(self) -> dict:
        """A JSON-friendly form."""
        return {
            "model": self.model,
            "system_prompt": self.system_prompt,
            "params": self.params.to_dict(),
            "base_url": self.base_url,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ConversationSetup | None":
        """Read back `to_dict`; None when there is no usable model name."""
        if not isinstance(data, dict) or not isinstance(data.get("model"), str) or not data["model"]:
            return None
        params = data.get("params")
        return cls(
            model=data["model"],
            system_prompt=data.get("system_prompt") if isinstance(data.get("system_prompt"), str) else "",
            params=RequestParams.from_dict(params) if isinstance(params, dict) else RequestParams(),
            base_url=data.get("base_url") if isinstance(data.get("base_url"), str) else "",
        )


@dataclass
class Conversation:
    """A tree of messages, the branch on show, and the setup and draft that go with it.

    `nodes` holds every message of every branch in creation order; `active` maps a parent id ("" for
    the root) to the child on show; `messages` is the resulting visible branch. Change the tree only
    through the methods, which keep the three in step.
    """

    id: str = field(default_factory=new_id)
    title: str = ""
    system_prompt: str = ""
    created_at: float = field(default_factory=time.time)
    updated_at: float | None = None
    draft: str = ""
    setup: ConversationSetup | None = None
    nodes: list[Message] = field(default_factory=list)
    active: dict[str, str] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.updated_at = self.updated_at or self.created_at
        self._refresh_branch()

    # -- reading -----------------------------------------------------------------------------------

    def find(self, message_id: str) -> Message | None:
        """The message with this id, on any branch."""
        return next((m for m in self.nodes if m.id == message_id), None)

    def context(self) -> list[Message]:
        """The messages sent as context: the visible branch except replies that produced no text."""
        return [m for m in self.messages if m.role is Role.USER or m.text]

    def add_user_message(
        self, text: str, attachments: list[Attachment] = (), audio: AudioClip | None = None
    ) -> Message:
        """Append what the user wrote or spoke; the first message also names the conversation."""
        message = Message.user(text, attachments, audio)
        self.append(message)
        if not self.title:
            fallback = attachments[0].name if attachments else VOICE_MESSAGE_TITLE if audio is not None else ""
            self.title = make_title(text or fallback)
        return message

    def siblings(self, message: Message) -> list[Message]:
        """The versions of a message: it and every other child of its parent, oldest first."""
        return [m for m in self.nodes if m.parent_id == message.parent_id]

    def is_visible(self, message: Message) -> bool:
        """True if the message is on the branch on show."""
        return any(m is message for m in self.messages)

    # -- changing ----------------------------------------------------------------------------------

    def append(self, message: Message) -> Message:
        """Add a message at the end of the visible branch."""
        message.parent_id = self.messages[-1].id if self.messages else None
        return self.add_sibling_of_path_end(message)

    def add_version(self, of: Message, message: Message) -> Message:
        """Add `message` as a new version of `of` (same parent) and show it; later turns stay on `of`'s branch."""
        message.parent_id = of.parent_id
        return self.add_sibling_of_path_end(message)

    def add_sibling_of_path_end(self, message: Message) -> Message:
        """Store a message whose parent_id is set, and make it the visible child of that parent."""
        self.nodes.append(message)
        self.active[message.parent_id or ""] = message.id
        self.touch()
        self._refresh_branch()
        return message

    def remove(self, message: Message) -> None:
        """Delete a message that has no replies (a failed turn); its parent shows another version."""
        if any(m.parent_id == message.id for m in self.nodes):
            raise ValueError("only a message without replies can be removed")
        self.nodes = [m for m in self.nodes if m is not message]
        key = message.parent_id or ""
        if self.active.get(key) == message.id:
            rest = [m for m in self.nodes if m.parent_id == message.parent_id]
            if rest:
                self.active[key] = rest[-1].id
            else:
                del self.active[key]
        self._refresh_branch()

    def show_version(self, message: Message, index: int) -> bool:
        """Show version `index` of a message (and the branch that follows it); False if nothing changes."""
        versions = self.siblings(message)
        if not 0 <= index < len(versions) or self.is_visible(versions[index]):
            return False
        self.active[message.parent_id or ""] = versions[index].id
        self._refresh_branch()
        return True

    def reveal(self, message: Message) -> bool:
        """Show the branch that contains `message` (after a search hit); False if it already shows."""
        if self.is_visible(message):
            return False
        by_id = {m.id: m for m in self.nodes}
        node: Message | None = message
        while node is not None:
            self.active[node.parent_id or ""] = node.id
            node = by_id.get(node.parent_id) if node.parent_id else None
        self._refresh_branch()
        return True

    def touch(self) -> None:
        """Mark the conversation as just used (it moves to the top of the list)."""
        self.updated_at = max(time.time(), (self.updated_at or 0.0) + 1e-6)

    def _refresh_branch(self) -> None:
        children: dict[str, list[Message]] = {}
        for m in self.nodes:
            children.setdefault(m.parent_id or "", []).append(m)
        path: list[Message] = []
        key = ""
        while key in children:
            versions = children[key]
            chosen = self.active.get(key)
            # Without a recorded choice (an imported or older file) the newest version shows.
            node = next((m for m in versions if m.id == chosen), versions[-1])
            path.append(node)
            key = node.id
        self.messages = path


VOICE_MESSAGE_TITLE = "Voice message"


def expire_audio_references(messages: list[Message]) -> list[Message]:
    """Mark every spoken reply's audio id as unknown to the server (after `audio_not_found`), so
    later requests send transcripts; returns the messages that changed (to be saved)."""
    changed = []
    for message in messages:
        if message.audio is not None and message.audio.audio_id and message.audio.expires_at != AUDIO_EXPIRED_AT:
            message.audio = message.audio.expired()
            changed.append(message)
    return changed


def make_title(text: str) -> str:
    """A one-line title from the first words of a message."""
    # Only the start is looked at: splitting a 5 MB paste whole took ~80 ms of the GUI thread.
    line = " ".join(text[: TITLE_LENGTH * 8].split())
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"
