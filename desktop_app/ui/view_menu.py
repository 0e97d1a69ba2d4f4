"""The View menu: the side panels shown or hidden, the theme, and the size of the chat text."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desktop_app.ui.theme import DARK, LIGHT, SYSTEM


class ViewMenu(QMenu):
    """Panels, theme and zoom; the window acts on what is chosen."""

    sig_theme_chosen = Signal(str)
    """The user picked a theme: 'system', 'light' or 'dark'."""

    sig_zoom_requested = Signal(int)
    """Bigger (+1) or smaller (-1) chat text, or back to the usual size (0)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&View"), parent)
        self.conversations_action = self._toggle(self.tr("Conversation list"), "Ctrl+Shift+L")
        self.conversations_action.setToolTip(self.tr("Show or hide the conversation list (Ctrl+Shift+L)"))
        self.parameters_action = self._toggle(self.tr("Parameters"), "Ctrl+Shift+P")
        self.parameters_action.setToolTip(self.tr("Show or hide the parameters column (Ctrl+Shift+P)"))
        self.addSeparator()
        self.theme_menu = self.addMenu(self.tr("Theme"))
        self._theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for choice, label in (
            (SYSTEM, self.tr("System")),
            (LIGHT, self.tr("Light")),
            (DARK, self.tr("Dark")),
        ):
            action = QAction(label, self._theme_group, checkable=True)
            action.setData(choice)
            self.theme_menu.addAction(action)
            self.theme_actions[choice] = action
        self.addSeparator()
        self.zoom_in_action = QAction(self.tr("Bigger text"), self)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out_action = QAction(self.tr("Smaller text"), self)
        self.zoom_out_action.setShortcut(QKeySequence("Ctrl+-"))
        self.zoom_reset_action = QAction(self.tr("Usual text size"), self)
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            self.addAction(action)

        self._theme_group.triggered.connect(lambda action: self.sig_theme_chosen.emit(action.data()))
        self.zoom_in_action.triggered.connect(lambda: self.sig_zoom_requested.emit(1))
        self.zoom_out_action.triggered.connect(lambda: self.sig_zoom_requested.emit(-1))
        self.zoom_reset_action.triggered.connect(lambda: self.sig_zoom_requested.emit(0))

    def show_theme_choice(self, choice: str) -> None:
        """Tick the theme in use."""
        action = self.theme_actions.get(choice)
        if action is not None:
            action.setChecked(True)

    def _toggle(self, text: str, shortcut: str) -> QAction:
        action = QAction(text, self, checkable=True, checked=True)
        action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action
