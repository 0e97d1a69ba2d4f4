"""Conversations to a file and back: complete JSON for import, and Markdown for people to read.

The JSON holds `records.conversation_to_dict` for each conversation, the same form storage keeps, so
an export loses nothing (every branch, choice, usage, error, setup and draft, recordings and spoken
replies included). Reading one back is all-or-nothing: every conversation is checked before any is
returned, and a problem is explained in plain words that name the bad field. Nothing here reads or
writes files; the caller passes text in.
"""

from __future__ import annotations

import json
import math
import re
import time
import unicodedata
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime, timezone

from desktop_app import identity
from desktop_app.core.conversation import Conversation, ConversationSetup, Message, MessageStatus, Role
from desktop_app.core.i18n import LazyText, fill, said, trans_late
from desktop_app.core.errors import explain
from desktop_app.core.records import RecordError, conversation_from_dict, conversation_to_dict

# A file format id, not the app's name: it stays as it is if the app is ever renamed, so old exports import.
EXPORT_FORMAT = "desktop-app.conversations"
EXPORT_VERSION = 1

FILE_NAME_LENGTH = 80

_APP_NAME = identity.DISPLAY_NAME
# Device names Windows will not open as files, whatever the extension.
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)}
# A fenced code block opens and closes with three or more backticks or tildes, indented at most 3.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


# The Markdown's words in the reader's language: the UI passes its translator (LazyText -> text) to
# conversations_to_markdown; without one they are English. Per call and per thread.
_translate: ContextVar[Callable[[str], str]] = ContextVar("export_translate", default=str)


def _t(text: str, **args: object) -> str:
    """A trans_late("Export", ...) template in the caller's language, filled with args."""
    return fill(_translate.get()(text), args)


class ImportProblem(ValueError):
    """A file cannot be imported; the text says why in plain words."""


# -- JSON ------------------------------------------------------------------------------------------


def conversations_to_json(conversations: list[Conversation], *, app_version: str, exported_at: float) -> str:
    """The complete export: every conversation with every branch and choice, as pretty JSON."""
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "app_version": app_version,
        "exported_at": _iso_utc(exported_at),
        "conversations": [conversation_to_dict(c) for c in conversations],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def parse_conversations_json(text: str) -> list[dict]:
    """Check a whole export and return its conversations as `conversation_to_dict` gives them.

    Raises ImportProblem at the first problem; nothing is returned unless everything is readable.
    """
    document = _load_json(text)
    if not isinstance(document, dict):
        raise ImportProblem(
            trans_late("Export", "This is not a {app} export: the file holds {kind}, not an object").format(
                app=_APP_NAME, kind=_json_kind(document)
            )
        )
    _check_header(document)
    if "conversations" not in document:
        raise ImportProblem(
            trans_late("Export", "This is not a {app} export: the '{field}' field is missing").format(
                app=_APP_NAME, field="conversations"
            )
        )
    items = document["conversations"]
    if not isinstance(items, list):
        raise ImportProblem(
            trans_late("Export", "The 'conversations' field should be a list, not {kind}").format(kind=_json_kind(items))
        )
    if not items:
        raise ImportProblem(trans_late("Export", "The file contains no conversations"))

    normalized: list[dict] = []
    conversation_at: dict[str, int] = {}
    message_at: dict[str, int] = {}
    for i, item in enumerate(items):
        where = f"conversations[{i}]"
        conversation = _read_conversation(item, where)
        if conversation.id in conversation_at:
            raise ImportProblem(
                trans_late(
                    "Export", "{where}.id {id} is used twice in the file (also by conversations[{other}])"
                ).format(where=where, id=repr(conversation.id), other=conversation_at[conversation.id])
            )
        conversation_at[conversation.id] = i
        for j, message in enumerate(conversation.nodes):
            # Message ids are unique across the whole history, not only within a conversation.
            if message.id in message_at:
                raise ImportProblem(
                    trans_late(
                        "Export", "{where}.messages[{index}].id {id} is also used in conversations[{other}]"
                    ).format(where=where, index=j, id=repr(message.id), other=message_at[message.id])
                )
            message_at[message.id] = i
        normalized.append(conversation_to_dict(conversation))
    return normalized


# -- Markdown --------------------------------------------------------------------------------------


def conversations_to_markdown(conversations: list[Conversation], translate: Callable[[str], str] = str) -> str:
    """Several conversations as one Markdown document, separated by horizontal rules; `translate`
    turns the headings' LazyText templates into the reader's language (default: English)."""
    token = _translate.set(translate)
    try:
        return "\n---\n\n".join(conversation_to_markdown(c) for c in conversations)
    finally:
        _translate.reset(token)


def conversation_to_markdown(conversation: Conversation) -> str:
    """The branch on show as Markdown a person can read: metadata, then each message verbatim."""
    title = _one_line(conversation.title) or _t(trans_late("Export", "Untitled conversation"))
    blocks = [f"# {title}", _metadata(conversation)]
    if not conversation.messages:
        blocks.append(_t(trans_late("Export", "_No messages._")))
    for message in conversation.messages:
        blocks.extend(_message_blocks(conversation, message))
    return "\n\n".join(block for block in blocks if block) + "\n"


def safe_file_name(title: str) -> str:
    """A file name (without extension) from a title: letters of any script, digits, spaces, - and _."""
    kept = "".join(
        ch if ch in " -_" or unicodedata.category(ch)[0] in "LM" or unicodedata.category(ch) == "Nd" else " "
        for ch in unicodedata.normalize("NFC", title)
    )
    name = " ".join(kept.split())[:FILE_NAME_LENGTH].strip()
    if name.upper() in _RESERVED_NAMES:
        name += "_"
    return name or "conversation"


# -- private: JSON ---------------------------------------------------------------------------------


def _iso_utc(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _load_json(text: str) -> object:
    try:
        return json.loads(text.removeprefix("\ufeff"))  # Notepad saves UTF-8 with a byte order mark
    except json.JSONDecodeError as error:
        raise ImportProblem(
            trans_late("Export", "The file is not valid JSON: line {line}, column {column}: {error}").format(
                line=error.lineno, column=error.colno, error=error.msg
            )
        ) from None
    except RecursionError:
        raise ImportProblem(trans_late("Export", "The file is not valid JSON: it is nested too deeply to read")) from None


def _check_header(document: dict) -> None:
    if "format" not in document:
        raise ImportProblem(
            trans_late("Export", "This is not a {app} export: the '{field}' field is missing").format(
                app=_APP_NAME, field="format"
            )
        )
    if document["format"] != EXPORT_FORMAT:
        raise ImportProblem(
            trans_late("Export", "This is not a {app} export: the 'format' field is {value}; expected {expected}").format(
                app=_APP_NAME, value=repr(document["format"]), expected=repr(EXPORT_FORMAT)
            )
        )
    if "version" not in document:
        raise ImportProblem(
            trans_late("Export", "This is not a {app} export: the '{field}' field is missing").format(
                app=_APP_NAME, field="version"
            )
        )
    version = document["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportProblem(
            trans_late("Export", "The 'version' field is {value}; expected a whole number from 1").format(value=repr(version))
        )
    if version > EXPORT_VERSION:
        raise ImportProblem(
            trans_late(
                "Export", "This export was made by a newer version (format version {version}); this app reads version {known}"
            ).format(version=version, known=EXPORT_VERSION)
        )


def _read_conversation(item: object, where: str) -> Conversation:
    try:
        conversation = conversation_from_dict(item, where)
    except RecordError as error:
        raise ImportProblem(said(error)) from None
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        # A value of a shape the record reader did not expect (an object where a name belongs).
        raise ImportProblem(trans_late("Export", "{where} cannot be read: {error}").format(where=where, error=error)) from None
    _check_tree(conversation, where)
    # A reply exported mid-stream is imported as it was (lossless); opening it marks it interrupted.
    return conversation


def _check_tree(conversation: Conversation, where: str) -> None:
    """Every message must lead back to the first one; a loop of parent ids would hide messages."""
    parents = {m.id: m.parent_id for m in conversation.nodes}
    reachable: set[str] = set()
    for j, message in enumerate(conversation.nodes):
        seen: set[str] = set()
        node: str | None = message.id
        while node is not None and node not in reachable:
            if node in seen:
                raise ImportProblem(
                    trans_late(
                        "Export",
                        "{where}.messages[{index}].parent_id leads round in a loop "
                        "and never reaches the first message",
                    ).format(where=where, index=j)
                )
            seen.add(node)
            node = parents[node]
        reachable.update(seen)


def _json_kind(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    kinds = {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}
    return kinds.get(type(value), type(value).__name__)


# -- private: Markdown -----------------------------------------------------------------------------


def _local_time(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _metadata(conversation: Conversation) -> str:
    setup = conversation.setup
    lines = [_t(trans_late("Export", "- Created: {time}"), time=_local_time(conversation.created_at))]
    if conversation.updated_at is not None:
        lines.append(_t(trans_late("Export", "- Updated: {time}"), time=_local_time(conversation.updated_at)))
    if setup is not None:
        lines.append(_t(trans_late("Export", "- Model: {model}"), model=setup.model))
        if setup.base_url:
            lines.append(_t(trans_late("Export", "- Endpoint: {url}"), url=setup.base_url))
        params = _params_text(setup)
        if params:
            lines.append(_t(trans_late("Export", "- Parameters: {params}"), params=params))
    system_prompt = setup.system_prompt if setup is not None and setup.system_prompt else conversation.system_prompt
    if system_prompt.strip():
        lines.append(_t(trans_late("Export", "- System prompt:")))
        lines.append("")
        lines.append(_blockquote(system_prompt))
    return "\n".join(lines)


def _params_text(setup: ConversationSetup) -> str:
    params = setup.params
    parts = []
    if params.temperature is not None:
        parts.append(f"temperature {params.temperature:g}")
    if params.max_completion_tokens:
        parts.append(f"max tokens {params.max_completion_tokens}")
    if params.n > 1:
        parts.append(f"n {params.n}")
    if params.seed is not None:
        parts.append(f"seed {params.seed}")
    return " · ".join(parts)


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())


def _message_blocks(conversation: Conversation, message: Message) -> list[str]:
    if message.role is Role.USER:
        heading = _t(trans_late("Export", "### You · {time}"), time=_local_time(message.created_at))
    else:
        model = f"{message.model} · " if message.model else ""
        heading = _t(trans_late("Export", "### Assistant · {time}"), time=model + _local_time(message.created_at))
    blocks = [heading]
    versions = conversation.siblings(message)
    if len(versions) > 1:
        position = next(i for i, m in enumerate(versions) if m is message) + 1
        blocks.append(
            _t(
                trans_late("Export", "_Version {position} of {count}; the JSON export holds every version._"),
                position=position,
                count=len(versions),
            )
        )
    if len(message.choices) > 1:
        blocks.append(
            _t(trans_late("Export", "_Choice {position} of {count}_"), position=message.selected + 1, count=len(message.choices))
        )
    if message.audio is not None:
        blocks.append(_audio_note(message))
    if message.text:
        blocks.append(verbatim(message.text))
    if message.role is Role.ASSISTANT:
        blocks.append(_usage_line(message))
        blocks.append(_status_note(message))
    return blocks


def _audio_note(message: Message) -> str:
    """'_(recording, 0:03)_' or '_(spoken reply, 0:07)_': the sound itself is in the JSON export."""
    kind = _t(trans_late("Export", "recording")) if message.role is Role.USER else _t(trans_late("Export", "spoken reply"))
    duration = message.audio.duration_s if message.audio is not None else 0.0
    return f"_({kind}, {format_duration(duration)})_" if duration > 0 else f"_({kind})_"


def format_duration(seconds: float) -> str:
    """A clip's length as m:ss (h:mm:ss from an hour), rounded to the nearest second."""
    total = math.floor(max(seconds, 0.0) + 0.5)  # half up: 2.5 s is "0:03", as a person rounds
    if seconds > 0 and total == 0:
        total = 1  # a short clip is not "0:00"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def verbatim(text: str) -> str:
    """The text as written; a code fence a cut-off reply left open is closed so it cannot swallow the rest."""
    body = text.rstrip("\n")
    fence = _open_fence(body)
    return f"{body}\n{fence}" if fence else body


def _open_fence(text: str) -> str | None:
    """The fence that closes a code block still open at the end of `text`, or None."""
    open_fence: str | None = None
    for line in text.split("\n"):
        match = _FENCE.match(line)
        if match is None:
            continue
        marker, rest = match.groups()
        if open_fence is None:
            if not (marker[0] == "`" and "`" in rest):  # a backtick fence's info string has no backtick
                open_fence = marker
        elif marker[0] == open_fence[0] and len(marker) >= len(open_fence) and not rest.strip():
            open_fence = None
    return open_fence


def _usage_line(message: Message) -> str:
    usage = message.usage
    if usage is None:
        return ""
    parts = [
        _t(trans_late("Export", "{count} prompt tokens"), count=usage.prompt_tokens),
        _t(trans_late("Export", "{count} completion tokens"), count=usage.completion_tokens),
    ]
    if usage.reasoning_tokens:
        parts.append(_t(trans_late("Export", "{count} of them reasoning"), count=usage.reasoning_tokens))
    if usage.audio_completion_tokens:
        parts.append(_t(trans_late("Export", "{count} of them audio"), count=usage.audio_completion_tokens))
    return f"_{' · '.join(parts)}_"


def _status_note(message: Message) -> str:
    error = message.error
    reason = ""
    if error is not None and error.message:
        said, _hint = explain(error, lambda context, template: _translate.get()(LazyText(context, template)))
        reason = " " + _one_line(said)
    if message.status is MessageStatus.STOPPED:
        return _t(trans_late("Export", "_Stopped by the user; the reply is incomplete._"))
    if message.status is MessageStatus.INTERRUPTED:
        return _t(trans_late("Export", "_Interrupted; the reply is incomplete._")) + reason
    if message.status is MessageStatus.FAILED:
        return _t(trans_late("Export", "_The reply failed._")) + reason
    if message.status is MessageStatus.STREAMING:
        return _t(trans_late("Export", "_Still being written when exported; the reply may be incomplete._"))
    if message.choices[message.selected].finish_reason == "length":
        return _t(trans_late("Export", "_Cut off at the length limit._"))
    return ""
