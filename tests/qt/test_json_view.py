"""The JSON answer view: tree, table, invalid-JSON note, copy and saving .json / .csv files."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop_app.ui.json_view import JsonAnswerView

DEPARTURES = {
    "flights": [
        {"time": "08:30", "city": "도쿄", "food": "스시", "description": "아침 첫 비행기, 창가 좌석"},
        {"time": "09:15", "city": "Paris", "food": "크루아상", "description": "Gate 12"},
    ]
}


@pytest.fixture
def view(qtbot) -> JsonAnswerView:
    widget = JsonAnswerView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tree_rows(item, depth: int = 0) -> list[tuple[int, str, str, str]]:
    """Every row of a tree item's children as (depth, key, value, type)."""
    rows = []
    for index in range(item.childCount()):
        child = item.child(index)
        rows.append((depth, child.text(0), child.text(1), child.text(2)))
        rows.extend(tree_rows(child, depth + 1))
    return rows


def table_cells(view: JsonAnswerView) -> list[list[str]]:
    table = view.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_departures_show_as_a_table_with_keys_as_columns(view):
    view.set_answer(json.dumps(DEPARTURES, ensure_ascii=False))
    headers = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert headers == ["time", "city", "food", "description"]
    assert table_cells(view) == [
        ["08:30", "도쿄", "스시", "아침 첫 비행기, 창가 좌석"],
        ["09:15", "Paris", "크루아상", "Gate 12"],
    ]
    assert view.tabs.isTabVisible(1) and view.tabs.currentWidget() is view.table
    assert view.save_csv_button.isVisible()
    assert not view.note_label.isVisible() and not view.raw_edit.isVisible()


def test_tree_shows_nested_keys_expanded_two_levels(view):
    answer = {"trip": {"from": "서울", "legs": [{"to": "도쿄", "gate": 12}]}, "ok": True}
    view.set_answer(json.dumps(answer, ensure_ascii=False))
    assert tree_rows(view.tree.invisibleRootItem()) == [
        (0, "trip", "2 keys", "object"),
        (1, "from", "서울", "string"),
        (1, "legs", "1 item", "array"),
        (2, "[0]", "2 keys", "object"),
        (3, "to", "도쿄", "string"),
        (3, "gate", "12", "integer"),
        (0, "ok", "true", "boolean"),
    ]
    trip = view.tree.topLevelItem(0)
    legs = trip.child(1)
    assert trip.isExpanded() and legs.isExpanded()
    assert not legs.child(0).isExpanded()  # deeper parts start collapsed
    assert [view.tree.headerItem().text(c) for c in range(3)] == ["Key", "Value", "Type"]


def test_object_answer_has_no_table_tab_and_no_csv_button(view):
    view.set_answer('{"city": "도쿄", "gates": [1, 2]}')
    assert not view.tabs.isTabVisible(1)
    assert view.tabs.currentWidget() is view.tree
    assert not view.save_csv_button.isVisible()
    assert view.save_json_button.isEnabled()


def test_invalid_json_shows_note_with_line_and_column_and_the_raw_text(view):
    text = '[\n  {"time": "08:30",\n   "city": "도쿄"},\n  {"time": "09:15" "city": "Paris"}\n]'
    view.set_answer(text)
    assert view.note_label.isVisible()
    assert view.note_label.text() == "Not valid JSON: line 4, column 20: Expecting ',' delimiter"
    assert view.raw_edit.isVisible() and view.raw_edit.isReadOnly()
    assert view.raw_edit.toPlainText() == text
    assert not view.tabs.isVisible()
    assert not view.save_json_button.isEnabled() and not view.save_csv_button.isVisible()


def test_a_valid_answer_after_an_invalid_one_clears_the_note(view):
    view.set_answer("{oops")
    view.set_answer('[{"a": 1}]')
    assert not view.note_label.isVisible() and not view.raw_edit.isVisible()
    assert view.tabs.isVisible() and table_cells(view) == [["1"]]


def test_table_goes_away_when_the_next_answer_is_not_a_list(view):
    view.set_answer(json.dumps(DEPARTURES))
    view.set_answer('"just text"')
    assert not view.tabs.isTabVisible(1) and view.table.rowCount() == 0
    assert tree_rows(view.tree.invisibleRootItem()) == [(0, "", "just text", "string")]


def test_copy_puts_pretty_json_on_the_clipboard(view, qtbot):
    view.set_answer('```json\n{"city":"도쿄"}\n```')
    qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == '{\n  "city": "도쿄"\n}'


def test_copy_of_invalid_json_copies_the_reply_as_it_came(view):
    view.set_answer("{oops")
    view.copy_button.click()
    assert QGuiApplication.clipboard().text() == "{oops"


def test_save_csv_writes_utf8_with_korean_intact(view, tmp_path):
    view.set_answer(json.dumps(DEPARTURES, ensure_ascii=False))
    path = tmp_path / "출발.csv"
    view.save_csv(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert data.decode("utf-8-sig") == (
        "time,city,food,description\r\n"
        "08:30,도쿄,스시,\"아침 첫 비행기, 창가 좌석\"\r\n"
        "09:15,Paris,크루아상,Gate 12\r\n"
    )


def test_save_json_writes_pretty_utf8(view, tmp_path):
    view.set_answer(json.dumps(DEPARTURES))  # sent with \u escapes; saved as readable Korean
    path = tmp_path / "answer.json"
    view.save_json(path)
    text = path.read_text(encoding="utf-8")
    assert '"city": "도쿄"' in text and text.endswith("}\n")
    assert json.loads(text) == DEPARTURES
