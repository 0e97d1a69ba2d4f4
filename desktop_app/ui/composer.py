"""Where the user writes: Enter sends, Shift+Enter breaks the line, Esc stops the reply.

Each conversation keeps its own draft, and the token label shows how much of the model's context
window the prompt would fill; a send that would not fit asks first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controllers.attachments_controller import AttachmentsController
from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.token_meter import TokenCounts, TokenMeter
from desktop_app.core.conversation import Attachment
from desktop_app.core.starters import STARTERS
from desktop_app.core.tokens import ESTIMATOR_NAME
from desktop_app.ui import theme
from desktop_app.ui.attachment_tray import AttachmentTray, images_from_mime
from desktop_app.ui.language import current_language, format_number
from desktop_app.ui.starter_prompts import StarterPrompts, question_text
from desktop_app.ui.long_text_edit import PASTE_PIECE, LongTextEdit
from desktop_app.ui.safe_text import plain_labels, plain_message_box, plain_tooltip


# A draft this long is read back from the box only when the typing pauses: reading 5 MB back
# (toPlainText) took 10 ms idle and 20-100 ms on a loaded machine, at every keystroke.
SETTLE_DRAFT_CHARS = 200_000
DRAFT_SETTLE_MS = 300

# Only a text this short can be a pasted image address; parsing a 5 MB paste as a URL took ~20 ms.
LONGEST_URL = 8_192

# What the user can do with a message that does not fit the context window.
LEAVE_OUT, SEND_ANYWAY, CANCEL = "leave_out", "send", "cancel"


class ComposerEdit(LongTextEdit):
    """A text box that turns Enter into "send", Esc into "stop", and pasted or dropped images into attachments."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # A few lines tall by default: on a small screen the conversation gets the height.
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().lineSpacing() * 3 + 12)

    sig_send_requested = Signal()
    """Enter was pressed (without Shift)."""

    sig_images_received = Signal(object)
    """Images were pasted or dropped on the text box (their QMimeData); they are not inserted as text."""

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt override)
        return _has_images(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        if _has_images(source):
            self.sig_images_received.emit(source)
        else:
            text = source.text()
            self.fit_wrap(text)  # before the text goes in: Qt lays it out at once
            if len(text) > PASTE_PIECE:
                self.paste_text(text)
            else:
                super().insertFromMimeData(source)

    sig_stop_requested = Signal()
    """Esc was pressed."""

    _preedit = ""  # the syllable an input method is composing (shown, not yet text)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt override)
        self._preedit = event.preeditString()
        super().inputMethodEvent(event)

    def commit_preedit(self) -> None:
        """Make the syllable being composed part of the text, and end the composition so the input
        method does not commit it a second time."""
        if not self._preedit:
            return
        event = QInputMethodEvent("", [])
        event.setCommitString(self._preedit)
        super().inputMethodEvent(event)
        self._preedit = ""
        QGuiApplication.inputMethod().reset()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Some input methods pass Enter on while a Hangul syllable is still in preedit: it is
            # part of what the user typed, before the send or the new line.
            self.commit_preedit()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & Qt.KeyboardModifier.ShiftModifier:
            self.sig_send_requested.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.sig_stop_requested.emit()
            return
        super().keyPressEvent(event)


class Composer(QWidget):
    """The draft, the Send/Stop button, the live token count and "View request"."""

    sig_view_request_requested = Signal()
    """The user wants to see the request the draft would make."""

    def __init__(
        self, chat: ChatController, meter: TokenMeter, attachments: AttachmentsController, parent=None
    ) -> None:
        super().__init__(parent)
        self._chat = chat
        self._meter = meter
        self._attachments = attachments
        self._showing_draft = False  # the draft of another conversation is being put in the editor
        self._send_after_paste = False  # Enter was pressed while a long paste was going in
        self._settle_timer = QTimer(self, singleShot=True, interval=DRAFT_SETTLE_MS)  # a huge draft's typing
        self._settling = False  # a huge draft is being read back to be counted and kept

        self.starters = StarterPrompts()
        self.tray = AttachmentTray()
        self.edit = ComposerEdit()
        self.edit.setPlaceholderText(self.tr("Message… (Enter to send, Shift+Enter for a new line)"))
        self.edit.setMinimumHeight(56)
        self.edit.setMaximumHeight(110)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the answer (Esc); what arrived is kept"))
        self.stop_button.hide()
        self.token_label = QLabel()
        plain_labels(self.token_label)
        self.token_label.setWordWrap(True)  # wraps in a narrow window instead of widening it
        self.view_request_button = QPushButton(self.tr("View request"))
        self.view_request_button.setFlat(True)

        row = QHBoxLayout()
        row.addWidget(self.token_label, 1)
        row.addWidget(self.view_request_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.starters)
        layout.addWidget(self.tray)
        layout.addWidget(self.edit)
        layout.addLayout(row)

        self.edit.sig_send_requested.connect(self._on_edit_send_requested)
        self.edit.sig_stop_requested.connect(self._on_edit_stop_requested)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.sig_paste_finished.connect(self._on_edit_paste_finished)
        self._settle_timer.timeout.connect(self._on_settle_timer_timeout)
        chat.set_draft_source(self.take_draft)
        self.send_button.clicked.connect(self._on_edit_send_requested)
        self.stop_button.clicked.connect(self._on_edit_stop_requested)
        self.view_request_button.clicked.connect(self.sig_view_request_requested)
        self.edit.sig_images_received.connect(self.receive_images)
        self.tray.sig_remove_requested.connect(self._on_tray_remove_requested)
        self.tray.sig_pick_requested.connect(self._on_tray_pick_requested)
        self.tray.sig_send_as_link_requested.connect(attachments.set_as_link)
        self.tray.sig_save_requested.connect(attachments.save_image)
        self.tray.sig_detail_changed.connect(attachments.set_detail)
        attachments.sig_attachment_added.connect(self._on_attachments_attachment_added)
        attachments.sig_attachment_updated.connect(self._on_attachments_attachment_updated)
        attachments.sig_attachments_changed.connect(self._on_attachments_changed)
        chat.sig_busy_changed.connect(self._on_chat_busy_changed)
        chat.sig_conversation_switched.connect(self._on_chat_conversation_switched)
        chat.sig_message_added.connect(self._on_chat_messages_changed)
        chat.sig_message_removed.connect(self._on_chat_messages_changed)
        self.starters.sig_starter_chosen.connect(self._on_starters_starter_chosen)
        meter.sig_counts_changed.connect(self._on_meter_counts_changed)
        self._show_draft(chat.current.draft)
        self._update_tokens(meter.counts())
        self._update_starters()

    @Slot(object)
    def receive_images(self, mime: QMimeData) -> None:
        """Attach the images of a drop or a paste (files, pixels); prepared in the background."""
        paths, pixels, web_urls = images_from_mime(mime)
        detail = self.tray.detail()
        for path in paths:
            self._attachments.add_file(path, detail)
        for name, image in pixels:
            self._attachments.add_qimage(name, image, detail)  # encoded off the GUI thread
        # OpenAI fetches web images itself; other servers (most local ones) cannot, so they get the bytes.
        as_link = self._chat.sends_to_openai()
        for url in web_urls:
            self._attachments.add_url(url, detail, as_link)

    def add_files(self, paths: list[Path]) -> None:
        """Attach image files (the file picker's choice)."""
        for path in paths:
            self._attachments.add_file(Path(path), self.tray.detail())

    def insert_text(self, text: str) -> None:
        """Put text back in the draft (an edited failed message), keeping what is there."""
        current = self.edit.plain_text()
        self.edit.setPlainText(f"{text}\n\n{current}" if current.strip() else text)
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        self.edit.setFocus()

    def restore_attachments(self, attachments: list[Attachment]) -> None:
        """Put the images of a message taken back into the tray again (prepared anew off the GUI thread)."""
        for attachment in attachments:
            if attachment.url:
                self._attachments.add_url(attachment.url, attachment.detail, as_link=True)
            else:
                # From the original, so the resent message keeps it and is prepared as the first was.
                self._attachments.add_data(attachment.name, attachment.original or attachment.data, attachment.detail)

    def set_theme(self, _theme: theme.Theme) -> None:
        """Show the token count in the theme's colours."""
        self._update_tokens(self._meter.counts())

    def insert_at_cursor(self, text: str) -> None:
        """Insert text where the cursor is (a transcribed recording), to edit before sending."""
        cursor = self.edit.textCursor()
        before = cursor.block().text()[: cursor.positionInBlock()]
        if before and not before[-1].isspace() and text and not text[0].isspace():
            text = " " + text  # words typed just before are not glued to the transcript
        cursor.insertText(text)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus()

    # -- slots -----------------------------------------------------------------------------------

    @Slot()
    def _on_edit_send_requested(self) -> None:
        if self.edit.is_pasting():
            self._send_after_paste = True  # Enter pressed while a long paste goes in: sent once it is whole
            return
        self._send_after_paste = False
        self.edit.commit_preedit()  # the Send button, clicked while a syllable is being composed
        text = self.edit.plain_text()  # read back already when the typing paused
        if self._settle_timer.isActive() or self._settling:
            self._use_draft(text)  # the count and the draft are of what is sent
        budget = None
        if text.strip() and not self._chat.is_busy():
            counts = self._meter.counts()
            if counts.over_limit:
                choice = self._ask_over_limit(counts)
                if choice == CANCEL:
                    return
                if choice == LEAVE_OUT:
                    budget = max(0, counts.limit - counts.reserve)
        images = self._attachments.attachments()
        sent = self._chat.send(text, context_budget=budget, attachments=images)
        if sent:
            self._attachments.take()
            self.tray.clear()
            self.edit.clear()

    @Slot(int)
    def _on_starters_starter_chosen(self, index: int) -> None:
        starter = STARTERS[index]
        self._chat.set_system_prompt(starter.persona_for(current_language()).prompt)
        self.edit.setPlainText(question_text(starter))
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)
        self.edit.setFocus()

    @Slot()
    def _on_edit_stop_requested(self) -> None:
        self._chat.stop()

    @Slot()
    def _on_edit_text_changed(self) -> None:
        if self.edit.is_pasting():
            return  # counted and kept once, when the whole paste is in (sig_paste_finished)
        if self.edit.document().characterCount() > SETTLE_DRAFT_CHARS:
            self._settle_timer.start()  # read back once the typing pauses (or when the draft is needed)
            return
        self._use_draft(self.edit.plain_text())

    @Slot()
    def _on_settle_timer_timeout(self) -> None:
        self._settling = True
        self.edit.read_in_pieces(self._on_edit_draft_read)

    def _on_edit_draft_read(self, text: str) -> None:
        if self._settling:  # not taken meanwhile
            self._use_draft(text)

    def take_draft(self) -> None:
        """Count and keep the draft now, if typing in a huge one was held back."""
        if self._settle_timer.isActive() or self._settling:
            self._use_draft(self.edit.plain_text())

    def _use_draft(self, text: str) -> None:
        self._settle_timer.stop()
        self._settling = False
        if self.edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere:
            self.edit.fit_wrap(text, whole=True)
        self._meter.set_draft(text)
        if not self._showing_draft:
            self._chat.set_draft(text)

    @Slot()
    def _on_edit_paste_finished(self) -> None:
        self._on_edit_text_changed()
        if self._send_after_paste:
            self._on_edit_send_requested()

    @Slot(str)
    def _on_tray_remove_requested(self, attachment_id: str) -> None:
        self._attachments.remove(attachment_id)
        self.tray.remove_image(attachment_id)

    @Slot()
    def _on_tray_pick_requested(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach images"), "", self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.tif *.tiff)")
        )
        self.add_files([Path(p) for p in paths])

    @Slot(str)
    def _on_attachments_attachment_added(self, attachment_id: str) -> None:
        self._show_attachment(attachment_id)

    @Slot(str)
    def _on_attachments_attachment_updated(self, attachment_id: str) -> None:
        self._show_attachment(attachment_id)

    @Slot()
    def _on_attachments_changed(self) -> None:
        self._update_tokens(self._meter.counts())

    @Slot(str)
    def _on_chat_conversation_switched(self, _conversation_id: str) -> None:
        self._show_draft(self._chat.current.draft)
        self._update_starters()

    @Slot(str)
    def _on_chat_messages_changed(self, _message_id: str) -> None:
        self._update_starters()

    @Slot(bool)
    def _on_chat_busy_changed(self, busy: bool) -> None:
        self.stop_button.setVisible(busy)
        self.send_button.setEnabled(not busy)

    @Slot(object)
    def _on_meter_counts_changed(self, counts: TokenCounts) -> None:
        self._update_tokens(counts)

    # -- the over-limit question ------------------------------------------------------------------

    def _ask_over_limit(self, counts: TokenCounts) -> str:
        """Ask what to do with a message that does not fit: LEAVE_OUT, SEND_ANYWAY or CANCEL."""
        box, choices = self._over_limit_box(counts)
        box.exec()
        return choices.get(box.clickedButton(), CANCEL)

    def _over_limit_box(self, counts: TokenCounts) -> tuple[QMessageBox, dict[QAbstractButton, str]]:
        """The question, and what each of its buttons means."""
        approx = "" if counts.exact else "≈"
        box = plain_message_box(QMessageBox(self))
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Conversation too long"))
        box.setText(
            self.tr(
                "This conversation is longer than {0}'s context window ({1}{2} of {3} tokens, "
                "with {4} of them kept free for the answer)."
            ).format(counts.model, approx, _n(counts.total + counts.reserve), _n(counts.limit), _n(counts.reserve))
        )
        box.setInformativeText(
            self.tr(
                "Leave the oldest turns out of this request (the conversation keeps them), "
                "or send it all and let the server decide."
            )
        )
        leave_out = box.addButton(self.tr("Leave out oldest turns"), QMessageBox.ButtonRole.AcceptRole)
        send = box.addButton(self.tr("Send anyway"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(leave_out)
        box.setEscapeButton(cancel)
        return box, {leave_out: LEAVE_OUT, send: SEND_ANYWAY, cancel: CANCEL}

    # -- view refreshes --------------------------------------------------------------------------

    def _update_starters(self) -> None:
        """Starter prompts while the conversation is empty; gone once it has a message."""
        self.starters.setVisible(not self._chat.current.messages)

    def _show_draft(self, text: str) -> None:
        """Put a conversation's own draft in the editor, without saving it back."""
        self.edit.abandon_paste()
        self._send_after_paste = False
        if text == self.edit.plain_text():
            return
        self._showing_draft = True
        try:
            self.edit.fit_wrap(text, whole=True)
            self.edit.setPlainText(text)
        finally:
            self._showing_draft = False
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)

    def _show_attachment(self, attachment_id: str) -> None:
        """Show a waiting image in the tray, or show it again as it is now."""
        prepared = self._attachments.prepared(attachment_id)
        if prepared is not None:
            self.tray.add_image(
                attachment_id,
                prepared,
                self._attachments.web_address(attachment_id),
                self._attachments.sends_as_link(attachment_id),
            )

    def _update_tokens(self, counts: TokenCounts) -> None:
        approx = "" if counts.exact else "≈"
        if counts.limit is None:
            window, share = "?", ""
        else:
            window, share = _n(counts.limit), " ({0:.0%})".format(counts.fraction)
        # Until the tokenizer has loaded, counts are estimated: say so in words, not the code's name.
        encoding = self.tr("estimate") if counts.encoding == ESTIMATOR_NAME else counts.encoding
        text = self.tr("Draft {0}{1} tokens · prompt {0}{2} / {3} tokens{4} · {5}").format(
            approx, _n(counts.draft), _n(counts.total), window, share, encoding
        )
        images = self._attachments.attachments()
        if images:
            from desktop_app.core.models.vision import image_tokens

            estimate = sum(image_tokens(a.width, a.height, a.detail, self._chat.model) for a in images)
            text += " · " + self.tr("%n image(s) ≈{0} tokens", "", len(images)).format(_n(estimate))
        self.token_label.setText(text)
        self.token_label.setStyleSheet(f"color: {theme.current().meter_over};" if counts.over_limit else "")
        if counts.limit is None:
            tip = self.tr("{0}'s context window is unknown – set it in the parameters panel.").format(counts.model)
        elif counts.over_limit:
            tip = self.tr(
                "Over the context window: the prompt ({0}) and the {1} tokens kept free for the answer "
                "are more than {2}'s {3} tokens. Sending asks whether to leave out the oldest turns."
            ).format(_n(counts.total), _n(counts.reserve), counts.model, _n(counts.limit))
        else:
            tip = self.tr(
                "Tokens of the draft, and of the whole prompt it would send, of {0}'s context window "
                "({1} tokens are kept free for the answer)."
            ).format(counts.model, _n(counts.reserve))
        self.token_label.setToolTip(plain_tooltip(tip))


def _n(tokens: int) -> str:
    """A token count with the locale's thousand separators: 128,000."""
    return format_number(tokens)


_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic")


def _has_images(mime: QMimeData) -> bool:
    """True for pasted pixels, or files or web addresses that look like images (anything else is text)."""
    if mime.hasImage():
        return True
    urls = list(mime.urls())
    if not urls and mime.hasText():
        text = mime.text().strip()
        urls = [QUrl(text)] if len(text) <= LONGEST_URL else []
    return any(u.path().lower().endswith(_IMAGE_SUFFIXES) and (u.isLocalFile() or u.scheme() in ("http", "https"))
               for u in urls)
