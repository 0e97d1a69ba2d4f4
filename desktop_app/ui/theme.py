"""Light and dark palettes, and which one is shown: the user's choice or the system's colour scheme."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette

SYSTEM, LIGHT, DARK = "system", "light", "dark"
CHOICES = (SYSTEM, LIGHT, DARK)


@dataclass(frozen=True)
class Theme:
    """Every colour the chat view and its neighbours draw with (hex strings)."""

    name: str
    dark: bool
    window: str  # panels and buttons
    window_text: str
    button: str
    background: str  # the chat view behind the message cards
    text: str
    user_bg: str
    assistant_bg: str
    border: str
    muted: str  # secondary text: times, model names, usage
    error: str
    link: str
    highlight: str
    highlighted_text: str
    placeholder: str
    notice_bg: str
    notice_border: str
    notice_text: str
    meter_over: str  # the token count when the prompt does not fit
    success: str

    def qcolor(self, field_name: str) -> QColor:
        """One colour as a QColor."""
        return QColor(getattr(self, field_name))


LIGHT_THEME = Theme(
    name=LIGHT,
    dark=False,
    window="#f3f4f6",
    window_text="#1f2328",
    button="#e9ebef",
    background="#f8f9fb",
    text="#1f2328",
    user_bg="#e8f0fe",
    assistant_bg="#ffffff",
    border="#d0d7de",
    muted="#57606a",
    error="#b91c1c",
    link="#0757c4",
    highlight="#2563eb",
    highlighted_text="#ffffff",
    placeholder="#5f6672",
    notice_bg="#fff7e6",
    notice_border="#e0a93b",
    notice_text="#1f2328",
    meter_over="#b91c1c",
    success="#15703a",
)

DARK_THEME = Theme(
    name=DARK,
    dark=True,
    window="#1e2126",
    window_text="#e6edf3",
    button="#2b3038",
    background="#16181c",
    text="#e6edf3",
    user_bg="#1d2a3f",
    assistant_bg="#21252b",
    border="#3d444d",
    muted="#a1a9b3",
    error="#ff8a80",
    link="#6cb6ff",
    highlight="#2f6feb",
    highlighted_text="#ffffff",
    placeholder="#8b949e",
    notice_bg="#3b2f14",
    notice_border="#9e6a03",
    notice_text="#f5e7c8",
    meter_over="#ff8a80",
    success="#56d364",
)

THEMES = {LIGHT: LIGHT_THEME, DARK: DARK_THEME}
_current = LIGHT_THEME  # the theme last applied, for widgets made later (dialogs)


def current() -> Theme:
    """The theme the application is painted in now."""
    return _current


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two opaque colours (1 to 21)."""

    def luminance(color: str) -> float:
        c = QColor(color)
        channels = []
        for value in (c.redF(), c.greenF(), c.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def palette_of(theme: Theme) -> QPalette:
    """A whole application palette in the theme's colours."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, theme.window),
        (roles.WindowText, theme.window_text),
        (roles.Base, theme.assistant_bg),
        (roles.AlternateBase, theme.background),
        (roles.Text, theme.text),
        (roles.Button, theme.button),
        (roles.ButtonText, theme.window_text),
        (roles.BrightText, theme.error),
        (roles.Highlight, theme.highlight),
        (roles.HighlightedText, theme.highlighted_text),
        (roles.ToolTipBase, theme.assistant_bg),
        (roles.ToolTipText, theme.text),
        (roles.PlaceholderText, theme.placeholder),
        (roles.Link, theme.link),
        (roles.LinkVisited, theme.link),
        (roles.Light, theme.button),
        (roles.Midlight, theme.border),
        (roles.Mid, theme.border),
        (roles.Dark, theme.border),
        (roles.Shadow, "#000000"),
    ):
        palette.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor(theme.placeholder))
    return palette


class ThemeManager(QObject):
    """Holds the user's choice (system, light or dark) and the theme it resolves to, live."""

    sig_theme_changed = Signal()
    """The theme shown changed (read `theme`)."""

    def __init__(self, choice: str = SYSTEM, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._choice = choice if choice in CHOICES else SYSTEM
        hints = QGuiApplication.styleHints()
        self._system_scheme = hints.colorScheme()
        app = QGuiApplication.instance()
        # Read before the app is painted in a theme: a desktop that names no scheme is judged by this.
        window = app.palette().color(QPalette.ColorRole.Window) if app is not None else QColor("#ffffff")
        self._system_palette_dark = window.lightness() < 128
        self._native_palette = QPalette(app.palette()) if app is not None else QPalette()
        self._palette_set = False
        self.theme = self._resolve()
        hints.colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)

    @property
    def choice(self) -> str:
        """'system', 'light' or 'dark'."""
        return self._choice

    def set_choice(self, choice: str) -> None:
        """Follow the system, or keep to light or dark; applies at once."""
        if choice not in CHOICES or choice == self._choice:
            return
        self._choice = choice
        self.apply(ask_system=True)

    def apply(self, ask_system: bool = False) -> None:
        """Paint the application in the theme (and tell the views)."""
        app = QGuiApplication.instance()
        hints = QGuiApplication.styleHints()
        wanted = {LIGHT: Qt.ColorScheme.Light, DARK: Qt.ColorScheme.Dark}.get(self._choice, Qt.ColorScheme.Unknown)
        if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native styles draw their dark or light variant
            hints.blockSignals(True)  # our own request is not the system changing its mind
            hints.setColorScheme(wanted)
            hints.blockSignals(False)
            if ask_system and self._choice == SYSTEM:  # back to the system's: what does it say now?
                self._system_scheme = hints.colorScheme()
        self.theme = self._resolve()
        global _current
        _current = self.theme
        # The desktop's own palette when it already is light or dark as wanted (native look, and no
        # repolish of every widget at startup); ours when it is not, or when the user chose one.
        native = self._choice == SYSTEM and self._system_palette_dark == self.theme.dark
        if app is not None and not native:
            app.setPalette(palette_of(self.theme))
            self._palette_set = True
        elif app is not None and self._palette_set:
            app.setPalette(self._native_palette)
            self._palette_set = False
        self.sig_theme_changed.emit()

    # -- slots -----------------------------------------------------------------------------------

    @Slot(Qt.ColorScheme)
    def _on_style_hints_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self._system_scheme = scheme
        if self._choice == SYSTEM:
            self.apply()

    def _resolve(self) -> Theme:
        if self._choice in THEMES:
            return THEMES[self._choice]
        if self._system_scheme == Qt.ColorScheme.Dark:
            return DARK_THEME
        if self._system_scheme == Qt.ColorScheme.Light:
            return LIGHT_THEME
        # The system names no scheme: judge by its palette (a dark desktop theme paints windows dark).
        return DARK_THEME if self._system_palette_dark else LIGHT_THEME
