"""The image file a user gave is kept in message records byte for byte; a bad one is refused by name."""

from __future__ import annotations

import base64
import json

import pytest

from desktop_app.core.conversation import Attachment, Conversation
from desktop_app.core.export import ImportProblem, conversations_to_json, parse_conversations_json
from desktop_app.core.records import RecordError, conversation_from_dict, message_from_dict, message_to_dict

# Every byte value, so a lossy text encoding anywhere would show.
ORIGINAL = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
PREPARED = b"\xff\xd8\xff\xdb" + bytes(reversed(range(256)))


def photo(original: bytes = ORIGINAL) -> Attachment:
    return Attachment("board.jpg", "image/jpeg", PREPARED, 1152, 768, "high", original=original)


def stored(attachment: Attachment) -> dict:
    """A user message with the attachment, through JSON as storage keeps it."""
    message = Conversation().add_user_message("Read the board", [attachment])
    return json.loads(json.dumps(message_to_dict(message)))


def test_the_original_survives_a_record_round_trip_byte_for_byte_beside_the_prepared_image():
    attachment = photo()
    [restored] = message_from_dict(stored(attachment)).attachments
    assert restored.original == ORIGINAL
    assert restored.data == PREPARED
    assert restored == attachment


def test_an_attachment_record_from_an_older_history_without_original_still_loads():
    record = stored(photo())
    del record["attachments"][0]["original"]
    [restored] = message_from_dict(record).attachments
    assert restored.original == b"" and restored.data == PREPARED


def test_an_image_without_original_bytes_writes_no_original_key():
    record = stored(Attachment("cat.png", url="https://example.com/cat.png"))
    assert "original" not in record["attachments"][0]


@pytest.mark.parametrize("bad", ["not base64 at all!", 12, None])
def test_a_bad_original_is_refused_naming_the_field(bad):
    record = stored(photo())
    record["attachments"][0]["original"] = bad
    with pytest.raises(RecordError, match=r"message\.attachments\[0\]\.original"):
        message_from_dict(record)


def test_base64_made_on_a_worker_is_what_the_record_holds_and_a_mismatched_one_is_not_used():
    encoded = base64.b64encode(ORIGINAL).decode("ascii")
    assert stored(photo().adopt_original_base64(encoded))["attachments"][0]["original"] == encoded
    wrong = photo().adopt_original_base64(encoded[:-4])  # truncated: would corrupt the history if kept
    assert base64.b64decode(stored(wrong)["attachments"][0]["original"]) == ORIGINAL


def test_the_json_export_keeps_the_original_and_a_bad_one_refuses_the_import_by_field():
    conversation = Conversation(id="c-photo", created_at=1_764_165_780.0)
    conversation.add_user_message("Read the board", [photo()])
    text = conversations_to_json([conversation], app_version="test", exported_at=1_764_165_800.0)

    [imported] = parse_conversations_json(text)
    [attachment] = conversation_from_dict(imported).messages[0].attachments
    assert attachment.original == ORIGINAL

    document = json.loads(text)
    document["conversations"][0]["messages"][0]["attachments"][0]["original"] = "%%%"
    with pytest.raises(ImportProblem, match=r"attachments\[0\]\.original"):
        parse_conversations_json(json.dumps(document))
