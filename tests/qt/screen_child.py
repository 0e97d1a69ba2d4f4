"""Run the real window maximised on one simulated screen and print what a user there would see.

    python3 tests/qt/screen_child.py WIDTHxHEIGHT [collapse]

The parent sets QT_QPA_PLATFORM=offscreen:configfile=<a screen of that size> and QT_SCALE_FACTOR.
Prints one JSON object: the screen, the rectangles (global, logical pixels) of the composer's text
box, Send and the token count, and where the newest reply sits in the chat view.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import openai  # noqa: E402,F401  (imported here: this child measures the layout, not the background import)
from PySide6.QtCore import QEventLoop, QRect, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from tests.fakes.openai_server import FakeOpenAIServer, Stream  # noqa: E402

LONG_REPLY = "\n\n".join(f"Paragraph {i}: the reply is long enough to fill the view." for i in range(30))


def wait_until(condition, timeout_ms: int = 30000) -> None:
    """Run the event loop until `condition()` holds (or fail)."""
    loop = QEventLoop()
    waited = 0
    while not condition():
        if waited > timeout_ms:
            raise TimeoutError("timed out")
        QTimer.singleShot(10, loop.quit)
        loop.exec()
        waited += 10


def global_rect(widget: QWidget) -> list[int]:
    """Where a widget is on the screen, or [] when it is not shown."""
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return []
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return list(QRect(top_left, widget.size()).getRect())


def main() -> int:
    """Start, maximise, ask one question, report."""
    collapse = "collapse" in sys.argv[2:]
    qt_app = QApplication(sys.argv[:1])
    from desktop_app.app import App

    tmp = Path(tempfile.mkdtemp(prefix="screen-child-"))
    with FakeOpenAIServer() as server:
        os.environ["OPENAI_BASE_URL"] = server.base_url
        os.environ["OPENAI_API_KEY"] = "sk-test"
        app = App(config_dir=tmp / "config", data_dir=tmp / "data")
        window = app.window
        app.start()
        window.showMaximized()
        wait_until(lambda: bool(app.connection.models))
        if collapse:
            window.view_menu.conversations_action.trigger()
            window.view_menu.parameters_action.trigger()
        server.script(Stream(text=LONG_REPLY), Stream(text="The newest answer."))
        for question in ("First question", "Second question"):
            window.composer.edit.setPlainText(question)
            QTest.keyClick(window.composer.edit, Qt.Key.Key_Return)
            wait_until(lambda: not app.chat.is_busy() and len(app.chat.current.messages) >= 2)
        wait_until(lambda: app.chat.current.messages[-1].text == "The newest answer.")
        qt_app.processEvents()
        view = window.chat_view
        newest = app.chat.current.messages[-1]
        top = view.message_top(newest.id)
        scroll = view.verticalScrollBar().value()
        composer = window.composer
        result = {
            "screen": list(qt_app.primaryScreen().availableGeometry().getRect()),
            "window": list(window.frameGeometry().getRect()),
            "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
            "edit": global_rect(composer.edit),
            "edit_lines": composer.edit.height() / composer.edit.fontMetrics().lineSpacing(),
            "send": global_rect(composer.send_button),
            "meter": global_rect(composer.token_label),
            "view": global_rect(view.viewport()),
            "newest_top_in_view": None if top is None else top - scroll,
            "view_height": view.viewport().height(),
            "conversations_shown": window.conversation_list.isVisible(),
            "parameters_shown": window.parameters_column.isVisible(),
        }
        print(json.dumps(result))
        window.close()
        app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
