"""What the app sends: roles, parameters, choices; and the user's control over a running reply."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.core.conversation import MessageStatus
from desktop_app.ui.request_dialog import RequestDialog
from tests.fakes.openai_server import Stream


@pytest.mark.parametrize(
    ("model", "role_setting", "expected_role"),
    [
        ("gpt-4o-mini", "auto", "system"),
        ("o3-mini", "auto", "developer"),
        ("gpt-5", "auto", "developer"),
        ("gpt-5", "system", "system"),  # a server that rejects `developer`
    ],
)
def test_system_prompt_role_follows_the_model_and_the_endpoint_switch(start_app, model, role_setting, expected_role):
    driver = start_app(settings={"model": model, "instruction_role": role_setting, "system_prompt": "Be brief."})
    driver.send("Hi")
    driver.wait_reply_done()
    first = driver.server.last_chat_body()["messages"][0]
    assert first == {"role": expected_role, "content": "Be brief."}


def test_parameters_panel_values_are_sent(driver):
    panel = driver.window.params_panel
    panel.temperature_spin.setValue(0.3)
    panel.max_tokens_spin.setValue(256)
    panel.seed_edit.setText("42")
    driver.send("Hi")
    driver.wait_reply_done()
    body = driver.server.last_chat_body()
    assert body["temperature"] == pytest.approx(0.3)
    # A local (non-OpenAI) server with a non-reasoning model gets the classic name.
    assert body["max_tokens"] == 256 and "max_completion_tokens" not in body
    assert body["seed"] == 42
    assert "n" not in body


def test_reasoning_model_gets_max_completion_tokens_and_no_temperature(start_app):
    driver = start_app(settings={"model": "o3-mini", "params": {"temperature": 0.2, "max_completion_tokens": 500}})
    panel = driver.window.params_panel
    assert not panel.temperature_spin.isEnabled()
    assert "temperature" in panel.temperature_spin.toolTip()
    driver.send("Hi")
    driver.wait_reply_done()
    body = driver.server.last_chat_body()
    assert body["max_completion_tokens"] == 500
    assert "temperature" not in body and "max_tokens" not in body


def test_seed_left_empty_sends_no_seed(driver):
    driver.window.params_panel.seed_edit.setText("")
    driver.send("Hi")
    driver.wait_reply_done()
    assert "seed" not in driver.server.last_chat_body()


def test_n_choices_stream_and_the_chosen_one_continues_the_conversation(driver):
    driver.window.params_panel.n_spin.setValue(3)
    driver.server.script(
        Stream(choices=[["Alpha ", "one"], ["Beta ", "two"], ["Gamma ", "three"]], delay=0.01),
        Stream(text="Noted."),
    )
    driver.send("Give me three")
    reply = driver.wait_reply_done()
    assert driver.server.chat_requests()[0].body["n"] == 3
    assert [c.text for c in reply.choices] == ["Alpha one", "Beta two", "Gamma three"]
    assert driver.shown_text(reply).strip() == "Alpha one"
    assert "Choice 1 of 3" in driver.footer(reply)
    driver.click_link(reply, "choice/")  # ▶ to choice 2
    assert driver.shown_text(reply).strip() == "Beta two"
    assert "Choice 2 of 3" in driver.footer(reply)
    driver.send("Thanks")
    driver.wait_reply_done()
    messages = driver.server.last_chat_body()["messages"]
    assert messages[-2] == {"role": "assistant", "content": "Beta two"}


def test_browsing_choices_while_they_stream(driver):
    driver.window.params_panel.n_spin.setValue(2)
    first = [f"a{i} " for i in range(40)]
    second = [f"b{i} " for i in range(40)]
    driver.server.script(Stream(choices=[first, second], delay=0.02))
    driver.send("two please")
    driver.qtbot.waitUntil(lambda: "a3 " in driver.shown_text(driver.last_reply()), timeout=10000)
    reply = driver.last_reply()
    driver.click_link(reply, "choice/")
    driver.qtbot.waitUntil(lambda: "b3 " in driver.shown_text(reply), timeout=10000)
    assert "a3" not in driver.shown_text(reply)
    driver.wait_reply_done()
    assert driver.shown_text(reply).strip() == "".join(second).strip()


@pytest.mark.parametrize("how", ["button", "escape"])
def test_stop_ends_the_stream_at_once_and_keeps_the_partial_answer(driver, how):
    words = [f"w{i} " for i in range(400)]
    driver.server.script(Stream(choices=[words], delay=0.02))
    driver.send("long answer")
    driver.qtbot.waitUntil(lambda: "w5 " in driver.shown_text(driver.last_reply()), timeout=10000)
    composer = driver.window.composer
    assert composer.stop_button.isVisible() and not composer.send_button.isEnabled()
    if how == "button":
        QTest.mouseClick(composer.stop_button, Qt.MouseButton.LeftButton)
    else:
        QTest.keyClick(driver.edit, Qt.Key.Key_Escape)
    reply = driver.last_reply()
    assert reply.status is MessageStatus.STOPPED
    shown = driver.shown_text(reply)
    assert shown.startswith("w0 w1 ") and "w399" not in shown
    assert "Stopped" in driver.footer(reply)
    assert driver.server.client_disconnected.wait(5), "the HTTP connection must be closed"
    assert composer.send_button.isEnabled() and not composer.stop_button.isVisible()
    driver.qtbot.wait(300)
    assert driver.shown_text(reply) == shown, "nothing may be added after Stop"


def test_view_request_shows_the_exact_json_and_python_without_the_key(start_app):
    driver = start_app(api_key="sk-very-secret-1234", settings={"system_prompt": "You are terse."})
    driver.send("안녕하세요")
    reply = driver.wait_reply_done()
    driver.click_link(reply, "request/")
    dialog = driver.window.findChild(RequestDialog)
    assert dialog is not None and dialog.isVisible()
    sent = driver.server.last_chat_body()
    json_part = dialog.json_text.split("\n\n", 1)[1]
    assert json.loads(json_part) == sent
    assert "안녕하세요" in dialog.json_text
    assert "client.chat.completions.create(" in dialog.python_text
    assert driver.server.base_url in dialog.python_text
    for text in (dialog.json_text, dialog.python_text):
        assert "sk-very-secret-1234" not in text


def test_view_request_of_the_draft_shows_what_would_be_sent(driver):
    driver.type("a draft")
    QTest.mouseClick(driver.window.composer.view_request_button, Qt.MouseButton.LeftButton)
    dialog = driver.window.findChild(RequestDialog)
    assert '"content": "a draft"' in dialog.json_text
    assert driver.server.chat_requests() == []
    assert driver.edit.toPlainText() == "a draft"
