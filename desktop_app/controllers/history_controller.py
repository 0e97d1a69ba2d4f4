"""The stored history, seen from the GUI thread: every call returns at once, the disk work is queued.

All database work runs in order on one storage thread, which owns the SQLite connection. Writes are
fire-and-forget; a failed write is reported once in plain words and the conversation is written whole
at its next save, so nothing is lost when space comes back. Reads answer through callbacks on the
GUI thread.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app import identity
from desktop_app.core.conversation import Conversation, Message
from desktop_app.core.i18n import LazyText, said, trans_late
from desktop_app.core.records import encode_later, message_to_dict
from desktop_app.services.files import write_atomically
from desktop_app.core.redact import Secrets
from desktop_app.services.history_store import (
    ConversationRow,
    ConversationSummary,
    HistoryStore,
    HistoryUnavailable,
    SearchHit,
    is_damage,
)
from desktop_app.workers.task_runner import TaskRunner

log = logging.getLogger(__name__)

DATA_DIR_ENV = "DESKTOP_APP_DATA_DIR"


def default_data_dir() -> Path:
    """The platform's data directory for the app, or DESKTOP_APP_DATA_DIR when set (portable use)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(identity.EXECUTABLE, appauthor=False))


class HistoryController(QObject):
    """Queues reads and writes of the conversation history on the storage thread."""

    sig_opened = Signal()
    """The history is open (possibly only in memory, after a notice): lists and searches can start."""

    sig_notice = Signal(object)
    """Something the user must know about their history (a damaged file moved aside, a failed write): a
    LazyText that ui.text.translated words in the UI's language."""

    sig_list_changed = Signal()
    """Conversations were added, renamed, deleted or reordered: the list should reload."""

    def __init__(self, data_dir: Path | None, parent: QObject | None = None, *, secrets: Secrets | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._secrets = secrets if secrets is not None else Secrets()
        self._runner = TaskRunner(max_workers=1)  # one thread: writes stay in order on one connection
        self._store: HistoryStore | None = None
        self._opened = False
        self.persistent = True  # False when the history lives only in memory for this session
        self._failing = False  # a write failed and the user was told; the next success clears it
        self._dirty: set[str] = set()  # conversations to write whole at their next save
        self._failed_jobs: list[Callable[[HistoryStore], object]] = []  # renames, deletes to do again
        self._recovering = False  # a damaged file is being set aside and read back
        self._after_recovery: list[tuple[Callable[[HistoryStore], object], str | None]] = []

    # -- opening and closing ---------------------------------------------------------------------

    def open(self) -> None:
        """Open the database on the storage thread; sig_opened follows."""
        self._runner.run(self._open_store, self._on_store_opened)

    @property
    def data_dir(self) -> Path | None:
        """The folder the history is kept in (None: in memory only, as in some tests)."""
        return self._data_dir

    @property
    def is_open(self) -> bool:
        """True once the history can be read."""
        return self._opened

    def close(self) -> None:
        """Finish queued writes and close the file (on exit)."""
        self._runner.run(self._close_store)
        self._runner.shutdown(drain=True)  # the last saves (a draft, a stopped reply) must land

    # -- writing ---------------------------------------------------------------------------------

    def save(
        self, conversation: Conversation, messages: list[Message] = (), removed: list[str] = (), list_changed=False
    ) -> None:
        """Write the conversation's row and the given messages (their state now) and removals.

        `list_changed` announces sig_list_changed once written (a new conversation, a new title or turn).
        """
        whole = conversation.id in self._dirty
        if whole:
            messages = conversation.nodes  # an earlier write failed: write everything again
            self._dirty.discard(conversation.id)
        row = _row_of(conversation)
        # Binary parts (recordings, spoken replies, images) are base64-encoded on the storage thread.
        records = [dict(message_to_dict(m, later=True), conversation_id=conversation.id) for m in messages]
        removed = list(removed)

        def write(store):
            store.save(row, [encode_later(r) for r in records], removed, whole=whole)

        self._write(write, conversation.id, list_changed)

    def is_dirty(self, conversation_id: str) -> bool:
        """True when a conversation has changes a failed write did not store yet."""
        return conversation_id in self._dirty

    def save_draft(self, conversation: Conversation) -> None:
        """Keep the unsent text; a conversation that only has a draft is stored too."""
        self.save(conversation)

    def rename(self, conversation_id: str, title: str) -> None:
        """Give a stored conversation another title."""
        self._write(lambda store: store.rename(conversation_id, title), None, list_changed=True)

    def delete(self, conversation_id: str) -> None:
        """Hide a conversation; `undelete` brings it back until `purge_deleted` runs."""
        self._write(lambda store: store.set_deleted(conversation_id, True), None, list_changed=True)

    def undelete(self, conversation_id: str) -> None:
        """Bring back a conversation deleted in this session."""
        self._write(lambda store: store.set_deleted(conversation_id, False), None, list_changed=True)

    def purge_deleted(self) -> None:
        """Erase deleted conversations for good (their undo time is over)."""
        self._write(lambda store: store.purge_deleted(), None)

    # -- reading ---------------------------------------------------------------------------------

    def count(self, on_done: Callable[[int], None]) -> None:
        """How many conversations there are."""
        self._read(lambda store: store.count(), on_done)

    def list_page(self, offset: int, limit: int, on_done: Callable[[list[ConversationSummary]], None]) -> None:
        """A page of the conversation list, most recent first."""
        self._read(lambda store: store.list_page(offset, limit), on_done)

    def load(self, conversation_id: str, on_done: Callable[[Conversation | None], None]) -> None:
        """A whole stored conversation, or None."""
        self._read(lambda store: store.load(conversation_id), on_done)

    def search(self, query: str, on_done: Callable[[list[SearchHit]], None]) -> None:
        """Messages and titles that contain every word of the query."""
        self._read(lambda store: store.search(query), on_done)

    def run(self, job: Callable[[HistoryStore], object], on_done=None, on_error=None) -> None:
        """Run any job with the store on the storage thread; callbacks come on the GUI thread."""
        self._runner.run(lambda: job(self._require_store()), on_done, on_error)

    def export(
        self,
        conversation_ids: list[str] | None,
        fmt: str,
        path: Path,
        on_done: Callable[[int], None],
        on_error: Callable[[BaseException], None],
        translate: Callable[[str], str] = str,
    ) -> None:
        """Write some (or with None, all) conversations as "markdown" or "json"; on_done(count).
        `translate` words the Markdown headings (LazyText) in the UI's language."""

        def job(store: HistoryStore) -> int:
            from desktop_app.core.export import conversations_to_json, conversations_to_markdown

            if conversation_ids is None:
                conversations = list(store.iter_all())
            else:
                conversations = [c for c in map(store.load, conversation_ids) if c is not None]
            if fmt == "json":
                text = conversations_to_json(conversations, app_version=identity.VERSION, exported_at=time.time())
            else:
                text = conversations_to_markdown(conversations, translate=translate)
            write_atomically(Path(path), self._secrets.scrub(text))
            return len(conversations)

        self._runner.run(lambda: job(self._require_store()), on_done, on_error)

    def export_notebook(
        self,
        conversation_id: str,
        path: Path,
        *,
        script: bool,
        embed: bool,
        base_url: str,
        on_done: Callable[[Path], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Write a conversation's branch on show as a notebook (or with `script`, a .py file) that
        reproduces it; images and recordings go beside it unless `embed`; on_done(path)."""

        def job(store: HistoryStore) -> Path:
            from desktop_app.core.notebook_export import build_notebook, media_dir_name, notebook_json, notebook_script
            from desktop_app.services.notebook_files import write_export

            conversation = store.load(conversation_id)
            if conversation is None:
                raise HistoryUnavailable(trans_late("HistoryController", "the conversation is not in the history yet"))
            setup = conversation.setup
            export = build_notebook(
                conversation,
                base_url=setup.base_url if setup is not None and setup.base_url else base_url,  # where it was held
                media_dir=None if embed else media_dir_name(path.stem),
                exported_at=time.time(),
            )
            write_export(path, notebook_script(export) if script else notebook_json(export), export.media)
            return path

        self._runner.run(lambda: job(self._require_store()), on_done, on_error)

    def import_file(
        self, path: Path, on_done: Callable[[tuple[int, int]], None], on_error: Callable[[BaseException], None]
    ) -> None:
        """Import a JSON export whole or not at all; on_done((added, in the file))."""

        def job(store: HistoryStore) -> tuple[int, int]:
            from desktop_app.core.export import parse_conversations_json

            try:
                text = Path(path).read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise HistoryUnavailable(trans_late("HistoryController", "the file is not UTF-8 text")) from None
            conversations = parse_conversations_json(text)
            return store.import_conversations(conversations), len(conversations)

        def done(result: tuple[int, int]) -> None:
            self.sig_list_changed.emit()
            on_done(result)

        self._runner.run(lambda: job(self._require_store()), done, on_error)

    # -- private ---------------------------------------------------------------------------------

    def _open_store(self) -> tuple[HistoryStore, str | None]:
        store, notice = self._open_or_fall_back()
        self._store = store  # set here, on the storage thread: jobs queued behind open() need it
        return store, notice

    def _open_or_fall_back(self) -> tuple[HistoryStore, str | None]:
        if self._data_dir is None:
            return HistoryStore(Path(":memory:"), self._secrets), None
        try:
            opened = HistoryStore.open_in(self._data_dir, self._secrets)
        except (HistoryUnavailable, OSError) as exc:
            log.error("history unavailable: %s", exc)
            notice = trans_late(
                "HistoryController",
                "Your history can't be saved: {reason}. Conversations are kept only until you close the app.",
            ).format(reason=said(exc))
            return HistoryStore(Path(":memory:"), self._secrets), notice
        notice = None
        if opened.moved_aside is not None:
            notice = self._recovered_notice(opened)
        elif opened.read_only:
            notice = trans_late(
                "HistoryController",
                "Your history folder is read-only: your conversations are shown, but new ones are kept "
                "only until you close the app.",
            )
        return opened.store, notice

    def _recovered_notice(self, opened) -> LazyText:
        conversations, messages = opened.recovered
        return trans_late(
            "HistoryController",
            "The history file was damaged. It was moved to {path}; {conversations} conversations and "
            "{messages} messages could be read back into a new history, which stores everything from now on.",
        ).format(path=opened.moved_aside, conversations=conversations, messages=messages)

    def _recover_store(self):
        """On the storage thread: set the damaged file aside and read it back into a new one."""
        store = self._require_store()
        store.close()
        opened = HistoryStore.replace_damaged(store.path, self._secrets)
        self._store = opened.store
        return opened

    def _start_recovery(self, job: Callable[[HistoryStore], object] | None, conversation_id: str | None) -> None:
        if job is not None:
            self._after_recovery.append((job, conversation_id))
        if self._recovering or not self.persistent:
            return
        self._recovering = True

        def done(opened) -> None:
            self._recovering = False
            self._failing = False
            self.sig_notice.emit(self._recovered_notice(opened))
            again, self._after_recovery = self._after_recovery, []
            for earlier, earlier_id in again:  # what failed on the damaged file is written to the new one
                self._write(earlier, earlier_id)
            self.sig_list_changed.emit()

        def failed(exc: BaseException) -> None:
            self._recovering = False
            log.error("history recovery failed: %s", exc)
            unrepaired = trans_late("HistoryController", "Couldn't repair your history: {reason}.")
            self.sig_notice.emit(unrepaired.format(reason=_plain(exc)))

        self._runner.run(self._recover_store, done, failed)

    def _on_store_opened(self, result: tuple[HistoryStore, str | None]) -> None:
        _store, notice = result
        self.persistent = str(_store.path) != ":memory:"
        self._opened = True
        if notice:
            self.sig_notice.emit(notice)
        self.sig_opened.emit()

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()

    def _require_store(self) -> HistoryStore:
        if self._store is None:
            raise HistoryUnavailable(trans_late("HistoryController", "the history is not open yet"))
        return self._store

    def _write(self, job: Callable[[HistoryStore], object], conversation_id: str | None, list_changed=False) -> None:
        def done(_result) -> None:
            self._failing = False
            if list_changed:
                self.sig_list_changed.emit()

        def failed(exc: BaseException) -> None:
            if is_damage(exc):
                self._start_recovery(job, conversation_id)
                return
            if conversation_id is not None:
                self._dirty.add(conversation_id)
            else:
                self._failed_jobs.append(job)  # done again, in order, before the next write
            log.error("history write failed: %s", exc)
            if not self._failing:  # one notice per run of failures, not one per token flush
                self._failing = True
                unsaved = trans_late(
                    "HistoryController",
                    "Couldn't save to your history: {reason}. Nothing you see is lost; "
                    "it will be saved once writing works again.",
                )
                self.sig_notice.emit(unsaved.format(reason=_plain(exc)))

        retry, self._failed_jobs = self._failed_jobs, []
        for earlier in retry:
            self._write(earlier, None)
        self._runner.run(lambda: job(self._require_store()), done, failed)

    def _read(self, job: Callable[[HistoryStore], object], on_done: Callable) -> None:
        def failed(exc: BaseException) -> None:
            log.error("history read failed: %s", exc)
            if is_damage(exc):
                self._start_recovery(None, None)  # the list reloads once it is repaired
                return
            unread = trans_late("HistoryController", "Couldn't read your history: {reason}.")
            self.sig_notice.emit(unread.format(reason=_plain(exc)))

        self._runner.run(lambda: job(self._require_store()), on_done, failed)


def _row_of(conversation: Conversation) -> ConversationRow:
    return ConversationRow(
        id=conversation.id,
        title=conversation.title,
        created_at=conversation.created_at,
        updated_at=conversation.updated_at or conversation.created_at,
        system_prompt=conversation.system_prompt,
        draft=conversation.draft,
        setup=conversation.setup.to_dict() if conversation.setup else None,
        active=dict(conversation.active),
    )


def _plain(exc: BaseException) -> str:
    text = str(exc)
    if "disk is full" in text:
        return trans_late("HistoryController", "the disk is full")
    if "readonly" in text or "read-only" in text:
        return trans_late("HistoryController", "the history file is read-only")
    if "locked" in text or "busy" in text:
        return trans_late("HistoryController", "another program holds the history file")
    return said(exc)
