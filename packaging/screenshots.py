"""Render the README screenshots: the real window, a conversation from the tutorial, light and dark.

    python3 packaging/screenshots.py [out_dir] [--size 1280x800] [--theme light] [--hide conversations]

Replies come from the loopback fake server (tests/fakes), so nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.openai_server import FakeOpenAIServer, Stream  # noqa: E402
from tests.qt.screen_child import wait_until  # noqa: E402

PERSONA = "Baseball expert"
TURNS = (
    (
        "Who holds the record for the most home runs in a single MLB season?",
        "**Barry Bonds** holds it with **73 home runs** in 2001 for the San Francisco Giants.\n\n"
        "| Player | Season | Home runs |\n|:--|:--|--:|\n| Barry Bonds | 2001 | 73 |\n"
        "| Mark McGwire | 1998 | 70 |\n| Sammy Sosa | 1998 | 66 |\n\n"
        "Aaron Judge's 62 in 2022 set the American League record.",
    ),
    (
        "Show me how to compute a batting average in Python.",
        "A batting average is hits divided by at-bats, shown with three decimals:\n\n"
        "```python\ndef batting_average(hits: int, at_bats: int) -> str:\n"
        "    \"\"\"A .300 hitter gets three hits in ten at-bats.\"\"\"\n"
        "    if at_bats == 0:\n        return \".000\"\n"
        "    return f\"{hits / at_bats:.3f}\".lstrip(\"0\")\n\n"
        "print(batting_average(180, 600))  # .300\n```\n\n"
        "Walks, hit-by-pitches and sacrifices are not at-bats, so they leave the average alone.",
    ),
)


def main(argv: list[str] | None = None) -> int:
    """Write <out_dir>/<name>.png for each theme asked for."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir", nargs="?", default=str(ROOT / "resources" / "screenshots"))
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--theme", action="append", choices=("light", "dark"))
    parser.add_argument("--hide", action="append", choices=("conversations", "parameters"), default=[])
    parser.add_argument("--name", default="")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setApplicationName("Desktop Assistant")
    from desktop_app.app import App

    tmp = Path(tempfile.mkdtemp(prefix="screenshots-"))
    with FakeOpenAIServer() as server:
        os.environ["OPENAI_BASE_URL"] = server.base_url
        os.environ["OPENAI_API_KEY"] = "sk-screenshot"
        server.models = ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"]
        app = App(config_dir=tmp / "config", data_dir=tmp / "data")
        window = app.window
        window.resize(width, height)
        app.start()
        wait_until(lambda: bool(app.connection.models))
        panel = window.params_panel
        index = next(i for i in range(panel.persona_combo.count()) if PERSONA in panel.persona_combo.itemText(i))
        panel.persona_combo.setCurrentIndex(index)
        panel.persona_combo.activated.emit(index)
        for question, answer in TURNS:
            server.script(Stream(text=answer))
            window.composer.edit.setPlainText(question)
            QTest.keyClick(window.composer.edit, Qt.Key.Key_Return)
            wait_until(lambda: not app.chat.is_busy())
        window.composer.edit.setPlainText("And the most in one game?")
        for hidden in args.hide:
            getattr(window.view_menu, f"{hidden}_action").setChecked(False)
        for theme in args.theme or ["light", "dark"]:
            window.themes.set_choice(theme)
            window.resize(width, height)
            wait_until(lambda: window.chat_view.verticalScrollBar().value() == window.chat_view.verticalScrollBar().maximum())
            _hover_last_reply(window.chat_view)  # its actions show, as they do under the pointer
            QTest.qWait(300)
            suffix = "" if theme == "light" else "-dark"
            out = Path(args.out_dir) / f"{args.name or 'main-window'}{suffix}.png"
            window.grab().save(str(out))
            print(out)
        window.close()
        app.shutdown()
    return 0


def _hover_last_reply(view) -> None:
    """Put the pointer on the last reply's last paragraph."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

    last_line = TURNS[-1][1].strip().splitlines()[-1][:30]
    found = view.document().find(last_line)
    if not found.isNull():
        QTest.mouseMove(view.viewport(), view.cursorRect(QTextCursor(found.block())).center() + QPoint(4, 0))


if __name__ == "__main__":
    sys.exit(main())
