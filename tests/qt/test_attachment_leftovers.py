"""Images in the composer, the leftovers: a web image by address or embedded (the user's choice), saving
an image, a new detail level preparing waiting images again, and pasted screenshots encoded off the GUI thread.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QGuiApplication, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.core.images import prepare_image
from desktop_app.core.models.vision import image_tokens
from desktop_app.ui.attachment_tray import AttachmentTray, SaveImageDialog
from tests.fakes.openai_server import Raw
from tests.qt.test_images_in_chat import decoded, drop_on_window, paste_text, photo_file, sent_images

WAIT_MS = 10000


# --- helpers ---------------------------------------------------------------------------------------


def jpeg_bytes(size: tuple[int, int]) -> bytes:
    """A photo-like JPEG made by Pillow."""
    out = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def serve(driver, path: str, data: bytes, content_type: str) -> str:
    """Put an image on the loopback server; its address."""
    driver.server.reply_on(path, Raw(200, data, content_type))
    return driver.server.base_url.rsplit("/v1", 1)[0] + path


def downloads(driver, path: str) -> int:
    """How often the app fetched `path` from the loopback server."""
    return sum(1 for request in driver.server.requests if request.path == path)


def thumbnails(driver, count: int = 1) -> list:
    """The tray's thumbnails once `count` images are shown, in their order."""
    tray = driver.window.composer.tray
    driver.qtbot.waitUntil(lambda: len(tray.ids()) == count, timeout=WAIT_MS)
    return [tray._thumbnails[attachment_id] for attachment_id in tray.ids()]


def right_click(thumbnail) -> QMenu:
    """Right-click the picture as a user does; the menu that pops up."""
    picture = thumbnail.picture
    centre = picture.rect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, picture.mapToGlobal(centre))
    QApplication.sendEvent(picture, event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def action(menu: QMenu, text: str):
    [found] = [a for a in menu.actions() if a.text() == text]
    return found


def choose(menu: QMenu, text: str) -> None:
    action(menu, text).trigger()
    menu.close()


def save_as(driver, thumbnail, target: Path, before_accepting=None) -> str:
    """Save an image through its menu and the file dialog; the file name the dialog offered."""
    choose(right_click(thumbnail), "Save image as…")
    [dialog] = [d for d in driver.window.composer.tray.findChildren(SaveImageDialog) if d.isVisible()]
    offered = Path(dialog.selectedFiles()[0]).name
    dialog.selectFile(str(target))
    if before_accepting is not None:
        before_accepting()
    dialog.accept()
    return offered


# --- web images: by address or embedded ------------------------------------------------------------


def test_a_web_image_embedded_for_a_local_server_goes_by_address_once_the_user_says_so(driver):
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), "navy").save(picture, "PNG")
    address = serve(driver, "/images/board.png", picture.getvalue(), "image/png")
    paste_text(driver, address)
    [thumbnail] = thumbnails(driver)
    assert thumbnail.link_button.isVisible() and not thumbnail.link_button.isChecked()
    assert not thumbnail.link_button.icon().isNull()  # drawn when a web image needs it
    assert "Embedded" in thumbnail.picture.toolTip()  # the loopback server is not OpenAI

    driver.qtbot.mouseClick(thumbnail.link_button, Qt.MouseButton.LeftButton)

    assert thumbnail.link_button.isChecked()
    assert f"Sent as a link: the server downloads {address}" in thumbnail.picture.toolTip()
    driver.send("What does the board say?")
    driver.wait_reply_done()
    [sent] = sent_images(driver.server.last_chat_body())
    assert sent == {"url": address, "detail": "auto"}
    assert downloads(driver, "/images/board.png") == 1


def test_a_web_image_sent_by_address_can_be_embedded_from_its_menu_without_downloading_again(driver):
    address = serve(driver, "/images/photo.jpg", jpeg_bytes((3000, 2000)), "image/jpeg")
    driver.app.attachments.add_url(address, "auto", as_link=True)  # what the composer does for OpenAI
    [thumbnail] = thumbnails(driver)
    assert thumbnail.link_button.isChecked()

    menu = right_click(thumbnail)
    assert action(menu, "Send as link").isChecked() and not action(menu, "Embed the image").isChecked()
    choose(menu, "Embed the image")

    assert not thumbnail.link_button.isChecked()
    driver.send("Where was this taken?")
    driver.wait_reply_done()
    [sent] = sent_images(driver.server.last_chat_body())
    picture = decoded(sent["url"])  # a data URL now, prepared from the bytes fetched for the thumbnail
    assert picture.format == "JPEG" and picture.size == (1152, 768)
    assert downloads(driver, "/images/photo.jpg") == 1


def test_a_file_has_no_link_choice(driver, tmp_path):
    photo = tmp_path / "desk.jpg"
    photo_file(photo, (800, 600))
    driver.window.composer.add_files([photo])
    [thumbnail] = thumbnails(driver)
    assert not thumbnail.link_button.isVisible()
    menu = right_click(thumbnail)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    menu.close()
    assert texts == ["Save image as…", "Preview", "Remove"]


# --- saving ------------------------------------------------------------------------------------------


def test_saving_a_web_image_writes_the_bytes_it_was_downloaded_as(driver, tmp_path):
    original = jpeg_bytes((3000, 2000))
    paste_text(driver, serve(driver, "/images/my%20board.jpg", original, "image/jpeg"))
    [thumbnail] = thumbnails(driver)
    assert thumbnail.picture.toolTip().startswith("my board.jpg · 1152×768")
    folder = tmp_path / "saved"
    folder.mkdir()
    target = folder / "copy.jpg"

    offered = save_as(driver, thumbnail, target)

    driver.qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    assert offered == "my board.jpg"
    assert target.read_bytes() == original  # the 3000×2000 original, not the prepared 1152×768
    assert sorted(p.name for p in folder.iterdir()) == ["copy.jpg"]  # no half-written file left beside it
    driver.qtbot.waitUntil(lambda: "copy.jpg" in driver.window.statusBar().currentMessage(), timeout=WAIT_MS)
    assert driver.window.composer.tray.ids() == [thumbnail.attachment_id]  # still attached


def test_saving_a_file_writes_the_image_as_prepared_under_its_new_format(driver, tmp_path):
    scan = tmp_path / "scan.bmp"
    screenshot = Image.new("RGB", (1600, 1000), "white")
    screenshot.paste((200, 30, 30), (100, 100, 700, 400))
    screenshot.save(scan, "BMP")
    driver.window.composer.add_files([scan])
    [thumbnail] = thumbnails(driver)
    target = tmp_path / "out" / "scan.png"
    target.parent.mkdir()

    offered = save_as(driver, thumbnail, target)

    driver.qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    assert offered == "scan.png"
    assert target.read_bytes() == driver.app.attachments.prepared(thumbnail.attachment_id).data
    with Image.open(target) as saved:
        assert saved.format == "PNG" and saved.size == (1229, 768)
        assert saved.convert("RGB").getpixel((200, 150)) == (200, 30, 30)


def test_a_save_that_fails_names_the_file_and_the_reason_and_the_image_stays(driver, tmp_path):
    photo = tmp_path / "desk.jpg"
    photo_file(photo, (800, 600))
    driver.window.composer.add_files([photo])
    [thumbnail] = thumbnails(driver)
    stick = tmp_path / "stick"
    stick.mkdir()
    target = stick / "desk copy.jpg"

    # The folder goes away while the dialog is open (a stick pulled out); this fails even for root.
    save_as(driver, thumbnail, target, before_accepting=stick.rmdir)

    bar = driver.window.notice_bar
    driver.qtbot.waitUntil(bar.isVisible, timeout=WAIT_MS)
    text = bar.label.text()
    assert text == f"desk copy.jpg could not be saved to {target.parent}: No such file or directory"
    assert driver.window.composer.tray.ids() == [thumbnail.attachment_id]
    assert not stick.exists()  # nothing half-written was left behind


# --- a new detail level ------------------------------------------------------------------------------


def test_changing_the_detail_prepares_waiting_images_again_for_the_new_size(driver, tmp_path):
    wide, tall = tmp_path / "wide.jpg", tmp_path / "tall.jpg"
    photo_file(wide, (3000, 2000))
    photo_file(tall, (1000, 2000))
    tray = driver.window.composer.tray
    tray.detail_combo.setCurrentIndex(tray.detail_combo.findData("high"))
    drop_on_window(driver, [wide, tall])
    shown = thumbnails(driver, 2)
    by_name = {t.prepared.source_name: t for t in shown}
    assert "1152×768" in by_name["wide.jpg"].picture.toolTip()
    assert "768×1536" in by_name["tall.jpg"].picture.toolTip()
    order = tray.ids()

    tray.detail_combo.setCurrentIndex(tray.detail_combo.findData("low"))

    def prepared_for_low() -> bool:
        return "512×341" in by_name["wide.jpg"].picture.toolTip() and "256×512" in by_name["tall.jpg"].picture.toolTip()

    driver.qtbot.waitUntil(prepared_for_low, timeout=WAIT_MS)
    assert tray.ids() == order  # prepared again in place
    low_tokens = 2 * image_tokens(512, 341, "low", driver.chat.model)
    assert f"2 image(s) ≈{low_tokens:,} tokens" in driver.window.composer.token_label.text()
    driver.send("Compare them")
    driver.wait_reply_done()
    sent = sent_images(driver.server.last_chat_body())
    assert [part["detail"] for part in sent] == ["low", "low"]
    size_of = {by_name["wide.jpg"].attachment_id: (512, 341), by_name["tall.jpg"].attachment_id: (256, 512)}
    assert [decoded(part["url"]).size for part in sent] == [size_of[i] for i in order]


def test_a_detail_chosen_while_an_image_is_still_being_prepared_applies_to_it(driver, tmp_path):
    photo = tmp_path / "board.jpg"
    photo_file(photo, (3000, 2000))
    tray = driver.window.composer.tray
    driver.window.composer.add_files([photo])  # prepared in the background at "auto"...
    tray.detail_combo.setCurrentIndex(tray.detail_combo.findData("low"))  # ...and the user changes their mind

    [thumbnail] = thumbnails(driver)
    driver.qtbot.waitUntil(lambda: "512×341" in thumbnail.picture.toolTip(), timeout=WAIT_MS)
    driver.send("Read it")
    driver.wait_reply_done()
    [sent] = sent_images(driver.server.last_chat_body())
    assert sent["detail"] == "low" and decoded(sent["url"]).size == (512, 341)


def test_an_image_removed_while_it_is_prepared_again_does_not_come_back(driver, tmp_path):
    photo = tmp_path / "board.jpg"
    photo_file(photo, (3000, 2000))
    tray = driver.window.composer.tray
    driver.window.composer.add_files([photo])
    [thumbnail] = thumbnails(driver)

    tray.detail_combo.setCurrentIndex(tray.detail_combo.findData("low"))
    driver.qtbot.mouseClick(thumbnail.remove_button, Qt.MouseButton.LeftButton)

    driver.qtbot.waitUntil(lambda: driver.app.tasks.pending() == 0, timeout=WAIT_MS)
    assert tray.ids() == [] and driver.app.attachments.attachments() == []
    driver.send("Nothing attached")
    driver.wait_reply_done()
    assert driver.server.last_chat_body()["messages"][-1]["content"] == "Nothing attached"  # text only


# --- pasted screenshots --------------------------------------------------------------------------------


def paste_image(driver, image: QImage) -> None:
    QGuiApplication.clipboard().setImage(image)
    driver.edit.setFocus()
    QTest.keyClick(driver.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_pasted_screenshot_with_transparency_arrives_with_its_pixels(driver):
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.fillRect(QRect(0, 0, 200, 300), QColor(255, 0, 0))
    painter.end()

    paste_image(driver, image)

    thumbnails(driver)
    assert driver.edit.toPlainText() == ""
    driver.send("What is this?")
    driver.wait_reply_done()
    [sent] = sent_images(driver.server.last_chat_body())
    picture = decoded(sent["url"])
    assert picture.format == "PNG" and picture.size == (400, 300)
    rgba = picture.convert("RGBA")
    assert rgba.getpixel((50, 150)) == (255, 0, 0, 255)
    assert rgba.getpixel((350, 150))[3] == 0  # the transparent half stays transparent


def test_a_big_pasted_screenshot_is_prepared_for_the_chosen_detail(driver):
    image = QImage(2560, 1600, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.fillRect(QRect(0, 0, 1280, 800), QColor(20, 120, 60))
    painter.end()
    tray = driver.window.composer.tray
    tray.detail_combo.setCurrentIndex(tray.detail_combo.findData("low"))

    paste_image(driver, image)

    [thumbnail] = thumbnails(driver)
    assert "512×320" in thumbnail.picture.toolTip()
    driver.send("Summarise the screen")
    driver.wait_reply_done()
    [sent] = sent_images(driver.server.last_chat_body())
    picture = decoded(sent["url"])
    assert sent["detail"] == "low" and picture.format == "PNG" and picture.size == (512, 320)
    assert picture.convert("RGB").getpixel((100, 60)) == (20, 120, 60)


# --- the tray on its own -----------------------------------------------------------------------------


@pytest.fixture
def tray(qtbot) -> AttachmentTray:
    widget = AttachmentTray()
    qtbot.addWidget(widget)
    widget.resize(700, 120)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def png_prepared(name: str, size=(300, 200), colour="red"):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return prepare_image(out.getvalue(), name)


def test_the_link_toggle_asks_and_shows_the_choice_only_once_it_is_made(qtbot, tray):
    address = "https://example.com/pictures/cat.png"
    web = png_prepared("cat.png")
    tray.add_image("web", web, web_address=address, as_link=False)
    tray.add_image("local", png_prepared("local.png", colour="green"))
    toggle = tray._thumbnails["web"].link_button
    assert toggle.isVisible() and not tray._thumbnails["local"].link_button.isVisible()

    with qtbot.waitSignal(tray.sig_send_as_link_requested) as asked:
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)

    assert asked.args == ["web", True]
    assert not toggle.isChecked()  # the owner has not switched it yet
    tray.add_image("web", web, web_address=address, as_link=True)
    assert toggle.isChecked()
    assert f"Sent as a link: the server downloads {address}" in tray._thumbnails["web"].picture.toolTip()
    assert tray.ids() == ["web", "local"]  # updated in place, not moved to the end


def test_the_detail_combo_announces_the_level_the_user_picks(qtbot, tray):
    with qtbot.waitSignal(tray.sig_detail_changed) as changed:
        tray.detail_combo.setCurrentIndex(tray.detail_combo.findData("low"))
    assert changed.args == ["low"]
