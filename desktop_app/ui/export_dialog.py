"""Asks what to export (this conversation or all), in which format, and to which file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.export import safe_file_name
from desktop_app.ui.safe_text import plain_labels, plain_tooltip, warn_plain

_EXTENSIONS = {"markdown": ".md", "json": ".json"}
# Suffixes the dialog may swap when the format changes; any other suffix is the user's choice.
_SWAPPABLE_SUFFIXES = {"", ".md", ".markdown", ".json"}


def default_folder() -> Path:
    """Where exports and imports start: Documents, or the home folder when there is no Documents
    folder (a fresh account, a server, a Windows profile redirected elsewhere)."""
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (documents, str(Path.home())):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.cwd()


@dataclass(frozen=True)
class ExportChoice:
    """What the user chose to export, how, and where."""

    scope: str  # "current" | "all"
    fmt: str  # "markdown" | "json"
    path: Path


class ExportDialog(QDialog):
    """Scope, format and file for an export; asks before overwriting a file that exists."""

    def __init__(
        self, current_title: str | None, total: int, default_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._current_title = current_title
        self._default_dir = default_dir
        self.setWindowTitle(self.tr("Export conversations"))
        self.setMinimumWidth(520)

        self.current_radio = QRadioButton(self.tr("This conversation"))
        self.current_radio.setEnabled(current_title is not None)
        if current_title:
            self.current_radio.setToolTip(plain_tooltip(current_title))
        self.all_radio = QRadioButton(self.tr("All conversations ({0})").format(total))
        self.all_radio.setEnabled(total > 0)
        self.scope_group = QButtonGroup(self)
        self.scope_group.addButton(self.current_radio)
        self.scope_group.addButton(self.all_radio)
        (self.current_radio if current_title is not None else self.all_radio).setChecked(True)
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("Markdown (.md)"), "markdown")
        self.format_combo.addItem(self.tr("JSON, complete (.json)"), "json")
        self.format_hint = QLabel()
        plain_labels(self.format_hint)
        self.format_hint.setWordWrap(True)
        self._suggested = self._suggested_path()
        self.path_edit = QLineEdit(str(self._suggested))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Export"))

        scope_box = QVBoxLayout()
        scope_box.addWidget(self.current_radio)
        scope_box.addWidget(self.all_radio)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Export"), scope_box)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow("", self.format_hint)
        form.addRow(self.tr("Save to"), path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.current_radio.toggled.connect(self._on_current_radio_toggled)
        self.format_combo.currentIndexChanged.connect(self._on_format_combo_current_index_changed)
        self.path_edit.textChanged.connect(self._on_path_edit_text_changed)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update_format_hint()
        self._update_ok_button()

    # -- public API --------------------------------------------------------------------------------

    def choice(self) -> ExportChoice:
        """The scope, format and file chosen; a relative path is taken inside the default folder."""
        return ExportChoice(scope=self._scope(), fmt=self._fmt(), path=self._chosen_path())

    # -- Qt overrides ------------------------------------------------------------------------------

    def accept(self) -> None:
        """Close with OK only for a usable file, and only overwrite one the user agreed to replace."""
        if not self.ok_button.isEnabled():
            return
        path = self._chosen_path()
        if path.is_dir():
            self._warn(self.tr("{0} is a folder. Choose a file name.").format(path))
            return
        if not path.parent.is_dir():
            self._warn(self.tr("The folder {0} does not exist.").format(path.parent))
            return
        if path.exists() and not self._confirm_overwrite(path):
            return
        super().accept()

    # -- private -----------------------------------------------------------------------------------

    @Slot(bool)
    def _on_current_radio_toggled(self, _checked: bool) -> None:
        self._update_path()

    @Slot(int)
    def _on_format_combo_current_index_changed(self, _index: int) -> None:
        self._update_path()
        self._update_format_hint()

    @Slot(str)
    def _on_path_edit_text_changed(self, _text: str) -> None:
        self._update_ok_button()

    @Slot()
    def _on_browse_button_clicked(self) -> None:
        name_filter = (
            self.tr("Markdown (*.md)") if self._fmt() == "markdown" else self.tr("JSON (*.json)")
        )
        # accept() asks about overwriting, so the file dialog must not ask as well.
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to"),
            str(self._chosen_path()),
            name_filter,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.path_edit.setText(path)

    def _confirm_overwrite(self, path: Path) -> bool:
        """Ask before replacing a file; tests replace this method to answer."""
        answer = QMessageBox.question(
            self,
            self.tr("Replace file?"),
            self.tr("{0} already exists. Replace it?").format(path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _warn(self, text: str) -> None:
        """Say why the dialog stays open; tests replace this method to read the text."""
        warn_plain(self, self.tr("Export"), text)

    def _scope(self) -> str:
        return "current" if self.current_radio.isChecked() else "all"

    def _fmt(self) -> str:
        return self.format_combo.currentData()

    def _suggested_path(self) -> Path:
        stem = safe_file_name(self._current_title or "") if self._scope() == "current" else "conversations"
        return self._default_dir / f"{stem}{_EXTENSIONS[self._fmt()]}"

    def _chosen_path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.is_absolute() else self._default_dir / path

    def _update_path(self) -> None:
        """Follow the scope and format: a path the user left alone is replaced, an edited one keeps its
        name and only changes its extension."""
        suggested = self._suggested_path()
        text = self.path_edit.text().strip()
        if text == str(self._suggested):
            self.path_edit.setText(str(suggested))
        elif text:
            path = Path(text)
            if path.name and path.suffix.lower() in _SWAPPABLE_SUFFIXES:
                self.path_edit.setText(str(path.with_suffix(suggested.suffix)))
        self._suggested = suggested

    def _update_format_hint(self) -> None:
        self.format_hint.setText(
            self.tr("The branch on show, easy to read and share. It cannot be imported back.")
            if self._fmt() == "markdown"
            else self.tr("Every version, choice and setting. Use it for backups and to import elsewhere.")
        )

    def _update_ok_button(self) -> None:
        has_scope = any(r.isChecked() and r.isEnabled() for r in (self.current_radio, self.all_radio))
        self.ok_button.setEnabled(bool(self.path_edit.text().strip()) and has_scope)
