"""Korean typing through an input method: the syllable being composed is never lost or doubled."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest

from desktop_app.core.conversation import Role


def compose(edit, commit: str, preedit: str) -> None:
    """What a Hangul IME sends: the finished syllables committed, the one being built in preedit."""
    event = QInputMethodEvent(preedit, [])
    event.setCommitString(commit)
    QCoreApplication.sendEvent(edit, event)


def user_texts(driver) -> list[str]:
    return [m.text for m in driver.chat.current.messages if m.role is Role.USER]


def test_enter_during_composition_sends_the_whole_word_once(driver):
    edit = driver.edit
    edit.setFocus()
    compose(edit, "안", "녕")
    assert edit.toPlainText() == "안", "the syllable in preedit is not text yet"
    assert driver.chat.current.draft == "안", "the draft store sees committed text only"

    QTest.keyClick(edit, Qt.Key.Key_Return)
    driver.wait_reply_done()

    assert user_texts(driver) == ["안녕"]
    assert driver.server.chat_requests()[-1].body["messages"][-1]["content"] == "안녕"
    assert edit.toPlainText() == ""
    compose(edit, "", "")  # the IME ends its (already committed) composition: nothing comes back
    assert edit.toPlainText() == ""


def test_shift_enter_during_composition_keeps_the_syllable(driver):
    edit = driver.edit
    edit.setFocus()
    compose(edit, "안", "녕")
    QTest.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    compose(edit, "하세요", "")

    assert edit.toPlainText() == "안녕\n하세요"
    assert driver.chat.current.draft == "안녕\n하세요"
    assert user_texts(driver) == [], "Shift+Enter sends nothing"
