"""The stored conversations as a list model that pages rows in as the view scrolls.

Only the pages a view asked for are held (PAGE_SIZE rows at a time, via canFetchMore/fetchMore), so
10,000 conversations cost one page at start. Reads are asynchronous: a page arrives later through
the history controller's callback, and a reload diffs the new rows against the loaded ones (moves,
inserts, removals) so selection and scroll position survive it.
"""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop_app.controllers.history_controller import HistoryController
from desktop_app.services.history_store import ConversationSummary

PAGE_SIZE = 100

ID_ROLE = Qt.ItemDataRole.UserRole + 1
DATE_ROLE = Qt.ItemDataRole.UserRole + 2
"""The dim relative date shown at the end of a row ("Today 14:03", "Yesterday", "Mon", "2026-03-02")."""


def relative_date(timestamp: float, now: float | None = None) -> str:
    """A short, human date for a list row: today's time, Yesterday, a weekday this week, else the date."""
    when = datetime.fromtimestamp(timestamp)
    today = datetime.fromtimestamp(time.time() if now is None else now).date()
    days = (today - when.date()).days
    translate = QCoreApplication.translate
    if days == 0:
        return translate("ConversationModel", "Today {time}").format(time=when.strftime("%H:%M"))
    if days == 1:
        return translate("ConversationModel", "Yesterday")
    if 1 < days < 7:
        return QLocale().dayName(when.isoweekday(), QLocale.FormatType.ShortFormat)
    return when.date().isoformat()  # future dates (clock changes) land here too: never "Today" by mistake


class ConversationModel(QAbstractListModel):
    """Stored conversations, most recently used first, loaded a page at a time."""

    sig_rows_loaded = Signal()
    """A page or a reload arrived: the rows may have changed (e.g. to select the current one again)."""

    sig_rename_requested = Signal(str, str)
    """The user edited a title in place: (conversation id, new title, already stripped, never empty)."""

    def __init__(self, history: HistoryController, parent=None) -> None:
        super().__init__(parent)
        self._history = history
        self._rows: list[ConversationSummary] = []
        self._hidden: set[str] = set()  # deleted here, undo still possible: never shown even if read
        self._at_end = False  # the last read returned fewer rows than asked
        self._fetching = False
        self._generation = 0  # bumped by each reload: answers to older reads are dropped
        history.sig_list_changed.connect(self._on_history_list_changed)
        history.sig_opened.connect(self._on_history_opened)
        if history.is_open:
            self.reload()

    # -- public API ------------------------------------------------------------------------------

    def summary(self, row: int) -> ConversationSummary:
        """The conversation shown at `row`."""
        return self._rows[row]

    def row_of(self, conversation_id: str) -> int:
        """The row of a conversation, or -1 when it is not loaded (or hidden)."""
        return next((i for i, s in enumerate(self._rows) if s.id == conversation_id), -1)

    def titles(self) -> list[str]:
        """The titles of the loaded rows, in order, as shown."""
        return [self._shown_title(s) for s in self._rows]

    def reload(self) -> None:
        """Read the loaded rows again (at least one page) from the top, dropping any read under way."""
        self._generation += 1
        generation = self._generation
        self._fetching = True
        limit = max(len(self._rows), PAGE_SIZE)
        self._history.list_page(0, limit, lambda page: self._on_reload_read(generation, limit, page))

    def hide(self, conversation_id: str) -> None:
        """Take a row away at once (it is being deleted); it stays away until `unhide`."""
        self._hidden.add(conversation_id)
        row = self.row_of(conversation_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def unhide(self, conversation_id: str) -> None:
        """Let a row come back (its delete was undone); it shows at the next reload."""
        self._hidden.discard(conversation_id)

    # -- Qt overrides ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown_title(summary)
        if role == Qt.ItemDataRole.EditRole:
            return summary.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._shown_title(summary)
        if role == ID_ROLE:
            return summary.id
        if role == DATE_ROLE:
            return relative_date(summary.updated_at)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(  # noqa: N802
        self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        title = " ".join(str(value).split())
        summary = self._rows[index.row()]
        if not title:
            return False  # an empty title is refused: the old one stays
        if title == summary.title:
            return True
        # Shown at once; the stored title follows, and the reload after the write confirms it.
        self._rows[index.row()] = ConversationSummary(summary.id, title, summary.updated_at)
        self.dataChanged.emit(index, index)
        self.sig_rename_requested.emit(summary.id, title)
        return True

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._history.is_open and not self._at_end and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        self._history.list_page(len(self._rows), PAGE_SIZE, lambda page: self._on_page_read(generation, page))

    # -- private ---------------------------------------------------------------------------------

    def _shown_title(self, summary: ConversationSummary) -> str:
        return summary.title or QCoreApplication.translate("ConversationModel", "New conversation")

    def _visible(self, page: list[ConversationSummary]) -> list[ConversationSummary]:
        return [s for s in page if s.id not in self._hidden]

    def _on_history_opened(self) -> None:
        self.reload()

    def _on_history_list_changed(self) -> None:
        self.reload()

    def _on_page_read(self, generation: int, page: list[ConversationSummary]) -> None:
        if generation != self._generation:
            return  # a reload started since: it answers for these rows
        self._fetching = False
        self._at_end = len(page) < PAGE_SIZE
        known = {s.id for s in self._rows}
        new = [s for s in self._visible(page) if s.id not in known]  # a write between pages shifts them
        if new:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(new) - 1)
            self._rows.extend(new)
            self.endInsertRows()
        self.sig_rows_loaded.emit()

    def _on_reload_read(self, generation: int, limit: int, page: list[ConversationSummary]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._at_end = len(page) < limit
        self._apply(self._visible(page))
        self.sig_rows_loaded.emit()

    def _apply(self, new: list[ConversationSummary]) -> None:
        """Turn the loaded rows into `new` with removals, moves and inserts (not a reset)."""
        wanted = {s.id for s in new}
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        present = {s.id for s in self._rows}
        for i, summary in enumerate(new):
            if i < len(self._rows) and self._rows[i].id == summary.id:
                if self._rows[i] != summary:
                    self._rows[i] = summary
                    self.dataChanged.emit(self.index(i), self.index(i))
            elif summary.id in present:
                j = next(k for k in range(i + 1, len(self._rows)) if self._rows[k].id == summary.id)
                self.beginMoveRows(QModelIndex(), j, j, QModelIndex(), i)
                del self._rows[j]
                self._rows.insert(i, summary)
                self.endMoveRows()
            else:
                self.beginInsertRows(QModelIndex(), i, i)
                self._rows.insert(i, summary)
                self.endInsertRows()
                present.add(summary.id)
