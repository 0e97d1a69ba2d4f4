"""Costs under replies, the usage view's day total and its CSV export."""

from __future__ import annotations

import csv
from decimal import Decimal

from tests.fakes.openai_server import Stream

USAGE_1 = {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500,
           "prompt_tokens_details": {"cached_tokens": 200}, "completion_tokens_details": {"reasoning_tokens": 100}}
USAGE_2 = {"prompt_tokens": 2000, "completion_tokens": 1000, "total_tokens": 3000}


def _priced(fake_server) -> dict:
    # The fake server is a local server: free unless marked as priced, here with the user's own prices.
    return {"model": "house-model", "prices": {fake_server.base_url: {
        "house-model": {"input": "2", "cached_input": "0.5", "output": "8"}}}}


def test_each_reply_shows_its_cost_and_the_usage_view_adds_them_up(start_app, fake_server, qtbot, tmp_path):
    driver = start_app(settings=_priced(fake_server))
    fake_server.script(Stream(text="One.", usage=USAGE_1, model="house-model"),
                       Stream(text="Two.", usage=USAGE_2, model="house-model"))
    costs = driver.app.costs
    qtbot.waitUntil(lambda: costs.report is not None, timeout=15000)
    driver.send("First")
    first = driver.wait_reply_done()
    driver.send("Second")
    second = driver.wait_reply_done()

    # 1000 x $2 + 200 x $0.5 + 300 x $8 per million = $0.0045; 2000 x $2 + 1000 x $8 = $0.012
    assert "$0.0045" in driver.footer(first)
    assert "$0.0120" in driver.footer(second)
    assert "100 reasoning" in driver.footer(first)

    dialog = driver.app.cost_presenter.open_usage()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.today == Decimal("0.0165"), timeout=15000)
    assert "Today $0.0165" in dialog.totals_label.text()
    assert "$0.0165" in driver.app.cost_presenter.status_label.text()
    assert any(dialog.table.item(r, 1).text() == "house-model" for r in range(dialog.table.rowCount()))
    out = tmp_path / "usage.csv"
    dialog.export_csv(out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    footer_total = Decimal("0.0045") + Decimal("0.012")
    assert sum(Decimal(r["cost_usd"]) for r in rows) == footer_total
    assert sum(int(r["replies"]) for r in rows) == 2
    note = driver.window.conversation_list.list_model.tooltip_note(driver.app.chat.current.id)
    assert "$0.0165" in note


def test_a_local_server_is_free_and_an_unknown_price_is_said(start_app, fake_server):
    driver = start_app(settings={"model": "house-model"})
    fake_server.script(Stream(text="Hi.", usage=USAGE_2, model="house-model"))
    driver.send("Hello")
    reply = driver.wait_reply_done()
    driver.qtbot.waitUntil(lambda: "free (local server)" in driver.footer(reply), timeout=15000)
    driver.app.costs.set_endpoint_prices(fake_server.base_url, True, {})
    driver.qtbot.waitUntil(lambda: "price unknown" in driver.footer(reply), timeout=15000)
    assert "$" not in driver.footer(reply)


def test_marking_a_server_as_priced_in_the_prices_dialog_prices_its_replies(start_app, fake_server, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop_app.ui.prices_dialog import PricesDialog

    driver = start_app(settings={"model": "house-model"})
    fake_server.script(Stream(text="Hi.", usage=USAGE_2, model="house-model"))
    driver.send("Hello")
    reply = driver.wait_reply_done()
    qtbot.waitUntil(lambda: "free (local server)" in driver.footer(reply), timeout=15000)

    view_menu = driver.window.view_menu
    usage_action = next(a for a in view_menu.actions() if a.text() == "Usage…")
    usage_action.trigger()
    usage = driver.app.cost_presenter.open_usage()
    usage.prices_button.click()
    dialog = usage.findChild(PricesDialog)
    assert not dialog.priced_check.isChecked()
    dialog.add_button.click()
    for column, value in enumerate(("house-model", "2", "", "8")):
        dialog.table.item(0, column).setText(value)
    dialog.priced_check.setChecked(True)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    # 2000 x $2 + 1000 x $8 per million
    qtbot.waitUntil(lambda: "$0.0120" in driver.footer(reply), timeout=15000)
    qtbot.waitUntil(lambda: usage.report is not None and str(usage.report.today) == "0.012", timeout=15000)
    saved = driver.app.settings.settings.prices.priced_endpoints[fake_server.base_url.rstrip("/")]
    assert str(saved["house-model"].output) == "8"
