"""Help → Keyboard shortcuts: every shortcut of the window, read from its actions so it never goes stale."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ShortcutEntry:
    """One row of the list: where it works, what it does, and its keys as the platform writes them."""

    place: str
    action: str
    keys: str


def menu_entries(window: QMainWindow) -> list[ShortcutEntry]:
    """Every action with a shortcut in the window's menu bar, under its menu's name, in menu order."""
    entries: list[ShortcutEntry] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            entries += _walk(menu, _plain(top.text()))
    return entries


def action_entries(actions: list[QAction], place: str) -> list[ShortcutEntry]:
    """Entries for actions outside the menu bar (e.g. Enter in a list), under `place`."""
    return [ShortcutEntry(place, _plain(a.text()), _keys(a.shortcuts())) for a in actions if a.shortcuts()]


def key_entry(place: str, action: str, keys: QKeySequence | list[QKeySequence]) -> ShortcutEntry:
    """An entry for a key that is not an action (hold-to-talk, Enter in the composer)."""
    return ShortcutEntry(place, action, _keys(keys if isinstance(keys, list) else [keys]))


class ShortcutsDialog(QDialog):
    """A read-only table of shortcuts: Where, Action, Keys."""

    def __init__(self, entries: list[ShortcutEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 520)
        self.table = QTableWidget(len(entries), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Action"), self.tr("Keys")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the Close button
        for row, entry in enumerate(entries):
            for column, text in enumerate((entry.place, entry.action, entry.keys)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)

    def rows(self) -> list[tuple[str, str, str]]:
        """The table as shown: (where, action, keys) per row."""
        return [
            tuple(self.table.item(row, column).text() for column in range(3))  # type: ignore[misc]
            for row in range(self.table.rowCount())
        ]


def _walk(menu: QMenu, place: str) -> list[ShortcutEntry]:
    entries = []
    for action in menu.actions():
        if action.menu() is not None:
            entries += _walk(action.menu(), place)
        elif action.shortcuts() and action.isVisible():
            entries.append(ShortcutEntry(place, _plain(action.text()), _keys(action.shortcuts())))
    return entries


def _plain(text: str) -> str:
    """A menu text without its mnemonic marker and ellipsis: "&File" -> "File", "Export…" -> "Export"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…").removesuffix("...")


def _keys(sequences: list[QKeySequence]) -> str:
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(s.toString(native) for s in sequences if not s.isEmpty())


