"""Export to complete JSON and readable Markdown, and import of the JSON with all-or-nothing checks."""

from __future__ import annotations

import copy
import json
import time

import pytest

from desktop_app.core.capabilities import OPENAI_BASE_URL, Endpoint
from desktop_app.core.conversation import (
    Choice,
    Conversation,
    ConversationSetup,
    Message,
    MessageStatus,
    Role,
)
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.events import Usage
from desktop_app.core.export import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    ImportProblem,
    conversation_to_markdown,
    conversations_to_json,
    conversations_to_markdown,
    parse_conversations_json,
    safe_file_name,
)
from desktop_app.core.params import RequestParams
from desktop_app.core.records import conversation_from_dict
from desktop_app.core.request import build_chat_request, compact_request

T0 = 1795701780.0  # 2026-11-26 14:03 UTC
EXPORTED_AT = T0 + 86400
SYSTEM_PROMPT = "You answer in Korean.\n\nBe brief."
CODE_ANSWER = (
    "다음처럼 하세요:\n\n"
    "```python\n"
    "items = [1, 2, 3]\n"
    "    items.reverse()  # 들여쓰기 유지 <b>\n"
    "print(items[::-1])  # *not* _italic_\n"
    "```\n\n"
    "끝."
)
SETUP = ConversationSetup(
    model="gpt-4o-mini",
    system_prompt=SYSTEM_PROMPT,
    params=RequestParams(temperature=0.7, max_completion_tokens=500, n=3, seed=42),
    base_url=OPENAI_BASE_URL,
)


@pytest.fixture
def seoul_clock(monkeypatch):
    """Local time is Korea's (UTC+9), whatever the machine running the tests says."""
    monkeypatch.setenv("TZ", "KST-9")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def user(text: str, at: float) -> Message:
    message = Message.user(text)
    message.created_at = at
    return message


def assistant(*texts: str, at: float, selected: int = 0, **fields) -> Message:
    return Message(
        role=Role.ASSISTANT,
        choices=[Choice(text=t, finish_reason="stop") for t in texts],
        selected=selected,
        created_at=at,
        ended_at=at + 3.25,
        model="gpt-4o-mini",
        **fields,
    )


def sample_conversation(conversation_id: str = "c-korean") -> tuple[Conversation, dict[str, Message]]:
    """Two branches (an edited question), a reply with 3 choices, usage, an interrupted reply, Korean, code."""
    conversation = Conversation(
        id=conversation_id,
        title="파이썬 질문 · code",
        system_prompt=SYSTEM_PROMPT,
        created_at=T0,
        draft="아직 보내지 않은 초안",
        setup=SETUP,
    )
    q1 = conversation.append(user("Python에서 리스트를 뒤집는 방법?", T0))
    request = build_chat_request(
        model="gpt-4o-mini", system_prompt=SYSTEM_PROMPT, history=[q1], params=SETUP.params, endpoint=Endpoint()
    )
    a1 = conversation.append(
        assistant(
            "`reversed()`를 쓰세요.",
            CODE_ANSWER,
            "슬라이스 `[::-1]`.",
            at=T0 + 5,
            selected=1,
            usage=Usage(prompt_tokens=20, completion_tokens=45, total_tokens=65, reasoning_tokens=None),
            system_fingerprint="fp_44709d6fcb",
            ttft_ms=321.5,
            request=compact_request(request),  # storage and export keep requests compact
        )
    )
    q2_old = conversation.append(user("고마워! 그럼 정렬은?", T0 + 60))
    a2_old = conversation.append(
        assistant(
            "정렬은 `sorted()`를",
            at=T0 + 61,
            status=MessageStatus.INTERRUPTED,
            error=AppError(
                kind=ErrorKind.CONNECTION_DROPPED,
                message="The connection dropped before the reply finished.",
                hint="Check your network and retry.",
                request_id="req_123",
            ),
        )
    )
    q2 = conversation.add_version(q2_old, user("그럼 정렬은 어떻게 해?", T0 + 120))
    a2 = conversation.append(
        assistant("`sorted(items)`를 쓰세요.", at=T0 + 125, usage=Usage(10, 8, 18, reasoning_tokens=2))
    )
    conversation.updated_at = T0 + 130
    return conversation, {"q1": q1, "a1": a1, "q2_old": q2_old, "a2_old": a2_old, "q2": q2, "a2": a2}


def export_dict(*conversations: Conversation) -> dict:
    return json.loads(conversations_to_json(list(conversations), app_version="0.1.0", exported_at=EXPORTED_AT))


def problem_of(document: object) -> str:
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    with pytest.raises(ImportProblem) as caught:
        parse_conversations_json(text)
    return str(caught.value)


# --- JSON: lossless round trip --------------------------------------------------------------------


def test_json_round_trip_keeps_every_branch_choice_and_field():
    conversation, m = sample_conversation()

    text = conversations_to_json([conversation], app_version="0.1.0", exported_at=EXPORTED_AT)
    [data] = parse_conversations_json(text)
    restored = conversation_from_dict(data)

    assert restored == conversation  # every field of every message, setup, draft, active branch
    assert [x.id for x in restored.nodes] == [x.id for x in conversation.nodes]
    assert [x.id for x in restored.messages] == [m["q1"].id, m["a1"].id, m["q2"].id, m["a2"].id]
    assert restored.find(m["a1"].id).selected == 1 and len(restored.find(m["a1"].id).choices) == 3
    assert restored.find(m["a2_old"].id).error.message == "The connection dropped before the reply finished."
    assert restored.find(m["a2_old"].id).status is MessageStatus.INTERRUPTED
    assert restored.setup == SETUP and restored.draft == "아직 보내지 않은 초안"
    assert restored.find(m["a1"].id).choices[1].text == CODE_ANSWER


def test_json_header_names_the_format_and_keeps_korean_readable():
    conversation, _ = sample_conversation()
    text = conversations_to_json([conversation], app_version="1.2.3", exported_at=EXPORTED_AT)
    document = json.loads(text)

    assert document["format"] == EXPORT_FORMAT == "desktop-app.conversations"
    assert document["version"] == EXPORT_VERSION == 1
    assert document["app_version"] == "1.2.3"
    assert document["exported_at"] == "2026-11-27T14:03:00Z"
    assert "파이썬 질문" in text  # not \ud30c... escapes
    assert text.startswith('{\n  "format"')


def test_export_then_import_then_export_again_gives_the_same_text():
    conversation, _ = sample_conversation()
    other = Conversation(id="c-empty", title="Empty", created_at=T0 - 100)
    first = conversations_to_json([conversation, other], app_version="0.1.0", exported_at=EXPORTED_AT)

    again = [conversation_from_dict(d) for d in parse_conversations_json(first)]
    second = conversations_to_json(again, app_version="0.1.0", exported_at=EXPORTED_AT)

    assert second == first


def test_import_keeps_file_order_and_accepts_keys_a_later_version_adds():
    one, _ = sample_conversation("c-1")
    two = Conversation(id="c-2", title="Second", created_at=T0)
    two.append(user("hello", T0))
    document = export_dict(two, one)
    document["comment"] = "added by a later version"
    document["conversations"][0]["messages"][0]["reactions"] = [{"kind": "thumbs-up"}]

    conversations = parse_conversations_json(json.dumps(document))

    assert [c["id"] for c in conversations] == ["c-2", "c-1"]
    assert conversations[0]["messages"][0]["choices"][0]["text"] == "hello"


def test_import_reads_a_file_saved_with_a_byte_order_mark():
    conversation, _ = sample_conversation()
    text = "\ufeff" + conversations_to_json([conversation], app_version="0.1.0", exported_at=EXPORTED_AT)
    assert [c["id"] for c in parse_conversations_json(text)] == ["c-korean"]


def test_a_reply_exported_while_streaming_is_imported_as_it_was():
    conversation = Conversation(id="c-live", created_at=T0)
    conversation.append(user("Tell me a story", T0))
    conversation.append(assistant("Once upon", at=T0 + 1, status=MessageStatus.STREAMING))
    [data] = parse_conversations_json(conversations_to_json([conversation], app_version="0", exported_at=T0))
    assert data["messages"][1]["status"] == "streaming"  # the app marks it interrupted when it opens it
    assert data["messages"][1]["choices"][0]["text"] == "Once upon"


# --- JSON: refused files --------------------------------------------------------------------------


def test_broken_json_is_refused_with_line_and_column():
    text = '{\n  "format": "desktop-app.conversations",\n  "version": 1\n  "conversations": []\n}'
    assert problem_of(text) == "The file is not valid JSON: line 4, column 3: Expecting ',' delimiter"


def test_a_file_that_is_not_an_export_is_refused():
    assert problem_of({"version": 1, "conversations": []}) == (
        "This is not a Desktop Assistant export: the 'format' field is missing"
    )
    assert problem_of({"format": "chatgpt", "version": 1, "conversations": []}) == (
        "This is not a Desktop Assistant export: the 'format' field is 'chatgpt'; "
        "expected 'desktop-app.conversations'"
    )
    assert problem_of([{"id": "c1"}]) == "This is not a Desktop Assistant export: the file holds a list, not an object"
    assert problem_of({"format": EXPORT_FORMAT, "conversations": []}) == (
        "This is not a Desktop Assistant export: the 'version' field is missing"
    )
    assert problem_of({"format": EXPORT_FORMAT, "version": 1}) == (
        "This is not a Desktop Assistant export: the 'conversations' field is missing"
    )
    assert problem_of({"format": EXPORT_FORMAT, "version": "1", "conversations": []}) == (
        "The 'version' field is '1'; expected a whole number from 1"
    )


def test_an_export_from_a_newer_version_is_refused():
    document = export_dict(sample_conversation()[0])
    document["version"] = 3
    assert problem_of(document) == (
        "This export was made by a newer version (format version 3); this app reads version 1"
    )


def test_an_empty_export_is_refused():
    assert problem_of(export_dict()) == "The file contains no conversations"


def test_a_bad_field_is_named_and_nothing_is_imported():
    document = export_dict(sample_conversation("c-0")[0], sample_conversation("c-1")[0], sample_conversation("c-2")[0])
    assert len(parse_conversations_json(json.dumps(document))) == 3

    document["conversations"][2]["messages"][0]["role"] = "robot"

    assert problem_of(document) == "conversations[2].messages[0].role is 'robot'; expected one of: user, assistant"


def test_a_conversation_id_used_twice_is_refused():
    one = Conversation(id="same", title="One", created_at=T0)
    two = Conversation(id="same", title="Two", created_at=T0)
    assert problem_of(export_dict(one, two)) == (
        "conversations[1].id 'same' is used twice in the file (also by conversations[0])"
    )


def test_a_message_id_shared_by_two_conversations_is_refused():
    one, m = sample_conversation("c-1")
    document = export_dict(one)
    copied = copy.deepcopy(document["conversations"][0])  # the same messages under another conversation id
    copied["id"] = "c-2"
    document["conversations"].append(copied)
    assert problem_of(document) == (
        f"conversations[1].messages[0].id {m['q1'].id!r} is also used in conversations[0]"
    )


def test_parent_ids_that_loop_are_refused():
    document = export_dict(sample_conversation()[0])
    messages = document["conversations"][0]["messages"]
    messages[0]["parent_id"] = messages[1]["id"]  # the first question now answers its own reply
    assert problem_of(document) == (
        "conversations[0].messages[0].parent_id leads round in a loop and never reaches the first message"
    )


def test_a_value_of_an_unexpected_shape_is_refused_not_crashed_on():
    document = export_dict(sample_conversation()[0])
    document["conversations"][0]["messages"][3]["error"]["kind"] = ["connection_dropped"]
    assert problem_of(document) == "conversations[0].messages[3].error.kind should be text"


def test_deeply_nested_json_is_refused():
    assert problem_of("[" * 100_000 + "]" * 100_000) == "The file is not valid JSON: it is nested too deeply to read"


# --- Markdown -------------------------------------------------------------------------------------


def test_markdown_shows_title_metadata_and_system_prompt(seoul_clock):
    conversation, _ = sample_conversation()
    markdown = conversation_to_markdown(conversation)

    assert markdown.startswith("# 파이썬 질문 · code\n\n")
    assert "- Created: 2026-11-26 23:03\n" in markdown  # 14:03 UTC in Seoul
    assert "- Updated: 2026-11-26 23:05\n" in markdown
    assert "- Model: gpt-4o-mini\n" in markdown
    assert "- Endpoint: https://api.openai.com/v1\n" in markdown
    assert "- Parameters: temperature 0.7 · max tokens 500 · n 3 · seed 42\n" in markdown
    assert "- System prompt:\n\n> You answer in Korean.\n>\n> Be brief.\n" in markdown


def test_markdown_shows_the_visible_branch_with_roles_times_and_notes(seoul_clock):
    conversation, _ = sample_conversation()
    markdown = conversation_to_markdown(conversation)

    headings = [line for line in markdown.splitlines() if line.startswith("### ")]
    assert headings == [
        "### You · 2026-11-26 23:03",
        "### Assistant · gpt-4o-mini · 2026-11-26 23:03",
        "### You · 2026-11-26 23:05",
        "### Assistant · gpt-4o-mini · 2026-11-26 23:05",
    ]
    assert "Python에서 리스트를 뒤집는 방법?" in markdown
    assert "\n\n_Choice 2 of 3_\n\n" + CODE_ANSWER + "\n\n_20 prompt tokens · 45 completion tokens_\n" in markdown
    assert "`reversed()`를 쓰세요." not in markdown  # the choices not selected stay in the JSON
    # The edited question shows with a note; the first version and its reply do not show.
    assert "### You · 2026-11-26 23:05\n\n_Version 2 of 2; the JSON export holds every version._\n\n" in markdown
    assert "그럼 정렬은 어떻게 해?" in markdown
    assert "고마워!" not in markdown and "정렬은 `sorted()`를" not in markdown
    assert "_10 prompt tokens · 8 completion tokens · 2 of them reasoning_" in markdown


def test_markdown_keeps_code_blocks_byte_for_byte():
    conversation, _ = sample_conversation()
    markdown = conversation_to_markdown(conversation)
    assert CODE_ANSWER in markdown
    assert "\n    items.reverse()  # 들여쓰기 유지 <b>\n" in markdown  # indentation and HTML kept as written
    assert "\\*" not in markdown and "&lt;" not in markdown  # nothing escaped


def test_markdown_notes_an_interrupted_reply_with_its_error():
    conversation, m = sample_conversation()
    conversation.show_version(m["q2"], 0)
    markdown = conversation_to_markdown(conversation)

    assert "_Version 1 of 2; the JSON export holds every version._" in markdown
    assert (
        "정렬은 `sorted()`를\n\n"
        "_Interrupted; the reply is incomplete._ The connection dropped before the reply finished.\n"
    ) in markdown
    assert "그럼 정렬은 어떻게 해?" not in markdown


def test_markdown_notes_stopped_and_failed_replies():
    conversation = Conversation(id="c", title="Notes", created_at=T0)
    question = conversation.append(user("Write a poem", T0))
    conversation.append(assistant("Roses are", at=T0 + 1, status=MessageStatus.STOPPED))
    conversation.add_version(
        conversation.messages[-1],
        assistant(
            "",
            at=T0 + 2,
            status=MessageStatus.FAILED,
            error=AppError(kind=ErrorKind.RATE_LIMITED, message="Too many requests right now."),
        ),
    )
    failed = conversation_to_markdown(conversation)
    conversation.show_version(conversation.messages[-1], 0)
    stopped = conversation_to_markdown(conversation)

    assert "_The reply failed._ Too many requests right now." in failed
    assert "_Version 2 of 2; the JSON export holds every version._" in failed
    assert "Roses are\n\n_Stopped by the user; the reply is incomplete._" in stopped
    assert question.text in stopped and question.text in failed


def test_a_code_fence_a_stopped_reply_left_open_is_closed_so_the_next_conversation_shows():
    cut = Conversation(id="c-cut", title="Cut off", created_at=T0)
    cut.append(user("Code please", T0))
    cut.append(assistant("```python\nfor i in range(3):\n    print(i", at=T0 + 1, status=MessageStatus.STOPPED))
    after = Conversation(id="c-after", title="After", created_at=T0)
    after.append(user("Hello", T0))

    markdown = conversations_to_markdown([cut, after])

    assert "```python\nfor i in range(3):\n    print(i\n```\n" in markdown
    assert markdown.count("```") % 2 == 0
    assert "\n\n---\n\n# After\n" in markdown


def test_markdown_of_several_conversations_separates_them_with_a_rule():
    one, _ = sample_conversation()
    two = Conversation(id="c-2", title="", created_at=T0)
    markdown = conversations_to_markdown([one, two])

    first, second = markdown.split("\n---\n\n")
    assert first.startswith("# 파이썬 질문 · code") and first.endswith("\n")
    local = time.strftime("%Y-%m-%d %H:%M", time.localtime(T0))
    assert second == f"# Untitled conversation\n\n- Created: {local}\n- Updated: {local}\n\n_No messages._\n"


def test_markdown_without_a_setup_leaves_out_model_and_parameters():
    conversation = Conversation(id="c", title="Plain", created_at=T0)
    conversation.append(user("Hi", T0))
    markdown = conversation_to_markdown(conversation)
    assert "Model:" not in markdown and "Parameters:" not in markdown and "System prompt" not in markdown
    assert "\n\nHi\n" in markdown


# --- No secrets -----------------------------------------------------------------------------------


def test_no_api_key_appears_in_either_export(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-proj-SECRETSECRET")
    conversation = Conversation(id="c", title="Keys", created_at=T0, setup=SETUP)
    question = conversation.append(user("Hi", T0))
    request = build_chat_request(
        model="gpt-4o-mini", system_prompt=SYSTEM_PROMPT, history=[question], params=SETUP.params, endpoint=Endpoint()
    )
    conversation.append(assistant("Hello!", at=T0 + 1, request=request))

    exports = [
        conversations_to_json([conversation], app_version="0.1.0", exported_at=EXPORTED_AT),
        conversations_to_markdown([conversation]),
    ]

    for text in exports:
        assert "sk-" not in text
        assert "SECRET" not in text
        assert "Authorization" not in text
        assert "api_key" not in text
    assert json.loads(exports[0])["conversations"][0]["messages"][1]["request"]["model"] == "gpt-4o-mini"


# --- File names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("파이썬: 리스트/정렬?", "파이썬 리스트 정렬"),
        ("Report 2026-11-26 (draft_2)", "Report 2026-11-26 draft_2"),
        ("a/b\\c:d*e|f\"g<h>i", "a b c d e f g h i"),
        ("नमस्ते दुनिया", "नमस्ते दुनिया"),  # combining vowel signs stay with their letters
        ("日本語のタイトル", "日本語のタイトル"),
        ("", "conversation"),
        ("?!/…", "conversation"),
        ("  ../../etc/passwd  ", "etc passwd"),
        ("CON", "CON_"),
    ],
)
def test_safe_file_name(title, name):
    assert safe_file_name(title) == name


def test_safe_file_name_is_at_most_80_characters():
    name = safe_file_name("한국어 " * 50)
    assert len(name) <= 80 and not name.endswith(" ") and name.startswith("한국어 한국어")
