"""Owns the settings object and writes it to disk off the GUI thread, coalescing bursts of edits."""

from __future__ import annotations

import copy

from PySide6.QtCore import QObject, QTimer, Slot

from desktop_app.core.settings import AppSettings
from desktop_app.services.settings_store import SettingsStore
from desktop_app.workers.task_runner import TaskRunner

SAVE_DELAY_MS = 400


class SettingsController(QObject):
    """The one `AppSettings` the controllers share, saved shortly after each change."""

    def __init__(self, store: SettingsStore, settings: AppSettings, tasks: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._store = store
        self._tasks = tasks
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def save_soon(self) -> None:
        """Schedule a save; many edits in a row (a slider drag) become one write."""
        self._timer.start()

    def save_now(self) -> None:
        """Write synchronously (on exit)."""
        self._timer.stop()
        self._store.save(self.settings)

    @Slot()
    def _on_timer_timeout(self) -> None:
        snapshot = copy.deepcopy(self.settings)
        self._tasks.run(lambda: self._store.save(snapshot))
