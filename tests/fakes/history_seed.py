"""Write conversations straight into a history file, as an earlier run of the app would have."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from desktop_app.core.conversation import Choice, Conversation, Message, Role
from desktop_app.core.records import message_to_dict
from desktop_app.services.history_store import ConversationRow, HistoryStore, search_text


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


def bulk_seed_history(data_dir: Path, conversations: Iterable[Conversation], batch: int = 2_000) -> int:
    """Store many conversations fast: the store creates its schema, then plain executemany in one
    transaction writes the rows it would have written (conversations, messages, search text).

    For benchmarks of 100,000 conversations, where one `save` each takes many minutes. Returns the
    number of messages written.
    """
    store = HistoryStore.open_in(data_dir).store
    path = store.path
    store.close()
    db = sqlite3.connect(path, isolation_level=None)
    written = 0
    try:
        db.execute("BEGIN IMMEDIATE")
        num = db.execute("SELECT coalesce(max(num), 0) FROM messages").fetchone()[0]
        last = db.execute("SELECT coalesce(max(rowid), 0) FROM conversations").fetchone()[0]
        rows, records, search = [], [], []

        def flush() -> None:
            db.executemany(
                "INSERT INTO conversations (id, title, created_at, updated_at, system_prompt, draft, setup, active)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            db.executemany("INSERT INTO messages (num, id, conversation_id, record) VALUES (?, ?, ?, ?)", records)
            db.executemany("INSERT INTO message_search (rowid, text) VALUES (?, ?)", search)
            rows.clear()
            records.clear()
            search.clear()

        for c in conversations:
            setup = json.dumps(c.setup.to_dict()) if c.setup else None
            rows.append((c.id, c.title, c.created_at, c.updated_at or c.created_at, c.system_prompt, c.draft,
                         setup, json.dumps(dict(c.active))))
            for message in c.nodes:
                num += 1
                record = message_to_dict(message)
                records.append((num, record["id"], c.id, json.dumps(record, ensure_ascii=False)))
                search.append((num, search_text(record)))
                written += 1
            if len(rows) >= batch:
                flush()
        flush()
        db.execute("INSERT INTO title_search (rowid, title) SELECT rowid, title FROM conversations WHERE rowid > ?", (last,))
        db.execute("COMMIT")
    finally:
        db.close()
    return written
