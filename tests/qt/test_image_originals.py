"""The file the user gave stays in the history: sent downscaled, stored whole, exported and imported whole."""

from __future__ import annotations

import base64
import io
import json

from PIL import Image

from desktop_app.services.history_store import HistoryStore
from desktop_app.ui.export_dialog import ExportChoice
from tests.qt.test_history import restart
from tests.qt.test_images_in_chat import decoded, paste_text, photo_file, sent_images


def attach_and_send(driver, path, text: str) -> None:
    """Pick an image file (the file picker's choice), then send it with `text`."""
    composer = driver.window.composer
    composer.add_files([path])
    driver.qtbot.waitUntil(lambda: len(composer.tray.ids()) == 1, timeout=10000)
    driver.send(text)
    driver.wait_reply_done()


def test_a_picked_photo_is_sent_downscaled_and_its_file_is_kept_whole_across_a_restart(driver, start_app, tmp_path):
    photo = tmp_path / "departures board.jpg"
    photo_file(photo, (3000, 2000))
    given = photo.read_bytes()
    attach_and_send(driver, photo, "Read the board")

    [sent] = sent_images(driver.server.last_chat_body())
    picture = decoded(sent["url"])
    assert picture.size == (1152, 768)  # the server gets the prepared image, not the 3000x2000 file
    assert base64.b64decode(sent["url"].split(",", 1)[1]) != given

    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: len(again.chat.current.messages) == 2, timeout=10000)
    [attachment] = again.chat.current.messages[0].attachments
    assert attachment.original == given
    assert (attachment.width, attachment.height) == (1152, 768)

    again.send("And the second row?")  # the stored original is not sent as context either
    again.wait_reply_done()
    earlier = again.server.last_chat_body()["messages"][0]["content"]
    assert [p["image_url"]["url"] for p in earlier if p["type"] == "image_url"] == [sent["url"]]


def test_a_json_export_holds_the_original_and_an_import_into_an_empty_history_brings_it_back(
    driver, start_app, tmp_path, monkeypatch
):
    photo = tmp_path / "board.jpg"
    photo_file(photo, (3000, 2000))
    given = photo.read_bytes()
    attach_and_send(driver, photo, "Read the board")
    target = tmp_path / "all.json"
    driver.window.export_to(ExportChoice("all", "json", target))
    driver.qtbot.waitUntil(target.exists, timeout=10000)
    [conversation] = json.loads(target.read_text(encoding="utf-8"))["conversations"]
    [record] = conversation["messages"][0]["attachments"]
    assert base64.b64decode(record["original"]) == given
    driver.window.close()
    driver.app.shutdown()

    fresh = tmp_path / "fresh-history"
    monkeypatch.setenv("DESKTOP_APP_DATA_DIR", str(fresh))
    again = start_app()
    again.window.import_from(target)
    again.qtbot.waitUntil(lambda: "Read the board" in again.window.conversation_list.row_titles(), timeout=10000)
    store = HistoryStore.open_in(fresh).store
    imported = store.load(store.list_page(0, 1)[0].id)
    [attachment] = imported.messages[0].attachments
    assert attachment.original == given


def test_a_web_image_keeps_the_downloaded_bytes_and_a_pasted_image_its_png(driver, start_app):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage
    from PySide6.QtTest import QTest

    from tests.fakes.openai_server import Raw

    served = io.BytesIO()
    Image.new("RGBA", (320, 200), (255, 0, 0, 128)).save(served, "PNG")
    driver.server.reply_on("/images/board.png", Raw(200, served.getvalue(), "image/png"))
    paste_text(driver, driver.server.base_url.rsplit("/v1", 1)[0] + "/images/board.png")
    pasted = QImage(400, 300, QImage.Format.Format_RGB32)
    pasted.fill(Qt.GlobalColor.blue)
    QGuiApplication.clipboard().setImage(pasted)
    QTest.keyClick(driver.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    driver.qtbot.waitUntil(lambda: len(driver.window.composer.tray.ids()) == 2, timeout=10000)
    driver.send("Compare them")
    driver.wait_reply_done()

    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: len(again.chat.current.messages) == 2, timeout=10000)
    originals = {a.name: a.original for a in again.chat.current.messages[0].attachments}
    assert originals.pop("board.png") == served.getvalue()
    [png] = originals.values()
    kept = Image.open(io.BytesIO(png))
    assert kept.format == "PNG" and kept.size == (400, 300) and kept.getpixel((0, 0))[:3] == (0, 0, 255)
