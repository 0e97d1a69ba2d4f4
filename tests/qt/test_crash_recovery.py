"""Kill the app with SIGKILL mid-stream: the next start shows the partial reply, marked interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop_app.core.conversation import MessageStatus
from tests.fakes.openai_server import Stream

ROOT = Path(__file__).resolve().parents[2]

# The real app, started as a user would, sending one message; it reports how much text it has shown.
APP_PROCESS = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from desktop_app.app import App

    qt = QApplication(sys.argv)
    app = App()
    app.start()

    def send_when_ready():
        if not app.connection.models:
            QTimer.singleShot(20, send_when_ready)
            return
        app.window.composer.edit.setPlainText("Tell me a long story")
        app.window.composer.send_button.click()

    def report():
        messages = app.chat.current.messages
        if len(messages) == 2:
            print(len(messages[1].text), flush=True)

    QTimer.singleShot(0, send_when_ready)
    timer = QTimer(interval=100)
    timer.timeout.connect(report)
    timer.start()
    qt.exec()
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_reply_streaming_when_the_app_is_killed_is_there_after_restart(start_app, fake_server, tmp_path):
    tokens = [f"word{i} " for i in range(2000)]
    fake_server.script(Stream(choices=[tokens], delay=0.01))  # 20 s of streaming: far longer than the test
    env = dict(os.environ, OPENAI_BASE_URL=fake_server.base_url, OPENAI_API_KEY="sk-test")
    process = subprocess.Popen(
        [sys.executable, "-c", APP_PROCESS], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        shown = 0
        deadline = time.monotonic() + 30
        while shown < 400 and time.monotonic() < deadline:  # a good part of a second of text
            line = process.stdout.readline()
            if not line:
                break
            shown = int(line)
        assert shown >= 400, "the app never showed the streaming reply"
        time.sleep(1.2)  # the reply is flushed to disk at least once a second
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL

    driver = start_app()
    driver.qtbot.waitUntil(lambda: len(driver.chat.current.messages) == 2, timeout=10000)
    question, reply = driver.chat.current.messages
    assert question.text == "Tell me a long story"
    assert reply.status is MessageStatus.INTERRUPTED
    assert len(reply.text) >= shown  # everything shown a second before the kill was on disk
    assert "".join(tokens).startswith(reply.text)
    assert driver.shown_text(reply).startswith(reply.text[:200].strip())
    assert "Interrupted" in driver.footer(reply)
    assert "Retry" in driver.footer(reply)
