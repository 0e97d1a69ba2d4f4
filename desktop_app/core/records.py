"""Messages and conversations as plain JSON-friendly dicts, and back, with checks.

One form serves both the database (a message row keeps this dict as JSON) and the JSON export, so
a conversation survives storage and export alike with nothing lost. Reading back is strict: a
malformed record raises `RecordError` naming the field, so an import can refuse a file whole.
"""

from __future__ import annotations

import base64
import binascii
import math
from dataclasses import asdict, fields

from desktop_app.core.conversation import (
    Attachment,
    AudioClip,
    Choice,
    Conversation,
    ConversationSetup,
    Message,
    MessageStatus,
    Role,
)
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.events import Usage
from desktop_app.core.i18n import LazyText, trans_late
from desktop_app.core.request import compact_request


class RecordError(ValueError):
    """A stored or imported record is malformed; the text names where."""


class EncodeLater:
    """Bytes in a record whose base64 is made by `encode_later`, on the thread that writes the record:
    a recording or a photo is megabytes, too long to encode on the GUI thread."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


def encode_later(record: dict) -> dict:
    """Turn the `EncodeLater` values of a message record into base64 text, in place; returns it."""
    parts = list(record.get("attachments") or [])
    if record.get("audio"):
        parts.append(record["audio"])
    for part in parts:
        for key, value in part.items():
            if isinstance(value, EncodeLater):
                part[key] = base64.b64encode(value.data).decode("ascii")
    return record


def message_to_dict(message: Message, later: bool = False) -> dict:
    """Everything about a message, as JSON-friendly values; with `later`, its binary parts stay
    `EncodeLater` until `encode_later` (on a worker)."""
    return {
        "id": message.id,
        "parent_id": message.parent_id,
        "role": message.role.value,
        "status": message.status.value,
        "created_at": message.created_at,
        "ended_at": message.ended_at,
        "choices": [{"text": c.text, "finish_reason": c.finish_reason} for c in message.choices],
        "selected": message.selected,
        "model": message.model,
        "system_fingerprint": message.system_fingerprint,
        "ttft_ms": message.ttft_ms,
        "usage": asdict(message.usage) if message.usage else None,
        "error": _error_to_dict(message.error) if message.error else None,
        "request": compact_request(message.request) if message.request else None,
        "attachments": [_attachment_to_dict(a, later) for a in message.attachments],
        "audio": _audio_to_dict(message.audio, later) if message.audio else None,
    }


def message_from_dict(data: object, where: str = "message") -> Message:
    """Read back `message_to_dict`; raises RecordError naming the first bad field."""
    data = _require(data, dict, where)
    choices_data = _require(data.get("choices"), list, f"{where}.choices")
    if not choices_data:
        raise RecordError(trans_late("Records", "{where}.choices is empty").format(where=where))
    choices = []
    for i, c in enumerate(choices_data):
        c = _require(c, dict, f"{where}.choices[{i}]")
        choices.append(
            Choice(
                text=_require(c.get("text"), str, f"{where}.choices[{i}].text"),
                finish_reason=_optional(c.get("finish_reason"), str, f"{where}.choices[{i}].finish_reason"),
            )
        )
    selected = _require(data.get("selected", 0), int, f"{where}.selected")
    if not 0 <= selected < len(choices):
        raise RecordError(
            trans_late("Records", "{where}.selected is {selected} but there are {count} choices").format(
                where=where, selected=selected, count=len(choices)
            )
        )
    usage = _optional(data.get("usage"), dict, f"{where}.usage")
    error = _optional(data.get("error"), dict, f"{where}.error")
    audio = _optional(data.get("audio"), dict, f"{where}.audio")
    return Message(
        id=_require(data.get("id"), str, f"{where}.id"),
        parent_id=_optional(data.get("parent_id"), str, f"{where}.parent_id"),
        role=_enum(Role, data.get("role"), f"{where}.role"),
        status=_enum(MessageStatus, data.get("status", "done"), f"{where}.status"),
        created_at=_number(data.get("created_at"), f"{where}.created_at"),
        ended_at=_optional_number(data.get("ended_at"), f"{where}.ended_at"),
        choices=choices,
        selected=selected,
        model=_optional(data.get("model"), str, f"{where}.model"),
        system_fingerprint=_optional(data.get("system_fingerprint"), str, f"{where}.system_fingerprint"),
        ttft_ms=_optional_number(data.get("ttft_ms"), f"{where}.ttft_ms"),
        usage=_usage_from_dict(usage, f"{where}.usage") if usage is not None else None,
        error=_error_from_dict(error, f"{where}.error") if error is not None else None,
        request=_optional(data.get("request"), dict, f"{where}.request"),
        attachments=[
            _attachment_from_dict(a, f"{where}.attachments[{i}]")
            for i, a in enumerate(_require(data.get("attachments", []), list, f"{where}.attachments"))
        ],
        audio=_audio_from_dict(audio, f"{where}.audio") if audio is not None else None,
    )


def conversation_to_dict(conversation: Conversation) -> dict:
    """A whole conversation: every branch and choice, the branch on show, setup and draft."""
    return {
        "id": conversation.id,
        "title": conversation.title,
        "created_at": conversation.created_at,
        "updated_at": conversation.updated_at,
        "system_prompt": conversation.system_prompt,
        "draft": conversation.draft,
        "setup": conversation.setup.to_dict() if conversation.setup else None,
        "active": dict(conversation.active),
        "messages": [message_to_dict(m) for m in conversation.nodes],
    }


def conversation_from_dict(data: object, where: str = "conversation") -> Conversation:
    """Read back `conversation_to_dict`; raises RecordError naming the first bad field."""
    data = _require(data, dict, where)
    messages = [
        message_from_dict(m, f"{where}.messages[{i}]")
        for i, m in enumerate(_require(data.get("messages", []), list, f"{where}.messages"))
    ]
    ids = {m.id for m in messages}
    if len(ids) != len(messages):
        same_id = trans_late("Records", "{where}.messages has two messages with the same id")
        raise RecordError(same_id.format(where=where))
    for i, m in enumerate(messages):
        if m.parent_id is not None and m.parent_id not in ids:
            orphan = trans_late(
                "Records", "{where}.messages[{index}].parent_id points to no message in the conversation"
            )
            raise RecordError(orphan.format(where=where, index=i))
    active = _require(data.get("active", {}), dict, f"{where}.active")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in active.items()):
        not_ids = trans_late("Records", "{where}.active must map message ids to message ids")
        raise RecordError(not_ids.format(where=where))
    setup = _optional(data.get("setup"), dict, f"{where}.setup")
    created_at = _number(data.get("created_at"), f"{where}.created_at")
    return Conversation(
        id=_require(data.get("id"), str, f"{where}.id"),
        title=_require(data.get("title", ""), str, f"{where}.title"),
        created_at=created_at,
        updated_at=_optional_number(data.get("updated_at"), f"{where}.updated_at") or created_at,
        system_prompt=_require(data.get("system_prompt", ""), str, f"{where}.system_prompt"),
        draft=_require(data.get("draft", ""), str, f"{where}.draft"),
        setup=ConversationSetup.from_dict(setup) if setup else None,
        nodes=messages,
        active={k: v for k, v in active.items() if v in ids},
    )


# -- private -----------------------------------------------------------------------------------------


def _attachment_to_dict(attachment: Attachment, later: bool = False) -> dict:
    record = {
        "id": attachment.id,
        "name": attachment.name,
        "mime": attachment.mime,
        "width": attachment.width,
        "height": attachment.height,
        "detail": attachment.detail,
        "url": attachment.url,
        "data": EncodeLater(attachment.data) if later else base64.b64encode(attachment.data).decode("ascii"),
    }
    if attachment.original:
        # Cached on the attachment when the worker that prepared it made it.
        cached = "original_base64" in vars(attachment)
        record["original"] = EncodeLater(attachment.original) if later and not cached else attachment.original_base64
    return record


def _attachment_from_dict(data: object, where: str) -> Attachment:
    data = _require(data, dict, where)
    raw = _base64(data.get("data", ""), f"{where}.data")
    # Optional: records written before originals were kept have none.
    original = _base64(data["original"], f"{where}.original") if "original" in data else b""
    return Attachment(
        id=_require(data.get("id"), str, f"{where}.id"),
        name=_require(data.get("name", ""), str, f"{where}.name"),
        mime=_require(data.get("mime", ""), str, f"{where}.mime"),
        data=raw,
        width=_require(data.get("width", 0), int, f"{where}.width"),
        height=_require(data.get("height", 0), int, f"{where}.height"),
        detail=_require(data.get("detail", "auto"), str, f"{where}.detail"),
        url=_require(data.get("url", ""), str, f"{where}.url"),
        original=original,
    )


def _audio_to_dict(audio: AudioClip, later: bool = False) -> dict:
    return {
        "id": audio.id,
        "format": audio.format,
        "duration_s": audio.duration_s,
        "audio_id": audio.audio_id,
        "expires_at": audio.expires_at,
        "data": EncodeLater(audio.data) if later and "data_base64" not in vars(audio) else audio.data_base64,
    }


def _audio_from_dict(data: dict, where: str) -> AudioClip:
    raw = _base64(data.get("data"), f"{where}.data")
    if not raw:
        raise RecordError(trans_late("Records", "{where}.data is empty").format(where=where))
    audio_format = _require(data.get("format"), str, f"{where}.format")
    if not audio_format.strip():
        raise RecordError(trans_late("Records", "{where}.format is empty").format(where=where))
    duration = _number(data.get("duration_s", 0.0), f"{where}.duration_s")
    if duration < 0:
        raise RecordError(trans_late("Records", "{where}.duration_s should not be negative").format(where=where))
    return AudioClip(
        id=_require(data.get("id"), str, f"{where}.id"),
        data=raw,
        format=audio_format,
        duration_s=duration,
        audio_id=_require(data.get("audio_id", ""), str, f"{where}.audio_id"),
        expires_at=_number(data.get("expires_at", 0.0), f"{where}.expires_at"),
    )


def _base64(value: object, where: str) -> bytes:
    try:
        return base64.b64decode(_require(value, str, where), validate=True)
    except binascii.Error:
        raise RecordError(trans_late("Records", "{where} is not base64").format(where=where)) from None


def _error_to_dict(error: AppError) -> dict:
    """The error as data: its kind, the English templates of message and hint, and their arguments."""
    data = {f.name: getattr(error, f.name) for f in fields(error)}
    args = dict(error.args)
    for name in ("message", "hint"):
        text = data[name]
        if isinstance(text, LazyText):
            args = {**text.args, **args}
            data[name] = text.template
        else:
            data[name] = str(text)
    data["kind"] = error.kind.value
    data["args"] = args
    return data


def _error_from_dict(data: dict, where: str) -> AppError:
    kind = _require(data.get("kind", "unknown"), str, f"{where}.kind")
    return AppError(
        # A kind from a newer version is kept as "unknown" rather than refusing the whole file.
        kind=ErrorKind(kind) if kind in ErrorKind._value2member_map_ else ErrorKind.UNKNOWN,
        message=_require(data.get("message", ""), str, f"{where}.message"),
        hint=_require(data.get("hint", ""), str, f"{where}.hint"),
        retryable=data.get("retryable") is not False,
        retry_after_s=_optional_number(data.get("retry_after_s"), f"{where}.retry_after_s"),
        param=_optional(data.get("param"), str, f"{where}.param"),
        status=_optional(data.get("status"), int, f"{where}.status"),
        request_id=_optional(data.get("request_id"), str, f"{where}.request_id"),
        detail=_require(data.get("detail", ""), str, f"{where}.detail"),
        args=_error_args(data.get("args"), f"{where}.args"),
        limit=_optional(data.get("limit"), int, f"{where}.limit"),
    )


def _error_args(value, where: str) -> dict:
    """An error's template arguments: names to text or numbers (a record from before them has none)."""
    args = _optional(value, dict, where) or {}
    for name, arg in args.items():
        if isinstance(arg, bool) or not isinstance(arg, (str, int, float)):
            not_plain = trans_late("Records", "{where}.{name} should be text or a number")
            raise RecordError(not_plain.format(where=where, name=name))
    return args


def usage_from_record(data: dict) -> Usage:
    """A stored usage object; raises RecordError when it is not one."""
    return _usage_from_dict(data, "usage")


def _usage_from_dict(data: dict, where: str) -> Usage:
    def count(key: str, required: bool = True) -> int | None:
        value = data.get(key)
        if value is None and not required:
            return None
        return _require(value, int, f"{where}.{key}")

    return Usage(
        prompt_tokens=count("prompt_tokens"),
        completion_tokens=count("completion_tokens"),
        total_tokens=count("total_tokens"),
        reasoning_tokens=count("reasoning_tokens", required=False),
        cached_tokens=count("cached_tokens", required=False),
        image_tokens=count("image_tokens", required=False),
        audio_prompt_tokens=count("audio_prompt_tokens", required=False),
        audio_completion_tokens=count("audio_completion_tokens", required=False),
    )


_SHOULD_BE = {
    str: trans_late("Records", "{where} should be text"),
    int: trans_late("Records", "{where} should be a whole number"),
    dict: trans_late("Records", "{where} should be an object"),
    list: trans_late("Records", "{where} should be a list"),
}


def _require(value, kind, where: str):
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        should_be = _SHOULD_BE.get(kind) or trans_late("Records", "{where} should be {kind}")
        raise RecordError(should_be.format(where=where, kind=kind.__name__))
    return value


def _optional(value, kind, where: str):
    return None if value is None else _require(value, kind, where)


def _number(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise RecordError(trans_late("Records", "{where} should be a number").format(where=where))
    return float(value)


def _optional_number(value, where: str) -> float | None:
    return None if value is None else _number(value, where)


def _enum(kind, value, where: str):
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise RecordError(
            trans_late("Records", "{where} is {value}; expected one of: {allowed}").format(
                where=where, value=repr(value), allowed=allowed
            )
        ) from None
