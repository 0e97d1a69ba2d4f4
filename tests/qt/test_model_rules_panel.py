"""Reasoning effort and verbosity in the parameters panel: offered where the model takes them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.conversation import MessageStatus
from tests.fakes.openai_server import Stream, unsupported_value


def _item_enabled(combo, value) -> bool:
    return bool(combo.model().item(combo.findData(value)).flags() & Qt.ItemFlag.ItemIsEnabled)


def test_effort_and_verbosity_are_offered_for_reasoning_models_and_sent(start_app, fake_server):
    fake_server.models = ["gpt-5.4-mini", "gpt-4o"]
    driver = start_app(settings={"model": "gpt-5.4-mini"})
    panel = driver.window.params_panel
    assert panel.effort_combo.isVisibleTo(panel) and panel.verbosity_combo.isVisibleTo(panel)
    assert not _item_enabled(panel.effort_combo, "minimal"), "gpt-5.4-mini rejects 'minimal'"
    assert "does not take" in panel.effort_combo.itemData(panel.effort_combo.findData("minimal"),
                                                          Qt.ItemDataRole.ToolTipRole)
    assert _item_enabled(panel.effort_combo, "xhigh")
    panel.effort_combo.setCurrentIndex(panel.effort_combo.findData("high"))
    panel.verbosity_combo.setCurrentIndex(panel.verbosity_combo.findData("low"))
    driver.send("Hi")
    driver.wait_reply_done()
    body = driver.server.last_chat_body()
    assert body["reasoning_effort"] == "high" and body["verbosity"] == "low"
    assert "temperature" not in body

    panel.model_combo.setEditText("gpt-4o")
    assert not panel.effort_combo.isVisibleTo(panel) and not panel.verbosity_combo.isVisibleTo(panel)
    driver.send("Again")
    driver.wait_reply_done()
    body = driver.server.last_chat_body()
    assert "reasoning_effort" not in body and "verbosity" not in body and "temperature" in body


def test_a_400_naming_reasoning_effort_offers_resend_without_it(start_app):
    driver = start_app(settings={"model": "o3", "params": {"reasoning_effort": "high"}})
    driver.server.script(unsupported_value("reasoning_effort", "high"), Stream(text="Fine."))
    driver.send("Hi")
    failed = driver.wait_reply_done()
    assert failed.status is MessageStatus.FAILED
    assert "Resend without 'reasoning_effort'" in driver.footer(failed)
    driver.click_link(failed, "without/")
    reply = driver.wait_reply_done()
    assert reply.status is MessageStatus.DONE
    assert "reasoning_effort" not in driver.server.last_chat_body()
    assert not driver.window.params_panel.effort_combo.isEnabled()
