"""History in the real window: conversations survive restarts, branches, setup, export/import, faults."""

from __future__ import annotations

import json
import os
from pathlib import Path

from desktop_app.core.conversation import Role
from desktop_app.services.history_store import DB_NAME, HistoryStore
from desktop_app.ui.chat_view import WINDOW
from desktop_app.ui.edit_message_dialog import EditMessageDialog
from desktop_app.ui.export_dialog import ExportChoice
from tests.fakes.history_seed import conversation_of, seed_history
from tests.fakes.openai_server import Stream


def data_dir() -> Path:
    return Path(os.environ["DESKTOP_APP_DATA_DIR"])


def restart(driver, start_app):
    """Close the app as a user would and start it again on the same data."""
    driver.window.close()
    driver.app.shutdown()
    return start_app()


def test_a_conversation_is_there_after_a_restart_with_its_setup(driver, start_app):
    driver.window.params_panel.temperature_spin.setValue(0.25)
    driver.window.params_panel.prompt_edit.setPlainText("Answer like a pirate.")
    driver.send("Where is the treasure?")
    first = driver.wait_reply_done()
    driver.window.new_chat_action.trigger()
    driver.window.params_panel.temperature_spin.setValue(1.5)
    driver.window.params_panel.prompt_edit.setPlainText("")

    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: len(again.chat.current.messages) == 2, timeout=10000)
    question, reply = again.chat.current.messages
    assert question.text == "Where is the treasure?" and reply.text == first.text
    assert again.shown_text(reply) == again.view.message_text(reply.id) and reply.text in again.shown_text(reply)
    assert again.window.params_panel.temperature_spin.value() == 0.25  # the conversation's own setup
    assert again.window.params_panel.prompt_edit.toPlainText() == "Answer like a pirate."
    again.send("And then?")
    again.wait_reply_done()
    body = again.server.last_chat_body()
    assert body["temperature"] == 0.25
    assert [m["content"] for m in body["messages"]][:3] == ["Answer like a pirate.", "Where is the treasure?", first.text]


def test_regenerate_keeps_the_old_answer_as_a_version_and_the_switcher_moves_between_them(driver):
    driver.server.script(Stream(text="First answer"), Stream(text="Second answer"), Stream(text="Follow-up"))
    driver.send("Question")
    first = driver.wait_reply_done()
    driver.click_link(first, "regenerate")
    second = driver.wait_reply_done()
    assert second is not first and second.text == "Second answer"
    assert [m.text for m in driver.chat.current.messages] == ["Question", "Second answer"]
    assert "2/2" in driver.view.header_text(second.id)
    # The regenerated request is the same question, without the old answer.
    assert [m["content"] for m in driver.server.last_chat_body()["messages"]] == ["Question"]

    driver.click_link(second, "version/")  # ◀: the only enabled arrow
    assert [m.text for m in driver.chat.current.messages] == ["Question", "First answer"]
    assert "1/2" in driver.view.header_text(first.id)
    assert "First answer" in driver.view.toPlainText() and "Second answer" not in driver.view.toPlainText()
    driver.send("Tell me more")
    driver.wait_reply_done()
    sent = [m["content"] for m in driver.server.last_chat_body()["messages"]]
    assert sent == ["Question", "First answer", "Tell me more"]  # the context is the branch on show


def test_editing_an_earlier_message_branches_and_the_original_turns_stay(driver, qtbot, monkeypatch):
    driver.server.script(Stream(text="A1"), Stream(text="A2"), Stream(text="B1"))
    driver.send("Q1")
    driver.wait_reply_done()
    driver.send("Q2")
    driver.wait_reply_done()
    q1 = driver.chat.current.messages[0]

    driver.click_link(q1, "editmsg")
    dialog = driver.window.findChild(EditMessageDialog)
    assert dialog is not None and dialog.text() == "Q1"
    dialog.edit.setPlainText("Q1, edited")
    dialog.send_button.click()
    reply = driver.wait_reply_done()
    assert reply.text == "B1"
    assert [m.text for m in driver.chat.current.messages] == ["Q1, edited", "B1"]
    assert [m["content"] for m in driver.server.last_chat_body()["messages"]] == ["Q1, edited"]
    edited = driver.chat.current.messages[0]
    assert "2/2" in driver.view.header_text(edited.id)

    driver.chat.show_version(edited.id, 0)
    assert [m.text for m in driver.chat.current.messages] == ["Q1", "A1", "Q2", "A2"]
    assert "Q2" in driver.view.toPlainText()


def test_branches_and_the_branch_on_show_survive_a_restart(driver, start_app):
    driver.server.script(Stream(text="old"), Stream(text="new"))
    driver.send("Pick one")
    old = driver.wait_reply_done()
    driver.click_link(old, "regenerate")
    driver.wait_reply_done()
    driver.chat.show_version(driver.chat.current.messages[1].id, 0)

    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: len(again.chat.current.messages) == 2, timeout=10000)
    shown = again.chat.current.messages[1]
    assert shown.text == "old"
    assert "1/2" in again.view.header_text(shown.id)


def test_drafts_are_kept_per_conversation_and_across_a_restart(driver, start_app):
    driver.send("First chat")
    driver.wait_reply_done()
    driver.type("half a thought")
    driver.window.new_chat_action.trigger()
    assert driver.edit.toPlainText() == ""
    first_id = next(c for c in driver.chat._loaded.values() if c.messages).id
    driver.chat.open_conversation(first_id)
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == first_id)
    assert driver.edit.toPlainText() == "half a thought"

    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: again.edit.toPlainText() == "half a thought", timeout=10000)


def test_export_all_as_json_then_import_into_a_fresh_history_restores_everything(start_app, tmp_path, monkeypatch):
    seed_history(data_dir(), [conversation_of(("서울 날씨?", "맑아요"), ("```py\nprint(1)\n```", "ok"), title="Weather")])
    driver = start_app(api_key="sk-secret-do-not-export")
    driver.qtbot.waitUntil(lambda: len(driver.chat.current.messages) == 4, timeout=10000)
    target = tmp_path / "all.json"
    driver.window.export_to(ExportChoice("all", "json", target))
    driver.qtbot.waitUntil(target.exists, timeout=10000)
    exported = target.read_text(encoding="utf-8")
    assert "sk-secret-do-not-export" not in exported
    markdown = tmp_path / "weather.md"
    driver.window.export_to(ExportChoice("current", "markdown", markdown))
    driver.qtbot.waitUntil(markdown.exists, timeout=10000)
    assert "```py\nprint(1)\n```" in markdown.read_text(encoding="utf-8")
    driver.window.close()
    driver.app.shutdown()

    fresh = tmp_path / "fresh-history"
    monkeypatch.setenv("DESKTOP_APP_DATA_DIR", str(fresh))
    again = start_app()
    again.window.import_from(target)
    again.qtbot.waitUntil(lambda: "Weather" in again.window.conversation_list.row_titles(), timeout=10000)
    assert "Imported 1 conversation" in again.window.statusBar().currentMessage()
    again.window.import_from(target)  # twice: nothing doubles
    again.qtbot.waitUntil(lambda: "already in your history" in again.window.statusBar().currentMessage())
    store = HistoryStore.open_in(fresh).store
    assert store.count() == 1
    conversation = store.load(store.list_page(0, 1)[0].id)
    assert [m.text for m in conversation.messages] == ["서울 날씨?", "맑아요", "```py\nprint(1)\n```", "ok"]


def test_a_malformed_import_names_the_problem_and_imports_nothing(driver, tmp_path):
    bad = tmp_path / "bad.json"
    document = {"format": "desktop-app.conversations", "version": 1, "conversations": [
        {"id": "a", "title": "fine", "created_at": 1.0, "messages": []},
        {"id": "b", "title": "broken", "created_at": 1.0, "messages": [{"id": "m", "role": "robot"}]},
    ]}
    bad.write_text(json.dumps(document), encoding="utf-8")
    driver.window.import_from(bad)
    bar = driver.window.notice_bar
    driver.qtbot.waitUntil(bar.isVisible, timeout=10000)
    assert "Nothing was imported from bad.json" in bar.label.text()
    assert "conversations[1]" in bar.label.text()
    assert driver.window.conversation_list.row_titles() == []


def test_a_damaged_history_file_is_moved_aside_and_the_user_is_told(start_app):
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / DB_NAME).write_bytes(b"garbage" * 1000)
    driver = start_app()
    bar = driver.window.notice_bar
    driver.qtbot.waitUntil(bar.isVisible, timeout=10000)
    assert "damaged" in bar.label.text() and "history.damaged-" in bar.label.text()
    assert list(data_dir().glob("history.damaged-*"))[0].read_bytes() == b"garbage" * 1000
    driver.send("Still works")
    driver.wait_reply_done()
    driver.qtbot.waitUntil(lambda: "Still works" in driver.window.conversation_list.row_titles(), timeout=10000)


def test_a_data_dir_that_cannot_be_written_keeps_the_session_working_and_says_so(start_app, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("DESKTOP_APP_DATA_DIR", str(blocker / "history"))
    driver = start_app()
    bar = driver.window.notice_bar
    driver.qtbot.waitUntil(bar.isVisible, timeout=10000)
    assert "can't be saved" in bar.label.text()
    driver.send("Kept for the session")
    reply = driver.wait_reply_done()
    assert reply.text and not driver.window.notice_bar.label.text().startswith("Couldn't")


def test_a_full_disk_is_reported_and_everything_is_written_once_space_returns(driver, start_app):
    driver.send("Before the disk fills")
    driver.wait_reply_done()
    history = driver.app.history
    history.run(lambda store: store._db.execute("PRAGMA max_page_count = 1"))  # SQLite's view of a full disk
    driver.server.script(Stream(text="x" * 50_000))
    driver.send("While it is full")
    reply = driver.wait_reply_done()
    bar = driver.window.notice_bar
    driver.qtbot.waitUntil(bar.isVisible, timeout=10000)
    assert "disk is full" in bar.label.text() and "Nothing you see is lost" in bar.label.text()
    assert driver.shown_text(reply)  # the session goes on

    history.run(lambda store: store._db.execute("PRAGMA max_page_count = 1073741823"))
    driver.type("draft after")  # the next save writes the whole conversation
    driver.qtbot.wait(800)
    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: len(again.chat.current.messages) == 4, timeout=10000)
    assert again.chat.current.messages[3].text == "x" * 50_000


def test_a_long_conversation_opens_with_its_newest_messages_and_builds_the_rest(start_app):
    turns = [(f"question {i}", f"answer {i}\n\n```python\nprint({i})\n```") for i in range(150)]
    big = conversation_of(*turns, title="Long one", updated_at=1_000.0)
    small = conversation_of(("hi", "hello"), title="Recent", updated_at=2_000.0)
    seed_history(data_dir(), [big, small])
    driver = start_app()
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == small.id, timeout=10000)
    driver.chat.open_conversation(big.id)
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == big.id, timeout=10000)
    assert len(driver.view.built_ids()) < 300  # not all at once
    assert driver.view.built_ids()[-1] == big.messages[-1].id
    bar = driver.view.verticalScrollBar()
    driver.qtbot.wait(1500)
    assert 8 < len(driver.view.built_ids()) < 300  # some screens ahead, not the whole conversation
    assert bar.value() == bar.maximum()  # the reader stays at the newest message while older ones arrive
    ids = [m.id for m in big.messages]
    for _ in range(500):  # the reader scrolls up to the very first message
        if driver.view.is_fully_built():
            break
        bar.setValue(0)
        driver.qtbot.wait(20)
    built = driver.view.built_ids()
    assert built == ids[: len(built)] and len(built) <= WINDOW  # a window, never the whole document
    assert driver.view.message_text(big.messages[0].id) == "question 0"
    for _ in range(500):  # and back down to the newest
        if driver.view.built_ids()[-1] == ids[-1]:
            break
        bar.setValue(bar.maximum())
        driver.qtbot.wait(20)
    built = driver.view.built_ids()
    assert built == ids[-len(built):] and len(built) <= WINDOW
    driver.send("One more")  # a new message shows at the end as usual
    driver.wait_reply_done()
    assert driver.view.built_ids()[-2:] == [m.id for m in driver.chat.current.messages[-2:]]


def test_a_search_hit_opens_its_conversation_at_the_message(start_app):
    turns = [(f"question {i}", f"answer {i} " + "filler text. " * 40) for i in range(120)]
    turns[3] = ("the needle question", "found it")
    big = conversation_of(*turns, title="Haystack", updated_at=1_000.0)
    seed_history(data_dir(), [big, conversation_of(("hi", "hello"), updated_at=2_000.0)])
    driver = start_app()
    driver.qtbot.waitUntil(lambda: len(driver.chat.current.messages) == 2, timeout=10000)
    needle = big.messages[6]
    driver.chat.open_conversation(big.id, needle.id)
    driver.qtbot.waitUntil(lambda: driver.chat.current.id == big.id, timeout=10000)
    driver.qtbot.waitUntil(lambda: driver.view.message_top(needle.id) is not None, timeout=10000)
    bar = driver.view.verticalScrollBar()
    driver.qtbot.waitUntil(lambda: abs(bar.value() - driver.view.message_top(needle.id)) < 5, timeout=5000)
    assert bar.value() < bar.maximum() / 2  # near the top, where that old message is
    assert driver.chat.current.messages[6].role is Role.USER


def test_the_export_menu_offers_this_or_all_conversations_and_writes_the_choice(driver, tmp_path):
    from desktop_app.ui.export_dialog import ExportDialog

    driver.send("Export me")
    driver.wait_reply_done()
    driver.qtbot.waitUntil(lambda: "Export me" in driver.window.conversation_list.row_titles(), timeout=10000)
    driver.window.export_action.trigger()
    driver.qtbot.waitUntil(lambda: driver.window.findChild(ExportDialog) is not None, timeout=10000)
    dialog = driver.window.findChild(ExportDialog)
    assert dialog.current_radio.isEnabled() and "(1)" in dialog.all_radio.text()
    target = tmp_path / "chat.md"
    dialog.path_edit.setText(str(target))
    dialog.accept()
    driver.qtbot.waitUntil(target.exists, timeout=10000)
    text = target.read_text(encoding="utf-8")
    assert "Export me" in text and driver.last_reply().text in text
    driver.qtbot.waitUntil(lambda: "Exported 1 conversation" in driver.window.statusBar().currentMessage())
