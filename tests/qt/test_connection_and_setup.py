"""First run: the key dialog and its checks, the model list, personas, settings kept between runs."""

from __future__ import annotations

import json

import keyring
import pytest

from desktop_app.ui.settings_dialog import SettingsDialog
from tests.fakes.openai_server import Raw, unused_port_base_url

OPENAI = "https://api.openai.com/v1"


def _open_dialog(driver) -> SettingsDialog:
    dialog = driver.window.findChild(SettingsDialog)
    if dialog is None:
        driver.window.open_settings()
        dialog = driver.window.findChild(SettingsDialog)
    return dialog


def _check(driver, dialog: SettingsDialog, base_url: str, key: str) -> str:
    dialog.base_url_edit.setText(base_url)
    dialog.key_edit.setText(key)
    dialog.buttons.accepted.emit()
    driver.qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=20000)
    return dialog.status_label.text()


def test_without_a_key_the_settings_dialog_asks_for_it(start_app, fake_server, tmp_path):
    fake_server.api_key = "sk-right"
    driver = start_app(api_key=None, settings={"base_url": OPENAI}, base_url=OPENAI, wait_models=False)
    driver.qtbot.waitUntil(lambda: driver.window.findChild(SettingsDialog) is not None, timeout=10000)
    dialog = driver.window.findChild(SettingsDialog)
    assert dialog.isVisible()
    # Enter pressed with no key: the draft stays, nothing is sent.
    driver.type("my question")
    driver.press_enter()
    assert driver.edit.toPlainText() == "my question"

    status = _check(driver, dialog, fake_server.base_url, "sk-wrong")
    assert "rejected the API key" in status
    assert dialog.isVisible(), "a wrong key is not saved"

    dialog.base_url_edit.setText(fake_server.base_url)
    dialog.key_edit.setText("sk-right")
    dialog.buttons.accepted.emit()
    driver.qtbot.waitUntil(lambda: driver.window.findChild(SettingsDialog) is None, timeout=20000)
    driver.qtbot.waitUntil(
        lambda: keyring.get_password("desktop-app", fake_server.base_url) == "sk-right", timeout=5000
    )
    settings_file = tmp_path / "config" / "settings.json"
    driver.qtbot.waitUntil(
        lambda: json.loads(settings_file.read_text(encoding="utf-8"))["base_url"] == fake_server.base_url,
        timeout=5000,
    )
    assert "sk-right" not in settings_file.read_text(encoding="utf-8")
    # The key works for chat now, and the draft is still there to send.
    driver.press_enter()
    reply = driver.wait_reply_done()
    assert driver.shown_text(reply).strip() == "Hello from the fake server."
    assert driver.server.chat_requests()[-1].headers["authorization"] == "Bearer sk-right"


def test_the_check_tells_a_dead_server_apart(driver):
    dialog = _open_dialog(driver)
    status = _check(driver, dialog, unused_port_base_url(), "sk-x")
    assert "Could not reach the server" in status
    assert dialog.isVisible()


@pytest.mark.parametrize("route", ["html", "404"])
def test_the_check_tells_a_non_openai_url_apart(driver, route):
    if route == "html":
        driver.server.not_openai = True
    else:  # a web server without the API: its chat route is missing too
        driver.server.reply_on("/v1/models", Raw(404, "404 page not found"))
        driver.server.reply_on("/v1/chat/completions", Raw(404, "404 page not found"))
    dialog = _open_dialog(driver)
    status = _check(driver, dialog, driver.server.base_url, "sk-x")
    assert "does not answer like an OpenAI-compatible API" in status
    assert dialog.isVisible()


def test_the_key_is_read_back_from_the_credential_store_on_the_next_run(start_app, fake_server):
    keyring.set_password("desktop-app", fake_server.base_url, "sk-stored")
    fake_server.api_key = "sk-stored"
    driver = start_app(api_key=None, settings={"base_url": fake_server.base_url})
    driver.send("Hi")
    driver.wait_reply_done()
    assert driver.server.chat_requests()[-1].headers["authorization"] == "Bearer sk-stored"


def test_model_list_shows_chat_models_first_and_a_name_can_be_typed(driver):
    combo = driver.window.params_panel.model_combo
    items = [combo.itemText(i) for i in range(combo.count())]
    separator = items.index("")  # the others come under a separator line
    assert set(items) - {""} == set(driver.server.models)
    non_chat = {"text-embedding-3-small", "whisper-1"}
    assert set(items[separator + 1:]) == non_chat
    combo.setEditText("my-local-model")
    driver.send("Hi")
    driver.wait_reply_done()
    assert driver.server.last_chat_body()["model"] == "my-local-model"


def test_model_and_prompt_are_remembered_between_runs(start_app, tmp_path):
    first = start_app()
    first.window.params_panel.model_combo.setEditText("gpt-4o")
    first.window.params_panel.prompt_edit.setPlainText("Answer in haiku.")
    first.window.close()
    second = start_app()
    assert second.window.params_panel.model_combo.currentText() == "gpt-4o"
    assert second.window.params_panel.prompt_edit.toPlainText() == "Answer in haiku."
    second.send("Hi")
    second.wait_reply_done()
    body = second.server.last_chat_body()
    assert body["model"] == "gpt-4o"
    assert body["messages"][0] == {"role": "system", "content": "Answer in haiku."}


def test_personas_fill_the_system_prompt_and_own_ones_are_saved(start_app, monkeypatch):
    driver = start_app()
    panel = driver.window.params_panel
    names = [panel.persona_combo.itemText(i) for i in range(panel.persona_combo.count())]
    for name in ("Indifferent", "Exaggerator", "Baseball expert", "Nutrition expert"):
        assert name in names
    index = panel.persona_combo.findText("Baseball expert")
    panel.persona_combo.setCurrentIndex(index)
    panel.persona_combo.activated.emit(index)
    assert "baseball" in panel.prompt_edit.toPlainText().lower()

    panel.prompt_edit.setPlainText("You are a pirate.")
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Pirate", True)))
    panel.save_persona_button.click()
    driver.window.close()
    again = start_app()
    combo = again.window.params_panel.persona_combo
    assert combo.findText("Pirate") >= 0
    assert combo.itemData(combo.findText("Pirate")).prompt == "You are a pirate."


def test_new_chat_starts_an_empty_conversation_and_the_old_one_stays_in_the_list(driver):
    driver.send("First topic")
    driver.wait_reply_done()
    driver.window.new_chat_action.trigger()
    assert driver.chat.current.messages == []
    assert driver.view.toPlainText().strip() == ""
    sidebar = driver.window.conversation_list
    driver.qtbot.waitUntil(lambda: "First topic" in sidebar.row_titles())
    driver.send("Second topic")
    driver.wait_reply_done()
    assert driver.server.last_chat_body()["messages"] == [{"role": "user", "content": "Second topic"}]
