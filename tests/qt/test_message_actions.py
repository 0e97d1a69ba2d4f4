"""A message's actions: bundled icons with tooltips, drawn locally; switchers large enough to hit."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from tests.fakes.openai_server import Stream

IMAGE = QTextDocument.ResourceType.ImageResource.value


def icon_links(view, message_id: str) -> dict[str, str]:
    """Tooltip -> icon name of every icon link in a message's footer."""
    found = {}
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat() and fmt.anchorHref().partition("/")[2].startswith(message_id):
                found[fmt.toolTip()] = fmt.toImageFormat().name()
            it += 1
        block = block.next()
    return found


def test_actions_are_icons_with_tooltips_from_the_bundled_svgs(driver):
    driver.server.script(Stream(text="An answer."))
    driver.send("A question")
    reply = driver.wait_reply_done()
    user = driver.chat.current.messages[0]
    assert icon_links(driver.view, reply.id) == {
        "Copy": "icon:copy",
        "View request": "icon:request",
        "Regenerate": "icon:regenerate",
        "Read aloud": "icon:speaker",
    }
    assert icon_links(driver.view, user.id) == {"Copy": "icon:copy", "Edit": "icon:edit", "Read aloud": "icon:speaker"}
    for name in ("copy", "request", "regenerate", "speaker", "edit", "download", "play", "data"):
        pixmap = driver.view.loadResource(IMAGE, QUrl(f"icon:{name}"))
        assert pixmap is not None and not pixmap.isNull(), name
    driver.click_link(reply, "regenerate")  # the icon is a working link
    driver.qtbot.waitUntil(lambda: driver.chat.versions(reply.id)[1] == 2 or len(driver.replies()) > 1)


def test_nothing_but_the_bundled_icons_is_ever_loaded(driver, tmp_path):
    local = tmp_path / "secret.png"
    local.write_bytes(b"not really a png")
    for url in (
        QUrl.fromLocalFile(str(local)),
        QUrl("https://example.com/cat.png"),
        QUrl("icon-not:copy"),
        QUrl("icon:../../../etc/passwd"),  # an icon name that is a path out of the icons folder
    ):
        loaded = driver.view.loadResource(IMAGE, url)
        # Refused: nothing, or (for an image, so that Qt does not open the name itself) a blank pixel.
        assert loaded is None or (loaded.size().width() == 1 and loaded.pixelColor(0, 0).alpha() == 0)


def test_the_version_switcher_arrows_are_large_links_with_tooltips(driver):
    driver.server.script(Stream(text="First."), Stream(text="Second."))
    driver.send("A question")
    reply = driver.wait_reply_done()
    driver.click_link(reply, "regenerate")
    driver.qtbot.waitUntil(lambda: any(m.text == "Second." and not m.is_streaming for m in driver.replies()))
    newest = driver.last_reply()
    assert "2/2" in driver.view.header_text(newest.id)
    block = driver.view.document().begin()
    arrows = []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if "◀" in fragment.text() and fragment.charFormat().anchorHref().startswith("app:version"):
                arrows.append(fragment.charFormat())
            it += 1
        block = block.next()
    assert arrows and arrows[0].toolTip() == "Previous version"
    assert arrows[0].font().pointSizeF() > driver.view.font().pointSizeF()


def test_a_sent_image_shows_as_a_thumbnail_that_opens_larger(driver, tmp_path):
    from PIL import Image
    from PySide6.QtWidgets import QDialog

    from tests.qt.test_images_in_chat import drop_on_window

    photo = tmp_path / "board.jpg"
    Image.new("RGB", (1200, 800), (200, 40, 40)).save(photo, "JPEG")
    tray = driver.window.composer.tray
    drop_on_window(driver, [photo])
    driver.qtbot.waitUntil(lambda: len(tray.ids()) == 1, timeout=10000)
    driver.server.script(Stream(text="A red board."))
    driver.send("What is this?")
    driver.wait_reply_done()
    question = driver.chat.current.messages[0]
    [attachment] = question.attachments
    key = QUrl(f"thumb:{question.id}/{attachment.id}")
    driver.view.loadResource(IMAGE, key)  # as the document asks while painting
    driver.qtbot.waitUntil(lambda: driver.view.loadResource(IMAGE, key) is not None, timeout=10000)
    thumb = driver.view.loadResource(IMAGE, key)
    assert thumb.height() <= 96 * thumb.devicePixelRatio() and thumb.pixelColor(5, 5).red() > 150
    assert "board.jpg" in driver.shown_text(question)
    driver.click_link(question, "image/")
    [dialog] = [d for d in driver.view.findChildren(QDialog) if d.isVisible()]
    assert dialog.windowTitle() == "board.jpg"
    assert not dialog.label.pixmap().isNull()
