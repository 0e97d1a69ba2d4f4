"""Images into the conversation: dropped, pasted or picked, prepared off the GUI thread, sent as parts."""

from __future__ import annotations

import base64
import io

from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest


def photo_file(path, size=(3000, 2000)) -> None:
    """A photo-like JPEG (noise, so it does not compress to nothing)."""
    Image.effect_noise(size, 60).convert("RGB").save(path, "JPEG", quality=90)


def drop_on_window(driver, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    window = driver.window
    point = QPointF(window.width() / 2, window.height() / 2)
    event = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def sent_images(body: dict) -> list[dict]:
    parts = body["messages"][-1]["content"]
    return [p["image_url"] for p in parts if p["type"] == "image_url"]


def decoded(url: str) -> Image.Image:
    header, data = url.split(",", 1)
    assert header.startswith("data:image/") and header.endswith(";base64")
    return Image.open(io.BytesIO(base64.b64decode(data)))


def test_a_dropped_photo_with_a_korean_name_is_sent_downscaled_with_the_chosen_detail(driver, tmp_path):
    photo = tmp_path / "출발 안내판 사진.jpg"
    photo_file(photo)
    tray = driver.window.composer.tray
    tray.detail_combo.setCurrentIndex(tray.detail_combo.findData("high"))
    drop_on_window(driver, [photo])
    driver.qtbot.waitUntil(lambda: len(tray.ids()) == 1, timeout=10000)
    assert "image(s)" in driver.window.composer.token_label.text()
    driver.send("What is on this board?")
    driver.wait_reply_done()
    body = driver.server.last_chat_body()
    [image] = sent_images(body)
    assert image["detail"] == "high"
    picture = decoded(image["url"])
    assert picture.format == "JPEG" and min(picture.size) == 768 and max(picture.size) == 1152
    assert body["messages"][-1]["content"][0] == {"type": "text", "text": "What is on this board?"}
    assert tray.ids() == []  # sent: the tray is empty again
    question = driver.chat.current.messages[0]
    assert "출발 안내판 사진.jpg" in driver.shown_text(question)


def test_a_pasted_screenshot_is_attached_and_sent_as_png(driver):
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    QGuiApplication.clipboard().setImage(image)
    driver.edit.setFocus()
    QTest.keyClick(driver.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    tray = driver.window.composer.tray
    driver.qtbot.waitUntil(lambda: len(tray.ids()) == 1, timeout=10000)
    assert driver.edit.toPlainText() == ""  # not pasted as text
    driver.send("Describe it")
    driver.wait_reply_done()
    [sent] = sent_images(driver.server.last_chat_body())
    picture = decoded(sent["url"])
    assert picture.format == "PNG" and picture.size == (400, 300)


def test_a_broken_image_is_refused_by_name_and_the_draft_and_other_images_stay(driver, tmp_path):
    good = tmp_path / "good.jpg"
    photo_file(good, (800, 600))
    fake = tmp_path / "notes.png"
    fake.write_text("this is text, not a picture")
    driver.type("Compare these")
    driver.window.composer.add_files([good, fake])
    tray = driver.window.composer.tray
    bar = driver.window.notice_bar
    driver.qtbot.waitUntil(lambda: bar.isVisible() and len(tray.ids()) == 1, timeout=10000)
    assert "notes.png is not an image" in bar.label.text()
    assert driver.edit.toPlainText() == "Compare these"
    driver.press_enter()
    driver.wait_reply_done()
    assert len(sent_images(driver.server.last_chat_body())) == 1


def test_images_are_kept_in_the_history_and_sent_again_as_context(driver, start_app, tmp_path):
    from tests.qt.test_history import restart

    photo = tmp_path / "board.jpg"
    photo_file(photo, (1000, 800))
    driver.window.composer.add_files([photo])
    driver.qtbot.waitUntil(lambda: len(driver.window.composer.tray.ids()) == 1, timeout=10000)
    driver.send("Read the board")
    driver.wait_reply_done()
    first_url = sent_images(driver.server.last_chat_body())[0]["url"]
    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: len(again.chat.current.messages) == 2, timeout=10000)
    again.send("And the second row?")
    again.wait_reply_done()
    earlier = again.server.last_chat_body()["messages"][0]["content"]
    assert [p["image_url"]["url"] for p in earlier if p["type"] == "image_url"] == [first_url]


def test_a_model_without_vision_gets_a_clear_message_not_a_raw_400(driver, tmp_path):
    from tests.fakes.openai_server import Error

    photo = tmp_path / "board.jpg"
    photo_file(photo, (640, 480))
    driver.server.script(Error(
        400, "Invalid content type. image_url is only supported by certain models.", "invalid_request_error",
        None, "messages.[0].content.[1].type",
    ))
    driver.window.composer.add_files([photo])
    driver.qtbot.waitUntil(lambda: len(driver.window.composer.tray.ids()) == 1, timeout=10000)
    driver.send("What is this?")
    reply = driver.wait_reply_done()
    footer = driver.footer(reply)
    assert "does not take images" in footer and "can see images" in footer
    assert "Edit and resend" in footer


def test_edit_and_resend_puts_the_text_and_the_images_back(driver, tmp_path):
    from tests.fakes.openai_server import server_error

    photo = tmp_path / "board.jpg"
    photo_file(photo, (640, 480))
    driver.server.script(server_error(500))
    composer = driver.window.composer
    composer.add_files([photo])
    driver.qtbot.waitUntil(lambda: len(composer.tray.ids()) == 1, timeout=10000)
    driver.send("What is this?")
    failed = driver.wait_reply_done()

    driver.click_link(failed, "edit/")
    driver.qtbot.waitUntil(lambda: len(composer.tray.ids()) == 1, timeout=10000)
    assert driver.edit.toPlainText() == "What is this?"
    driver.press_enter()
    driver.wait_reply_done()
    [image] = sent_images(driver.server.last_chat_body())
    assert decoded(image["url"]).size == (640, 480)


def paste_text(driver, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    driver.edit.setFocus()
    QTest.keyClick(driver.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_pasted_image_address_is_fetched_and_embedded_for_a_local_server(driver):
    from tests.fakes.openai_server import Raw

    picture = io.BytesIO()
    Image.new("RGBA", (320, 200), (255, 0, 0, 128)).save(picture, "PNG")
    driver.server.reply_on("/images/board.png", Raw(200, picture.getvalue(), "image/png"))
    address = driver.server.base_url.rsplit("/v1", 1)[0] + "/images/board.png"
    paste_text(driver, address)
    tray = driver.window.composer.tray
    driver.qtbot.waitUntil(lambda: len(tray.ids()) == 1, timeout=10000)
    assert driver.edit.toPlainText() == ""  # an image address becomes an image, not text
    driver.send("What colour is it?")
    driver.wait_reply_done()
    [sent] = sent_images(driver.server.last_chat_body())
    assert decoded(sent["url"]).size == (320, 200)  # the loopback server is not OpenAI: embedded


def test_an_address_that_is_not_an_image_is_refused_and_ordinary_links_stay_text(driver):
    from tests.fakes.openai_server import Raw

    driver.server.reply_on("/images/page.png", Raw(200, "<html>not a picture</html>", "text/html"))
    paste_text(driver, driver.server.base_url.rsplit("/v1", 1)[0] + "/images/page.png")
    bar = driver.window.notice_bar
    driver.qtbot.waitUntil(bar.isVisible, timeout=10000)
    assert "page.png is not an image" in bar.label.text()
    paste_text(driver, "https://example.com/docs")
    assert driver.edit.toPlainText() == "https://example.com/docs"
    assert driver.window.composer.tray.ids() == []


def test_for_openai_a_web_image_goes_by_its_address(driver):
    from desktop_app.core.conversation import Message
    from desktop_app.core.request import message_param
    from tests.fakes.openai_server import Raw

    picture = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(picture, "PNG")
    driver.server.reply_on("/images/small.png", Raw(200, picture.getvalue(), "image/png"))
    address = driver.server.base_url.rsplit("/v1", 1)[0] + "/images/small.png"
    attachments = driver.app.attachments
    attachments.add_url(address, "low", as_link=True)  # what the composer does when sending to OpenAI
    driver.qtbot.waitUntil(lambda: len(attachments.attachments()) == 1, timeout=10000)
    [attachment] = attachments.attachments()
    assert attachment.url == address and attachment.data == b"" and attachment.width == 64
    part = message_param(Message.user("Look", [attachment]))["content"][1]
    assert part == {"type": "image_url", "image_url": {"url": address, "detail": "low"}}


def test_the_prompt_count_includes_the_images_of_earlier_messages(start_app, tmp_path):
    # Every request sends the earlier images again: a 1024x1024 photo at high detail costs gpt-4o
    # 765 tokens each turn (768x768 -> 4 tiles x 170 + 85), which tiktoken alone would miss.
    driver = start_app(settings={"model": "gpt-4o"})
    photo = tmp_path / "square.jpg"
    photo_file(photo, (1024, 1024))
    composer = driver.window.composer
    composer.tray.detail_combo.setCurrentIndex(composer.tray.detail_combo.findData("high"))
    composer.add_files([photo])
    driver.qtbot.waitUntil(lambda: len(composer.tray.ids()) == 1, timeout=10000)
    driver.send("Hi")
    driver.wait_reply_done()

    meter = driver.app.meter
    driver.qtbot.waitUntil(lambda: meter.counts().context > 765, timeout=10000)
    assert meter.counts().context < 765 + 100  # the rest is the two short texts


def test_what_startup_loaded_is_kept_from_the_collector_until_shutdown(driver):
    # As main() does: a full collection over the startup heap stalled the GUI 50-150 ms during a photo
    # drop (bench/images.py); held while the background loads run, then frozen.
    import gc

    driver.app.collect_after_loading()
    assert not gc.isenabled()
    driver.qtbot.waitUntil(lambda: gc.get_freeze_count() > 0 and gc.isenabled(), timeout=20000)
    driver.window.close()
    driver.app.shutdown()
    assert gc.get_freeze_count() == 0 and gc.isenabled()  # the next app in this process starts clean
