"""The sidebar: search, New chat, the stored conversations (paged in), rename, delete with undo.

While the search field holds a query the list area shows the search results instead; Esc clears it.
Tests and the main window may use: `search_edit`, `new_button`, `list_view`, `results_view`,
`no_matches_label`, `undo_bar`, `undo_label`, `undo_button`, the actions `search_action` (Ctrl+F),
`rename_action` (F2), `delete_action` (Delete), and `row_titles()` / `result_texts()`.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.history_controller import HistoryController
from desktop_app.services.history_store import SearchHit
from desktop_app.ui.conversation_model import DATE_ROLE, ID_ROLE, ConversationModel
from desktop_app.ui.search_results import HIT_ROLE, SearchResultDelegate, SearchResultsModel, draw_row_background
from desktop_app.ui.safe_text import plain_labels

SEARCH_DELAY_MS = 200  # typing pauses this long before a search runs
UNDO_MS = 10_000
UNDO_TITLE_CHARS = 40  # a long title is cut in the undo bar so the sidebar keeps its width
ROW_PADDING = 5


class ConversationList(QWidget):
    """Finds, opens, renames and deletes stored conversations, and starts new ones."""

    def __init__(self, chat: ChatController, history: HistoryController, parent=None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._history = history
        self._search_serial = 0  # each search gets a number: answers to older ones are dropped
        self._deleted: tuple[str, bool] | None = None  # (id, was it shown) of the delete Undo reverts
        self._menu_index: QPersistentModelIndex | None = None  # the row a context menu was opened on
        self.list_model = ConversationModel(history, self)
        self.results_model = SearchResultsModel(self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._undo_timer = QTimer(self, singleShot=True, interval=UNDO_MS)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search all conversations (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_action = QAction(self.tr("Search conversations"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.search_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_button = QPushButton(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.list_view = QListView()
        self.list_view.setModel(self.list_model)
        self.list_view.setItemDelegate(_ConversationDelegate(self.list_view))
        self.list_view.setUniformItemSizes(True)  # with 10,000 rows the view never measures each one
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_view.setAccessibleName(self.tr("Conversations"))
        self.open_action = _view_action(self.tr("Open"), _enter_keys(), self.list_view)
        self.rename_action = _view_action(
            self.tr("Rename conversation…"), [QKeySequence(Qt.Key.Key_F2)], self.list_view
        )
        delete_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Delete)
        if sys.platform == "darwin":
            delete_keys.append(QKeySequence(Qt.Key.Key_Backspace))  # the key Mac users call Delete
        self.delete_action = _view_action(self.tr("Delete conversation"), delete_keys, self.list_view)
        self.results_view = QListView()
        self.results_view.setModel(self.results_model)
        self.results_view.setItemDelegate(SearchResultDelegate(self.results_view))
        self.results_view.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap to the sidebar's width
        self.results_view.setWordWrap(True)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.setAccessibleName(self.tr("Search results"))
        self.open_result_action = _view_action(self.tr("Open"), _enter_keys(), self.results_view)
        self.no_matches_label = QLabel(self.tr("No matches"))
        self.no_matches_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.no_matches_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.no_matches_label.setContentsMargins(0, 12, 0, 0)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.results_view)
        self.stack.addWidget(self.no_matches_label)
        self.undo_bar = QFrame()
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_label = QLabel()
        plain_labels(self.undo_label)
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)  # a title is user text, never markup
        self.undo_label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_bar.hide()

        bar_layout = QHBoxLayout(self.undo_bar)
        bar_layout.setContentsMargins(6, 4, 4, 4)
        bar_layout.addWidget(self.undo_label, 1)
        bar_layout.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.new_button)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.undo_bar)
        self.addAction(self.search_action)

        self.search_action.triggered.connect(self._on_search_action_triggered)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.search_edit.installEventFilter(self)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.list_view.clicked.connect(self._on_list_view_clicked)
        self.list_view.customContextMenuRequested.connect(self._on_list_view_context_menu_requested)
        self.open_action.triggered.connect(self._on_open_action_triggered)
        self.rename_action.triggered.connect(self._on_rename_action_triggered)
        self.delete_action.triggered.connect(self._on_delete_action_triggered)
        self.results_view.clicked.connect(self._on_results_view_clicked)
        self.open_result_action.triggered.connect(self._on_open_result_action_triggered)
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self._undo_timer.timeout.connect(self._on_undo_timer_timeout)
        self.list_model.sig_rows_loaded.connect(self._update_selection)
        self.list_model.sig_rename_requested.connect(self._on_list_model_rename_requested)
        chat.sig_conversation_switched.connect(self._on_chat_conversation_switched)
        history.sig_list_changed.connect(self._on_history_list_changed)
        history.sig_opened.connect(self._on_history_opened)

    # -- public API ------------------------------------------------------------------------------

    def row_titles(self) -> list[str]:
        """The titles of the loaded conversation rows, in order, as shown."""
        return self.list_model.titles()

    def result_texts(self) -> list[str]:
        """The search results as shown, each "title\\nsnippet"."""
        return self.results_model.texts()

    def has_row_focus(self) -> bool:
        """True while the keyboard is in the conversation list or the search results."""
        return self.list_view.hasFocus() or self.results_view.hasFocus()

    def is_searching(self) -> bool:
        """True while the search field holds a query (results are shown instead of the list)."""
        return bool(self.search_edit.text().strip())

    # -- Qt overrides ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search_edit and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                # Claim Esc from the window's Stop shortcut while there is a query to clear.
                if event.type() == QEvent.Type.KeyPress:
                    self.search_edit.clear()
                event.accept()
                return True
            if key == Qt.Key.Key_Down and event.type() == QEvent.Type.KeyPress:
                self._focus_first_row()
                return True
        return super().eventFilter(watched, event)

    # -- slots -----------------------------------------------------------------------------------

    @Slot()
    def _on_search_action_triggered(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    @Slot(str)
    def _on_search_edit_text_changed(self, text: str) -> None:
        if not text.strip():
            self._search_timer.stop()
            self._search_serial += 1  # an answer still on its way is for a query that is gone
            self.results_model.clear()
            self.stack.setCurrentWidget(self.list_view)
            return
        if self.stack.currentWidget() is self.list_view:
            self.results_model.clear()
            self.stack.setCurrentWidget(self.results_view)
        self._search_timer.start()

    @Slot()
    def _on_search_edit_return_pressed(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._run_search()
            return
        if self.is_searching():
            current = self.results_view.currentIndex()
            self._open_result(current if current.isValid() else self.results_model.index(0))

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        self._run_search()

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self._chat.new_conversation()

    @Slot(QModelIndex)
    def _on_list_view_clicked(self, index: QModelIndex) -> None:
        self._open_row(index)

    @Slot()
    def _on_open_action_triggered(self) -> None:
        self._open_row(self._target_index())

    @Slot(QPoint)
    def _on_list_view_context_menu_requested(self, pos: QPoint) -> None:
        index = self.list_view.indexAt(pos)
        if not index.isValid():
            return
        self._menu_index = QPersistentModelIndex(index)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(self.rename_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.list_view.viewport().mapToGlobal(pos))  # the actions run before exec returns
        self._menu_index = None
        menu.deleteLater()

    @Slot()
    def _on_rename_action_triggered(self) -> None:
        index = self._target_index()
        if index.isValid():
            self.list_view.setCurrentIndex(index)
            self.list_view.edit(index)

    @Slot()
    def _on_delete_action_triggered(self) -> None:
        index = self._target_index()
        if not index.isValid():
            return
        conversation_id = index.data(ID_ROLE)
        title = index.data(Qt.ItemDataRole.DisplayRole)
        was_shown = self._chat.current.id == conversation_id
        self.list_model.hide(conversation_id)  # gone at once; the write follows on the storage thread
        self._chat.delete_conversation(conversation_id)
        self._deleted = (conversation_id, was_shown)
        if len(title) > UNDO_TITLE_CHARS:
            title = title[: UNDO_TITLE_CHARS - 1] + "…"
        self.undo_label.setText(self.tr("Deleted “{title}”").format(title=title))
        self.undo_bar.show()
        self._undo_timer.start()

    @Slot()
    def _on_undo_button_clicked(self) -> None:
        self._undo_timer.stop()
        self.undo_bar.hide()
        if self._deleted is None:
            return
        conversation_id, was_shown = self._deleted
        self._deleted = None
        self.list_model.unhide(conversation_id)
        self._chat.undelete_conversation(conversation_id)  # the list reloads once it is written
        if was_shown and not self._chat.current.messages:
            self._chat.open_conversation(conversation_id)  # back where the user was; read after the undo

    @Slot()
    def _on_undo_timer_timeout(self) -> None:
        self.undo_bar.hide()
        self._deleted = None

    @Slot(QModelIndex)
    def _on_results_view_clicked(self, index: QModelIndex) -> None:
        self._open_result(index)

    @Slot()
    def _on_open_result_action_triggered(self) -> None:
        self._open_result(self.results_view.currentIndex())

    @Slot(str, str)
    def _on_list_model_rename_requested(self, conversation_id: str, title: str) -> None:
        self._chat.rename_conversation(conversation_id, title)

    @Slot(str)
    def _on_chat_conversation_switched(self, _conversation_id: str) -> None:
        self._update_selection()

    @Slot()
    def _on_history_list_changed(self) -> None:
        if self.is_searching():
            self._run_search()  # a rename, delete or new message may change the results

    @Slot()
    def _on_history_opened(self) -> None:
        if self.is_searching():
            self._run_search()

    @Slot()
    def _update_selection(self) -> None:
        """Select the row of the conversation on show, when it is loaded."""
        row = self.list_model.row_of(self._chat.current.id)
        selection = self.list_view.selectionModel()
        if row < 0:
            selection.clearSelection()  # the current index stays: Delete pressed again acts on it
            return
        index = self.list_model.index(row)
        if selection.isSelected(index) and selection.currentIndex() == index:
            return
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # -- private ---------------------------------------------------------------------------------

    def _run_search(self) -> None:
        query = self.search_edit.text().strip()
        if not query or not self._history.is_open:
            return  # searched again once the history opens
        self._search_serial += 1
        serial = self._search_serial
        self._history.search(query, lambda hits: self._show_results(serial, query, hits))

    def _show_results(self, serial: int, query: str, hits: list[SearchHit]) -> None:
        if serial != self._search_serial:
            return  # a slower, older query answering after a newer one
        self.results_model.set_results(query, hits)
        self.stack.setCurrentWidget(self.results_view if hits else self.no_matches_label)

    def _open_row(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        conversation_id = index.data(ID_ROLE)
        if conversation_id != self._chat.current.id:
            self._chat.open_conversation(conversation_id)

    def _open_result(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        hit: SearchHit = index.data(HIT_ROLE)
        self._chat.open_conversation(hit.conversation_id, hit.message_id, self.search_edit.text().split())

    def _target_index(self) -> QModelIndex:
        if self._menu_index is not None and self._menu_index.isValid():
            return self.list_model.index(self._menu_index.row())
        index = self.list_view.currentIndex()
        # From the Edit menu only a row the user can see selected is acted on; with the list's
        # focus the current row is, so Delete pressed again deletes the next one.
        if self.list_view.hasFocus() or self.list_view.selectionModel().isSelected(index):
            return index
        return QModelIndex()

    def _focus_first_row(self) -> None:
        view = self.results_view if self.is_searching() else self.list_view
        if view.model().rowCount() == 0:
            return
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not view.currentIndex().isValid():
            view.setCurrentIndex(view.model().index(0, 0))


class _ConversationDelegate(QStyledItemDelegate):
    """One line per conversation: the title, elided, and the relative date, dim, at the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return QSize(100, option.fontMetrics.height() + ROW_PADDING * 2)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt, title = draw_row_background(self, painter, option, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_color = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim_color = text_color if selected else opt.palette.color(QPalette.ColorRole.PlaceholderText)
        rect = opt.rect.adjusted(ROW_PADDING + 1, 0, -ROW_PADDING - 1, 0)
        date = index.data(DATE_ROLE) or ""
        metrics = opt.fontMetrics
        date_width = metrics.horizontalAdvance(date)
        title_width = max(0, rect.width() - date_width - 2 * ROW_PADDING)
        middle = Qt.AlignmentFlag.AlignVCenter

        painter.save()
        painter.setPen(text_color)
        title_rect = rect.adjusted(0, 0, title_width - rect.width(), 0)
        elided = metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_width)
        painter.drawText(title_rect, middle | Qt.AlignmentFlag.AlignLeft, elided)
        painter.setPen(dim_color)
        painter.drawText(rect, middle | Qt.AlignmentFlag.AlignRight, date)
        painter.restore()


def _enter_keys() -> list[QKeySequence]:
    """Return and the keypad's Enter."""
    return [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]


def _view_action(text: str, keys: list[QKeySequence], view: QWidget) -> QAction:
    """An action whose shortcut works while `view` has the focus (not in its in-place editor)."""
    action = QAction(text, view)
    action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    view.addAction(action)
    return action
