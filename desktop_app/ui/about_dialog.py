"""Help > About: the app's name and version, where the history and settings are kept, the licences."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFont, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import identity
from desktop_app.resource_paths import resources_dir

ICON_SIZE = 64


def notices_file() -> Path:
    """Where the build puts the generated third-party notices (absent in a source checkout)."""
    return resources_dir() / "licenses" / "THIRD_PARTY_NOTICES.txt"


class AboutDialog(QDialog):
    """Name, version, the data and settings folders (click to open), the licence and the notices."""

    def __init__(
        self,
        data_dir: Path | None,
        config_dir: Path,
        notices_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._notices_path = notices_path or notices_file()
        self.setWindowTitle(self.tr("About {0}").format(identity.DISPLAY_NAME))

        icon = QLabel()
        icon.setPixmap(QIcon(str(resources_dir() / "icons" / "app.svg")).pixmap(ICON_SIZE, ICON_SIZE))
        self.name_label = QLabel(identity.DISPLAY_NAME)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        self.version_label = QLabel(self.tr("Version {0}").format(identity.VERSION))
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_label = self._folder_label(data_dir)
        self.config_label = self._folder_label(config_dir)
        self.licence_label = QLabel(
            self.tr("{0} is free software under the {1} licence. It includes libraries under their own "
                    "licences, among them Qt and PySide6 (LGPL-3.0), kept as separate files you can replace.")
            .format(identity.DISPLAY_NAME, identity.LICENSE)
        )
        self.licence_label.setWordWrap(True)
        self.notices_button = QPushButton(self.tr("Licences and notices…"))
        available = self._notices_path.is_file()
        self.notices_button.setEnabled(available)
        if not available:
            self.notices_button.setToolTip(self.tr("The notices file is made when the app is packaged."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.notices_button, QDialogButtonBox.ButtonRole.ActionRole)

        header = QHBoxLayout()
        header.addWidget(icon)
        titles = QVBoxLayout()
        titles.addWidget(self.name_label)
        titles.addWidget(self.version_label)
        header.addLayout(titles, 1)
        folders = QFormLayout()
        folders.addRow(self.tr("Conversations:"), self.data_label)
        folders.addRow(self.tr("Settings:"), self.config_label)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(folders)
        layout.addWidget(self.licence_label)
        layout.addWidget(buttons)

        buttons.rejected.connect(self.reject)
        self.notices_button.clicked.connect(self._on_notices_button_clicked)

    # -- private ----------------------------------------------------------------------------------

    def _folder_label(self, folder: Path | None) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        if folder is None:
            label.setText(html.escape(self.tr("kept in memory only")))
        elif folder.is_dir():
            href = QUrl.fromLocalFile(str(folder)).toString()
            label.setText(f'<a href="{html.escape(href)}">{html.escape(str(folder))}</a>')
            label.setToolTip(self.tr("Open this folder"))
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            label.linkActivated.connect(self._on_folder_link_activated)
        else:
            label.setText(html.escape(self.tr("{0} (made when first needed)").format(folder)))
        return label

    @Slot(str)
    def _on_folder_link_activated(self, href: str) -> None:
        QDesktopServices.openUrl(QUrl(href))

    @Slot()
    def _on_notices_button_clicked(self) -> None:
        viewer = NoticesDialog(self._notices_path, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()


class NoticesDialog(QDialog):
    """The app's licence and every bundled library's licence, as the build generated them."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Licences and notices"))
        self.resize(720, 560)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        self.text.setFont(font)
        try:
            self.text.setPlainText(path.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:
            self.text.setPlainText(self.tr("The notices could not be read: {0}").format(exc.strerror or exc))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
