"""A hostile server: whatever it puts in any field is shown literally, and nothing it names is opened."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.ui.json_view import JsonAnswerView
from tests.fakes.openai_server import Error, Stream

PROBE_PATH = "/probe.png"


@dataclass
class Traps:
    """Things a rich-text engine would open: a FIFO with a writer waiting, and a loopback address."""

    fifo: str
    writer: subprocess.Popen
    probe_url: str

    def markup(self) -> str:
        """Every kind of hostile markup, naming the traps."""
        return (
            f'<img src="{self.fifo}"><img src="{self.probe_url}"><img src="/dev/zero">'
            '<img src="x.png" width="99999999" height="99999999">'
            '<a href="javascript:alert(1)">js</a><a href="file:///etc/passwd">f</a>'
        )

    def markdown(self) -> str:
        """The same in Markdown, as a reply would put it."""
        return (
            f"![a]({self.fifo}) ![b]({self.probe_url}) ![c](/dev/zero) "
            "[js](javascript:alert(1)) [f](file:///etc/passwd)\n\n" + self.markup()
        )


@pytest.fixture
def traps(tmp_path, fake_server):
    fifo = str(tmp_path / "trap.fifo")
    os.mkfifo(fifo)
    # The writer is another process: its open() completes only if someone opens the FIFO to read.
    writer = subprocess.Popen(["sh", "-c", f"printf opened > '{fifo}'"])
    yield Traps(fifo, writer, f"http://127.0.0.1:{fake_server.port}{PROBE_PATH}")
    writer.kill()
    writer.wait()


def assert_untouched(traps: Traps, server) -> None:
    """No file was opened and no request made for what the server named."""
    assert traps.writer.poll() is None, "the FIFO was opened for reading"
    assert not [r for r in server.requests if r.path == PROBE_PATH], "the loopback URL was fetched"


def assert_no_rich_server_text(window: QWidget) -> None:
    """No label shows markup as rich text, no tooltip carries raw markup."""
    for label in window.findChildren(QLabel):
        if "<img" in label.text():
            assert label.textFormat().name == "PlainText", label.text()
    for widget in [window, *window.findChildren(QWidget)]:
        assert "<img" not in widget.toolTip(), widget.toolTip()


def test_markup_in_every_field_of_a_reply_is_shown_as_text(start_app, fake_server, traps):
    hostile = traps.markup()
    fake_server.models = [hostile, "gpt-4o-mini"]
    fake_server.script(
        Stream(text=traps.markdown(), system_fingerprint=hostile, model=hostile, reasoning=hostile, refusal=hostile)
    )
    driver = start_app()
    driver.window.params_panel.model_combo.setCurrentText(hostile)  # a model id from the picker
    driver.send("hi")
    reply = driver.wait_reply_done()
    driver.qtbot.waitUntil(lambda: driver.window.params_panel.fingerprint_label.text() == hostile)

    assert hostile in driver.footer(reply)
    assert hostile in driver.view.header_text(reply.id)
    assert '<img src="/dev/zero">' in driver.shown_text(reply)
    assert "javascript:alert(1)" in driver.shown_text(reply)
    assert all(h.startswith(("app:", "http:", "https:", "mailto:")) for h in driver.view.links(reply.id))
    driver.window.grab()  # paint everything once
    assert_no_rich_server_text(driver.window)
    assert_untouched(traps, fake_server)


def test_markup_in_an_error_message_is_shown_as_text(start_app, fake_server, traps):
    hostile = traps.markup()[:250]  # the whole of what a message may show
    fake_server.script(Error(400, message=hostile))
    driver = start_app()
    driver.send("hi")
    reply = driver.wait_reply_done()
    driver.window.grab()
    assert hostile in driver.footer(reply)
    assert_no_rich_server_text(driver.window)
    assert_untouched(traps, fake_server)


def test_markup_in_a_json_answer_is_data(qtbot, fake_server, traps):
    view = JsonAnswerView()
    qtbot.addWidget(view)
    view.set_answer(json.dumps({"name": traps.markup(), "rows": [{"x": traps.markup()}]}))
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    assert view.tree.topLevelItem(0).text(1) == traps.markup()
    assert_no_rich_server_text(view)
    assert_untouched(traps, fake_server)


def test_markup_in_a_file_name_is_shown_as_text(driver, traps, tmp_path, monkeypatch):
    name = f'<img src="{Path(traps.fifo).name}" width="99999999" height="99999999">.png'
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(QColor("teal"))
    assert picture.save(str(tmp_path / name), "PNG")
    monkeypatch.chdir(tmp_path)  # a relative src would resolve here: the trap
    driver.window.composer.add_files([tmp_path / name])
    driver.qtbot.waitUntil(lambda: len(driver.window.composer.tray.ids()) == 1, timeout=10000)
    driver.send("look")
    driver.wait_reply_done()
    sent = driver.chat.current.messages[0]
    driver.window.grab()
    assert name in driver.shown_text(sent)
    assert_no_rich_server_text(driver.window)
    assert_untouched(traps, driver.server)
