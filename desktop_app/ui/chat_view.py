"""The conversation: one QTextBrowser, a frame per message, streaming text appended at the tail.

Opening a conversation builds only its newest messages at once; older ones are added above them in
slices of a few milliseconds while the event loop is idle, a few screens' worth, and further back
only as the reader scrolls there. The document holds a window of at most WINDOW messages: scrolling
up drops the newest from the bottom, scrolling back down rebuilds them. A 1,000-message
conversation shows at once, and the document (every insertion into it costs more as it grows)
never becomes one giant document.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFocusEvent,
    QFontMetrics,
    QGuiApplication,
    QPalette,
    QIcon,
    QImage,
    QMouseEvent,
    QPixmap,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrame,
    QTextFrameFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolButton

from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.playback_controller import PlaybackController
from desktop_app.core.conversation import Message, Role
from desktop_app.core.markdown_stream import stable_prefix_end
from desktop_app.ui import json_inline, link_guard, message_html
from desktop_app.ui.icons import themed_icon, themed_image
from desktop_app.ui.search_results import MATCH_BACKGROUND, MATCH_TEXT
from desktop_app.ui.theme import LIGHT_THEME, Theme
from desktop_app.ui.safe_text import SafeTextDocument, refused_resource
from desktop_app.workers.task_runner import TaskRunner

# A finished reply up to this size is rendered again whole (a few ms); a longer one keeps the blocks
# rendered while it streamed, because laying out 100 KB at once stalls the GUI for ~100 ms.
FULL_RENDER_LIMIT = 16_000
# Messages built at once when a conversation opens (older ones follow in slices): the newest ones
# that fill half the screen, at most 4 (8 made the opening stall ~55 ms instead of ~35 ms on a quiet
# 2-core machine: building and laying out a reply costs ~5 ms, and the first paint follows at once).
FIRST_PAGE = 4
JUMP_PAGE = 12  # messages built at once around a message the view jumps to (a search hit, a zoom)
SLICE_BUDGET_S = 0.006  # GUI time one slice of background building may take
RENDER_WAIT_MS = 4
# A streaming reply's finished blocks are rendered this often at most (its text shows every frame):
# each render has a fixed cost (Markdown parse, insertHtml, relayout) that at 30 frames a second
# took over a third of the GUI's time on a fast stream. Longer waits saved little more and made
# each render (and the final one) bigger: the GUI stalls for as long as one takes.
RENDER_EVERY_S = 0.1
BUILT_AHEAD = 40  # older messages built without being asked; more as the reader nears the top
BUILD_STEP = 20  # messages built each time the reader nears either end of the window
BUILD_MORE_PX = 1500  # scrolling this close to an end of the window builds the next messages
# Most messages in the document at once: an insertion above others costs more the more follow it
# (Qt lays out everything below again), ~15 ms for a 2 KB reply at the top of 150.
WINDOW = 80
READABLE_CHARS = 110  # on a wide window the messages keep to about this many characters a line
CARD_CHROME_PX = 2 * (12 + 10 + 1)  # document margin, card padding and border, both sides
GAP_PX = 2  # height of the empty line between the parts of a card
CARD_CHROME_LINES = 3  # a card's header, footer and padding, in lines of text
FILL_SAMPLE_CHARS = 20_000  # more than any screen shows of one message: all the first page looks at
MIN_ZOOM, MAX_ZOOM = -4, 12  # steps of one point from the usual text size


@dataclass
class _Streaming:
    """A reply being streamed: finished blocks rendered once, the unfinished tail as plain text."""

    rendered: QTextFrame
    tail: QTextFrame
    choice: int
    rendered_upto: int = 0
    rendered_at: float = 0.0  # time.monotonic() of the last render of finished blocks


@dataclass
class _MessageFrames:
    """Where a message lives in the document."""

    outer: QTextFrame
    header: QTextFrame
    body: QTextFrame
    footer: QTextFrame
    code_blocks: list[str] = field(default_factory=list)
    streaming: _Streaming | None = None
    collapsed: bool = False
    data: QTextFrame | None = None  # a JSON answer's Table and Tree, made when a message offers them


class ChatView(QTextBrowser):
    """Shows the current conversation and keeps it in step with the chat controller."""

    sig_request_view_requested = Signal(str)
    """The user asked to see the request behind a reply (message id)."""

    sig_python_copy_requested = Signal(str)
    """The user asked to copy the Python that sends a reply's request again (message id)."""

    sig_edit_requested = Signal(str)
    """The user wants a failed message back in the composer (message id)."""

    sig_message_edit_requested = Signal(str)
    """The user wants to edit an earlier message of theirs and resend it (message id)."""

    sig_data_view_requested = Signal(str)
    """The user wants a JSON reply (message id) as a tree or table."""

    sig_fully_built = Signal()
    """Every message of the conversation is in the view (older ones are built in the background)."""

    sig_settings_requested = Signal()
    """The user followed a link to the settings (after a key or URL error)."""

    def __init__(self, chat: ChatController, playback: PlaybackController | None = None, parent=None) -> None:
        super().__init__(parent)
        self._chat = chat
        self._playback = playback
        self._frames: dict[str, _MessageFrames] = {}
        self._order: list[str] = []  # ids of the built messages, top to bottom
        self._pending: list[Message] = []  # older messages not in the view, oldest first
        self._newer: list[Message] = []  # newer messages not in the view (scrolled far up), oldest first
        self._to_build = 0  # messages the running build still adds
        self._building_older = True  # which end of the window the build timer extends
        self._saving_id = ""  # the message whose sound the open save dialog is for
        self.setDocument(SafeTextDocument(self, own=self._own_resource))  # a reply's HTML can name files: none is ever loaded
        self._cost_html = None  # message -> cost HTML, set by the window (set_cost_source)
        self._theme = LIGHT_THEME
        self._zoom = 0
        self._icons: dict[tuple, QImage] = {}  # the action icons, by name, colour and screen density
        self._thumbs: dict[str, QImage] = {}  # "<message id>/<attachment id>" -> the image, made small
        self._thumbs_queued: set[str] = set()
        # A message's actions (icons, Copy as Python) are drawn only while the pointer or the caret is in it.
        self._hovered_id = ""
        self._caret_id = ""
        self._actions_shown: set[str] = set()
        self._data_open: dict[str, str] = {}  # message id -> the JSON table or tree opened in it
        self._base_point_size = self.font().pointSizeF()
        self.setAutoFillBackground(True)  # the side margins of a wide window in the theme's colour
        message_html.use_colors(LIGHT_THEME.muted, LIGHT_THEME.error, LIGHT_THEME.dark)
        # Following the conversation: True while the reader is at the end; growth then scrolls along.
        self._following = True
        self._in_slice = False  # a build slice is adding messages: it scrolls once, at its end
        self.new_messages_button = QToolButton(self)
        self.new_messages_button.setText(self.tr("New messages"))
        self.new_messages_button.setToolTip(self.tr("Jump to the newest message"))
        self.new_messages_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_messages_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.new_messages_button.hide()
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.document().setUndoRedoEnabled(False)  # read-only: an undo stack would keep every text replaced
        # A caret for the keyboard: arrows move it, Shift+arrows select, Ctrl+C copies; Tab still visits links.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setPlaceholderText(self.tr("Ask anything. Enter sends, Shift+Enter starts a new line."))
        self.document().setDocumentMargin(12)
        self._countdown = QTimer(self, interval=500)  # rate-limit waits shown live
        self._countdown.timeout.connect(self._on_countdown_timeout)
        self._stale_footers: list[str] = []  # ids whose footers wait to be redrawn, newest last
        self._footer_timer = QTimer(self, interval=0)
        self._footer_timer.timeout.connect(self._on_footer_timer_timeout)
        self._build_timer = QTimer(self, interval=0)
        self._build_timer.timeout.connect(self._on_build_timer_timeout)
        # Older messages' Markdown is rendered on this thread, newest first, ahead of the build.
        self._renderer = TaskRunner(max_workers=1, parent=self)
        self._render_generation = 0
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.highlighted.connect(self._on_highlighted)
        self.cursorPositionChanged.connect(self._on_cursor_position_changed)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll_bar_value_changed)
        self.verticalScrollBar().rangeChanged.connect(self._on_scroll_bar_range_changed)
        self.new_messages_button.clicked.connect(self.scroll_to_newest)
        chat.sig_conversation_switched.connect(self._on_chat_conversation_switched)
        chat.sig_message_added.connect(self._on_chat_message_added)
        chat.sig_message_updated.connect(self._on_chat_message_updated)
        chat.sig_message_removed.connect(self._on_chat_message_removed)
        chat.sig_reply_progressed.connect(self._on_chat_reply_progressed)
        chat.sig_branch_changed.connect(self._on_chat_branch_changed)
        chat.sig_message_focus_requested.connect(self._on_chat_message_focus_requested)
        chat.sig_match_highlight_requested.connect(self._on_chat_match_highlight_requested)
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

    def data_text(self, message_id: str) -> str:
        """The plain text of a JSON answer's Table and Tree links and the one opened in the message."""
        frames = self._frames.get(message_id)
        return _frame_cursor(frames.data).selection().toPlainText() if frames and frames.data else ""

    def actions_shown(self, message_id: str) -> bool:
        """True while a message's actions are drawn (pointer over it, or the caret in it)."""
        return message_id in self._actions_shown

    def follow_link(self, href: str) -> None:
        """Act as if the user clicked the link `href`."""
        self._on_anchor_clicked(QUrl(href))

    def header_text(self, message_id: str) -> str:
        """The plain text of one message's header (role, model, time, version switcher)."""
        frames = self._frames.get(message_id)
        return _frame_cursor(frames.header).selection().toPlainText() if frames else ""

    def built_ids(self) -> list[str]:
        """The ids of the messages in the view's document, top to bottom."""
        return list(self._order)

    def is_fully_built(self) -> bool:
        """True once the reader can scroll to the first message (it is in the document)."""
        return not self._pending

    def message_top(self, message_id: str) -> int | None:
        """Where a message's card starts, in scroll-bar units (None if it is not built)."""
        frames = self._frames.get(message_id)
        if frames is None:
            return None
        return int(self.document().documentLayout().frameBoundingRect(frames.outer).top())

    def set_theme(self, theme: Theme) -> None:
        """Draw in another theme; the messages shown are built again where the reader is."""
        palette = self.palette()
        for role, color in (
            (QPalette.ColorRole.Window, theme.background),
            (QPalette.ColorRole.Base, theme.background),
            (QPalette.ColorRole.Text, theme.text),
            (QPalette.ColorRole.Link, theme.link),
        ):
            palette.setColor(role, QColor(color))
        self.setPalette(palette)
        # Qt colours a link when it reads the HTML: in the theme's colour, whatever the desktop's palette.
        self.document().setDefaultStyleSheet(f"a {{ color: {theme.link}; }}")
        self._style_new_messages_button(theme)
        if theme == self._theme:
            return
        self._theme = theme
        message_html.use_colors(theme.muted, theme.error, theme.dark)
        self._rebuild_in_place()

    def scroll_to_newest(self) -> None:
        """Go to the end of the conversation and follow it again."""
        if self._newer:
            self._show_conversation()
        self._following = True
        self._scroll_to_bottom()
        self.new_messages_button.hide()

    def _thumbnail(self, key: str) -> QImage | None:
        """A sent image made small, or None while it is being made on the renderer thread."""
        if key in self._thumbs:
            return self._thumbs[key]
        message_id, _, attachment_id = key.partition("/")
        message = self._chat.current.find(message_id)
        attachment = next((a for a in message.attachments if a.id == attachment_id), None) if message else None
        if attachment is None or key in self._thumbs_queued:
            return None
        self._thumbs_queued.add(key)
        ratio = self.devicePixelRatioF()
        data, height = attachment.data, round(message_html.THUMB_PX * ratio)

        def shrink() -> QImage:  # decoding a photo takes tens of ms: never on the GUI thread
            image = QImage.fromData(data)
            if not image.isNull() and image.height() > height:
                image = image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
            image.setDevicePixelRatio(ratio)
            return image

        def done(image: QImage) -> None:
            self._thumbs[key] = image
            self._thumbs_queued.discard(key)
            self.viewport().update()  # the space was kept (the size is known): only a repaint

        self._renderer.run(shrink, done)
        return None

    def icon_steps(self) -> list:
        """Steps that each draw one action icon in the theme's colour before a card needs it (~1 ms
        each, on this thread: the SVG renderer is not documented as safe on another)."""
        color, ratio = self._theme.muted, self.devicePixelRatioF()

        def draw(name: str) -> None:
            key = (name, color, ratio)
            if key not in self._icons:
                self._icons[key] = themed_image(name, color, message_html.ICON_PX, ratio)

        return [lambda name=name: draw(name) for name in sorted(set(message_html.ACTION_ICONS.values()))]

    def zoom(self) -> int:
        """How many points the chat text is above (or below) the usual size."""
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Show the chat text `steps` points bigger than usual (negative: smaller)."""
        self._zoom = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        font = QFont(self.font())
        font.setPointSizeF(max(4.0, self._base_point_size + self._zoom))
        self.setFont(font)
        self._update_margins()

    # -- rendering -------------------------------------------------------------------------------

    def _rebuild_in_place(self) -> None:
        """Build the shown messages anew (new colours), the reader's place kept."""
        if self._at_bottom() and not self._newer:
            self._show_conversation()
            return
        top = self._first_visible_id()
        messages = self._chat.current.messages
        index = next((i for i, m in enumerate(messages) if m.id == top), None)
        if index is None:
            self._show_conversation()
            return
        offset = self.verticalScrollBar().value() - (self.message_top(top) or 0)
        start = max(0, index - 2)
        self._show_range(start, min(len(messages), start + JUMP_PAGE))
        self.verticalScrollBar().setValue((self.message_top(top) or 0) + offset)

    def _first_visible_id(self) -> str | None:
        value = self.verticalScrollBar().value()
        layout = self.document().documentLayout()
        for message_id in self._order:
            if layout.frameBoundingRect(self._frames[message_id].outer).bottom() > value:
                return message_id
        return None

    def _update_margins(self) -> None:
        limit = QFontMetrics(self.font()).averageCharWidth() * READABLE_CHARS + CARD_CHROME_PX
        side = max(0, self.width() - limit) // 2
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def _show_conversation(self) -> None:
        messages = self._chat.current.messages
        self._show_range(self._first_page_start(messages), len(messages))
        self._scroll_to_bottom()
        if self._pending:
            self._start_build(older=True, count=BUILT_AHEAD)
        else:
            self.sig_fully_built.emit()

    def _first_page_start(self, messages: list[Message]) -> int:
        """Where the first page starts: the newest messages whose text, roughly, fills the lower half
        of the view. The slices that follow fill the rest above them a frame or two later; the reader's
        place, at the newest message, does not move."""
        metrics = QFontMetrics(self.font())
        line_px = metrics.lineSpacing()
        chars_per_line = max(20, (self.viewport().width() - CARD_CHROME_PX) // max(1, metrics.averageCharWidth()))
        height = self.viewport().height() // 2
        start = len(messages)
        while start > max(0, len(messages) - FIRST_PAGE) and height > 0:
            start -= 1
            sample = messages[start].text[:FILL_SAMPLE_CHARS]  # a 5 MB reply is not split on the GUI thread
            lines = sum(1 + len(line) // chars_per_line for line in sample.splitlines())
            height -= (lines + CARD_CHROME_LINES) * line_px
        return start

    def _show_range(self, start: int, end: int) -> None:
        """Start over with messages[start:end] in the document; the rest is built on demand."""
        self._build_timer.stop()
        self._frames.clear()  # first: clearing moves the caret, and its slot must not look at deleted frames
        self._order = []
        self.clear()
        messages = self._chat.current.messages
        edit = QTextCursor(self.document())
        edit.beginEditBlock()
        for message in messages[start:end]:
            self._append_message(message)
        edit.endEditBlock()
        self._pending = list(messages[:start])
        self._newer = list(messages[end:])
        self._render_generation += 1  # what was queued for another conversation is dropped

    def _start_build(self, older: bool, count: int) -> None:
        self._building_older = older
        self._to_build = count
        upcoming = self._pending[::-1] if older else self._newer
        self._render_ahead(upcoming[: count + BUILD_STEP])  # already rendered ones are skipped
        self._build_timer.start(0)

    def _render_ahead(self, messages: list[Message]) -> None:
        """Queue Markdown rendering of messages (in this order) on the renderer thread."""
        generation = self._render_generation

        def render() -> None:
            for message in messages:
                if generation != self._render_generation:
                    return  # another conversation is shown now
                message_html.render_ahead(message)

        self._renderer.run(render)

    def shutdown(self) -> None:
        """Stop rendering ahead (on exit)."""
        self._render_generation += 1
        self._renderer.shutdown()

    def _append_message(self, message: Message, follow: bool = True) -> None:
        """Build a message at the end; with `follow`, a reader at the bottom stays there."""
        stick = follow and self._at_bottom()
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._build_message(message, cursor)
        self._order.append(message.id)
        if stick:
            self._scroll_to_bottom()

    def _prepend_message(self, message: Message) -> None:
        self._build_message(message, QTextCursor(self.document()))
        self._order.insert(0, message.id)

    def _build_message(self, message: Message, cursor: QTextCursor) -> None:
        cursor.beginEditBlock()  # one layout pass for the card, not one per part
        outer = cursor.insertFrame(_outer_format(message, self._theme))
        header = cursor.insertFrame(_inner_format())
        body = outer.lastCursorPosition().insertFrame(_inner_format())
        footer = outer.lastCursorPosition().insertFrame(_inner_format())
        frames = _MessageFrames(outer, header, body, footer)
        self._frames[message.id] = frames
        _compact_gaps(outer)
        self._render(message, frames)
        cursor.endEditBlock()

    def _build_slice(self) -> int:
        """Extend the window by one slice at the end being built, keeping the reader's place.

        Returns how many messages were built (none while the renderer is still behind).
        """
        older = self._building_older
        source = self._pending if older else self._newer
        if not self._order:
            return 0
        # The edge message on the growing side stays in the document; its shift on screen is undone.
        anchor = self._order[0] if older else self._order[-1]
        anchor_top = self.message_top(anchor)
        bar = self.verticalScrollBar()
        value = bar.value()
        following = self._following
        self._in_slice = True  # one scroll at the end, not one per message added
        built, dropped = 0, []
        started = time.perf_counter()
        while source and built < self._to_build and not _slice_full(started, built):
            message = source[-1] if older else source[0]
            if not message_html.is_rendered(message):
                break  # the renderer is behind: let it work, this slice costs nothing
            if older:
                self._pending.pop()
                self._prepend_message(message)
            else:
                self._newer.pop(0)
                self._append_message(message, follow=False)  # the slice keeps the reader's place
            built += 1
        self._in_slice = False
        while len(self._order) > WINDOW:  # drop from the other end of the window
            gone_id = self._order[0] if not older else self._order[-1]
            dropped.append(gone_id)
            self._remove_frames(gone_id)
        self._to_build -= built
        if dropped:
            dropped_ids = set(dropped)
            gone = [m for m in self._chat.current.messages if m.id in dropped_ids]
            if older:
                self._newer[:0] = gone
            else:
                self._pending.extend(gone)
        if built and anchor_top is not None:
            bar.setValue(value + self.message_top(anchor) - anchor_top)
            if following:
                self._following = True  # the end may still grow as Qt lays out: the range follows it
                self._scroll_to_bottom()
        if not self._pending and older and built:
            self.sig_fully_built.emit()
        if not source or self._to_build <= 0:
            self._build_timer.stop()
        return built

    def _remove_frames(self, message_id: str) -> None:
        frames = self._frames.pop(message_id, None)
        if frames is None:
            self._pending = [m for m in self._pending if m.id != message_id]
            self._newer = [m for m in self._newer if m.id != message_id]
            return
        if message_id in self._order:
            self._order.remove(message_id)
        cursor = QTextCursor(self.document())
        cursor.setPosition(frames.outer.firstPosition() - 1)
        cursor.setPosition(frames.outer.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    def _render(self, message: Message, frames: _MessageFrames) -> None:
        streaming = frames.streaming
        frames.collapsed = message_html.is_collapsed(message)
        if frames.collapsed:  # too long to lay out: its start, folded, and "Show all"
            frames.streaming, frames.code_blocks = None, []
            _set_html(frames.body, message_html.body_html(message).html)
        elif message.is_streaming:
            if streaming is None or streaming.choice != message.selected:
                self._start_streaming(message, frames)
        elif streaming is not None and streaming.choice == message.selected and len(message.text) > FULL_RENDER_LIMIT:
            self._finish_streaming(message, frames)
        else:
            rendered = message_html.body_html(message)
            frames.code_blocks = list(rendered.code_blocks)
            frames.streaming = None
            _set_html(frames.body, rendered.html)
        self._render_data(message, frames)
        _set_html(frames.header, message_html.header_html(message, *self._chat.versions(message.id)))
        _set_html(frames.footer, self._footer_html(message))

    def _render_data(self, message: Message, frames: _MessageFrames) -> None:
        """Show a JSON answer's Table and Tree links (and the one opened) between its text and footer."""
        html = ""
        if json_inline.has_data(message):
            html = json_inline.data_html(message, self._data_open.get(message.id, ""))
        if html and frames.data is None:
            cursor = frames.body.lastCursorPosition()
            cursor.movePosition(QTextCursor.MoveOperation.NextBlock)  # the gap between the body and the footer
            frames.data = cursor.insertFrame(_inner_format())
            _compact_gaps(frames.outer)
        if frames.data is not None:
            _set_html(frames.data, html)

    def set_cost_source(self, cost_html) -> None:
        """Show a cost after each reply's tokens: `cost_html(message)` gives its HTML ("" for none)."""
        self._cost_html = cost_html
        self.refresh_footers()

    def refresh_footers(self) -> None:
        """Redraw every built footer (prices loaded or changed), newest first, a slice per event-loop
        turn: the prices arrive while the SDK loads, when every millisecond on this thread counts."""
        self._stale_footers = list(self._order)
        self._footer_timer.start()

    @Slot()
    def _on_footer_timer_timeout(self) -> None:
        deadline = time.perf_counter() + SLICE_BUDGET_S
        while self._stale_footers and time.perf_counter() < deadline:
            message_id = self._stale_footers.pop()
            frames, message = self._frames.get(message_id), self._chat.current.find(message_id)
            if frames is not None and message is not None:
                _set_html(frames.footer, self._footer_html(message))
        if not self._stale_footers:
            self._footer_timer.stop()

    def _footer_html(self, message: Message) -> str:
        cost = self._cost_html(message) if self._cost_html is not None else ""
        shown = message.id in self._actions_shown
        return message_html.footer_html(message, voice=self._playback is not None, cost=cost, shown=shown)

    # -- actions on hover and keyboard focus -----------------------------------------------------

    def _message_at(self, position: int) -> str:
        """The id of the built message whose card holds a document position ("" between or outside cards)."""
        low, high = 0, len(self._order)
        while low < high:  # the cards are in document order
            middle = (low + high) // 2
            outer = self._frames[self._order[middle]].outer
            if outer.lastPosition() < position:
                low = middle + 1
            elif outer.firstPosition() > position:
                high = middle
            else:
                return self._order[middle]
        return ""

    def _update_actions(self) -> None:
        """Draw the actions of the hovered and the caret's message, hide those of the one left."""
        wanted = {i for i in (self._hovered_id, self._caret_id) if i}
        changed = wanted ^ self._actions_shown
        self._actions_shown = wanted
        for message_id in changed:
            frames = self._frames.get(message_id)
            if frames is not None:
                _show_actions(frames.footer, message_id in wanted, self._theme.link)

    @Slot()
    def _on_cursor_position_changed(self) -> None:
        caret = self._message_at(self.textCursor().position()) if self.hasFocus() else ""
        if caret != self._caret_id:
            self._caret_id = caret
            self._update_actions()

    def _start_streaming(self, message: Message, frames: _MessageFrames) -> None:
        _set_html(frames.body, "")
        rendered = frames.body.firstCursorPosition().insertFrame(_inner_format())
        tail = frames.body.lastCursorPosition().insertFrame(_inner_format())
        frames.streaming = _Streaming(rendered, tail, message.selected)
        frames.code_blocks = []
        if message.text:
            self._stream_text(message, frames, message.text)

    def _stream_text(self, message: Message, frames: _MessageFrames, new_text: str) -> None:
        """Append new text to the tail; render the blocks it completed, every RENDER_EVERY_S at most."""
        streaming = frames.streaming
        now = time.monotonic()
        cut = streaming.rendered_upto
        if now - streaming.rendered_at >= RENDER_EVERY_S:
            cut = stable_prefix_end(message.text, streaming.rendered_upto)
        if cut == streaming.rendered_upto:
            streaming.tail.lastCursorPosition().insertText(new_text, QTextCharFormat())
            return
        # The tail (the text after the last render) is replaced: new text is laid out once, not twice.
        streaming.rendered_at = now
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
            markdown,
            copy_href=lambda i: message_html.action_href("code", message.id, str(offset + i)),
            copy_label=message_html.translate("ChatView", "Copy"),
            dark=self._theme.dark,
        )
        frames.code_blocks.extend(rendered.code_blocks)
        cursor = frames.streaming.rendered.lastCursorPosition()
        if frames.streaming.rendered_upto > 0:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        cursor.insertHtml(rendered.html)

    def _update_countdown(self) -> None:
        waiting = any(m.retry_wait_left() or _waiting_first_token(m) for m in self._chat.current.messages[-1:])
        if waiting and not self._countdown.isActive():
            self._countdown.start()
        elif not waiting:
            self._countdown.stop()

    @Slot(int)
    def _on_scroll_bar_value_changed(self, value: int) -> None:
        self._following = self._at_bottom() and not self._newer
        if self._following:
            self.new_messages_button.hide()
        if self._build_timer.isActive():
            return
        if self._pending and value < BUILD_MORE_PX:
            self._start_build(older=True, count=BUILD_STEP)
        elif self._newer and value > self.verticalScrollBar().maximum() - BUILD_MORE_PX:
            self._start_build(older=False, count=BUILD_STEP)

    @Slot(int, int)
    def _on_scroll_bar_range_changed(self, _minimum: int, maximum: int) -> None:
        # The conversation grew or the view got shorter (a notice, a taller composer): stay at the end.
        if self._following and not self._in_slice and self.verticalScrollBar().value() != maximum:
            self.verticalScrollBar().setValue(maximum)

    @Slot()
    def _on_build_timer_timeout(self) -> None:
        # Waiting for the renderer: poll gently instead of spinning against it for the GIL.
        self._build_timer.setInterval(0 if self._build_slice() else RENDER_WAIT_MS)

    @Slot()
    def _on_countdown_timeout(self) -> None:
        for message in self._chat.current.messages[-1:]:
            frames = self._frames.get(message.id)
            # A streaming footer is redrawn too: "Waiting… 42 s" becomes "Answering…" once text came.
            if frames is not None and (message.retry_wait_left() is not None or message.is_streaming):
                _set_html(frames.footer, self._footer_html(message))
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
        self._thumbs.clear()  # small, but one conversation's worth at a time is enough
        self._data_open.clear()
        self._show_conversation()
        self._update_countdown()

    @Slot(str)
    def _on_chat_message_added(self, message_id: str) -> None:
        message = self._chat.current.find(message_id)
        if message is None:
            return
        if self._newer:  # the reader is far up: a new message brings the view back to the end
            self._show_conversation()
        else:
            self._append_message(message)
        if message.role is Role.USER:  # the user sent it: show it, and follow the reply
            self.scroll_to_newest()
        else:
            self._update_new_messages_button()
        self._update_countdown()  # a new reply counts its wait for the first token

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
        self._remove_frames(message_id)

    @Slot()
    def _on_chat_branch_changed(self) -> None:
        messages = self._chat.current.messages
        older = len(self._pending)
        if self._newer or len(messages) < older or any(a is not b for a, b in zip(self._pending, messages)):
            self._show_conversation()  # the change is outside the window: start over
            return
        built = messages[older:]
        same = 0
        while same < min(len(self._order), len(built)) and self._order[same] == built[same].id:
            same += 1
        for message_id in self._order[same:]:
            self._remove_frames(message_id)
        for message in built[same:]:
            self._append_message(message)
        self._update_countdown()

    @Slot(str)
    def _on_chat_message_focus_requested(self, message_id: str) -> None:
        messages = self._chat.current.messages
        index = next((i for i, m in enumerate(messages) if m.id == message_id), None)
        if index is None:
            return
        if message_id not in self._frames:  # far from the window: a new window around it
            start = max(0, index - 2)
            self._show_range(start, min(len(messages), start + JUMP_PAGE))
        self._scroll_to_message(message_id)

    @Slot(str, list)
    def _on_chat_match_highlight_requested(self, message_id: str, words: list) -> None:
        # The words a search found, marked in the message it opened (extra selections: the text stays as is).
        frames = self._frames.get(message_id)
        if frames is None:
            return
        selections = []
        for word in words:
            cursor = frames.body.firstCursorPosition()
            while True:
                cursor = self.document().find(word, cursor)
                if cursor.isNull() or cursor.selectionEnd() > frames.body.lastPosition():
                    break
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format.setBackground(QColor(MATCH_BACKGROUND))
                selection.format.setForeground(QColor(MATCH_TEXT))
                selections.append(selection)
        self.setExtraSelections(selections)
        if selections:
            self.setTextCursor(QTextCursor(selections[0].cursor.block()))  # the first match is the one in view
            self.ensureCursorVisible()

    def highlighted_matches(self) -> list[str]:
        """The texts marked as search matches, in order (empty once another conversation is shown)."""
        return [s.cursor.selectedText() for s in self.extraSelections() if s.cursor.hasSelection()]

    def _scroll_to_message(self, message_id: str) -> None:
        top = self.message_top(message_id)
        if top is not None:
            self.verticalScrollBar().setValue(top)

    @Slot(str, object)
    def _on_chat_reply_progressed(self, message_id: str, deltas: dict) -> None:
        frames = self._frames.get(message_id)
        message = self._chat.current.find(message_id)
        if frames is None or message is None:
            return
        text = deltas.get(message.selected)
        if not text:
            return
        if message_html.is_collapsed(message):
            if not frames.collapsed:  # it just grew too long: folded once, then left alone
                self._render(message, frames)
            return
        stick = self._at_bottom()
        if frames.streaming is None or frames.streaming.choice != message.selected:
            self._start_streaming(message, frames)  # shows the whole choice, new text included
        else:
            # Only the tail changes: the cost of a frame is the new text, not the whole message.
            self._stream_text(message, frames, text)
        if stick:
            self._scroll_to_bottom()
        self._update_new_messages_button()

    def _style_new_messages_button(self, theme: Theme) -> None:
        button = self.new_messages_button
        button.setIcon(QIcon())  # drawn in the theme's colour when it is first shown
        button.setStyleSheet(
            f"QToolButton {{ background: {theme.highlight}; color: {theme.highlighted_text};"
            " border: none; border-radius: 12px; padding: 4px 12px; }"
        )

    def _update_new_messages_button(self) -> None:
        """Offer the way back down when something new arrived below a reader who scrolled up."""
        if self._following:
            return
        button = self.new_messages_button
        if button.icon().isNull():
            button.setIcon(themed_icon("arrow-down", self._theme.highlighted_text, self.devicePixelRatioF()))
        button.adjustSize()
        viewport = self.viewport().geometry()
        button.move(viewport.center().x() - button.width() // 2, viewport.bottom() - button.height() - 12)
        button.show()
        button.raise_()

    # -- Qt overrides ----------------------------------------------------------------------------

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt override)
        """The app's own icons and thumbnails; nothing a message names (no file, no web address)."""
        found = self._own_resource(kind, url)
        return found if found is not None else refused_resource(kind)

    def _own_resource(self, kind: int, url: QUrl):
        """A bundled action icon (icon:) or a sent image's thumbnail (thumb:); None for anything else."""
        # An icon is named by the app's own HTML: a plain name, never a path out of the icons folder.
        name_ok = url.path().replace("-", "").isalnum() and url.path().isascii()
        if kind == QTextDocument.ResourceType.ImageResource.value and url.scheme() == "icon" and name_ok:
            if url.query() == message_html.HIDDEN:  # an action kept in its place, not drawn
                return _blank_icon(self.devicePixelRatioF())
            key = (url.path(), self._theme.muted, self.devicePixelRatioF())
            if key not in self._icons:  # normally drawn ahead by icon_steps
                self._icons[key] = themed_image(url.path(), self._theme.muted, message_html.ICON_PX, key[2])
            return self._icons[key]
        if kind == QTextDocument.ResourceType.ImageResource.value and url.scheme() == "thumb":
            return self._thumbnail(url.path())
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseMoveEvent(event)
        offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        point = event.position().toPoint() + offset
        position = self.document().documentLayout().hitTest(QPointF(point), Qt.HitTestAccuracy.FuzzyHit)
        hovered = self._message_at(position) if position >= 0 else ""
        if hovered != self._hovered_id:
            self._hovered_id = hovered
            self._update_actions()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # The pointer left the messages (also into the side margins of a wide window, still this widget).
        if event.type() == QEvent.Type.Leave and self._hovered_id:
            self._hovered_id = ""
            self._update_actions()
        return super().viewportEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt override)
        moved = super().focusNextPrevChild(forward)
        self._on_cursor_position_changed()  # Tab onto a link moves the caret without cursorPositionChanged
        return moved

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        self._on_cursor_position_changed()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        if self._caret_id:
            self._caret_id = ""
            self._update_actions()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._update_margins()
        super().resizeEvent(event)
        if self.new_messages_button.isVisible():
            self._update_new_messages_button()

    # -- links -----------------------------------------------------------------------------------

    @Slot(QUrl)
    def _on_highlighted(self, url: QUrl) -> None:
        link_guard.show_target(self, url)  # the real address, before any click

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() != "app":
            link_guard.follow(self, url, link_guard.anchor_texts(self.document(), url))
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
        elif action == "version" and argument.isdigit():
            self._chat.show_version(message_id, int(argument))
        elif action == "regenerate":
            self._chat.regenerate(message_id)
        elif action == "editmsg":
            self.sig_message_edit_requested.emit(message_id)
        elif action == "data":
            self.sig_data_view_requested.emit(message_id)
        elif action == "inline" and argument in (json_inline.TABLE, json_inline.TREE):
            self._toggle_data(message, argument)
        elif action == "image":
            self._show_image(message, argument)
        elif action == "retry":
            self._chat.retry(message_id)
        elif action == "without":
            self._chat.resend_without(message_id, argument)
        elif action == "assystem":
            self._chat.send_as_system(message_id)
        elif action == "edit":
            self.sig_edit_requested.emit(message_id)
        elif action == "request":
            self.sig_request_view_requested.emit(message_id)
        elif action == "python":
            self.sig_python_copy_requested.emit(message_id)
        elif action == "settings":
            self.sig_settings_requested.emit()
        elif action == "showall":
            from desktop_app.ui.full_text_dialog import FullTextDialog

            FullTextDialog(message.text, self).open()
        elif self._playback is not None:
            self._on_voice_link(action, message)

    def _toggle_data(self, message: Message, kind: str) -> None:
        """Open a JSON answer's table or tree in the message, or close it when it is the one open."""
        if self._data_open.get(message.id) == kind:
            del self._data_open[message.id]
        else:
            self._data_open[message.id] = kind
        frames = self._frames.get(message.id)
        if frames is not None:
            self._render_data(message, frames)

    def _show_image(self, message: Message, attachment_id: str) -> None:
        from desktop_app.ui.attachment_tray import ImagePreviewDialog

        attachment = next((a for a in message.attachments if a.id == attachment_id), None)
        if attachment is None:
            return
        full = QPixmap()
        full.loadFromData(attachment.data)  # decoded only when the user asks to see it
        self.image_dialog = ImagePreviewDialog(attachment.name, full, self)
        self.image_dialog.show()

    def _on_voice_link(self, action: str, message: Message) -> None:
        if action == "play":
            self._playback.play_message(message.id)
        elif action == "speak":
            self._playback.read_aloud(message.id)
        elif action == "savemp3":
            from desktop_app.ui.player_bar import ask_mp3_path

            kind = "recording" if message.role is Role.USER else "reply"
            self._saving_id = message.id
            ask_mp3_path(self, kind, self._on_mp3_path_chosen)

    @Slot(str)
    def _on_mp3_path_chosen(self, path: str) -> None:
        if self._playback is not None and self._saving_id:
            self._playback.save_message_mp3(self._saving_id, path)


def _slice_full(started: float, built: int) -> bool:
    """True when one more message would likely take the slice past its budget (at least one is built).

    A message costs ~5 ms to build and lay out, and the paint follows the slice at once.
    """
    elapsed = time.perf_counter() - started
    return built > 0 and elapsed * (built + 1) / built >= SLICE_BUDGET_S


def _waiting_first_token(message: Message) -> bool:
    """A reply still waiting for its first token (its footer counts the seconds)."""
    return message.is_streaming and not message.text


def _blank_icon(ratio: float) -> QImage:
    """An invisible action icon of the usual size (the action is there, drawn only on hover or focus)."""
    side = round(message_html.ICON_PX * ratio)
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    image.setDevicePixelRatio(ratio)
    return image


def _show_actions(footer: QTextFrame, shown: bool, link_color: str) -> None:
    """Draw or hide a footer's hover actions by their formats only: nothing moves, the caret and a
    selection stay, and only the footer's line is laid out again."""
    changes = []
    block = footer.firstCursorPosition().block()
    while block.isValid() and block.position() <= footer.lastPosition():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if message_html.is_hover_action(fmt.anchorHref()):
                if fmt.isImageFormat():
                    image = fmt.toImageFormat()
                    image.setName(message_html.icon_src(QUrl(image.name()).path(), shown))
                    fmt = image
                else:  # the length after Play, Copy as Python
                    fmt.setForeground(QColor(link_color) if shown else QColor(Qt.GlobalColor.transparent))
                changes.append((fragment.position(), fragment.length(), fmt))
            it += 1
        block = block.next()
    cursor = QTextCursor(footer.document())
    cursor.beginEditBlock()
    for position, length, fmt in changes:
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)
    cursor.endEditBlock()


def _outer_format(message: Message, theme: Theme) -> QTextFrameFormat:
    fmt = QTextFrameFormat()
    fmt.setBackground(QColor(theme.user_bg if message.role is Role.USER else theme.assistant_bg))
    fmt.setBorder(1)
    fmt.setBorderBrush(QColor(theme.border))
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setPadding(10)
    fmt.setMargin(0)
    fmt.setBottomMargin(10)
    return fmt


def _compact_gaps(frame: QTextFrame) -> None:
    """Make the empty lines Qt keeps around child frames (a card's header, body, footer) a few pixels high."""
    gap = QTextBlockFormat()
    gap.setLineHeight(GAP_PX, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    it = frame.begin()
    while not it.atEnd():
        block = it.currentBlock()
        if block.isValid() and not block.text():
            QTextCursor(block).setBlockFormat(gap)
        it += 1


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
