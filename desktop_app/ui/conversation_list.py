"""The sidebar: conversations of this session, newest first, and New chat."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop_app.controllers.chat_controller import ChatController


class ConversationList(QWidget):
    """Lists the conversations and switches between them."""

    def __init__(self, chat: ChatController, parent=None) -> None:
        super().__init__(parent)
        self._chat = chat
        self.new_button = QPushButton(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.list = QListWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.new_button)
        layout.addWidget(self.list)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.list.itemClicked.connect(self._on_list_item_clicked)
        chat.sig_conversations_changed.connect(self._update_list)
        self._update_list()

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self._chat.new_conversation()

    @Slot(QListWidgetItem)
    def _on_list_item_clicked(self, item: QListWidgetItem) -> None:
        self._chat.select_conversation(item.data(Qt.ItemDataRole.UserRole))

    @Slot()
    def _update_list(self) -> None:
        self.list.clear()
        for conversation in self._chat.conversations:
            item = QListWidgetItem(conversation.title or self.tr("New conversation"))
            item.setData(Qt.ItemDataRole.UserRole, conversation.id)
            self.list.addItem(item)
            if conversation is self._chat.current:
                item.setSelected(True)
                self.list.setCurrentItem(item)
