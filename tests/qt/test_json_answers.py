"""Ask for JSON from the parameters panel; the reply opens as a table; a bad schema is caught first."""

from __future__ import annotations

import json

from tests.fakes.openai_server import Stream

DEPARTURES_SCHEMA = {
    "type": "object",
    "properties": {
        "flights": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "time": {"type": "string"},
                    "city": {"type": "string"},
                    "food": {"type": "string"},
                    "description": {"type": "string"},
                },
                "required": ["time", "city", "food", "description"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["flights"],
    "additionalProperties": False,
}
ANSWER = {
    "flights": [
        {"time": "09:40", "city": "도쿄", "food": "스시", "description": "Sushi by the harbour"},
        {"time": "10:15", "city": "Paris", "food": "Croissant", "description": "Breakfast, French style"},
    ]
}


def choose_format(driver, kind: str, schema: str = "") -> None:
    panel = driver.window.params_panel
    panel.format_combo.setCurrentIndex(panel.format_combo.findData(kind))
    panel.schema_edit.setPlainText(schema)


def test_a_schema_answer_is_requested_and_shown_as_a_table(driver):
    choose_format(driver, "json_schema", json.dumps(DEPARTURES_SCHEMA))
    panel = driver.window.params_panel
    assert panel.schema_edit.isVisible() and "valid" in panel.schema_label.text()
    driver.server.script(Stream(text=json.dumps(ANSWER, ensure_ascii=False)))
    driver.send("List the departures on this board as JSON")
    reply = driver.wait_reply_done()
    sent = driver.server.last_chat_body()["response_format"]
    assert sent["type"] == "json_schema" and sent["json_schema"]["strict"] is True
    assert sent["json_schema"]["schema"] == DEPARTURES_SCHEMA

    driver.click_link(reply, "data")
    view = driver.window.data_view
    table = view.table
    headers = [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    assert headers == ["time", "city", "food", "description"]
    assert table.rowCount() == 2 and table.item(0, 1).text() == "도쿄"


def test_json_object_mode_is_sent_as_such(driver):
    choose_format(driver, "json_object")
    driver.send("Answer in JSON: what is 2+2?")
    driver.wait_reply_done()
    assert driver.server.last_chat_body()["response_format"] == {"type": "json_object"}


def test_an_invalid_schema_is_caught_before_sending_and_the_draft_stays(driver):
    broken = dict(DEPARTURES_SCHEMA, additionalProperties=True)
    choose_format(driver, "json_schema", json.dumps(broken))
    panel = driver.window.params_panel
    assert "additionalProperties" in panel.schema_label.text()
    driver.send("List the departures")
    bar = driver.window.notice_bar
    assert bar.isVisible() and "Not sent: the JSON schema has a problem" in bar.label.text()
    assert driver.edit.toPlainText() == "List the departures"
    assert driver.server.chat_requests() == []
    choose_format(driver, "text")
    driver.press_enter()
    driver.wait_reply_done()
    assert "response_format" not in driver.server.last_chat_body()


def test_a_json_answer_opens_its_table_and_tree_inside_the_message(driver):
    choose_format(driver, "json_schema", json.dumps(DEPARTURES_SCHEMA))
    driver.server.script(Stream(text=json.dumps(ANSWER, ensure_ascii=False)))
    driver.send("List the departures on this board as JSON")
    reply = driver.wait_reply_done()
    view = driver.view
    assert view.data_text(reply.id).split() == ["▶", "Table", "▶", "Tree"]  # collapsed at first

    driver.click_link(reply, "inline")  # the first: Table
    opened = view.data_text(reply.id)
    assert opened.startswith("▼ Table")
    for value in ("time", "city", "description", "09:40", "도쿄", "스시", "Breakfast, French style"):
        assert value in opened
    assert "Open the data view" not in opened  # small enough to show whole
    driver.click_link(reply, "inline")  # the same link closes it
    assert view.data_text(reply.id).split() == ["▶", "Table", "▶", "Tree"]

    tree_link = next(h for h in view.links(reply.id) if h.endswith("/tree"))
    view.follow_link(tree_link)
    tree = view.data_text(reply.id)
    assert "flights: 2 items" in tree and tree.splitlines()[1].endswith("1 key") and "city: 도쿄" in tree and "time: 10:15" in tree
    assert driver.shown_text(reply) == reply.text  # the answer's text is still there, unchanged
    choose_format(driver, "text")


def test_a_big_json_table_shows_its_start_inline_and_the_rest_in_the_data_view(driver):
    rows = [{"n": i, "name": f"<b>row {i}</b>"} for i in range(300)]
    choose_format(driver, "json_object")
    driver.server.script(Stream(text=json.dumps({"rows": rows})))
    driver.send("Three hundred rows, please")
    reply = driver.wait_reply_done()
    view = driver.view
    driver.click_link(reply, "inline")
    opened = view.data_text(reply.id)
    assert "<b>row 0</b>" in opened and "<b>row 19</b>" in opened  # markup shown as text
    assert "row 20<" not in opened and "20 of 300 rows shown" in opened
    driver.click_link(reply, "data")  # "Open the data view"
    assert driver.window.data_view.table.rowCount() == 300
    choose_format(driver, "text")
