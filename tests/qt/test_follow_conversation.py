"""The chat view follows the conversation: a send shows the new message, a reader who scrolled up keeps their place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.fakes.openai_server import Stream, server_error

LONG = "\n\n".join(f"Paragraph {i} of a long answer that fills more than one screen." for i in range(40))


def test_after_a_failure_and_a_new_send_the_new_reply_is_visible(driver):
    driver.window.resize(1024, 600)
    driver.server.script(Stream(text=LONG), server_error(500), Stream(text="The reply after the failure."))
    driver.send("A long one")
    driver.wait_reply_done()
    driver.send("This one fails")
    failed = driver.wait_reply_done()
    assert "Retry" in driver.footer(failed)
    driver.window.notice_bar.show_notice("A notice above the conversation takes some height.")
    driver.send("Try again")
    driver.qtbot.waitUntil(lambda: driver.last_reply().text == "The reply after the failure." and not driver.last_reply().is_streaming)
    bar = driver.view.verticalScrollBar()
    driver.qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    newest = driver.last_reply()
    top = driver.view.message_top(newest.id)
    assert bar.value() <= top < bar.value() + driver.view.viewport().height()


def test_sending_scrolls_to_the_new_message_even_from_far_up(driver):
    driver.server.script(Stream(text=LONG))
    driver.send("A long one")
    driver.wait_reply_done()
    bar = driver.view.verticalScrollBar()
    bar.setValue(0)
    driver.send("Next question")
    user = [m for m in driver.chat.current.messages if m.text == "Next question"][0]
    top = driver.view.message_top(user.id)
    assert bar.value() <= top < bar.value() + driver.view.viewport().height()


def test_a_reader_who_scrolled_up_keeps_their_place_and_the_button_takes_them_back(driver):
    driver.window.resize(1024, 600)
    driver.server.script(Stream(text=LONG))
    driver.send("A long one")
    driver.wait_reply_done()
    slow = " ".join(f"token{i}" for i in range(400))
    driver.server.script(Stream(text=slow, delay=0.005))
    driver.send("Another long one")
    view = driver.view
    bar = view.verticalScrollBar()
    driver.qtbot.waitUntil(lambda: len(driver.last_reply().text) > 50)
    assert not view.new_messages_button.isVisible()
    bar.setValue(bar.maximum() // 3)  # the reader scrolls up to read
    place = bar.value()
    driver.qtbot.waitUntil(view.new_messages_button.isVisible)
    reply = driver.wait_reply_done()
    assert bar.value() == place
    assert bar.maximum() > place
    QTest.mouseClick(view.new_messages_button, Qt.MouseButton.LeftButton)
    assert bar.value() == bar.maximum()
    assert not view.new_messages_button.isVisible()
    assert reply.text == slow
