"""Huge inputs: a stream line without end, a huge reply, a huge paste; the window stays usable."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtTest import QTest

from desktop_app.ui.full_text_dialog import FullTextDialog
from tests.fakes.openai_server import Raw, Stream
from tests.qt.test_history import restart

MB = 1024 * 1024


def test_a_stream_line_over_16_mb_ends_the_reply_with_a_clear_error(driver):
    driver.server.script(Raw(200, b'data: {"choices": "' + b"x" * (17 * MB), "text/event-stream"))
    driver.send("hi")
    reply = driver.wait_reply_done(timeout=60000)
    assert "16 MB without a line break" in driver.footer(reply)
    assert reply.text == ""


def test_a_huge_single_line_reply_is_shown_folded_and_kept_whole(driver, start_app):
    text = "word" * 75_000  # 300,000 characters, no line break
    driver.server.script(Stream(choices=[[text[:100_000], text[100_000:]]]))
    driver.send("long?")
    reply = driver.wait_reply_done()
    assert reply.text == text
    shown = driver.shown_text(reply)
    assert "Show all" in shown and "300,000 characters" in shown
    assert len(shown) < 10_000 and max(len(line) for line in shown.split("\n")) <= 400
    driver.click_link(reply, "copy")
    assert QGuiApplication.clipboard().text() == text

    driver.click_link(reply, "showall")
    dialog = driver.view.findChild(FullTextDialog)
    driver.qtbot.waitUntil(dialog.is_loaded, timeout=20000)
    assert dialog.edit.toPlainText().replace("\n", "") == text
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    dialog.close()

    again = restart(driver, start_app)  # the newest conversation reopens at start: folded again
    again.qtbot.waitUntil(lambda: any(m.text == text for m in again.replies()), timeout=15000)
    reopened = again.last_reply()
    again.qtbot.waitUntil(lambda: "Show all" in again.shown_text(reopened))


def paste(driver, text: str) -> None:
    """Paste text into the composer as Ctrl+V would."""
    mime = QMimeData()
    mime.setText(text)
    driver.edit.setFocus()
    driver.edit.insertFromMimeData(mime)


def test_a_huge_pasted_message_is_sent_whole_and_shown_folded(driver, monkeypatch):
    monkeypatch.setattr(driver.window.composer, "_ask_over_limit", lambda counts: "send")  # 5 MB: over any window
    text = ("line of a big paste " * 50 + "\n") * 5_000 + "end"
    paste(driver, text)
    driver.press_enter()
    driver.wait_reply_done()
    sent = driver.chat.current.messages[0]
    assert sent.text == text
    assert "Show all" in driver.shown_text(sent)
    assert driver.server.last_chat_body()["messages"][-1]["content"] == text


def test_a_300k_character_line_in_the_composer_wraps_anywhere_and_keeps_its_text(driver):
    line = "x" * 300_000
    paste(driver, line)
    QTest.keyClick(driver.edit, Qt.Key.Key_A)
    assert driver.edit.toPlainText() == line + "a"
    assert driver.edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    driver.qtbot.waitUntil(lambda: driver.app.meter.counts().draft > 10_000)
    driver.edit.clear()
    assert driver.edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def test_a_long_paste_goes_in_whole_over_a_selection_and_is_undone_in_one_step(driver):
    driver.edit.setPlainText("keep this, REPLACE ME, and this")
    cursor = driver.edit.textCursor()
    cursor.setPosition(11)
    cursor.setPosition(21, cursor.MoveMode.KeepAnchor)
    driver.edit.setTextCursor(cursor)
    text = "".join(f"{i:05} " + "pasted line " * 80 + "\n" for i in range(2_000))  # ~2 MB, many pieces
    paste(driver, text)
    whole = "keep this, " + text + ", and this"
    driver.qtbot.waitUntil(lambda: driver.edit.toPlainText() == whole, timeout=20000)
    driver.qtbot.waitUntil(lambda: driver.app.meter.counts().draft > 300_000 and driver.chat.current.draft == whole)
    driver.edit.undo()
    assert driver.edit.toPlainText() == "keep this, REPLACE ME, and this"


def test_typing_in_a_huge_draft_then_leaving_the_conversation_keeps_every_key(driver):
    text = "".join(f"{i:05} " + "a long draft " * 80 + "\n" for i in range(1_000))  # ~1 MB
    paste(driver, text)
    driver.qtbot.waitUntil(lambda: driver.chat.current.draft == text, timeout=20000)
    first = driver.chat.current.id
    driver.edit.moveCursor(driver.edit.textCursor().MoveOperation.End)
    QTest.keyClicks(driver.edit, "xyz")
    driver.chat.new_conversation()  # at once: the typing is not read back yet
    assert driver.edit.toPlainText() == ""
    driver.chat.open_conversation(first)
    assert driver.chat.current.draft == text + "xyz"
    driver.qtbot.waitUntil(lambda: driver.edit.toPlainText() == text + "xyz")


def test_a_huge_draft_with_line_breaks_typed_in_it_is_sent_as_it_reads(driver, monkeypatch):
    monkeypatch.setattr(driver.window.composer, "_ask_over_limit", lambda counts: "send")
    text = "".join(f"{i:05} " + "a long draft " * 80 + "\n" for i in range(1_000))
    paste(driver, text)
    driver.qtbot.waitUntil(lambda: driver.chat.current.draft == text, timeout=20000)
    driver.edit.moveCursor(driver.edit.textCursor().MoveOperation.End)
    QTest.keyClicks(driver.edit, "one")
    driver.press_enter(shift=True)  # a line break inside the paragraph (U+2028 in the box)
    QTest.keyClicks(driver.edit, "two\u00a0three")
    expected = driver.edit.toPlainText()
    assert expected.endswith("one\ntwo three")
    driver.qtbot.waitUntil(lambda: driver.chat.current.draft == expected)  # read back in pieces
    driver.press_enter()
    driver.wait_reply_done()
    assert driver.chat.current.messages[0].text == expected.strip()
    assert driver.server.last_chat_body()["messages"][-1]["content"] == expected.strip()
