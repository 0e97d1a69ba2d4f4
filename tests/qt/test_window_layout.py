"""The window on common screens: it fits, its side panels fold away and come back, remembered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

CHILD = Path(__file__).with_name("screen_child.py")
ROOT = Path(__file__).resolve().parents[2]


def run_on_screen(tmp_path: Path, width: int, height: int, scale: float, *args: str) -> dict:
    """The real window maximised on a simulated screen of that size and scaling, as the child reports it."""
    config = tmp_path / f"screen-{width}x{height}.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale),
               PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(CHILD), f"{width}x{height}", *args], env=env, cwd=str(ROOT),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def inside(rect: list[int], screen: list[int]) -> bool:
    """True when a widget's rectangle is shown and lies on the screen (a pixel of rounding allowed)."""
    if not rect:
        return False
    x, y, w, h = rect
    sx, sy, sw, sh = screen
    return x >= sx - 1 and y >= sy - 1 and x + w <= sx + sw + 1 and y + h <= sy + sh + 1


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1280, 800, 1.0), (1366, 768, 1.0), (1280, 800, 1.25), (1366, 768, 1.25)],
)
def test_composer_send_meter_and_newest_message_are_on_screen(tmp_path, width, height, scale):
    seen = run_on_screen(tmp_path, width, height, scale)
    screen = seen["screen"]
    assert inside(seen["window"], screen), seen
    for part in ("edit", "send", "meter", "view"):
        assert inside(seen[part], screen), (part, seen)
    assert seen["edit_lines"] >= 2, seen
    assert 0 <= seen["newest_top_in_view"] < seen["view_height"], seen
    assert seen["conversations_shown"] and seen["parameters_shown"], seen


def test_1024x600_with_panels_folded_keeps_the_composer_usable(tmp_path):
    seen = run_on_screen(tmp_path, 1024, 600, 1.0, "collapse")
    screen = seen["screen"]
    assert not seen["conversations_shown"] and not seen["parameters_shown"], seen
    assert inside(seen["window"], screen), seen
    for part in ("edit", "send", "meter", "view"):
        assert inside(seen[part], screen), (part, seen)
    assert seen["edit_lines"] >= 2, seen
    assert seen["view"][2] > 600, seen  # the conversation takes the width the panels gave up
    assert 0 <= seen["newest_top_in_view"] < seen["view_height"], seen


def test_the_window_shrinks_to_1024x600_even_with_both_panels_shown(driver):
    window = driver.window
    window.resize(1024, 600)
    driver.qtbot.waitUntil(lambda: window.width() == 1024 and window.height() == 600)
    assert window.minimumSizeHint().width() <= 1024 and window.minimumSizeHint().height() <= 600


def test_panels_fold_from_the_view_menu_and_stay_folded_after_a_restart(start_app):
    driver = start_app()
    window = driver.window
    window.resize(1280, 800)
    menu = window.view_menu
    assert menu.conversations_action.shortcut().toString() == "Ctrl+Shift+L"
    assert menu.parameters_action.shortcut().toString() == "Ctrl+Shift+P"
    menu.conversations_action.trigger()
    assert not window.conversation_list.isVisible()
    menu.parameters_action.trigger()
    assert not window.parameters_column.isVisible()
    menu.parameters_action.trigger()
    assert window.parameters_column.isVisible()
    window.splitter.setSizes([0, 700, 330])
    window.close()

    again = start_app().window
    again.resize(1280, 800)
    assert not again.conversation_list.isVisible()
    assert not again.view_menu.conversations_action.isChecked()
    assert again.parameters_column.isVisible()
    assert abs(again.splitter.sizes()[2] - 330) <= 40  # the width the user gave it
    again.view_menu.conversations_action.trigger()
    assert again.conversation_list.isVisible() and again.conversation_list.width() > 100


def test_a_panel_dragged_shut_comes_back_with_its_button(driver):
    window = driver.window
    sizes = window.splitter.sizes()
    window.splitter.setSizes([0, sizes[0] + sizes[1], sizes[2]])
    window.splitter.splitterMoved.emit(0, 1)  # as a drag of the handle reports it
    assert not window.view_menu.conversations_action.isChecked()
    window.view_menu.conversations_action.trigger()
    assert window.splitter.sizes()[0] > 100


def test_no_two_window_wide_actions_share_a_shortcut(driver):
    seen: dict[str, str] = {}
    for action in driver.window.findChildren(QAction):
        if action.shortcutContext() not in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
            continue  # keys of one list or box may repeat elsewhere
        for key in action.shortcuts():
            name = key.toString()
            assert name not in seen, f"{name}: {seen.get(name)} and {action.text()}"
            seen[name] = action.text()


def test_the_parameters_column_scrolls_instead_of_growing_the_window(driver):
    window = driver.window
    window.resize(1100, 560)
    driver.qtbot.waitUntil(lambda: window.height() == 560)
    column = window.parameters_column
    assert column.verticalScrollBar().maximum() > 0
    assert window.voice_panel.isVisibleTo(window)


def test_long_lines_keep_a_readable_width_on_a_wide_window(driver):
    window = driver.window
    window.resize(2400, 1000)
    driver.qtbot.waitUntil(lambda: window.width() == 2400)
    view = window.chat_view
    line = view.fontMetrics().averageCharWidth()
    assert view.viewport().width() <= line * 130
    assert view.viewportMargins().left() > 100


def test_the_view_shortcuts_work_from_the_composer(driver):
    from PySide6.QtTest import QTest

    window = driver.window
    window.activateWindow()
    driver.qtbot.waitUntil(lambda: window.isActiveWindow())
    edit = driver.edit
    edit.setFocus()
    size = window.chat_view.font().pointSizeF()
    QTest.keyClick(edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.conversation_list.isVisible()
    QTest.keyClick(edit, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not window.parameters_column.isVisible()
    QTest.keyClick(edit, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.chat_view.font().pointSizeF() == size + 1
    QTest.keyClick(edit, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.chat_view.font().pointSizeF() == size
    QTest.keyClick(edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.conversation_list.isVisible()
    assert edit.toPlainText() == ""  # none of it was typed
