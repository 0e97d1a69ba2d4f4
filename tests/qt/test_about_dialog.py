"""Help > About: name, version, the folders (clicking one opens it), licences and notices."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from desktop_app import identity
from desktop_app.ui.about_dialog import AboutDialog, NoticesDialog


class UrlCatcher(QObject):
    """Stands in for the file manager: records the folders the app asks the desktop to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def opened_urls():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open_url")
    yield catcher.opened
    QDesktopServices.unsetUrlHandler("file")


def _open_about(qtbot, window) -> AboutDialog:
    window.about_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None and window.findChild(AboutDialog).isVisible())
    return window.findChild(AboutDialog)


def test_help_about_shows_name_version_and_folders(start_app, tmp_path, opened_urls):
    driver = start_app(settings={})
    dialog = _open_about(driver.qtbot, driver.window)
    assert dialog.name_label.text() == identity.DISPLAY_NAME
    assert identity.VERSION in dialog.version_label.text()
    history = tmp_path / "history"
    assert str(history) in dialog.data_label.text()
    assert str(tmp_path / "config") in dialog.config_label.text()

    dialog.data_label.linkActivated.emit(QUrl.fromLocalFile(str(history)).toString())
    assert [url.toLocalFile() for url in opened_urls] == [str(history)]


def test_a_folder_not_made_yet_is_named_but_not_a_link(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path, tmp_path / "not-yet", notices_path=tmp_path / "none.txt")
    qtbot.addWidget(dialog)
    assert "<a " in dialog.data_label.text()
    assert "<a " not in dialog.config_label.text() and "not-yet" in dialog.config_label.text()


def test_notices_open_when_the_build_shipped_them(qtbot, tmp_path):
    notices = tmp_path / "THIRD_PARTY_NOTICES.txt"
    notices.write_text("PySide6 6.11.3\nLGPL-3.0-only\n", encoding="utf-8")
    dialog = AboutDialog(tmp_path, tmp_path, notices_path=notices)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.notices_button.isEnabled()
    dialog.notices_button.click()
    viewer = dialog.findChild(NoticesDialog)
    qtbot.waitUntil(lambda: viewer.isVisible())
    assert "PySide6 6.11.3" in viewer.text.toPlainText()


def test_without_a_notices_file_the_button_is_off(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path, tmp_path, notices_path=tmp_path / "missing.txt")
    qtbot.addWidget(dialog)
    assert not dialog.notices_button.isEnabled()
    assert dialog.notices_button.toolTip()
