"""The real window against a loopback server that behaves like llama.cpp, Ollama, vLLM or LM Studio.

For each quirk (`LocalQuirks`): what the user reads, the one-click fix, and what the app remembers
about the server (its endpoint profile) so the next request works.
"""

from __future__ import annotations

import importlib
import json
import sys

from desktop_app.core.conversation import MessageStatus
from desktop_app.core.endpoint_profile import Alternation, EndpointProfile
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.fakes.openai_server import LocalQuirks, Raw, Stream, rate_limited, server_error


def roles(body: dict) -> list[str]:
    return [m["role"] for m in body["messages"]]


def no_two_users_in_a_row(body: dict) -> bool:
    sent = [r for r in roles(body) if r in ("user", "assistant")]
    return all(not (a == b == "user") for a, b in zip(sent, sent[1:]))


def stop_before_any_text(driver) -> None:
    driver.server.script(Stream(text="never seen", first_delay=30))
    driver.send("First question")
    driver.qtbot.waitUntil(lambda: len(driver.server.chat_requests()) == 1, timeout=10000)
    driver.window.stop_action.trigger()
    driver.qtbot.waitUntil(lambda: driver.last_reply().status is MessageStatus.STOPPED, timeout=5000)


def test_a_stopped_empty_turn_does_not_leave_the_conversation_stuck(driver):
    driver.server.quirks = LocalQuirks(alternating_roles=True)
    stop_before_any_text(driver)
    stopped = driver.last_reply()
    assert "before any text arrived" in driver.footer(stopped)
    assert "partial answer is kept" not in driver.footer(stopped)

    driver.send("Second question")
    # The server rejects two user turns in a row; the app learns it and asks again by itself.
    driver.qtbot.waitUntil(
        lambda: driver.last_reply().status is MessageStatus.DONE and len(driver.server.chat_requests()) == 3,
        timeout=15000,
    )
    assert driver.shown_text(driver.last_reply()).strip() == "Hello from the fake server."
    assert no_two_users_in_a_row(driver.server.last_chat_body())
    assert driver.app.connection.profile.needs_alternation

    driver.send("Third question")  # from now on the request alternates at once
    driver.wait_reply_done()
    assert len(driver.server.chat_requests()) == 4
    assert driver.last_reply().status is MessageStatus.DONE


def test_a_failed_turn_is_sent_with_an_empty_answer_when_set_so(start_app, fake_server):
    driver = start_app()
    driver.app.connection.set_profile(EndpointProfile(alternation=Alternation.EMPTY_REPLY))
    fake_server.quirks = LocalQuirks(alternating_roles=True)
    fake_server.script(server_error(500))
    driver.send("First")
    driver.wait_reply_done()
    driver.send("Second")
    assert driver.wait_reply_done().status is MessageStatus.DONE
    body = fake_server.last_chat_body()
    assert roles(body)[-3:] == ["user", "assistant", "user"] and body["messages"][-2]["content"] == ""


def test_an_error_streamed_as_an_empty_200_shows_the_real_error_and_the_limit(driver):
    driver.server.quirks = LocalQuirks(errors_as_empty_stream=True, n_ctx=2048)
    driver.send("word " * 3000)
    reply = driver.wait_reply_done()
    footer = driver.footer(reply)
    assert "context window (2,048 tokens)" in footer
    assert "base URL" not in footer and "without sending any text" not in footer
    assert "Retry" in footer
    spin = driver.window.params_panel.context_window_spin
    driver.qtbot.waitUntil(lambda: spin.value() == 2048, timeout=5000)  # not 128,000 for gpt-4o-mini
    profile = driver.app.connection.profile
    assert profile.errors_in_stream and profile.context_windows == {"gpt-4o-mini": 2048}


def test_retry_after_a_context_overflow_leaves_the_oldest_turns_out(driver):
    driver.send("word " * 600)  # about 750 tokens
    driver.wait_reply_done()
    driver.server.quirks = LocalQuirks(n_ctx=700)
    driver.send("And a short follow-up")
    reply = driver.wait_reply_done()
    assert reply.status is MessageStatus.FAILED
    driver.click_link(reply, "retry")
    driver.qtbot.waitUntil(
        lambda: len(driver.server.chat_requests()) == 3 and driver.last_reply().status is MessageStatus.DONE,
        timeout=15000,
    )
    sent = driver.server.last_chat_body()["messages"]
    assert sent[-1]["content"] == "And a short follow-up" and len(sent) < 3


def test_a_server_without_a_models_list_can_be_saved_and_used(start_app, fake_server):
    fake_server.quirks = LocalQuirks(no_models=True)
    driver = start_app(wait_models=False)
    bar = driver.window.statusBar()
    driver.qtbot.waitUntil(lambda: "lists no models" in bar.currentMessage(), timeout=15000)
    driver.window.open_settings()
    dialog = driver.window.findChild(SettingsDialog)
    dialog.base_url_edit.setText(fake_server.base_url)
    dialog.buttons.accepted.emit()
    driver.qtbot.waitUntil(lambda: driver.window.findChild(SettingsDialog) is None, timeout=20000)
    assert not driver.app.connection.profile.lists_models
    driver.send("Hi")
    assert driver.wait_reply_done().status is MessageStatus.DONE
    assert "unavailable" not in bar.currentMessage()


def test_a_failed_model_list_is_asked_for_again(start_app, fake_server):
    fake_server.reply_on("/v1/models", rate_limited(0.1))
    driver = start_app(wait_models=False)
    button = driver.window.models_retry_button
    driver.qtbot.waitUntil(lambda: not button.isHidden(), timeout=15000)
    assert "Asking again" in driver.window.statusBar().currentMessage()
    fake_server.reply_on("/v1/models", None)
    button.click()
    driver.qtbot.waitUntil(lambda: bool(driver.app.connection.models), timeout=15000)
    assert button.isHidden()


def test_a_failed_model_list_comes_back_by_itself(start_app, fake_server):
    fake_server.reply_on("/v1/models", server_error(503))
    driver = start_app(wait_models=False)
    driver.qtbot.waitUntil(lambda: driver.app.connection.models_failed, timeout=15000)
    fake_server.reply_on("/v1/models", None)
    driver.qtbot.waitUntil(lambda: bool(driver.app.connection.models), timeout=15000)


def test_the_fallback_model_is_the_first_chat_model_the_server_lists(start_app, fake_server):
    fake_server.models = ["kokoro", "qwen2.5-7b", "llama3", "nomic-embed-text"]
    driver = start_app()
    driver.qtbot.waitUntil(lambda: driver.chat.model == "qwen2.5-7b", timeout=5000)


def test_n_ignored_by_the_server_leaves_no_empty_choices(start_app, fake_server):
    fake_server.quirks = LocalQuirks(ignores_n=True)
    driver = start_app(settings={"params": {"n": 3}})
    driver.send("Hi")
    reply = driver.wait_reply_done()
    assert len(reply.choices) == 1 and reply.text
    footer = driver.footer(reply)
    assert "Choice" not in footer and "ignores n" in footer
    assert driver.app.connection.profile.ignores_n
    driver.send("Again")
    driver.qtbot.waitUntil(lambda: len(driver.replies()) == 2, timeout=5000)
    assert len(driver.last_reply().choices) == 1  # no "Choice 1 of 3" while it streams either
    driver.wait_reply_done()


def test_a_failed_reply_with_n_2_shows_no_choice_switcher(start_app, fake_server):
    driver = start_app(settings={"params": {"n": 2}})
    fake_server.script(server_error(500))
    driver.send("Hi")
    assert "Choice" not in driver.footer(driver.wait_reply_done())


def test_the_developer_role_rejected_offers_send_as_system(start_app, fake_server):
    fake_server.quirks = LocalQuirks(no_developer_role=True)
    driver = start_app(settings={"model": "o3-mini", "system_prompt": "Be brief."})
    driver.send("Hi")
    reply = driver.wait_reply_done()
    footer = driver.footer(reply)
    assert "'developer'" in footer and "temporary" not in footer and "Send as system" in footer
    driver.click_link(reply, "assystem")
    driver.qtbot.waitUntil(lambda: driver.last_reply().status is MessageStatus.DONE, timeout=15000)
    assert roles(fake_server.last_chat_body())[0] == "system"
    assert driver.app.connection.profile.system_role_only


def test_a_fastapi_422_names_the_field_and_resends_without_it(start_app, fake_server):
    fake_server.quirks = LocalQuirks(rejects_with_422=("seed",))
    driver = start_app(settings={"params": {"seed": 42}})
    driver.send("Hi")
    reply = driver.wait_reply_done()
    assert "seed: Extra inputs are not permitted" in driver.footer(reply)
    driver.click_link(reply, "without")
    driver.qtbot.waitUntil(lambda: driver.last_reply().status is MessageStatus.DONE, timeout=15000)
    assert "seed" not in fake_server.last_chat_body()


def test_a_whole_answer_to_a_streamed_request_is_shown(driver):
    driver.server.quirks = LocalQuirks(ignores_stream=True)
    driver.send("Hi")
    reply = driver.wait_reply_done()
    assert reply.status is MessageStatus.DONE
    assert driver.shown_text(reply).strip() == "Hello from the fake server."


def test_an_empty_answer_says_so(driver):
    driver.server.script(Stream(text=""))
    driver.send("Hi")
    assert "answer is empty" in driver.footer(driver.wait_reply_done())


def test_a_404_on_chat_after_the_models_loaded_is_not_called_a_wrong_url(driver):
    driver.server.reply_on("/v1/chat/completions", Raw(404, '{"detail":"Not Found"}', "application/json"))
    driver.send("Hi")
    footer = driver.footer(driver.wait_reply_done())
    assert "404" in footer and "OpenAI-compatible" not in footer


def test_a_failed_import_of_the_sdk_is_tried_again(monkeypatch):
    from desktop_app.controllers.connection_controller import import_service

    original = sys.modules.pop("desktop_app.services.llm")
    failures = []

    class FailOnce:
        def find_spec(self, name, path=None, target=None):
            if name == "desktop_app.services.llm" and not failures:
                failures.append(name)
                raise ImportError("cannot import name 'x' from partially initialized module (circular import)")
            return None

    finder = FailOnce()
    sys.meta_path.insert(0, finder)
    try:
        module = import_service()
        assert failures and module.__name__ == "desktop_app.services.llm"
    finally:
        sys.meta_path.remove(finder)
        sys.modules["desktop_app.services.llm"] = original
        importlib.import_module("desktop_app.services").llm = original


def test_settings_edit_and_forget_what_was_learned(start_app, fake_server, tmp_path):
    driver = start_app()
    connection = driver.app.connection
    connection.learn(needs_alternation=True, ignores_n=True)
    driver.window.open_settings()
    dialog = driver.window.findChild(SettingsDialog)
    assert dialog.forget_check.isVisible() and "alternate" in dialog.forget_check.toolTip()
    dialog.alternation_combo.setCurrentIndex(dialog.alternation_combo.findData(Alternation.EMPTY_REPLY))
    dialog.forget_check.setChecked(True)
    dialog.buttons.accepted.emit()
    driver.qtbot.waitUntil(lambda: driver.window.findChild(SettingsDialog) is None, timeout=20000)
    assert connection.profile == EndpointProfile(alternation=Alternation.EMPTY_REPLY)
    settings_file = tmp_path / "config" / "settings.json"
    driver.qtbot.waitUntil(
        lambda: settings_file.exists()  # an earlier save may not hold the profile yet
        and json.loads(settings_file.read_text(encoding="utf-8")).get("profiles", {}).get(fake_server.base_url, {}).get(
            "alternation"
        )
        == "empty_reply",
        timeout=5000,
    )


def test_once_replies_arrive_the_status_bar_does_not_claim_the_server_is_unreachable(start_app, fake_server):
    fake_server.reply_on("/v1/models", Raw(403, '{"error": {"message": "listing models is not allowed"}}',
                                           "application/json"))
    driver = start_app(wait_models=False)
    bar = driver.window.statusBar()
    driver.qtbot.waitUntil(lambda: "Model list unavailable" in bar.currentMessage(), timeout=15000)
    driver.send("Hi")
    assert driver.wait_reply_done().status is MessageStatus.DONE
    driver.qtbot.waitUntil(lambda: "replies arrive" in bar.currentMessage(), timeout=15000)
    assert not driver.window.models_retry_button.isHidden()
