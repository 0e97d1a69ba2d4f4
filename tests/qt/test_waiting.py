"""Waiting is visible: the seconds until the first token, and a timeout that says how long and where to change it."""

from __future__ import annotations

from desktop_app.ui.settings_dialog import SettingsDialog
from tests.fakes.openai_server import Hang, Stream


def test_the_reply_counts_the_seconds_until_its_first_token(driver):
    driver.server.script(Stream(text="Finally here.", first_delay=2.5))
    driver.send("think hard")
    driver.qtbot.waitUntil(lambda: bool(driver.replies()))
    reply = driver.last_reply()
    driver.qtbot.waitUntil(lambda: "Waiting for the first token… 1 s" in driver.footer(reply), timeout=5000)
    driver.qtbot.waitUntil(lambda: "Waiting for the first token… 2 s" in driver.footer(reply), timeout=5000)
    driver.wait_reply_done()
    assert "Waiting" not in driver.footer(reply)
    assert driver.shown_text(reply).strip() == "Finally here."


def test_a_timeout_says_how_long_it_waited_and_where_to_change_it(start_app, fake_server):
    fake_server.script(Hang(30))
    driver = start_app(settings={"read_timeout_s": 1.5})
    driver.send("are you there?")
    reply = driver.wait_reply_done(timeout=20000)
    footer = driver.footer(reply)
    assert "Waited 1." in footer and "Settings → Read timeout" in footer
    driver.click_link(reply, "settings")
    dialog = driver.window.findChild(SettingsDialog)
    assert dialog is not None and dialog.timeout_spin.value() == 5  # the smallest it offers
    dialog.timeout_spin.setValue(600)
    dialog.base_url_edit.setText(fake_server.base_url)
    dialog.buttons.accepted.emit()
    driver.qtbot.waitUntil(lambda: driver.app.connection.read_timeout_s == 600, timeout=10000)
