"""Edge cases a user hits on a real desktop: early sends, closing mid-connect, re-saving settings."""

from __future__ import annotations

import json
import threading
import time

import keyring

from desktop_app.core.conversation import MessageStatus
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.workers.reply_worker import unfinished_reply_threads
from tests.fakes.openai_server import Hang, Stream, unsupported_parameter


def test_a_message_sent_before_the_key_is_loaded_still_carries_the_key(start_app, fake_server):
    fake_server.api_key = "sk-early"
    driver = start_app(api_key="sk-early", wait_models=False)
    driver.send("straight away")  # before the background key lookup has finished
    reply = driver.wait_reply_done()
    assert reply.status is MessageStatus.DONE
    assert fake_server.chat_requests()[0].headers["authorization"] == "Bearer sk-early"


def test_closing_the_window_while_a_reply_cannot_be_interrupted_does_not_crash(driver):
    released = threading.Event()

    def stuck_factory(cancel):  # like a TCP connect that ignores the cancel
        released.wait(6)
        return iter(())

    driver.app.connection.make_stream_factory = lambda request: stuck_factory
    driver.send("hello")
    started = time.monotonic()
    driver.window.close()
    assert time.monotonic() - started < 5, "closing waits a bounded time"
    assert unfinished_reply_threads() == 1
    released.set()
    driver.qtbot.waitUntil(lambda: unfinished_reply_threads() == 0, timeout=5000)


def test_settings_can_be_saved_again_without_retyping_the_stored_key(start_app, fake_server, tmp_path):
    keyring.set_password("desktop-app", fake_server.base_url, "sk-stored")
    fake_server.api_key = "sk-stored"
    driver = start_app(api_key=None, settings={"base_url": fake_server.base_url})
    driver.window.open_settings()
    dialog = driver.window.findChild(SettingsDialog)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findText("Always system"))
    dialog.buttons.accepted.emit()  # key field left empty
    driver.qtbot.waitUntil(lambda: driver.window.findChild(SettingsDialog) is None, timeout=10000)
    driver.qtbot.wait(300)  # a stored-key write, had one been wrongly scheduled, would land by now
    assert keyring.get_password("desktop-app", fake_server.base_url) == "sk-stored"
    settings_file = tmp_path / "config" / "settings.json"
    driver.qtbot.waitUntil(
        lambda: json.loads(settings_file.read_text(encoding="utf-8")).get("instruction_role") == "system",
        timeout=5000,
    )


def test_closing_the_dialog_while_checking_saves_nothing(driver, tmp_path):
    driver.server.reply_on("/v1/models", Hang(1.0))
    driver.window.open_settings()
    dialog = driver.window.findChild(SettingsDialog)
    dialog.max_tokens_combo.setCurrentIndex(dialog.max_tokens_combo.findText("max_completion_tokens"))
    dialog.buttons.accepted.emit()
    dialog.reject()  # Esc while "Checking…"
    driver.server.reply_on("/v1/models", None)
    driver.qtbot.wait(1800)
    assert driver.app.settings.settings.max_tokens_param.value == "auto"
    saved = tmp_path / "config" / "settings.json"
    # The file may exist (the first run saves the model it starts on); the dialog's choice is not in it.
    assert not saved.exists() or json.loads(saved.read_text(encoding="utf-8"))["max_tokens_param"] == "auto"


def test_a_url_without_scheme_and_a_key_with_odd_characters_are_explained_before_any_request(driver):
    driver.window.open_settings()
    dialog = driver.window.findChild(SettingsDialog)
    requests_before = len(driver.server.requests)
    dialog.base_url_edit.setText("localhost:11434/v1")
    dialog.buttons.accepted.emit()
    assert "not a web address" in dialog.status_label.text()
    dialog.base_url_edit.setText(driver.server.base_url)
    dialog.key_edit.setText("sk-abc…def")
    dialog.buttons.accepted.emit()
    assert "characters a key cannot have" in dialog.status_label.text()
    assert len(driver.server.requests) == requests_before


def test_a_server_without_the_default_model_starts_on_one_it_offers(start_app, fake_server):
    fake_server.models = ["llama3.2", "nomic-embed-text"]
    driver = start_app()
    assert driver.window.params_panel.model_combo.currentText() == "llama3.2"
    driver.send("Hi")
    driver.wait_reply_done()
    assert fake_server.last_chat_body()["model"] == "llama3.2"


def test_a_rejected_part_that_cannot_be_left_out_offers_no_resend_without_it(driver):
    driver.server.script(unsupported_parameter("stream_options"))
    driver.send("Hi")
    failed = driver.wait_reply_done()
    assert "Resend without" not in driver.footer(failed)
    assert any(h.startswith("app:retry/") for h in driver.view.links(failed.id))


def test_a_stream_cut_without_done_or_finish_reason_is_marked_interrupted(driver):
    from tests.fakes.openai_server import split_tokens

    driver.server.script(Stream(choices=[split_tokens("half an answer")], finish_reason=None, no_done=True))
    driver.send("Hi")
    reply = driver.wait_reply_done()
    assert reply.status is MessageStatus.INTERRUPTED
    assert driver.shown_text(reply).strip() == "half an answer"
    assert "before the server said it was complete" in driver.footer(reply)
