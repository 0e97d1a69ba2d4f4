"""Drive the real main window against the loopback server: type, send, wait, read what is shown."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.app import App
from desktop_app.core.conversation import Message, Role


class AppDriver:
    """A user at the keyboard of the real window, with the server's request log at hand."""

    def __init__(self, qtbot, server, app: App) -> None:
        self.qtbot = qtbot
        self.server = server
        self.app = app
        self.window = app.window
        self.chat = app.chat
        self.edit = app.window.composer.edit
        self.view = app.window.chat_view

    def type(self, text: str) -> None:
        """Put text in the composer as if typed."""
        self.edit.setFocus()
        self.edit.insertPlainText(text)

    def press_enter(self, shift: bool = False) -> None:
        """Press Enter (or Shift+Enter) in the composer."""
        modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        QTest.keyClick(self.edit, Qt.Key.Key_Return, modifier)

    def send(self, text: str) -> None:
        """Type a message and press Enter."""
        self.type(text)
        self.press_enter()

    def replies(self) -> list[Message]:
        """The assistant messages of the current conversation."""
        return [m for m in self.chat.current.messages if m.role is Role.ASSISTANT]

    def last_reply(self) -> Message:
        """The newest assistant message."""
        return self.replies()[-1]

    def wait_reply_done(self, timeout: int = 15000) -> Message:
        """Wait until the newest reply stopped streaming; returns it."""
        self.qtbot.waitUntil(lambda: bool(self.replies()) and not self.last_reply().is_streaming, timeout=timeout)
        return self.last_reply()

    def shown_text(self, message: Message) -> str:
        """The body text the chat view shows for a message."""
        return self.view.message_text(message.id)

    def footer(self, message: Message) -> str:
        """The footer (status, usage, actions) the chat view shows for a message."""
        return self.view.footer_text(message.id)

    def click_link(self, message: Message, prefix: str) -> None:
        """Click the first link of a message card whose href starts with `app:<prefix>`."""
        href = next(h for h in self.view.links(message.id) if h.startswith(f"app:{prefix}"))
        self.view.follow_link(href)


def write_settings(config_dir: Path, **values) -> None:
    """Seed the settings file before the app starts."""
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.json").write_text(json.dumps(values), encoding="utf-8")


def launch_app(qtbot, config_dir: Path, settings: dict | None, started: list[App]) -> App:
    """Seed the settings (if given), start the real app and wait until its window is shown."""
    if settings is not None:
        write_settings(config_dir, **settings)
    # The apps of earlier tests are collected here, on the GUI thread. Left to a collection that a
    # worker thread happens to trigger, their Qt objects would be destroyed there: a timer stopped
    # from the wrong thread stays registered and later fires into freed memory (a segfault).
    gc.collect()
    app = App(config_dir=config_dir)
    started.append(app)
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitExposed(app.window)
    return app


def close_apps(started: list[App]) -> None:
    """Close the windows and shut the apps down, as quitting would."""
    for app in started:
        app.window.close()
        app.shutdown()


@pytest.fixture
def start_app(qtbot, fake_server, tmp_path, monkeypatch):
    """Start the real app against the fake server: `start_app(api_key=..., settings={...})`."""
    started: list[App] = []

    def start(api_key: str | None = "sk-test", settings: dict | None = None, base_url: str | None = None,
              wait_models: bool = True) -> AppDriver:
        monkeypatch.setenv("OPENAI_BASE_URL", base_url or fake_server.base_url)
        if api_key is not None:
            monkeypatch.setenv("OPENAI_API_KEY", api_key)
        else:
            monkeypatch.delenv("OPENAI_API_KEY", raising=False)
        app = launch_app(qtbot, tmp_path / "config", settings, started)
        if wait_models:
            qtbot.waitUntil(lambda: bool(app.connection.models), timeout=15000)
        return AppDriver(qtbot, fake_server, app)

    yield start
    close_apps(started)


@pytest.fixture
def driver(start_app) -> AppDriver:
    """The app, started with a key against the fake server, model list loaded."""
    return start_app()
