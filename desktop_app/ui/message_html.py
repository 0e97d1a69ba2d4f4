"""HTML for the parts of a message card: header, body and footer (usage, status, actions)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.controllers.playback_controller import format_duration
from desktop_app.core.conversation import Message, MessageStatus, Role
from desktop_app.core.errors import ErrorKind, format_wait
from desktop_app.core.request import OMITTABLE_PARAMS
from desktop_app.ui.safe_text import escape

if TYPE_CHECKING:
    from desktop_app.core.markdown_render import RenderedMarkdown

MUTED = "#6b7280"
# The two names of the length cap: a server that rejects one takes the other.
_OTHER_LENGTH_CAP = {"max_tokens": "max_completion_tokens", "max_completion_tokens": "max_tokens"}
ERROR = "#b91c1c"


def tr(text: str) -> str:
    """Translate a user-visible string."""
    return QCoreApplication.translate("ChatView", text)


def action_href(action: str, message_id: str, argument: str = "") -> str:
    """The link a footer action or code-block Copy button points to."""
    return f"app:{action}/{message_id}/{argument}"


def header_html(message: Message, version: int = 0, versions: int = 1) -> str:
    """'You' or 'Assistant · model', the time, and a version switcher when the message has several."""
    if message.role is Role.USER:
        html = f"<b>{tr('You')}</b>"
    else:
        model = escape(message.model or "")
        html = f"<b>{tr('Assistant')}</b>" + (f' <span style="color:{MUTED};">· {model}</span>' if model else "")
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(message.created_at))
    html += f' <span style="color:{MUTED}; font-size:small;">· {stamp}</span>'
    if versions > 1:
        html += " &nbsp; " + _version_switcher(message, version, versions)
    return html


def _version_switcher(message: Message, version: int, versions: int) -> str:
    def arrow(symbol: str, target: int) -> str:
        if 0 <= target < versions:
            return f'<a href="{action_href("version", message.id, str(target))}">{symbol}</a>'
        return f'<span style="color:{MUTED};">{symbol}</span>'

    label = f"{version + 1}/{versions}"
    return f'{arrow("◀", version - 1)} <b>{label}</b> {arrow("▶", version + 1)}'


# Replies rendered ahead of time on a worker thread (a long conversation opening), by `_body_key`.
# Only finished text is cached, so an entry never goes stale; the size bound keeps memory flat.
_rendered_ahead: dict[tuple, RenderedMarkdown] = {}
RENDERED_AHEAD_LIMIT = 2000


def _body_key(message: Message) -> tuple | None:
    if message.role is Role.USER or message.is_streaming:
        return None
    return message.id, message.selected, len(message.text)


def render_ahead(message: Message) -> None:
    """Render a reply's body now so that showing it later costs only the layout. Thread-safe."""
    key = _body_key(message)
    if key is None or key in _rendered_ahead or is_collapsed(message):
        return
    if len(_rendered_ahead) >= RENDERED_AHEAD_LIMIT:
        _rendered_ahead.clear()
    _rendered_ahead[key] = _render_body(message)


def is_rendered(message: Message) -> bool:
    """True when showing this message's body needs no Markdown rendering."""
    key = _body_key(message)
    return key is None or key in _rendered_ahead or is_collapsed(message)


# Texts Qt cannot lay out cheaply are shown folded (their start, lines cut every FOLD_COLUMN
# characters, and "Show all"): Qt lays out a paragraph whole (a 300,000-character line froze the
# window ~10 s), and a whole message at once (a 5 MB reply never finished).
COLLAPSE_CHARS = 200_000
LONG_LINE = 20_000
PREVIEW_CHARS = 3_000
FOLD_COLUMN = 400


def is_collapsed(message: Message) -> bool:
    """True when a message is too long to lay out and is shown folded."""
    text = message.text
    if len(text) > COLLAPSE_CHARS:
        return True
    return len(text) > LONG_LINE and max(map(len, text.split("\n"))) > LONG_LINE


def fold_lines(text: str, column: int = FOLD_COLUMN) -> str:
    """`text` with every line longer than `column` cut into pieces of that length (for display)."""
    return "\n".join(
        line[i : i + column] if line else "" for line in text.split("\n") for i in range(0, max(len(line), 1), column)
    )


def _collapsed_body(message: Message) -> str:
    preview = escape(fold_lines(message.text[:PREVIEW_CHARS]))
    size = tr("{0} characters; Copy takes them all").format(f"{len(message.text):,}")
    return (
        f'<p style="white-space:pre-wrap; margin:0;">\n{preview}…\n</p>'
        f'<p style="margin:0;"><a href="{action_href("showall", message.id)}">{tr("Show all")}</a>'
        f' <span style="color:{MUTED}; font-size:small;">· {size}</span></p>'
    )


def body_html(message: Message) -> RenderedMarkdown:
    """The message text: Markdown for replies, the user's words as typed."""
    if is_collapsed(message):
        from desktop_app.core.markdown_render import RenderedMarkdown

        return RenderedMarkdown(_collapsed_body(message), ())
    key = _body_key(message)
    ready = _rendered_ahead.pop(key, None) if key is not None else None
    return ready if ready is not None else _render_body(message)


def _render_body(message: Message) -> RenderedMarkdown:
    # markdown-it and pygments cost ~100 ms to import: loaded in the background after the first paint.
    from desktop_app.core.markdown_render import RenderedMarkdown, render_markdown

    if message.role is Role.USER:
        escaped = escape(message.text)
        html = f'<p style="white-space:pre-wrap; margin:0;">\n{escaped}\n</p>' if message.text else ""
        for a in message.attachments:
            size = f" · {a.width}×{a.height}" if a.width else ""
            html += f'<p style="margin:0; color:{MUTED};">🖼 {escape(a.name)}{size} · {escape(a.detail)}</p>'
        clip = _clip(message)
        if clip is not None:
            length = f" · {format_duration(clip.duration_s, round_up=True)}" if clip.duration_s else ""
            html += f'<p style="margin:0; color:{MUTED};">🎤 {tr("Recording")}{length}</p>'
        return RenderedMarkdown(html, ())
    if not message.text and message.status is MessageStatus.STREAMING:
        return RenderedMarkdown("", ())
    return render_markdown(message.text, copy_href=lambda i: action_href("code", message.id, str(i)))


def footer_html(message: Message, voice: bool = False) -> str:
    """Status, usage, timing, choices and the actions that fit this message.

    With `voice` (a player exists), messages with sound get Play and Save as MP3, and finished
    messages with text get Read aloud.
    """
    if message.role is Role.USER:
        actions = [(tr("Copy"), action_href("copy", message.id)), (tr("Edit"), action_href("editmsg", message.id))]
        return _links(actions + (_voice_actions(message) if voice else []))
    parts: list[str] = []
    if len(message.choices) > 1:
        parts.append(_choice_switcher(message))
    status = _status_line(message)
    if status:
        parts.append(status)
    if message.error is not None and message.status in (MessageStatus.FAILED, MessageStatus.INTERRUPTED):
        parts.append(_error_card(message))
    stats = _stats_line(message)
    if stats:
        parts.append(f'<span style="color:{MUTED}; font-size:small;">{stats}</span>')
    if not message.is_streaming:
        parts.append(_links(_actions(message) + (_voice_actions(message) if voice else [])))
    return "<br>".join(parts)


def _clip(message: Message):
    """The sound kept with a message (a recording or a spoken reply), or None."""
    clip = message.audio
    return clip if clip is not None and clip.data else None


def _voice_actions(message: Message) -> list[tuple[str, str]]:
    """Play and Save as MP3 for a message with sound; Read aloud for a finished one with text."""
    actions: list[tuple[str, str]] = []
    clip = _clip(message)
    if clip is not None:
        length = f" ({format_duration(clip.duration_s, round_up=True)})" if clip.duration_s else ""
        label = tr("▶ Play recording") if message.role is Role.USER else tr("▶ Play")
        actions.append((label + length, action_href("play", message.id)))
        actions.append((tr("Save as MP3"), action_href("savemp3", message.id)))
    if message.text.strip() and not message.is_streaming:
        actions.append((tr("🔊 Read aloud"), action_href("speak", message.id)))
    return actions


def _choice_switcher(message: Message) -> str:
    count, current = len(message.choices), message.selected
    prev_link = (
        f'<a href="{action_href("choice", message.id, str(current - 1))}">◀</a>' if current > 0 else "◀"
    )
    next_link = (
        f'<a href="{action_href("choice", message.id, str(current + 1))}">▶</a>' if current < count - 1 else "▶"
    )
    label = tr("Choice {0} of {1}").format(current + 1, count)
    note = tr("the conversation continues from the one shown")
    return f'{prev_link} <b>{label}</b> {next_link} <span style="color:{MUTED};">· {note}</span>'


def _status_line(message: Message) -> str:
    finish = message.choices[message.selected].finish_reason
    if message.status is MessageStatus.STREAMING:
        if not message.text and _clip(message) is None:  # nothing yet: say how long it has been
            waited = int(max(0.0, time.time() - message.created_at))
            return f'<span style="color:{MUTED};">{tr("Waiting for the first token… {0} s").format(waited)}</span>'
        return f'<span style="color:{MUTED};">{tr("Answering…")}</span>'
    if message.status is MessageStatus.STOPPED:
        return f'<span style="color:{MUTED};"><b>{tr("Stopped")}</b> · {tr("the partial answer is kept")}</span>'
    if message.status is MessageStatus.INTERRUPTED:
        return f'<span style="color:{ERROR};"><b>{tr("Interrupted")}</b> · {tr("the partial answer is kept")}</span>'
    if finish == "length":
        return f'<span style="color:{MUTED};">{tr("Cut off at the token limit (finish_reason: length).")}</span>'
    if finish == "content_filter":
        return f'<span style="color:{MUTED};">{tr("Stopped by the content filter.")}</span>'
    return ""


def _error_card(message: Message) -> str:
    error = message.error
    text = escape(error.message)
    hint = escape(error.hint)
    wait = message.retry_wait_left()
    if wait is not None:  # a live countdown instead of the wait as it was when the error came
        hint = tr("Try again in {0}.").format(format_wait(wait)) if wait > 0 else tr("You can retry now.")
    if error.kind is ErrorKind.TIMEOUT:
        hint += " " + escape(_timeout_note(message))
    return f'<span style="color:{ERROR};"><b>{text}</b></span> <span>{hint}</span>'


def _timeout_note(message: Message) -> str:
    """How long the app waited, and where the wait is set."""
    if message.text or message.ended_at is None:
        return tr("The server sent nothing for longer than the read timeout (Settings → Read timeout).")
    waited = format_wait(max(0.0, message.ended_at - message.created_at))
    return tr("Waited {0} without an answer; the read timeout is set in Settings → Read timeout.").format(waited)


def _stats_line(message: Message) -> str:
    items: list[str] = []
    usage = message.usage
    if usage is not None:
        items.append(tr("{0} prompt").format(usage.prompt_tokens))
        items.append(tr("{0} completion").format(usage.completion_tokens))
        if usage.reasoning_tokens is not None:
            items.append(tr("{0} reasoning").format(usage.reasoning_tokens))
        if usage.cached_tokens is not None:
            items.append(tr("{0} cached").format(usage.cached_tokens))
        # Details some servers report (None when absent; OpenAI sends 0 for what a request had none of).
        if usage.image_tokens:
            items.append(tr("{0} image").format(usage.image_tokens))
        if usage.audio_prompt_tokens:
            items.append(tr("{0} audio in").format(usage.audio_prompt_tokens))
        if usage.audio_completion_tokens:
            items.append(tr("{0} audio out").format(usage.audio_completion_tokens))
        items[-1] += " " + tr("tokens")
    elif not message.is_streaming and message.status is not MessageStatus.FAILED:
        items.append(tr("usage not reported"))
    if message.ttft_ms is not None:
        items.append(tr("first token {0} ms").format(round(message.ttft_ms)))
    if message.system_fingerprint:
        items.append(escape(message.system_fingerprint))
    return " · ".join(items)


def _actions(message: Message) -> list[tuple[str, str]]:
    actions = [(tr("Copy"), action_href("copy", message.id))]
    if message.request is not None:
        actions.append((tr("View request"), action_href("request", message.id)))
    if message.request is not None and "response_format" in message.request and message.text:
        actions.append((tr("View as data"), action_href("data", message.id)))
    if message.status is MessageStatus.DONE:
        actions.append((tr("Regenerate"), action_href("regenerate", message.id)))
    error = message.error
    if message.status in (MessageStatus.FAILED, MessageStatus.INTERRUPTED, MessageStatus.STOPPED):
        if error is not None and error.kind is ErrorKind.UNSUPPORTED_PARAMETER and error.param in OMITTABLE_PARAMS:
            other = _OTHER_LENGTH_CAP.get(error.param)
            label = (
                tr("Resend with '{0}'").format(other) if other else tr("Resend without '{0}'").format(error.param)
            )
            actions.append((label, action_href("without", message.id, error.param)))
        if error is None or error.kind is not ErrorKind.QUOTA_EXCEEDED:  # retrying a quota error cannot help
            actions.append((tr("Retry"), action_href("retry", message.id)))
        if error is not None and error.kind in (ErrorKind.INVALID_KEY, ErrorKind.NOT_OPENAI_API, ErrorKind.TIMEOUT):
            actions.append((tr("Settings…"), action_href("settings", message.id)))
        if message.status is MessageStatus.FAILED:
            actions.append((tr("Edit and resend"), action_href("edit", message.id)))
    return actions


def _links(actions: list[tuple[str, str]]) -> str:
    links = [f'<a href="{href}">{escape(label)}</a>' for label, href in actions]
    return f'<span style="font-size:small;">{" &nbsp;·&nbsp; ".join(links)}</span>'
