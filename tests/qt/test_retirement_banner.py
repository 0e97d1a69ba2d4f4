"""Models going away: the picker marks them, a banner offers the replacement, the first run avoids them."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt


def _soon(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def test_picker_marks_retiring_models_and_the_banner_switches_in_one_click(start_app, fake_server, qtbot):
    fake_server.models = ["gpt-5-mini", "gpt-5.4-mini", "gpt-4.1"]
    fake_server.shutdowns = {"gpt-5-mini": _soon(8)}
    driver = start_app(settings={"model": "gpt-5-mini"})
    combo = driver.window.params_panel.model_combo
    row = combo.findText("gpt-5-mini")
    assert combo.itemData(row, Qt.ItemDataRole.ToolTipRole) == f"Shuts down on {_soon(8)}"
    assert not combo.itemIcon(row).isNull()
    assert combo.itemData(combo.findText("gpt-5.4-mini"), Qt.ItemDataRole.ToolTipRole) is None

    banner = driver.app.retirement_banner
    qtbot.waitUntil(banner.isVisible, timeout=15000)
    assert _soon(8) in banner.label.text() and "gpt-5-mini" in banner.label.text()
    assert banner.switch_button.text() == "Switch to gpt-5.4-mini"
    banner.switch_button.click()
    assert driver.app.chat.model == "gpt-5.4-mini"
    assert combo.currentText() == "gpt-5.4-mini"
    assert not banner.isVisible()
    driver.send("Hi")
    driver.wait_reply_done()
    assert driver.server.last_chat_body()["model"] == "gpt-5.4-mini"


def test_a_conversation_whose_model_is_gone_offers_to_continue_on_another(start_app, fake_server, qtbot):
    fake_server.models = ["gpt-5-mini", "gpt-5.4-mini"]
    fake_server.shutdowns = {"gpt-5-mini": _soon(-1)}
    driver = start_app(settings={"model": "gpt-5-mini"})
    banner = driver.app.retirement_banner
    qtbot.waitUntil(banner.isVisible, timeout=15000)
    assert "was shut down" in banner.label.text()
    assert banner.switch_button.text() == "Continue on gpt-5.4-mini"
    assert combo_tip(driver, "gpt-5-mini") == f"Shut down on {_soon(-1)}"
    banner.switch_button.click()
    assert driver.app.chat.model == "gpt-5.4-mini"


def test_the_first_run_starts_on_a_current_model_the_server_offers(start_app, fake_server):
    fake_server.models = ["gpt-5-mini", "gpt-6-luna", "text-embedding-3-small"]
    fake_server.shutdowns = {"gpt-5-mini": _soon(8)}
    driver = start_app()  # no settings file: a first run
    assert driver.app.chat.model == "gpt-6-luna"
    assert driver.window.params_panel.model_combo.currentText() == "gpt-6-luna"
    assert not driver.app.retirement_banner.isVisible()


def combo_tip(driver, model: str):
    combo = driver.window.params_panel.model_combo
    return combo.itemData(combo.findText(model), Qt.ItemDataRole.ToolTipRole)
