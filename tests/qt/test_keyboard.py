"""Keyboard all the way: Tab cycles every control, Delete after a click, Ctrl+Q, F1 and the menus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.fakes.openai_server import Stream
from tests.qt.test_sidebar import click_row, seed_many, sidebar_of, stored_titles, wait_rows

MAX_PRESSES = 400  # far more than the window has controls: a trap shows as never coming back


def activate(driver) -> None:
    driver.window.activateWindow()
    driver.qtbot.waitUntil(lambda: driver.window.isActiveWindow())


def tab_controls(window: QWidget) -> set[QWidget]:
    """Every control of the window a user can reach with Tab: shown, enabled, taking Tab focus."""
    return {
        w for w in window.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None and w.window() is window
    }


def cycle(driver, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> list[QWidget]:
    """Press `key` from the composer until the focus is back in it; the widgets visited, in order."""
    driver.edit.setFocus()
    visited: list[QWidget] = []
    for _ in range(MAX_PRESSES):
        QTest.keyClick(QApplication.focusWidget(), key, modifier)
        focused = QApplication.focusWidget()
        if focused is driver.edit:
            return visited
        visited.append(focused)
    raise AssertionError(f"focus never came back; stuck around {type(visited[-1]).__name__}")


@pytest.mark.parametrize("conversation", ["empty", "with a reply"])
def test_tab_and_shift_tab_visit_every_control_and_come_back_to_the_composer(driver, conversation):
    if conversation == "with a reply":
        driver.server.script(Stream(text="A reply with a [link](https://example.com) and `code`."))
        driver.send("Hello")
        driver.wait_reply_done()
    else:
        assert driver.window.composer.starters.isVisible()  # its links are controls too
    activate(driver)
    params = driver.window.params_panel
    params.prompt_edit.setPlainText("You are terse.")

    forward = cycle(driver, Qt.Key.Key_Tab)
    expected = tab_controls(driver.window) - {driver.edit}
    assert expected - set(forward) == set()
    assert params.prompt_edit in forward and params.prompt_edit.toPlainText() == "You are terse."  # no tab typed
    assert driver.window.conversation_list.search_edit in forward and driver.view in forward

    backward = cycle(driver, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert expected - set(backward) == set()


def test_ctrl_tab_types_a_tab_in_the_system_prompt_and_tab_moves_on(driver):
    activate(driver)
    prompt = driver.window.params_panel.prompt_edit
    prompt.setFocus()
    prompt.setPlainText("a")
    prompt.moveCursor(prompt.textCursor().MoveOperation.End)
    QTest.keyClick(prompt, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(prompt, "b")
    assert prompt.toPlainText() == "a\tb"
    assert driver.chat.settings.system_prompt == "a\tb"
    QTest.keyClick(prompt, Qt.Key.Key_Tab)
    assert not prompt.hasFocus() and prompt.toPlainText() == "a\tb"


def test_delete_after_clicking_a_conversation_deletes_it_and_undo_brings_it_back(start_app):
    conversations = seed_many(3)
    driver = start_app()
    activate(driver)
    sidebar = sidebar_of(driver)
    wait_rows(driver, 3)

    click_row(sidebar.list_view, 1)  # "Conversation 001"
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == conversations[1].id)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)

    assert sidebar.row_titles() == ["Conversation 002", "Conversation 000"]
    assert driver.chat.current.messages == []  # the conversation on show went with it
    driver.qtbot.waitUntil(lambda: stored_titles() == ["Conversation 002", "Conversation 000"])
    sidebar.undo_button.click()
    driver.qtbot.waitUntil(lambda: "Conversation 001" in stored_titles())


def test_edit_menu_delete_acts_only_on_a_selected_conversation(start_app):
    seed_many(2)
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 2)
    driver.chat.new_conversation()  # nothing selected: the menu item must not delete a hidden choice
    driver.type("draft")
    driver.chat.new_conversation()
    driver.qtbot.waitUntil(lambda: not sidebar.list_view.selectionModel().hasSelection())
    sidebar.delete_action.trigger()
    assert stored_titles()[-2:] == ["Conversation 001", "Conversation 000"]


def test_ctrl_q_quits(driver):
    activate(driver)
    QTest.keyClick(driver.edit, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    driver.qtbot.waitUntil(lambda: not driver.window.isVisible())


def menu_bar_actions(window) -> set[QAction]:
    found: set[QAction] = set()

    def walk(menu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            found.add(action)

    for top in window.menuBar().actions():
        walk(top.menu())
    return found


def test_every_window_shortcut_is_in_the_menu_bar_and_f1_lists_them_all(driver):
    window = driver.window
    activate(driver)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "&File" and titles[1] == "&Edit" and titles[-1] == "&Help"
    in_menus = menu_bar_actions(window)
    window_wide = [
        a for a in window.findChildren(QAction)
        if a.shortcuts() and a.shortcutContext() != Qt.ShortcutContext.WidgetShortcut
    ]
    assert window_wide and [a.text() for a in window_wide if a not in in_menus] == []

    with driver.qtbot.waitSignal(window.shortcuts_action.triggered):
        QTest.keyClick(driver.edit, Qt.Key.Key_F1)
    from desktop_app.ui.shortcuts_dialog import ShortcutsDialog

    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    listed = {action: keys.split(", ") for _where, action, keys in rows}  # an action may have two keys
    for action in in_menus:
        if action.shortcuts():
            name = action.text().replace("&", "").removesuffix("…")
            assert action.shortcut().toString(action.shortcut().SequenceFormat.NativeText) in listed[name]
    assert ("File", "Quit", "Ctrl+Q") in rows
    assert ("Help", "Keyboard shortcuts", "F1") in rows
    assert ("Edit", "Delete conversation", "Del") in rows
    assert ("Window", "Hold to talk", "F8") in rows
    assert ("Message box", "New line", "Shift+Return") in rows
    dialog.reject()
