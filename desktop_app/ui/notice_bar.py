"""A dismissible bar above the conversation for things the user must not miss (history problems)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton
from desktop_app.ui.safe_text import plain_labels
from desktop_app.ui.text import translated

from desktop_app.ui import theme


class NoticeBar(QFrame):
    """Shows one notice at a time until the user closes it; a newer notice replaces an older one."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        plain_labels(self.label)
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.set_theme(theme.current())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def set_theme(self, colors: theme.Theme) -> None:
        """Draw the bar in the theme's notice colours."""
        self.setStyleSheet(
            f"NoticeBar {{ background: {colors.notice_bg}; border: 1px solid {colors.notice_border};"
            f" border-radius: 4px; }} NoticeBar QLabel {{ color: {colors.notice_text}; }}"
        )

    @Slot(object)
    def show_notice(self, text: str) -> None:
        """Show a notice (plain text, or a LazyText from a controller, worded in the UI's language)."""
        self.label.setText(translated(text))
        self.show()
