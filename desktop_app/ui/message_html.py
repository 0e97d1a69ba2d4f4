"""HTML for the parts of a message card: header, body and footer (usage, status, actions)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.controllers.playback_controller import format_duration
from desktop_app.core.conversation import Message, MessageStatus, Role
from desktop_app.ui.text import error_parts, format_wait
from desktop_app.core.errors import ErrorKind
from desktop_app.core.request import OMITTABLE_PARAMS
from desktop_app.ui.safe_text import escape

if TYPE_CHECKING:
    from desktop_app.core.markdown_render import RenderedMarkdown

# The theme's colours, read when HTML is made (set from the GUI thread by the chat view).
MUTED = "#57606a"
ERROR = "#b91c1c"
DARK = False  # code blocks in the dark highlighting style
# The two names of the length cap: a server that rejects one takes the other.
_OTHER_LENGTH_CAP = {"max_tokens": "max_completion_tokens", "max_completion_tokens": "max_tokens"}


def use_colors(muted: str, error: str, dark: bool) -> None:
    """Make the HTML from now on in these colours (the theme shown)."""
    global MUTED, ERROR, DARK
    MUTED, ERROR, DARK = muted, error, dark


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def action_href(action: str, message_id: str, argument: str = "") -> str:
    """The link a footer action or code-block Copy button points to."""
    return f"app:{action}/{message_id}/{argument}"


def header_html(message: Message, version: int = 0, versions: int = 1) -> str:
    """'You' or 'Assistant · model', the time, and a version switcher when the message has several."""
    # Words are translated outside the f-strings: lupdate does not look inside them.
    if message.role is Role.USER:
        html = "<b>" + translate("ChatView", "You") + "</b>"
    else:
        model = escape(message.model or "")
        html = "<b>" + translate("ChatView", "Assistant") + "</b>"
        html += f' <span style="color:{MUTED};">· {model}</span>' if model else ""
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(message.created_at))
    html += f' <span style="color:{MUTED}; font-size:small;">· {stamp}</span>'
    if versions > 1:
        html += " &nbsp; " + _version_switcher(message, version, versions)
    return html


def _arrow(symbol: str, href: str | None, tip: str) -> str:
    """A switcher arrow big enough to hit (the spaces around it are part of the link)."""
    if href is None:
        return f'<span style="font-size:large; color:{MUTED};">&nbsp;{symbol}&nbsp;</span>'
    return f'<a href="{href}" title="{escape(tip)}" style="font-size:large; text-decoration:none;">&nbsp;{symbol}&nbsp;</a>'


def _version_switcher(message: Message, version: int, versions: int) -> str:
    def arrow(symbol: str, target: int, tip: str) -> str:
        href = action_href("version", message.id, str(target)) if 0 <= target < versions else None
        return _arrow(symbol, href, tip)

    label = f"{version + 1}/{versions}"
    back = arrow("◀", version - 1, translate("ChatView", "Previous version"))
    forward = arrow("▶", version + 1, translate("ChatView", "Next version"))
    return f"{back}<b>{label}</b>{forward}"


# Replies rendered ahead of time on a worker thread (a long conversation opening), by `_body_key`.
# Only finished text is cached, so an entry never goes stale; the size bound keeps memory flat.
_rendered_ahead: dict[tuple, RenderedMarkdown] = {}
RENDERED_AHEAD_LIMIT = 2000


def _body_key(message: Message, dark: bool) -> tuple | None:
    if message.role is Role.USER or message.is_streaming:
        return None
    return message.id, message.selected, len(message.text), dark


def render_ahead(message: Message) -> None:
    """Render a reply's body now so that showing it later costs only the layout. Thread-safe."""
    dark = DARK  # read once: the theme may change meanwhile, and the entry is kept under this one
    key = _body_key(message, dark)
    if key is None or key in _rendered_ahead or is_collapsed(message):
        return
    if len(_rendered_ahead) >= RENDERED_AHEAD_LIMIT:
        _rendered_ahead.clear()
    _rendered_ahead[key] = _render_body(message, dark)


def is_rendered(message: Message) -> bool:
    """True when showing this message's body needs no Markdown rendering."""
    key = _body_key(message, DARK)
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
    size = translate("ChatView", "{0} characters; Copy takes them all").format(f"{len(message.text):,}")
    show_all = translate("ChatView", "Show all")
    return (
        f'<p style="white-space:pre-wrap; margin:0;">\n{preview}…\n</p>'
        f'<p style="margin:0;"><a href="{action_href("showall", message.id)}">{show_all}</a>'
        f' <span style="color:{MUTED}; font-size:small;">· {size}</span></p>'
    )


def body_html(message: Message) -> RenderedMarkdown:
    """The message text: Markdown for replies, the user's words as typed."""
    if is_collapsed(message):
        from desktop_app.core.markdown_render import RenderedMarkdown

        return RenderedMarkdown(_collapsed_body(message), ())
    key = _body_key(message, DARK)
    ready = _rendered_ahead.pop(key, None) if key is not None else None
    return ready if ready is not None else _render_body(message, DARK)


def _render_body(message: Message, dark: bool) -> RenderedMarkdown:
    # markdown-it and pygments cost ~100 ms to import: loaded in the background after the first paint.
    from desktop_app.core.markdown_render import RenderedMarkdown, render_markdown

    if message.role is Role.USER:
        escaped = escape(message.text)
        html = f'<p style="white-space:pre-wrap; margin:0;">\n{escaped}\n</p>' if message.text else ""
        thumbs, captions = [], []
        for a in message.attachments:
            size = f" · {a.width}×{a.height}" if a.width else ""
            caption = f"{escape(a.name)}{size} · {escape(a.detail)}"
            captions.append(f'<p style="margin:0; color:{MUTED}; font-size:small;">{caption}</p>')
            if a.data and a.width and a.height:  # a thumbnail drawn by the chat view; click to enlarge
                width = max(1, round(a.width * THUMB_PX / a.height))
                thumbs.append(
                    f'<a href="{action_href("image", message.id, a.id)}" title="{caption}">'
                    f'<img src="thumb:{message.id}/{a.id}" width="{width}" height="{THUMB_PX}"></a>'
                )
        if thumbs:  # (a web address the server fetches itself gets its caption only: the app never loads it)
            html += f'<p style="margin-top:4px; margin-bottom:0;">{" &nbsp;".join(thumbs)}</p>'
        html += "".join(captions)
        clip = _clip(message)
        if clip is not None:
            length = f" · {format_duration(clip.duration_s, round_up=True)}" if clip.duration_s else ""
            label = translate("ChatView", "Recording")
            html += f'<p style="margin:0; color:{MUTED};">🎤 {label}{length}</p>'
        return RenderedMarkdown(html, ())
    if not message.text and message.status is MessageStatus.STREAMING:
        return RenderedMarkdown("", ())
    return render_markdown(
        message.text,
        copy_href=lambda i: action_href("code", message.id, str(i)),
        copy_label=translate("ChatView", "Copy"),
        dark=dark,
    )


def footer_html(message: Message, voice: bool = False, cost: str = "", shown: bool = True) -> str:
    """Status, usage, timing, choices and the actions that fit this message.

    With `voice` (a player exists), messages with sound get Play and Save as MP3, and finished
    messages with text get Read aloud. `cost` is the reply's cost as HTML (ui.cost_text), shown after the tokens.
    Without `shown`, the hover actions (icons, Copy as Python) keep their place and links but are drawn
    invisible (see icon_src).
    """
    if message.role is Role.USER:
        actions = [(translate("ChatView", "Copy"), action_href("copy", message.id)), (translate("ChatView", "Edit"), action_href("editmsg", message.id))]
        return _links(actions + (_voice_actions(message) if voice else []), shown)
    parts: list[str] = []
    if len(message.choices) > 1 and message.status is not MessageStatus.FAILED:
        parts.append(_choice_switcher(message))
    status = _status_line(message)
    if status:
        parts.append(status)
    if message.error is not None and message.status in (MessageStatus.FAILED, MessageStatus.INTERRUPTED):
        parts.append(_error_card(message))
    stats = _stats_line(message, cost)
    if stats:
        parts.append(f'<span style="color:{MUTED}; font-size:small;">{stats}</span>')
    if not message.is_streaming:
        parts.append(_links(_actions(message) + (_voice_actions(message) if voice else []), shown))
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
        label = translate("ChatView", "Play recording") if message.role is Role.USER else translate("ChatView", "Play")
        actions.append((label + length, action_href("play", message.id)))
        actions.append((translate("ChatView", "Save as MP3"), action_href("savemp3", message.id)))
    if message.text.strip() and not message.is_streaming:
        actions.append((translate("ChatView", "Read aloud"), action_href("speak", message.id)))
    return actions


def _choice_switcher(message: Message) -> str:
    count, current = len(message.choices), message.selected
    prev_link = _arrow(
        "◀", action_href("choice", message.id, str(current - 1)) if current > 0 else None, translate("ChatView", "Previous choice")
    )
    next_link = _arrow(
        "▶", action_href("choice", message.id, str(current + 1)) if current < count - 1 else None, translate("ChatView", "Next choice")
    )
    label = translate("ChatView", "Choice {0} of {1}").format(current + 1, count)
    note = translate("ChatView", "the conversation continues from the one shown")
    return f'{prev_link}<b>{label}</b>{next_link} <span style="color:{MUTED};">· {note}</span>'


def _status_line(message: Message) -> str:
    finish = message.choices[message.selected].finish_reason
    if message.status is MessageStatus.STREAMING:
        if not message.text and _clip(message) is None:  # nothing yet: say how long it has been
            waited = int(max(0.0, time.time() - message.created_at))
            return _span(MUTED, translate("ChatView", "Waiting for the first token… {0} s").format(waited))
        return _span(MUTED, translate("ChatView", "Answering…"))
    arrived = any(c.text for c in message.choices) or message.audio is not None
    kept = translate("ChatView", "the partial answer is kept")
    if message.status is MessageStatus.STOPPED:
        gone = translate("ChatView", "before any text arrived")
        return _span(MUTED, "<b>" + translate("ChatView", "Stopped") + "</b> · " + (kept if arrived else gone))
    if message.status is MessageStatus.INTERRUPTED:
        gone = translate("ChatView", "nothing had arrived")
        return _span(ERROR, "<b>" + translate("ChatView", "Interrupted") + "</b> · " + (kept if arrived else gone))
    notes = []
    if finish == "length":
        notes.append(translate("ChatView", "Cut off at the token limit (finish_reason: length)."))
    elif finish == "content_filter":
        notes.append(translate("ChatView", "Stopped by the content filter."))
    elif finish == "tool_calls" and not message.text:
        notes.append(translate(
            "ChatView", "The model answered with a tool call, which this app does not run: there is no text."
        ))
    elif message.status is MessageStatus.DONE and not message.text and message.audio is None:
        notes.append(translate("ChatView", "The server's answer is empty (no text)."))
    asked = (message.request or {}).get("n", 1)
    if message.status is MessageStatus.DONE and isinstance(asked, int) and asked > len(message.choices):
        notes.append(translate("ChatView", "{0} answers were asked for and the server sent {1}: it ignores n.").format(
            asked, len(message.choices)
        ))
    return " ".join(_span(MUTED, note) for note in notes)


def _span(color: str, html: str) -> str:
    return f'<span style="color:{color};">{html}</span>'


def _error_card(message: Message) -> str:
    error = message.error
    text, hint = (escape(part) for part in error_parts(error))
    wait = message.retry_wait_left()
    if wait is not None:  # a live countdown instead of the wait as it was when the error came
        hint = translate("ChatView", "Try again in {0}.").format(format_wait(wait)) if wait > 0 else translate("ChatView", "You can retry now.")
    if error.kind is ErrorKind.TIMEOUT:
        hint += " " + escape(_timeout_note(message))
    return f'<span style="color:{ERROR};"><b>{text}</b></span> <span>{hint}</span>'


def _timeout_note(message: Message) -> str:
    """How long the app waited, and where the wait is set."""
    if message.text or message.ended_at is None:
        return translate("ChatView", "The server sent nothing for longer than the read timeout (Settings → Read timeout).")
    waited = format_wait(max(0.0, message.ended_at - message.created_at))
    return translate("ChatView", "Waited {0} without an answer; the read timeout is set in Settings → Read timeout.").format(waited)


def _stats_line(message: Message, cost: str = "") -> str:
    items: list[str] = []
    usage = message.usage
    if usage is not None:
        items.append(translate("ChatView", "{0} prompt").format(usage.prompt_tokens))
        items.append(translate("ChatView", "{0} completion").format(usage.completion_tokens))
        if usage.reasoning_tokens is not None:
            items.append(translate("ChatView", "{0} reasoning").format(usage.reasoning_tokens))
        if usage.cached_tokens is not None:
            items.append(translate("ChatView", "{0} cached").format(usage.cached_tokens))
        # Details some servers report (None when absent; OpenAI sends 0 for what a request had none of).
        if usage.image_tokens:
            items.append(translate("ChatView", "{0} image").format(usage.image_tokens))
        if usage.audio_prompt_tokens:
            items.append(translate("ChatView", "{0} audio in").format(usage.audio_prompt_tokens))
        if usage.audio_completion_tokens:
            items.append(translate("ChatView", "{0} audio out").format(usage.audio_completion_tokens))
        items[-1] += " " + translate("ChatView", "tokens")
        if cost:
            items.append(cost)
    elif not message.is_streaming and message.status is not MessageStatus.FAILED:
        items.append(translate("ChatView", "usage not reported"))
    if message.ttft_ms is not None:
        items.append(translate("ChatView", "first token {0} ms").format(round(message.ttft_ms)))
    if message.system_fingerprint:
        items.append(escape(message.system_fingerprint))
    return " · ".join(items)


def _actions(message: Message) -> list[tuple[str, str]]:
    actions = [(translate("ChatView", "Copy"), action_href("copy", message.id))]
    if message.request is not None:
        actions.append((translate("ChatView", "View request"), action_href("request", message.id)))
        actions.append((translate("ChatView", "Copy as Python"), action_href("python", message.id)))
    if message.request is not None and "response_format" in message.request and message.text:
        actions.append((translate("ChatView", "View as data"), action_href("data", message.id)))
    if message.status is MessageStatus.DONE:
        actions.append((translate("ChatView", "Regenerate"), action_href("regenerate", message.id)))
    error = message.error
    if message.status in (MessageStatus.FAILED, MessageStatus.INTERRUPTED, MessageStatus.STOPPED):
        if error is not None and error.kind is ErrorKind.UNSUPPORTED_PARAMETER and error.param in OMITTABLE_PARAMS:
            other = _OTHER_LENGTH_CAP.get(error.param)
            label = (
                translate("ChatView", "Resend with '{0}'").format(other) if other else translate("ChatView", "Resend without '{0}'").format(error.param)
            )
            actions.append((label, action_href("without", message.id, error.param)))
        if error is not None and error.kind is ErrorKind.ROLE_REJECTED:
            actions.append((translate("ChatView", "Send as system"), action_href("assystem", message.id)))
        if error is None or error.kind is not ErrorKind.QUOTA_EXCEEDED:  # retrying a quota error cannot help
            actions.append((translate("ChatView", "Retry"), action_href("retry", message.id)))
        if error is not None and error.kind in (ErrorKind.INVALID_KEY, ErrorKind.NOT_OPENAI_API, ErrorKind.TIMEOUT):
            actions.append((translate("ChatView", "Settings…"), action_href("settings", message.id)))
        if message.status is MessageStatus.FAILED:
            actions.append((translate("ChatView", "Edit and resend"), action_href("edit", message.id)))
    return actions


# Actions drawn as an icon (resources/icons/<name>.svg, served by the chat view) with the label as tooltip.
ACTION_ICONS = {
    "copy": "copy",
    "editmsg": "edit",
    "request": "request",
    "data": "data",
    "regenerate": "regenerate",
    "speak": "speaker",
    "savemp3": "download",
    "play": "play",
}
ICON_PX = 18
THUMB_PX = 96  # height of the images shown in a sent message


HIDDEN = "hidden"  # the query of an icon drawn invisible: the link keeps its place, its tooltip and Tab stop


def icon_src(name: str, shown: bool = True) -> str:
    """The image name of an action icon, drawn or (not `shown`) kept invisible in its place."""
    return f"icon:{name}" if shown else f"icon:{name}?{HIDDEN}"


# Actions spelled out but, like the icons, drawn only on hover or keyboard focus.
HOVER_TEXT_ACTIONS = ("python",)


def is_hover_action(href: str) -> bool:
    """True for the link of an action drawn only on hover or keyboard focus (the icons, Copy as Python)."""
    action = href[4:].partition("/")[0] if href.startswith("app:") else ""
    return action in ACTION_ICONS or action in HOVER_TEXT_ACTIONS


def _icon(name: str, shown: bool) -> str:
    return f'<img src="{icon_src(name, shown)}" width="{ICON_PX}" height="{ICON_PX}" style="vertical-align: middle">'


def _links(actions: list[tuple[str, str]], shown: bool = True) -> str:
    icons, texts, hover_texts = [], [], []
    hide = "" if shown else ' style="color: transparent"'
    for label, href in actions:
        action = href.partition(":")[2].partition("/")[0]
        name = ACTION_ICONS.get(action)
        if name == "play":  # the length is worth reading without hovering
            length = label.partition("(")[2].rstrip(")")
            play = f"{_icon(name, shown)}&nbsp;{escape(length)}"
            icons.append(f'<a href="{href}" title="{escape(label)}"{hide}>{play}</a>')
        elif name is not None:
            icons.append(f'<a href="{href}" title="{escape(label)}">{_icon(name, shown)}</a>')
        elif action in HOVER_TEXT_ACTIONS:
            hover_texts.append(f'<a href="{href}"{hide}>{escape(label)}</a>')
        else:  # the way on after a failure: spelled out, always drawn, first
            texts.append(f'<a href="{href}">{escape(label)}</a>')
    parts = [" &nbsp;·&nbsp; ".join(texts)] if texts else []
    if icons:
        parts.append(" &nbsp; ".join(icons))
    if hover_texts:
        parts.append(" &nbsp;·&nbsp; ".join(hover_texts))
    return f'<span style="font-size:small;">{" &nbsp;&nbsp; ".join(parts)}</span>'
