"""File → Export as notebook / Python script, and Copy as Python on a reply, in the real window."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication

from tests.fakes.notebook_run import run_notebook, run_python

SECRET = "sk-proj-Abc123Def456Ghi789Jkl012Mno345Pqr678Stu901"
SCHEMA = {
    "type": "object",
    "properties": {"meal": {"type": "string"}},
    "required": ["meal"],
    "additionalProperties": False,
}
SETTINGS = {
    "model": "gpt-4o",
    "system_prompt": "You are a nutrition expert.",
    "params": {"temperature": 0.2, "n": 2, "seed": 2943, "response_kind": "json_schema",
               "json_schema": json.dumps(SCHEMA)},
}
def attach_photo(driver, path: Path) -> None:
    Image.effect_noise((320, 240), 60).convert("RGB").save(path, "JPEG", quality=90)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window = driver.window
    event = QDropEvent(QPointF(window.width() / 2, window.height() / 2), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    tray = window.composer.tray
    driver.qtbot.waitUntil(lambda: len(tray.ids()) == 1, timeout=10000)


def three_turns(driver, tmp_path: Path) -> None:
    driver.send("건강한 아침 식사를 추천해 주세요.")
    driver.wait_reply_done()
    attach_photo(driver, tmp_path / "plate.jpg")
    driver.send("What is on this plate?")
    driver.wait_reply_done()
    driver.send("And for dinner?")
    driver.wait_reply_done()


def menu_action(window, text: str):
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text() == text)


def export_with_menu(driver, text: str, path: Path, embed: bool) -> None:
    asked = []
    driver.window.notebook_export.ask_path = lambda script: asked.append(script) or (path, embed)
    menu_action(driver.window, text).trigger()
    driver.qtbot.waitUntil(lambda: path.exists() and "Exported to" in driver.window.statusBar().currentMessage(),
                           timeout=15000)
    assert asked == [text.endswith("script…")]


def test_the_exported_notebook_runs_and_sends_what_the_app_sent(start_app, tmp_path):
    driver = start_app(api_key=SECRET, settings=SETTINGS)
    three_turns(driver, tmp_path)
    app_sent = [r.body for r in driver.server.chat_requests()]
    assert len(app_sent) == 3 and app_sent[0]["n"] == 2 and app_sent[0]["seed"] == 2943
    out = tmp_path / "export"
    out.mkdir()

    export_with_menu(driver, "Export as notebook…", out / "breakfast.ipynb", embed=False)

    notebook = nbformat.read(out / "breakfast.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert notebook.cells[0].source.startswith("# ") and "`gpt-4o`" in notebook.cells[0].source
    [image] = (out / "breakfast_files").iterdir()
    assert image.suffix == ".jpg"
    stdout = run_notebook(out / "breakfast.ipynb", SECRET)
    ran = [r.body for r in driver.server.chat_requests()[3:]]
    assert ran == app_sent, "every cell sends the request the app sent for that turn"
    saved = "".join(o.text for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert stdout == saved and "--- choice 2 ---" in saved

    export_with_menu(driver, "Export as Python script…", out / "breakfast.py", embed=True)
    run_python(["breakfast.py"], out, SECRET)
    assert [r.body for r in driver.server.chat_requests()[6:]] == app_sent

    for written in [p for p in out.rglob("*") if p.is_file()]:
        assert SECRET.encode() not in written.read_bytes(), written


def test_copy_as_python_copies_code_that_sends_the_reply_request_again(start_app, tmp_path):
    driver = start_app(api_key=SECRET, settings=SETTINGS)
    attach_photo(driver, tmp_path / "plate.jpg")
    driver.send("What is on this plate?")
    reply = driver.wait_reply_done()
    [app_sent] = [r.body for r in driver.server.chat_requests()]

    QGuiApplication.clipboard().clear()
    driver.click_link(reply, "python/")

    driver.qtbot.waitUntil(lambda: "Copied" in driver.window.statusBar().currentMessage(), timeout=10000)
    code = QGuiApplication.clipboard().text()
    assert "client.chat.completions.create(" in code and SECRET not in code
    run_python(["-"], tmp_path, SECRET, stdin=code)
    assert driver.server.chat_requests()[1].body == app_sent


def test_an_empty_conversation_has_nothing_to_export(driver, tmp_path):
    asked = []
    driver.window.notebook_export.ask_path = lambda script: asked.append(script)
    menu_action(driver.window, "Export as notebook…").trigger()
    assert asked == [] and "Nothing to export" in driver.window.statusBar().currentMessage()
