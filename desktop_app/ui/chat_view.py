"""The conversation: one QTextBrowser, a frame per message, streaming text appended at the tail."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QGuiApplication,
    QTextCharFormat,
    QTextCursor,
    QTextFrame,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QTextBrowser

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.core.conversation import Message, Role
from desktop_app.ui import message_html

USER_BACKGROUND = QColor("#eef4ff")
ASSISTANT_BACKGROUND = QColor("#ffffff")
FRAME_BORDER = QColor("#d8dee9")


@dataclass
class _MessageFrames:
    """Where a message lives in the document."""

    outer: QTextFrame
    header: QTextFrame
    body: QTextFrame
    footer: QTextFrame
    code_blocks: tuple[str, ...] = ()


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
        rendered = message_html.body_html(message)
        frames.code_blocks = rendered.code_blocks
        _set_html(frames.body, rendered.html)
        _set_html(frames.header, message_html.header_html(message))
        _set_html(frames.footer, message_html.footer_html(message))

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
        # Append at the tail of the body only: the cost of a frame is the new text, not the message.
        cursor = frames.body.lastCursorPosition()
        cursor.insertText(text, QTextCharFormat())
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
