"""History edge cases found in review: closing with writes queued, retries of versions, failed deletes."""

from __future__ import annotations

from desktop_app.core.conversation import Conversation, MessageStatus
from desktop_app.core.export import conversations_to_json
from desktop_app.controllers.history_controller import HistoryController
from tests.fakes.history_seed import conversation_of, seed_history
from tests.fakes.openai_server import Error, Stream
from tests.qt.test_history import data_dir, restart


def run_on_store(driver, job) -> None:
    """Run a job on the app's storage thread and wait for it."""
    done = []
    driver.app.history.run(job, lambda _result: done.append(True))
    driver.qtbot.waitUntil(lambda: bool(done), timeout=5000)


def test_a_draft_typed_just_before_closing_is_there_after_a_restart(driver, start_app):
    driver.send("First chat")
    driver.wait_reply_done()
    driver.type("half a thought")  # closed before the draft's save delay runs out
    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: len(again.chat.current.messages) == 2, timeout=10000)
    again.qtbot.waitUntil(lambda: again.edit.toPlainText() == "half a thought", timeout=5000)


def test_every_token_shown_before_closing_mid_stream_is_kept(driver, start_app):
    driver.server.script(Stream(text="word " * 400, delay=0.01))
    driver.send("Long please")
    driver.qtbot.waitUntil(lambda: len(driver.last_reply().text) > 40 if driver.replies() else False, timeout=10000)
    again = restart(driver, start_app)
    shown = driver.last_reply().text
    again.qtbot.waitUntil(lambda: len(again.chat.current.messages) == 2, timeout=10000)
    reply = again.chat.current.messages[1]
    assert reply.text == shown and reply.status is MessageStatus.INTERRUPTED


def test_retrying_a_failed_new_version_asks_the_same_question_again(driver):
    driver.server.script(Stream(text="First answer"), Error(400, "bad"), Stream(text="Third"))
    driver.send("Question")
    first = driver.wait_reply_done()
    driver.chat.regenerate(first.id)
    failed = driver.wait_reply_done()
    assert failed.status is MessageStatus.FAILED
    driver.chat.retry(failed.id)
    third = driver.wait_reply_done()
    assert [m["content"] for m in driver.server.last_chat_body()["messages"]] == ["Question"]
    assert [m.text for m in driver.chat.current.messages] == ["Question", "Third"]
    assert [m.text for m in driver.chat.current.siblings(third)] == ["First answer", "Third"]


def test_a_turn_taken_back_while_writes_fail_stays_gone_once_they_work(driver, start_app):
    driver.send("Keep me")
    driver.wait_reply_done()
    driver.server.script(Error(400, "bad"))
    driver.send("Take me back")
    failed = driver.wait_reply_done()
    run_on_store(driver, lambda s: s._db.execute(
        "CREATE TEMP TRIGGER no_delete BEFORE DELETE ON messages BEGIN SELECT RAISE(FAIL, 'disk is full'); END"
    ))
    assert driver.chat.take_back(failed.id).text == "Take me back"
    driver.qtbot.waitUntil(driver.window.notice_bar.isVisible, timeout=5000)
    run_on_store(driver, lambda s: s._db.execute("DROP TRIGGER temp.no_delete"))
    driver.chat.set_draft("draft")  # the next save writes the whole conversation
    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: len(again.chat.current.messages) == 2, timeout=10000)
    assert len(again.chat.current.nodes) == 2
    assert again.chat.current.messages[0].text == "Keep me"


def test_a_search_hit_on_another_branch_while_streaming_keeps_stop_working(driver):
    driver.server.script(Stream(text="alpha"), Stream(text="beta"), Stream(text="slow " * 400, delay=0.02))
    driver.send("Q1")
    first = driver.wait_reply_done()
    driver.chat.regenerate(first.id)
    driver.wait_reply_done()
    driver.send("Q2")
    driver.qtbot.waitUntil(driver.chat.is_busy)
    streaming = driver.chat.current.messages[-1]
    driver.chat.open_conversation(driver.chat.current.id, first.id)  # the branch without the stream
    assert driver.chat.is_busy() and driver.window.composer.stop_button.isVisible()
    driver.chat.stop()
    assert streaming.status is MessageStatus.STOPPED
    driver.qtbot.waitUntil(lambda: driver.window.composer.send_button.isEnabled(), timeout=5000)


def test_the_token_count_follows_the_version_on_show(driver):
    driver.server.script(Stream(text="short"), Stream(text="word " * 3000), Stream(text="ok"))
    driver.send("Q1")
    driver.wait_reply_done()
    driver.send("Q2")
    driver.wait_reply_done()
    meter = driver.app.meter
    driver.qtbot.waitUntil(lambda: meter.counts().total > 2000, timeout=5000)
    long_total = meter.counts().total
    assert driver.chat.edit_message(driver.chat.current.messages[0].id, "Q1 edited")
    driver.wait_reply_done()
    driver.qtbot.waitUntil(lambda: meter.counts().total < 100, timeout=5000)
    driver.chat.show_version(driver.chat.current.messages[0].id, 0)
    driver.qtbot.waitUntil(lambda: meter.counts().total == long_total, timeout=5000)


def test_importing_a_backup_of_a_conversation_deleted_this_session_brings_it_back(start_app, tmp_path):
    precious = conversation_of(("precious", "kept"), title="Precious")
    seed_history(data_dir(), [precious])
    backup = tmp_path / "backup.json"
    backup.write_text(conversations_to_json([precious], app_version="x", exported_at=0.0), encoding="utf-8")
    driver = start_app()
    sidebar = driver.window.conversation_list
    driver.qtbot.waitUntil(lambda: sidebar.row_titles() == ["Precious"], timeout=10000)
    driver.chat.delete_conversation(precious.id)
    driver.qtbot.waitUntil(lambda: sidebar.row_titles() == [], timeout=5000)
    driver.window.import_from(backup)
    driver.qtbot.waitUntil(lambda: sidebar.row_titles() == ["Precious"], timeout=5000)
    assert "Imported 1 conversation" in driver.window.statusBar().currentMessage()


def test_a_save_made_before_the_history_has_opened_is_stored(qtbot, tmp_path):
    history = HistoryController(tmp_path)
    notices: list[str] = []
    history.sig_notice.connect(notices.append)
    history.open()
    conversation = Conversation()
    conversation.add_user_message("early")
    history.save(conversation, conversation.nodes)  # queued behind open(), before sig_opened arrives
    loaded = []
    history.load(conversation.id, loaded.append)
    qtbot.waitUntil(lambda: bool(loaded), timeout=5000)
    history.close()
    assert notices == [] and loaded[0].messages[0].text == "early"
