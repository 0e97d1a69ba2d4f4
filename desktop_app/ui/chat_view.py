"""The conversation: one QTextBrowser, a frame per message, streaming text appended at the tail."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFrame,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QTextBrowser

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.core.conversation import Message, Role
from desktop_app.core.markdown_stream import stable_prefix_end
from desktop_app.ui import message_html

USER_BACKGROUND = QColor("#eef4ff")
ASSISTANT_BACKGROUND = QColor("#ffffff")
FRAME_BORDER = QColor("#d8dee9")
# A finished reply up to this size is rendered again whole (a few ms); a longer one keeps the blocks
# rendered while it streamed, because laying out 100 KB at once stalls the GUI for ~100 ms.
FULL_RENDER_LIMIT = 16_000


@dataclass
class _Streaming:
    """A reply being streamed: finished blocks rendered once, the unfinished tail as plain text."""

    rendered: QTextFrame
    tail: QTextFrame
    choice: int
    rendered_upto: int = 0


@dataclass
class _MessageFrames:
    """Where a message lives in the document."""

    outer: QTextFrame
    header: QTextFrame
    body: QTextFrame
    footer: QTextFrame
    code_blocks: list[str] = field(default_factory=list)
    streaming: _Streaming | None = None


class ChatView(QTextBrowser):
    """Shows the current conversation and keeps it in step with the chat controller."""

    sig_request_view_requested = Signal(str)
    """The user asked to see the request behind a reply (message id)."""

    sig_edit_requested = Signal(str)
    """The user wants a failed message back in the composer (message id)."""

    sig_settings_requested = Signal()
    """The user followed a link to the settings (after a key or URL error)."""

    def __init__(self, chat: ChatController, parent=None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._frames: dict[str, _MessageFrames] = {}
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setPlaceholderText(self.tr("Ask anything. Enter sends, Shift+Enter starts a new line."))
        self.document().setDocumentMargin(12)
        self._countdown = QTimer(self, interval=500)  # rate-limit waits shown live
        self._countdown.timeout.connect(self._on_countdown_timeout)
        self.anchorClicked.connect(self._on_anchor_clicked)
        chat.sig_conversation_switched.connect(self._on_chat_conversation_switched)
        chat.sig_message_added.connect(self._on_chat_message_added)
        chat.sig_message_updated.connect(self._on_chat_message_updated)
        chat.sig_message_removed.connect(self._on_chat_message_removed)
        chat.sig_reply_progressed.connect(self._on_chat_reply_progressed)
        self._show_conversation()

    # -- public API ------------------------------------------------------------------------------

    def message_text(self, message_id: str) -> str:
        """The plain text shown for one message's body (what a user would select and copy)."""
        frames = self._frames.get(message_id)
        return _frame_cursor(frames.body).selection().toPlainText() if frames else ""

    def footer_text(self, message_id: str) -> str:
        """The plain text of one message's footer (status, usage, actions)."""
        frames = self._frames.get(message_id)
        return _frame_cursor(frames.footer).selection().toPlainText() if frames else ""

    def links(self, message_id: str) -> list[str]:
        """Every link in a message's card, in order (for keyboard users and tests)."""
        frames = self._frames.get(message_id)
        if frames is None:
            return []
        hrefs: list[str] = []
        block = self.document().findBlock(frames.outer.firstPosition())
        while block.isValid() and block.position() <= frames.outer.lastPosition():
            it = block.begin()
            while not it.atEnd():
                href = it.fragment().charFormat().anchorHref()
                if href and href not in hrefs:
                    hrefs.append(href)
                it += 1
            block = block.next()
        return hrefs

    def follow_link(self, href: str) -> None:
        """Act as if the user clicked the link `href`."""
        self._on_anchor_clicked(QUrl(href))

    # -- rendering -------------------------------------------------------------------------------

    def _show_conversation(self) -> None:
        self.clear()
        self._frames.clear()
        for message in self._chat.current.messages:
            self._append_message(message)

    def _append_message(self, message: Message) -> None:
        stick = self._at_bottom()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        outer = cursor.insertFrame(_outer_format(message))
        header = cursor.insertFrame(_inner_format())
        body = outer.lastCursorPosition().insertFrame(_inner_format())
        footer = outer.lastCursorPosition().insertFrame(_inner_format())
        frames = _MessageFrames(outer, header, body, footer)
        self._frames[message.id] = frames
        _set_html(header, message_html.header_html(message))
        self._render(message, frames)
        if stick:
            self._scroll_to_bottom()

    def _render(self, message: Message, frames: _MessageFrames) -> None:
        streaming = frames.streaming
        if message.is_streaming:
            if streaming is None or streaming.choice != message.selected:
                self._start_streaming(message, frames)
        elif streaming is not None and streaming.choice == message.selected and len(message.text) > FULL_RENDER_LIMIT:
            self._finish_streaming(message, frames)
        else:
            rendered = message_html.body_html(message)
            frames.code_blocks = list(rendered.code_blocks)
            frames.streaming = None
            _set_html(frames.body, rendered.html)
        _set_html(frames.header, message_html.header_html(message))
        _set_html(frames.footer, message_html.footer_html(message))

    def _start_streaming(self, message: Message, frames: _MessageFrames) -> None:
        _set_html(frames.body, "")
        rendered = frames.body.firstCursorPosition().insertFrame(_inner_format())
        tail = frames.body.lastCursorPosition().insertFrame(_inner_format())
        frames.streaming = _Streaming(rendered, tail, message.selected)
        frames.code_blocks = []
        if message.text:
            self._stream_text(message, frames, message.text)

    def _stream_text(self, message: Message, frames: _MessageFrames, new_text: str) -> None:
        """Append new text to the tail; render whatever blocks it completed."""
        streaming = frames.streaming
        streaming.tail.lastCursorPosition().insertText(new_text, QTextCharFormat())
        cut = stable_prefix_end(message.text, streaming.rendered_upto)
        if cut > streaming.rendered_upto:
            self._append_rendered(message, frames, message.text[streaming.rendered_upto : cut])
            streaming.rendered_upto = cut
            cursor = _frame_cursor(streaming.tail)
            cursor.removeSelectedText()
            cursor.insertText(message.text[cut:], QTextCharFormat())

    def _finish_streaming(self, message: Message, frames: _MessageFrames) -> None:
        streaming = frames.streaming
        rest = message.text[streaming.rendered_upto :]
        if rest.strip():
            self._append_rendered(message, frames, rest)
        _frame_cursor(streaming.tail).removeSelectedText()
        frames.streaming = None

    def _append_rendered(self, message: Message, frames: _MessageFrames, markdown: str) -> None:
        from desktop_app.core.markdown_render import render_markdown  # loaded after the first paint

        offset = len(frames.code_blocks)
        rendered = render_markdown(
            markdown, copy_href=lambda i: message_html.action_href("code", message.id, str(offset + i))
        )
        frames.code_blocks.extend(rendered.code_blocks)
        cursor = frames.streaming.rendered.lastCursorPosition()
        if frames.streaming.rendered_upto > 0:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        cursor.insertHtml(rendered.html)

    def _update_countdown(self) -> None:
        waiting = any(m.retry_wait_left() for m in self._chat.current.messages[-1:])
        if waiting and not self._countdown.isActive():
            self._countdown.start()
        elif not waiting:
            self._countdown.stop()

    @Slot()
    def _on_countdown_timeout(self) -> None:
        for message in self._chat.current.messages[-1:]:
            frames = self._frames.get(message.id)
            if frames is not None and message.retry_wait_left() is not None:
                _set_html(frames.footer, message_html.footer_html(message))
        self._update_countdown()

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _scroll_to_bottom(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    # -- controller signals ----------------------------------------------------------------------

    @Slot(str)
    def _on_chat_conversation_switched(self, _conversation_id: str) -> None:
        self._show_conversation()
        self._update_countdown()

    @Slot(str)
    def _on_chat_message_added(self, message_id: str) -> None:
        message = self._chat.current.find(message_id)
        if message is not None:
            self._append_message(message)

    @Slot(str)
    def _on_chat_message_updated(self, message_id: str) -> None:
        message = self._chat.current.find(message_id)
        frames = self._frames.get(message_id)
        if message is not None and frames is not None:
            stick = self._at_bottom()
            self._render(message, frames)
            if stick:
                self._scroll_to_bottom()
            self._update_countdown()

    @Slot(str)
    def _on_chat_message_removed(self, message_id: str) -> None:
        frames = self._frames.pop(message_id, None)
        if frames is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(frames.outer.firstPosition() - 1)
        cursor.setPosition(frames.outer.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    @Slot(str, object)
    def _on_chat_reply_progressed(self, message_id: str, deltas: dict) -> None:
        frames = self._frames.get(message_id)
        message = self._chat.current.find(message_id)
        if frames is None or message is None:
            return
        text = deltas.get(message.selected)
        if not text:
            return
        stick = self._at_bottom()
        if frames.streaming is None or frames.streaming.choice != message.selected:
            self._start_streaming(message, frames)  # shows the whole choice, new text included
        else:
            # Only the tail changes: the cost of a frame is the new text, not the whole message.
            self._stream_text(message, frames, text)
        if stick:
            self._scroll_to_bottom()

    # -- links -----------------------------------------------------------------------------------

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() != "app":
            if url.scheme() in ("http", "https", "mailto"):
                QDesktopServices.openUrl(url)
            return
        action, _, rest = url.path().partition("/")
        message_id, _, argument = rest.partition("/")
        message = self._chat.current.find(message_id)
        if message is None:
            return
        if action == "copy":
            QGuiApplication.clipboard().setText(message.text)
        elif action == "code":
            blocks = self._frames[message_id].code_blocks
            if argument.isdigit() and int(argument) < len(blocks):
                QGuiApplication.clipboard().setText(blocks[int(argument)])
        elif action == "choice" and argument.isdigit():
            self._chat.select_choice(message_id, int(argument))
        elif action == "retry":
            self._chat.retry(message_id)
        elif action == "without":
            self._chat.resend_without(message_id, argument)
        elif action == "edit":
            self.sig_edit_requested.emit(message_id)
        elif action == "request":
            self.sig_request_view_requested.emit(message_id)
        elif action == "settings":
            self.sig_settings_requested.emit()


def _outer_format(message: Message) -> QTextFrameFormat:
    fmt = QTextFrameFormat()
    fmt.setBackground(USER_BACKGROUND if message.role is Role.USER else ASSISTANT_BACKGROUND)
    fmt.setBorder(1)
    fmt.setBorderBrush(FRAME_BORDER)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setPadding(10)
    fmt.setMargin(0)
    fmt.setBottomMargin(10)
    return fmt


def _inner_format() -> QTextFrameFormat:
    fmt = QTextFrameFormat()
    fmt.setBorder(0)
    fmt.setPadding(0)
    fmt.setMargin(0)
    fmt.setBottomMargin(4)
    return fmt


def _frame_cursor(frame: QTextFrame) -> QTextCursor:
    cursor = frame.firstCursorPosition()
    cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    return cursor


def _set_html(frame: QTextFrame, html: str) -> None:
    """Replace what a frame shows."""
    cursor = _frame_cursor(frame)
    cursor.removeSelectedText()
    cursor.setCharFormat(QTextCharFormat())
    if html:
        cursor.insertHtml(html)
