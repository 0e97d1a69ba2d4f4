"""The main window: composes the panels and wires them; it holds no logic of its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import identity
from desktop_app.ui.text import exception_text, translated
from desktop_app.controllers.attachments_controller import AttachmentsController
from desktop_app.controllers.chat_controller import ChatController
from desktop_app.controllers.connection_controller import ConnectionController
from desktop_app.controllers.history_controller import HistoryController
from desktop_app.controllers.playback_controller import PlaybackController
from desktop_app.controllers.settings_controller import SettingsController
from desktop_app.controllers.token_meter import TokenMeter
from desktop_app.controllers.voice_controller import VoiceController, VoiceState
from desktop_app.ui.chat_view import MAX_ZOOM, MIN_ZOOM, ChatView
from desktop_app.ui.composer import Composer
from desktop_app.ui.conversation_list import ConversationList
from desktop_app.ui.icons import themed_icon
from desktop_app.ui.mic_panel import MicPanel
from desktop_app.ui.notebook_export import NotebookExportActions
from desktop_app.ui.notice_bar import NoticeBar
from desktop_app.ui.params_panel import ParamsPanel
from desktop_app.ui.player_bar import PlayerBar
from desktop_app.ui.theme import SYSTEM, ThemeManager
from desktop_app.ui.view_menu import ViewMenu
from desktop_app.ui.voice_panel import VoicePanel


class MainWindow(QMainWindow):
    """Conversation list | chat view and composer | parameters."""

    def __init__(
        self,
        chat: ChatController,
        connection: ConnectionController,
        settings: SettingsController,
        meter: TokenMeter,
        history: HistoryController,
        attachments: AttachmentsController,
        voice: VoiceController,
        playback: PlaybackController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._chat = chat
        self._voice = voice
        self._playback = playback
        self._connection = connection
        self._settings = settings
        self._history = history
        self._icons_loaded = False
        self._icon_steps: list = []  # icons still to draw, one per event-loop turn
        self._icon_timer = QTimer(self, interval=0)
        self._icon_timer.timeout.connect(self._on_icon_timer_timeout)
        self.setWindowTitle(identity.DISPLAY_NAME)  # a name, not translated
        self.resize(1280, 820)

        self.conversation_list = ConversationList(chat, history)
        self.chat_view = ChatView(chat, playback)
        self.notice_bar = NoticeBar()
        self.player_bar = PlayerBar(playback)
        self.mic_panel = MicPanel(voice)
        self.composer = Composer(chat, meter, attachments)
        self.params_panel = ParamsPanel(chat, connection, settings, meter=meter)
        self.voice_panel = VoicePanel(chat, playback)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.new_chat_action = QAction(self.tr("New chat"), self)
        self.new_chat_action.setShortcut(QKeySequence("Ctrl+N"))
        self.export_action = QAction(self.tr("Export…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.import_action = QAction(self.tr("Import JSON…"), self)
        self.notebook_export = NotebookExportActions(
            chat, history, connection, self, self.notice_bar.show_notice, _export_folder
        )
        self.stop_action = QAction(self.tr("Stop"), self)
        self.stop_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.stop_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.shortcuts_action = QAction(self.tr("Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcut(QKeySequence(Qt.Key.Key_F1))

        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.addWidget(self.notice_bar)
        center_layout.addWidget(self.chat_view, 1)
        center_layout.addWidget(self.player_bar)
        center_layout.addWidget(self.mic_panel)
        center_layout.addWidget(self.composer)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.params_panel, 1)
        right_layout.addWidget(self.voice_panel)
        # The parameters column scrolls instead of setting the window's least height.
        self.parameters_column = QScrollArea()
        self.parameters_column.setWidget(right)
        self.parameters_column.setWidgetResizable(True)
        self.parameters_column.setFrameShape(QFrame.Shape.NoFrame)
        self.parameters_column.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.parameters_column.setMinimumWidth(
            right.minimumSizeHint().width() + self.parameters_column.verticalScrollBar().sizeHint().width()
        )
        self.splitter = QSplitter()
        self.splitter.addWidget(self.conversation_list)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.parameters_column)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([220, 760, 300])
        self.setCentralWidget(self.splitter)
        self.setStatusBar(QStatusBar())
        # Every action with a shortcut is in a menu: what F1 lists is read from here.
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addAction(self.new_chat_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addActions(self.notebook_export.actions())
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.edit_menu.addAction(self.stop_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.conversation_list.search_action)
        self.edit_menu.addAction(self.conversation_list.rename_action)
        self.edit_menu.addAction(self.conversation_list.delete_action)
        self.view_menu = ViewMenu(self)
        self.menuBar().addMenu(self.view_menu)
        self.themes = ThemeManager(settings.settings.window_state.get("theme", SYSTEM), self)
        self.view_menu.show_theme_choice(self.themes.choice)
        for action in (self.view_menu.conversations_action, self.view_menu.parameters_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setFixedSize(26, 22)  # the icon comes after the first paint: no jump then
            self.statusBar().addPermanentWidget(button)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.shortcuts_action)
        self.about_action = self.help_menu.addAction(self.tr("About…"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.open_about)
        self.addAction(self.stop_action)

        self.settings_action.triggered.connect(self.open_settings)
        self.new_chat_action.triggered.connect(chat.new_conversation)
        self.export_action.triggered.connect(self.open_export)
        self.import_action.triggered.connect(self.open_import)
        self.quit_action.triggered.connect(self.close)
        self.shortcuts_action.triggered.connect(self.open_shortcuts)
        self.chat_view.sig_message_edit_requested.connect(self._on_chat_view_message_edit_requested)
        self.chat_view.sig_data_view_requested.connect(self._on_chat_view_data_view_requested)
        chat.sig_send_refused.connect(self.notice_bar.show_notice)
        attachments.sig_attachment_refused.connect(self.notice_bar.show_notice)
        attachments.sig_image_save_failed.connect(self.notice_bar.show_notice)
        attachments.sig_image_saved.connect(self._on_attachments_image_saved)
        self.setAcceptDrops(True)  # images dropped anywhere on the window are attached
        history.sig_notice.connect(self.notice_bar.show_notice)
        self.stop_action.triggered.connect(self._on_stop_action_triggered)
        self.chat_view.sig_request_view_requested.connect(self._on_chat_view_request_view_requested)
        self.chat_view.sig_python_copy_requested.connect(self.notebook_export.copy_python)
        self.chat_view.sig_edit_requested.connect(self._on_chat_view_edit_requested)
        self.chat_view.sig_settings_requested.connect(self.open_settings)
        self.composer.sig_view_request_requested.connect(self._on_composer_view_request_requested)
        connection.sig_status_changed.connect(self._on_connection_status_changed)
        # A model list that failed to load can be asked for again at once.
        self.models_retry_button = QToolButton(text=self.tr("Retry model list"), autoRaise=True)
        self.models_retry_button.setVisible(False)
        self.statusBar().addPermanentWidget(self.models_retry_button)
        self.models_retry_button.clicked.connect(connection.retry_models)
        connection.sig_models_failed.connect(self.models_retry_button.show)
        connection.sig_models_loaded.connect(self.models_retry_button.hide)
        connection.sig_key_required.connect(self.open_settings)
        chat.sig_key_required.connect(self.open_settings)
        chat.sig_conversation_switched.connect(self._on_chat_conversation_switched)
        chat.sig_reply_without_audio.connect(self._on_chat_reply_without_audio)
        voice.sig_transcript_ready.connect(self.composer.insert_at_cursor)
        self.view_menu.conversations_action.toggled.connect(self._on_conversations_action_toggled)
        self.view_menu.parameters_action.toggled.connect(self._on_parameters_action_toggled)
        self.view_menu.sig_theme_chosen.connect(self._on_view_menu_theme_chosen)
        self.view_menu.sig_zoom_requested.connect(self._on_view_menu_zoom_requested)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self.themes.sig_theme_changed.connect(self._on_themes_theme_changed)

        self._restore_geometry()
        self.themes.apply()
        self.chat_view.set_zoom(_zoom_steps(settings.settings.window_state.get("chat_zoom")))
        self.composer.edit.setFocus()

    # -- public API ------------------------------------------------------------------------------

    @Slot()
    def open_settings(self) -> None:
        """Show the connection settings (once, even if several things ask)."""
        from desktop_app.ui.settings_dialog import SettingsDialog  # built on demand: faster startup

        if self.findChild(SettingsDialog) is not None:
            return
        dialog = SettingsDialog(self._connection, self, settings=self._settings)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def open_shortcuts(self):
        """List every keyboard shortcut (Help → Keyboard shortcuts, F1); returns the dialog."""
        from desktop_app.ui.shortcuts_dialog import ShortcutsDialog  # built on demand: faster startup

        dialog = ShortcutsDialog(self.shortcut_entries(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def shortcut_entries(self) -> list:
        """Every shortcut of the window: the menus' actions, then the keys that work in one place."""
        from desktop_app.ui.shortcuts_dialog import action_entries, key_entry, menu_entries

        sidebar = self.conversation_list
        composer = self.tr("Message box")
        text_boxes = self.tr("Text boxes")
        return [
            *menu_entries(self),
            *action_entries([sidebar.open_action], self.tr("Conversation list")),
            *action_entries([sidebar.open_result_action], self.tr("Search results")),
            key_entry(composer, self.tr("Send"), [QKeySequence(Qt.Key.Key_Return)]),
            key_entry(composer, self.tr("New line"), [QKeySequence("Shift+Return")]),
            key_entry(text_boxes, self.tr("Next / previous control"), [QKeySequence(Qt.Key.Key_Tab),
                                                                        QKeySequence("Shift+Tab")]),
            key_entry(text_boxes, self.tr("Type a tab character"), [QKeySequence("Ctrl+Tab")]),
            key_entry(self.tr("Window"), self.tr("Hold to talk"), [self.mic_panel.push_to_talk_key()]),
        ]

    @Slot()
    def open_about(self) -> None:
        """Show Help > About."""
        from desktop_app.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self._history.data_dir, self._settings.config_dir, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def open_export(self) -> None:
        """Ask what to export and where, then write it on the storage thread."""
        from desktop_app.ui.export_dialog import ExportDialog, default_folder

        current = self._chat.current
        title = (current.title or self.tr("New conversation")) if current.messages else None

        def counted(total: int) -> None:
            dialog = ExportDialog(title, total, default_folder(), self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.export_to(dialog.choice()))
            dialog.open()

        self._history.count(counted)

    def export_to(self, choice) -> None:
        """Write the export the user chose; the status bar says when it is done or what failed."""
        ids = [self._chat.current.id] if choice.scope == "current" else None
        self._chat.flush()
        self._history.export(
            ids,
            choice.fmt,
            choice.path,
            lambda count: self.statusBar().showMessage(
                self.tr("Exported %n conversation(s) to {0}", "", count).format(choice.path)
            ),
            lambda exc: self.notice_bar.show_notice(self.tr("Export failed: {0}").format(exception_text(exc))),
            translate=translated,
        )

    @Slot()
    def open_import(self) -> None:
        """Pick a JSON export and import it."""
        from PySide6.QtWidgets import QFileDialog

        from desktop_app.ui.export_dialog import default_folder

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import conversations"), str(default_folder()), self.tr("JSON export (*.json)")
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Import a JSON export on the storage thread; all of it or, with a reason shown, nothing."""

        def done(result: tuple[int, int]) -> None:
            added, total = result
            skipped = total - added
            text = self.tr("Imported %n conversation(s) from {0}.", "", added).format(path.name)
            if skipped:
                text += " " + self.tr("%n were already in your history.", "", skipped)
            self.statusBar().showMessage(text)

        def failed(exc: BaseException) -> None:
            self.notice_bar.show_notice(self.tr("Nothing was imported from {0}: {1}").format(path.name, exception_text(exc)))

        self._history.import_file(path, done, failed)

    def show_request(self, request: dict):
        """Open the request viewer for a request body."""
        from desktop_app.ui.request_dialog import RequestDialog  # built on demand: faster startup

        dialog = RequestDialog(request, self._connection.base_url, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- slots -----------------------------------------------------------------------------------

    @Slot(str)
    def _on_chat_view_request_view_requested(self, message_id: str) -> None:
        request = self._chat.request_of(message_id)
        if request is not None:
            self.show_request(request)

    @Slot(str)
    def _on_attachments_image_saved(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("Image saved to {0}").format(path), 5000)

    @Slot()
    def _on_composer_view_request_requested(self) -> None:
        self.show_request(self._chat.next_request(self.composer.edit.toPlainText()))

    @Slot(str)
    def _on_chat_view_edit_requested(self, message_id: str) -> None:
        user = self._chat.take_back(message_id)
        if user is not None:
            self.composer.insert_text(user.text)
            self.composer.restore_attachments(user.attachments)

    @Slot(str)
    def _on_chat_view_message_edit_requested(self, message_id: str) -> None:
        from desktop_app.ui.edit_message_dialog import EditMessageDialog

        message = self._chat.current.find(message_id)
        if message is None:
            return
        dialog = EditMessageDialog(message.text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._chat.edit_message(message_id, dialog.text()))
        dialog.open()

    @Slot(str)
    def _on_chat_view_data_view_requested(self, message_id: str) -> None:
        from PySide6.QtWidgets import QDialog, QVBoxLayout

        from desktop_app.ui.json_view import JsonAnswerView

        message = self._chat.current.find(message_id)
        if message is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Answer as data"))
        dialog.resize(760, 480)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.data_view = JsonAnswerView(dialog)
        QVBoxLayout(dialog).addWidget(self.data_view)
        self.data_view.set_answer(message.text)
        dialog.open()

    @Slot(object)
    def _on_connection_status_changed(self, text: str) -> None:
        self.statusBar().showMessage(translated(text))

    @Slot(str)
    def _on_chat_conversation_switched(self, _conversation_id: str) -> None:
        if not self.conversation_list.has_row_focus():  # a clicked row keeps the keys: Delete, F2, arrows
            self.composer.edit.setFocus()
        setup = self._chat.current.setup
        if setup is not None and setup.base_url and setup.base_url != self._connection.base_url:
            self.statusBar().showMessage(
                self.tr("This conversation was held with {0}; new replies come from {1}.").format(
                    setup.base_url, self._connection.base_url
                )
            )

    @Slot(str)
    def _on_chat_reply_without_audio(self, _reply_id: str) -> None:
        self.notice_bar.show_notice(
            self.tr(
                "The model answered in text only: no audio came with this reply. "
                "Spoken replies need an audio model such as gpt-audio-mini."
            )
        )

    @Slot()
    def _on_stop_action_triggered(self) -> None:
        # Esc stops the most immediate thing: a recording, else a streaming reply, else the sound
        # playing. A recording already being transcribed or sent is not thrown away.
        if self._voice.state is VoiceState.RECORDING and self._voice.cancel():
            return
        if self._chat.is_busy():
            self._chat.stop()
        else:
            self._playback.stop()

    @Slot(bool)
    def _on_conversations_action_toggled(self, shown: bool) -> None:
        self._show_side_panel(self.conversation_list, shown)

    @Slot(bool)
    def _on_parameters_action_toggled(self, shown: bool) -> None:
        self._show_side_panel(self.parameters_column, shown)

    @Slot(int, int)
    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        # A panel dragged shut counts as hidden, so the menu, the button and the shortcut bring it back.
        sizes = self.splitter.sizes()
        for action, index in ((self.view_menu.conversations_action, 0), (self.view_menu.parameters_action, 2)):
            if sizes[index] == 0 and action.isChecked():
                action.setChecked(False)

    @Slot(str)
    def _on_view_menu_theme_chosen(self, choice: str) -> None:
        self._settings.settings.window_state["theme"] = choice
        self._settings.save_soon()
        self.themes.set_choice(choice)

    @Slot(int)
    def _on_view_menu_zoom_requested(self, step: int) -> None:
        steps = self.chat_view.zoom() + step if step else 0
        self.chat_view.set_zoom(_zoom_steps(steps))
        self._settings.settings.window_state["chat_zoom"] = self.chat_view.zoom()
        self._settings.save_soon()

    @Slot()
    def _on_themes_theme_changed(self) -> None:
        theme = self.themes.theme
        self.chat_view.set_theme(theme)
        for widget in (self.notice_bar, self.player_bar, self.composer, self.mic_panel, self.params_panel):
            widget.set_theme(theme)
        if self._icons_loaded:
            self.load_icons()

    def load_icons(self) -> None:
        """Draw the window's icons in the theme's colours, one per event-loop turn (after the first
        paint: the SVG renderer is slow to load, and the SDK is loading behind the window meanwhile)."""
        self._icons_loaded = True
        color, ratio = self.themes.theme.window_text, self.devicePixelRatioF()
        attach = self.composer.tray.attach_button

        def attach_icon() -> None:
            attach.setIcon(themed_icon("attach", color, ratio))
            attach.setText("")  # the 📎 shown until now needs an emoji font

        self._icon_steps = [
            lambda: self.view_menu.conversations_action.setIcon(themed_icon("panel-left", color, ratio)),
            lambda: self.view_menu.parameters_action.setIcon(themed_icon("panel-right", color, ratio)),
            attach_icon,
            *self.chat_view.icon_steps(),
        ]
        self._icon_timer.start()

    @Slot()
    def _on_icon_timer_timeout(self) -> None:
        if self._icon_steps:
            self._icon_steps.pop(0)()
        if not self._icon_steps:
            self._icon_timer.stop()

    def _show_side_panel(self, panel: QWidget, shown: bool) -> None:
        index = self.splitter.indexOf(panel)
        panel.setVisible(shown)
        sizes = self.splitter.sizes()
        width = max(panel.sizeHint().width(), panel.minimumWidth(), PANEL_WIDTH)
        if shown and sizes[index] < width // 2:  # dragged shut, or squeezed while hidden: usual width
            sizes[index] = width
            sizes[1] = max(0, sizes[1] - width)
            self.splitter.setSizes(sizes)
        self._settings.settings.window_state[_HIDDEN_KEYS[index]] = not shown
        self._settings.save_soon()

    # -- Qt overrides ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # The push-to-talk key reaches the window from whichever child has focus (the composer ignores it).
        if not self.mic_panel.handle_key_press(event):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if not self.mic_panel.handle_key_release(event):
            super().keyReleaseEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls() or event.mimeData().hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        self.composer.receive_images(event.mimeData())
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        state = self._settings.settings.window_state
        state["geometry"] = bytes(self.saveGeometry().toBase64()).decode("ascii")
        state["splitter"] = bytes(self.splitter.saveState().toBase64()).decode("ascii")
        self._chat.shutdown()
        self.chat_view.shutdown()
        self._settings.save_now()
        super().closeEvent(event)

    def _restore_geometry(self) -> None:
        state = self._settings.settings.window_state
        if isinstance(state.get("geometry"), str):
            self.restoreGeometry(QByteArray.fromBase64(state["geometry"].encode("ascii")))
        if isinstance(state.get("splitter"), str):
            self.splitter.restoreState(QByteArray.fromBase64(state["splitter"].encode("ascii")))
        for action, index in ((self.view_menu.conversations_action, 0), (self.view_menu.parameters_action, 2)):
            action.setChecked(state.get(_HIDDEN_KEYS[index]) is not True)
            self._show_side_panel(self.splitter.widget(index), action.isChecked())


PANEL_WIDTH = 220  # the least width a side panel opens at
_HIDDEN_KEYS = {0: "conversations_hidden", 2: "parameters_hidden"}  # splitter index -> window_state key


def _zoom_steps(value) -> int:
    """A stored zoom as a step count within the range offered (0 when missing or broken)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return max(MIN_ZOOM, min(MAX_ZOOM, value))


def _export_folder() -> Path:
    """Where exports start (the export dialog's module is loaded only when first needed)."""
    from desktop_app.ui.export_dialog import default_folder

    return default_folder()
