"""A JSON answer as data: a collapsible tree, a table for a list of objects, copy and save as .json / .csv."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.text import translated
from desktop_app.core.json_answer import (
    ParsedAnswer,
    Table,
    cell_text,
    json_kind,
    parse_answer,
    table_of,
    to_csv,
    to_json_text,
)
from desktop_app.ui.json_inline import size_text
from desktop_app.ui.safe_text import plain_labels, warn_plain

# Levels 0 and 1 open: the answer's keys and one level inside them, deeper parts collapsed.
_EXPANDED_DEPTH = 1
_READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


class JsonAnswerView(QWidget):
    """Shows one reply read as JSON; invalid JSON is shown as text with a note on where it breaks."""

    sig_file_saved = Signal(str)
    """A .json or .csv file was written; the payload is its path."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._parsed = ParsedAnswer(value=None, error=None)
        self._raw_text = ""
        self._table_data: Table | None = None

        self.note_label = QLabel()
        plain_labels(self.note_label)
        self.note_label.setWordWrap(True)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.raw_edit = QPlainTextEdit()
        self.raw_edit.setReadOnly(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Key"), self.tr("Value"), self.tr("Type")])
        self.tree.setAlternatingRowColors(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.tabs = QTabWidget()
        self._tree_index = self.tabs.addTab(self.tree, self.tr("Tree"))
        self._table_index = self.tabs.addTab(self.table, self.tr("Table"))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.save_json_button = QPushButton(self.tr("Save .json…"))
        self.save_csv_button = QPushButton(self.tr("Save .csv…"))

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_json_button)
        buttons.addWidget(self.save_csv_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note_label)
        layout.addWidget(self.raw_edit, 1)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.save_json_button.clicked.connect(self._on_save_json_button_clicked)
        self.save_csv_button.clicked.connect(self._on_save_csv_button_clicked)
        self.set_answer("")

    # -- public API --------------------------------------------------------------------------------

    @property
    def parsed(self) -> ParsedAnswer:
        """The reply as last read: its value, or the error saying where the JSON breaks."""
        return self._parsed

    @property
    def table_data(self) -> Table | None:
        """The table the Table tab shows, or None when the answer is not a list of objects."""
        return self._table_data

    def set_answer(self, text: str) -> None:
        """Show a reply: as tree (and table) when it is JSON, else as text with a note on where it breaks."""
        self._raw_text = text
        self._parsed = parse_answer(text)
        valid = self._parsed.error is None
        self._table_data = table_of(self._parsed.value) if valid else None
        self._update_tree()
        self._update_table()
        # The note comes from core as a LazyText (line and column are its arguments).
        self.note_label.setText(translated(self._parsed.error or ""))
        self.note_label.setVisible(not valid and bool(text.strip()))
        self.raw_edit.setPlainText(text if not valid else "")
        self.raw_edit.setVisible(not valid)
        self.tabs.setVisible(valid)
        self.save_json_button.setEnabled(valid)
        self.save_csv_button.setVisible(self._table_data is not None)
        self.copy_button.setEnabled(bool(text.strip()))

    def copy_text(self) -> str:
        """What Copy puts on the clipboard: pretty JSON when valid, else the reply as it came."""
        return to_json_text(self._parsed.value) if self._parsed.error is None else self._raw_text

    def save_json(self, path: Path) -> None:
        """Write the answer as pretty UTF-8 JSON; raises OSError when the file cannot be written."""
        if self._parsed.error is not None:
            raise ValueError("The answer is not valid JSON")
        path.write_text(to_json_text(self._parsed.value) + "\n", encoding="utf-8")

    def save_csv(self, path: Path) -> None:
        """Write the table as UTF-8 CSV with a byte-order mark (so Excel reads Korean); raises OSError."""
        if self._table_data is None:
            raise ValueError("The answer is not a list of objects")
        # newline="": the csv text already ends rows with CRLF; no second translation on Windows.
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            stream.write(to_csv(self._table_data))

    # -- slots -------------------------------------------------------------------------------------

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.copy_text())

    @Slot()
    def _on_save_json_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save JSON"), "answer.json", self.tr("JSON files (*.json);;All files (*)")
        )
        if name:
            self._save(self.save_json, Path(name))

    @Slot()
    def _on_save_csv_button_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save CSV"), "answer.csv", self.tr("CSV files (*.csv);;All files (*)")
        )
        if name:
            self._save(self.save_csv, Path(name))

    # -- private -----------------------------------------------------------------------------------

    def _save(self, write, path: Path) -> None:
        try:
            write(path)
        except OSError as error:
            warn_plain(
                self,
                self.tr("Could not save"),
                self.tr("Could not save {path}: {reason}").format(path=path, reason=error.strerror or error),
            )
            return
        self.sig_file_saved.emit(str(path))

    def _update_tree(self) -> None:
        self.tree.clear()
        if self._parsed.error is not None or not self._raw_text.strip():
            return
        value = self._parsed.value
        if isinstance(value, (dict, list)):
            self._add_children(self.tree.invisibleRootItem(), value)
        else:
            self.tree.addTopLevelItem(self._item("", value))
        self.tree.expandToDepth(_EXPANDED_DEPTH)
        self.tree.resizeColumnToContents(0)

    def _add_children(self, parent: QTreeWidgetItem, value: dict | list) -> None:
        pairs = value.items() if isinstance(value, dict) else ((f"[{i}]", v) for i, v in enumerate(value))
        for key, child in pairs:
            item = self._item(str(key), child)
            parent.addChild(item)
            if isinstance(child, (dict, list)):
                self._add_children(item, child)

    def _item(self, key: str, value: object) -> QTreeWidgetItem:
        if isinstance(value, (dict, list)):
            shown = size_text(json_kind(value), len(value))
        else:
            shown = "null" if value is None else cell_text(value)
        return QTreeWidgetItem([key, shown, json_kind(value)])

    def _update_table(self) -> None:
        self.table.clear()
        table = self._table_data
        self.tabs.setTabVisible(self._table_index, table is not None)
        if table is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.tabs.setCurrentIndex(self._tree_index)
            return
        self.table.setColumnCount(len(table.columns))
        self.table.setRowCount(len(table.rows))
        self.table.setHorizontalHeaderLabels(table.columns)
        for row, cells in enumerate(table.rows):
            for column, cell in enumerate(cells):
                item = QTableWidgetItem(cell_text(cell))
                item.setFlags(_READ_ONLY)
                if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        # A list of objects was asked for as rows; show it that way first.
        self.tabs.setCurrentIndex(self._table_index)
