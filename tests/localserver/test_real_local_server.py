"""The real window against a real llama.cpp-based server with SmolLM2-135M (2,048-token context).

What a user pointing the app at such a server notices: the model list, a streamed answer, Stop,
a follow-up after a turn stopped before any text, a prompt over the context window explained with
its limit, JSON answers, n=2 on a server that sends one choice, and the developer role it rejects.
"""

from __future__ import annotations

import pytest

from desktop_app.core.conversation import MessageStatus
from tests.localserver.conftest import N_CTX

pytestmark = pytest.mark.localserver

REPLY_TIMEOUT_MS = 120_000  # a few seconds normally; two busy cores can make it much slower


def wait_done(driver):
    return driver.wait_reply_done(timeout=REPLY_TIMEOUT_MS)


def test_the_models_are_listed_and_the_served_model_is_chosen(start_local_app, local_server):
    driver = start_local_app()
    assert driver.app.connection.models == [local_server.model_file]
    # gpt-4o-mini (the default) is not offered: the app starts on the model the server has.
    assert driver.chat.model == local_server.model_file
    assert "Connected to" in driver.window.statusBar().currentMessage()


def test_a_reply_streams_in(start_local_app):
    driver = start_local_app()
    driver.send("Say hello in one short sentence.")
    reply = wait_done(driver)
    assert reply.status is MessageStatus.DONE
    assert driver.shown_text(reply).strip()
    assert reply.ttft_ms is not None


def test_stop_keeps_what_arrived(start_local_app):
    driver = start_local_app(settings={"params": {"max_completion_tokens": 400}})
    driver.send("Write a long story about a lighthouse keeper.")
    driver.qtbot.waitUntil(lambda: len(driver.last_reply().text) > 20, timeout=REPLY_TIMEOUT_MS)
    driver.window.stop_action.trigger()
    reply = driver.last_reply()
    assert reply.status is MessageStatus.STOPPED
    kept = reply.text
    assert kept and "partial answer is kept" in driver.footer(reply)
    driver.send("Thanks.")
    assert wait_done(driver).status is MessageStatus.DONE
    assert reply.text == kept


def test_a_follow_up_after_a_turn_stopped_before_any_text(start_local_app):
    driver = start_local_app()
    driver.send("What is the capital of France?")
    driver.window.stop_action.trigger()  # at once: nothing has arrived
    stopped = driver.last_reply()
    assert stopped.status is MessageStatus.STOPPED and not stopped.text
    assert "before any text arrived" in driver.footer(stopped)
    driver.send("Name a colour.")
    reply = wait_done(driver)
    assert reply.status is MessageStatus.DONE and driver.shown_text(reply).strip()


def test_a_prompt_over_the_context_window_names_the_limit(start_local_app):
    driver = start_local_app()
    driver.send("word " * 3000)
    reply = wait_done(driver)
    footer = driver.footer(reply)
    assert reply.status is MessageStatus.FAILED
    assert f"context window ({N_CTX:,} tokens)" in footer, footer
    assert "base URL" not in footer
    spin = driver.window.params_panel.context_window_spin
    driver.qtbot.waitUntil(lambda: spin.value() == N_CTX, timeout=5000)
    # A new chat within the window gets an answer.
    driver.chat.new_conversation()
    driver.qtbot.waitUntil(lambda: driver.app.meter.counts().context < N_CTX, timeout=10000)
    driver.send("Say hi.")
    assert wait_done(driver).status is MessageStatus.DONE


def test_a_json_object_answer(start_local_app):
    driver = start_local_app(settings={"params": {"max_completion_tokens": 60, "response_kind": "json_object"}})
    driver.send('Reply with a JSON object with the key "colour" set to a colour.')
    reply = wait_done(driver)
    assert reply.status is MessageStatus.DONE
    assert reply.request["response_format"] == {"type": "json_object"}
    assert reply.text.lstrip().startswith("{")
    assert any(href.startswith("app:data") for href in driver.view.links(reply.id))


def test_n_2_on_a_server_that_sends_one_choice(start_local_app):
    driver = start_local_app(settings={"params": {"max_completion_tokens": 24, "n": 2}})
    driver.send("Name a fruit.")
    reply = wait_done(driver)
    assert reply.status is MessageStatus.DONE
    assert len(reply.choices) == 1 and reply.text
    footer = driver.footer(reply)
    assert "Choice" not in footer and "ignores n" in footer


def test_the_developer_role_it_rejects_is_sent_as_system_in_one_click(start_local_app):
    driver = start_local_app(settings={"instruction_role": "developer", "system_prompt": "Answer briefly."})
    driver.send("Name a planet.")
    reply = wait_done(driver)
    footer = driver.footer(reply)
    assert reply.status is MessageStatus.FAILED
    assert "'developer'" in footer and "temporary" not in footer
    driver.click_link(reply, "assystem")
    driver.qtbot.waitUntil(lambda: driver.last_reply().status is MessageStatus.DONE, timeout=REPLY_TIMEOUT_MS)
