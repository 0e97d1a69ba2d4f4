"""Reading what can still be read from a damaged history file, row by row around the damage."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.records import message_from_dict

log = logging.getLogger(__name__)

UNKNOWN_TOP = 1 << 24  # the rowid range searched when the table cannot say its largest rowid
MAX_QUERIES = 20_000  # per table: a damaged tree over a huge rowid range is given up, not searched forever


@dataclass(frozen=True)
class Salvaged:
    """Conversations (as store rows) and their messages' records read back from a damaged file."""

    rows: dict[str, dict]
    messages: dict[str, list[dict]]  # conversation id -> records, oldest first

    @property
    def message_count(self) -> int:
        """How many messages were read back."""
        return sum(len(records) for records in self.messages.values())


def read_damaged(path: Path) -> Salvaged:
    """Every readable, not deleted conversation and message of the file at `path` (never written)."""
    try:
        db = open_read_only(path)
    except sqlite3.Error as exc:
        log.error("damaged history %s cannot be opened at all: %s", path, exc)
        return Salvaged({}, {})
    try:
        rows: dict[str, dict] = {}
        deleted: set[str] = set()
        for values in _rows(db, "conversations", "id, title, created_at, updated_at, system_prompt, draft, setup, "
                            "active, deleted_at"):
            row = _conversation_row(values)
            if row is None:
                continue
            if values[8] is not None:
                deleted.add(row["id"])
            else:
                rows[row["id"]] = row
        messages: dict[str, list[dict]] = {}
        for conversation_id, record_text in _rows(db, "messages", "conversation_id, record"):
            record = _record(record_text)
            if record is not None and isinstance(conversation_id, str) and conversation_id not in deleted:
                messages.setdefault(conversation_id, []).append(record)
        for conversation_id in messages:
            rows.setdefault(conversation_id, _orphan_row(conversation_id))  # its row was in a lost page
        return Salvaged(rows, messages)
    finally:
        db.close()


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; immutable when the WAL cannot be read alongside it."""
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return db
    except sqlite3.Error:
        db.close()
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def _rows(db: sqlite3.Connection, table: str, columns: str) -> list[tuple]:
    """The readable rows of a table, in rowid order: ranges that fail are split until single rows."""
    try:
        top = db.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0  # noqa: S608 (fixed names)
    except sqlite3.Error:
        top = UNKNOWN_TOP
    found: list[tuple] = []
    pending = [(1, top)]
    queries = 0
    while pending and queries < MAX_QUERIES:
        low, high = pending.pop()
        queries += 1
        try:
            found.extend(
                db.execute(
                    f"SELECT rowid, {columns} FROM {table} WHERE rowid BETWEEN ? AND ?", (low, high)  # noqa: S608
                ).fetchall()
            )
        except sqlite3.Error:
            if low < high:  # split around the damage; a single unreadable row is given up
                middle = (low + high) // 2
                pending.extend([(middle + 1, high), (low, middle)])
    found.sort(key=lambda values: values[0])
    return [values[1:] for values in found]


def _conversation_row(values: tuple) -> dict | None:
    try:
        conversation_id, title, created_at, updated_at, system_prompt, draft, setup, active, _deleted = values
        return {
            "id": str(conversation_id),
            "title": title or "",
            "created_at": float(created_at),
            "updated_at": float(updated_at),
            "system_prompt": system_prompt or "",
            "draft": draft or "",
            "setup": json.loads(setup) if setup else None,
            "active": json.loads(active) if active else {},
        }
    except (TypeError, ValueError):
        return None


def _record(text: object) -> dict | None:
    """A stored message record, if it still reads as one."""
    try:
        record = json.loads(text)
        message_from_dict(record)
    except Exception:  # noqa: BLE001 (a damaged record is any kind of wrong)
        return None
    return record


def _orphan_row(conversation_id: str) -> dict:
    now = time.time()
    return {
        "id": conversation_id,
        "title": "",
        "created_at": now,
        "updated_at": now,
        "system_prompt": "",
        "draft": "",
        "setup": None,
        "active": {},
    }
