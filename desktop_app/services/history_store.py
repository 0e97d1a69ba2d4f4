"""The conversation history: one SQLite file (WAL, FTS5 trigram search), versioned and migrated.

Every call blocks on disk, so it runs on the storage worker thread, never on the GUI thread. Two app
instances may share the file: WAL lets readers and a writer overlap and the busy timeout makes a
second writer wait instead of failing.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.conversation import Conversation, ConversationSetup
from desktop_app.core.i18n import trans_late
from desktop_app.core.json_text import dumps as dumps_in_pieces
from desktop_app.core.records import RecordError, message_from_dict, usage_from_record
from desktop_app.core.redact import Secrets
from desktop_app.core.usage_report import UsageRow
from desktop_app.services.history_salvage import Salvaged, open_read_only, read_damaged

log = logging.getLogger(__name__)

DB_NAME = "history.sqlite3"
BUSY_TIMEOUT_MS = 5000
SNIPPET_RADIUS = 60
MIN_TRIGRAM = 3  # the trigram index serves words of 3+ characters; shorter ones are scanned
TRIGRAM_TOKENIZER = "trigram"


class HistoryUnavailable(Exception):
    """The history cannot be written; the text says why in plain words."""


@dataclass(frozen=True)
class ConversationSummary:
    """One row of the conversation list."""

    id: str
    title: str
    updated_at: float


@dataclass(frozen=True)
class SearchHit:
    """A message (or a title, when message_id is None) that matches a search."""

    conversation_id: str
    message_id: str | None
    title: str
    snippet: str
    updated_at: float


@dataclass(frozen=True)
class ConversationRow:
    """What the store keeps of a conversation besides its messages."""

    id: str
    title: str
    created_at: float
    updated_at: float
    system_prompt: str
    draft: str
    setup: dict | None
    active: dict


@dataclass(frozen=True)
class OpenedHistory:
    """A store, and the path a damaged file was moved to (None when nothing was moved) with how
    many conversations and messages were read back from it; or a read-only history's copy."""

    store: "HistoryStore"
    moved_aside: Path | None
    recovered: tuple[int, int] = (0, 0)
    read_only: bool = False


def _schema_1(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            system_prompt TEXT NOT NULL DEFAULT '',
            draft TEXT NOT NULL DEFAULT '',
            setup TEXT,
            active TEXT NOT NULL DEFAULT '{}',
            deleted_at REAL
        );
        CREATE INDEX conversations_by_update ON conversations (updated_at DESC);
        -- num orders messages as they were created and keys the search index; VACUUM keeps it.
        CREATE TABLE messages (
            num INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
            record TEXT NOT NULL
        );
        CREATE INDEX messages_by_conversation ON messages (conversation_id, num);
        """
    )


def _schema_2(db: sqlite3.Connection) -> None:
    # Search came with version 2: the trigram tokenizer finds any substring of 3+ characters,
    # which the default tokenizer cannot do for Korean, Chinese or Japanese.
    _create_search_table(db, "message_search", "text")
    rows = db.execute("SELECT num, record FROM messages").fetchall()
    db.executemany(
        "INSERT INTO message_search (rowid, text) VALUES (?, ?)",
        [(num, search_text(json.loads(record))) for num, record in rows],
    )


def _schema_3(db: sqlite3.Connection) -> None:
    # Titles got their own index with version 3: LIKE over every title took ~30 ms at 100,000
    # conversations. Keyed by the conversation's rowid, which only a VACUUM would renumber.
    _create_search_table(db, "title_search", "title")
    db.execute("INSERT INTO title_search (rowid, title) SELECT rowid, title FROM conversations")


def _create_search_table(db: sqlite3.Connection, name: str, column: str) -> None:
    """A trigram full-text table, or a plain one (searched by scanning) where SQLite has no FTS5 trigram."""
    try:
        db.execute(f"CREATE VIRTUAL TABLE {name} USING fts5 ({column}, tokenize = '{TRIGRAM_TOKENIZER}')")
    except sqlite3.OperationalError as exc:
        # SQLite before 3.34 (or built without FTS5).
        log.warning("full-text index unavailable (%s); search scans instead", exc)
        db.execute(f"CREATE TABLE {name} (num INTEGER PRIMARY KEY, {column} TEXT NOT NULL)")


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, and a migration must be one transaction.
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    for statement in "\n".join(lines).split(";"):
        if statement.strip():
            db.execute(statement)


MIGRATIONS = [_schema_1, _schema_2, _schema_3]  # index i migrates version i to i + 1
SCHEMA_VERSION = len(MIGRATIONS)


class HistoryStore:
    """Reads and writes conversations in one SQLite file. Not thread-safe: use from one thread."""

    def __init__(self, path: Path, secrets: Secrets | None = None, db: sqlite3.Connection | None = None) -> None:
        self.path = Path(path)
        # Every text written goes through this: a key a server echoed never reaches the file.
        self._scrub = secrets.scrub if secrets is not None else str
        self._db = db or sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._refuse_newer_schema()  # before anything writes to a file we do not understand
            if self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
                log.warning("history database is not in WAL mode")
            self._db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable across app crashes
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            tables = self._db.execute(
                "SELECT name, sql FROM sqlite_master WHERE name IN ('message_search', 'title_search')"
            ).fetchall()
            self._indexed = {name for name, sql in tables if "fts5" in sql.lower()}  # the full-text ones
        except BaseException:
            self._db.close()
            raise

    @classmethod
    def open_in(cls, data_dir: Path, secrets: Secrets | None = None) -> OpenedHistory:
        """Open (or create) the history in `data_dir`; a damaged file is moved aside, never overwritten.

        Raises HistoryUnavailable when the directory or the file cannot be written at all.
        """
        path = Path(data_dir) / DB_NAME
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryUnavailable(
                trans_late("History", "the folder {folder} cannot be created ({reason})").format(
                    folder=path.parent, reason=exc.strerror or exc
                )
            ) from exc
        try:
            return OpenedHistory(cls(path, secrets), None)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                if path.exists() and not _writable(path):
                    return OpenedHistory(cls.read_only_copy(path, secrets), None, read_only=True)
                raise HistoryUnavailable(_plain_reason(exc, path)) from exc
            log.error("history database %s is damaged: %s", path, exc)
        return cls.replace_damaged(path, secrets)

    @classmethod
    def replace_damaged(cls, path: Path, secrets: Secrets | None = None) -> OpenedHistory:
        """Move a damaged file aside (with its -wal and -shm) and start a new one at `path` holding
        everything that could still be read from it."""
        moved = _move_aside(path)
        salvaged = read_damaged(moved)
        try:
            store = cls(path, secrets)
        except sqlite3.DatabaseError as exc:
            raise HistoryUnavailable(_plain_reason(exc, path)) from exc
        store.restore(salvaged)
        return OpenedHistory(store, moved, (len(salvaged.rows), salvaged.message_count))

    @classmethod
    def read_only_copy(cls, path: Path, secrets: Secrets | None = None) -> HistoryStore:
        """The history of a file that cannot be written, copied into memory: readable, and new
        conversations are kept for the session."""
        try:
            source = open_read_only(path)
            copy = sqlite3.connect(":memory:", isolation_level=None)
            source.backup(copy)
            source.close()
            return cls(Path(":memory:"), secrets, db=copy)
        except sqlite3.DatabaseError as exc:
            raise HistoryUnavailable(_plain_reason(exc, path)) from exc

    def restore(self, salvaged: Salvaged) -> None:
        """Store what was read back from a damaged file, in one transaction."""
        with self._transaction():
            for conversation_id, row in salvaged.rows.items():
                records = salvaged.messages.get(conversation_id, [])
                self.save(_row_from_dict(row), [dict(record, conversation_id=conversation_id) for record in records])

    def close(self) -> None:
        """Close the file (a checkpoint folds the WAL back into it)."""
        self._db.close()

    # -- writing ---------------------------------------------------------------------------------

    def save(
        self, row: ConversationRow | None, messages: list[dict], removed: list[str] = (), whole: bool = False
    ) -> None:
        """Write a conversation's row, new or changed messages and removals in one transaction.

        With `whole`, `messages` is the entire conversation: stored messages not among them go.
        """
        with self._transaction():
            if row is not None:
                self._db.execute(
                    """
                    INSERT INTO conversations (id, title, created_at, updated_at, system_prompt, draft, setup, active)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET title = excluded.title, updated_at = excluded.updated_at,
                        system_prompt = excluded.system_prompt, draft = excluded.draft,
                        setup = excluded.setup, active = excluded.active
                    """,
                    (
                        row.id,
                        self._scrub(row.title),
                        row.created_at,
                        row.updated_at,
                        self._scrub(row.system_prompt),
                        self._scrub(row.draft),
                        self._scrub(json.dumps(row.setup)) if row.setup else None,
                        json.dumps(row.active),
                    ),
                )
                self._index_title(row.id)
            for record in messages:
                self._save_message(record.pop("conversation_id"), record)
            for message_id in removed:
                self._remove_message(message_id)
            if whole and row is not None:
                keep = {record["id"] for record in messages}
                stored = self._db.execute("SELECT id FROM messages WHERE conversation_id = ?", (row.id,)).fetchall()
                for (message_id,) in stored:
                    if message_id not in keep:
                        self._remove_message(message_id)

    def save_draft(self, conversation_id: str, draft: str) -> None:
        """Keep the unsent text of a conversation that is already stored."""
        with self._transaction():
            self._db.execute("UPDATE conversations SET draft = ? WHERE id = ?", (self._scrub(draft), conversation_id))

    def rename(self, conversation_id: str, title: str) -> None:
        """Give a conversation another title."""
        with self._transaction():
            self._db.execute("UPDATE conversations SET title = ? WHERE id = ?", (self._scrub(title), conversation_id))
            self._index_title(conversation_id)

    def set_deleted(self, conversation_id: str, deleted: bool) -> None:
        """Hide a conversation (deleted, undo still possible) or bring it back."""
        with self._transaction():
            self._db.execute(
                "UPDATE conversations SET deleted_at = ? WHERE id = ?",
                (time.time() if deleted else None, conversation_id),
            )

    def purge_deleted(self) -> int:
        """Erase conversations deleted earlier (their undo time is over); returns how many."""
        with self._transaction():
            ids = [r[0] for r in self._db.execute("SELECT id FROM conversations WHERE deleted_at IS NOT NULL")]
            for conversation_id in ids:
                self._erase(conversation_id)
        return len(ids)

    def _erase(self, conversation_id: str) -> None:
        self._db.execute(
            "DELETE FROM message_search WHERE rowid IN (SELECT num FROM messages WHERE conversation_id = ?)",
            (conversation_id,),
        )
        self._db.execute(
            "DELETE FROM title_search WHERE rowid = (SELECT rowid FROM conversations WHERE id = ?)", (conversation_id,)
        )
        self._db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    def import_conversations(self, conversations: list[dict]) -> int:
        """Add whole conversations (as `conversation_to_dict` gives them) in one transaction.

        A conversation whose id is already stored is skipped, so importing a file twice adds nothing.
        Returns how many were added.
        """
        added = 0
        with self._transaction():
            for data in conversations:
                found = self._db.execute("SELECT deleted_at FROM conversations WHERE id = ?", (data["id"],)).fetchone()
                if found is not None and found[0] is None:
                    continue
                if found is not None:  # deleted this session: the backup replaces it
                    self._erase(data["id"])
                for record in data["messages"]:
                    taken = self._db.execute("SELECT 1 FROM messages WHERE id = ?", (record["id"],)).fetchone()
                    if taken:
                        taken_by = trans_late("History", "message {id} is already stored in another conversation")
                        raise HistoryUnavailable(taken_by.format(id=record["id"]))
                self.save(_row_from_dict(data), [dict(m, conversation_id=data["id"]) for m in data["messages"]])
                added += 1
        return added

    # -- reading ---------------------------------------------------------------------------------

    def count(self) -> int:
        """How many conversations the list shows."""
        return self._db.execute("SELECT COUNT(*) FROM conversations WHERE deleted_at IS NULL").fetchone()[0]

    def list_page(self, offset: int, limit: int) -> list[ConversationSummary]:
        """Conversations, most recently used first, `limit` of them from `offset`."""
        rows = self._db.execute(
            "SELECT id, title, updated_at FROM conversations WHERE deleted_at IS NULL "
            "ORDER BY updated_at DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [ConversationSummary(*row) for row in rows]

    def load(self, conversation_id: str) -> Conversation | None:
        """A whole conversation with every branch, or None if it is not stored (or deleted)."""
        row = self._db.execute(
            "SELECT id, title, created_at, updated_at, system_prompt, draft, setup, active FROM conversations "
            "WHERE id = ? AND deleted_at IS NULL",
            (conversation_id,),
        ).fetchone()
        if row is None:
            return None
        records = self._db.execute(
            "SELECT record FROM messages WHERE conversation_id = ? ORDER BY num", (conversation_id,)
        ).fetchall()
        return Conversation(
            id=row[0],
            title=row[1],
            created_at=row[2],
            updated_at=row[3],
            system_prompt=row[4],
            draft=row[5],
            setup=ConversationSetup.from_dict(json.loads(row[6])) if row[6] else None,
            active=json.loads(row[7]),
            nodes=[message_from_dict(json.loads(r[0])) for r in records],
        )

    def iter_all(self) -> Iterator[Conversation]:
        """Every stored conversation, most recent first (for "export all")."""
        ids = [r[0] for r in self._db.execute(
            "SELECT id FROM conversations WHERE deleted_at IS NULL ORDER BY updated_at DESC"
        )]
        for conversation_id in ids:
            conversation = self.load(conversation_id)
            if conversation is not None:
                yield conversation

    def usage_rows(self) -> list[UsageRow]:
        """Every stored reply that reported usage, oldest first, trashed conversations included (they were paid for)."""
        rows = self._db.execute(
            "SELECT m.conversation_id, json_extract(m.record, '$.created_at'), json_extract(m.record, '$.model'), "
            "json_extract(m.record, '$.request.model'), json_extract(m.record, '$.usage'), "
            "json_extract(c.setup, '$.base_url') "
            "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
            "WHERE json_type(m.record, '$.usage') = 'object' ORDER BY m.num"
        )
        result = []
        for conversation_id, created_at, model, asked_model, usage, base_url in rows:
            try:
                parsed = usage_from_record(json.loads(usage))
            except (ValueError, RecordError):
                continue  # one damaged record does not hide the rest of the spending
            result.append(UsageRow(conversation_id, float(created_at or 0), model or asked_model or "", parsed,
                                   base_url or ""))
        return result

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Messages and titles containing every word of `query` (any substring, any script).

        The `limit` newest matching messages (num order: newest last) are found by walking the index
        backwards, which stops there: a word found in most messages costs as little as a rare one,
        where ordering every match by its conversation first read them all (~50 ms per 10,000
        conversations). They are then shown by conversation, most recently used first.
        """
        words = [w for w in query.split() if w]
        if not words:
            return []
        conditions, params = self._matching("message_search", "text", words)
        rows = self._db.execute(
            f"""
            SELECT m.conversation_id, m.id, c.title, message_search.text, c.updated_at, m.num
            FROM message_search
            JOIN messages m ON m.num = message_search.rowid
            JOIN conversations c ON c.id = m.conversation_id
            WHERE {conditions} AND c.deleted_at IS NULL
            ORDER BY message_search.rowid DESC
            LIMIT ?
            """,
            (*params, limit),
        ).fetchall()
        # Shown by conversation, most recent first, and in each in the order of its messages.
        rows.sort(key=lambda row: (-row[4], row[0], row[5]))
        hits = [SearchHit(cid, mid, title, make_snippet(text, words), updated) for cid, mid, title, text, updated, _ in rows]
        conditions, params = self._matching("title_search", "title", words)
        title_rows = self._db.execute(
            f"""
            SELECT c.id, c.title, c.updated_at
            FROM title_search
            JOIN conversations c ON c.rowid = title_search.rowid
            WHERE {conditions} AND c.deleted_at IS NULL
            ORDER BY title_search.rowid DESC
            LIMIT ?
            """,
            (*params, limit),
        ).fetchall()
        found = {h.conversation_id for h in hits}
        titles = [SearchHit(cid, None, title, title, updated) for cid, title, updated in title_rows if cid not in found]
        return sorted(titles + hits, key=lambda h: -h.updated_at)[:limit]

    # -- private ---------------------------------------------------------------------------------

    def _matching(self, table: str, column: str, words: list[str]) -> tuple[str, list[str]]:
        """The WHERE condition (and its parameters) for rows of a search table holding every word."""
        long_words = [w for w in words if len(w) >= MIN_TRIGRAM] if table in self._indexed else []
        conditions, params = [], []
        if long_words:
            conditions.append(f"{table} MATCH ?")
            params.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long_words))
        for w in words:
            if w not in long_words:
                conditions.append(f"{table}.{column} LIKE ? ESCAPE '\\'")
                params.append("%" + _escape_like(w) + "%")
        return " AND ".join(conditions), params

    def _transaction(self):
        return _Transaction(self._db)

    def _refuse_newer_schema(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryUnavailable(
                trans_late(
                    "History", "the history was written by a newer version of the app (schema {version}, this one knows {known})"
                ).format(version=version, known=SCHEMA_VERSION)
            )

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        while version < SCHEMA_VERSION:
            with self._transaction():
                MIGRATIONS[version](self._db)
                version += 1
                self._db.execute(f"PRAGMA user_version = {version}")

    def _save_message(self, conversation_id: str, record: dict) -> None:
        num = self._db.execute(
            """
            INSERT INTO messages (id, conversation_id, record) VALUES (?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET record = excluded.record
            RETURNING num
            """,
            (record["id"], conversation_id, self._scrub(dumps_in_pieces(record))),
        ).fetchone()[0]
        self._db.execute("DELETE FROM message_search WHERE rowid = ?", (num,))
        self._db.execute(
            "INSERT INTO message_search (rowid, text) VALUES (?, ?)", (num, self._scrub(search_text(record)))
        )

    def _index_title(self, conversation_id: str) -> None:
        """Put a conversation's current title in the title index (in place of the old one)."""
        self._db.execute(
            "DELETE FROM title_search WHERE rowid = (SELECT rowid FROM conversations WHERE id = ?)", (conversation_id,)
        )
        self._db.execute(
            "INSERT INTO title_search (rowid, title) SELECT rowid, title FROM conversations WHERE id = ?",
            (conversation_id,),
        )

    def _remove_message(self, message_id: str) -> None:
        row = self._db.execute("DELETE FROM messages WHERE id = ? RETURNING num", (message_id,)).fetchone()
        if row is not None:
            self._db.execute("DELETE FROM message_search WHERE rowid = ?", (row[0],))


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, nestable (inner levels join the outer transaction)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._outer = False

    def __enter__(self):
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")  # take the write lock now: no deadlock upgrading later
            self._outer = True
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if not self._outer:
            return
        if kind is None:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error:
                # Left open, the failed transaction would swallow every later write.
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        elif self._db.in_transaction:
            self._db.execute("ROLLBACK")


def make_snippet(text: str, words: list[str]) -> str:
    """A one-line excerpt around the first match of any of `words`."""
    lowered = text.lower()
    positions = [p for p in (lowered.find(w.lower()) for w in words) if p >= 0]
    at = min(positions) if positions else 0
    start = max(0, at - SNIPPET_RADIUS)
    end = min(len(text), at + SNIPPET_RADIUS * 2)
    excerpt = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + excerpt + ("…" if end < len(text) else "")


def search_text(record: dict) -> str:
    """The text of a message record that search looks through: every choice's text."""
    return "\n".join(choice["text"] for choice in record["choices"])


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _row_from_dict(data: dict) -> ConversationRow:
    return ConversationRow(
        id=data["id"],
        title=data["title"],
        created_at=data["created_at"],
        updated_at=data["updated_at"],
        system_prompt=data["system_prompt"],
        draft=data["draft"],
        setup=data["setup"],
        active=data["active"],
    )


def _writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)


def is_damage(exc: BaseException) -> bool:
    """True for errors that mean the file is not a usable database (as opposed to no permission)."""
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _plain_reason(exc: BaseException, path: Path) -> str:
    text = str(exc)
    if "unable to open" in text or "readonly" in text or "read-only" in text:
        return trans_late("History", "the file {path} cannot be opened for writing").format(path=path)
    if "disk is full" in text or "disk I/O" in text:
        return trans_late("History", "the disk is full or failing")
    return text


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.rename(target.with_name(target.name + suffix))
    return target
