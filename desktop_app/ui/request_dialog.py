"""Shows a request as the exact JSON sent and as the equivalent Python: the bridge to the notebook."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.request import request_as_json, request_as_python, shortened_for_display


class RequestDialog(QDialog):
    """Two tabs, JSON and Python, each with a Copy button. The API key is never shown."""

    def __init__(self, request: dict, base_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Request"))
        self.resize(760, 560)
        header = f"POST {base_url.rstrip('/')}/chat/completions\nAuthorization: Bearer ••••••••\n\n"
        shown = shortened_for_display(request)
        self.json_text = header + request_as_json(shown)
        self.python_text = request_as_python(shown, base_url)
        # Copy gives the whole request, embedded data included (built only when asked for).
        whole_json = lambda: header + request_as_json(request)  # noqa: E731
        whole_python = lambda: request_as_python(request, base_url)  # noqa: E731
        if shown is request:
            whole_json, whole_python = (lambda: self.json_text), (lambda: self.python_text)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._page(self.json_text, whole_json), self.tr("JSON"))
        self.tabs.addTab(self._page(self.python_text, whole_python), self.tr("Python"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _page(self, text: str, whole: Callable[[], str]) -> QWidget:
        page = QWidget()
        edit = QPlainTextEdit(text)
        edit.setReadOnly(True)
        edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(whole()))
        layout = QVBoxLayout(page)
        layout.addWidget(edit)
        layout.addWidget(copy)
        return page
