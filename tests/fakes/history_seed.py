"""Write conversations straight into a history file, as an earlier run of the app would have."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.conversation import Choice, Conversation, Message, Role
from desktop_app.core.records import message_to_dict
from desktop_app.services.history_store import ConversationRow, HistoryStore


def reply(text: str, **fields) -> Message:
    """A finished assistant message."""
    return Message(role=Role.ASSISTANT, choices=[Choice(text, "stop")], **fields)


def conversation_of(*turns: tuple[str, str], title: str = "", updated_at: float | None = None) -> Conversation:
    """A conversation of (question, answer) turns."""
    conversation = Conversation()
    for question, answer in turns:
        conversation.add_user_message(question)
        conversation.append(reply(answer))
    if title:
        conversation.title = title
    if updated_at is not None:
        conversation.updated_at = updated_at
    return conversation


def seed_history(data_dir: Path, conversations: list[Conversation]) -> None:
    """Store whole conversations in the history under `data_dir`."""
    store = HistoryStore.open_in(data_dir).store
    try:
        for c in conversations:
            row = ConversationRow(
                c.id, c.title, c.created_at, c.updated_at or c.created_at, c.system_prompt, c.draft,
                c.setup.to_dict() if c.setup else None, dict(c.active),
            )
            store.save(row, [dict(message_to_dict(m), conversation_id=c.id) for m in c.nodes])
    finally:
        store.close()
