"""The history on a real SQLite file: round trips, migrations, search, damage, two writers, a full disk."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.core.conversation import Choice, Conversation, ConversationSetup, Message, MessageStatus, Role
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.events import Usage
from desktop_app.core.params import RequestParams
from desktop_app.core.records import conversation_to_dict, message_to_dict
from desktop_app.services import history_store
from desktop_app.services.history_store import ConversationRow, HistoryStore, HistoryUnavailable

ROOT = Path(__file__).resolve().parents[2]


def row_of(conversation: Conversation) -> ConversationRow:
    return ConversationRow(
        conversation.id,
        conversation.title,
        conversation.created_at,
        conversation.updated_at,
        conversation.system_prompt,
        conversation.draft,
        conversation.setup.to_dict() if conversation.setup else None,
        dict(conversation.active),
    )


def save_whole(store: HistoryStore, conversation: Conversation) -> None:
    store.save(row_of(conversation), [dict(message_to_dict(m), conversation_id=conversation.id) for m in conversation.nodes])


def answer(*texts: str, **fields) -> Message:
    return Message(role=Role.ASSISTANT, choices=[Choice(t, "stop") for t in texts], **fields)


def every_kind_of_message() -> Conversation:
    conversation = Conversation(system_prompt="Answer in Korean.", draft="half-written 질문")
    conversation.setup = ConversationSetup("gpt-4o", "Answer in Korean.", RequestParams(0.3, 256, 3, 42), "http://127.0.0.1:9/v1")
    conversation.add_user_message("안녕하세요! Show me ```code```")
    request = {"model": "gpt-4o", "messages": [{"role": "user", "content": "안녕하세요!"}], "n": 3, "seed": 42}
    conversation.append(
        answer(
            "첫째 ```python\nprint('hi')\n```",
            "둘째",
            "셋째",
            selected=1,
            usage=Usage(12, 30, 42, reasoning_tokens=5, cached_tokens=0),
            ttft_ms=48.5,
            model="gpt-4o-2024-08-06",
            system_fingerprint="fp_abc",
            request=request,
            ended_at=1_700_000_100.0,
        )
    )
    conversation.add_user_message("Go on")
    conversation.append(answer("It is", status=MessageStatus.STOPPED))
    retry_error = AppError(ErrorKind.RATE_LIMITED, "Too many requests.", "Wait.", retry_after_s=12.5, status=429)
    stopped = conversation.messages[-1]
    conversation.add_version(stopped, answer("partial", status=MessageStatus.INTERRUPTED, error=retry_error))
    conversation.add_version(stopped, Message(role=Role.ASSISTANT, status=MessageStatus.FAILED, error=retry_error))
    conversation.add_version(stopped, answer("still coming", status=MessageStatus.STREAMING))
    conversation.show_version(stopped, 0)
    return conversation


def test_every_kind_of_message_comes_back_exactly(tmp_path):
    conversation = every_kind_of_message()
    store = HistoryStore.open_in(tmp_path).store
    save_whole(store, conversation)
    store.close()

    loaded = HistoryStore.open_in(tmp_path).store.load(conversation.id)
    expected = conversation_to_dict(conversation)
    assert conversation_to_dict(loaded) == expected
    assert [m.text for m in loaded.messages] == [m.text for m in conversation.messages]
    assert loaded.messages[1].text == "둘째"  # the chosen one of n
    assert loaded.setup == conversation.setup
    assert loaded.draft == "half-written 질문"


def test_a_growing_reply_is_saved_again_and_again_without_duplicates(tmp_path):
    store = HistoryStore.open_in(tmp_path).store
    conversation = Conversation()
    conversation.add_user_message("Tell me a story")
    reply = conversation.append(answer("", status=MessageStatus.STREAMING))
    for word in ["Once", " upon", " a", " time"]:
        reply.choices[0].text += word
        save_whole(store, conversation)
    loaded = store.load(conversation.id)
    assert [m.text for m in loaded.nodes] == ["Tell me a story", "Once upon a time"]
    assert [h.message_id for h in store.search("upon")] == [reply.id]


def test_the_newest_conversations_come_first_page_by_page(tmp_path):
    store = HistoryStore.open_in(tmp_path).store
    for i in range(25):
        c = Conversation(title=f"chat {i}", created_at=1000.0 + i)
        c.add_user_message("x")
        c.title = f"chat {i}"
        c.updated_at = 2000.0 + i
        save_whole(store, c)
    assert store.count() == 25
    first, second = store.list_page(0, 10), store.list_page(10, 10)
    assert [s.title for s in first][:3] == ["chat 24", "chat 23", "chat 22"]
    assert second[0].title == "chat 14"
    assert len(store.list_page(20, 10)) == 5


def test_search_finds_korean_and_any_substring(tmp_path):
    store = HistoryStore.open_in(tmp_path).store
    korean = Conversation()
    korean.add_user_message("서울에서 맛있는 비빔밥을 먹었어요")
    english = Conversation()
    english.add_user_message("The Departure Board at Incheon")
    odd = Conversation()
    odd.add_user_message("100% sure_thing")
    for c in (korean, english, odd):
        save_whole(store, c)

    def found(query: str) -> set[str]:
        return {h.conversation_id for h in store.search(query)}

    assert found("서울") == {korean.id}  # two syllables: shorter than a trigram
    assert found("비빔밥") == {korean.id}
    assert found("에서 맛있") == {korean.id}  # every word, anywhere
    assert found("밥을 먹") == {korean.id}
    assert found("departure") == {english.id}  # case does not matter
    assert found("parture bo") == {english.id}
    assert found("0%") == {odd.id} and found("e_t") == {odd.id}  # LIKE wildcards are literal
    assert found("%") == {odd.id}
    assert found("부산") == set()
    hit = store.search("비빔밥")[0]
    assert "비빔밥" in hit.snippet and hit.message_id == korean.messages[0].id


def test_search_reaches_every_version_and_titles(tmp_path):
    store = HistoryStore.open_in(tmp_path).store
    conversation = Conversation()
    first = conversation.add_user_message("original wording")
    conversation.add_version(first, Message.user("edited wording"))
    conversation.title = "Trip planning"
    save_whole(store, conversation)
    assert [h.message_id for h in store.search("original")] == [first.id]
    title_hits = store.search("planning")
    assert title_hits and title_hits[0].message_id is None and title_hits[0].title == "Trip planning"


def test_deleted_conversations_vanish_until_undeleted_and_purge_erases_them(tmp_path):
    store = HistoryStore.open_in(tmp_path).store
    conversation = Conversation()
    conversation.add_user_message("secret plans")
    save_whole(store, conversation)
    store.set_deleted(conversation.id, True)
    assert store.count() == 0 and store.search("secret") == [] and store.load(conversation.id) is None
    store.set_deleted(conversation.id, False)
    assert store.count() == 1 and store.search("secret")
    store.set_deleted(conversation.id, True)
    assert store.purge_deleted() == 1
    store.set_deleted(conversation.id, False)
    assert store.count() == 0
    assert store._db.execute("SELECT COUNT(*) FROM message_search").fetchone()[0] == 0


def test_a_version_1_file_is_migrated_and_its_messages_become_searchable(tmp_path):
    path = tmp_path / history_store.DB_NAME
    old = sqlite3.connect(path)
    history_store._schema_1(old)
    old.execute("PRAGMA user_version = 1")
    conversation = Conversation()
    message = conversation.add_user_message("오래된 메시지 from version one")
    old.execute(
        "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
        (conversation.id, "old", 1.0, 1.0),
    )
    old.execute(
        "INSERT INTO messages (id, conversation_id, record) VALUES (?, ?, ?)",
        (message.id, conversation.id, json.dumps(message_to_dict(message))),
    )
    old.commit()
    old.close()

    store = HistoryStore.open_in(tmp_path).store
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == history_store.SCHEMA_VERSION == 3
    assert [h.message_id for h in store.search("메시지")] == [message.id]
    assert store.load(conversation.id).messages[0].text == message.text


def test_a_version_2_file_is_migrated_and_its_titles_become_searchable(tmp_path):
    path = tmp_path / history_store.DB_NAME
    old = sqlite3.connect(path)
    history_store._schema_1(old)
    history_store._schema_2(old)
    old.execute("PRAGMA user_version = 2")
    conversations = [Conversation(), Conversation()]
    for n, (conversation, title) in enumerate(zip(conversations, ("여행 계획 Lisbon", "Tax forms"))):
        message = conversation.add_user_message(f"question {n}")
        old.execute(
            "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (conversation.id, title, 1.0 + n, 1.0 + n),
        )
        num = old.execute(
            "INSERT INTO messages (id, conversation_id, record) VALUES (?, ?, ?) RETURNING num",
            (message.id, conversation.id, json.dumps(message_to_dict(message))),
        ).fetchone()[0]
        old.execute("INSERT INTO message_search (rowid, text) VALUES (?, ?)", (num, message.text))
    old.commit()
    old.close()

    store = HistoryStore.open_in(tmp_path).store
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == 3
    lisbon, tax = conversations
    assert [(h.conversation_id, h.message_id) for h in store.search("lisbon")] == [(lisbon.id, None)]
    assert [h.conversation_id for h in store.search("계획")] == [lisbon.id]  # under 3 characters: scanned
    assert [h.conversation_id for h in store.search("question 1")] == [tax.id]
    store.rename(tax.id, "Tax forms 2025")
    store.set_deleted(lisbon.id, True)
    assert store.search("lisbon") == [] and [h.title for h in store.search("2025")] == ["Tax forms 2025"]
    store.purge_deleted()
    assert store._db.execute("SELECT COUNT(*) FROM title_search").fetchone()[0] == 1


def test_search_shows_the_newest_matches_first_when_more_match_than_it_shows(tmp_path):
    store = HistoryStore.open_in(tmp_path).store
    conversations = []
    for n in range(60):
        conversation = Conversation()
        conversation.add_user_message(f"common word, turn {n}")
        conversation.updated_at = 1000.0 + n
        save_whole(store, conversation)
        conversations.append(conversation)
    hits = store.search("common")
    assert len(hits) == 50
    assert [h.conversation_id for h in hits] == [c.id for c in reversed(conversations[10:])]


def test_a_file_from_a_newer_version_is_refused_not_damaged(tmp_path):
    path = tmp_path / history_store.DB_NAME
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()
    with pytest.raises(HistoryUnavailable, match="newer version"):
        HistoryStore.open_in(tmp_path)
    assert path.read_bytes() == before


def test_a_damaged_file_is_moved_aside_with_a_timestamp_and_a_new_one_starts(tmp_path):
    path = tmp_path / history_store.DB_NAME
    garbage = b"this is not a database, just bytes " * 200
    path.write_bytes(garbage)
    opened = HistoryStore.open_in(tmp_path)
    assert opened.moved_aside is not None and opened.moved_aside.name.startswith("history.damaged-")
    assert opened.moved_aside.read_bytes() == garbage  # nothing was overwritten
    assert opened.store.count() == 0
    conversation = Conversation()
    conversation.add_user_message("fresh start")
    save_whole(opened.store, conversation)
    assert opened.store.count() == 1


def test_a_data_dir_that_cannot_exist_is_reported(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(HistoryUnavailable, match="cannot be created"):
        HistoryStore.open_in(blocker / "history")


def test_a_full_disk_fails_the_write_whole_and_the_next_write_succeeds(tmp_path):
    store = HistoryStore.open_in(tmp_path).store
    conversation = Conversation()
    conversation.add_user_message("small")
    save_whole(store, conversation)
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages + 1}")  # what a full disk looks like to SQLite
    conversation.append(answer("x" * 200_000))
    with pytest.raises(sqlite3.OperationalError, match="full"):
        save_whole(store, conversation)
    assert len(store.load(conversation.id).nodes) == 1  # the transaction left nothing half-written
    store._db.execute("PRAGMA max_page_count = 1073741823")
    save_whole(store, conversation)
    assert len(store.load(conversation.id).nodes) == 2


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop_app.core.conversation import Choice, Conversation, Message, Role
    from desktop_app.core.records import message_to_dict
    from desktop_app.services.history_store import ConversationRow, HistoryStore

    store = HistoryStore.open_in(Path(sys.argv[1])).store
    for i in range(120):
        c = Conversation()
        c.add_user_message(f"{sys.argv[2]} question {i}")
        c.append(Message(role=Role.ASSISTANT, choices=[Choice("answer " * 50, "stop")]))
        row = ConversationRow(c.id, c.title, c.created_at, c.updated_at, "", "", None, dict(c.active))
        store.save(row, [dict(message_to_dict(m), conversation_id=c.id) for m in c.nodes])
    store.close()
    """
)


def test_two_app_processes_can_write_the_same_history_at_once(tmp_path):
    HistoryStore.open_in(tmp_path).store.close()  # created once, as the first instance would
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name], cwd=ROOT, stderr=subprocess.PIPE)
        for name in ("first", "second")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    store = HistoryStore.open_in(tmp_path).store
    assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.count() == 240
    assert len(store.search("first question")) == 50  # the search limit; both writers' rows are indexed
    assert len(store.search("second question 119")) == 1


def test_export_import_into_an_empty_history_and_export_again_gives_the_same_file(tmp_path):
    from desktop_app.core.export import conversations_to_json, parse_conversations_json

    source = HistoryStore.open_in(tmp_path / "a").store
    korean = every_kind_of_message()
    plain = Conversation(title="second")
    plain.add_user_message("two")
    for c in (korean, plain):
        save_whole(source, c)
    first = conversations_to_json(list(source.iter_all()), app_version="1", exported_at=0.0)

    target = HistoryStore.open_in(tmp_path / "b").store
    assert target.import_conversations(parse_conversations_json(first)) == 2
    second = conversations_to_json(list(target.iter_all()), app_version="1", exported_at=0.0)
    assert second == first
    assert target.import_conversations(parse_conversations_json(first)) == 0  # nothing twice
    assert [h.conversation_id for h in target.search("둘째")] == [korean.id]


def test_without_a_trigram_index_search_still_finds_every_substring(tmp_path, monkeypatch):
    monkeypatch.setattr(history_store, "TRIGRAM_TOKENIZER", "no_such_tokenizer")  # SQLite older than 3.34
    store = HistoryStore.open_in(tmp_path).store
    conversation = Conversation()
    conversation.add_user_message("서울에서 맛있는 비빔밥을 먹었어요")
    save_whole(store, conversation)
    assert [h.conversation_id for h in store.search("비빔밥을 서울")] == [conversation.id]
    assert store.search("부산") == []
    conversation.messages[0].choices[0].text = "changed"
    conversation.title = "renamed"
    save_whole(store, conversation)
    assert store.search("비빔밥") == [] and store.search("hang")  # the old text left the index


def test_bulk_seeded_conversations_read_and_search_like_saved_ones(tmp_path):
    from tests.fakes.history_seed import bulk_seed_history, conversation_of

    saved = conversation_of(("first question", "first answer"), title="Saved one", updated_at=10.0)
    writer = HistoryStore.open_in(tmp_path).store
    save_whole(writer, saved)
    writer.close()
    bulk = [conversation_of((f"bulk question {n}", f"bulk answer {n}"), title=f"Bulk {n}", updated_at=20.0 + n)
            for n in range(3)]
    assert bulk_seed_history(tmp_path, bulk) == 6

    store = HistoryStore.open_in(tmp_path).store
    assert store.count() == 4
    assert store.load(bulk[1].id).messages[1].text == "bulk answer 1"
    assert [h.conversation_id for h in store.search("answer 2")] == [bulk[2].id]
    assert [h.title for h in store.search("saved")] == ["Saved one"]
    assert {h.conversation_id for h in store.search("bulk")} == {c.id for c in bulk}
