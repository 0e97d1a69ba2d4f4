"""Recordings and spoken replies are kept with the conversation: storage, JSON export and Markdown."""

from __future__ import annotations

import base64
import copy
import json

import pytest

from desktop_app.core.conversation import AudioClip, Choice, Conversation, Message, Role
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.events import Usage
from desktop_app.core.export import (
    conversation_to_markdown,
    conversations_to_json,
    format_duration,
    parse_conversations_json,
)
from desktop_app.core.records import RecordError, conversation_from_dict, message_from_dict, message_to_dict

T0 = 1_764_165_780.0
# Every byte value, so a lossy text encoding anywhere would show.
RECORDING = b"RIFF\x00\x00\x00\x00WAVE" + bytes(range(256)) * 8
SPOKEN_MP3 = b"\xff\xf3\x84\xc4" + bytes(reversed(range(256))) * 8


def spoken_conversation() -> tuple[Conversation, Message, Message]:
    """A recording sent as audio, answered with a spoken reply (transcript as the text)."""
    conversation = Conversation(id="c-voice", created_at=T0)
    question = conversation.add_user_message("", audio=AudioClip(RECORDING, "wav", duration_s=3.2))
    question.created_at = T0
    reply = conversation.append(
        Message(
            role=Role.ASSISTANT,
            choices=[Choice(text="서울의 날씨는 맑아요.", finish_reason="stop")],
            created_at=T0 + 4,
            model="gpt-audio-mini",
            usage=Usage(180, 420, 600, 0, 0, image_tokens=0, audio_prompt_tokens=32, audio_completion_tokens=360),
            audio=AudioClip(SPOKEN_MP3, "mp3", duration_s=7.4, audio_id="audio_6a1f0c2e9b7d", expires_at=T0 + 3600),
        )
    )
    return conversation, question, reply


def test_a_recording_and_a_spoken_reply_survive_storage_byte_for_byte():
    conversation, question, reply = spoken_conversation()

    stored = [json.loads(json.dumps(message_to_dict(m))) for m in (question, reply)]
    restored_question, restored_reply = (message_from_dict(d) for d in stored)

    assert restored_question.audio == question.audio
    assert restored_question.audio.data == RECORDING
    assert restored_reply.audio == reply.audio
    assert restored_reply.audio.audio_id == "audio_6a1f0c2e9b7d"
    assert restored_reply.audio.expires_at == T0 + 3600
    assert restored_reply.usage == reply.usage  # audio token counts included


def test_the_json_export_holds_the_audio_and_imports_it_unchanged():
    conversation, question, reply = spoken_conversation()

    text = conversations_to_json([conversation], app_version="0.1.0", exported_at=T0)
    [data] = parse_conversations_json(text)
    restored = conversation_from_dict(data)

    assert restored == conversation
    assert restored.find(reply.id).audio.data == SPOKEN_MP3
    assert restored.find(question.id).audio.data == RECORDING


def test_messages_stored_before_voice_existed_read_back_without_audio():
    _, question, _ = spoken_conversation()
    old = message_to_dict(question)
    del old["audio"]
    assert message_from_dict(old).audio is None


def test_usage_stored_before_audio_counts_existed_reads_them_as_unknown():
    _, _, reply = spoken_conversation()
    old = message_to_dict(reply)
    for key in ("image_tokens", "audio_prompt_tokens", "audio_completion_tokens"):
        del old["usage"][key]
    usage = message_from_dict(old).usage
    assert (usage.image_tokens, usage.audio_prompt_tokens, usage.audio_completion_tokens) == (None, None, None)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda a: a.update(data="not base64!"), "message.audio.data is not base64"),
        (lambda a: a.update(data=""), "message.audio.data is empty"),
        (lambda a: a.update(data=None), "message.audio.data should be text"),
        (lambda a: a.pop("format"), "message.audio.format should be text"),
        (lambda a: a.update(format=" "), "message.audio.format is empty"),
        (lambda a: a.update(duration_s=-1), "message.audio.duration_s should not be negative"),
        (lambda a: a.update(duration_s="7s"), "message.audio.duration_s should be a number"),
        (lambda a: a.update(audio_id=5), "message.audio.audio_id should be text"),
        (lambda a: a.update(expires_at=float("inf")), "message.audio.expires_at should be a number"),
        (lambda a: a.pop("id"), "message.audio.id should be text"),
    ],
)
def test_a_broken_audio_record_is_refused_naming_the_field(change, says):
    _, _, reply = spoken_conversation()
    record = copy.deepcopy(message_to_dict(reply))
    change(record["audio"])

    with pytest.raises(RecordError) as caught:
        message_from_dict(record)

    assert str(caught.value) == says


def test_audio_that_is_not_an_object_is_refused():
    _, _, reply = spoken_conversation()
    record = message_to_dict(reply)
    record["audio"] = "SUQz"
    with pytest.raises(RecordError, match=r"message\.audio should be an object"):
        message_from_dict(record)


def test_an_audio_error_kind_survives_storage():
    _, _, reply = spoken_conversation()
    reply.error = AppError(ErrorKind.AUDIO_EXPIRED, "The spoken reply … has expired.", "Retry: …", status=400)
    assert message_from_dict(json.loads(json.dumps(message_to_dict(reply)))).error == reply.error


def test_markdown_says_which_messages_were_spoken_and_how_long():
    conversation, _, _ = spoken_conversation()

    markdown = conversation_to_markdown(conversation)

    assert "_(recording, 0:03)_" in markdown
    assert "_(spoken reply, 0:07)_\n\n서울의 날씨는 맑아요." in markdown
    assert "360 of them audio" in markdown
    for data in (RECORDING, SPOKEN_MP3):  # no base64 in the readable export
        assert base64.b64encode(data).decode()[:40] not in markdown


def test_markdown_of_a_clip_of_unknown_length():
    conversation = Conversation(id="c", created_at=T0)
    conversation.add_user_message("hear this", audio=AudioClip(RECORDING, "wav"))
    assert "_(recording)_\n\nhear this" in conversation_to_markdown(conversation)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.0, "0:00"),
        (0.3, "0:01"),
        (2.5, "0:03"),
        (3.2, "0:03"),
        (7.5, "0:08"),
        (59.4, "0:59"),
        (61, "1:01"),
        (3725, "1:02:05"),
    ],
)
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


def test_a_record_built_for_the_storage_thread_encodes_to_the_same_json():
    from desktop_app.core.conversation import Attachment
    from desktop_app.core.records import EncodeLater, encode_later

    _conversation, recording, spoken = spoken_conversation()
    recording.attachments = [Attachment(name="a.png", mime="image/png", data=b"\x89PNG-bytes", original=b"raw-file")]
    for message in (recording, spoken):
        fresh = message_from_dict(json.loads(json.dumps(message_to_dict(message))))  # nothing cached yet
        deferred = message_to_dict(fresh, later=True)
        assert any(isinstance(v, EncodeLater) for part in [deferred["audio"], *deferred["attachments"]] for v in part.values())
        assert json.dumps(encode_later(deferred)) == json.dumps(message_to_dict(fresh))
