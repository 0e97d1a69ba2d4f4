"""The conversation sidebar against a real history file: paging, rename, delete and undo, search."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QListView

from desktop_app.controllers.history_controller import HistoryController
from desktop_app.core.conversation import Choice, Conversation, Message, MessageStatus, Role
from desktop_app.core.records import message_to_dict
from desktop_app.services.history_store import ConversationRow, HistoryStore
from desktop_app.ui.conversation_model import PAGE_SIZE, ConversationModel, relative_date
from desktop_app.ui.search_results import MATCH_CLOSE, MATCH_OPEN, focused_snippet, snippet_html

BASE_TIME = 1_700_000_000.0


# -- seeding ---------------------------------------------------------------------------------------


def data_dir() -> Path:
    """The history folder the app of this test reads (tests/conftest.py isolates it per test)."""
    return Path(os.environ["DESKTOP_APP_DATA_DIR"])


def make_conversation(title: str, turns: list[tuple[str, str]], updated_at: float) -> Conversation:
    """A conversation with user/assistant turns, chained as the app chains them."""
    conversation = Conversation(title=title, created_at=updated_at - 60, updated_at=updated_at)
    for question, answer in turns:
        conversation.add_user_message(question)
        conversation.append(Message(role=Role.ASSISTANT, choices=[Choice(text=answer, finish_reason="stop")],
                                    status=MessageStatus.DONE))
    conversation.updated_at = updated_at  # adding messages touched it
    return conversation


def seed(conversations: list[Conversation], folder: Path | None = None) -> None:
    """Write conversations into the history file before anything reads it."""
    store = HistoryStore.open_in(folder or data_dir()).store
    try:
        for c in conversations:
            row = ConversationRow(c.id, c.title, c.created_at, c.updated_at, "", "", None, dict(c.active))
            store.save(row, [dict(message_to_dict(m), conversation_id=c.id) for m in c.nodes])
    finally:
        store.close()


def seed_many(count: int, folder: Path | None = None, with_messages: bool = True) -> list[Conversation]:
    """`count` conversations titled "Conversation 000"...; the highest number is the newest."""
    conversations = [
        make_conversation(f"Conversation {i:03}", [(f"question {i}", f"answer {i}")] if with_messages else [],
                          BASE_TIME + i)
        for i in range(count)
    ]
    seed(conversations, folder)
    return conversations


def stored_titles(folder: Path | None = None) -> list[str]:
    """What the history file itself lists now (read with a second connection)."""
    store = HistoryStore.open_in(folder or data_dir()).store
    try:
        return [s.title for s in store.list_page(0, 100_000)]
    finally:
        store.close()


# -- the model alone -------------------------------------------------------------------------------


@pytest.fixture
def history(tmp_path):
    """A real history controller on a folder of this test, closed at the end."""
    controllers: list[HistoryController] = []

    def make(folder: Path) -> HistoryController:
        controller = HistoryController(folder)
        controllers.append(controller)
        return controller

    yield make
    for controller in controllers:
        controller.close()


def test_model_loads_one_page_at_a_time_newest_first(qtbot, tmp_path, history):
    seed_many(250, tmp_path / "h", with_messages=False)
    controller = history(tmp_path / "h")
    model = ConversationModel(controller)
    controller.open()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE)
    assert model.titles()[:3] == ["Conversation 249", "Conversation 248", "Conversation 247"]
    assert model.canFetchMore()

    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 250)
    assert not model.canFetchMore()
    assert model.titles() == [f"Conversation {i:03}" for i in range(249, -1, -1)]


def test_model_with_ten_thousand_conversations_reads_only_the_first_page(qtbot, tmp_path, history):
    folder = tmp_path / "big"
    store = HistoryStore.open_in(folder).store
    with store._transaction():  # one transaction: seeding 10,000 rows stays quick
        for i in range(10_000):
            store.save(ConversationRow(f"id{i}", f"Chat {i}", BASE_TIME, BASE_TIME + i, "", "", None, {}), [])
    store.close()
    controller = history(folder)
    model = ConversationModel(controller)
    controller.open()
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert model.rowCount() == PAGE_SIZE
    assert model.titles()[0] == "Chat 9999"


def test_model_reload_keeps_the_loaded_rows_and_shows_the_change(qtbot, tmp_path, history):
    conversations = seed_many(250, tmp_path / "h", with_messages=False)
    controller = history(tmp_path / "h")
    model = ConversationModel(controller)
    controller.open()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE)

    with qtbot.waitSignal(model.sig_rows_loaded):
        controller.rename(conversations[200].id, "Renamed far down")
    assert model.rowCount() == 2 * PAGE_SIZE
    assert model.titles()[49] == "Renamed far down"

    with qtbot.waitSignal(model.sig_rows_loaded):
        controller.delete(conversations[249].id)
    assert model.titles()[0] == "Conversation 248"
    assert "Conversation 249" not in model.titles()


def test_model_refuses_an_empty_title_and_asks_to_rename_otherwise(qtbot, tmp_path, history):
    seed_many(3, tmp_path / "h", with_messages=False)
    controller = history(tmp_path / "h")
    model = ConversationModel(controller)
    controller.open()
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    asked: list[tuple[str, str]] = []
    model.sig_rename_requested.connect(lambda cid, title: asked.append((cid, title)))

    assert not model.setData(model.index(0), "   ")
    assert model.titles()[0] == "Conversation 002"
    assert model.setData(model.index(0), "  Trip   plans ")
    assert model.titles()[0] == "Trip plans"
    assert asked == [(model.summary(0).id, "Trip plans")]


def test_relative_dates_read_like_a_person_would_say_them():
    now = datetime(2026, 3, 12, 15, 0).timestamp()  # a Thursday
    assert relative_date(datetime(2026, 3, 12, 14, 3).timestamp(), now) == "Today 14:03"
    assert relative_date(datetime(2026, 3, 11, 9, 0).timestamp(), now) == "Yesterday"
    assert relative_date(datetime(2026, 3, 9, 9, 0).timestamp(), now) == "Mon"
    assert relative_date(datetime(2026, 3, 2, 9, 0).timestamp(), now) == "2026-03-02"
    assert relative_date((datetime(2026, 3, 12) + timedelta(days=2)).timestamp(), now) == "2026-03-14"


def test_snippet_is_escaped_and_starts_near_the_match():
    rich = snippet_html("<b>hi</b> & 서울에서", ["서울"])
    assert MATCH_OPEN + "서울" + MATCH_CLOSE in rich and "&lt;b&gt;hi&lt;/b&gt; &amp; " in rich
    long = "x " * 60 + "the word needle is here"
    assert focused_snippet(long, ["needle"]).startswith("…")
    assert "needle" in focused_snippet(long, ["needle"])[:40]


# -- the sidebar in the running app ----------------------------------------------------------------


def sidebar_of(driver):
    return driver.window.conversation_list


def wait_rows(driver, at_least: int = 1) -> None:
    driver.qtbot.waitUntil(lambda: len(sidebar_of(driver).row_titles()) >= at_least, timeout=10_000)


def select_row(sidebar, title: str):
    row = sidebar.row_titles().index(title)
    index = sidebar.list_model.index(row)
    sidebar.list_view.setFocus()
    sidebar.list_view.setCurrentIndex(index)
    return index


def wait_edit_closed(driver, sidebar) -> None:
    # The delegate commits an in-place edit from a queued call after Enter.
    editing = QListView.State.EditingState
    driver.qtbot.waitUntil(lambda: sidebar.list_view.state() != editing)


def click_row(view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def search(driver, text: str) -> None:
    sidebar = sidebar_of(driver)
    sidebar.search_edit.setFocus()
    sidebar.search_edit.clear()
    sidebar.search_edit.insert(text)  # as an input method commits Korean text


def test_250_conversations_page_in_as_the_list_scrolls(start_app):
    seed_many(250)
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, PAGE_SIZE)
    first = len(sidebar.row_titles())
    assert first < 250  # the rest is read only when scrolled to
    assert sidebar.row_titles()[:2] == ["Conversation 249", "Conversation 248"]

    while len(sidebar.row_titles()) < 250:
        loaded = len(sidebar.row_titles())
        sidebar.list_view.scrollToBottom()
        driver.qtbot.waitUntil(lambda: len(sidebar.row_titles()) > loaded, timeout=10_000)
    assert sidebar.row_titles() == [f"Conversation {i:03}" for i in range(249, -1, -1)]


def test_clicking_a_row_opens_it_and_the_row_stays_selected(start_app):
    conversations = seed_many(5)
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 5)
    click_row(sidebar.list_view, 3)  # "Conversation 001"
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == conversations[1].id)
    assert driver.chat.current.messages[0].text == "question 1"
    selected = sidebar.list_view.selectionModel().selectedIndexes()
    assert [i.row() for i in selected] == [3]

    sidebar.new_button.click()
    assert driver.chat.current.messages == []
    assert sidebar.list_view.selectionModel().selectedIndexes() == []


def test_rename_in_place_is_stored_and_an_empty_title_is_refused(start_app):
    seed_many(3)
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 3)

    select_row(sidebar, "Conversation 001")
    QTest.keyClick(sidebar.list_view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Conversation 001"
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    wait_edit_closed(driver, sidebar)
    assert "Conversation 001" in sidebar.row_titles()  # refused: the old title stays

    select_row(sidebar, "Conversation 000")
    QTest.keyClick(sidebar.list_view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Conversation 000"
    editor.selectAll()
    QTest.keyClicks(editor, "Trip to Busan")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    wait_edit_closed(driver, sidebar)
    assert "Trip to Busan" in sidebar.row_titles()
    driver.qtbot.waitUntil(lambda: "Trip to Busan" in stored_titles())
    assert "Conversation 001" in stored_titles()


def test_delete_hides_the_row_at_once_and_undo_brings_it_back(start_app):
    seed_many(4)
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 4)

    select_row(sidebar, "Conversation 001")
    QTest.keyClick(sidebar.list_view, Qt.Key.Key_Delete)
    assert "Conversation 001" not in sidebar.row_titles()
    assert sidebar.undo_bar.isVisible()
    assert sidebar.undo_label.text() == "Deleted “Conversation 001”"
    driver.qtbot.waitUntil(lambda: "Conversation 001" not in stored_titles())

    sidebar.undo_button.click()
    assert not sidebar.undo_bar.isVisible()
    driver.qtbot.waitUntil(lambda: "Conversation 001" in sidebar.row_titles())
    assert sidebar.row_titles() == ["Conversation 003", "Conversation 002", "Conversation 001", "Conversation 000"]
    assert "Conversation 001" in stored_titles()


def test_several_deletes_undo_the_last_and_the_others_stay_gone(start_app):
    seed_many(4)
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 4)

    select_row(sidebar, "Conversation 001")
    QTest.keyClick(sidebar.list_view, Qt.Key.Key_Delete)
    select_row(sidebar, "Conversation 000")
    QTest.keyClick(sidebar.list_view, Qt.Key.Key_Delete)
    assert sidebar.undo_label.text() == "Deleted “Conversation 000”"
    sidebar.undo_button.click()
    driver.qtbot.waitUntil(lambda: "Conversation 000" in sidebar.row_titles())
    driver.qtbot.waitUntil(lambda: stored_titles() == ["Conversation 003", "Conversation 002", "Conversation 000"])
    assert sidebar.row_titles() == ["Conversation 003", "Conversation 002", "Conversation 000"]


def test_deleting_from_the_context_menu_stays_deleted_after_the_list_reloads(start_app):
    seed_many(3)
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 3)

    row = sidebar.row_titles().index("Conversation 002")
    point = sidebar.list_view.visualRect(sidebar.list_model.index(row)).center()

    def choose_delete() -> None:
        menu = QApplication.activePopupWidget()
        menu.setActiveAction(next(a for a in menu.actions() if a.text() == "Delete conversation"))
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose_delete)  # runs inside the menu's own event loop
    sidebar.list_view.customContextMenuRequested.emit(point)
    assert "Conversation 002" not in sidebar.row_titles()

    with driver.qtbot.waitSignal(sidebar.list_model.sig_rows_loaded, timeout=10_000):
        driver.app.history.sig_list_changed.emit()  # the list reads the history again
    assert sidebar.row_titles() == ["Conversation 001", "Conversation 000"]
    assert stored_titles() == ["Conversation 001", "Conversation 000"]


@pytest.fixture
def searchable():
    """Conversations whose messages a search can find; returned by name."""
    seoul = make_conversation("Weekend", [("다음 주에 서울에서 만나요", "좋아요, 서울역 앞에서 봐요")],
                              BASE_TIME + 30)
    busan = make_conversation("Travel", [("부산 가는 기차 시간", "오전 9시 기차가 있어요")],
                              BASE_TIME + 20)
    markup = make_conversation("HTML question", [("Why does <b>hi</b> show bold?", "Because it is markup.")],
                               BASE_TIME + 10)
    older = make_conversation("Old chat", [("nothing to see", "indeed")], BASE_TIME)
    seed([seoul, busan, markup, older])
    return {"seoul": seoul, "busan": busan, "markup": markup, "older": older}


def test_search_finds_a_two_character_korean_substring_and_jumps_to_the_message(start_app, searchable):
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 4)
    click_row(sidebar.list_view, 3)  # look at another conversation first
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == searchable["older"].id)

    search(driver, "서울")
    driver.qtbot.waitUntil(lambda: bool(sidebar.result_texts()))
    # One entry for the conversation: its title, then the question and the answer that both say 서울.
    assert sidebar.result_texts() == ["Weekend\n다음 주에 서울에서 만나요\n좋아요, 서울역 앞에서 봐요"]
    assert not sidebar.list_view.isVisible() and sidebar.results_view.isVisible()

    click_row(sidebar.results_view, 2)  # the answer, under the title and the question
    answer = searchable["seoul"].messages[1]
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == searchable["seoul"].id)
    assert answer.id in [m.id for m in driver.chat.current.messages]
    driver.qtbot.waitUntil(lambda: driver.view.highlighted_matches() == ["서울"])
    assert driver.view.textCursor().block().text() == driver.view.message_text(answer.id)


def test_search_finds_a_four_character_substring_and_enter_opens_it(start_app, searchable):
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 4)
    click_row(sidebar.list_view, 3)
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == searchable["older"].id)

    search(driver, "서울에서")
    driver.qtbot.waitUntil(lambda: sidebar.result_texts() == ["Weekend\n다음 주에 서울에서 만나요"])

    QTest.keyClick(sidebar.search_edit, Qt.Key.Key_Down)
    assert sidebar.results_view.hasFocus()
    QTest.keyClick(sidebar.results_view, Qt.Key.Key_Return)
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == searchable["seoul"].id)


def test_snippet_markup_shows_literally_and_no_matches_says_so(start_app, searchable):
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 4)

    search(driver, "show bold")
    driver.qtbot.waitUntil(lambda: bool(sidebar.result_texts()))
    assert sidebar.result_texts() == ["HTML question\nWhy does <b>hi</b> show bold?"]

    search(driver, "zebra")
    driver.qtbot.waitUntil(lambda: sidebar.no_matches_label.isVisible())
    assert sidebar.result_texts() == []
    assert sidebar.no_matches_label.text() == "No matches"


def test_ctrl_f_focuses_search_and_esc_clears_it_back_to_the_list(start_app, searchable):
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 4)
    driver.window.activateWindow()
    driver.qtbot.waitUntil(lambda: driver.window.isActiveWindow())

    QTest.keyClick(driver.edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert sidebar.search_edit.hasFocus()
    QTest.keyClicks(sidebar.search_edit, "Travel")
    driver.qtbot.waitUntil(lambda: sidebar.result_texts() == ["Travel"])

    QTest.keyClick(sidebar.search_edit, Qt.Key.Key_Escape)
    assert sidebar.search_edit.text() == ""
    assert sidebar.list_view.isVisible()
    assert sidebar.row_titles() == ["Weekend", "Travel", "HTML question", "Old chat"]


def test_a_new_chat_is_listed_once_it_has_a_message(start_app, searchable):
    driver = start_app()
    sidebar = sidebar_of(driver)
    wait_rows(driver, 4)
    driver.window.new_chat_action.trigger()
    assert len(sidebar.row_titles()) == 4  # an empty chat is not stored, nor listed
    driver.send("Fresh topic")
    driver.wait_reply_done()
    driver.qtbot.waitUntil(lambda: sidebar.row_titles()[:1] == ["Fresh topic"])
    driver.qtbot.waitUntil(lambda: [i.row() for i in sidebar.list_view.selectionModel().selectedIndexes()] == [0])
