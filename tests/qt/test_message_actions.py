"""A message's actions: bundled icons with tooltips, drawn locally; switchers large enough to hit."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QTextCursor, QTextDocument
from PySide6.QtTest import QTest

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
                found[fmt.toolTip()] = fmt.toImageFormat().name().partition("?")[0]
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


def answered(driver, answer: str = "An answer."):
    """Ask "A question" and wait for `answer`; returns (question, reply)."""
    driver.server.script(Stream(text=answer))
    driver.send("A question")
    reply = driver.wait_reply_done()
    return driver.chat.current.messages[0], reply


def text_point(view, text: str) -> QPoint:
    """Where `text` is drawn in the chat view (viewport coordinates), as a pointer would find it."""
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    return view.cursorRect(QTextCursor(cursor.block())).center() + QPoint(4, 0)


def icon_ink(view, message_id: str) -> int:
    """How many pixels of a message's first action icon differ from the card behind it (0: not drawn)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.document().find("\ufffc", view._frames[message_id].footer.firstPosition()).selectionStart())
    rect = view.cursorRect(cursor)
    image = view.viewport().grab().toImage()
    background = image.pixelColor(rect.left() - 6, rect.center().y())
    ratio = image.devicePixelRatio()
    inked = 0
    for x in range(rect.left() + 1, rect.left() + 18):
        for y in range(rect.top(), rect.bottom()):
            color = image.pixelColor(round(x * ratio), round(y * ratio))
            if abs(color.lightness() - background.lightness()) > 40:
                inked += 1
    return inked


def test_actions_show_while_the_pointer_is_over_the_message_and_hide_after(driver):
    question, reply = answered(driver)
    view = driver.view
    QTest.mouseMove(view.viewport(), QPoint(2, view.viewport().height() - 2))  # below the cards
    driver.qtbot.waitUntil(lambda: not view.actions_shown(reply.id))
    assert icon_ink(view, reply.id) == 0 and icon_ink(view, question.id) == 0
    assert "▶" not in driver.footer(reply)  # nothing else hidden: the footer still reads the same

    QTest.mouseMove(view.viewport(), text_point(view, "An answer."))
    driver.qtbot.waitUntil(lambda: view.actions_shown(reply.id))
    assert icon_ink(view, reply.id) > 10 and icon_ink(view, question.id) == 0
    QTest.mouseMove(view.viewport(), text_point(view, "A question"))
    driver.qtbot.waitUntil(lambda: view.actions_shown(question.id) and not view.actions_shown(reply.id))
    assert icon_ink(view, question.id) > 10 and icon_ink(view, reply.id) == 0
    QTest.mouseMove(driver.edit, QPoint(5, 5))  # out of the chat view
    driver.qtbot.waitUntil(lambda: not view.actions_shown(question.id))
    assert icon_ink(view, question.id) == 0
    driver.click_link(reply, "copy")  # a hidden action still works as a link
    assert QGuiApplication.clipboard().text() == "An answer."


def test_actions_show_where_the_keyboard_is_and_links_open_with_enter(driver):
    _, reply = answered(driver)
    view = driver.view
    QTest.mouseMove(view.viewport(), QPoint(2, view.viewport().height() - 2))
    view.setFocus()
    view.moveCursor(QTextCursor.MoveOperation.Start)
    for _ in range(30):  # Tab visits the links one by one, the icon actions included
        QTest.keyClick(view, Qt.Key.Key_Tab)
        if view.textCursor().charFormat().anchorHref().startswith(f"app:copy/{reply.id}"):
            break
    assert view.textCursor().charFormat().anchorHref().startswith(f"app:copy/{reply.id}")
    assert view.actions_shown(reply.id) and icon_ink(view, reply.id) > 10
    QGuiApplication.clipboard().clear()
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == "An answer."
    driver.edit.setFocus()  # the keyboard went elsewhere: the actions go too
    driver.qtbot.waitUntil(lambda: not view.actions_shown(reply.id))
    assert icon_ink(view, reply.id) == 0


def test_text_is_selected_with_shift_and_arrows_and_copied_with_ctrl_c(driver):
    answered(driver, "Seoul is the capital.")
    view = driver.view
    start = view.document().find("Seoul").selectionStart()
    before_s = QTextCursor(view.document())
    before_s.setPosition(start)
    rect = view.cursorRect(before_s)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(rect.left() + 2, rect.center().y()))
    assert view.hasFocus() and view.textCursor().position() == start  # the caret before the first letter
    QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    QGuiApplication.clipboard().clear()
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Seoul is the capital"
    QTest.keyClick(view, Qt.Key.Key_Home)  # the caret moves without selecting
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text().strip() == "Seoul"


def test_another_conversation_opens_while_the_caret_is_in_a_message(driver):
    _, reply = answered(driver)
    first = driver.chat.current.id
    view = driver.view
    view.setFocus()
    view.moveCursor(QTextCursor.MoveOperation.Start)
    while not view.textCursor().charFormat().anchorHref().startswith(f"app:copy/{reply.id}"):
        QTest.keyClick(view, Qt.Key.Key_Tab)
    driver.window.new_chat_action.trigger()  # the view is emptied under the caret
    driver.qtbot.waitUntil(lambda: driver.view.built_ids() == [])
    driver.chat.open_conversation(first)
    driver.qtbot.waitUntil(lambda: reply.id in driver.view.built_ids())
    assert driver.shown_text(reply) == "An answer."
